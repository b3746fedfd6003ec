/* Typed views of uncompressed RDATA: borrowed pointers into the RDATA, with
 * every length checked (RFC 1035 3.3, RFC 4034 2-5, RFC 5155 3-4). */
#include <string.h>

#include "trustpath/wire.h"

/* A name at r->pos, borrowed from the RDATA itself (never compressed). */
static const uint8_t *view_name(tp_rd_t *r)
{
    uint8_t scratch[TP_NAME_MAX];
    size_t n;
    const uint8_t *p = r->msg + r->pos;

    if (tp_name_read(r, false, scratch, &n) != TP_OK)
        return NULL;
    return p;
}

static tp_bytes_t view_rest(tp_rd_t *r)
{
    size_t n = tp_rd_left(r);
    const uint8_t *p = tp_rd_take(r, n);

    return tp_bytes(p, p != NULL ? n : 0);
}

static tp_bytes_t view_charstr(tp_rd_t *r)
{
    uint8_t n = tp_rd_u8(r);
    const uint8_t *p = tp_rd_take(r, n);

    return tp_bytes(p, p != NULL ? n : 0);
}

static void view_soa(tp_rd_t *r, tp_soa_t *soa)
{
    soa->mname = view_name(r);
    soa->rname = view_name(r);
    soa->serial = tp_rd_u32(r);
    soa->refresh = tp_rd_u32(r);
    soa->retry = tp_rd_u32(r);
    soa->expire = tp_rd_u32(r);
    soa->minimum = tp_rd_u32(r);
}

static void view_ds(tp_rd_t *r, tp_ds_t *ds)
{
    ds->key_tag = tp_rd_u16(r);
    ds->algorithm = tp_rd_u8(r);
    ds->digest_type = tp_rd_u8(r);
    ds->digest = view_rest(r);
}

static void view_dnskey(tp_rd_t *r, tp_dnskey_t *key)
{
    key->flags = tp_rd_u16(r);
    key->protocol = tp_rd_u8(r);
    key->algorithm = tp_rd_u8(r);
    key->key = view_rest(r);
}

static void view_rrsig(tp_rd_t *r, tp_rrsig_t *sig)
{
    sig->type_covered = tp_rd_u16(r);
    sig->algorithm = tp_rd_u8(r);
    sig->labels = tp_rd_u8(r);
    sig->original_ttl = tp_rd_u32(r);
    sig->expiration = tp_rd_u32(r);
    sig->inception = tp_rd_u32(r);
    sig->key_tag = tp_rd_u16(r);
    sig->signer = view_name(r);
    sig->signed_part = tp_bytes(r->msg, r->pos); /* RFC 4034 3.1.8.1 */
    sig->signature = view_rest(r);
}

static void view_nsec3(tp_rd_t *r, tp_nsec3_t *n3)
{
    n3->hash_alg = tp_rd_u8(r);
    n3->flags = tp_rd_u8(r);
    n3->iterations = tp_rd_u16(r);
    n3->salt = view_charstr(r);
    n3->next_hashed = view_charstr(r);
    n3->bitmap = view_rest(r);
    if (r->err == TP_OK && n3->next_hashed.len == 0)
        tp_rd_fail(r, TP_EMALFORMED); /* RFC 5155 3.2: a hash, not nothing */
}

static void view_nsec3param(tp_rd_t *r, tp_nsec3param_t *p)
{
    p->hash_alg = tp_rd_u8(r);
    p->flags = tp_rd_u8(r);
    p->iterations = tp_rd_u16(r);
    p->salt = view_charstr(r);
}

static void view_txt(tp_rd_t *r, tp_bytes_t *txt)
{
    *txt = tp_bytes(r->msg, r->end);
    do {
        (void)view_charstr(r);
    } while (r->err == TP_OK && tp_rd_left(r) > 0);
}

static void view_fixed(tp_rd_t *r, uint8_t *out, size_t n)
{
    const uint8_t *p = tp_rd_take(r, n);

    if (p != NULL)
        memcpy(out, p, n);
}

static void view_dispatch(tp_rd_t *r, uint16_t type, tp_rdata_view_t *out)
{
    switch (type) {
    case TP_TYPE_A:
        view_fixed(r, out->u.a, 4);
        break;
    case TP_TYPE_AAAA:
        view_fixed(r, out->u.aaaa, 16);
        break;
    case TP_TYPE_NS:
    case TP_TYPE_CNAME:
    case TP_TYPE_DNAME:
    case TP_TYPE_PTR:
        out->u.name = view_name(r);
        break;
    case TP_TYPE_SOA:
        view_soa(r, &out->u.soa);
        break;
    case TP_TYPE_MX:
        out->u.mx.preference = tp_rd_u16(r);
        out->u.mx.exchange = view_name(r);
        break;
    case TP_TYPE_TXT:
        view_txt(r, &out->u.txt);
        break;
    case TP_TYPE_DS:
    case TP_TYPE_CDS:
        view_ds(r, &out->u.ds);
        break;
    case TP_TYPE_DNSKEY:
    case TP_TYPE_CDNSKEY:
        view_dnskey(r, &out->u.dnskey);
        break;
    case TP_TYPE_RRSIG:
        view_rrsig(r, &out->u.rrsig);
        break;
    case TP_TYPE_NSEC:
        out->u.nsec.next = view_name(r);
        out->u.nsec.bitmap = view_rest(r);
        break;
    case TP_TYPE_NSEC3:
        view_nsec3(r, &out->u.nsec3);
        break;
    case TP_TYPE_NSEC3PARAM:
        view_nsec3param(r, &out->u.nsec3param);
        break;
    default:
        out->u.unknown = view_rest(r);
        break;
    }
}

tp_err_t tp_rdata_view(uint16_t type, tp_bytes_t rdata, tp_rdata_view_t *out)
{
    tp_rd_t r = tp_rd_init(rdata.data, rdata.len);
    tp_err_t err;

    if (out == NULL || (rdata.data == NULL && rdata.len != 0))
        return TP_EINVAL;
    memset(out, 0, sizeof(*out));
    out->type = type;
    view_dispatch(&r, type, out);
    err = tp_rd_finish(&r);
    if (err != TP_OK) {
        memset(out, 0, sizeof(*out)); /* no half-filled view escapes */
        out->type = type;
    }
    return err;
}

bool tp_txt_next(tp_bytes_t *rest, tp_bytes_t *string_out)
{
    size_t n;

    if (rest == NULL || string_out == NULL || rest->len == 0)
        return false;
    n = rest->data[0];
    if (n > rest->len - 1)
        return false;
    *string_out = tp_bytes(rest->data + 1, n);
    rest->data += n + 1;
    rest->len -= n + 1;
    return true;
}
