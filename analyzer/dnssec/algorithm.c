/* The algorithm and digest policy tables: what trustpath can verify, what
 * RFC 8624 sections 3.1 and 3.3 say about signing, creating DS and
 * validating (levels kept by RFC 9904 in the IANA registries), RFC 9905
 * (SHA-1 algorithms 5 and 7: MUST NOT sign) and RFC 9906 (GOST), and the
 * key and signature sizes of RFC 3110, 5702, 6605 and 8080. */
#include <stdio.h>
#include <string.h>

#include "dnssec_int.h"

#define N  TP_REQ_NONE
#define MN TP_REQ_MUST_NOT
#define NR TP_REQ_NOT_RECOMMENDED
#define MY TP_REQ_MAY
#define RC TP_REQ_RECOMMENDED
#define MU TP_REQ_MUST

/* number, mnemonic, supported, is_rsa, sign, validate, deprecated, rfc,
 * key_len, sig_len, min_bits, max_bits */
static const tp_alg_info_t algs[] = {
    {0, "DELETE", false, false, MN, MN, false, "RFC 8078 section 4", 0, 0, 0,
     0},
    {1, "RSAMD5", false, true, MN, MN, true, "RFC 8624 section 3.1", 0, 0, 512,
     4096},
    {2, "DH", false, false, MN, MN, true, "RFC 8624 section 3.1", 0, 0, 0, 0},
    {3, "DSA", false, false, MN, MN, true, "RFC 8624 section 3.1", 0, 0, 0, 0},
    {5, "RSASHA1", true, true, MN, MU, true, "RFC 9905 section 2", 0, 0, 512,
     4096},
    {6, "DSA-NSEC3-SHA1", false, false, MN, MN, true, "RFC 8624 section 3.1", 0,
     0, 0, 0},
    {7, "RSASHA1-NSEC3-SHA1", true, true, MN, MU, true, "RFC 9905 section 2", 0,
     0, 512, 4096},
    {8, "RSASHA256", true, true, MU, MU, false, "RFC 8624 section 3.1", 0, 0,
     512, 4096},
    {10, "RSASHA512", true, true, NR, MU, true, "RFC 8624 section 3.1", 0, 0,
     1024, 4096},
    {12, "ECC-GOST", false, false, MN, MY, true, "RFC 9906", 64, 64, 0, 0},
    {13, "ECDSAP256SHA256", true, false, MU, MU, false, "RFC 8624 section 3.1",
     64, 64, 0, 0},
    {14, "ECDSAP384SHA384", true, false, MY, RC, false, "RFC 8624 section 3.1",
     96, 96, 0, 0},
    {15, "ED25519", true, false, RC, RC, false, "RFC 8624 section 3.1", 32, 64,
     0, 0},
    {16, "ED448", true, false, MY, RC, false, "RFC 8624 section 3.1", 57, 114,
     0, 0},
    {17, "SM2SM3", false, false, N, N, false, "IANA registry", 0, 0, 0, 0},
    {23, "ECC-GOST12", false, false, N, N, false, "IANA registry", 0, 0, 0, 0},
    {252, "INDIRECT", false, false, MN, MN, false, "RFC 4034 appendix A.1", 0,
     0, 0, 0},
    {253, "PRIVATEDNS", false, false, MY, MY, false, "RFC 4034 appendix A.1.1",
     0, 0, 0, 0},
    {254, "PRIVATEOID", false, false, MY, MY, false, "RFC 4034 appendix A.1.1",
     0, 0, 0, 0},
};

/* number, mnemonic, supported, create, validate, deprecated, rfc, len */
static const tp_digest_info_t digests[] = {
    {0, "NULL", false, MN, MN, false, "RFC 8078 section 4", 0},
    {1, "SHA-1", true, MN, MU, true, "RFC 8624 section 3.3", 20},
    {2, "SHA-256", true, MU, MU, false, "RFC 8624 section 3.3", 32},
    {3, "GOST R 34.11-94", false, MN, MY, true, "RFC 9906", 32},
    {4, "SHA-384", true, MY, RC, false, "RFC 8624 section 3.3", 48},
    {5, "GOST R 34.11-2012", false, N, N, false, "IANA registry", 32},
    {6, "SM3", false, N, N, false, "IANA registry", 32},
};

#undef N
#undef MN
#undef NR
#undef MY
#undef RC
#undef MU

const tp_alg_info_t *tp_alg_info(uint8_t alg)
{
    for (size_t i = 0; i < sizeof(algs) / sizeof(algs[0]); i++) {
        if (algs[i].number == alg)
            return &algs[i];
    }
    return NULL;
}

const tp_digest_info_t *tp_digest_info(uint8_t digest)
{
    for (size_t i = 0; i < sizeof(digests) / sizeof(digests[0]); i++) {
        if (digests[i].number == digest)
            return &digests[i];
    }
    return NULL;
}

bool tp_alg_is_supported(uint8_t alg)
{
    const tp_alg_info_t *info = tp_alg_info(alg);

    return info != NULL && info->supported;
}

bool tp_digest_is_supported(uint8_t digest)
{
    const tp_digest_info_t *info = tp_digest_info(digest);

    return info != NULL && info->supported;
}

bool tp_ds_is_usable(uint8_t alg, uint8_t digest)
{
    return tp_alg_is_supported(alg) && tp_digest_is_supported(digest);
}

const char *tp_alg_to_text(uint8_t alg, char buf[16])
{
    const tp_alg_info_t *info = tp_alg_info(alg);

    if (info != NULL)
        return info->mnemonic;
    (void)snprintf(buf, 16, "ALG%u", (unsigned)alg);
    return buf;
}

const char *tp_digest_to_text(uint8_t digest, char buf[16])
{
    const tp_digest_info_t *info = tp_digest_info(digest);

    if (info != NULL)
        return info->mnemonic;
    (void)snprintf(buf, 16, "DIGEST%u", (unsigned)digest);
    return buf;
}

/* RFC 3110 section 2: exponent length in one octet, or 0 then two octets;
 * then the exponent, then the modulus. */
bool tp_alg_rsa_split(tp_bytes_t key, tp_bytes_t *e_out, tp_bytes_t *n_out)
{
    size_t hdr = 1;
    size_t elen;

    if (key.len < 1)
        return false;
    elen = key.data[0];
    if (elen == 0) {
        if (key.len < 3)
            return false;
        elen = (size_t)key.data[1] << 8 | key.data[2];
        hdr = 3;
    }
    if (elen == 0 || key.len - hdr <= elen)
        return false; /* no exponent, or no modulus */
    *e_out = tp_bytes(key.data + hdr, elen);
    *n_out = tp_bytes(key.data + hdr + elen, key.len - hdr - elen);
    return true;
}

unsigned tp_alg_rsa_modulus_bits(tp_bytes_t key)
{
    tp_bytes_t e, n;
    size_t i = 0;
    unsigned bits;

    if (!tp_alg_rsa_split(key, &e, &n))
        return 0;
    while (i < n.len && n.data[i] == 0)
        i++;
    if (i == n.len)
        return 0;
    bits = (unsigned)((n.len - i) * 8);
    for (uint8_t top = n.data[i]; (top & 0x80) == 0; top = (uint8_t)(top << 1))
        bits--;
    return bits;
}

unsigned tp_dnskey_bits(uint8_t alg, tp_bytes_t key)
{
    const tp_alg_info_t *info = tp_alg_info(alg);

    if (info == NULL)
        return 0;
    if (info->is_rsa)
        return tp_alg_rsa_modulus_bits(key);
    if (info->key_len == 0 || key.len != info->key_len)
        return 0;
    switch (alg) {
    case TP_ALG_ED25519:
        return 256;
    case TP_ALG_ED448:
        return 456;
    default:
        return (unsigned)info->key_len * 4; /* X|Y: each coordinate */
    }
}

tp_keysize_t tp_dnskey_size_check(uint8_t alg, tp_bytes_t key)
{
    const tp_alg_info_t *info = tp_alg_info(alg);
    unsigned bits;

    if (info == NULL || (!info->is_rsa && info->key_len == 0))
        return TP_KEYSIZE_UNKNOWN_ALG;
    if (!info->is_rsa)
        return key.len == info->key_len ? TP_KEYSIZE_OK : TP_KEYSIZE_MALFORMED;
    bits = tp_alg_rsa_modulus_bits(key);
    if (bits == 0)
        return TP_KEYSIZE_MALFORMED;
    if (bits < info->min_bits)
        return TP_KEYSIZE_TOO_SMALL;
    if (bits > info->max_bits)
        return TP_KEYSIZE_TOO_LARGE;
    return TP_KEYSIZE_OK;
}
