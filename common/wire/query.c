/* Query encoding (RFC 1035 4.1, no compression) with an optional EDNS0 OPT
 * RR (RFC 6891 6.1.2) carrying the DO bit (RFC 3225), and query IDs from
 * the kernel CSPRNG (RFC 5452 9.2: IDs must be unpredictable). */
#include <errno.h>
#include <sys/random.h>

#include "trustpath/wire.h"

#define FLAG_RD          0x0100
#define FLAG_CD          0x0010
#define EDNS_DO          0x8000
#define EDNS_MIN_PAYLOAD 512 /* RFC 6891 6.2.5: smaller values mean 512 */

static tp_err_t append_header(tp_buf_t *out, uint16_t id, uint16_t flags,
                              bool edns)
{
    tp_err_t err = tp_buf_append_u16(out, id);

    if (err == TP_OK)
        err = tp_buf_append_u16(out, flags);
    if (err == TP_OK)
        err = tp_buf_append_u16(out, 1); /* QDCOUNT */
    if (err == TP_OK)
        err = tp_buf_append_u32(out, 0); /* ANCOUNT, NSCOUNT */
    if (err == TP_OK)
        err = tp_buf_append_u16(out, edns ? 1 : 0);
    return err;
}

static tp_err_t append_opt(tp_buf_t *out, const tp_query_opts_t *opts)
{
    uint16_t size =
        opts->udp_size < EDNS_MIN_PAYLOAD ? EDNS_MIN_PAYLOAD : opts->udp_size;
    tp_err_t err = tp_buf_append_u8(out, 0); /* root owner */

    if (err == TP_OK)
        err = tp_buf_append_u16(out, TP_TYPE_OPT);
    if (err == TP_OK)
        err = tp_buf_append_u16(out, size);
    /* TTL: extended RCODE 0, version 0, DO, Z = 0. */
    if (err == TP_OK)
        err = tp_buf_append_u32(out, opts->do_bit ? EDNS_DO : 0);
    if (err == TP_OK)
        err = tp_buf_append_u16(out, 0); /* RDLENGTH: no options */
    return err;
}

tp_err_t tp_query_build(const uint8_t *qname, uint16_t qtype, uint16_t qclass,
                        uint16_t id, const tp_query_opts_t *opts, tp_buf_t *out)
{
    uint16_t flags = 0;
    size_t mark;
    tp_err_t err;

    if (qname == NULL || opts == NULL || out == NULL ||
        (opts->do_bit && !opts->edns))
        return TP_EINVAL;
    if (opts->rd)
        flags |= FLAG_RD;
    if (opts->cd)
        flags |= FLAG_CD;
    mark = out->len;
    err = append_header(out, id, flags, opts->edns);
    if (err == TP_OK)
        err = tp_buf_append(out, qname, tp_name_len(qname));
    if (err == TP_OK)
        err = tp_buf_append_u16(out, qtype);
    if (err == TP_OK)
        err = tp_buf_append_u16(out, qclass);
    if (err == TP_OK && opts->edns)
        err = append_opt(out, opts);
    if (err != TP_OK && out->data != NULL) {
        out->len = mark;
        out->data[mark] = 0;
    }
    return err;
}

tp_err_t tp_query_random_id(uint16_t *id_out)
{
    uint16_t id;
    ssize_t n;

    if (id_out == NULL)
        return TP_EINVAL;
    do {
        n = getrandom(&id, sizeof(id), 0);
    } while (n < 0 && errno == EINTR);
    if (n != (ssize_t)sizeof(id))
        return TP_EIO;
    *id_out = id;
    return TP_OK;
}
