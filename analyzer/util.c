/* Small shared pieces of the analyzer: status words, options, trust-anchor
 * parsing, arena-backed arrays and strings, diagnostics and links. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyzer_int.h"
#include "trustpath/report.h"
#include "trustpath/text.h"

static const char *const status_words[TP_STATUS_COUNT] = {
    "secure", "insecure", "bogus", "indeterminate", "lame", "incomplete"};

const char *tp_status_str(tp_status_t status)
{
    if ((unsigned)status >= TP_STATUS_COUNT)
        return "indeterminate";
    return status_words[status];
}

static const char *const link_words[TP_LINK_COUNT] = {
    "valid",           "expired", "not_yet_valid", "bad_signature",
    "digest_mismatch", "invalid", "no_key",        "unsupported",
    "ignored",         "opt_out", "not_checked"};

const char *tp_link_status_str(tp_link_status_t status)
{
    if ((unsigned)status >= TP_LINK_COUNT)
        return "invalid";
    return link_words[status];
}

const char *tp_key_role_str(tp_key_role_t role)
{
    switch (role) {
    case TP_ROLE_KSK:
        return "ksk";
    case TP_ROLE_ZSK:
        return "zsk";
    case TP_ROLE_CSK:
        return "csk";
    case TP_ROLE_NONE:
        break;
    }
    return "none";
}

void tp_analysis_opts_init(tp_analysis_opts_t *opts, int64_t now)
{
    if (opts == NULL)
        return;
    memset(opts, 0, sizeof *opts);
    opts->now = now;
    opts->warn_expiry_s = 7 * 86400;
    opts->clock_skew_s = 300;
    opts->nsec3_max_iterations = TP_NSEC3_ITER_BUDGET_DEFAULT;
}

tp_err_t tp_anchors_parse(const char *text, size_t len, tp_arena_t *arena,
                          tp_rrlist_t *out, tp_text_error_t *err_out)
{
    if (text == NULL || arena == NULL || out == NULL)
        return TP_EINVAL;
    tp_rrlist_t all = {0};
    tp_err_t err = tp_zone_parse(text, len, NULL, 3600, arena, &all, err_out);
    if (err != TP_OK)
        return err;
    size_t kept = 0;
    for (size_t i = 0; i < all.count; i++) {
        if (all.rrs[i].type != TP_TYPE_DS && all.rrs[i].type != TP_TYPE_DNSKEY)
            continue;
        if ((err = tp_rrlist_push(out, arena, &all.rrs[i])) != TP_OK)
            return err;
        kept++;
    }
    return kept > 0 ? TP_OK : TP_ENOTFOUND;
}

void *an_push(tp_arena_t *arena, void **arr, size_t *count, size_t elem)
{
    size_t n = *count;
    /* implicit capacity: 4, 8, 16, ...; grow when n reaches it */
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
        size_t ncap = n == 0 ? 4 : n * 2;
        void *fresh = tp_arena_array(arena, ncap, elem);
        if (fresh == NULL)
            return NULL;
        if (n > 0)
            memcpy(fresh, *arr, n * elem);
        *arr = fresh;
    }
    unsigned char *p = (unsigned char *)*arr + n * elem;
    memset(p, 0, elem);
    *count = n + 1;
    return p;
}

bool an_strs_has(const char *const *list, size_t count, const char *str)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(list[i], str) == 0)
            return true;
    }
    return false;
}

bool an_strs_add(tp_arena_t *arena, const char ***list, size_t *count,
                 const char *str)
{
    if (str == NULL || an_strs_has(*list, *count, str))
        return true;
    const char **slot = an_push(arena, (void **)list, count, sizeof *slot);
    if (slot == NULL)
        return false;
    *slot = str;
    return true;
}

const char *an_name(tp_arena_t *arena, const uint8_t *name)
{
    char buf[TP_NAME_TEXT_MAX];
    if (name == NULL)
        return NULL;
    tp_name_to_text(name, buf);
    return tp_arena_strdup(arena, buf);
}

const char *an_printf(tp_arena_t *arena, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return tp_arena_strdup(arena, buf);
}

int64_t an_sig_time(uint32_t field, int64_t now)
{
    uint32_t ref = (uint32_t)((uint64_t)now & 0xffffffffu);
    int32_t delta = (int32_t)(field - ref);
    return now + delta;
}

const char *an_time(tp_arena_t *arena, int64_t t)
{
    char buf[32];
    tp_report_time(t, buf);
    return tp_arena_strdup(arena, buf);
}

const char *an_type(tp_arena_t *arena, uint16_t type)
{
    char buf[16];
    const char *t = tp_type_to_text(type, buf);
    return t == buf ? tp_arena_strdup(arena, buf) : t;
}

size_t an_select(tp_arena_t *arena, const tp_rrlist_t *sec,
                 const uint8_t *owner, uint16_t type, uint16_t covered,
                 tp_rr_t **out)
{
    size_t n = 0;
    *out = NULL;
    for (size_t i = 0; i < sec->count; i++) {
        const tp_rr_t *rr = &sec->rrs[i];
        if (rr->type != type || rr->rclass != TP_CLASS_IN ||
            (owner != NULL && !tp_name_equal(rr->owner, owner)))
            continue;
        if (covered != 0 &&
            (rr->rdata.len < 2 ||
             (uint16_t)(rr->rdata.data[0] << 8 | rr->rdata.data[1]) != covered))
            continue;
        n++;
    }
    if (n == 0)
        return 0;
    tp_rr_t *arr = tp_arena_array(arena, n, sizeof *arr);
    if (arr == NULL)
        return 0;
    size_t k = 0;
    for (size_t i = 0; i < sec->count && k < n; i++) {
        const tp_rr_t *rr = &sec->rrs[i];
        if (rr->type != type || rr->rclass != TP_CLASS_IN ||
            (owner != NULL && !tp_name_equal(rr->owner, owner)))
            continue;
        if (covered != 0 &&
            (rr->rdata.len < 2 ||
             (uint16_t)(rr->rdata.data[0] << 8 | rr->rdata.data[1]) != covered))
            continue;
        arr[k++] = *rr;
    }
    *out = arr;
    return k;
}

static bool rdata_in(const tp_rr_t *rr, const tp_rr_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (tp_rdata_compare(rr->rdata, set[i].rdata) == 0)
            return true;
    }
    return false;
}

static int rdata_ptr_cmp(const void *x, const void *y)
{
    const tp_bytes_t *a = *(const tp_bytes_t *const *)x;
    const tp_bytes_t *b = *(const tp_bytes_t *const *)y;
    return tp_rdata_compare(*a, *b);
}

/* The RDATA of rrs, sorted and without duplicates, in v (n entries). */
static size_t rdata_sorted(const tp_rr_t *rrs, size_t n, const tp_bytes_t **v)
{
    for (size_t i = 0; i < n; i++)
        v[i] = &rrs[i].rdata;
    qsort(v, n, sizeof *v, rdata_ptr_cmp);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k == 0 || tp_rdata_compare(*v[k - 1], *v[i]) != 0)
            v[k++] = v[i];
    }
    return k;
}

/* When either set is small: pairwise (linear in the other); two large ones
 * (a hostile server's RRset of thousands of records): sorted, n log n. */
#define AN_SAME_RDATA_PAIRWISE 64

bool an_same_rdata(const tp_rr_t *a, size_t na, const tp_rr_t *b, size_t nb)
{
    if (na <= AN_SAME_RDATA_PAIRWISE || nb <= AN_SAME_RDATA_PAIRWISE) {
        for (size_t i = 0; i < na; i++) {
            if (!rdata_in(&a[i], b, nb))
                return false;
        }
        for (size_t i = 0; i < nb; i++) {
            if (!rdata_in(&b[i], a, na))
                return false;
        }
        return true;
    }
    const tp_bytes_t **va = malloc((na + nb) * sizeof *va);
    if (va == NULL)
        return false; /* out of memory: taken as different */
    const tp_bytes_t **vb = va + na;
    size_t ka = rdata_sorted(a, na, va), kb = rdata_sorted(b, nb, vb);
    bool same = ka == kb;
    for (size_t i = 0; same && i < ka; i++)
        same = tp_rdata_compare(*va[i], *vb[i]) == 0;
    free(va);
    return same;
}

tp_an_node_t an_node(tp_an_node_kind_t kind, size_t zone, size_t index)
{
    tp_an_node_t n = {kind, zone, index};
    return n;
}

void an_diag(an_run_t *run, tp_diag_code_t code, const char *zone,
             const char *server, tp_an_node_t subject, const char *fmt, ...)
{
    tp_analysis_t *a = run->a;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);

    for (size_t i = 0; i < a->diag_count; i++) {
        tp_an_diag_t *d = &a->diags[i];
        if (d->code == code && strcmp(d->message, msg) == 0 &&
            ((d->zone == NULL && zone == NULL) ||
             (d->zone != NULL && zone != NULL && strcmp(d->zone, zone) == 0))) {
            (void)an_strs_add(run->arena, &d->servers, &d->server_count,
                              server);
            return;
        }
    }
    tp_an_diag_t *d =
        an_push(run->arena, (void **)&a->diags, &a->diag_count, sizeof *d);
    if (d == NULL)
        return;
    const tp_diag_info_t *info = tp_diag_info(code);
    d->code = code;
    d->severity = info != NULL ? info->severity : TP_SEV_ERROR;
    d->zone = zone;
    d->message = tp_arena_strdup(run->arena, msg);
    d->subject = subject;
    (void)an_strs_add(run->arena, &d->servers, &d->server_count, server);
}

/* Field by field: a node has padding after its kind, whose bytes are
 * indeterminate (memcmp over it let duplicate links through in -O0 builds,
 * so Debug and Release reports differed). */
static bool same_node(const tp_an_node_t *a, const tp_an_node_t *b)
{
    return a->kind == b->kind && a->zone == b->zone && a->index == b->index;
}

void an_link(an_run_t *run, tp_an_link_kind_t kind, tp_an_node_t from,
             tp_an_node_t to, tp_link_status_t status, const char *reason,
             size_t rrsig, size_t record)
{
    tp_analysis_t *a = run->a;
    for (size_t i = 0; i < a->link_count; i++) {
        tp_an_link_t *l = &a->links[i];
        if (l->kind == kind && same_node(&l->from, &from) &&
            same_node(&l->to, &to) && l->rrsig == rrsig && l->record == record)
            return;
    }
    tp_an_link_t *l =
        an_push(run->arena, (void **)&a->links, &a->link_count, sizeof *l);
    if (l == NULL)
        return;
    l->kind = kind;
    l->from = from;
    l->to = to;
    l->status = status;
    l->reason = reason;
    l->rrsig = rrsig;
    l->record = record;
}

static int status_rank(tp_status_t s)
{
    switch (s) {
    case TP_STATUS_SECURE:
        return 0;
    case TP_STATUS_INSECURE:
        return 1;
    case TP_STATUS_INDETERMINATE:
    case TP_STATUS_LAME:
    case TP_STATUS_INCOMPLETE:
        return 2;
    case TP_STATUS_BOGUS:
    case TP_STATUS_COUNT:
        break;
    }
    return 3;
}

tp_status_t an_worse(tp_status_t a, tp_status_t b)
{
    return status_rank(a) >= status_rank(b) ? a : b;
}

int tp_analysis_worst_severity(const tp_analysis_t *a)
{
    int worst = -1;
    for (size_t i = 0; a != NULL && i < a->diag_count; i++) {
        if ((int)a->diags[i].severity > worst)
            worst = (int)a->diags[i].severity;
    }
    return worst;
}

size_t tp_analysis_count_code(const tp_analysis_t *a, tp_diag_code_t code)
{
    size_t n = 0;
    for (size_t i = 0; a != NULL && i < a->diag_count; i++)
        n += a->diags[i].code == code;
    return n;
}

const tp_an_zone_t *tp_analysis_zone(const tp_analysis_t *a, const char *name)
{
    for (size_t i = 0; a != NULL && name != NULL && i < a->zone_count; i++) {
        if (strcasecmp(a->zones[i].name, name) == 0)
            return &a->zones[i];
    }
    return NULL;
}
