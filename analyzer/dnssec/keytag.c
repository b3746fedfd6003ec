/* DNSKEY key tags: RFC 4034 appendix B (and B.1 for algorithm 1), and the
 * pre-revoke tag of RFC 5011 section 2.1 (the REVOKE bit changes the tag). */
#include <stdint.h>

#include "trustpath/dnssec.h"

/* Appendix B: a 16-bit ones'-complement-like sum over the RDATA, even
 * octets high, odd octets low, carries folded once at the end. `flags_xor`
 * flips bits of the flags field (RDATA octets 0-1) without copying. */
static uint16_t tag_sum(tp_bytes_t rdata, uint16_t flags_xor)
{
    uint64_t ac = 0;

    for (size_t i = 0; i < rdata.len; i++) {
        uint8_t octet = rdata.data[i];
        if (i == 0)
            octet ^= (uint8_t)(flags_xor >> 8);
        else if (i == 1)
            octet ^= (uint8_t)(flags_xor & 0xff);
        ac += (i & 1) != 0 ? octet : (uint64_t)octet << 8;
    }
    ac += (ac >> 16) & 0xffff;
    return (uint16_t)(ac & 0xffff);
}

/* Appendix B.1: for RSA/MD5 the tag is the most significant 16 bits of the
 * least significant 24 bits of the modulus, i.e. the two octets before the
 * last octet of the public key field. */
static uint16_t tag_rsamd5(tp_bytes_t rdata)
{
    if (rdata.len < 4 + 3)
        return 0;
    return (uint16_t)(rdata.data[rdata.len - 3] << 8 |
                      rdata.data[rdata.len - 2]);
}

static uint16_t tag_with(tp_bytes_t rdata, uint16_t flags_xor)
{
    if (rdata.data == NULL || rdata.len < 4)
        return 0;
    if (rdata.data[3] == TP_ALG_RSAMD5)
        return tag_rsamd5(rdata); /* flags do not enter this tag */
    return tag_sum(rdata, flags_xor);
}

uint16_t tp_dnskey_tag(tp_bytes_t rdata)
{
    return tag_with(rdata, 0);
}

uint16_t tp_dnskey_tag_pre_revoke(tp_bytes_t rdata)
{
    if (rdata.data == NULL || rdata.len < 4)
        return 0;
    if ((rdata.data[1] & TP_DNSKEY_FLAG_REVOKE) == 0)
        return tag_with(rdata, 0);
    return tag_with(rdata, TP_DNSKEY_FLAG_REVOKE);
}
