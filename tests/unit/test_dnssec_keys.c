/* dnssec: key tags (RFC 4034 App. B, B.1 for algorithm 1), the pre-revoke
 * tag (RFC 5011), flags, DS digests and matching (RFC 4034 5.4, RFC 4509
 * 2.3, RFC 6605 6, RFC 8080 6 with Errata 4935), the policy table (RFC 8624,
 * RFC 9905), key sizes, parsed keys and the key cache, RFC 1982 windows. */
#include <string.h>

#include "dnssec_fixture.h"
#include "runner.h"
#include "trustpath/dnssec.h"

/* The RFC 4034 5.4 key, as DNSKEY RDATA: flags 256, protocol 3, alg 5. */
static const char rfc4034_key_b64[] =
    "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxe"
    "YCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2"
    "wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==";

/* DNSKEY RDATA from flags, protocol, algorithm and a base64 key. */
static size_t make_rdata(uint16_t flags, uint8_t proto, uint8_t alg,
                         const char *b64, uint8_t *out, size_t max)
{
    tp_buf_t b;
    size_t n = 0;

    tp_buf_init(&b, 4096);
    if (tp_base64_decode(b64, strlen(b64), &b) == TP_OK && b.len + 4 <= max) {
        out[0] = (uint8_t)(flags >> 8);
        out[1] = (uint8_t)flags;
        out[2] = proto;
        out[3] = alg;
        memcpy(out + 4, b.data, b.len);
        n = b.len + 4;
    }
    tp_buf_clear(&b);
    return n;
}

static void test_key_tag_rfc4034(void)
{
    uint8_t rd[512];
    size_t n = make_rdata(256, 3, 5, rfc4034_key_b64, rd, sizeof(rd));

    CU_ASSERT_FATAL(n > 4);
    CU_ASSERT_EQUAL(tp_dnskey_tag(tp_bytes(rd, n)), 60485);
    CU_ASSERT_EQUAL(tp_dnskey_tag_pre_revoke(tp_bytes(rd, n)), 60485);
    /* Flipping a flag changes the tag: the REVOKE bit adds 0x80. */
    rd[1] |= 0x80;
    CU_ASSERT_EQUAL(tp_dnskey_tag(tp_bytes(rd, n)), (60485 + 0x80) & 0xffff);
    CU_ASSERT_EQUAL(tp_dnskey_tag_pre_revoke(tp_bytes(rd, n)), 60485);
    CU_ASSERT_EQUAL(tp_dnskey_tag(tp_bytes(rd, 3)), 0); /* too short */
}

/* Tags printed in RFC 5702, 6605 and 8080 (with Errata 4935). */
static void test_key_tag_rfc_examples(void)
{
    static const struct {
        uint16_t flags;
        uint8_t alg;
        const char *key;
        uint16_t tag;
    } rows[] = {
        {256, 8,
         "AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgt"
         "vd4Qs8PkxUdp6p/DlUmObdk=",
         9033},
        {256, 10,
         "AwEAAdHoNTOW+et86KuJOWRDp1pndvwb6Y83nSVXXyLA3DLroROUkN6X0O6pnWnjJQuj"
         "X/AyhqFDxj13tOnD9u/1kTg7cV6rklMrZDtJCQ5PCl/D7QNPsgVsMu1J2Q8gpMpztNFL"
         "pPBz1bWXjDtaR7ZQBlZ3PFY12ZTSncorffcGmhOL",
         3740},
        {257, 13,
         "GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MA"
         "nLr+Wi9xMWyQLc8NAA==",
         55648},
        {257, 15, "l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=", 3613},
        {257, 15, "zPnZ/QwEe7S8C5SPz2OfS5RR40ATk2/rYnE9xHIEijs=", 35217},
        {257, 16,
         "3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn+G2MpTPhpj/OiBVHHSfPodx1FYYUcJKm"
         "1MDpJtIA",
         9713},
    };

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        uint8_t rd[512];
        size_t n = make_rdata(rows[i].flags, 3, rows[i].alg, rows[i].key, rd,
                              sizeof(rd));
        CU_ASSERT_FATAL(n > 4);
        CU_ASSERT_EQUAL(tp_dnskey_tag(tp_bytes(rd, n)), rows[i].tag);
    }
}

/* RFC 4034 App. B.1: algorithm 1 takes the 16 bits before the last octet of
 * the modulus, and ignores the flags. */
static void test_key_tag_rsamd5(void)
{
    const uint8_t rd[] = {0x01, 0x00, 3,    1,    0x01, 0x03, /* e = 3 */
                          0xc1, 0x5c, 0x1a, 0xbe, 0xef, 0x42};
    uint8_t revoked[sizeof(rd)];

    CU_ASSERT_EQUAL(tp_dnskey_tag(tp_bytes(rd, sizeof(rd))), 0xbeef);
    memcpy(revoked, rd, sizeof(rd));
    revoked[1] |= 0x80;
    CU_ASSERT_EQUAL(tp_dnskey_tag(tp_bytes(revoked, sizeof(rd))), 0xbeef);
    /* A public key field shorter than 3 octets has no such bits. */
    CU_ASSERT_EQUAL(tp_dnskey_tag(tp_bytes(rd, 6)), 0);
}

/* RFC 4034 Errata 4552: the carry is folded back in once (not dropped,
 * and not a reduction modulo 65535). */
static void test_key_tag_carry(void)
{
    const uint8_t carry[] = {0xff, 0xff, 0xff, 8, 0xff, 0xff, 0xff, 0xff};
    const uint8_t all_ones[] = {0, 0, 0, 8, 0xff, 0xf7};
    const uint8_t zero[4] = {0};

    CU_ASSERT_EQUAL(tp_dnskey_tag(tp_bytes(carry, sizeof(carry))), 65288);
    CU_ASSERT_EQUAL(tp_dnskey_tag(tp_bytes(all_ones, sizeof(all_ones))), 65535);
    CU_ASSERT_EQUAL(tp_dnskey_tag(tp_bytes(zero, 4)), 0);
}

static void test_flags(void)
{
    CU_ASSERT_TRUE(tp_dnskey_is_zone_key(256));
    CU_ASSERT_FALSE(tp_dnskey_is_zone_key(1));
    CU_ASSERT_TRUE(tp_dnskey_is_sep(257));
    CU_ASSERT_FALSE(tp_dnskey_is_sep(256));
    CU_ASSERT_TRUE(tp_dnskey_is_revoked(385));
    CU_ASSERT_FALSE(tp_dnskey_is_revoked(257));
}

static void test_ds_digest_rfc4034_rfc4509(void)
{
    static const uint8_t sha1[] = {0x2B, 0xB1, 0x83, 0xAF, 0x5F, 0x22, 0x58,
                                   0x81, 0x79, 0xA5, 0x3B, 0x0A, 0x98, 0x63,
                                   0x1F, 0xAD, 0x1A, 0x29, 0x21, 0x18};
    static const uint8_t sha256[] = {
        0xD4, 0xB7, 0xD5, 0x20, 0xE7, 0xBB, 0x5F, 0x0F, 0x67, 0x67, 0x4A,
        0x0C, 0xCE, 0xB1, 0xE3, 0xE0, 0x61, 0x4B, 0x93, 0xC4, 0xF9, 0xE9,
        0x9B, 0x83, 0x83, 0xF6, 0xA1, 0xE4, 0x46, 0x9D, 0xA5, 0x0A};
    uint8_t rd[512], owner[TP_NAME_MAX], out[TP_DS_DIGEST_MAX];
    size_t n = make_rdata(256, 3, 5, rfc4034_key_b64, rd, sizeof(rd));
    size_t len = 0;

    fx_name("DSKEY.Example.COM.", owner); /* digest uses the lowercase form */
    CU_ASSERT_EQUAL(tp_ds_digest(owner, tp_bytes(rd, n), 1, out, &len), TP_OK);
    CU_ASSERT_EQUAL(len, 20);
    CU_ASSERT_EQUAL(memcmp(out, sha1, 20), 0);
    CU_ASSERT_EQUAL(tp_ds_digest(owner, tp_bytes(rd, n), 2, out, &len), TP_OK);
    CU_ASSERT_EQUAL(len, 32);
    CU_ASSERT_EQUAL(memcmp(out, sha256, 32), 0);
    CU_ASSERT_EQUAL(tp_ds_digest(owner, tp_bytes(rd, n), 3, out, &len),
                    TP_EUNSUPPORTED);
    CU_ASSERT_EQUAL(tp_ds_digest(owner, tp_bytes(rd, 3), 2, out, &len),
                    TP_EMALFORMED);
    CU_ASSERT_EQUAL(tp_ds_digest(NULL, tp_bytes(rd, n), 2, out, &len),
                    TP_EINVAL);
}

/* Every DS of the RFC fixtures matches its DNSKEY; the tag equals the DS's. */
static void check_ds_fixture(const char *rel, size_t want_matches)
{
    fx_zone_t z;
    size_t matches = 0;

    fx_load(&z, rel);
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    for (size_t i = 0; i < z.rrs.count; i++) {
        const tp_rr_t *ds = &z.rrs.rrs[i];
        tp_rdata_view_t dv;
        if (ds->type != TP_TYPE_DS)
            continue;
        CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_DS, ds->rdata, &dv), TP_OK);
        for (size_t j = 0; j < z.rrs.count; j++) {
            const tp_rr_t *key = &z.rrs.rrs[j];
            tp_ds_result_t r;
            if (key->type != TP_TYPE_DNSKEY ||
                !tp_name_equal(key->owner, ds->owner))
                continue;
            CU_ASSERT_EQUAL(tp_ds_match(ds->owner, &dv.u.ds, key->rdata, &r),
                            TP_OK);
            if (r == TP_DS_MATCH) {
                CU_ASSERT_EQUAL(tp_dnskey_tag(key->rdata), dv.u.ds.key_tag);
                matches++;
            }
        }
    }
    CU_ASSERT_EQUAL(matches, want_matches);
    fx_free(&z);
}

static void test_ds_rfc_fixtures(void)
{
    check_ds_fixture("dnssec/rfc4034-ds.zone", 2);
    check_ds_fixture("dnssec/rfc6605.zone", 2);
    check_ds_fixture("dnssec/rfc8080-errata4935.zone", 4);
}

/* One DS against variations of one key: every tp_ds_result_t. */
static void test_ds_match_results(void)
{
    uint8_t rd[512], owner[TP_NAME_MAX], digest[TP_DS_DIGEST_MAX];
    size_t n = make_rdata(256, 3, 5, rfc4034_key_b64, rd, sizeof(rd));
    size_t len = 0;
    tp_ds_t ds;
    tp_ds_result_t r;

    fx_name("dskey.example.com.", owner);
    CU_ASSERT_EQUAL_FATAL(tp_ds_digest(owner, tp_bytes(rd, n), 2, digest, &len),
                          TP_OK);
    ds = (tp_ds_t){60485, 5, 2, tp_bytes(digest, len)};
    CU_ASSERT_EQUAL(tp_ds_match(owner, &ds, tp_bytes(rd, n), &r), TP_OK);
    CU_ASSERT_EQUAL(r, TP_DS_MATCH);
    ds.algorithm = 8;
    CU_ASSERT_EQUAL(tp_ds_match(owner, &ds, tp_bytes(rd, n), &r), TP_OK);
    CU_ASSERT_EQUAL(r, TP_DS_ALGORITHM_MISMATCH);
    ds.algorithm = 5;
    ds.key_tag = 1;
    CU_ASSERT_EQUAL(tp_ds_match(owner, &ds, tp_bytes(rd, n), &r), TP_OK);
    CU_ASSERT_EQUAL(r, TP_DS_KEY_TAG_MISMATCH);
    ds.key_tag = 60485;
    ds.digest_type = 3; /* GOST: not computable here */
    CU_ASSERT_EQUAL(tp_ds_match(owner, &ds, tp_bytes(rd, n), &r), TP_OK);
    CU_ASSERT_EQUAL(r, TP_DS_DIGEST_UNSUPPORTED);
    ds.digest_type = 2;
    ds.digest.len = 31;
    CU_ASSERT_EQUAL(tp_ds_match(owner, &ds, tp_bytes(rd, n), &r), TP_OK);
    CU_ASSERT_EQUAL(r, TP_DS_DIGEST_LENGTH);
    ds.digest.len = 32;
    digest[5] ^= 1;
    CU_ASSERT_EQUAL(tp_ds_match(owner, &ds, tp_bytes(rd, n), &r), TP_OK);
    CU_ASSERT_EQUAL(r, TP_DS_DIGEST_MISMATCH);
    digest[5] ^= 1;
    /* The key is revoked after the DS was made: tag and digest both use
     * the old flags. */
    rd[1] |= 0x80;
    CU_ASSERT_EQUAL(tp_ds_match(owner, &ds, tp_bytes(rd, n), &r), TP_OK);
    CU_ASSERT_EQUAL(r, TP_DS_MATCHES_REVOKED_KEY);
    rd[1] &= (uint8_t)~0x80;
    /* A DS made over a key without the ZONE flag, or protocol 2. */
    rd[0] = 0;
    ds.key_tag = tp_dnskey_tag(tp_bytes(rd, n));
    CU_ASSERT_EQUAL(tp_ds_digest(owner, tp_bytes(rd, n), 2, digest, &len),
                    TP_OK);
    CU_ASSERT_EQUAL(tp_ds_match(owner, &ds, tp_bytes(rd, n), &r), TP_OK);
    CU_ASSERT_EQUAL(r, TP_DS_KEY_NOT_ZONE_KEY);
    rd[0] = 1;
    rd[2] = 2;
    ds.key_tag = tp_dnskey_tag(tp_bytes(rd, n));
    CU_ASSERT_EQUAL(tp_ds_digest(owner, tp_bytes(rd, n), 2, digest, &len),
                    TP_OK);
    CU_ASSERT_EQUAL(tp_ds_match(owner, &ds, tp_bytes(rd, n), &r), TP_OK);
    CU_ASSERT_EQUAL(r, TP_DS_KEY_BAD_PROTOCOL);
    CU_ASSERT_EQUAL(tp_ds_match(owner, &ds, tp_bytes(rd, 3), &r),
                    TP_EMALFORMED);
    CU_ASSERT_STRING_EQUAL(tp_ds_result_name(TP_DS_DIGEST_MISMATCH),
                           "DIGEST_MISMATCH");
    CU_ASSERT_STRING_EQUAL(tp_ds_result_name(TP_DS_KEY_BAD_PROTOCOL),
                           "KEY_BAD_PROTOCOL");
}

static void test_policy_table(void)
{
    const tp_alg_info_t *a;
    const tp_digest_info_t *d;
    char buf[16];
    static const uint8_t supported[] = {5, 7, 8, 10, 13, 14, 15, 16};
    static const uint8_t unsupported[] = {0, 1, 3, 6, 12, 17, 23, 253, 254, 99};

    for (size_t i = 0; i < sizeof(supported); i++)
        CU_ASSERT_TRUE(tp_alg_is_supported(supported[i]));
    for (size_t i = 0; i < sizeof(unsupported); i++)
        CU_ASSERT_FALSE(tp_alg_is_supported(unsupported[i]));
    a = tp_alg_info(5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_STRING_EQUAL(a->mnemonic, "RSASHA1");
    CU_ASSERT_EQUAL(a->sign, TP_REQ_MUST_NOT); /* RFC 9905 */
    CU_ASSERT_EQUAL(a->validate, TP_REQ_MUST);
    CU_ASSERT_TRUE(a->deprecated);
    CU_ASSERT_EQUAL(tp_alg_info(7)->sign, TP_REQ_MUST_NOT);
    a = tp_alg_info(13);
    CU_ASSERT_EQUAL(a->sign, TP_REQ_MUST);
    CU_ASSERT_EQUAL(a->sig_len, 64);
    CU_ASSERT_FALSE(a->deprecated);
    CU_ASSERT_EQUAL(tp_alg_info(15)->sign, TP_REQ_RECOMMENDED);
    CU_ASSERT_EQUAL(tp_alg_info(16)->sig_len, 114);
    CU_ASSERT_EQUAL(tp_alg_info(14)->key_len, 96);
    CU_ASSERT_EQUAL(tp_alg_info(10)->sign, TP_REQ_NOT_RECOMMENDED);
    CU_ASSERT_EQUAL(tp_alg_info(1)->validate, TP_REQ_MUST_NOT);
    CU_ASSERT_PTR_NULL(tp_alg_info(99));
    CU_ASSERT_STRING_EQUAL(tp_alg_to_text(99, buf), "ALG99");
    CU_ASSERT_STRING_EQUAL(tp_alg_to_text(8, buf), "RSASHA256");

    d = tp_digest_info(1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_TRUE(d->supported);
    CU_ASSERT_EQUAL(d->create, TP_REQ_MUST_NOT);
    CU_ASSERT_EQUAL(d->validate, TP_REQ_MUST);
    CU_ASSERT_EQUAL(d->len, 20);
    CU_ASSERT_EQUAL(tp_digest_info(4)->len, 48);
    CU_ASSERT_FALSE(tp_digest_is_supported(3));
    CU_ASSERT_FALSE(tp_digest_is_supported(0));
    CU_ASSERT_PTR_NULL(tp_digest_info(7));
    CU_ASSERT_STRING_EQUAL(tp_digest_to_text(7, buf), "DIGEST7");
    CU_ASSERT_STRING_EQUAL(tp_digest_to_text(2, buf), "SHA-256");
    /* RFC 4035 5.2: a DS set with only such rows means "insecure". */
    CU_ASSERT_TRUE(tp_ds_is_usable(13, 2));
    CU_ASSERT_FALSE(tp_ds_is_usable(13, 3));
    CU_ASSERT_FALSE(tp_ds_is_usable(12, 2));
    CU_ASSERT_FALSE(tp_ds_is_usable(200, 2));
}

static void test_key_bits_and_size_check(void)
{
    uint8_t rd[512];
    size_t n = make_rdata(256, 3, 5, rfc4034_key_b64, rd, sizeof(rd));
    tp_bytes_t pub = tp_bytes(rd + 4, n - 4);
    uint8_t small[] = {1, 3, 0x80, 0x01};  /* e = 3, 16-bit modulus */
    uint8_t long_e[] = {0, 0, 1, 3, 0xff}; /* 3-octet length form */
    uint8_t no_n[] = {2, 1, 0};
    uint8_t ec[64] = {0};

    CU_ASSERT_EQUAL(tp_dnskey_bits(5, pub), 1024);
    CU_ASSERT_EQUAL(tp_dnskey_size_check(5, pub), TP_KEYSIZE_OK);
    CU_ASSERT_EQUAL(tp_dnskey_size_check(10, pub), TP_KEYSIZE_OK);
    CU_ASSERT_EQUAL(tp_dnskey_size_check(10, tp_bytes(small, sizeof(small))),
                    TP_KEYSIZE_TOO_SMALL);
    CU_ASSERT_EQUAL(tp_dnskey_bits(8, tp_bytes(small, sizeof(small))), 16);
    CU_ASSERT_EQUAL(tp_dnskey_size_check(8, tp_bytes(small, sizeof(small))),
                    TP_KEYSIZE_TOO_SMALL);
    CU_ASSERT_EQUAL(tp_dnskey_bits(8, tp_bytes(long_e, sizeof(long_e))), 8);
    CU_ASSERT_EQUAL(tp_dnskey_size_check(8, tp_bytes(no_n, sizeof(no_n))),
                    TP_KEYSIZE_MALFORMED);
    CU_ASSERT_EQUAL(tp_dnskey_bits(13, tp_bytes(ec, 64)), 256);
    CU_ASSERT_EQUAL(tp_dnskey_bits(14, tp_bytes(ec, 64)), 0);
    CU_ASSERT_EQUAL(tp_dnskey_size_check(14, tp_bytes(ec, 64)),
                    TP_KEYSIZE_MALFORMED);
    CU_ASSERT_EQUAL(tp_dnskey_bits(15, tp_bytes(ec, 32)), 256);
    CU_ASSERT_EQUAL(tp_dnskey_bits(16, tp_bytes(ec, 57)), 456);
    CU_ASSERT_EQUAL(tp_dnskey_size_check(200, tp_bytes(ec, 32)),
                    TP_KEYSIZE_UNKNOWN_ALG);
    /* RFC 3110: at most 4096 bits; a 4097-bit modulus is too large. */
    uint8_t big[2 + 513];
    memset(big, 0xab, sizeof(big));
    big[0] = 1, big[1] = 3, big[2] = 0x01;
    CU_ASSERT_EQUAL(tp_dnskey_bits(8, tp_bytes(big, sizeof(big))), 4097);
    CU_ASSERT_EQUAL(tp_dnskey_size_check(8, tp_bytes(big, sizeof(big))),
                    TP_KEYSIZE_TOO_LARGE);
    CU_ASSERT_EQUAL(tp_dnskey_size_check(8, tp_bytes(big, sizeof(big) - 1)),
                    TP_KEYSIZE_OK);
}

static void test_key_objects_and_cache(void)
{
    uint8_t rd[512], owner[TP_NAME_MAX], bad_ec[4 + 64];
    size_t n = make_rdata(256, 3, 5, rfc4034_key_b64, rd, sizeof(rd));
    tp_key_t *key = NULL;
    tp_keycache_t *cache = tp_keycache_new(2);
    const tp_key_t *a = NULL, *b = NULL, *c = NULL;
    uint8_t gost[4 + 64] = {1, 0, 3, 12};

    fx_name("DSKEY.example.com.", owner);
    CU_ASSERT_EQUAL_FATAL(tp_key_new(owner, tp_bytes(rd, n), &key), TP_OK);
    CU_ASSERT_EQUAL(tp_key_status(key), TP_KEY_OK);
    CU_ASSERT_EQUAL(tp_key_tag(key), 60485);
    CU_ASSERT_EQUAL(tp_key_algorithm(key), 5);
    CU_ASSERT_EQUAL(tp_key_flags(key), 256);
    CU_ASSERT_EQUAL(tp_key_protocol(key), 3);
    CU_ASSERT_EQUAL(tp_key_bits(key), 1024);
    CU_ASSERT_EQUAL(tp_key_sig_len(key), 128);
    CU_ASSERT_EQUAL(tp_key_owner(key)[1], 'd'); /* lowercased copy */
    CU_ASSERT_EQUAL(tp_key_rdata(key).len, n);
    tp_key_free(key);
    tp_key_free(NULL);
    CU_ASSERT_EQUAL(tp_key_new(owner, tp_bytes(rd, 3), &key), TP_EMALFORMED);

    /* An unsupported algorithm and an EC point off the curve still make
     * keys; their status says why they cannot verify. */
    CU_ASSERT_EQUAL_FATAL(tp_key_new(owner, tp_bytes(gost, sizeof(gost)), &key),
                          TP_OK);
    CU_ASSERT_EQUAL(tp_key_status(key), TP_KEY_UNSUPPORTED_ALGORITHM);
    CU_ASSERT_EQUAL(tp_key_sig_len(key), 0);
    tp_key_free(key);
    memset(bad_ec, 0x11, sizeof(bad_ec));
    bad_ec[0] = 1, bad_ec[1] = 0, bad_ec[2] = 3, bad_ec[3] = 13;
    CU_ASSERT_EQUAL_FATAL(
        tp_key_new(owner, tp_bytes(bad_ec, sizeof(bad_ec)), &key), TP_OK);
    CU_ASSERT_EQUAL(tp_key_status(key), TP_KEY_MALFORMED);
    tp_key_free(key);
    CU_ASSERT_EQUAL_FATAL(
        tp_key_new(owner, tp_bytes(bad_ec, sizeof(bad_ec) - 1), &key), TP_OK);
    CU_ASSERT_EQUAL(tp_key_status(key), TP_KEY_MALFORMED); /* 63 octets */
    tp_key_free(key);

    /* The cache builds each key once and is bounded. */
    CU_ASSERT_PTR_NOT_NULL_FATAL(cache);
    CU_ASSERT_EQUAL(tp_keycache_get(cache, owner, tp_bytes(rd, n), &a), TP_OK);
    fx_name("dskey.EXAMPLE.com.", owner);
    CU_ASSERT_EQUAL(tp_keycache_get(cache, owner, tp_bytes(rd, n), &b), TP_OK);
    CU_ASSERT_PTR_EQUAL(a, b);
    CU_ASSERT_EQUAL(tp_keycache_count(cache), 1);
    CU_ASSERT_EQUAL(
        tp_keycache_get(cache, owner, tp_bytes(gost, sizeof(gost)), &c), TP_OK);
    CU_ASSERT_PTR_NOT_EQUAL(a, c);
    CU_ASSERT_EQUAL(
        tp_keycache_get(cache, owner, tp_bytes(bad_ec, sizeof(bad_ec)), &c),
        TP_ELIMIT);
    CU_ASSERT_EQUAL(tp_keycache_count(cache), 2);
    tp_keycache_free(cache);
}

/* RFC 1982 with SERIAL_BITS 32, and the RRSIG window across 2106. */
static void test_serial_and_window(void)
{
    CU_ASSERT_EQUAL(tp_serial_compare(1, 1), 0);
    CU_ASSERT_TRUE(tp_serial_compare(2, 1) > 0);
    CU_ASSERT_TRUE(tp_serial_compare(1, 2) < 0);
    CU_ASSERT_TRUE(tp_serial_compare(0, 0xffffffffu) > 0); /* wrapped */
    CU_ASSERT_TRUE(tp_serial_compare(0xffffffffu, 0) < 0);
    CU_ASSERT_TRUE(tp_serial_compare(0x7fffffffu, 0) > 0);
    CU_ASSERT_TRUE(tp_serial_compare(0x80000001u, 0) < 0);

    CU_ASSERT_EQUAL(tp_rrsig_check_window(100, 200, 150), TP_SIG_VALID);
    CU_ASSERT_EQUAL(tp_rrsig_check_window(100, 200, 100), TP_SIG_VALID);
    CU_ASSERT_EQUAL(tp_rrsig_check_window(100, 200, 200), TP_SIG_VALID);
    CU_ASSERT_EQUAL(tp_rrsig_check_window(100, 200, 99), TP_SIG_NOT_YET_VALID);
    CU_ASSERT_EQUAL(tp_rrsig_check_window(100, 200, 201), TP_SIG_EXPIRED);
    CU_ASSERT_EQUAL(tp_rrsig_check_window(200, 100, 150),
                    TP_SIG_INCEPTION_AFTER_EXPIRATION);
    /* A window spanning the 2106 wrap: inception near 2^32, expiration
     * small; "now" past 2^32 is reduced mod 2^32. */
    CU_ASSERT_EQUAL(
        tp_rrsig_check_window(0xffffff00u, 0x100, (int64_t)0x100000000 + 5),
        TP_SIG_VALID);
    CU_ASSERT_EQUAL(tp_rrsig_check_window(0xffffff00u, 0x100, 0xfffffff0),
                    TP_SIG_VALID);
    CU_ASSERT_EQUAL(
        tp_rrsig_check_window(0xffffff00u, 0x100, (int64_t)0x100000000 + 0x200),
        TP_SIG_EXPIRED);
    CU_ASSERT_EQUAL(tp_rrsig_check_window(0xffffff00u, 0x100, 0xfffffe00),
                    TP_SIG_NOT_YET_VALID);
    /* Today's signatures seen from 2106 + 1 day are long expired only if
     * the window says so: 2026..2036 at 2^32 + 86400 is NOT "valid". */
    CU_ASSERT_NOT_EQUAL(tp_rrsig_check_window(1767225600u, 2082758400u,
                                              (int64_t)0x100000000 + 86400),
                        TP_SIG_VALID);
}

static void test_result_names(void)
{
    CU_ASSERT_STRING_EQUAL(tp_sig_result_name(TP_SIG_VALID), "VALID");
    CU_ASSERT_STRING_EQUAL(tp_sig_result_name(TP_SIG_BAD_SIGNATURE),
                           "BAD_SIGNATURE");
    CU_ASSERT_STRING_EQUAL(tp_sig_result_name(TP_SIG_MATCHES_PRE_REVOKE),
                           "MATCHES_PRE_REVOKE");
    CU_ASSERT_STRING_EQUAL(tp_sig_result_name(TP_SIG_RESULT_COUNT), "UNKNOWN");
    for (int r = 0; r < TP_SIG_RESULT_COUNT; r++) {
        CU_ASSERT_PTR_NOT_NULL(tp_sig_result_name((tp_sig_result_t)r));
        CU_ASSERT_TRUE(strlen(tp_sig_result_str((tp_sig_result_t)r)) > 10);
    }
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("dnssec keys", NULL, NULL);

    if (s == NULL ||
        !CU_add_test(s, "dnssec: key tag RFC 4034 5.4", test_key_tag_rfc4034) ||
        !CU_add_test(s, "dnssec: key tags of RFC 5702/6605/8080",
                     test_key_tag_rfc_examples) ||
        !CU_add_test(s, "dnssec: key tag algorithm 1", test_key_tag_rsamd5) ||
        !CU_add_test(s, "dnssec: key tag carry (Errata 4552)",
                     test_key_tag_carry) ||
        !CU_add_test(s, "dnssec: DNSKEY flags", test_flags) ||
        !CU_add_test(s, "dnssec: DS digests RFC 4034/4509",
                     test_ds_digest_rfc4034_rfc4509) ||
        !CU_add_test(s, "dnssec: DS fixtures match", test_ds_rfc_fixtures) ||
        !CU_add_test(s, "dnssec: every DS match result",
                     test_ds_match_results) ||
        !CU_add_test(s, "dnssec: policy table", test_policy_table) ||
        !CU_add_test(s, "dnssec: key bits and size check",
                     test_key_bits_and_size_check) ||
        !CU_add_test(s, "dnssec: parsed keys and the cache",
                     test_key_objects_and_cache) ||
        !CU_add_test(s, "dnssec: RFC 1982 serials and windows",
                     test_serial_and_window) ||
        !CU_add_test(s, "dnssec: result names", test_result_names))
        return -1;
    return 0;
}
