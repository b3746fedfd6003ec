/* The octets an RRSIG signs, in one place: RFC 4034 section 3.1.8.1 (RRSIG
 * RDATA without the signature, then the RRset), section 6.2 (canonical RR
 * form: lowercase owner, original TTL, canonical RDATA, with the type list
 * of RFC 6840 section 5.1 applied by tp_rdata_canonical), section 6.3
 * (RDATA sorted as octet strings, duplicates dropped) and RFC 4035 section
 * 5.3.2 (a wildcard owner rebuilt from the Labels field). */
#include <stdlib.h>
#include <string.h>

#include "dnssec_int.h"

#define RRSIG_FIXED_LEN 18 /* type covered .. key tag (RFC 4034 3.1) */

static const uint8_t empty[1];

static int span_compare(const void *a, const void *b)
{
    const tp_span_t *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = n != 0 ? memcmp(x->data, y->data, n) : 0;

    if (c != 0)
        return c;
    return (x->len > y->len) - (x->len < y->len);
}

/* Owner in canonical form; "*." + the rightmost `labels` labels when the
 * RRSIG says the RRset was expanded from a wildcard. */
static tp_err_t canonical_owner(const uint8_t *owner, unsigned labels,
                                uint8_t out[TP_NAME_MAX], size_t *len_out)
{
    static const uint8_t star = '*';
    uint8_t lower[TP_NAME_MAX];

    if (labels > tp_name_rrsig_labels(owner))
        return TP_EMALFORMED; /* RFC 4034 3.1.3 */
    if (labels >= tp_name_labels(owner)) {
        *len_out = tp_name_copy_lower(owner, out);
        return TP_OK;
    }
    (void)tp_name_copy_lower(owner, lower);
    return tp_name_prepend(tp_name_suffix(lower, labels), &star, 1, out,
                           len_out);
}

static tp_err_t grow_spans(tp_verify_priv_t *p, size_t count)
{
    tp_span_t *spans;

    if (count <= p->spans_cap)
        return TP_OK;
    if (count > SIZE_MAX / sizeof(*spans))
        return TP_ENOMEM;
    spans = realloc(p->spans, count * sizeof(*spans));
    if (spans == NULL)
        return TP_ENOMEM;
    p->spans = spans;
    p->spans_cap = count;
    return TP_OK;
}

/* Canonical RDATA of every RR into p->canon, sorted, duplicates removed;
 * *n_out distinct spans remain in p->spans. */
static tp_err_t canonical_set(const tp_rr_t *rrs, size_t count,
                              tp_verify_priv_t *p, size_t *n_out)
{
    tp_err_t err = grow_spans(p, count);
    size_t n = 0;

    if (err != TP_OK)
        return err;
    tp_buf_reset(&p->canon);
    for (size_t i = 0; i < count; i++) {
        size_t off = p->canon.len;
        err = tp_rdata_canonical(rrs[i].type, rrs[i].rdata, &p->canon);
        if (err != TP_OK)
            return err;
        if (p->canon.len - off > UINT16_MAX)
            return TP_EMALFORMED;
        p->spans[i].off = off;
        p->spans[i].len = p->canon.len - off;
    }
    for (size_t i = 0; i < count; i++) /* all-empty RDATA: no buffer */
        p->spans[i].data =
            p->canon.data != NULL ? p->canon.data + p->spans[i].off : empty;
    if (count > 1)
        qsort(p->spans, count, sizeof(p->spans[0]), span_compare);
    for (size_t i = 0; i < count; i++) {
        if (n > 0 && span_compare(&p->spans[n - 1], &p->spans[i]) == 0)
            continue;
        p->spans[n++] = p->spans[i];
    }
    *n_out = n;
    return TP_OK;
}

static tp_err_t check_set(const tp_rr_t *rrs, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (rrs[i].owner == NULL ||
            (rrs[i].rdata.data == NULL && rrs[i].rdata.len != 0))
            return TP_EINVAL;
        if (i > 0 &&
            (rrs[i].type != rrs[0].type || rrs[i].rclass != rrs[0].rclass ||
             !tp_name_equal(rrs[i].owner, rrs[0].owner)))
            return TP_EINVAL;
    }
    return TP_OK;
}

static tp_err_t append_rrs(const tp_rrsig_t *sig, const tp_rr_t *rr0,
                           const uint8_t *owner, size_t owner_len,
                           const tp_verify_priv_t *p, size_t n, tp_buf_t *out)
{
    tp_err_t err = TP_OK;

    for (size_t i = 0; i < n && err == TP_OK; i++) {
        err = tp_buf_append(out, owner, owner_len);
        if (err == TP_OK)
            err = tp_buf_append_u16(out, rr0->type);
        if (err == TP_OK)
            err = tp_buf_append_u16(out, rr0->rclass);
        if (err == TP_OK) /* RFC 4034 6.2 item 4: not the RR's own TTL */
            err = tp_buf_append_u32(out, sig->original_ttl);
        if (err == TP_OK)
            err = tp_buf_append_u16(out, (uint16_t)p->spans[i].len);
        if (err == TP_OK)
            err = tp_buf_append(out, p->spans[i].data, p->spans[i].len);
    }
    return err;
}

tp_err_t tp_signed_data_build(const tp_rrsig_t *sig, const tp_rr_t *rrs,
                              size_t count, tp_verify_priv_t *scratch,
                              tp_buf_t *out, size_t *dup_out)
{
    uint8_t owner[TP_NAME_MAX], signer[TP_NAME_MAX];
    size_t owner_len, signer_len, n = 0;
    tp_err_t err;

    if (sig == NULL || rrs == NULL || count == 0 || out == NULL ||
        sig->signer == NULL || sig->signed_part.len < RRSIG_FIXED_LEN)
        return TP_EINVAL;
    err = check_set(rrs, count);
    if (err == TP_OK)
        err = canonical_owner(rrs[0].owner, sig->labels, owner, &owner_len);
    if (err == TP_OK)
        err = canonical_set(rrs, count, scratch, &n);
    if (err != TP_OK)
        return err;
    signer_len = tp_name_copy_lower(sig->signer, signer);
    err = tp_buf_append(out, sig->signed_part.data, RRSIG_FIXED_LEN);
    if (err == TP_OK)
        err = tp_buf_append(out, signer, signer_len);
    if (err == TP_OK)
        err = append_rrs(sig, &rrs[0], owner, owner_len, scratch, n, out);
    if (err == TP_OK && dup_out != NULL)
        *dup_out = count - n;
    return err;
}

void tp_verify_priv_clear(tp_verify_priv_t *priv)
{
    free(priv->spans);
    priv->spans = NULL;
    priv->spans_cap = 0;
    tp_buf_clear(&priv->canon);
}

tp_err_t tp_rrsig_signed_data(const tp_rrsig_t *sig, const tp_rr_t *rrs,
                              size_t count, tp_buf_t *out, size_t *dup_out)
{
    tp_verify_priv_t scratch;
    tp_err_t err;

    memset(&scratch, 0, sizeof(scratch));
    tp_buf_init(&scratch.canon, out != NULL ? out->max : 0);
    err = tp_signed_data_build(sig, rrs, count, &scratch, out, dup_out);
    tp_verify_priv_clear(&scratch);
    return err;
}
