/* dnssec: the complete signed zone example. of RFC 4035 appendix A
 * (tests/data/rfc/rfc4035-appendix-a.txt), parsed with tp_zone_parse and
 * checked record set by record set: every one of its 27 RRSIGs verifies with
 * the zone's own keys inside the window, none outside it, none with a flipped
 * bit; the NSEC chain closes; the DS of a.example. belongs to the child. */
#include <stdint.h>
#include <string.h>

#include "dnssec_fixture.h"
#include "runner.h"
#include "trustpath/dnssec.h"

#define RFC4035A           "rfc/rfc4035-appendix-a.txt"
#define RFC4035A_RECORDS   63 /* every RR the appendix prints */
#define RFC4035A_RRSIGS    27
#define RFC4035A_NSECS     10 /* one per name that owns more than glue */
#define RFC4035A_ZSK       38519
#define RFC4035A_KSK       9465
#define RFC4035A_INCEPTION 1081535779 /* 20040409183619 */
#define RFC4035A_EXPIRY    1084127779 /* 20040509183619 */
#define RFC4035A_NOW       1082462400 /* 2004-04-20T12:00:00Z */

/* Every RRSIG the appendix prints: owner, covered type, Labels, key tag. */
typedef struct sig_row {
    const char *owner;
    uint16_t covered;
    uint8_t labels;
    uint16_t key_tag;
} sig_row_t;

static const sig_row_t rfc4035a_sigs[RFC4035A_RRSIGS] = {
    {"example.", TP_TYPE_SOA, 1, RFC4035A_ZSK},
    {"example.", TP_TYPE_NS, 1, RFC4035A_ZSK},
    {"example.", TP_TYPE_MX, 1, RFC4035A_ZSK},
    {"example.", TP_TYPE_NSEC, 1, RFC4035A_ZSK},
    {"example.", TP_TYPE_DNSKEY, 1, RFC4035A_KSK},
    {"example.", TP_TYPE_DNSKEY, 1, RFC4035A_ZSK},
    {"a.example.", TP_TYPE_DS, 2, RFC4035A_ZSK},
    {"a.example.", TP_TYPE_NSEC, 2, RFC4035A_ZSK},
    {"ai.example.", TP_TYPE_A, 2, RFC4035A_ZSK},
    {"ai.example.", TP_TYPE_HINFO, 2, RFC4035A_ZSK},
    {"ai.example.", TP_TYPE_AAAA, 2, RFC4035A_ZSK},
    {"ai.example.", TP_TYPE_NSEC, 2, RFC4035A_ZSK},
    {"b.example.", TP_TYPE_NSEC, 2, RFC4035A_ZSK},
    {"ns1.example.", TP_TYPE_A, 2, RFC4035A_ZSK},
    {"ns1.example.", TP_TYPE_NSEC, 2, RFC4035A_ZSK},
    {"ns2.example.", TP_TYPE_A, 2, RFC4035A_ZSK},
    {"ns2.example.", TP_TYPE_NSEC, 2, RFC4035A_ZSK},
    {"*.w.example.", TP_TYPE_MX, 2, RFC4035A_ZSK},
    {"*.w.example.", TP_TYPE_NSEC, 2, RFC4035A_ZSK},
    {"x.w.example.", TP_TYPE_MX, 3, RFC4035A_ZSK},
    {"x.w.example.", TP_TYPE_NSEC, 3, RFC4035A_ZSK},
    {"x.y.w.example.", TP_TYPE_MX, 4, RFC4035A_ZSK},
    {"x.y.w.example.", TP_TYPE_NSEC, 4, RFC4035A_ZSK},
    {"xx.example.", TP_TYPE_A, 2, RFC4035A_ZSK},
    {"xx.example.", TP_TYPE_HINFO, 2, RFC4035A_ZSK},
    {"xx.example.", TP_TYPE_AAAA, 2, RFC4035A_ZSK},
    {"xx.example.", TP_TYPE_NSEC, 2, RFC4035A_ZSK},
};

/* The NSEC chain in canonical order, from the apex back to the apex. */
static const char *const rfc4035a_chain[RFC4035A_NSECS + 1] = {
    "example.",       "a.example.",   "ai.example.",  "b.example.",
    "ns1.example.",   "ns2.example.", "*.w.example.", "x.w.example.",
    "x.y.w.example.", "xx.example.",  "example.",
};

static size_t count_type(const fx_zone_t *z, uint16_t type)
{
    size_t n = 0;

    for (size_t i = 0; i < z->rrs.count; i++)
        n += z->rrs.rrs[i].type == type;
    return n;
}

/* The RRSIG of the table row: owner, covered type and key tag. */
static const tp_rr_t *find_sig(const fx_zone_t *z, const sig_row_t *row)
{
    for (size_t nth = 0;; nth++) {
        const tp_rr_t *sig =
            fx_find(z, row->owner, TP_TYPE_RRSIG, row->covered, nth);
        tp_rdata_view_t v;

        if (sig == NULL)
            return NULL;
        if (tp_rdata_view(TP_TYPE_RRSIG, sig->rdata, &v) == TP_OK &&
            v.u.rrsig.key_tag == row->key_tag)
            return sig;
    }
}

/* Verify one RRSIG against its RRset and the example. keys at `now`. The
 * tag of the key that decided is written to *tag_out (0 if none). */
static tp_sig_check_t verify_one(const fx_zone_t *z, tp_keycache_t *cache,
                                 const tp_rr_t *sig, int64_t now,
                                 uint16_t *tag_out)
{
    tp_verify_ctx_t ctx;
    tp_sig_check_t check;
    tp_rdata_view_t v;
    tp_rr_t set[FX_MAX_SET];
    const tp_key_t *keys[FX_MAX_KEYS];
    uint8_t apex[TP_NAME_MAX];
    size_t n, k, which = SIZE_MAX;

    memset(&check, 0, sizeof(check));
    check.result = TP_SIG_MALFORMED_RRSIG;
    *tag_out = 0;
    fx_name("example.", apex);
    if (tp_rdata_view(TP_TYPE_RRSIG, sig->rdata, &v) != TP_OK)
        return check;
    n = fx_rrset(z, sig->owner, v.u.rrsig.type_covered, sig->rclass, set,
                 FX_MAX_SET);
    k = fx_keys(z, cache, v.u.rrsig.signer, keys, FX_MAX_KEYS);
    CU_ASSERT_EQUAL(k, 2);
    tp_verify_ctx_init(&ctx, now);
    tp_sig_input_t in = {sig, set, n, NULL, apex};
    CU_ASSERT_EQUAL(tp_rrsig_verify_keys(&ctx, &in, keys, k, &check, &which),
                    TP_OK);
    if (which < k)
        *tag_out = tp_key_tag(keys[which]);
    tp_verify_ctx_clear(&ctx);
    return check;
}

/* The file parses into the 63 records of the appendix. */
static void test_parse(void)
{
    fx_zone_t z;

    fx_load(&z, RFC4035A);
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    CU_ASSERT_EQUAL(z.now, RFC4035A_NOW);
    CU_ASSERT_EQUAL(z.rrs.count, RFC4035A_RECORDS);
    CU_ASSERT_EQUAL(count_type(&z, TP_TYPE_RRSIG), RFC4035A_RRSIGS);
    CU_ASSERT_EQUAL(count_type(&z, TP_TYPE_NSEC), RFC4035A_NSECS);
    CU_ASSERT_EQUAL(count_type(&z, TP_TYPE_DNSKEY), 2);
    CU_ASSERT_EQUAL(count_type(&z, TP_TYPE_DS), 1);
    CU_ASSERT_EQUAL(count_type(&z, TP_TYPE_SOA), 1);
    CU_ASSERT_EQUAL(count_type(&z, TP_TYPE_NS), 6);
    CU_ASSERT_EQUAL(count_type(&z, TP_TYPE_MX), 4);
    CU_ASSERT_EQUAL(count_type(&z, TP_TYPE_A), 8);
    CU_ASSERT_EQUAL(count_type(&z, TP_TYPE_AAAA), 2);
    CU_ASSERT_EQUAL(count_type(&z, TP_TYPE_HINFO), 2);
    for (size_t i = 0; i < z.rrs.count; i++) {
        CU_ASSERT_EQUAL(z.rrs.rrs[i].ttl, 3600);
        CU_ASSERT_EQUAL(z.rrs.rrs[i].rclass, TP_CLASS_IN);
    }
    /* Every RRSIG is one row of the table, and the other way round. */
    for (size_t r = 0; r < RFC4035A_RRSIGS; r++) {
        const sig_row_t *row = &rfc4035a_sigs[r];
        const tp_rr_t *sig = find_sig(&z, row);
        tp_rdata_view_t v;

        CU_ASSERT_PTR_NOT_NULL_FATAL(sig);
        CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_RRSIG, sig->rdata, &v),
                              TP_OK);
        CU_ASSERT_EQUAL(v.u.rrsig.algorithm, 5);
        CU_ASSERT_EQUAL(v.u.rrsig.labels, row->labels);
        CU_ASSERT_EQUAL(v.u.rrsig.original_ttl, 3600);
        CU_ASSERT_EQUAL(v.u.rrsig.inception, RFC4035A_INCEPTION);
        CU_ASSERT_EQUAL(v.u.rrsig.expiration, RFC4035A_EXPIRY);
        CU_ASSERT_EQUAL(v.u.rrsig.signature.len, 128); /* 1024-bit RSA */
    }
    fx_free(&z);
}

/* The two apex keys carry the tags the RFC names: ZSK 38519, KSK 9465. */
static void test_keys(void)
{
    fx_zone_t z;
    size_t zsk = 0, ksk = 0, by_zsk = 0, by_ksk = 0;

    fx_load(&z, RFC4035A);
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    for (size_t i = 0; i < z.rrs.count; i++) {
        const tp_rr_t *rr = &z.rrs.rrs[i];
        tp_rdata_view_t v;

        if (rr->type == TP_TYPE_DNSKEY) {
            CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_DNSKEY, rr->rdata, &v),
                                  TP_OK);
            CU_ASSERT_EQUAL(v.u.dnskey.protocol, 3);
            CU_ASSERT_EQUAL(v.u.dnskey.algorithm, 5);
            CU_ASSERT_EQUAL(tp_dnskey_bits(5, v.u.dnskey.key), 1024);
            if (v.u.dnskey.flags == 256) {
                CU_ASSERT_EQUAL(tp_dnskey_tag(rr->rdata), RFC4035A_ZSK);
                zsk++;
            } else {
                CU_ASSERT_EQUAL(v.u.dnskey.flags, 257);
                CU_ASSERT_EQUAL(tp_dnskey_tag(rr->rdata), RFC4035A_KSK);
                ksk++;
            }
        } else if (rr->type == TP_TYPE_RRSIG) {
            CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_RRSIG, rr->rdata, &v),
                                  TP_OK);
            by_zsk += v.u.rrsig.key_tag == RFC4035A_ZSK;
            by_ksk += v.u.rrsig.key_tag == RFC4035A_KSK;
            /* The KSK signs the DNSKEY RRset and nothing else. */
            if (v.u.rrsig.key_tag == RFC4035A_KSK)
                CU_ASSERT_EQUAL(v.u.rrsig.type_covered, TP_TYPE_DNSKEY);
        }
    }
    CU_ASSERT_EQUAL(zsk, 1);
    CU_ASSERT_EQUAL(ksk, 1);
    CU_ASSERT_EQUAL(by_zsk, RFC4035A_RRSIGS - 1);
    CU_ASSERT_EQUAL(by_ksk, 1);
    fx_free(&z);
}

/* Each RRSIG, one by one: VALID at the reference time, decided by the key
 * its tag names; then the whole zone at the window's edges and outside. */
static void test_all_valid(void)
{
    fx_zone_t z;
    fx_tally_t t;
    tp_keycache_t *cache = tp_keycache_new(0);
    size_t valid = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(cache);
    fx_load(&z, RFC4035A);
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    for (size_t r = 0; r < RFC4035A_RRSIGS; r++) {
        const sig_row_t *row = &rfc4035a_sigs[r];
        const tp_rr_t *sig = find_sig(&z, row);
        uint16_t tag = 0;
        tp_sig_check_t c;

        CU_ASSERT_PTR_NOT_NULL_FATAL(sig);
        c = verify_one(&z, cache, sig, RFC4035A_NOW, &tag);
        CU_ASSERT_EQUAL(c.result, TP_SIG_VALID);
        CU_ASSERT_TRUE(c.crypto_checked);
        CU_ASSERT_TRUE(c.crypto_valid);
        CU_ASSERT_EQUAL(tag, row->key_tag);
        /* Labels equal the owner's everywhere, *.w.example. included
         * (the asterisk label does not count: RFC 4034 3.1.3). */
        CU_ASSERT_FALSE(c.is_wildcard);
        CU_ASSERT_FALSE(c.rr_ttl_exceeds_original);
        CU_ASSERT_EQUAL(c.duplicates_dropped, 0);
        valid += c.result == TP_SIG_VALID;
    }
    CU_ASSERT_EQUAL(valid, RFC4035A_RRSIGS);

    /* The whole file through the shared helper, at the pinned time. */
    fx_verify_all(&z, -1, &t);
    CU_ASSERT_EQUAL(t.errors, 0);
    CU_ASSERT_EQUAL(t.total, RFC4035A_RRSIGS);
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_VALID], RFC4035A_RRSIGS);
    /* The window is closed at both ends (RFC 4035 5.3.1). */
    fx_verify_all(&z, RFC4035A_INCEPTION, &t);
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_VALID], RFC4035A_RRSIGS);
    fx_verify_all(&z, RFC4035A_EXPIRY, &t);
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_VALID], RFC4035A_RRSIGS);
    fx_verify_all(&z, RFC4035A_INCEPTION - 1, &t);
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_NOT_YET_VALID], RFC4035A_RRSIGS);
    fx_verify_all(&z, RFC4035A_EXPIRY + 1, &t);
    CU_ASSERT_EQUAL(t.total, RFC4035A_RRSIGS);
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_EXPIRED], RFC4035A_RRSIGS);
    fx_verify_all(&z, 2000000000, &t); /* 2033 */
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_EXPIRED], RFC4035A_RRSIGS);
    tp_keycache_free(cache);
    fx_free(&z);
}

/* One flipped bit in each signature: BAD_SIGNATURE, 27 times. */
static void test_flipped_bit(void)
{
    fx_zone_t z;
    tp_keycache_t *cache = tp_keycache_new(0);
    size_t bad = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(cache);
    fx_load(&z, RFC4035A);
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    for (size_t r = 0; r < RFC4035A_RRSIGS; r++) {
        const tp_rr_t *found = find_sig(&z, &rfc4035a_sigs[r]);
        uint8_t copy[512];
        uint16_t tag = 0;
        tp_rr_t sig;
        tp_sig_check_t c;

        CU_ASSERT_PTR_NOT_NULL_FATAL(found);
        CU_ASSERT_FATAL(found->rdata.len <= sizeof(copy));
        sig = *found;
        memcpy(copy, sig.rdata.data, sig.rdata.len);
        copy[sig.rdata.len - 1 - r] ^= 0x01; /* a different octet each time */
        sig.rdata = tp_bytes(copy, sig.rdata.len);
        c = verify_one(&z, cache, &sig, RFC4035A_NOW, &tag);
        CU_ASSERT_EQUAL(c.result, TP_SIG_BAD_SIGNATURE);
        CU_ASSERT_TRUE(c.crypto_checked);
        CU_ASSERT_FALSE(c.crypto_valid);
        bad += c.result == TP_SIG_BAD_SIGNATURE;
    }
    CU_ASSERT_EQUAL(bad, RFC4035A_RRSIGS);
    tp_keycache_free(cache);
    fx_free(&z);
}

/* The NSEC chain walks every name once in canonical order and closes at the
 * apex; the type bitmaps say what the RFC prints. */
static void test_nsec_chain(void)
{
    fx_zone_t z;
    uint8_t want[TP_NAME_MAX];

    fx_load(&z, RFC4035A);
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    for (size_t i = 0; i < RFC4035A_NSECS; i++) {
        const tp_rr_t *nsec =
            fx_find(&z, rfc4035a_chain[i], TP_TYPE_NSEC, 0, 0);
        tp_rdata_view_t v;

        CU_ASSERT_PTR_NOT_NULL_FATAL(nsec);
        CU_ASSERT_PTR_NULL(fx_find(&z, rfc4035a_chain[i], TP_TYPE_NSEC, 0, 1));
        CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_NSEC, nsec->rdata, &v),
                              TP_OK);
        fx_name(rfc4035a_chain[i + 1], want);
        CU_ASSERT_TRUE(tp_name_equal(v.u.nsec.next, want));
        /* Canonical order (RFC 4034 6.1), the last one wrapping around. */
        if (i + 1 < RFC4035A_NSECS)
            CU_ASSERT_TRUE(tp_name_compare(nsec->owner, want) < 0);
        CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_RRSIG));
        CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_NSEC));
    }
    {
        const tp_rr_t *apex = fx_find(&z, "example.", TP_TYPE_NSEC, 0, 0);
        const tp_rr_t *a = fx_find(&z, "a.example.", TP_TYPE_NSEC, 0, 0);
        const tp_rr_t *b = fx_find(&z, "b.example.", TP_TYPE_NSEC, 0, 0);
        tp_rdata_view_t v;

        CU_ASSERT_FATAL(apex != NULL && a != NULL && b != NULL);
        CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_NSEC, apex->rdata, &v),
                              TP_OK);
        CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_SOA));
        CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_DNSKEY));
        CU_ASSERT_FALSE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_DS));
        /* a.example.: a signed delegation (NS and DS). */
        CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_NSEC, a->rdata, &v), TP_OK);
        CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_NS));
        CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_DS));
        CU_ASSERT_FALSE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_SOA));
        /* b.example.: an unsigned delegation (NS, no DS). */
        CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_NSEC, b->rdata, &v), TP_OK);
        CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_NS));
        CU_ASSERT_FALSE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_DS));
    }
    fx_free(&z);
}

/* Delegations: the parent signs the DS and the NSEC at a cut, never the NS
 * RRset or the glue (RFC 4035 2.2). The DS digests a key of the child zone,
 * which the appendix does not hold: it matches neither example. key. */
static void test_delegations(void)
{
    static const char *const unsigned_owners[] = {
        "ns1.a.example.", "ns2.a.example.", "ns1.b.example.", "ns2.b.example."};
    static const uint8_t digest[20] = {0xb6, 0xdc, 0xd4, 0x85, 0x71, 0x9a, 0xdc,
                                       0xa1, 0x8e, 0x5f, 0x3d, 0x48, 0xa2, 0x33,
                                       0x16, 0x27, 0xfd, 0xd3, 0x63, 0x6b};
    fx_zone_t z;
    const tp_rr_t *ds;
    tp_rdata_view_t v;
    uint8_t a_example[TP_NAME_MAX];
    size_t seen = 0;

    fx_load(&z, RFC4035A);
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    CU_ASSERT_PTR_NULL(fx_find(&z, "a.example.", TP_TYPE_RRSIG, TP_TYPE_NS, 0));
    CU_ASSERT_PTR_NULL(fx_find(&z, "b.example.", TP_TYPE_RRSIG, TP_TYPE_NS, 0));
    CU_ASSERT_PTR_NOT_NULL(fx_find(&z, "a.example.", TP_TYPE_NS, 0, 1));
    CU_ASSERT_PTR_NOT_NULL(fx_find(&z, "b.example.", TP_TYPE_NS, 0, 1));
    CU_ASSERT_PTR_NULL(fx_find(&z, "b.example.", TP_TYPE_DS, 0, 0));
    for (size_t i = 0; i < 4; i++) {
        CU_ASSERT_PTR_NOT_NULL(
            fx_find(&z, unsigned_owners[i], TP_TYPE_A, 0, 0));
        CU_ASSERT_PTR_NULL(
            fx_find(&z, unsigned_owners[i], TP_TYPE_RRSIG, 0, 0));
    }
    /* No keys of the child here. */
    CU_ASSERT_PTR_NULL(fx_find(&z, "a.example.", TP_TYPE_DNSKEY, 0, 0));

    ds = fx_find(&z, "a.example.", TP_TYPE_DS, 0, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    CU_ASSERT_PTR_NULL(fx_find(&z, "a.example.", TP_TYPE_DS, 0, 1));
    CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_DS, ds->rdata, &v), TP_OK);
    CU_ASSERT_EQUAL(v.u.ds.key_tag, 57855);
    CU_ASSERT_EQUAL(v.u.ds.algorithm, 5);
    CU_ASSERT_EQUAL(v.u.ds.digest_type, TP_DIGEST_SHA1);
    CU_ASSERT_EQUAL_FATAL(v.u.ds.digest.len, sizeof(digest));
    CU_ASSERT_EQUAL(memcmp(v.u.ds.digest.data, digest, sizeof(digest)), 0);
    CU_ASSERT_TRUE(tp_ds_is_usable(v.u.ds.algorithm, v.u.ds.digest_type));

    fx_name("a.example.", a_example);
    for (size_t i = 0; i < z.rrs.count; i++) {
        const tp_rr_t *key = &z.rrs.rrs[i];
        tp_ds_result_t res = TP_DS_MATCH;
        uint16_t tag;

        if (key->type != TP_TYPE_DNSKEY)
            continue;
        tag = tp_dnskey_tag(key->rdata);
        CU_ASSERT_TRUE(tag == RFC4035A_ZSK || tag == RFC4035A_KSK);
        /* Same algorithm, other tag: the DS points at neither. */
        CU_ASSERT_EQUAL(tp_ds_match(a_example, &v.u.ds, key->rdata, &res),
                        TP_OK);
        CU_ASSERT_EQUAL(res, TP_DS_KEY_TAG_MISMATCH);
        seen++;
    }
    CU_ASSERT_EQUAL(seen, 2);
    fx_free(&z);
}

/* The signature of *.w.example. MX also covers what a server synthesizes
 * from it (appendix B.6: a.z.w.example. MX 1 ai.example.). */
static void test_wildcard_expansion(void)
{
    fx_zone_t z;
    tp_keycache_t *cache = tp_keycache_new(0);
    const tp_rr_t *mx, *sig;
    const tp_key_t *keys[FX_MAX_KEYS];
    uint8_t owner[TP_NAME_MAX], apex[TP_NAME_MAX];
    tp_rr_t exp_mx, exp_sig;
    tp_verify_ctx_t ctx;
    tp_sig_check_t c;
    size_t k, which = SIZE_MAX;

    CU_ASSERT_PTR_NOT_NULL_FATAL(cache);
    fx_load(&z, RFC4035A);
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    mx = fx_find(&z, "*.w.example.", TP_TYPE_MX, 0, 0);
    sig = fx_find(&z, "*.w.example.", TP_TYPE_RRSIG, TP_TYPE_MX, 0);
    CU_ASSERT_FATAL(mx != NULL && sig != NULL);
    fx_name("a.z.w.example.", owner);
    fx_name("example.", apex);
    exp_mx = *mx;
    exp_mx.owner = owner;
    exp_sig = *sig;
    exp_sig.owner = owner;
    k = fx_keys(&z, cache, apex, keys, FX_MAX_KEYS);
    CU_ASSERT_EQUAL(k, 2);
    tp_verify_ctx_init(&ctx, RFC4035A_NOW);
    tp_sig_input_t in = {&exp_sig, &exp_mx, 1, NULL, apex};
    CU_ASSERT_EQUAL(tp_rrsig_verify_keys(&ctx, &in, keys, k, &c, &which),
                    TP_OK);
    CU_ASSERT_EQUAL(c.result, TP_SIG_VALID);
    CU_ASSERT_TRUE(c.is_wildcard);
    CU_ASSERT_FATAL(which < k);
    CU_ASSERT_EQUAL(tp_key_tag(keys[which]), RFC4035A_ZSK);
    tp_verify_ctx_clear(&ctx);
    tp_keycache_free(cache);
    fx_free(&z);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("dnssec RFC 4035 appendix A", NULL, NULL);

    if (s == NULL ||
        !CU_add_test(s, "rfc4035a: 63 records parse", test_parse) ||
        !CU_add_test(s, "rfc4035a: key tags 38519 and 9465", test_keys) ||
        !CU_add_test(s, "rfc4035a: 27 RRSIGs VALID in the window",
                     test_all_valid) ||
        !CU_add_test(s, "rfc4035a: flipped bit is BAD_SIGNATURE",
                     test_flipped_bit) ||
        !CU_add_test(s, "rfc4035a: NSEC chain", test_nsec_chain) ||
        !CU_add_test(s, "rfc4035a: delegations and DS", test_delegations) ||
        !CU_add_test(s, "rfc4035a: wildcard expansion",
                     test_wildcard_expansion))
        return -1;
    return 0;
}
