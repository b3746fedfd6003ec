/* NSEC3 proofs, RFC 5155 section 8: name error (8.4), no data (8.5), no
 * data for DS with opt-out (8.6), wildcard no data (8.7), wildcard answers
 * (8.8) and the referral to an unsigned child (7.2.7, RFC 6840 4.4). A next
 * closer name covered by an opt-out NSEC3 makes the denial insecure (RFC
 * 5155 6, 9.2), as validators treat it. */
#include <stdlib.h>
#include <string.h>

#include "nsec3_int.h"

static void qname_exists(tp_n3_ctx_t *c, const tp_n3_proof_t *p)
{
    tp_denial_fact_fail(c->out,
                        tp_n3_add_fact(c, TP_DENIAL_PART_QNAME_MATCHED,
                                       p->sname, p->hashes[p->ce_labels]),
                        p->ce_rec->index, TP_DENIAL_R_NAME_EXISTS);
}

static tp_err_t n3_nxdomain(tp_n3_ctx_t *c)
{
    tp_n3_proof_t *p = malloc(sizeof(*p));
    tp_err_t err;

    if (p == NULL)
        return TP_ENOMEM;
    err = tp_n3_closest_encloser(c, c->in->qname, p);
    if (err == TP_OK && p->sname_matched)
        qname_exists(c, p);
    else if (err == TP_OK) {
        tp_n3_ce_facts(c, p, false);
        err = tp_n3_wildcard_part(c, p, false);
    }
    free(p);
    return err;
}

static tp_err_t n3_wildcard_nodata(tp_n3_ctx_t *c, const tp_n3_proof_t *p)
{
    c->out->kind = TP_DENIAL_WILDCARD_NODATA;
    if (p->sname_matched) {
        qname_exists(c, p);
        return TP_OK;
    }
    tp_n3_ce_facts(c, p, false);
    if (c->in->wildcard_labels > 0 && p->found &&
        p->ce_labels != c->in->wildcard_labels)
        tp_denial_worsen(c->out, TP_DENIAL_CONTRADICTED, TP_DENIAL_R_ENCLOSER);
    return tp_n3_wildcard_part(c, p, true);
}

/* Does an NSEC3 match the wildcard at the (likely) closest encloser? A
 * wildcard no data response whose closest encloser proof is incomplete.
 * Errors (budget) count as no. */
static bool wildcard_matches(tp_n3_ctx_t *c, const tp_n3_proof_t *p)
{
    uint8_t wc[TP_NAME_MAX], hash[TP_NSEC3_HASH_MAX];
    size_t wc_len;

    return tp_name_prepend(tp_name_suffix(p->sname, p->ce_labels),
                           (const uint8_t *)"*", 1, wc, &wc_len) == TP_OK &&
           tp_n3_hash_name(c, wc, hash) == TP_OK &&
           tp_n3_find_match(c, hash) != NULL;
}

static tp_err_t n3_nodata(tp_n3_ctx_t *c)
{
    tp_n3_proof_t *p = malloc(sizeof(*p));
    tp_denial_fact_t *f;
    tp_err_t err;

    if (p == NULL)
        return TP_ENOMEM;
    err = tp_n3_closest_encloser(c, c->in->qname, p);
    if (err != TP_OK)
        goto out;
    if (p->sname_matched) {
        bool ent = p->ce_rec->bitmap.len == 0; /* RFC 5155 7.2.3 */
        if (ent)
            c->out->kind = TP_DENIAL_ENT_NODATA;
        f = tp_n3_add_fact(
            c, ent ? TP_DENIAL_PART_ENT : TP_DENIAL_PART_QNAME_MATCHED,
            c->in->qname, p->hashes[p->ce_labels]);
        tp_n3_check_types(c, f, p->ce_rec);
    } else if (c->in->qtype == TP_TYPE_DS) {
        /* RFC 5155 8.6: no matching NSEC3, so the closest provable
         * encloser, and an opt-out span over the next closer name. */
        tp_n3_ce_facts(c, p, true);
    } else if (wildcard_matches(c, p)) {
        err = n3_wildcard_nodata(c, p); /* qname does not exist */
    } else if (p->found && p->nc_rec != NULL && tp_n3_is_optout(p->nc_rec)) {
        /* No match, no wildcard, but an opt-out span over the next closer
         * name: qname may lie below an unsigned delegation there (Unbound
         * judges it so): insecure. */
        tp_n3_ce_facts(c, p, true);
    } else if (p->found && p->nc_rec != NULL) {
        err = n3_wildcard_nodata(c, p); /* shows the missing wildcard */
    } else {
        f = tp_n3_add_fact(c, TP_DENIAL_PART_QNAME_MATCHED, c->in->qname,
                           p->hashes[tp_name_labels(c->in->qname)]);
        tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
    }
out:
    free(p);
    return err;
}

static tp_err_t n3_wildcard_nodata_entry(tp_n3_ctx_t *c)
{
    tp_n3_proof_t *p = malloc(sizeof(*p));
    tp_err_t err;

    if (p == NULL)
        return TP_ENOMEM;
    err = tp_n3_closest_encloser(c, c->in->qname, p);
    if (err == TP_OK)
        err = n3_wildcard_nodata(c, p);
    free(p);
    return err;
}

/* RFC 5155 8.8: the next closer name (one label longer than the wildcard's
 * parent, as the RRSIG Labels field says) is covered. */
static tp_err_t n3_wildcard_answer(tp_n3_ctx_t *c)
{
    unsigned labels = c->in->wildcard_labels;
    const uint8_t *qname = c->in->qname;
    uint8_t hash[TP_NSEC3_HASH_MAX];
    const tp_n3_rec_t *rec;
    tp_denial_fact_t *f;
    tp_err_t err;

    if (labels >= tp_name_labels(qname) ||
        labels < tp_name_labels(c->in->zone)) {
        f = tp_denial_fact_add(c->out, TP_DENIAL_PART_NEXT_CLOSER, qname);
        tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_ENCLOSER);
        return TP_OK;
    }
    tp_n3_set_encloser(c->out, qname, labels);
    err = tp_n3_hash_name(c, tp_name_suffix(qname, labels + 1), hash);
    if (err != TP_OK)
        return err;
    f = tp_n3_add_fact(c, TP_DENIAL_PART_NEXT_CLOSER,
                       tp_name_suffix(qname, labels + 1), hash);
    if ((rec = tp_n3_find_match(c, hash)) != NULL)
        tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_NAME_EXISTS);
    else if ((rec = tp_n3_find_cover(c, hash)) == NULL)
        tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
    else if (tp_n3_is_optout(rec)) {
        c->out->opt_out = true;
        tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_OPTOUT);
    } else
        tp_denial_fact_ok(f, rec->index);
    return TP_OK;
}

/* RFC 5155 7.2.7 / 8.6, RFC 6840 4.4: a matching NSEC3 with NS and neither
 * DS nor SOA, or the closest provable encloser and an opt-out span. */
static tp_err_t n3_referral(tp_n3_ctx_t *c)
{
    tp_n3_proof_t *p = malloc(sizeof(*p));
    tp_denial_fact_t *f;
    const tp_n3_rec_t *rec;
    tp_err_t err;

    if (p == NULL)
        return TP_ENOMEM;
    err = tp_n3_closest_encloser(c, c->in->qname, p);
    if (err == TP_OK && p->sname_matched) {
        rec = p->ce_rec;
        f = tp_n3_add_fact(c, TP_DENIAL_PART_DELEGATION, c->in->qname,
                           p->hashes[p->ce_labels]);
        if (tp_n3_has(rec, TP_TYPE_SOA))
            tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_SOA_PRESENT);
        else if (!tp_n3_has(rec, TP_TYPE_NS))
            tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_NS_ABSENT);
        else if (tp_n3_has(rec, TP_TYPE_DS))
            tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_DS_PRESENT);
        else
            tp_denial_fact_ok(f, rec->index);
        c->out->delegation = tp_n3_is_cut(rec);
    } else if (err == TP_OK)
        tp_n3_ce_facts(c, p, true);
    free(p);
    return err;
}

/* No usable NSEC3: the first part of the proof is missing; the notes (and
 * the reason) say what was set aside. */
static void nothing_usable(tp_n3_ctx_t *c)
{
    static const tp_denial_part_t first[TP_DENIAL_KIND_COUNT] = {
        [TP_DENIAL_NXDOMAIN] = TP_DENIAL_PART_CLOSEST_ENCLOSER,
        [TP_DENIAL_NODATA] = TP_DENIAL_PART_QNAME_MATCHED,
        [TP_DENIAL_WILDCARD_ANSWER] = TP_DENIAL_PART_NEXT_CLOSER,
        [TP_DENIAL_WILDCARD_NODATA] = TP_DENIAL_PART_CLOSEST_ENCLOSER,
        [TP_DENIAL_REFERRAL] = TP_DENIAL_PART_DELEGATION,
        [TP_DENIAL_ENT_NODATA] = TP_DENIAL_PART_QNAME_MATCHED,
    };
    tp_denial_fact_t *f =
        tp_denial_fact_add(c->out, first[c->in->kind], c->in->qname);

    tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
    if (c->out->note_count > 0)
        c->out->reason = c->out->notes[0].reason; /* e.g. unknown hash */
}

tp_err_t tp_denial_nsec3_eval(const tp_denial_input_t *in,
                              tp_denial_result_t *out)
{
    tp_n3_ctx_t c = {in, out, NULL, 0, 0, 0, {NULL, 0}};
    size_t n_nsec3 = 0;
    tp_err_t err;

    out->mech = TP_DENIAL_MECH_NSEC3;
    for (size_t i = 0; i < in->rr_count; i++)
        n_nsec3 += in->rrs[i].type == TP_TYPE_NSEC3;
    err = tp_n3_collect(&c, n_nsec3);
    if (err != TP_OK)
        goto out;
    if (c.count == 0) {
        nothing_usable(&c);
        goto out;
    }
    if (c.iterations > in->max_iterations) {
        /* RFC 9276 3.2: do not spend the work; the result says why. */
        tp_denial_worsen(out, TP_DENIAL_BUDGET, TP_DENIAL_R_ITERATIONS);
        goto out;
    }
    switch (in->kind) {
    case TP_DENIAL_NXDOMAIN:
        err = n3_nxdomain(&c);
        break;
    case TP_DENIAL_NODATA:
    case TP_DENIAL_ENT_NODATA:
        err = n3_nodata(&c);
        break;
    case TP_DENIAL_WILDCARD_ANSWER:
        err = n3_wildcard_answer(&c);
        break;
    case TP_DENIAL_WILDCARD_NODATA:
        err = n3_wildcard_nodata_entry(&c);
        break;
    case TP_DENIAL_REFERRAL:
        err = n3_referral(&c);
        break;
    case TP_DENIAL_KIND_COUNT:
    default:
        err = TP_EINVAL;
        break;
    }
    if (err == TP_ELIMIT) /* the budget result is already in out */
        err = TP_OK;
out:
    free(c.recs);
    return err;
}
