/* Indexes over the capture's responses, built once per analyzer: by the
 * query's zone, by the query name, and by the owner of the NS records of the
 * authority section (the referrals). Each scan of a name's analysis looks up
 * the one zone or name it filters on and walks that range only, still in
 * capture order and still with all of its filters, so the reports do not
 * change; walking every response for every zone of every name made a
 * capture of N names (about 13 N responses) cost O(N^2). */
#include <stdlib.h>
#include <string.h>

#include "analyzer_int.h"

static uint8_t fold(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint8_t)(c + ('a' - 'A')) : c;
}

/* A total order on wire names in which two names are equal exactly when
 * tp_name_equal says so: bytes compared with ASCII case folded (length
 * octets are below 'A'), then the shorter name first. */
static int name_cmp(const uint8_t *a, const uint8_t *b)
{
    size_t la = tp_name_len(a), lb = tp_name_len(b);
    size_t n = la < lb ? la : lb;
    for (size_t i = 0; i < n; i++) {
        int d = fold(a[i]) - fold(b[i]);
        if (d != 0)
            return d;
    }
    return (la > lb) - (la < lb);
}

/* By name, then by the response's place in the capture (an->resp is
 * parallel to the capture's queries), so that a range is in capture order
 * as the walks it replaces were. */
static int ent_cmp(const void *x, const void *y)
{
    const an_ix_ent_t *a = x, *b = y;
    int d = name_cmp(a->name, b->name);
    if (d != 0)
        return d;
    return (a->r > b->r) - (a->r < b->r);
}

typedef struct ix_builder {
    an_ix_t *ix;
    size_t cap;
} ix_builder_t;

static bool ix_push(ix_builder_t *b, const uint8_t *name, const an_resp_t *r)
{
    an_ix_t *ix = b->ix;
    if (ix->n == b->cap) {
        size_t cap = b->cap > 0 ? b->cap * 2 : 256;
        an_ix_ent_t *e = realloc(ix->e, cap * sizeof *e);
        if (e == NULL)
            return false;
        ix->e = e;
        b->cap = cap;
    }
    ix->e[ix->n].name = name;
    ix->e[ix->n].r = r;
    ix->n++;
    return true;
}

/* Sort, and keep one entry per (name, response): a referral lists several
 * NS records with the same owner, and the walks saw each response once. */
static void ix_finish(an_ix_t *ix)
{
    if (ix->n > 1)
        qsort(ix->e, ix->n, sizeof *ix->e, ent_cmp);
    size_t w = 0;
    for (size_t i = 0; i < ix->n; i++) {
        if (w > 0 && ix->e[w - 1].r == ix->e[i].r &&
            name_cmp(ix->e[w - 1].name, ix->e[i].name) == 0)
            continue;
        ix->e[w++] = ix->e[i];
    }
    ix->n = w;
}

/* The owners of the NS records in r's authority section. */
static bool push_ns_owners(ix_builder_t *b, const an_resp_t *r)
{
    const tp_rrlist_t *auth = &r->msg.authority;
    for (size_t k = 0; k < auth->count; k++) {
        if (auth->rrs[k].type == TP_TYPE_NS &&
            !ix_push(b, auth->rrs[k].owner, r))
            return false;
    }
    return true;
}

tp_err_t an_index_build(tp_analyzer_t *an)
{
    ix_builder_t zone = {&an->by_zone, 0}, qname = {&an->by_qname, 0},
                 ns = {&an->by_ns_owner, 0};
    for (size_t i = 0; i < an->resp_count; i++) {
        const an_resp_t *r = &an->resp[i];
        if (r->q->zone != NULL && !ix_push(&zone, r->q->zone, r))
            return TP_ENOMEM;
        if (!ix_push(&qname, r->q->qname, r))
            return TP_ENOMEM;
        if (!r->parsed)
            continue;
        if (!push_ns_owners(&ns, r))
            return TP_ENOMEM;
        if (strchr(r->q->server, ':') != NULL)
            an->ipv6_answered = true;
    }
    ix_finish(&an->by_zone);
    ix_finish(&an->by_qname);
    ix_finish(&an->by_ns_owner);
    return TP_OK;
}

void an_index_free(tp_analyzer_t *an)
{
    free(an->by_zone.e);
    free(an->by_qname.e);
    free(an->by_ns_owner.e);
}

/* The first entry whose name is not below name (after_equal: not below nor
 * equal to it). */
static size_t ix_bound(const an_ix_t *ix, const uint8_t *name, bool after_equal)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d = name_cmp(ix->e[mid].name, name);
        if (d < 0 || (after_equal && d == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const an_ix_ent_t *an_ix_range(const an_ix_t *ix, const uint8_t *name,
                               size_t *n)
{
    size_t lo = ix_bound(ix, name, false);
    size_t hi = lo;
    if (lo < ix->n && name_cmp(ix->e[lo].name, name) == 0)
        hi = ix_bound(ix, name, true);
    *n = hi - lo;
    return ix->n > 0 ? ix->e + lo : NULL;
}
