/* JSON -> capture: a pure, bounded loader for untrusted capture files.
 * Every limit is checked before the work it bounds (document size before
 * parsing, nesting depth in the tokenizer, array lengths before walking,
 * base64 length before decoding). Unknown keys are ignored so newer minor
 * additions still load; missing or mistyped fields are errors that name
 * their path, e.g. "queries[3].qtype: unknown type "FOO"". */
#include <arpa/inet.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <json.h>

#include "capture_int.h"
#include "trustpath/capture.h"
#include "trustpath/text.h"
#include "trustpath/wire.h"

#define MAX_OFFSET_MS  1e10 /* about 115 days: far beyond any deadline */
#define MAX_SHORT_TEXT 4096

typedef struct loader {
    tp_capture_t *cap;
    const tp_capture_limits_t *lim;
    tp_capture_error_t *err;
    char path[64]; /* e.g. "queries[12].attempts[0]" */
} loader_t;

void tp_capture_limits_default(tp_capture_limits_t *limits)
{
    if (limits == NULL)
        return;
    limits->max_document = (size_t)256 << 20;
    limits->max_depth = 16;
    limits->max_queries = 1000000;
    limits->max_attempts = 64;
    limits->max_names = 100000;
    limits->max_response = 65535;
    limits->max_text = (size_t)4 << 20;
}

static tp_err_t fail(loader_t *ld, tp_err_t code, const char *key,
                     const char *fmt, ...) TP_PRINTF(4, 5);

static tp_err_t fail(loader_t *ld, tp_err_t code, const char *key,
                     const char *fmt, ...)
{
    char what[160];
    va_list ap;

    if (ld->err == NULL)
        return code;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    if (ld->path[0] == '\0' && key == NULL)
        snprintf(ld->err->message, sizeof(ld->err->message), "%s", what);
    else
        snprintf(ld->err->message, sizeof(ld->err->message),
                 "%.60s%s%.24s: %.110s", ld->path,
                 ld->path[0] != '\0' && key != NULL ? "." : "",
                 key != NULL ? key : "", what);
    return code;
}

static const char *type_word(json_object *o)
{
    return o == NULL ? "null" : json_type_to_name(json_object_get_type(o));
}

/* Fetch key from obj, with its type; *out NULL when absent or null and
 * `required` is false. */
static tp_err_t member(loader_t *ld, json_object *obj, const char *key,
                       json_type type, bool required, json_object **out)
{
    json_object *v = NULL;

    *out = NULL;
    if (!json_object_object_get_ex(obj, key, &v) || v == NULL) {
        if (required)
            return fail(ld, TP_EFORMAT, key, "missing");
        return TP_OK;
    }
    if (json_object_get_type(v) != type &&
        !(type == json_type_double && json_object_is_type(v, json_type_int)))
        return fail(ld, TP_EFORMAT, key, "expected %s, found %s",
                    json_type_to_name(type), type_word(v));
    *out = v;
    return TP_OK;
}

static tp_err_t get_string(loader_t *ld, json_object *obj, const char *key,
                           bool required, size_t max, const char **out,
                           size_t *len_out)
{
    json_object *v;
    tp_err_t err = member(ld, obj, key, json_type_string, required, &v);
    int len;

    *out = NULL;
    if (err != TP_OK || v == NULL)
        return err;
    len = json_object_get_string_len(v);
    *out = json_object_get_string(v);
    if (len < 0 || (size_t)len > max)
        return fail(ld, TP_ELIMIT, key, "longer than %zu bytes", max);
    if (memchr(*out, '\0', (size_t)len) != NULL)
        return fail(ld, TP_EFORMAT, key, "contains a NUL character");
    if (len_out != NULL)
        *len_out = (size_t)len;
    return TP_OK;
}

static tp_err_t get_uint(loader_t *ld, json_object *obj, const char *key,
                         bool required, int64_t max, int64_t *out)
{
    json_object *v;
    tp_err_t err = member(ld, obj, key, json_type_int, required, &v);
    int64_t n;

    if (err != TP_OK || v == NULL)
        return err;
    n = json_object_get_int64(v);
    if (n < 0 || n > max)
        return fail(ld, TP_EFORMAT, key, "%lld is outside 0..%lld",
                    (long long)n, (long long)max);
    *out = n;
    return TP_OK;
}

static tp_err_t get_bool(loader_t *ld, json_object *obj, const char *key,
                         bool required, bool *out)
{
    json_object *v;
    tp_err_t err = member(ld, obj, key, json_type_boolean, required, &v);

    if (err == TP_OK && v != NULL)
        *out = json_object_get_boolean(v) != 0;
    return err;
}

/* Milliseconds (integer or decimal) -> microseconds. */
static tp_err_t get_ms(loader_t *ld, json_object *obj, const char *key,
                       uint64_t *us_out)
{
    json_object *v;
    tp_err_t err = member(ld, obj, key, json_type_double, true, &v);
    double ms;

    if (err != TP_OK)
        return err;
    ms = json_object_get_double(v);
    if (!isfinite(ms) || ms < 0 || ms > MAX_OFFSET_MS)
        return fail(ld, TP_EFORMAT, key, "not a time offset in 0..1e10 ms");
    *us_out = (uint64_t)(ms * 1000.0 + 0.5); /* ms >= 0: round half up */
    return TP_OK;
}

static tp_err_t get_name(loader_t *ld, json_object *obj, const char *key,
                         bool required, const uint8_t **out)
{
    const char *text;
    size_t len = 0, wire_len;
    uint8_t wire[TP_NAME_MAX];
    tp_err_t err =
        get_string(ld, obj, key, required, TP_NAME_TEXT_MAX, &text, &len);

    *out = NULL;
    if (err != TP_OK || text == NULL)
        return err;
    if (tp_name_from_text(text, len, NULL, wire, &wire_len) != TP_OK)
        return fail(ld, TP_EFORMAT, key, "not a domain name");
    *out = tp_name_dup(ld->cap->arena, wire);
    return *out != NULL ? TP_OK : TP_ENOMEM;
}

static tp_err_t parse_type(loader_t *ld, const char *key, const char *text,
                           uint16_t *out)
{
    if (tp_type_from_text(text, strlen(text), out) != TP_OK)
        return fail(ld, TP_EFORMAT, key, "unknown type \"%.40s\"", text);
    return TP_OK;
}

static tp_err_t get_time(loader_t *ld, json_object *root, const char *key,
                         int64_t *out)
{
    const char *text;
    tp_err_t err = get_string(ld, root, key, true, 64, &text, NULL);

    if (err != TP_OK)
        return err;
    if (!tp_capture_time_parse(text, out))
        return fail(ld, TP_EFORMAT, key,
                    "not an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SS[.fff]Z)");
    return TP_OK;
}

static tp_err_t get_transport(loader_t *ld, json_object *obj,
                              tp_transport_t *out)
{
    const char *text;
    tp_err_t err = get_string(ld, obj, "transport", true, 16, &text, NULL);

    if (err != TP_OK)
        return err;
    if (strcmp(text, "udp") == 0)
        *out = TP_TRANSPORT_UDP;
    else if (strcmp(text, "tcp") == 0)
        *out = TP_TRANSPORT_TCP;
    else
        return fail(ld, TP_EFORMAT, "transport",
                    "\"%.20s\" is neither \"udp\" nor \"tcp\"", text);
    return TP_OK;
}

static tp_err_t get_outcome(loader_t *ld, json_object *obj, tp_outcome_t *out)
{
    const char *text;
    tp_err_t err = get_string(ld, obj, "outcome", true, 32, &text, NULL);

    if (err != TP_OK)
        return err;
    if (!tp_outcome_from_name(text, out))
        return fail(ld, TP_EFORMAT, "outcome", "unknown outcome \"%.32s\"",
                    text);
    return TP_OK;
}

/* Sets ld->path to "<base>[i]" and returns the old length to restore. */
static size_t path_push(loader_t *ld, const char *base, size_t i)
{
    size_t old = strlen(ld->path);

    snprintf(ld->path + old, sizeof(ld->path) - old, "%s%s[%zu]",
             old != 0 ? "." : "", base, i);
    return old;
}

static tp_err_t load_attempts(loader_t *ld, json_object *q,
                              tp_capture_query_t *out)
{
    json_object *arr;
    tp_err_t err = member(ld, q, "attempts", json_type_array, true, &arr);
    size_t n;

    if (err != TP_OK)
        return err;
    n = json_object_array_length(arr);
    if (n == 0)
        return fail(ld, TP_EFORMAT, "attempts", "empty (at least one try)");
    if (n > ld->lim->max_attempts)
        return fail(ld, TP_ELIMIT, "attempts", "%zu entries, limit %zu", n,
                    ld->lim->max_attempts);
    out->attempts = tp_arena_array(ld->cap->arena, n, sizeof(*out->attempts));
    if (out->attempts == NULL)
        return TP_ENOMEM;
    out->attempt_count = n;
    for (size_t i = 0; i < n; i++) {
        json_object *a = json_object_array_get_idx(arr, i);
        tp_capture_attempt_t *at = &out->attempts[i];
        size_t old = path_push(ld, "attempts", i);
        int64_t id = 0;

        if (!json_object_is_type(a, json_type_object))
            return fail(ld, TP_EFORMAT, NULL, "expected object, found %s",
                        type_word(a));
        if ((err = get_uint(ld, a, "id", true, 65535, &id)) != TP_OK ||
            (err = get_transport(ld, a, &at->transport)) != TP_OK ||
            (err = get_ms(ld, a, "start_ms", &at->start_us)) != TP_OK ||
            (err = get_ms(ld, a, "duration_ms", &at->duration_us)) != TP_OK ||
            (err = get_outcome(ld, a, &at->outcome)) != TP_OK)
            return err;
        at->id = (uint16_t)id;
        ld->path[old] = '\0';
    }
    return TP_OK;
}

static tp_err_t load_flags(loader_t *ld, json_object *q, tp_query_flags_t *f)
{
    json_object *o;
    int64_t size = 0;
    tp_err_t err = member(ld, q, "flags", json_type_object, true, &o);

    if (err != TP_OK)
        return err;
    if ((err = get_bool(ld, o, "rd", true, &f->rd)) != TP_OK ||
        (err = get_bool(ld, o, "cd", true, &f->cd)) != TP_OK ||
        (err = get_bool(ld, o, "edns", true, &f->edns)) != TP_OK ||
        (err = get_bool(ld, o, "do", true, &f->do_bit)) != TP_OK ||
        (err = get_uint(ld, o, "udp_size", true, 65535, &size)) != TP_OK)
        return fail(ld, err, "flags",
                    "incomplete (rd, cd, edns, do, "
                    "udp_size)");
    f->udp_size = (uint16_t)size;
    return TP_OK;
}

static tp_err_t load_response(loader_t *ld, json_object *q,
                              tp_capture_query_t *out)
{
    const char *text;
    size_t len, max_text = (ld->lim->max_response / 3 + 1) * 4;
    tp_buf_t bytes;
    tp_err_t err = get_string(ld, q, "response", false, SIZE_MAX, &text, &len);
    bool with_bytes = out->outcome == TP_OUTCOME_RESPONSE ||
                      out->outcome == TP_OUTCOME_MALFORMED ||
                      out->outcome == TP_OUTCOME_TRUNCATED;

    if (err != TP_OK)
        return err;
    if (text == NULL) {
        if (out->outcome == TP_OUTCOME_RESPONSE)
            return fail(ld, TP_EFORMAT, "response",
                        "missing (outcome is \"response\")");
        return TP_OK;
    }
    if (!with_bytes)
        return fail(ld, TP_EFORMAT, "response",
                    "present although the outcome is \"%s\"",
                    tp_outcome_name(out->outcome));
    if (len > max_text)
        return fail(ld, TP_ELIMIT, "response", "longer than %zu bytes",
                    ld->lim->max_response);
    tp_buf_init(&bytes, ld->lim->max_response);
    err = tp_base64_decode(text, len, &bytes);
    if (err == TP_OK && bytes.len == 0)
        err = TP_ESYNTAX;
    if (err == TP_OK) {
        void *copy = tp_arena_memdup(ld->cap->arena, bytes.data, bytes.len);
        out->response = tp_bytes(copy, bytes.len);
        err = copy != NULL ? TP_OK : TP_ENOMEM;
    } else if (err == TP_ENOSPACE) {
        err = fail(ld, TP_ELIMIT, "response", "longer than %zu bytes",
                   ld->lim->max_response);
    } else if (err != TP_ENOMEM) {
        err = fail(ld, TP_EFORMAT, "response", "bad base64");
    }
    tp_buf_clear(&bytes);
    return err;
}

static tp_err_t load_server(loader_t *ld, json_object *q,
                            tp_capture_query_t *out)
{
    unsigned char addr[16];
    const char *text;
    int64_t port = 53;
    tp_err_t err = get_string(ld, q, "server", true, 64, &text, NULL);

    if (err != TP_OK)
        return err;
    if (inet_pton(AF_INET, text, addr) != 1 &&
        inet_pton(AF_INET6, text, addr) != 1)
        return fail(ld, TP_EFORMAT, "server",
                    "\"%.64s\" is not an IPv4 or IPv6 address", text);
    out->server = tp_arena_strdup(ld->cap->arena, text);
    if (out->server == NULL)
        return TP_ENOMEM;
    if ((err = get_uint(ld, q, "port", false, 65535, &port)) != TP_OK)
        return err;
    if (port == 0)
        return fail(ld, TP_EFORMAT, "port", "0 is not a port");
    out->port = (uint16_t)port;
    return get_name(ld, q, "server_name", false, &out->server_name);
}

static tp_err_t load_question(loader_t *ld, json_object *q,
                              tp_capture_query_t *out)
{
    const char *text;
    tp_err_t err;

    if ((err = get_name(ld, q, "zone", false, &out->zone)) != TP_OK ||
        (err = get_name(ld, q, "qname", true, &out->qname)) != TP_OK ||
        (err = get_string(ld, q, "qtype", true, 32, &text, NULL)) != TP_OK ||
        (err = parse_type(ld, "qtype", text, &out->qtype)) != TP_OK ||
        (err = get_string(ld, q, "qclass", true, 32, &text, NULL)) != TP_OK)
        return err;
    if (tp_class_from_text(text, strlen(text), &out->qclass) != TP_OK)
        return fail(ld, TP_EFORMAT, "qclass", "unknown class \"%.32s\"", text);
    if ((err = get_string(ld, q, "purpose", false, 64, &text, NULL)) != TP_OK)
        return err;
    if (text != NULL &&
        (out->purpose = tp_arena_strdup(ld->cap->arena, text)) == NULL)
        return TP_ENOMEM;
    return TP_OK;
}

static tp_err_t load_query(loader_t *ld, json_object *q,
                           tp_capture_query_t *out)
{
    const char *detail;
    tp_err_t err;

    memset(out, 0, sizeof(*out));
    if (!json_object_is_type(q, json_type_object))
        return fail(ld, TP_EFORMAT, NULL, "expected object, found %s",
                    type_word(q));
    if ((err = load_server(ld, q, out)) != TP_OK ||
        (err = load_question(ld, q, out)) != TP_OK ||
        (err = load_flags(ld, q, &out->flags)) != TP_OK ||
        (err = get_transport(ld, q, &out->transport)) != TP_OK ||
        (err = get_ms(ld, q, "start_ms", &out->start_us)) != TP_OK ||
        (err = get_ms(ld, q, "duration_ms", &out->duration_us)) != TP_OK ||
        (err = get_outcome(ld, q, &out->outcome)) != TP_OK ||
        (err = load_response(ld, q, out)) != TP_OK ||
        (err = get_string(ld, q, "detail", false, MAX_SHORT_TEXT, &detail,
                          NULL)) != TP_OK ||
        (err = load_attempts(ld, q, out)) != TP_OK)
        return err;
    if (detail != NULL &&
        (out->detail = tp_arena_strdup(ld->cap->arena, detail)) == NULL)
        return TP_ENOMEM;
    return TP_OK;
}

static tp_err_t load_queries(loader_t *ld, json_object *root)
{
    json_object *arr;
    tp_err_t err = member(ld, root, "queries", json_type_array, true, &arr);
    size_t n;

    if (err != TP_OK)
        return err;
    n = json_object_array_length(arr);
    if (n > ld->lim->max_queries)
        return fail(ld, TP_ELIMIT, "queries", "%zu entries, limit %zu", n,
                    ld->lim->max_queries);
    if (n != 0) {
        ld->cap->queries = calloc(n, sizeof(*ld->cap->queries));
        if (ld->cap->queries == NULL)
            return TP_ENOMEM;
        ld->cap->query_cap = n;
    }
    for (size_t i = 0; i < n; i++) {
        path_push(ld, "queries", i);
        err = load_query(ld, json_object_array_get_idx(arr, i),
                         &ld->cap->queries[i]);
        if (err != TP_OK)
            return err;
        ld->cap->query_count++;
        ld->path[0] = '\0';
    }
    return TP_OK;
}

static tp_err_t load_names(loader_t *ld, json_object *root)
{
    json_object *arr;
    tp_err_t err = member(ld, root, "names", json_type_array, true, &arr);
    size_t n;

    if (err != TP_OK)
        return err;
    n = json_object_array_length(arr);
    if (n > ld->lim->max_names)
        return fail(ld, TP_ELIMIT, "names", "%zu entries, limit %zu", n,
                    ld->lim->max_names);
    ld->cap->names = tp_arena_array(ld->cap->arena, n + 1, sizeof(uint8_t *));
    if (ld->cap->names == NULL)
        return TP_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        json_object *v = json_object_array_get_idx(arr, i);
        uint8_t wire[TP_NAME_MAX];
        size_t wire_len;
        const char *text = json_object_get_string(v);

        if (!json_object_is_type(v, json_type_string) ||
            tp_name_from_text(text, strlen(text), NULL, wire, &wire_len) !=
                TP_OK)
            return fail(ld, TP_EFORMAT, "names",
                        "entry %zu is not a domain "
                        "name",
                        i);
        if ((ld->cap->names[i] = tp_name_dup(ld->cap->arena, wire)) == NULL)
            return TP_ENOMEM;
        ld->cap->name_count++;
    }
    return TP_OK;
}

static tp_err_t load_types(loader_t *ld, json_object *root)
{
    json_object *arr;
    tp_err_t err = member(ld, root, "types", json_type_array, true, &arr);
    size_t n;

    if (err != TP_OK)
        return err;
    n = json_object_array_length(arr);
    if (n > 256)
        return fail(ld, TP_ELIMIT, "types", "%zu entries, limit 256", n);
    ld->cap->types = tp_arena_array(ld->cap->arena, n + 1, sizeof(uint16_t));
    if (ld->cap->types == NULL)
        return TP_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        json_object *v = json_object_array_get_idx(arr, i);

        if (!json_object_is_type(v, json_type_string))
            return fail(ld, TP_EFORMAT, "types", "entry %zu is not a string",
                        i);
        if ((err = parse_type(ld, "types", json_object_get_string(v),
                              &ld->cap->types[i])) != TP_OK)
            return err;
        ld->cap->type_count++;
    }
    return TP_OK;
}

static tp_err_t load_options(loader_t *ld, json_object *root)
{
    tp_capture_options_t *opt = &ld->cap->options;
    json_object *o;
    int64_t t = 0, r = 0, d = 0, u = 0;
    tp_err_t err = member(ld, root, "options", json_type_object, false, &o);

    if (err != TP_OK || o == NULL)
        return err;
    snprintf(ld->path, sizeof(ld->path), "options");
    if ((err = get_uint(ld, o, "timeout_ms", false, UINT32_MAX, &t)) != TP_OK ||
        (err = get_uint(ld, o, "retries", false, UINT32_MAX, &r)) != TP_OK ||
        (err = get_uint(ld, o, "deadline_ms", false, UINT32_MAX, &d)) !=
            TP_OK ||
        (err = get_uint(ld, o, "udp_size", false, 65535, &u)) != TP_OK ||
        (err = get_bool(ld, o, "ipv4", false, &opt->ipv4)) != TP_OK ||
        (err = get_bool(ld, o, "ipv6", false, &opt->ipv6)) != TP_OK)
        return err;
    ld->path[0] = '\0';
    opt->timeout_ms = (uint32_t)t;
    opt->retries = (uint32_t)r;
    opt->deadline_ms = (uint32_t)d;
    opt->udp_size = (uint16_t)u;
    return TP_OK;
}

/* Optional "limits_hit": the probe's bounds that stopped it. Names are
 * kept as they are (a later probe may know more bounds). */
static tp_err_t load_limits(loader_t *ld, json_object *root)
{
    json_object *arr;
    tp_err_t err = member(ld, root, "limits_hit", json_type_array, false, &arr);
    size_t n;

    if (err != TP_OK || arr == NULL)
        return err;
    n = json_object_array_length(arr);
    if (n > 32)
        return fail(ld, TP_ELIMIT, "limits_hit", "%zu entries, limit 32", n);
    for (size_t i = 0; i < n; i++) {
        json_object *v = json_object_array_get_idx(arr, i);
        const char *text = json_object_get_string(v);

        if (!json_object_is_type(v, json_type_string) || text == NULL ||
            text[0] == '\0' || strlen(text) > 64 ||
            strlen(text) != (size_t)json_object_get_string_len(v))
            return fail(ld, TP_EFORMAT, "limits_hit",
                        "entry %zu is not a bound's name", i);
        if ((err = tp_capture_add_limit(ld->cap, text)) != TP_OK)
            return err;
    }
    return TP_OK;
}

/* Optional "source" (absent: authoritative) and "reference_time". */
static tp_err_t load_source(loader_t *ld, json_object *root)
{
    const char *text;
    tp_err_t err = get_string(ld, root, "source", false, 64, &text, NULL);

    if (err != TP_OK)
        return err;
    if (text == NULL || strcmp(text, "authoritative") == 0)
        ld->cap->source = TP_CAPTURE_SOURCE_AUTHORITATIVE;
    else if (strcmp(text, "resolver") == 0)
        ld->cap->source = TP_CAPTURE_SOURCE_RESOLVER;
    else
        return fail(ld, TP_EFORMAT, "source",
                    "\"%.40s\" is neither \"authoritative\" nor "
                    "\"resolver\"",
                    text);
    if (json_object_object_get_ex(root, "reference_time", NULL) &&
        (err = get_time(ld, root, "reference_time",
                        &ld->cap->reference_time_ms)) != TP_OK)
        return err;
    json_object *arr;
    if ((err = member(ld, root, "stubs", json_type_array, false, &arr)) !=
            TP_OK ||
        arr == NULL)
        return err;
    size_t n = json_object_array_length(arr);
    if (n > ld->lim->max_names)
        return fail(ld, TP_ELIMIT, "stubs", "%zu entries, limit %zu", n,
                    ld->lim->max_names);
    for (size_t i = 0; i < n; i++) {
        json_object *v = json_object_array_get_idx(arr, i);
        const char *name = json_object_get_string(v);
        uint8_t wire[TP_NAME_MAX];
        size_t wire_len;

        if (!json_object_is_type(v, json_type_string) ||
            tp_name_from_text(name, strlen(name), NULL, wire, &wire_len) !=
                TP_OK)
            return fail(ld, TP_EFORMAT, "stubs",
                        "entry %zu is not a domain name", i);
        if ((err = tp_capture_add_stub(ld->cap, wire)) != TP_OK)
            return err;
    }
    return TP_OK;
}

static tp_err_t load_header(loader_t *ld, json_object *root)
{
    json_object *version;
    const char *text;
    size_t len;
    tp_err_t err;

    if (!json_object_object_get_ex(root, "trustpath_capture", &version))
        return fail(ld, TP_EFORMAT, NULL,
                    "not a trustpath capture (no \"trustpath_capture\" key)");
    if (!json_object_is_type(version, json_type_int) ||
        json_object_get_int64(version) != TP_CAPTURE_VERSION)
        return fail(ld, TP_EUNSUPPORTED, "trustpath_capture",
                    "unsupported version %.20s (this build reads %d)",
                    json_object_to_json_string(version), TP_CAPTURE_VERSION);
    if ((err = get_string(ld, root, "tool", true, 256, &text, NULL)) != TP_OK ||
        (err = tp_capture_set_tool(ld->cap, text)) != TP_OK ||
        (err = get_time(ld, root, "start", &ld->cap->start_time_ms)) != TP_OK ||
        (err = get_time(ld, root, "end", &ld->cap->end_time_ms)) != TP_OK)
        return err;
    if (ld->cap->end_time_ms < ld->cap->start_time_ms)
        return fail(ld, TP_EFORMAT, "end", "earlier than \"start\"");
    if ((err = get_string(ld, root, "root_hints", false, ld->lim->max_text,
                          &text, &len)) != TP_OK ||
        (err = tp_capture_set_root_hints(ld->cap, text, text ? len : 0)) !=
            TP_OK ||
        (err = get_string(ld, root, "trust_anchors", false, ld->lim->max_text,
                          &text, &len)) != TP_OK ||
        (err = tp_capture_set_trust_anchors(ld->cap, text, text ? len : 0)) !=
            TP_OK)
        return err;
    return TP_OK;
}

/* 1-based line and column of a byte offset. */
static void locate(const char *text, size_t offset, tp_capture_error_t *e)
{
    e->offset = offset;
    e->line = 1;
    e->column = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            e->line++;
            e->column = 1;
        } else {
            e->column++;
        }
    }
}

/* Writes the message of a failed parse; the code passes through. */
static tp_err_t parse_fail(tp_capture_error_t *e, tp_err_t code,
                           const char *fmt, ...) TP_PRINTF(3, 4);

static tp_err_t parse_fail(tp_capture_error_t *e, tp_err_t code,
                           const char *fmt, ...)
{
    va_list ap;

    if (e == NULL)
        return code;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof(e->message), fmt, ap);
    va_end(ap);
    return code;
}

tp_err_t tp_capture_json_parse(const char *text, size_t len, unsigned max_depth,
                               json_object **out, tp_capture_error_t *e)
{
    struct json_tokener *tok = json_tokener_new_ex((int)max_depth);
    enum json_tokener_error jerr;
    size_t end;
    tp_err_t err = TP_OK;

    *out = NULL;
    if (tok == NULL)
        return TP_ENOMEM;
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    *out = json_tokener_parse_ex(tok, text, (int)len);
    jerr = json_tokener_get_error(tok);
    end = json_tokener_get_parse_end(tok);
    if (*out == NULL && jerr == json_tokener_continue) {
        /* A lone NUL tells json-c the text ended (e.g. after a number). */
        *out = json_tokener_parse_ex(tok, "", 1);
        jerr = json_tokener_get_error(tok);
        end = len;
    }
    if (*out == NULL || jerr != json_tokener_success) {
        if (e != NULL)
            locate(text, end <= len ? end : len, e);
        if (jerr == json_tokener_error_depth)
            err = parse_fail(e, TP_ELIMIT, "JSON nested deeper than %u",
                             max_depth);
        else if (jerr == json_tokener_continue)
            err = parse_fail(e, TP_EFORMAT, "JSON ends unexpectedly");
        else
            err = parse_fail(e, TP_EFORMAT, "JSON syntax error: %s",
                             json_tokener_error_desc(jerr));
    } else {
        while (end < len && (text[end] == ' ' || text[end] == '\n' ||
                             text[end] == '\r' || text[end] == '\t'))
            end++;
        if (end < len) {
            if (e != NULL)
                locate(text, end, e);
            err = parse_fail(e, TP_EFORMAT, "trailing data after the JSON");
        }
    }
    json_tokener_free(tok);
    if (err != TP_OK) {
        json_object_put(*out);
        *out = NULL;
    }
    return err;
}

tp_err_t tp_capture_from_json(const char *text, size_t len,
                              const tp_capture_limits_t *limits,
                              tp_capture_t **out, tp_capture_error_t *err_out)
{
    tp_capture_limits_t defaults;
    loader_t ld = {0};
    json_object *root = NULL;
    tp_err_t err;

    if (err_out != NULL)
        memset(err_out, 0, sizeof(*err_out));
    if (out == NULL || (text == NULL && len != 0))
        return TP_EINVAL;
    *out = NULL;
    tp_capture_limits_default(&defaults);
    ld.lim = limits != NULL ? limits : &defaults;
    ld.err = err_out;
    if (len > ld.lim->max_document || len > INT32_MAX)
        return fail(&ld, TP_ELIMIT, NULL, "document larger than %zu bytes",
                    ld.lim->max_document);
    if ((err = tp_capture_json_parse(text != NULL ? text : "", len,
                                     ld.lim->max_depth, &root, ld.err)) !=
        TP_OK)
        return err;
    if (!json_object_is_type(root, json_type_object)) {
        err = fail(&ld, TP_EFORMAT, NULL, "top level is not a JSON object");
        goto out;
    }
    if ((ld.cap = tp_capture_new()) == NULL) {
        err = TP_ENOMEM;
        goto out;
    }
    if ((err = load_header(&ld, root)) != TP_OK ||
        (err = load_names(&ld, root)) != TP_OK ||
        (err = load_types(&ld, root)) != TP_OK ||
        (err = load_options(&ld, root)) != TP_OK ||
        (err = load_limits(&ld, root)) != TP_OK ||
        (err = load_source(&ld, root)) != TP_OK ||
        (err = load_queries(&ld, root)) != TP_OK)
        goto out;
    *out = ld.cap;
    ld.cap = NULL;
out:
    if (err == TP_ENOMEM && err_out != NULL && err_out->message[0] == '\0')
        snprintf(err_out->message, sizeof(err_out->message), "out of memory");
    tp_capture_free(ld.cap);
    json_object_put(root);
    return err;
}
