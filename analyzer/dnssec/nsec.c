/* NSEC denial of existence: canonical-order covering (RFC 4034 4.1.1, 6.1;
 * the last NSEC wraps to the apex), name error, no data, empty
 * non-terminals, wildcard answers and wildcard no data (RFC 4035 3.1.3,
 * 5.3.4, 5.4), the insecure referral (RFC 4035 5.2, RFC 6840 4.4), the
 * ancestor-delegation and DNAME rules (RFC 6840 4.1), the CNAME bit (RFC
 * 6840 4.3) and compact denial (RFC 9824, NXNAME). */
#include <string.h>

#include "denial_int.h"

typedef struct nsec_rec {
    size_t index; /* into in->rrs */
    const uint8_t *owner;
    const uint8_t *next;
    tp_bytes_t bitmap;
} nsec_rec_t;

typedef struct nsec_ctx {
    const tp_denial_input_t *in;
    tp_denial_result_t *out;
} nsec_ctx_t;

typedef enum {
    COVER_NONE,
    COVER_FOUND,
    COVER_BLOCKED
} cover_t;

bool tp_nsec_covers(const uint8_t *owner, const uint8_t *next,
                    const uint8_t *name, const uint8_t *apex)
{
    if (owner == NULL || next == NULL || name == NULL || apex == NULL ||
        !tp_name_is_subdomain(name, apex))
        return false;
    if (tp_name_compare(owner, next) < 0)
        return tp_name_compare(owner, name) < 0 &&
               tp_name_compare(name, next) < 0;
    /* Last NSEC of the chain: next is the apex, which sorts first. */
    return tp_name_compare(owner, name) < 0 || tp_name_compare(name, next) < 0;
}

/* The NSEC at input index i, if usable; *why says why not (NONE when the
 * record is simply not an NSEC). */
static bool nsec_at(const tp_denial_input_t *in, size_t i, nsec_rec_t *rec,
                    tp_denial_reason_t *why)
{
    const tp_rr_t *rr = &in->rrs[i];
    tp_rdata_view_t v;

    *why = TP_DENIAL_R_NONE;
    if (rr->type != TP_TYPE_NSEC)
        return false;
    if (rr->owner == NULL ||
        tp_rdata_view(TP_TYPE_NSEC, rr->rdata, &v) != TP_OK ||
        tp_bitmap_check(v.u.nsec.bitmap) != TP_OK) {
        *why = TP_DENIAL_R_MALFORMED;
        return false;
    }
    if (!tp_name_is_subdomain(rr->owner, in->zone) ||
        !tp_name_is_subdomain(v.u.nsec.next, in->zone)) {
        *why = TP_DENIAL_R_OUT_OF_ZONE;
        return false;
    }
    rec->index = i;
    rec->owner = rr->owner;
    rec->next = v.u.nsec.next;
    rec->bitmap = v.u.nsec.bitmap;
    return true;
}

static bool has(const nsec_rec_t *rec, uint16_t type)
{
    return tp_bitmap_has(rec->bitmap, type);
}

/* A parent-side NSEC at a zone cut: NS without SOA. */
static bool is_cut(const nsec_rec_t *rec)
{
    return has(rec, TP_TYPE_NS) && !has(rec, TP_TYPE_SOA);
}

static bool find_match(const nsec_ctx_t *c, const uint8_t *name,
                       nsec_rec_t *rec)
{
    tp_denial_reason_t why;

    for (size_t i = 0; i < c->in->rr_count; i++)
        if (nsec_at(c->in, i, rec, &why) && tp_name_equal(rec->owner, name))
            return true;
    return false;
}

/* RFC 6840 4.1: an NSEC whose owner is a cut or a DNAME above `name`
 * cannot deny it: the names below belong to another zone (or are
 * redirected). */
static tp_denial_reason_t cover_blocked(const nsec_rec_t *rec,
                                        const uint8_t *name)
{
    if (!tp_name_is_subdomain(name, rec->owner) ||
        tp_name_equal(name, rec->owner))
        return TP_DENIAL_R_NONE;
    if (is_cut(rec))
        return TP_DENIAL_R_DELEGATION;
    if (has(rec, TP_TYPE_DNAME))
        return TP_DENIAL_R_DNAME;
    return TP_DENIAL_R_NONE;
}

/* An NSEC that covers name and may deny it (COVER_FOUND), or only one that
 * covers it but may not (COVER_BLOCKED, *why says why). */
static cover_t find_cover(const nsec_ctx_t *c, const uint8_t *name,
                          nsec_rec_t *rec, tp_denial_reason_t *why)
{
    cover_t result = COVER_NONE;
    nsec_rec_t cand;
    tp_denial_reason_t skip;

    for (size_t i = 0; i < c->in->rr_count; i++) {
        if (!nsec_at(c->in, i, &cand, &skip) ||
            !tp_nsec_covers(cand.owner, cand.next, name, c->in->zone))
            continue;
        skip = cover_blocked(&cand, name);
        if (skip == TP_DENIAL_R_NONE) {
            *rec = cand;
            return COVER_FOUND;
        }
        if (result == COVER_NONE) {
            *rec = cand;
            *why = skip;
            result = COVER_BLOCKED;
        }
    }
    return result;
}

/* Without a covering NSEC, name the likely closest encloser for the report:
 * the longest ancestor of name that some NSEC shows to exist (every
 * ancestor of an existing owner or next name exists). */
static unsigned guess_encloser(const nsec_ctx_t *c, const uint8_t *name)
{
    unsigned best = tp_name_labels(c->in->zone);
    unsigned limit = tp_name_labels(name);
    tp_denial_reason_t why;
    nsec_rec_t rec;

    for (size_t i = 0; i < c->in->rr_count; i++) {
        if (!nsec_at(c->in, i, &rec, &why))
            continue;
        unsigned a = tp_denial_common_labels(name, rec.owner);
        unsigned b = tp_denial_common_labels(name, rec.next);
        unsigned n = a > b ? a : b;
        if (n < limit && n > best)
            best = n;
    }
    return best;
}

static void set_encloser(tp_denial_result_t *out, const uint8_t *qname,
                         unsigned labels)
{
    const uint8_t *ce = tp_name_suffix(qname, labels);

    out->has_closest_encloser = true;
    memcpy(out->closest_encloser, ce, tp_name_len(ce));
}

/* Add a `part` fact proving that name does not exist; *ce_labels_out gets
 * the closest encloser the covering NSEC implies (RFC 4035 5.4: the longer
 * common ancestor of name with the owner and with the next name). */
static tp_denial_fact_t *deny_name(nsec_ctx_t *c, const uint8_t *name,
                                   tp_denial_part_t part,
                                   unsigned *ce_labels_out)
{
    tp_denial_fact_t *f = tp_denial_fact_add(c->out, part, name);
    tp_denial_reason_t why = TP_DENIAL_R_NONE;
    nsec_rec_t rec;
    cover_t cov = find_cover(c, name, &rec, &why);

    if (cov == COVER_NONE) {
        *ce_labels_out = guess_encloser(c, name);
        tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
        return f;
    }
    unsigned a = tp_denial_common_labels(name, rec.owner);
    unsigned b = tp_denial_common_labels(name, rec.next);
    *ce_labels_out = a > b ? a : b;
    if (cov == COVER_BLOCKED)
        tp_denial_fact_fail(c->out, f, rec.index, why);
    else if (*ce_labels_out >= tp_name_labels(name))
        /* The next name lies below name: name is an empty non-terminal. */
        tp_denial_fact_fail(c->out, f, rec.index, TP_DENIAL_R_NAME_EXISTS);
    else
        tp_denial_fact_ok(f, rec.index);
    return f;
}

/* Types at a matching NSEC: qtype and CNAME absent (RFC 4035 3.1.3.1, RFC
 * 6840 4.3); a parent-side NSEC at a cut speaks only for DS (RFC 6840 4.4).
 */
static void check_types(nsec_ctx_t *c, tp_denial_fact_t *f,
                        const nsec_rec_t *rec, bool may_be_cut)
{
    uint16_t qtype = c->in->qtype;

    if (is_cut(rec))
        c->out->delegation = true;
    if (is_cut(rec) && qtype != TP_TYPE_DS && !may_be_cut)
        tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_DELEGATION);
    else if (has(rec, qtype))
        tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_TYPE_PRESENT);
    else if (qtype != TP_TYPE_CNAME && has(rec, TP_TYPE_CNAME))
        tp_denial_fact_fail(c->out, f, rec->index, TP_DENIAL_R_CNAME_PRESENT);
    else
        tp_denial_fact_ok(f, rec->index);
}

/* RFC 9824: owner = qname, NXNAME in the bitmap: qname does not exist. */
static bool compact_nxname(nsec_ctx_t *c, const nsec_rec_t *rec)
{
    if (!has(rec, TP_TYPE_NXNAME))
        return false;
    c->out->compact = true;
    tp_denial_fact_ok(
        tp_denial_fact_add(c->out, TP_DENIAL_PART_QNAME_MATCHED, rec->owner),
        rec->index);
    return true;
}

/* The wildcard at the closest encloser: covered (name error) or matched
 * without the type (wildcard no data). */
static void wildcard_part(nsec_ctx_t *c, unsigned ce_labels, bool nodata)
{
    const uint8_t *ce = tp_name_suffix(c->in->qname, ce_labels);
    tp_denial_part_t part = nodata ? TP_DENIAL_PART_WILDCARD_MATCHED
                                   : TP_DENIAL_PART_WILDCARD_COVERED;
    uint8_t wc[TP_NAME_MAX];
    size_t wc_len;
    tp_denial_fact_t *f;
    tp_denial_reason_t why = TP_DENIAL_R_NONE;
    nsec_rec_t rec;

    set_encloser(c->out, c->in->qname, ce_labels);
    if (tp_name_prepend(ce, (const uint8_t *)"*", 1, wc, &wc_len) != TP_OK) {
        /* "*.ce" would be longer than 255 octets: it cannot exist. */
        if (!nodata)
            tp_denial_fact_ok(tp_denial_fact_add(c->out, part, ce),
                              TP_DENIAL_NO_RR);
        else
            tp_denial_fact_fail(c->out, tp_denial_fact_add(c->out, part, ce),
                                TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
        return;
    }
    f = tp_denial_fact_add(c->out, part, wc);
    if (find_match(c, wc, &rec)) {
        if (nodata)
            check_types(c, f, &rec, false);
        else
            tp_denial_fact_fail(c->out, f, rec.index, TP_DENIAL_R_NAME_EXISTS);
        return;
    }
    if (nodata)
        tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
    else if (find_cover(c, wc, &rec, &why) == COVER_FOUND)
        tp_denial_fact_ok(f, rec.index);
    else if (why != TP_DENIAL_R_NONE)
        tp_denial_fact_fail(c->out, f, rec.index, why);
    else
        tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
}

static void nsec_nxdomain(nsec_ctx_t *c)
{
    unsigned ce_labels = 0;
    nsec_rec_t rec;

    if (find_match(c, c->in->qname, &rec)) {
        if (!compact_nxname(c, &rec))
            tp_denial_fact_fail(c->out,
                                tp_denial_fact_add(c->out,
                                                   TP_DENIAL_PART_QNAME_COVERED,
                                                   c->in->qname),
                                rec.index, TP_DENIAL_R_NAME_EXISTS);
        return;
    }
    (void)deny_name(c, c->in->qname, TP_DENIAL_PART_QNAME_COVERED, &ce_labels);
    wildcard_part(c, ce_labels, false);
}

static void nsec_wildcard_nodata(nsec_ctx_t *c)
{
    unsigned ce_labels = 0;
    tp_denial_fact_t *f;

    c->out->kind = TP_DENIAL_WILDCARD_NODATA;
    f = deny_name(c, c->in->qname, TP_DENIAL_PART_QNAME_COVERED, &ce_labels);
    if (c->in->wildcard_labels > 0) {
        if (f != NULL && f->ok && ce_labels > c->in->wildcard_labels)
            tp_denial_fact_fail(c->out, f, f->rr_index, TP_DENIAL_R_ENCLOSER);
        if (c->in->wildcard_labels < tp_name_labels(c->in->qname))
            ce_labels = c->in->wildcard_labels;
    }
    wildcard_part(c, ce_labels, true);
}

/* Is there an NSEC owned by a wildcard "*.X" above qname (a wildcard no
 * data response whose qname proof is missing)? */
static bool has_wildcard(const nsec_ctx_t *c)
{
    tp_denial_reason_t why;
    nsec_rec_t rec;

    for (size_t i = 0; i < c->in->rr_count; i++)
        if (nsec_at(c->in, i, &rec, &why) && tp_name_is_wildcard(rec.owner) &&
            tp_name_is_subdomain(c->in->qname, tp_name_parent(rec.owner)) &&
            !tp_name_equal(c->in->qname, tp_name_parent(rec.owner)))
            return true;
    return false;
}

static void nsec_nodata(nsec_ctx_t *c)
{
    tp_denial_reason_t why = TP_DENIAL_R_NONE;
    tp_denial_fact_t *f;
    nsec_rec_t rec;
    cover_t cov;

    if (find_match(c, c->in->qname, &rec)) {
        if (!compact_nxname(c, &rec))
            check_types(c,
                        tp_denial_fact_add(c->out, TP_DENIAL_PART_QNAME_MATCHED,
                                           c->in->qname),
                        &rec, false);
        return;
    }
    cov = find_cover(c, c->in->qname, &rec, &why);
    if (cov == COVER_FOUND && tp_name_is_subdomain(rec.next, c->in->qname)) {
        /* The next name lies below qname: an empty non-terminal. */
        c->out->kind = TP_DENIAL_ENT_NODATA;
        tp_denial_fact_ok(
            tp_denial_fact_add(c->out, TP_DENIAL_PART_ENT, c->in->qname),
            rec.index);
        return;
    }
    if (cov == COVER_FOUND || (cov == COVER_NONE && has_wildcard(c))) {
        nsec_wildcard_nodata(c); /* qname does not exist: a wildcard may */
        return;
    }
    f = tp_denial_fact_add(c->out, TP_DENIAL_PART_QNAME_MATCHED, c->in->qname);
    if (cov == COVER_BLOCKED)
        tp_denial_fact_fail(c->out, f, rec.index, why);
    else
        tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
}

static void nsec_wildcard_answer(nsec_ctx_t *c)
{
    unsigned labels = c->in->wildcard_labels;
    unsigned ce_labels = 0;
    tp_denial_fact_t *f;
    nsec_rec_t rec;

    if (labels >= tp_name_labels(c->in->qname) ||
        labels < tp_name_labels(c->in->zone)) {
        tp_denial_fact_fail(c->out,
                            tp_denial_fact_add(c->out,
                                               TP_DENIAL_PART_QNAME_COVERED,
                                               c->in->qname),
                            TP_DENIAL_NO_RR, TP_DENIAL_R_ENCLOSER);
        return;
    }
    set_encloser(c->out, c->in->qname, labels);
    if (find_match(c, c->in->qname, &rec)) {
        tp_denial_fact_fail(c->out,
                            tp_denial_fact_add(c->out,
                                               TP_DENIAL_PART_QNAME_COVERED,
                                               c->in->qname),
                            rec.index, TP_DENIAL_R_NAME_EXISTS);
        return;
    }
    /* RFC 4035 5.3.4: no closer match: qname is covered and the covering
     * NSEC shows no encloser longer than the wildcard's. */
    f = deny_name(c, c->in->qname, TP_DENIAL_PART_QNAME_COVERED, &ce_labels);
    if (f != NULL && f->ok && ce_labels > labels)
        tp_denial_fact_fail(c->out, f, f->rr_index, TP_DENIAL_R_ENCLOSER);
}

static void nsec_referral(nsec_ctx_t *c)
{
    tp_denial_fact_t *f =
        tp_denial_fact_add(c->out, TP_DENIAL_PART_DELEGATION, c->in->qname);
    tp_denial_reason_t why = TP_DENIAL_R_NONE;
    nsec_rec_t rec;
    cover_t cov;

    if (find_match(c, c->in->qname, &rec)) {
        if (has(&rec, TP_TYPE_SOA))
            tp_denial_fact_fail(c->out, f, rec.index, TP_DENIAL_R_SOA_PRESENT);
        else if (!has(&rec, TP_TYPE_NS))
            tp_denial_fact_fail(c->out, f, rec.index, TP_DENIAL_R_NS_ABSENT);
        else if (has(&rec, TP_TYPE_DS))
            tp_denial_fact_fail(c->out, f, rec.index, TP_DENIAL_R_DS_PRESENT);
        else
            tp_denial_fact_ok(f, rec.index);
        c->out->delegation = is_cut(&rec);
        return;
    }
    cov = find_cover(c, c->in->qname, &rec, &why);
    if (cov == COVER_BLOCKED)
        tp_denial_fact_fail(c->out, f, rec.index, why);
    else if (cov == COVER_FOUND) /* no such name: not a referral at all */
        tp_denial_fact_fail(c->out, f, rec.index, TP_DENIAL_R_WRONG_RCODE);
    else
        tp_denial_fact_fail(c->out, f, TP_DENIAL_NO_RR, TP_DENIAL_R_NO_RECORD);
}

tp_err_t tp_denial_nsec_eval(const tp_denial_input_t *in,
                             tp_denial_result_t *out)
{
    nsec_ctx_t c = {in, out};
    tp_denial_reason_t why;
    nsec_rec_t rec;

    out->mech = TP_DENIAL_MECH_NSEC;
    for (size_t i = 0; i < in->rr_count; i++)
        if (!nsec_at(in, i, &rec, &why) && why != TP_DENIAL_R_NONE)
            tp_denial_note(out, i, why);
    switch (in->kind) {
    case TP_DENIAL_NXDOMAIN:
        nsec_nxdomain(&c);
        break;
    case TP_DENIAL_NODATA:
    case TP_DENIAL_ENT_NODATA:
        nsec_nodata(&c);
        break;
    case TP_DENIAL_WILDCARD_ANSWER:
        nsec_wildcard_answer(&c);
        break;
    case TP_DENIAL_WILDCARD_NODATA:
        nsec_wildcard_nodata(&c);
        break;
    case TP_DENIAL_REFERRAL:
        nsec_referral(&c);
        break;
    case TP_DENIAL_KIND_COUNT:
    default:
        return TP_EINVAL;
    }
    return TP_OK;
}
