/* DNSViz probe file -> capture. A pure, bounded converter for untrusted
 * input: gzip is inflated under max_document, the JSON is parsed with a
 * depth limit, every count is checked before the work it bounds, and every
 * missing or mistyped field is an error naming its JSON path.
 *
 * The format (DNSViz's analysis/online.py, query.py, response.py; see
 * docs/dnsviz.md): a top-level object keyed by canonical names ("tp.") plus
 * "_meta._dnsviz." {version, names}. Each name has a type, stub, analysis
 * times, parent, auth_ns_ip_mapping {ns: [addr]} and queries [{qname, qtype,
 * qclass, options, responses {server: {client: response}}}]. A response has
 * message (base64 or null), error/errno, msg_size, time_elapsed (ms) and
 * history [{time_elapsed, cause, cause_arg, action, action_arg}]: one entry
 * per failed attempt, whose action changes the options of the next one. */
#include "trustpath/dnsviz.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "capture_int.h"
#include "trustpath/inflate.h"
#include "trustpath/text.h"
#include "trustpath/wire.h"

#define META_KEY      "_meta._dnsviz."
#define NONE          SIZE_MAX
#define DETECT_PREFIX 65536
#define FLAG_RD       0x0100
#define FLAG_CD       0x0010
#define FLAG_TC       0x0200
#define EDNS_DO       0x8000
/* Bounds that keep every converted time within what the capture format
 * holds (offsets below 1e10 ms): one try lasts at most 1e7 ms (DNSViz gives
 * up after 26 s), and one file spans at most 30 days (a run takes minutes). */
#define MAX_TRY_MS  INT64_C(10000000)
#define MAX_SPAN_MS (INT64_C(30) * 86400 * 1000)
#define MAX_TYPES   256 /* as the capture format allows */

/* One top-level entry while converting. */
typedef struct ent {
    const char *key;
    json_object *obj;
    tp_dnsviz_name_t *pub;
    uint8_t lower[TP_NAME_MAX]; /* lower-cased wire name, for lookups */
    size_t lower_len;
    size_t parent; /* index of the parent entry, or NONE */
    uint16_t referral_type;
    bool has_referral_type;
    const uint8_t *nxrrset_name;
    uint16_t nxrrset_type;
    bool has_nxrrset;
    const uint8_t *nxdomain_name;
} ent_t;

typedef struct conv {
    const tp_capture_limits_t *lim;
    tp_capture_error_t *err;
    tp_capture_t *cap;
    tp_dnsviz_info_t *info;
    ent_t *ents;
    size_t ent_count;
    const ent_t **sorted;          /* entries ordered by lower name */
    tp_capture_attempt_t *scratch; /* attempts of the response at hand */
    size_t scratch_cap;
    int64_t t0_ms; /* earliest analysis_start */
    char path[384];
} conv_t;

/* ---- Errors and JSON access ----------------------------------------------
 */

static tp_err_t fail(conv_t *cv, tp_err_t code, const char *key,
                     const char *fmt, ...) TP_PRINTF(4, 5);

static tp_err_t fail(conv_t *cv, tp_err_t code, const char *key,
                     const char *fmt, ...)
{
    char what[160], where[448];
    size_t len, room;
    const char *shown;
    va_list ap;

    if (cv->err == NULL)
        return code;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    snprintf(where, sizeof(where), "%s%s%s", cv->path,
             key != NULL && cv->path[0] != '\0' ? "." : "",
             key != NULL ? key : "");
    if (where[0] == '\0') {
        snprintf(cv->err->message, sizeof(cv->err->message), "%s", what);
        return code;
    }
    /* Keep the whole explanation; cut the path's start if it is long. */
    len = strlen(where);
    room = sizeof(cv->err->message) - 1;
    room = room > strlen(what) + 2 ? room - strlen(what) - 2 : 0;
    shown = where;
    if (len > room && room > 3)
        shown = where + len - (room - 3);
    snprintf(cv->err->message, sizeof(cv->err->message), "%s%.*s: %s",
             shown != where ? "..." : "",
             (int)(shown != where ? room - 3 : len), shown, what);
    return code;
}

static const char *type_word(json_object *o)
{
    return o == NULL ? "null" : json_type_to_name(json_object_get_type(o));
}

/* Append to the path; returns the old length to restore with path_pop. */
static size_t path_push(conv_t *cv, const char *fmt, ...) TP_PRINTF(2, 3);

static size_t path_push(conv_t *cv, const char *fmt, ...)
{
    size_t old = strlen(cv->path);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(cv->path + old, sizeof(cv->path) - old, fmt, ap);
    va_end(ap);
    return old;
}

static void path_pop(conv_t *cv, size_t old)
{
    cv->path[old] = '\0';
}

static tp_err_t member(conv_t *cv, json_object *obj, const char *key,
                       json_type type, bool required, json_object **out)
{
    json_object *v = NULL;

    *out = NULL;
    if (!json_object_object_get_ex(obj, key, &v) || v == NULL) {
        if (required)
            return fail(cv, TP_EFORMAT, key, "missing");
        return TP_OK;
    }
    if (json_object_get_type(v) != type)
        return fail(cv, TP_EFORMAT, key, "expected %s, found %s",
                    json_type_to_name(type), type_word(v));
    *out = v;
    return TP_OK;
}

static tp_err_t get_string(conv_t *cv, json_object *obj, const char *key,
                           bool required, size_t max, const char **out)
{
    json_object *v;
    tp_err_t err = member(cv, obj, key, json_type_string, required, &v);
    int len;

    *out = NULL;
    if (err != TP_OK || v == NULL)
        return err;
    len = json_object_get_string_len(v);
    if (len < 0 || (size_t)len > max)
        return fail(cv, TP_EFORMAT, key, "longer than %zu bytes", max);
    if (memchr(json_object_get_string(v), '\0', (size_t)len) != NULL)
        return fail(cv, TP_EFORMAT, key, "contains a NUL character");
    *out = json_object_get_string(v);
    return TP_OK;
}

static tp_err_t get_bool(conv_t *cv, json_object *obj, const char *key,
                         bool required, bool *out)
{
    json_object *v;
    tp_err_t err = member(cv, obj, key, json_type_boolean, required, &v);

    if (err == TP_OK && v != NULL)
        *out = json_object_get_boolean(v) != 0;
    return err;
}

static tp_err_t get_int(conv_t *cv, json_object *obj, const char *key,
                        bool required, int64_t min, int64_t max, int64_t *out)
{
    json_object *v;
    tp_err_t err = member(cv, obj, key, json_type_int, required, &v);
    int64_t n;

    if (err != TP_OK || v == NULL)
        return err;
    n = json_object_get_int64(v);
    if (n < min || n > max)
        return fail(cv, TP_EFORMAT, key, "%lld is outside %lld..%lld",
                    (long long)n, (long long)min, (long long)max);
    *out = n;
    return TP_OK;
}

/* A name in presentation form -> wire form in the capture's arena. */
static tp_err_t name_from(conv_t *cv, const char *key, const char *text,
                          const uint8_t **out)
{
    uint8_t wire[TP_NAME_MAX];
    size_t wire_len;

    if (tp_name_from_text(text, strlen(text), NULL, wire, &wire_len) != TP_OK)
        return fail(cv, TP_EFORMAT, key, "\"%.80s\" is not a domain name",
                    text);
    *out = tp_name_dup(cv->cap->arena, wire);
    return *out != NULL ? TP_OK : TP_ENOMEM;
}

static tp_err_t get_name(conv_t *cv, json_object *obj, const char *key,
                         bool required, const uint8_t **out)
{
    const char *text;
    tp_err_t err = get_string(cv, obj, key, required, TP_NAME_TEXT_MAX, &text);

    *out = NULL;
    if (err != TP_OK || text == NULL)
        return err;
    return name_from(cv, key, text, out);
}

static tp_err_t get_type(conv_t *cv, json_object *obj, const char *key,
                         bool required, uint16_t *out, bool *present)
{
    const char *text;
    tp_err_t err = get_string(cv, obj, key, required, 32, &text);

    if (present != NULL)
        *present = false;
    if (err != TP_OK || text == NULL)
        return err;
    if (tp_type_from_text(text, strlen(text), out) != TP_OK)
        return fail(cv, TP_EFORMAT, key, "unknown type \"%.32s\"", text);
    if (present != NULL)
        *present = true;
    return TP_OK;
}

/* "2026-11-22 00:50:09 UTC" -> Unix milliseconds. */
static tp_err_t get_time(conv_t *cv, json_object *obj, const char *key,
                         int64_t *out)
{
    const char *text;
    char iso[32];
    tp_err_t err = get_string(cv, obj, key, true, 64, &text);

    if (err != TP_OK)
        return err;
    if (strlen(text) != 23 || text[10] != ' ' || strcmp(text + 19, " UTC") != 0)
        goto bad;
    memcpy(iso, text, 19);
    iso[10] = 'T';
    iso[19] = 'Z';
    iso[20] = '\0';
    if (tp_capture_time_parse(iso, out))
        return TP_OK;
bad:
    return fail(cv, TP_EFORMAT, key,
                "\"%.40s\" is not a time \"YYYY-MM-DD HH:MM:SS UTC\"", text);
}

static bool is_address(const char *text)
{
    unsigned char addr[16];

    return inet_pton(AF_INET, text, addr) == 1 ||
           inet_pton(AF_INET6, text, addr) == 1;
}

/* ---- Input: gzip and JSON ------------------------------------------------
 */

/* ---- Detection -----------------------------------------------------------
 */

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p;
}

/* At p: `"text"` (exactly); returns the position after it or NULL. */
static const char *expect_word(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word);

    p = skip_ws(p, end);
    if ((size_t)(end - p) < n || memcmp(p, word, n) != 0)
        return NULL;
    return p + n;
}

/* `{ "<name>" : { "type" : "<mode>" , "stub"` at the start of the text. */
static bool starts_like_dnsviz(const char *p, const char *end)
{
    const char *q;

    if ((p = expect_word(p, end, "{")) == NULL ||
        (p = expect_word(p, end, "\"")) == NULL)
        return false;
    q = memchr(p, '"', (size_t)(end - p));
    if (q == NULL || q == p || q[-1] != '.' || q - p > TP_NAME_TEXT_MAX)
        return false;
    p = q + 1;
    if ((p = expect_word(p, end, ":")) == NULL ||
        (p = expect_word(p, end, "{")) == NULL ||
        (p = expect_word(p, end, "\"type\"")) == NULL ||
        (p = expect_word(p, end, ":")) == NULL)
        return false;
    if ((q = expect_word(p, end, "\"authoritative\"")) == NULL &&
        (q = expect_word(p, end, "\"recursive\"")) == NULL &&
        (q = expect_word(p, end, "\"cache\"")) == NULL)
        return false;
    return (q = expect_word(q, end, ",")) != NULL &&
           expect_word(q, end, "\"stub\"") != NULL;
}

static bool has_meta_key(const char *p, size_t len)
{
    static const char key[] = "\"" META_KEY "\"";
    const size_t n = sizeof(key) - 1;
    const char *end = p + len;

    for (; (size_t)(end - p) >= n; p++) {
        p = memchr(p, '"', (size_t)(end - p) - n + 1);
        if (p == NULL)
            return false;
        if (memcmp(p, key, n) == 0) {
            const char *after = skip_ws(p + n, end);
            if (after < end && *after == ':')
                return true;
        }
    }
    return false;
}

bool tp_dnsviz_detect(const void *data, size_t len)
{
    tp_buf_t buf;
    bool yes;

    if (data == NULL || len == 0)
        return false;
    if (!tp_gzip_detect(data, len))
        return has_meta_key(data, len) ||
               starts_like_dnsviz(data, (const char *)data + len);
    tp_buf_init(&buf, DETECT_PREFIX);
    if (tp_gunzip(tp_bytes(data, len), &buf, NULL) != TP_OK) {
        /* Cut at the limit or corrupt: the prefix decoded will do. */
    }
    yes =
        buf.len != 0 && (has_meta_key((const char *)buf.data, buf.len) ||
                         starts_like_dnsviz((const char *)buf.data,
                                            (const char *)buf.data + buf.len));
    tp_buf_clear(&buf);
    return yes;
}

/* ---- Names ---------------------------------------------------------------
 */

static const char *const mode_names[] = {"authoritative", "recursive", "cache"};

const char *tp_dnsviz_mode_name(tp_dnsviz_mode_t mode)
{
    return (unsigned)mode < 3 ? mode_names[mode] : "?";
}

static int lower_cmp(const uint8_t *a, size_t alen, const uint8_t *b,
                     size_t blen)
{
    if (alen != blen)
        return alen < blen ? -1 : 1;
    return memcmp(a, b, alen);
}

static size_t find_ent(const conv_t *cv, const uint8_t *name)
{
    uint8_t low[TP_NAME_MAX];
    size_t len = tp_name_copy_lower(name, low), lo = 0, hi = cv->ent_count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ent_t *e = cv->sorted[mid];
        int c = lower_cmp(low, len, e->lower, e->lower_len);
        if (c == 0)
            return (size_t)(e - cv->ents);
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NONE;
}

static int sort_cmp(const void *a, const void *b)
{
    const ent_t *x = *(const ent_t *const *)a;
    const ent_t *y = *(const ent_t *const *)b;

    return lower_cmp(x->lower, x->lower_len, y->lower, y->lower_len);
}

const tp_dnsviz_name_t *tp_dnsviz_find_name(const tp_dnsviz_info_t *info,
                                            const uint8_t *name)
{
    if (info == NULL || name == NULL)
        return NULL;
    for (size_t i = 0; i < info->name_count; i++) {
        if (tp_name_equal(info->names[i].name, name))
            return &info->names[i];
    }
    return NULL;
}

static tp_err_t load_servers(conv_t *cv, ent_t *e)
{
    tp_dnsviz_name_t *pub = e->pub;
    json_object *map;
    size_t n = 0, k = 0;
    tp_dnsviz_server_t *list;
    tp_err_t err =
        member(cv, e->obj, "auth_ns_ip_mapping", json_type_object, false, &map);

    if (err != TP_OK || map == NULL)
        return err;
    json_object_object_foreach(map, ns0, addrs0)
    {
        if (!json_object_is_type(addrs0, json_type_array))
            return fail(cv, TP_EFORMAT, "auth_ns_ip_mapping",
                        "\"%.80s\": expected array, found %s", ns0,
                        type_word(addrs0));
        n += json_object_array_length(addrs0);
        if (n > 100000)
            return fail(cv, TP_ELIMIT, "auth_ns_ip_mapping",
                        "more than 100000 addresses");
    }
    list = tp_arena_array(cv->cap->arena, n + 1, sizeof(*list));
    if (list == NULL)
        return TP_ENOMEM;
    json_object_object_foreach(map, ns, addrs)
    {
        const uint8_t *ns_wire;
        size_t m = json_object_array_length(addrs);

        if ((err = name_from(cv, "auth_ns_ip_mapping", ns, &ns_wire)) != TP_OK)
            return err;
        for (size_t i = 0; i < m; i++) {
            json_object *a = json_object_array_get_idx(addrs, i);
            const char *text = json_object_get_string(a);
            if (!json_object_is_type(a, json_type_string) || !is_address(text))
                return fail(cv, TP_EFORMAT, "auth_ns_ip_mapping",
                            "\"%.80s\"[%zu]: not an IP address", ns, i);
            list[k].ns_name = ns_wire;
            if ((list[k].address = tp_arena_strdup(cv->cap->arena, text)) ==
                NULL)
                return TP_ENOMEM;
            k++;
        }
    }
    pub->servers = list;
    pub->server_count = k;
    return TP_OK;
}

static tp_err_t load_entry(conv_t *cv, ent_t *e)
{
    tp_dnsviz_name_t *pub = e->pub;
    const char *text;
    json_object *q;
    tp_err_t err;

    if ((err = name_from(cv, NULL, e->key, &pub->name)) != TP_OK)
        return err;
    e->lower_len = tp_name_copy_lower(pub->name, e->lower);
    if (!json_object_is_type(e->obj, json_type_object))
        return fail(cv, TP_EFORMAT, NULL, "expected object, found %s",
                    type_word(e->obj));
    if ((err = get_string(cv, e->obj, "type", true, 32, &text)) != TP_OK)
        return err;
    if (strcmp(text, "authoritative") == 0)
        pub->mode = TP_DNSVIZ_AUTHORITATIVE;
    else if (strcmp(text, "recursive") == 0)
        pub->mode = TP_DNSVIZ_RECURSIVE;
    else if (strcmp(text, "cache") == 0)
        pub->mode = TP_DNSVIZ_CACHE;
    else
        return fail(cv, TP_EFORMAT, "type",
                    "\"%.32s\" is not authoritative, recursive or cache", text);
    if ((err = get_bool(cv, e->obj, "stub", true, &pub->stub)) != TP_OK ||
        (err = get_time(cv, e->obj, "analysis_start",
                        &pub->analysis_start_ms)) != TP_OK ||
        (err = get_time(cv, e->obj, "analysis_end", &pub->analysis_end_ms)) !=
            TP_OK ||
        (err = get_name(cv, e->obj, "parent", false, &pub->parent)) != TP_OK ||
        (err = get_bool(cv, e->obj, "explicit_delegation", false,
                        &pub->explicit_delegation)) != TP_OK ||
        (err = get_type(cv, e->obj, "referral_rdtype", false, &e->referral_type,
                        &e->has_referral_type)) != TP_OK ||
        (err = get_name(cv, e->obj, "nxdomain_name", false,
                        &e->nxdomain_name)) != TP_OK ||
        (err = get_name(cv, e->obj, "nxrrset_name", false, &e->nxrrset_name)) !=
            TP_OK ||
        (err = get_type(cv, e->obj, "nxrrset_rdtype", e->nxrrset_name != NULL,
                        &e->nxrrset_type, &e->has_nxrrset)) != TP_OK ||
        (err = load_servers(cv, e)) != TP_OK)
        return err;
    e->has_nxrrset = e->has_nxrrset && e->nxrrset_name != NULL;
    if (pub->analysis_end_ms < pub->analysis_start_ms)
        return fail(cv, TP_EFORMAT, "analysis_end",
                    "earlier than analysis_start");
    pub->zone = pub->server_count != 0 || pub->name[0] == 0;
    if (!pub->stub) {
        /* Old files (before 1.1) keyed queries by "qname/class/type". */
        if (!json_object_object_get_ex(e->obj, "queries", &q) || q == NULL)
            return fail(cv, TP_EFORMAT, "queries", "missing (not a stub)");
        if (!json_object_is_type(q, json_type_array) &&
            !json_object_is_type(q, json_type_object))
            return fail(cv, TP_EFORMAT, "queries",
                        "expected array or object, found %s", type_word(q));
    }
    return TP_OK;
}

/* A resolver's answers carry no referrals and DNSViz may store no server
 * map for a recursive analysis: there a name is a zone when some NS answer
 * at the name holds an NS RRset owned by it. */
static bool answers_ns(const conv_t *cv, const ent_t *e)
{
    json_object *qs = NULL;
    tp_arena_t *arena;
    tp_buf_t bytes;
    bool found = false;
    size_t n;

    if (!json_object_object_get_ex(e->obj, "queries", &qs) ||
        !json_object_is_type(qs, json_type_array))
        return false;
    arena = tp_arena_new(0);
    if (arena == NULL)
        return false;
    tp_buf_init(&bytes, cv->lim->max_response);
    n = json_object_array_length(qs);
    for (size_t i = 0; i < n && !found; i++) {
        json_object *q = json_object_array_get_idx(qs, i), *t, *resp;
        if (!json_object_object_get_ex(q, "qtype", &t) ||
            !json_object_is_type(t, json_type_string) ||
            strcmp(json_object_get_string(t), "NS") != 0 ||
            !json_object_object_get_ex(q, "responses", &resp) ||
            !json_object_is_type(resp, json_type_object))
            continue;
        json_object_object_foreach(resp, server, clients)
        {
            (void)server;
            if (found || !json_object_is_type(clients, json_type_object))
                continue;
            json_object_object_foreach(clients, client, r)
            {
                json_object *m;
                tp_msg_t msg;
                const char *b64;
                (void)client;
                if (found || !json_object_object_get_ex(r, "message", &m) ||
                    !json_object_is_type(m, json_type_string))
                    continue;
                b64 = json_object_get_string(m);
                tp_buf_reset(&bytes);
                if (tp_base64_decode(b64, strlen(b64), &bytes) != TP_OK ||
                    tp_msg_parse(bytes.data, bytes.len, arena, &msg) != TP_OK)
                    continue;
                for (size_t k = 0; k < msg.answer.count; k++) {
                    found |=
                        msg.answer.rrs[k].type == TP_TYPE_NS &&
                        tp_name_equal(msg.answer.rrs[k].owner, e->pub->name);
                }
            }
        }
    }
    tp_buf_clear(&bytes);
    tp_arena_free(arena);
    return found;
}

/* ---- Zone attribution ----------------------------------------------------
 */

static bool serves(const tp_dnsviz_name_t *n, const char *addr,
                   const uint8_t **ns_out)
{
    for (size_t i = 0; i < n->server_count; i++) {
        if (strcmp(n->servers[i].address, addr) == 0) {
            if (ns_out != NULL)
                *ns_out = n->servers[i].ns_name;
            return true;
        }
    }
    return false;
}

/* The nearest zone at or above entry i, following "parent" links. */
static size_t zone_of(const conv_t *cv, size_t i)
{
    for (size_t hops = 0; i != NONE && hops <= cv->ent_count; hops++) {
        if (cv->ents[i].pub->zone)
            return i;
        i = cv->ents[i].parent;
    }
    return NONE;
}

/* Which zone a query of entry i to server addr was asked as. Queries stored
 * under a non-zone name went to its zone's servers. Under a zone: DS goes
 * to the parent; the referral query (NS or referral_rdtype at the name)
 * went to the parent when the server is one of the parent's and not one of
 * the zone's; anything else to a server of the zone is the zone's, to a
 * server of the parent only the parent's. Resolvers serve neither: their
 * answers are attributed by the question alone. */
static size_t asked_as(const conv_t *cv, size_t i, const uint8_t *qname,
                       uint16_t qtype, const char *addr)
{
    size_t zone = zone_of(cv, i), parent;
    const tp_dnsviz_name_t *z, *p;
    bool in_zone, in_parent, at_name;

    if (zone == NONE)
        return NONE;
    if (zone != i)
        return zone;
    parent = zone_of(cv, cv->ents[i].parent);
    if (parent == NONE)
        return zone;
    z = cv->ents[zone].pub;
    p = cv->ents[parent].pub;
    if (qtype == TP_TYPE_DS)
        return parent;
    in_zone = serves(z, addr, NULL);
    in_parent = serves(p, addr, NULL);
    at_name = tp_name_equal(qname, z->name);
    if (at_name && !in_zone && in_parent &&
        (qtype == TP_TYPE_NS ||
         (cv->ents[i].has_referral_type && qtype == cv->ents[i].referral_type)))
        return parent;
    if (!in_zone && in_parent)
        return parent;
    return zone;
}

static const char *purpose_of(const conv_t *cv, size_t i, size_t zone,
                              const uint8_t *qname, uint16_t qtype)
{
    const ent_t *e = &cv->ents[i];
    bool at_name = tp_name_equal(qname, e->pub->name);

    if (qtype == TP_TYPE_DS)
        return "ds";
    if (e->nxdomain_name != NULL && tp_name_equal(qname, e->nxdomain_name))
        return "nxdomain-probe";
    if (e->has_nxrrset && qtype == e->nxrrset_type &&
        tp_name_equal(qname, e->nxrrset_name))
        return "nodata-probe";
    if (at_name && zone != i && zone != NONE && e->pub->zone &&
        (qtype == TP_TYPE_NS ||
         (e->has_referral_type && qtype == e->referral_type)))
        return "referral";
    if (at_name && !e->pub->zone && qtype == TP_TYPE_NS)
        return "referral";
    switch (qtype) {
    case TP_TYPE_NS:
        return "ns";
    case TP_TYPE_SOA:
        return "soa";
    case TP_TYPE_DNSKEY:
        return "dnskey";
    case TP_TYPE_NSEC3PARAM:
        return "nsec3param";
    case TP_TYPE_CDS:
        return "cds";
    case TP_TYPE_CDNSKEY:
        return "cdnskey";
    default:
        return "answer";
    }
}

/* ---- Responses -----------------------------------------------------------
 */

/* Options in effect for one attempt (DNSViz's "effective" options). */
typedef struct opts {
    int64_t flags;
    int64_t edns; /* -1: no EDNS */
    int64_t payload;
    int64_t edns_flags;
    bool tcp;
} opts_t;

static bool errno_outcome(const char *name, tp_outcome_t *out)
{
    if (name == NULL)
        return false;
    if (strcmp(name, "ECONNREFUSED") == 0 || strcmp(name, "ECONNRESET") == 0) {
        *out = TP_OUTCOME_CONN_REFUSED;
        return true;
    }
    if (strcmp(name, "ENETUNREACH") == 0 || strcmp(name, "EHOSTUNREACH") == 0 ||
        strcmp(name, "EADDRNOTAVAIL") == 0) {
        *out = TP_OUTCOME_NET_UNREACHABLE;
        return true;
    }
    return false;
}

/* A history cause or a final error -> outcome. `final` errors have no
 * message, so INVALID_RCODE and DIAGNOSTIC there are plain errors. */
static bool cause_outcome(const char *cause, const char *arg, bool final,
                          tp_outcome_t *out)
{
    *out = TP_OUTCOME_ERROR;
    if (strcmp(cause, "TIMEOUT") == 0)
        *out = TP_OUTCOME_TIMEOUT;
    else if (strcmp(cause, "NETWORK_ERROR") == 0)
        (void)errno_outcome(arg, out);
    else if (strcmp(cause, "FORMERR") == 0)
        *out = TP_OUTCOME_MALFORMED;
    else if (strcmp(cause, "TC") == 0 && !final)
        *out = TP_OUTCOME_TRUNCATED;
    else if ((strcmp(cause, "INVALID_RCODE") == 0 ||
              strcmp(cause, "DIAGNOSTIC") == 0) &&
             !final)
        *out = TP_OUTCOME_RESPONSE;
    else if (strcmp(cause, "INVALID_RCODE") != 0 &&
             strcmp(cause, "ERROR") != 0 && strcmp(cause, "UNKNOWN") != 0)
        return false;
    return true;
}

/* cause_arg / errno: a name ("ECONNREFUSED") since 1.1, a number in 1.0
 * (Linux numbering, where DNSViz runs; the usual ones are named). */
static tp_err_t get_errno(conv_t *cv, json_object *obj, const char *key,
                          char buf[32], const char **out)
{
    static const struct {
        int64_t num;
        const char *name;
    } linux_errno[] = {{99, "EADDRNOTAVAIL"}, {101, "ENETUNREACH"},
                       {104, "ECONNRESET"},   {110, "ETIMEDOUT"},
                       {111, "ECONNREFUSED"}, {113, "EHOSTUNREACH"}};

    json_object *v;

    *out = NULL;
    if (!json_object_object_get_ex(obj, key, &v) || v == NULL)
        return TP_OK;
    if (json_object_is_type(v, json_type_int)) {
        int64_t n = json_object_get_int64(v);
        snprintf(buf, 32, "errno %lld", (long long)n);
        for (size_t i = 0; i < sizeof(linux_errno) / sizeof(linux_errno[0]);
             i++) {
            if (linux_errno[i].num == n)
                snprintf(buf, 32, "%s", linux_errno[i].name);
        }
        *out = buf;
        return TP_OK;
    }
    if (!json_object_is_type(v, json_type_string) ||
        json_object_get_string_len(v) > 31)
        return fail(cv, TP_EFORMAT, key, "expected a short string, found %s",
                    type_word(v));
    *out = json_object_get_string(v);
    return TP_OK;
}

static tp_err_t apply_action(conv_t *cv, json_object *h, const char *action,
                             opts_t *o)
{
    static const char *const plain[] = {
        "NO_CHANGE",          "CHANGE_SPORT",      "ADD_EDNS_OPTION",
        "REMOVE_EDNS_OPTION", "UPDATE_DNS_COOKIE", NULL};
    int64_t arg = 0;
    tp_err_t err;

    for (size_t i = 0; plain[i] != NULL; i++) {
        if (strcmp(action, plain[i]) == 0)
            return TP_OK;
    }
    if (strcmp(action, "USE_TCP") == 0) {
        o->tcp = true;
        return TP_OK;
    }
    if (strcmp(action, "USE_UDP") == 0) {
        o->tcp = false;
        return TP_OK;
    }
    if (strcmp(action, "DISABLE_EDNS") == 0) {
        o->edns = -1;
        return TP_OK;
    }
    if ((err = get_int(cv, h, "action_arg", true, 0, 65535, &arg)) != TP_OK)
        return err;
    if (strcmp(action, "SET_FLAG") == 0)
        o->flags |= arg;
    else if (strcmp(action, "CLEAR_FLAG") == 0)
        o->flags &= ~arg;
    else if (strcmp(action, "CHANGE_UDP_MAX_PAYLOAD") == 0) {
        o->payload = arg;
        o->tcp = false;
    } else if (strcmp(action, "SET_EDNS_FLAG") == 0)
        o->edns_flags |= arg;
    else if (strcmp(action, "CLEAR_EDNS_FLAG") == 0)
        o->edns_flags &= ~arg;
    else if (strcmp(action, "CHANGE_EDNS_VERSION") == 0)
        o->edns = arg & 0xff;
    else
        return fail(cv, TP_EFORMAT, "action", "unknown action \"%.40s\"",
                    action);
    return TP_OK;
}

/* Milliseconds: an integer (1.1+) or, as "response_time", seconds (1.0). */
static tp_err_t get_elapsed(conv_t *cv, json_object *obj, uint64_t *us_out)
{
    json_object *v;
    double s;

    if (json_object_object_get_ex(obj, "time_elapsed", &v) && v != NULL) {
        if (!json_object_is_type(v, json_type_int) ||
            json_object_get_int64(v) < 0 ||
            json_object_get_int64(v) > MAX_TRY_MS)
            return fail(cv, TP_EFORMAT, "time_elapsed",
                        "not a duration in 0..1e7 ms");
        *us_out = (uint64_t)json_object_get_int64(v) * 1000;
        return TP_OK;
    }
    if (json_object_object_get_ex(obj, "response_time", &v) && v != NULL) {
        s = json_object_get_double(v);
        if ((!json_object_is_type(v, json_type_double) &&
             !json_object_is_type(v, json_type_int)) ||
            !(s >= 0 && s <= MAX_TRY_MS / 1000))
            return fail(cv, TP_EFORMAT, "response_time",
                        "not a duration in 0..1e4 s");
        *us_out = (uint64_t)(s * 1e6 + 0.5);
        return TP_OK;
    }
    return fail(cv, TP_EFORMAT, "time_elapsed", "missing");
}

static void set_flags(tp_query_flags_t *f, const opts_t *o)
{
    f->rd = (o->flags & FLAG_RD) != 0;
    f->cd = (o->flags & FLAG_CD) != 0;
    f->edns = o->edns >= 0;
    f->do_bit = f->edns && (o->edns_flags & EDNS_DO) != 0;
    f->udp_size = f->edns ? (uint16_t)o->payload : 0;
}

static tp_err_t load_history(conv_t *cv, json_object *r, opts_t *o,
                             tp_capture_query_t *q, uint64_t *t)
{
    json_object *hist;
    size_t n;
    tp_err_t err = member(cv, r, "history", json_type_array, false, &hist);

    if (err != TP_OK)
        return err;
    n = hist != NULL ? json_object_array_length(hist) : 0;
    if (n + 1 > cv->lim->max_attempts)
        return fail(cv, TP_ELIMIT, "history", "%zu retries, limit %zu", n,
                    cv->lim->max_attempts - 1);
    if (n + 1 > cv->scratch_cap) {
        tp_capture_attempt_t *more =
            realloc(cv->scratch, (n + 1) * sizeof(*more));
        if (more == NULL)
            return TP_ENOMEM;
        cv->scratch = more;
        cv->scratch_cap = n + 1;
    }
    memset(cv->scratch, 0, (n + 1) * sizeof(*cv->scratch));
    q->attempts = cv->scratch;
    for (size_t i = 0; i < n; i++) {
        json_object *h = json_object_array_get_idx(hist, i);
        tp_capture_attempt_t *a = &q->attempts[i];
        const char *cause, *action, *arg;
        char buf[32];
        size_t old = path_push(cv, ".history[%zu]", i);

        if (!json_object_is_type(h, json_type_object))
            return fail(cv, TP_EFORMAT, NULL, "expected object, found %s",
                        type_word(h));
        a->transport = o->tcp ? TP_TRANSPORT_TCP : TP_TRANSPORT_UDP;
        a->start_us = *t;
        if ((err = get_elapsed(cv, h, &a->duration_us)) != TP_OK ||
            (err = get_string(cv, h, "cause", true, 32, &cause)) != TP_OK ||
            (err = get_errno(cv, h, "cause_arg", buf, &arg)) != TP_OK ||
            (err = get_string(cv, h, "action", true, 32, &action)) != TP_OK)
            return err;
        if (!cause_outcome(cause, arg, false, &a->outcome))
            return fail(cv, TP_EFORMAT, "cause", "unknown cause \"%.32s\"",
                        cause);
        if ((err = apply_action(cv, h, action, o)) != TP_OK)
            return err;
        *t += a->duration_us;
        path_pop(cv, old);
    }
    q->attempt_count = n + 1;
    cv->info->retry_count += n;
    return TP_OK;
}

static tp_err_t load_message(conv_t *cv, json_object *r, tp_capture_query_t *q,
                             tp_buf_t *bytes, bool *has)
{
    json_object *m;
    const char *text;
    size_t len, max_text = (cv->lim->max_response / 3 + 1) * 4;
    tp_err_t err;

    *has = false;
    if (!json_object_object_get_ex(r, "message", &m))
        return fail(cv, TP_EFORMAT, "message", "missing");
    if (m == NULL)
        return TP_OK;
    if (!json_object_is_type(m, json_type_string))
        return fail(cv, TP_EFORMAT, "message",
                    "expected string or null, found %s", type_word(m));
    text = json_object_get_string(m);
    len = (size_t)json_object_get_string_len(m);
    if (len > max_text)
        return fail(cv, TP_ELIMIT, "message", "longer than %zu bytes",
                    cv->lim->max_response);
    tp_buf_reset(bytes);
    err = tp_base64_decode(text, len, bytes);
    if (err == TP_ENOSPACE)
        return fail(cv, TP_ELIMIT, "message", "longer than %zu bytes",
                    cv->lim->max_response);
    if (err == TP_ENOMEM)
        return err;
    if (err != TP_OK || bytes->len < 12)
        return fail(cv, TP_EFORMAT, "message",
                    err != TP_OK ? "bad base64" : "shorter than a DNS header");
    q->response = tp_bytes(bytes->data, bytes->len);
    q->attempts[q->attempt_count - 1].id =
        (uint16_t)(bytes->data[0] << 8 | bytes->data[1]);
    *has = true;
    return TP_OK;
}

static tp_err_t load_final(conv_t *cv, json_object *r, tp_capture_query_t *q,
                           bool has_message, char *detail, size_t detail_len)
{
    const char *error, *eno;
    char buf[32];
    tp_err_t err;

    if ((err = get_string(cv, r, "error", !has_message, 32, &error)) != TP_OK ||
        (err = get_errno(cv, r, "errno", buf, &eno)) != TP_OK)
        return err;
    if (has_message) {
        bool tc = (q->response.data[2] << 8 | q->response.data[3]) & FLAG_TC;
        q->outcome = tc && q->transport == TP_TRANSPORT_UDP
                         ? TP_OUTCOME_TRUNCATED
                         : TP_OUTCOME_RESPONSE;
        return TP_OK;
    }
    if (!cause_outcome(error, eno, true, &q->outcome))
        return fail(cv, TP_EFORMAT, "error", "unknown error \"%.32s\"", error);
    snprintf(detail, detail_len, "DNSViz: %s%s%s", error, eno ? " " : "",
             eno ? eno : "");
    q->detail = detail;
    cv->info->error_count++;
    return TP_OK;
}

typedef struct qctx {
    size_t ent;
    const uint8_t *qname;
    uint16_t qtype, qclass;
    opts_t opts;
} qctx_t;

/* One (query, server, client) response -> one capture query. */
static tp_err_t load_response(conv_t *cv, const qctx_t *qc, const char *server,
                              json_object *r, tp_buf_t *bytes)
{
    const ent_t *e = &cv->ents[qc->ent];
    tp_capture_query_t q;
    opts_t o = qc->opts;
    uint64_t t;
    size_t zone;
    bool has_message;
    char detail[96];
    tp_err_t err;

    if (cv->cap->query_count >= cv->lim->max_queries)
        return fail(cv, TP_ELIMIT, NULL, "more than %zu responses",
                    cv->lim->max_queries);
    if (!json_object_is_type(r, json_type_object))
        return fail(cv, TP_EFORMAT, NULL, "expected object, found %s",
                    type_word(r));
    memset(&q, 0, sizeof(q));
    q.server = server;
    q.port = 53;
    q.qname = qc->qname;
    q.qtype = qc->qtype;
    q.qclass = qc->qclass;
    zone = asked_as(cv, qc->ent, qc->qname, qc->qtype, server);
    if (zone != NONE) {
        q.zone = cv->ents[zone].pub->name;
        if (!serves(cv->ents[zone].pub, server, &q.server_name))
            (void)serves(e->pub, server, &q.server_name);
    }
    /* A resolver is listed under a placeholder ("ns1._dnsviz.*."). */
    if (e->pub->mode != TP_DNSVIZ_AUTHORITATIVE)
        q.server_name = NULL;
    q.purpose = purpose_of(cv, qc->ent, zone, qc->qname, qc->qtype);
    t = (uint64_t)(e->pub->analysis_start_ms - cv->t0_ms) * 1000;
    q.start_us = t;
    if ((err = load_history(cv, r, &o, &q, &t)) != TP_OK)
        return err;
    /* The answering attempt used the options the history left. */
    set_flags(&q.flags, &o);
    q.transport = o.tcp ? TP_TRANSPORT_TCP : TP_TRANSPORT_UDP;
    if ((err = load_message(cv, r, &q, bytes, &has_message)) != TP_OK ||
        (err = load_final(cv, r, &q, has_message, detail, sizeof(detail))) !=
            TP_OK)
        return err;
    {
        tp_capture_attempt_t *last = &q.attempts[q.attempt_count - 1];
        uint64_t took;
        if ((err = get_elapsed(cv, r, &took)) != TP_OK)
            return err;
        last->transport = q.transport;
        last->start_us = t;
        last->duration_us = took;
        last->outcome = q.outcome;
        q.duration_us = t + took - q.start_us;
    }
    if ((err = tp_capture_add_query(cv->cap, &q, NULL)) != TP_OK)
        return err;
    e->pub->response_count++;
    return TP_OK;
}

static tp_err_t load_options(conv_t *cv, json_object *qo, opts_t *o)
{
    json_object *opt;
    tp_err_t err = member(cv, qo, "options", json_type_object, true, &opt);
    int64_t v = -1;
    size_t old;

    if (err != TP_OK)
        return err;
    old = path_push(cv, ".options");
    memset(o, 0, sizeof(*o));
    o->edns = -1;
    if ((err = get_int(cv, opt, "flags", true, 0, 65535, &o->flags)) != TP_OK ||
        (err = get_int(cv, opt, "edns_version", false, 0, 255, &v)) != TP_OK)
        return err;
    if (v >= 0) {
        json_object *list;
        o->edns = v;
        if ((err = get_int(cv, opt, "edns_max_udp_payload", true, 0, 65535,
                           &o->payload)) != TP_OK ||
            (err = get_int(cv, opt, "edns_flags", true, 0, 65535,
                           &o->edns_flags)) != TP_OK ||
            (err = member(cv, opt, "edns_options", json_type_array, false,
                          &list)) != TP_OK)
            return err;
    }
    /* DNSViz writes "tcp" only with EDNS; absent means UDP. */
    if ((err = get_bool(cv, opt, "tcp", false, &o->tcp)) != TP_OK)
        return err;
    path_pop(cv, old);
    return TP_OK;
}

static tp_err_t load_query(conv_t *cv, size_t ei, json_object *qo,
                           tp_buf_t *bytes)
{
    qctx_t qc;
    json_object *resp;
    const char *text;
    tp_err_t err;

    if (!json_object_is_type(qo, json_type_object))
        return fail(cv, TP_EFORMAT, NULL, "expected object, found %s",
                    type_word(qo));
    memset(&qc, 0, sizeof(qc));
    qc.ent = ei;
    if ((err = get_name(cv, qo, "qname", true, &qc.qname)) != TP_OK ||
        (err = get_type(cv, qo, "qtype", true, &qc.qtype, NULL)) != TP_OK ||
        (err = get_string(cv, qo, "qclass", true, 32, &text)) != TP_OK)
        return err;
    if (tp_class_from_text(text, strlen(text), &qc.qclass) != TP_OK)
        return fail(cv, TP_EFORMAT, "qclass", "unknown class \"%.32s\"", text);
    if ((err = load_options(cv, qo, &qc.opts)) != TP_OK ||
        (err = member(cv, qo, "responses", json_type_object, true, &resp)) !=
            TP_OK)
        return err;
    cv->info->query_count++;
    cv->ents[ei].pub->query_count++;
    json_object_object_foreach(resp, server, clients)
    {
        size_t old = path_push(cv, ".responses[\"%.64s\"]", server);
        if (!is_address(server))
            return fail(cv, TP_EFORMAT, NULL, "not an IP address");
        if (!json_object_is_type(clients, json_type_object))
            return fail(cv, TP_EFORMAT, NULL, "expected object, found %s",
                        type_word(clients));
        json_object_object_foreach(clients, client, r)
        {
            size_t old2 = path_push(cv, "[\"%.64s\"]", client);
            if (!is_address(client))
                return fail(cv, TP_EFORMAT, NULL, "not an IP address");
            if ((err = load_response(cv, &qc, server, r, bytes)) != TP_OK)
                return err;
            path_pop(cv, old2);
        }
        path_pop(cv, old);
    }
    return TP_OK;
}

static tp_err_t load_queries(conv_t *cv, size_t ei)
{
    ent_t *e = &cv->ents[ei];
    json_object *qs = NULL;
    tp_buf_t bytes;
    tp_err_t err = TP_OK;

    if (e->pub->stub)
        return TP_OK;
    (void)json_object_object_get_ex(e->obj, "queries", &qs);
    tp_buf_init(&bytes, cv->lim->max_response);
    if (json_object_is_type(qs, json_type_array)) {
        size_t n = json_object_array_length(qs);
        for (size_t i = 0; i < n && err == TP_OK; i++) {
            size_t old = path_push(cv, ".queries[%zu]", i);
            err = load_query(cv, ei, json_object_array_get_idx(qs, i), &bytes);
            if (err == TP_OK)
                path_pop(cv, old);
        }
    } else {
        json_object_object_foreach(qs, key, list)
        {
            size_t n, old = path_push(cv, ".queries[\"%.64s\"]", key);
            if (!json_object_is_type(list, json_type_array)) {
                err = fail(cv, TP_EFORMAT, NULL, "expected array, found %s",
                           type_word(list));
                break;
            }
            n = json_object_array_length(list);
            for (size_t i = 0; i < n && err == TP_OK; i++) {
                size_t old2 = path_push(cv, "[%zu]", i);
                err = load_query(cv, ei, json_object_array_get_idx(list, i),
                                 &bytes);
                if (err == TP_OK)
                    path_pop(cv, old2);
            }
            if (err != TP_OK)
                break;
            path_pop(cv, old);
        }
    }
    tp_buf_clear(&bytes);
    return err;
}

/* ---- Document ------------------------------------------------------------
 */

static tp_err_t load_meta(conv_t *cv, json_object *root, json_object **names)
{
    json_object *meta, *v;
    const char *text;
    unsigned major, minor;
    char tail;
    tp_err_t err;

    *names = NULL;
    if (!json_object_object_get_ex(root, META_KEY, &meta))
        return fail(cv, TP_EFORMAT, NULL,
                    "not a DNSViz probe file (no \"" META_KEY "\" key)");
    snprintf(cv->path, sizeof(cv->path), "[\"" META_KEY "\"]");
    if (!json_object_is_type(meta, json_type_object))
        return fail(cv, TP_EFORMAT, NULL, "expected object, found %s",
                    type_word(meta));
    if (!json_object_object_get_ex(meta, "version", &v) || v == NULL)
        return fail(cv, TP_EFORMAT, "version", "missing");
    if (!json_object_is_type(v, json_type_double) &&
        !json_object_is_type(v, json_type_int) &&
        !json_object_is_type(v, json_type_string))
        return fail(cv, TP_EFORMAT, "version", "expected number, found %s",
                    type_word(v));
    /* DNSViz reads the version as text "major.minor" (1.2 is a float). */
    text = json_object_is_type(v, json_type_string)
               ? json_object_get_string(v)
               : json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
    if (json_object_is_type(v, json_type_int)) {
        if (sscanf(text, "%u%c", &major, &tail) != 1)
            return fail(cv, TP_EFORMAT, "version", "not a version: %.20s",
                        text);
        minor = 0;
    } else if (sscanf(text, "%u.%u%c", &major, &minor, &tail) != 2) {
        return fail(cv, TP_EFORMAT, "version", "not a version: %.20s", text);
    }
    if (major != 1 || minor > 2)
        return fail(cv, TP_EUNSUPPORTED, "version",
                    "unsupported DNSViz probe format %.20s (this build reads "
                    "1.0 to 1.2)",
                    text);
    cv->info->version_major = major;
    cv->info->version_minor = minor;
    if ((err = member(cv, meta, "names", json_type_array, false, names)) !=
        TP_OK)
        return err;
    cv->path[0] = '\0';
    return TP_OK;
}

static tp_err_t load_entries(conv_t *cv, json_object *root)
{
    size_t n = (size_t)json_object_object_length(root) - 1, k = 0;
    tp_dnsviz_name_t *pubs;
    tp_err_t err;

    if (n > cv->lim->max_names)
        return fail(cv, TP_ELIMIT, NULL, "%zu names, limit %zu", n,
                    cv->lim->max_names);
    cv->ents = calloc(n + 1, sizeof(*cv->ents));
    cv->sorted = calloc(n + 1, sizeof(*cv->sorted));
    pubs = tp_arena_array(cv->cap->arena, n + 1, sizeof(*pubs));
    if (cv->ents == NULL || cv->sorted == NULL || pubs == NULL)
        return TP_ENOMEM;
    json_object_object_foreach(root, key, val)
    {
        ent_t *e;
        if (strcmp(key, META_KEY) == 0)
            continue;
        e = &cv->ents[k];
        e->key = key;
        e->obj = val;
        e->pub = &pubs[k];
        e->parent = NONE;
        snprintf(cv->path, sizeof(cv->path), "[\"%.200s\"]", key);
        if ((err = load_entry(cv, e)) != TP_OK)
            return err;
        if (!e->pub->zone && !e->pub->stub &&
            e->pub->mode != TP_DNSVIZ_AUTHORITATIVE)
            e->pub->zone = answers_ns(cv, e);
        cv->sorted[k] = e;
        k++;
    }
    cv->ent_count = k;
    qsort(cv->sorted, k, sizeof(*cv->sorted), sort_cmp);
    for (size_t i = 1; i < k; i++) {
        const ent_t *a = cv->sorted[i - 1];
        const ent_t *b = cv->sorted[i];
        if (lower_cmp(a->lower, a->lower_len, b->lower, b->lower_len) == 0) {
            snprintf(cv->path, sizeof(cv->path), "[\"%.200s\"]", b->key);
            return fail(cv, TP_EFORMAT, NULL, "the name appears twice");
        }
    }
    for (size_t i = 0; i < k; i++) {
        ent_t *e = &cv->ents[i];
        if (e->pub->parent == NULL)
            continue;
        e->parent = find_ent(cv, e->pub->parent);
        if (e->parent == NONE || e->parent == i) {
            snprintf(cv->path, sizeof(cv->path), "[\"%.200s\"]", e->key);
            return fail(cv, TP_EFORMAT, "parent", "names no other entry");
        }
    }
    cv->info->names = pubs;
    cv->info->name_count = k;
    cv->path[0] = '\0';
    return TP_OK;
}

/* The names asked for, and the types asked at them (their own queries,
 * without the zone-structure types and DNSViz's probes). */
static tp_err_t load_requested(conv_t *cv, json_object *names)
{
    size_t n = names != NULL ? json_object_array_length(names) : 0;
    tp_err_t err;

    snprintf(cv->path, sizeof(cv->path), "[\"" META_KEY "\"].names");
    for (size_t i = 0; i < n; i++) {
        json_object *v = json_object_array_get_idx(names, i);
        const uint8_t *wire = NULL;
        size_t ei;

        if (!json_object_is_type(v, json_type_string))
            return fail(cv, TP_EFORMAT, NULL, "entry %zu is not a string", i);
        if ((err = name_from(cv, NULL, json_object_get_string(v), &wire)) !=
            TP_OK)
            return err;
        ei = find_ent(cv, wire);
        if (ei == NONE)
            return fail(cv, TP_EFORMAT, NULL, "\"%.80s\" has no entry",
                        json_object_get_string(v));
        cv->ents[ei].pub->requested = true;
    }
    cv->path[0] = '\0';
    /* Without a list (or an empty one), every analysed name that is no
     * other name's parent was asked for. */
    if (n == 0) {
        for (size_t i = 0; i < cv->ent_count; i++)
            cv->ents[i].pub->requested = !cv->ents[i].pub->stub;
        for (size_t i = 0; i < cv->ent_count; i++) {
            if (cv->ents[i].parent != NONE)
                cv->ents[cv->ents[i].parent].pub->requested = false;
        }
    }
    for (size_t i = 0; i < cv->ent_count; i++) {
        const tp_dnsviz_name_t *p = cv->ents[i].pub;
        if (p->requested &&
            (err = tp_capture_add_name(cv->cap, p->name)) != TP_OK)
            return err;
    }
    return TP_OK;
}

static bool is_structure_type(uint16_t t)
{
    return t == TP_TYPE_NS || t == TP_TYPE_DS || t == TP_TYPE_DNSKEY ||
           t == TP_TYPE_CDS || t == TP_TYPE_CDNSKEY || t == TP_TYPE_NSEC3PARAM;
}

static tp_err_t collect_types(conv_t *cv)
{
    tp_err_t err;

    for (size_t i = 0; i < cv->cap->query_count; i++) {
        const tp_capture_query_t *q = &cv->cap->queries[i];
        size_t ei;
        bool asked, seen = false;

        if (q->purpose == NULL || strcmp(q->purpose, "answer") != 0 ||
            is_structure_type(q->qtype))
            continue;
        ei = find_ent(cv, q->qname);
        asked = ei != NONE && cv->ents[ei].pub->requested;
        for (size_t k = 0; k < cv->cap->type_count && !seen; k++)
            seen = cv->cap->types[k] == q->qtype;
        if (asked && !seen && cv->cap->type_count < MAX_TYPES &&
            (err = tp_capture_add_type(cv->cap, q->qtype)) != TP_OK)
            return err;
    }
    return TP_OK;
}

static tp_err_t summarise(conv_t *cv)
{
    tp_dnsviz_info_t *info = cv->info;
    bool first = true, any_requested = false;
    int64_t end = 0, start = 0;

    for (size_t i = 0; i < cv->ent_count; i++) {
        const tp_dnsviz_name_t *p = cv->ents[i].pub;
        if (i == 0 || p->analysis_start_ms < start)
            start = p->analysis_start_ms;
        if (i == 0 || p->analysis_end_ms > end)
            end = p->analysis_end_ms;
        info->stub_count += p->stub;
        if (p->requested) {
            if (!any_requested || p->analysis_end_ms > info->reference_time_ms)
                info->reference_time_ms = p->analysis_end_ms;
            if (!any_requested)
                info->mode = p->mode;
            any_requested = true;
        }
    }
    if (!any_requested)
        info->reference_time_ms = end;
    for (size_t i = 0; i < cv->ent_count; i++) {
        const tp_dnsviz_name_t *p = cv->ents[i].pub;
        if (first && !any_requested) {
            info->mode = p->mode;
            first = false;
        }
        if (p->mode != info->mode)
            info->mixed_modes = true;
    }
    cv->cap->start_time_ms = start;
    cv->cap->end_time_ms = end;
    cv->cap->reference_time_ms = info->reference_time_ms;
    cv->cap->source = info->mode == TP_DNSVIZ_AUTHORITATIVE
                          ? TP_CAPTURE_SOURCE_AUTHORITATIVE
                          : TP_CAPTURE_SOURCE_RESOLVER;
    for (size_t i = 0; i < cv->ent_count; i++) {
        const tp_dnsviz_name_t *p = cv->ents[i].pub;
        tp_err_t err;
        if (p->stub && (err = tp_capture_add_stub(cv->cap, p->name)) != TP_OK)
            return err;
    }
    cv->t0_ms = start;
    if (end - start > MAX_SPAN_MS)
        return fail(cv, TP_EFORMAT, NULL,
                    "the analysis times span more than 30 days");
    return TP_OK;
}

static tp_err_t convert(conv_t *cv, const char *text, size_t len)
{
    json_object *root = NULL, *names;
    char tool[48];
    tp_err_t err;

    if ((err = tp_capture_json_parse(text, len, cv->lim->max_depth, &root,
                                     cv->err)) != TP_OK)
        return err;
    if (!json_object_is_type(root, json_type_object)) {
        err = fail(cv, TP_EFORMAT, NULL, "top level is not a JSON object");
        goto out;
    }
    if ((cv->cap = tp_capture_new()) == NULL) {
        err = TP_ENOMEM;
        goto out;
    }
    if ((err = load_meta(cv, root, &names)) != TP_OK)
        goto out;
    snprintf(tool, sizeof(tool), "dnsviz probe (format %u.%u)",
             cv->info->version_major, cv->info->version_minor);
    if ((err = tp_capture_set_tool(cv->cap, tool)) != TP_OK ||
        (err = load_entries(cv, root)) != TP_OK ||
        (err = load_requested(cv, names)) != TP_OK)
        goto out;
    if ((err = summarise(cv)) != TP_OK)
        goto out;
    for (size_t i = 0; i < cv->ent_count; i++) {
        snprintf(cv->path, sizeof(cv->path), "[\"%.200s\"]", cv->ents[i].key);
        if ((err = load_queries(cv, i)) != TP_OK)
            goto out;
    }
    cv->path[0] = '\0';
    if ((err = collect_types(cv)) != TP_OK)
        goto out;
    cv->info->response_count = cv->cap->query_count;
out:
    json_object_put(root);
    return err;
}

tp_err_t tp_capture_from_dnsviz(const void *data, size_t len,
                                const tp_capture_limits_t *limits,
                                tp_capture_t **out, tp_dnsviz_info_t *info_out,
                                tp_capture_error_t *err_out)
{
    tp_capture_limits_t defaults;
    tp_dnsviz_info_t info;
    conv_t cv;
    tp_buf_t plain;
    const char *text = data;
    tp_err_t err;

    if (err_out != NULL)
        memset(err_out, 0, sizeof(*err_out));
    if (info_out != NULL)
        memset(info_out, 0, sizeof(*info_out));
    if (out == NULL || (data == NULL && len != 0))
        return TP_EINVAL;
    *out = NULL;
    memset(&cv, 0, sizeof(cv));
    memset(&info, 0, sizeof(info));
    tp_capture_limits_default(&defaults);
    cv.lim = limits != NULL ? limits : &defaults;
    cv.err = err_out;
    cv.info = &info;
    tp_buf_init(&plain, cv.lim->max_document);
    if (len > cv.lim->max_document) {
        err = fail(&cv, TP_ELIMIT, NULL, "document larger than %zu bytes",
                   cv.lim->max_document);
        goto out;
    }
    if (tp_gzip_detect(data, len)) {
        const char *why = NULL;
        info.gzip = true;
        err = tp_gunzip(tp_bytes(data, len), &plain, &why);
        if (err == TP_ELIMIT)
            err = fail(&cv, TP_ELIMIT, NULL,
                       "gzip: the document inflates to more than %zu bytes",
                       cv.lim->max_document);
        else if (err != TP_OK && err != TP_ENOMEM)
            err = fail(&cv, TP_EFORMAT, NULL, "gzip: %s",
                       why != NULL ? why : "corrupt data");
        if (err != TP_OK)
            goto out;
        text = (const char *)plain.data;
        len = plain.len;
    }
    if (len > INT32_MAX) {
        err = fail(&cv, TP_ELIMIT, NULL, "document larger than 2 GiB");
        goto out;
    }
    err = convert(&cv, text != NULL ? text : "", len);
    if (err == TP_OK) {
        *out = cv.cap;
        cv.cap = NULL;
        if (info_out != NULL)
            *info_out = info;
    }
out:
    if (err == TP_ENOMEM && err_out != NULL && err_out->message[0] == '\0')
        snprintf(err_out->message, sizeof(err_out->message), "out of memory");
    tp_capture_free(cv.cap);
    free(cv.ents);
    free(cv.sorted);
    free(cv.scratch);
    tp_buf_clear(&plain);
    return err;
}
