/* DS pre-flight support: the DS RRset of one zone as each server of its
 * parent served it, compared with a reference set (the DS records an
 * operator is about to upload, or has just uploaded). */
#include <string.h>

#include "analyzer_int.h"

tp_err_t tp_analyzer_ds_views(tp_analyzer_t *an, const uint8_t *zone,
                              const tp_rr_t *want, size_t want_count,
                              tp_arena_t *arena, tp_ds_view_t **out,
                              size_t *count_out)
{
    if (an == NULL || zone == NULL || arena == NULL || out == NULL ||
        count_out == NULL || (want == NULL && want_count > 0))
        return TP_EINVAL;
    *out = NULL;
    *count_out = 0;
    tp_ds_view_t *views = NULL;
    size_t n = 0;
    tp_rr_t **sets = NULL; /* DS records per view, for the reference */
    size_t nsets = 0;
    const tp_rr_t *ref = want;
    size_t ref_n = want_count;
    size_t nat;
    const an_ix_ent_t *at = an_ix_range(&an->by_qname, zone, &nat);
    for (size_t k = 0; k < nat; k++) {
        const an_resp_t *r = at[k].r;
        if (r->q->qtype != TP_TYPE_DS || !tp_name_equal(r->q->qname, zone))
            continue;
        size_t v = 0;
        while (v < n && strcmp(views[v].server, r->q->server) != 0)
            v++;
        if (v == n) {
            size_t n2 = n;
            tp_ds_view_t *nv = an_push(arena, (void **)&views, &n, sizeof *nv);
            tp_rr_t **ns = an_push(arena, (void **)&sets, &n2, sizeof *ns);
            if (nv == NULL || ns == NULL)
                return TP_ENOMEM;
            nsets = n2;
            nv->server = tp_arena_strdup(arena, r->q->server);
            if (nv->server == NULL)
                return TP_ENOMEM;
        }
        if (!r->parsed || (r->msg.rcode != TP_RCODE_NOERROR &&
                           r->msg.rcode != TP_RCODE_NXDOMAIN))
            continue;
        tp_rr_t *ds = NULL;
        size_t nds = an_select(arena, &r->msg.answer, zone, TP_TYPE_DS, 0, &ds);
        views[v].answered = true;
        views[v].ds_count = nds;
        sets[v] = ds;
        if (want == NULL && ref == NULL && nds > 0) {
            ref = ds;
            ref_n = nds;
        }
    }
    (void)nsets;
    for (size_t v = 0; v < n; v++) {
        views[v].same = views[v].answered &&
                        an_same_rdata(sets[v], views[v].ds_count, ref, ref_n);
    }
    *out = views;
    *count_out = n;
    return TP_OK;
}
