/* NSEC3 denial of existence, the building blocks (RFC 5155 section 8):
 * which records are usable (8.1 unknown hash algorithm, 8.2 flags and
 * parameters), hashing within the budget (RFC 9276 3.2), matching and
 * covering, the closest encloser proof (8.3) and its facts, the type checks
 * at a matching record and the wildcard part. The proofs are in
 * nsec3_proof.c. */
#include <stdlib.h>
#include <string.h>

#include "nsec3_int.h"

bool tp_n3_has(const tp_n3_rec_t *rec, uint16_t type)
{
    return tp_bitmap_has(rec->bitmap, type);
}

bool tp_n3_is_cut(const tp_n3_rec_t *rec)
{
    return tp_n3_has(rec, TP_TYPE_NS) && !tp_n3_has(rec, TP_TYPE_SOA);
}

bool tp_n3_is_optout(const tp_n3_rec_t *rec)
{
    return (rec->flags & TP_NSEC3_FLAG_OPTOUT) != 0;
}

/* ---- Collecting the usable records ---- */

static bool same_params(const tp_n3_ctx_t *c, const tp_nsec3_t *v)
{
    return v->hash_alg == c->alg && v->iterations == c->iterations &&
           v->salt.len == c->salt.len &&
           (v->salt.len == 0 ||
            memcmp(v->salt.data, c->salt.data, v->salt.len) == 0);
}

static void take_params(tp_n3_ctx_t *c, const tp_nsec3_t *v)
{
    tp_denial_result_t *out = c->out;

    c->alg = v->hash_alg;
    c->iterations = v->iterations;
    c->salt = v->salt;
    out->has_nsec3_params = true;
    out->nsec3_hash_alg = v->hash_alg;
    out->nsec3_iterations = v->iterations;
    out->nsec3_salt_len = v->salt.len;
    if (v->salt.len > 0)
        memcpy(out->nsec3_salt, v->salt.data, v->salt.len);
    out->nsec3_policy = tp_nsec3_policy(v->iterations, v->salt.len);
}

/* Why the NSEC3 at index i is not usable, or NONE (then *rec is filled). */
static tp_denial_reason_t check_record(tp_n3_ctx_t *c, size_t i,
                                       tp_n3_rec_t *rec)
{
    const tp_rr_t *rr = &c->in->rrs[i];
    tp_rdata_view_t v;
    tp_err_t err;

    if (rr->owner == NULL ||
        tp_rdata_view(TP_TYPE_NSEC3, rr->rdata, &v) != TP_OK ||
        tp_bitmap_check(v.u.nsec3.bitmap) != TP_OK)
        return TP_DENIAL_R_MALFORMED;
    if (v.u.nsec3.hash_alg != TP_NSEC3_HASH_SHA1)
        return TP_DENIAL_R_UNKNOWN_HASH;
    if ((v.u.nsec3.flags & ~TP_NSEC3_FLAG_OPTOUT) != 0)
        return TP_DENIAL_R_BAD_FLAGS;
    err =
        tp_nsec3_owner_hash(rr->owner, c->in->zone, rec->hash, &rec->hash_len);
    if (err == TP_EINVAL)
        return TP_DENIAL_R_OUT_OF_ZONE;
    if (err != TP_OK || rec->hash_len != TP_NSEC3_SHA1_LEN ||
        v.u.nsec3.next_hashed.len != rec->hash_len)
        return TP_DENIAL_R_MALFORMED;
    if (!c->out->has_nsec3_params)
        take_params(c, &v.u.nsec3);
    else if (!same_params(c, &v.u.nsec3)) {
        c->out->nsec3_params_consistent = false;
        return TP_DENIAL_R_PARAMS_MISMATCH;
    }
    rec->index = i;
    rec->flags = v.u.nsec3.flags;
    rec->next = v.u.nsec3.next_hashed;
    rec->bitmap = v.u.nsec3.bitmap;
    return TP_DENIAL_R_NONE;
}

tp_err_t tp_n3_collect(tp_n3_ctx_t *c, size_t n_nsec3)
{
    c->recs = calloc(n_nsec3 > 0 ? n_nsec3 : 1, sizeof(*c->recs));
    if (c->recs == NULL)
        return TP_ENOMEM;
    for (size_t i = 0; i < c->in->rr_count; i++) {
        tp_denial_reason_t why;

        if (c->in->rrs[i].type != TP_TYPE_NSEC3)
            continue;
        why = check_record(c, i, &c->recs[c->count]);
        if (why == TP_DENIAL_R_NONE)
            c->count++;
        else
            tp_denial_note(c->out, i, why);
    }
    return TP_OK;
}

/* ---- Hashing and lookups ---- */

/* H(name) with the chain's parameters, within the hash budget. TP_ELIMIT
 * (with the result set to BUDGET) when the budget is spent. */
tp_err_t tp_n3_hash_name(tp_n3_ctx_t *c, const uint8_t *name,
                         uint8_t out[TP_NSEC3_HASH_MAX])
{
    size_t len;
    tp_err_t err;

    if (c->out->hashes_computed >= c->in->max_hashes) {
        tp_denial_worsen(c->out, TP_DENIAL_BUDGET, TP_DENIAL_R_HASH_BUDGET);
        return TP_ELIMIT;
    }
    c->out->hashes_computed++;
    err = tp_nsec3_hash(name, c->alg, c->salt, c->iterations,
                        c->in->max_iterations, out, &len);
    if (err == TP_ELIMIT)
        tp_denial_worsen(c->out, TP_DENIAL_BUDGET, TP_DENIAL_R_ITERATIONS);
    return err;
}

static tp_bytes_t hash_bytes(const uint8_t *hash)
{
    return tp_bytes(hash, TP_NSEC3_SHA1_LEN);
}

const tp_n3_rec_t *tp_n3_find_match(const tp_n3_ctx_t *c, const uint8_t *hash)
{
    for (size_t i = 0; i < c->count; i++)
        if (memcmp(c->recs[i].hash, hash, TP_NSEC3_SHA1_LEN) == 0)
            return &c->recs[i];
    return NULL;
}

const tp_n3_rec_t *tp_n3_find_cover(const tp_n3_ctx_t *c, const uint8_t *hash)
{
    for (size_t i = 0; i < c->count; i++)
        if (tp_nsec3_hash_covers(tp_bytes(c->recs[i].hash, c->recs[i].hash_len),
                                 c->recs[i].next, hash_bytes(hash)))
            return &c->recs[i];
    return NULL;
}

tp_denial_fact_t *tp_n3_add_fact(tp_n3_ctx_t *c, tp_denial_part_t part,
                                 const uint8_t *name, const uint8_t *hash)
{
    tp_denial_fact_t *f = tp_denial_fact_add(c->out, part, name);

    if (f != NULL && hash != NULL) {
        memcpy(f->hash, hash, TP_NSEC3_SHA1_LEN);
        f->hash_len = TP_NSEC3_SHA1_LEN;
    }
    return f;
}

/* ---- The closest encloser proof (RFC 5155 8.3) ---- */

tp_err_t tp_n3_closest_encloser(tp_n3_ctx_t *c, const uint8_t *sname,
                                tp_n3_proof_t *p)
{
    unsigned top = tp_name_labels(sname);
    unsigned apex = tp_name_labels(c->in->zone);
    tp_err_t err;

    memset(p, 0, sizeof(*p));
    p->sname = sname;
    /* The longest ancestor (or sname itself) that an NSEC3 matches. */
    for (unsigned l = top; l + 1 > apex && l < TP_N3_MAX_LEVELS; l--) {
        err = tp_n3_hash_name(c, tp_name_suffix(sname, l), p->hashes[l]);
        if (err != TP_OK)
            return err;
        p->hashed[l] = true;
        p->ce_rec = tp_n3_find_match(c, p->hashes[l]);
        if (p->ce_rec != NULL) {
            p->sname_matched = l == top;
            p->found = true;
            p->ce_labels = l;
            break;
        }
        if (l == 0)
            break;
    }
    if (p->sname_matched)
        return TP_OK;
    if (p->found && p->ce_labels < top &&
        tp_n3_find_cover(c, p->hashes[p->ce_labels + 1]) == NULL) {
        /* The matched ancestor's next closer is not covered: if a longer
         * ancestor has a covered child, the proof meant that one as the
         * closest encloser, and its matching record is what is missing. */
        for (unsigned l = top; l > p->ce_labels + 1; l--)
            if (p->hashed[l] && tp_n3_find_cover(c, p->hashes[l]) != NULL) {
                p->found = false;
                p->ce_rec = NULL;
                break;
            }
    }
    if (!p->found) {
        /* Name the encloser a complete proof would use: the longest
         * ancestor whose child towards sname is covered. */
        p->ce_labels = apex;
        for (unsigned l = top; l > apex; l--)
            if (p->hashed[l] && tp_n3_find_cover(c, p->hashes[l]) != NULL) {
                p->ce_labels = l - 1;
                break;
            }
    }
    if (p->ce_labels < top && p->hashed[p->ce_labels + 1])
        p->nc_rec = tp_n3_find_cover(c, p->hashes[p->ce_labels + 1]);
    return TP_OK;
}

void tp_n3_set_encloser(tp_denial_result_t *out, const uint8_t *qname,
                        unsigned labels)
{
    const uint8_t *ce = tp_name_suffix(qname, labels);

    out->has_closest_encloser = true;
    memcpy(out->closest_encloser, ce, tp_name_len(ce));
}

/* Facts for the closest encloser and the next closer name. An opt-out
 * cover makes the result OPTOUT (insecure); with need_optout (the DS and
 * referral case) a cover without opt-out proves the name does not exist,
 * which contradicts the response (RFC 5155 8.6). */
void tp_n3_ce_facts(tp_n3_ctx_t *c, const tp_n3_proof_t *p, bool need_optout)
{
    const uint8_t *ce = tp_name_suffix(p->sname, p->ce_labels);
    const uint8_t *nc = tp_name_suffix(p->sname, p->ce_labels + 1);
    tp_denial_fact_t *f;

    tp_n3_set_encloser(c->out, p->sname, p->ce_labels);
    f = tp_n3_add_fact(c, TP_DENIAL_PART_CLOSEST_ENCLOSER, ce,
                       p->hashed[p->ce_labels] ? p->hashes[p->ce_labels]
                                               : NULL);
    if (!p->found)
        tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
    else if (tp_n3_has(p->ce_rec, TP_TYPE_DNAME))
        tp_denial_fact_fail(c->out, f, p->ce_rec->index, TP_DENIAL_R_DNAME);
    else if (tp_n3_is_cut(p->ce_rec))
        tp_denial_fact_fail(c->out, f, p->ce_rec->index,
                            TP_DENIAL_R_DELEGATION);
    else
        tp_denial_fact_ok(f, p->ce_rec->index);

    f = tp_n3_add_fact(c, TP_DENIAL_PART_NEXT_CLOSER, nc,
                       p->hashed[p->ce_labels + 1] ? p->hashes[p->ce_labels + 1]
                                                   : NULL);
    if (p->nc_rec == NULL)
        tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
    else if (tp_n3_is_optout(p->nc_rec)) {
        c->out->opt_out = true;
        tp_denial_fact_fail(c->out, f, p->nc_rec->index, TP_DENIAL_R_OPTOUT);
    } else if (need_optout)
        tp_denial_fact_fail(c->out, f, p->nc_rec->index,
                            TP_DENIAL_R_NOT_OPTOUT);
    else
        tp_denial_fact_ok(f, p->nc_rec->index);
}

/* Types at a matching NSEC3: qtype and CNAME absent; a parent-side record
 * at a cut speaks only for DS (RFC 5155 8.5, RFC 6840 4.3, 4.4). */
void tp_n3_check_types(tp_n3_ctx_t *c, tp_denial_fact_t *f,
                       const tp_n3_rec_t *rec)
{
    uint16_t qtype = c->in->qtype;

    if (tp_n3_is_cut(rec))
        c->out->delegation = true;
    if (tp_n3_is_cut(rec) && qtype != TP_TYPE_DS)
        tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_DELEGATION);
    else if (tp_n3_has(rec, qtype))
        tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_TYPE_PRESENT);
    else if (qtype != TP_TYPE_CNAME && tp_n3_has(rec, TP_TYPE_CNAME))
        tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_CNAME_PRESENT);
    else
        tp_denial_fact_ok(f, rec->index);
}

/* The wildcard at the closest encloser: covered (name error) or matched
 * without the type (wildcard no data). */
tp_err_t tp_n3_wildcard_part(tp_n3_ctx_t *c, const tp_n3_proof_t *p,
                             bool nodata)
{
    const uint8_t *ce = tp_name_suffix(p->sname, p->ce_labels);
    tp_denial_part_t part = nodata ? TP_DENIAL_PART_WILDCARD_MATCHED
                                   : TP_DENIAL_PART_WILDCARD_COVERED;
    uint8_t wc[TP_NAME_MAX], hash[TP_NSEC3_HASH_MAX];
    const tp_n3_rec_t *rec;
    tp_denial_fact_t *f;
    size_t wc_len;
    tp_err_t err;

    if (tp_name_prepend(ce, (const uint8_t *)"*", 1, wc, &wc_len) != TP_OK) {
        f = tp_denial_fact_add(c->out, part, ce); /* "*.ce" cannot exist */
        if (nodata)
            tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR,
                                TP_DENIAL_R_NO_RECORD);
        else
            tp_denial_fact_ok(f, TP_DENIAL_NO_RR);
        return TP_OK;
    }
    err = tp_n3_hash_name(c, wc, hash);
    if (err != TP_OK)
        return err;
    f = tp_n3_add_fact(c, part, wc, hash);
    rec = tp_n3_find_match(c, hash);
    if (rec != NULL && nodata)
        tp_n3_check_types(c, f, rec);
    else if (rec != NULL)
        tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_NAME_EXISTS);
    else if (!nodata && (rec = tp_n3_find_cover(c, hash)) != NULL)
        tp_denial_fact_ok(f, rec->index);
    else
        tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
    return TP_OK;
}
