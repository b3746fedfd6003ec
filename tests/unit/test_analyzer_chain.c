/* analyzer: chain building and verdicts on a hand-built capture. Two zones
 * signed offline (tests/data/analyzer: a root and example.), responses
 * encoded here from the signed zone files, the reference time pinned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer_fixture.h"
#include "report_schema.h"

#define T2027 1798761600 /* 2027-01-01T00:00:00Z, inside the windows */
#define T2029 1861920000 /* 2029-01-01: every signature has expired */

static void test_secure_answer(void)
{
    fixture_t fx;
    setup(&fx, 0);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = run(&fx, arena, T2027, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    dump(a);
    check_report(a);
    CU_ASSERT_EQUAL(a->status, TP_STATUS_SECURE);
    CU_ASSERT_EQUAL_FATAL(a->zone_count, 2);
    CU_ASSERT_STRING_EQUAL(a->zones[0].name, ".");
    CU_ASSERT_STRING_EQUAL(a->zones[1].name, "example.");
    CU_ASSERT_EQUAL(a->zones[1].delegation.status, TP_STATUS_SECURE);
    CU_ASSERT_EQUAL(a->zones[1].dnskey_count, 2);
    CU_ASSERT_EQUAL_FATAL(a->rrset_count, 1);
    CU_ASSERT_EQUAL(a->rrsets[0].status, TP_STATUS_SECURE);
    CU_ASSERT_EQUAL(a->earliest_expiration, 1830297600); /* 2028-01-01 */
    CU_ASSERT_EQUAL(tp_analysis_worst_severity(a) < TP_SEV_ERROR, 1);
    size_t ksk = 0, zsk = 0;
    for (size_t k = 0; k < a->zones[1].dnskey_count; k++) {
        ksk += a->zones[1].dnskeys[k].role == TP_ROLE_KSK;
        zsk += a->zones[1].dnskeys[k].role == TP_ROLE_ZSK;
    }
    CU_ASSERT_EQUAL(ksk, 1);
    CU_ASSERT_EQUAL(zsk, 1);
    tp_buf_t b;
    tp_buf_init(&b, 1u << 24);
    CU_ASSERT_EQUAL(tp_report_json(a, NULL, &b), TP_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(tp_buf_str(&b), "\"status\":\"secure\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(
        tp_buf_str(&b), "\"earliest_expiration\":\"2028-01-01T00:00:00Z\""));
    tp_buf_clear(&b);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_secure_nxdomain(void)
{
    fixture_t fx;
    setup(&fx, 0);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = run(&fx, arena, T2027, "nx.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    dump(a);
    check_report(a);
    CU_ASSERT_EQUAL(a->status, TP_STATUS_SECURE);
    CU_ASSERT_STRING_EQUAL(a->rcode, "NXDOMAIN");
    CU_ASSERT_EQUAL_FATAL(a->negative_count, 1);
    CU_ASSERT_EQUAL(a->negatives[0].proof_status, TP_LINK_VALID);
    CU_ASSERT_STRING_EQUAL(a->negatives[0].mechanism, "nsec");
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_expired_is_bogus(void)
{
    fixture_t fx;
    setup(&fx, 0);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = run(&fx, arena, T2029, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    check_report(a);
    CU_ASSERT_EQUAL(a->status, TP_STATUS_BOGUS);
    CU_ASSERT_EQUAL(a->zones[0].status, TP_STATUS_BOGUS);
    CU_ASSERT_TRUE(tp_analysis_count_code(a, TP_DIAG_RRSIG_EXPIRED) > 0);
    CU_ASSERT_EQUAL(tp_analysis_count_code(a, TP_DIAG_ANCHOR_NOT_SIGNING), 1);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_bad_signature_is_bogus(void)
{
    fixture_t fx;
    setup(&fx, 3); /* a bit inside the A RRSIG's signature */
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = run(&fx, arena, T2027, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    dump(a);
    check_report(a);
    CU_ASSERT_EQUAL(a->status, TP_STATUS_BOGUS);
    CU_ASSERT_EQUAL(a->zones[1].status, TP_STATUS_SECURE);
    CU_ASSERT_EQUAL(tp_analysis_count_code(a, TP_DIAG_RRSIG_BAD_SIGNATURE), 1);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_report_time(void)
{
    char buf[32];
    tp_report_time(0, buf);
    CU_ASSERT_STRING_EQUAL(buf, "1970-01-01T00:00:00Z");
    tp_report_time(1798761600, buf);
    CU_ASSERT_STRING_EQUAL(buf, "2027-01-01T00:00:00Z");
    tp_report_time(951782400 + 3661, buf); /* 2000-02-29 01:01:01 */
    CU_ASSERT_STRING_EQUAL(buf, "2000-02-29T01:01:01Z");
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("analyzer: chain and verdicts", NULL, NULL);
    if (s == NULL ||
        CU_add_test(s, "signed answer is secure", test_secure_answer) == NULL ||
        CU_add_test(s, "NXDOMAIN with NSEC is secure", test_secure_nxdomain) ==
            NULL ||
        CU_add_test(s, "expired chain is bogus", test_expired_is_bogus) ==
            NULL ||
        CU_add_test(s, "flipped signature bit is bogus",
                    test_bad_signature_is_bogus) == NULL ||
        CU_add_test(s, "ISO 8601 times", test_report_time) == NULL)
        return -1;
    return 0;
}
