/* The OPT pseudo-RR (RFC 6891 6.1): payload size, extended RCODE, version,
 * the DO bit (RFC 3225), and the options we read: NSID (RFC 5001) and
 * Extended DNS Errors (RFC 8914). */
#include "trustpath/wire.h"
#include "wire_int.h"

static tp_err_t edns_option(tp_edns_t *e, uint16_t code, tp_bytes_t data)
{
    if (code == TP_EDNS_NSID && !e->has_nsid) {
        e->has_nsid = true;
        e->nsid = data;
    } else if (code == TP_EDNS_EDE && !e->has_ede) {
        /* RFC 8914 2: INFO-CODE, then optional UTF-8 EXTRA-TEXT. */
        if (data.len < 2)
            return TP_EMALFORMED;
        e->has_ede = true;
        e->ede_code = (uint16_t)((unsigned)data.data[0] << 8 | data.data[1]);
        e->ede_text = tp_bytes(data.data + 2, data.len - 2);
    }
    return TP_OK;
}

tp_err_t tp_edns_parse(const tp_rr_t *opt, tp_edns_t *out)
{
    tp_rd_t r = tp_rd_init(opt->rdata.data, opt->rdata.len);

    if (!tp_name_is_root(opt->owner))
        return TP_EMALFORMED; /* RFC 6891 6.1.2: owner MUST be root */
    out->present = true;
    out->udp_size = opt->rclass;
    out->ext_rcode = (uint8_t)(opt->ttl >> 24);
    out->version = (uint8_t)(opt->ttl >> 16);
    out->do_bit = (opt->ttl & 0x8000) != 0;
    out->options = opt->rdata;
    while (r.err == TP_OK && tp_rd_left(&r) > 0) {
        uint16_t code = tp_rd_u16(&r);
        size_t len = tp_rd_u16(&r);
        const uint8_t *p = tp_rd_take(&r, len);
        tp_err_t err;

        if (p == NULL)
            break;
        err = edns_option(out, code, tp_bytes(p, len));
        if (err != TP_OK)
            return err;
    }
    return tp_rd_finish(&r);
}
