/* dnssec: known-answer tests from RFC texts (fixtures in tests/data/dnssec/
 * and tests/data/rfc/): RFC 5702 section 6, RFC 6605 section 6, RFC 8080
 * section 6 (Errata 4935, and as printed), RFC 4035 appendices A and B.
 * Each positive vector has negative twins: one flipped signature bit, the
 * reference time outside the window. */
#include <stdio.h>
#include <string.h>

#include "dnssec_fixture.h"
#include "runner.h"
#include "trustpath/dnssec.h"

/* What RFC 4035 appendix B holds and what verifies (see the test). */
#define RFC4035_B_RRSIGS 23
#define RFC4035_B_VALID  23

/* Every RRSIG of the file at its pinned time: `want` of them VALID. */
static void expect_all_valid(const char *rel, size_t want)
{
    fx_zone_t z;
    fx_tally_t t;

    fx_load(&z, rel);
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    CU_ASSERT_FATAL(z.now > 0);
    fx_verify_all(&z, -1, &t);
    CU_ASSERT_EQUAL(t.errors, 0);
    CU_ASSERT_EQUAL(t.total, want);
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_VALID], want);
    /* Twins: long after and long before the window. */
    fx_verify_all(&z, 2000000000, &t);
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_EXPIRED], want);
    fx_verify_all(&z, 900000000, &t);
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_NOT_YET_VALID], want);
    fx_free(&z);
}

/* Flip one bit of each RRSIG's signature: BAD_SIGNATURE every time. */
static void expect_flip_fails(const char *rel, size_t want)
{
    fx_zone_t z;
    tp_keycache_t *cache = tp_keycache_new(0);
    tp_verify_ctx_t ctx;
    size_t bad = 0;

    fx_load(&z, rel);
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    tp_verify_ctx_init(&ctx, z.now);
    for (size_t i = 0; i < z.rrs.count; i++) {
        tp_rr_t sig = z.rrs.rrs[i], set[FX_MAX_SET];
        uint8_t copy[2048];
        const tp_key_t *keys[FX_MAX_KEYS];
        tp_rdata_view_t v;
        tp_sig_check_t c;
        size_t which, n, k;

        if (sig.type != TP_TYPE_RRSIG || sig.rdata.len > sizeof(copy))
            continue;
        memcpy(copy, sig.rdata.data, sig.rdata.len);
        copy[sig.rdata.len - 7] ^= 0x10;
        sig.rdata = tp_bytes(copy, sig.rdata.len);
        CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_RRSIG, sig.rdata, &v),
                              TP_OK);
        n = fx_rrset(&z, sig.owner, v.u.rrsig.type_covered, sig.rclass, set,
                     FX_MAX_SET);
        k = fx_keys(&z, cache, v.u.rrsig.signer, keys, FX_MAX_KEYS);
        tp_sig_input_t in = {&sig, set, n, NULL, NULL};
        CU_ASSERT_EQUAL(tp_rrsig_verify_keys(&ctx, &in, keys, k, &c, &which),
                        TP_OK);
        CU_ASSERT_EQUAL(c.result, TP_SIG_BAD_SIGNATURE);
        CU_ASSERT_TRUE(c.crypto_checked);
        bad += c.result == TP_SIG_BAD_SIGNATURE;
    }
    CU_ASSERT_EQUAL(bad, want);
    tp_verify_ctx_clear(&ctx);
    tp_keycache_free(cache);
    fx_free(&z);
}

static void test_rfc5702(void)
{
    expect_all_valid("dnssec/rfc5702.zone", 2);
    expect_flip_fails("dnssec/rfc5702.zone", 2);
}

static void test_rfc6605(void)
{
    expect_all_valid("dnssec/rfc6605.zone", 2);
    expect_flip_fails("dnssec/rfc6605.zone", 2);
}

static void test_rfc8080_errata(void)
{
    expect_all_valid("dnssec/rfc8080-errata4935.zone", 4);
    expect_flip_fails("dnssec/rfc8080-errata4935.zone", 4);
}

/* The printed RFC 8080 RRSIGs say Labels 3 for a 2-label owner: our
 * verifier rejects them before any cryptography, and the signatures do
 * verify over the octets their signer hashed (Labels 3 kept), which shows
 * what went wrong in the RFC. */
static void test_rfc8080_as_printed(void)
{
    fx_zone_t z;
    fx_tally_t t;
    size_t raw_valid = 0;
    tp_keycache_t *cache = tp_keycache_new(0);

    fx_load(&z, "dnssec/rfc8080-as-printed.zone");
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    fx_verify_all(&z, -1, &t);
    CU_ASSERT_EQUAL(t.total, 4);
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_LABELS_EXCEED_OWNER], 4);
    for (size_t i = 0; i < z.rrs.count; i++) {
        const tp_rr_t *sig = &z.rrs.rrs[i];
        const tp_rr_t *mx = fx_find(&z, "example.com.", TP_TYPE_MX, 0, 0);
        const tp_key_t *keys[FX_MAX_KEYS];
        tp_rdata_view_t v;
        tp_buf_t data;
        bool valid = false;

        if (sig->type != TP_TYPE_RRSIG)
            continue;
        CU_ASSERT_FATAL(mx != NULL);
        CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_RRSIG, sig->rdata, &v),
                              TP_OK);
        size_t k = fx_keys(&z, cache, v.u.rrsig.signer, keys, FX_MAX_KEYS);
        /* RFC 4034 3.1.8.1 by hand: RRSIG RDATA minus the signature, then
         * owner | type | class | original TTL | RDLENGTH | RDATA. */
        tp_buf_init(&data, 4096);
        CU_ASSERT_EQUAL(tp_buf_append(&data, v.u.rrsig.signed_part.data,
                                      v.u.rrsig.signed_part.len),
                        TP_OK);
        CU_ASSERT_EQUAL(tp_buf_append(&data, mx->owner, tp_name_len(mx->owner)),
                        TP_OK);
        CU_ASSERT_EQUAL(tp_buf_append_u16(&data, TP_TYPE_MX), TP_OK);
        CU_ASSERT_EQUAL(tp_buf_append_u16(&data, TP_CLASS_IN), TP_OK);
        CU_ASSERT_EQUAL(tp_buf_append_u32(&data, 3600), TP_OK);
        CU_ASSERT_EQUAL(tp_buf_append_u16(&data, (uint16_t)mx->rdata.len),
                        TP_OK);
        CU_ASSERT_EQUAL(tp_buf_append(&data, mx->rdata.data, mx->rdata.len),
                        TP_OK);
        for (size_t j = 0; j < k; j++) {
            if (tp_key_tag(keys[j]) != v.u.rrsig.key_tag)
                continue;
            CU_ASSERT_EQUAL(tp_key_verify(keys[j],
                                          tp_bytes(data.data, data.len),
                                          v.u.rrsig.signature, &valid),
                            TP_OK);
            raw_valid += valid;
        }
        tp_buf_clear(&data);
    }
    CU_ASSERT_EQUAL(raw_valid, 4);
    tp_keycache_free(cache);
    fx_free(&z);
}

/* RFC 4035 appendix B: the eight example responses (fixtures written by
 * the text module's engineer, tests/data/rfc/rfc4035-b*.txt), checked with
 * the example. zone keys of appendix A (tests/data/dnssec/rfc4035-keys.zone)
 * at a time inside their window. The keys are RSASHA1 (algorithm 5).
 * Finding, recorded in tests/data/dnssec/README.md: all 23 RRSIGs the RFC
 * prints in appendix B verify (RSASHA1 still validates with Debian's
 * OpenSSL 3.0 default configuration). */
static void test_rfc4035_keys(void)
{
    fx_zone_t z;
    size_t seen = 0;

    fx_load(&z, "dnssec/rfc4035-keys.zone");
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    for (size_t i = 0; i < z.rrs.count; i++) {
        uint16_t tag = tp_dnskey_tag(z.rrs.rrs[i].rdata);
        CU_ASSERT_TRUE(tag == 38519 || tag == 9465);
        seen++;
    }
    CU_ASSERT_EQUAL(seen, 2);
    fx_free(&z);
}

static void test_rfc4035_appendix_b(void)
{
    size_t total = 0, valid = 0, bad = 0;

    for (int b = 1; b <= 8; b++) {
        char rel[64];
        fx_zone_t z;
        fx_tally_t t;

        snprintf(rel, sizeof(rel), "rfc/rfc4035-b%d.txt", b);
        fx_load(&z, "dnssec/rfc4035-keys.zone");
        fx_load_more(&z, rel);
        CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
        fx_verify_all(&z, 1083000000, &t);
        CU_ASSERT_TRUE(t.total > 0);
        CU_ASSERT_EQUAL(t.errors, 0);
        /* Nothing but the cryptography decides. */
        CU_ASSERT_EQUAL(t.by_result[TP_SIG_VALID] +
                            t.by_result[TP_SIG_BAD_SIGNATURE],
                        t.total);
        total += t.total;
        valid += t.by_result[TP_SIG_VALID];
        bad += t.by_result[TP_SIG_BAD_SIGNATURE];
        /* Outside the window the time is what fails. */
        fx_verify_all(&z, 1090000000, &t);
        CU_ASSERT_EQUAL(t.by_result[TP_SIG_EXPIRED], t.total);
        fx_free(&z);
    }
    fprintf(stderr,
            "\n  RFC 4035 appendix B: %zu RRSIGs, %zu VALID, %zu "
            "BAD_SIGNATURE\n",
            total, valid, bad);
    CU_ASSERT_EQUAL(total, RFC4035_B_RRSIGS);
    CU_ASSERT_EQUAL(valid, RFC4035_B_VALID);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("dnssec RFC vectors", NULL, NULL);

    if (s == NULL ||
        !CU_add_test(s, "dnssec: RFC 5702 section 6", test_rfc5702) ||
        !CU_add_test(s, "dnssec: RFC 6605 section 6", test_rfc6605) ||
        !CU_add_test(s, "dnssec: RFC 8080 section 6 (Errata 4935)",
                     test_rfc8080_errata) ||
        !CU_add_test(s, "dnssec: RFC 8080 as printed",
                     test_rfc8080_as_printed) ||
        !CU_add_test(s, "dnssec: RFC 4035 appendix A keys",
                     test_rfc4035_keys) ||
        !CU_add_test(s, "dnssec: RFC 4035 appendix B responses",
                     test_rfc4035_appendix_b))
        return -1;
    return 0;
}
