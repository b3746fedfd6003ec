/* The presentation formats of the RDATA trustpath knows, as field lists
 * (RFC 1035 3.3, RFC 2782, RFC 3596, RFC 4034 2.2/3.2/4.2/5.3, RFC 5155
 * 3.3/4.3, RFC 7344). Every other type uses the RFC 3597 "\#" form. */
#include <string.h>

#include "text_int.h"

#define F(...)                \
    {                         \
        __VA_ARGS__, TP_F_END \
    }

static const tp_rdata_format_t formats[] = {
    {TP_TYPE_A, F(TP_F_A), "address"},
    {TP_TYPE_NS, F(TP_F_NAME), "name server"},
    {3, F(TP_F_NAME), "name"}, /* MD */
    {4, F(TP_F_NAME), "name"}, /* MF */
    {TP_TYPE_CNAME, F(TP_F_NAME), "target"},
    {TP_TYPE_SOA,
     F(TP_F_NAME, TP_F_NAME, TP_F_U32, TP_F_TTL, TP_F_TTL, TP_F_TTL, TP_F_TTL),
     "mname/rname/serial/refresh/retry/expire/minimum"},
    {7, F(TP_F_NAME), "name"}, /* MB */
    {8, F(TP_F_NAME), "name"}, /* MG */
    {9, F(TP_F_NAME), "name"}, /* MR */
    {TP_TYPE_PTR, F(TP_F_NAME), "target"},
    {TP_TYPE_HINFO, F(TP_F_STR, TP_F_STR), "cpu/os"},
    {14, F(TP_F_NAME, TP_F_NAME), "rmailbx/emailbx"}, /* MINFO */
    {TP_TYPE_MX, F(TP_F_U16, TP_F_NAME), "preference/exchange"},
    {TP_TYPE_TXT, F(TP_F_STRS), "text"},
    {17, F(TP_F_NAME, TP_F_NAME), "mailbox/text name"}, /* RP */
    {18, F(TP_F_U16, TP_F_NAME), "subtype/hostname"},   /* AFSDB */
    {21, F(TP_F_U16, TP_F_NAME), "preference/host"},    /* RT */
    {TP_TYPE_AAAA, F(TP_F_AAAA), "address"},
    {TP_TYPE_SRV, F(TP_F_U16, TP_F_U16, TP_F_U16, TP_F_NAME),
     "priority/weight/port/target"},
    {36, F(TP_F_U16, TP_F_NAME), "preference/exchanger"}, /* KX */
    {TP_TYPE_DNAME, F(TP_F_NAME), "target"},
    {TP_TYPE_DS, F(TP_F_U16, TP_F_ALG, TP_F_U8, TP_F_HEX),
     "key tag/algorithm/digest type/digest"},
    {TP_TYPE_RRSIG,
     F(TP_F_TYPE, TP_F_ALG, TP_F_U8, TP_F_TTL, TP_F_TIME, TP_F_TIME, TP_F_U16,
       TP_F_NAME, TP_F_BASE64),
     "type covered/algorithm/labels/original TTL/expiration/inception/key "
     "tag/signer/signature"},
    {TP_TYPE_NSEC, F(TP_F_NAME, TP_F_BITMAP), "next name/type bitmap"},
    {TP_TYPE_DNSKEY, F(TP_F_U16, TP_F_U8, TP_F_ALG, TP_F_BASE64),
     "flags/protocol/algorithm/public key"},
    {TP_TYPE_NSEC3,
     F(TP_F_U8, TP_F_U8, TP_F_U16, TP_F_SALT, TP_F_B32, TP_F_BITMAP),
     "hash algorithm/flags/iterations/salt/next hashed owner/type bitmap"},
    {TP_TYPE_NSEC3PARAM, F(TP_F_U8, TP_F_U8, TP_F_U16, TP_F_SALT),
     "hash algorithm/flags/iterations/salt"},
    {TP_TYPE_CDS, F(TP_F_U16, TP_F_ALG, TP_F_U8, TP_F_HEX),
     "key tag/algorithm/digest type/digest"},
    {TP_TYPE_CDNSKEY, F(TP_F_U16, TP_F_U8, TP_F_ALG, TP_F_BASE64),
     "flags/protocol/algorithm/public key"},
    {99, F(TP_F_STRS), "text"}, /* SPF */
    {32768, F(TP_F_U16, TP_F_ALG, TP_F_U8, TP_F_HEX),
     "key tag/algorithm/digest type/digest"}, /* TA */
    {32769, F(TP_F_U16, TP_F_ALG, TP_F_U8, TP_F_HEX),
     "key tag/algorithm/digest type/digest"}, /* DLV */
};

const tp_rdata_format_t *tp_rdata_format(uint16_t type)
{
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (formats[i].type == type)
            return &formats[i];
    return NULL;
}

void tp_rdata_field_name(const tp_rdata_format_t *fmt, size_t i, char *out,
                         size_t out_len)
{
    const char *p = fmt->names, *end;
    size_t n;

    while (i > 0 && p != NULL) {
        p = strchr(p, '/');
        if (p != NULL)
            p++;
        i--;
    }
    if (p == NULL || out_len == 0) {
        if (out_len > 0)
            out[0] = '\0';
        return;
    }
    end = strchr(p, '/');
    n = end != NULL ? (size_t)(end - p) : strlen(p);
    if (n >= out_len)
        n = out_len - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}
