/* analyzer: checks beyond the chain itself, on hand-built captures of the
 * zones in tests/data/analyzer/checks-*.signed (made by gen-checks.sh; the
 * trust anchor is at test.): CDS/CDNSKEY, parent/child NS and glue,
 * CNAME chains into other zones, denials contradicted by other answers,
 * RRsets that differ between servers, NSEC TTLs and signatures expiring
 * before the SOA EXPIRE timer. Every report is validated against
 * docs/report.schema.json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer_fixture.h"
#include "report_schema.h"

#define T2027 1798761600 /* 2027-01-01, inside every signature window */

#define TEST_NS "127.0.1.1" /* the server of test. */

typedef struct zones {
    tp_rrlist_t test, cds, cdsnew, cdsdel, cdsbad, ns, cname, tgt, den1, den2;
} zones_t;

static zones_t zs;

static void setup_checks(fixture_t *fx)
{
    memset(fx, 0, sizeof *fx);
    memset(&zs, 0, sizeof zs);
    fx->arena = tp_arena_new(0);
    fx->cap = tp_capture_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx->cap);
    load_anchors(fx, "analyzer/checks-anchor.ds");
    load(fx, "analyzer/checks-test.signed", &zs.test);
    load(fx, "analyzer/checks-cds.signed", &zs.cds);
    load(fx, "analyzer/checks-cdsnew.signed", &zs.cdsnew);
    load(fx, "analyzer/checks-cdsdel.signed", &zs.cdsdel);
    load(fx, "analyzer/checks-cdsbad.signed", &zs.cdsbad);
    load(fx, "analyzer/checks-ns.signed", &zs.ns);
    load(fx, "analyzer/checks-cname.signed", &zs.cname);
    load(fx, "analyzer/checks-tgt.signed", &zs.tgt);
    load(fx, "analyzer/checks-den1.signed", &zs.den1);
    load(fx, "analyzer/checks-den2.signed", &zs.den2);
    const sel_t k[] = {{"test.", TP_TYPE_DNSKEY}};
    respond(fx, TEST_NS, "test.", "test.", TP_TYPE_DNSKEY, 0, &zs.test, k, 1,
            NULL, 0, 0);
}

/* DS at test. and DNSKEY from the child's server. */
static void child(fixture_t *fx, const char *zone, const char *server,
                  const tp_rrlist_t *data)
{
    const sel_t ds[] = {{zone, TP_TYPE_DS}};
    respond(fx, TEST_NS, "test.", zone, TP_TYPE_DS, 0, &zs.test, ds, 1, NULL, 0,
            0);
    const sel_t k[] = {{zone, TP_TYPE_DNSKEY}};
    respond(fx, server, zone, zone, TP_TYPE_DNSKEY, 0, data, k, 1, NULL, 0, 0);
}

/* An answer of type at owner from the zone's data (with RRSIGs). */
static void answer(fixture_t *fx, const char *server, const char *zone,
                   const char *owner, uint16_t type, const tp_rrlist_t *data)
{
    const sel_t a[] = {{owner, type}};
    respond(fx, server, zone, owner, type, 0, data, a, 1, NULL, 0, 0);
}

/* An answer to qtype made of the owner's CNAME (with its RRSIGs). */
static void answer_cname(fixture_t *fx, const char *server, const char *zone,
                         const char *owner, uint16_t qtype,
                         const tp_rrlist_t *data)
{
    const sel_t a[] = {{owner, TP_TYPE_CNAME}};
    respond(fx, server, zone, owner, qtype, 0, data, a, 1, NULL, 0, 0);
}

static tp_analysis_t *check(fixture_t *fx, tp_arena_t *arena, const char *name)
{
    tp_analysis_t *a = run(fx, arena, T2027, name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    dump(a);
    check_report(a);
    return a;
}

/* Assert that code was reported (n > 0) or not (n == 0). */
#define HAS(a, code, yes)                                                  \
    do {                                                                   \
        char cb_[2048];                                                    \
        size_t n_ = tp_analysis_count_code((a), TP_DIAG_##code);           \
        if ((n_ > 0) != (yes))                                             \
            fprintf(stderr, "\n%s: %s expected %s; codes: %s\n", __func__, \
                    #code, (yes) ? "present" : "absent",                   \
                    codes_of((a), cb_, sizeof cb_));                       \
        CU_ASSERT_EQUAL(n_ > 0, (yes));                                    \
    } while (0)

/* ---- CDS / CDNSKEY --------------------------------------------------------
 */

static void cds_answers(fixture_t *fx, const char *zone, const char *server,
                        const tp_rrlist_t *data)
{
    child(fx, zone, server, data);
    char www[64];
    snprintf(www, sizeof www, "www.%s", zone);
    answer(fx, server, zone, www, TP_TYPE_A, data);
    answer(fx, server, zone, zone, TP_TYPE_CDS, data);
    answer(fx, server, zone, zone, TP_TYPE_CDNSKEY, data);
}

static void test_cds_consistent(void)
{
    fixture_t fx;
    setup_checks(&fx);
    cds_answers(&fx, "cds.test.", "127.0.2.1", &zs.cds);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "www.cds.test.");
    CU_ASSERT_EQUAL(a->status, TP_STATUS_SECURE);
    HAS(a, CDS_PUBLISHED, true);
    HAS(a, CDS_INCONSISTENT_WITH_DS, false);
    HAS(a, CDNSKEY_INCONSISTENT_WITH_DS, false);
    HAS(a, CDS_BREAKS_CHAIN, false);
    HAS(a, CDS_NOT_SIGNED_BY_DS_KEY, false);
    HAS(a, CDS_CDNSKEY_MISMATCH, false);
    CU_ASSERT_EQUAL(tp_analysis_worst_severity(a), TP_SEV_NOTICE);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_cds_standby_key(void)
{
    fixture_t fx;
    setup_checks(&fx);
    cds_answers(&fx, "cdsnew.test.", "127.0.2.2", &zs.cdsnew);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "www.cdsnew.test.");
    CU_ASSERT_EQUAL(a->status, TP_STATUS_SECURE);
    HAS(a, CDS_INCONSISTENT_WITH_DS, true);
    HAS(a, CDNSKEY_INCONSISTENT_WITH_DS, true);
    HAS(a, CDS_BREAKS_CHAIN, true);
    HAS(a, CDS_SHA1, true);
    HAS(a, CDS_CDNSKEY_MISMATCH, false);
    HAS(a, CDS_PUBLISHED, false);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_cds_delete(void)
{
    fixture_t fx;
    setup_checks(&fx);
    cds_answers(&fx, "cdsdel.test.", "127.0.2.3", &zs.cdsdel);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "www.cdsdel.test.");
    HAS(a, CDS_DELETE, true);
    HAS(a, CDS_DELETE_MALFORMED, false);
    HAS(a, CDS_INCONSISTENT_WITH_DS, false);
    HAS(a, CDS_BREAKS_CHAIN, false);
    HAS(a, CDS_PUBLISHED, false);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_cds_malformed_delete(void)
{
    fixture_t fx;
    setup_checks(&fx);
    cds_answers(&fx, "cdsbad.test.", "127.0.2.4", &zs.cdsbad);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "www.cdsbad.test.");
    HAS(a, CDS_DELETE_MALFORMED, true);
    HAS(a, CDS_CDNSKEY_MISMATCH, true);
    HAS(a, CDS_PUBLISHED, false);
    tp_arena_free(arena);
    teardown(&fx);
}

/* Two servers: one serves the CDS without signatures, the other has none. */
static void test_cds_unsigned_and_inconsistent(void)
{
    fixture_t fx;
    setup_checks(&fx);
    child(&fx, "cds.test.", "127.0.2.1", &zs.cds);
    answer(&fx, "127.0.2.1", "cds.test.", "www.cds.test.", TP_TYPE_A, &zs.cds);
    fx_resp_t *r = calloc(1, sizeof *r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    fx_resp_init(r, "127.0.2.1", "cds.test.", "cds.test.", TP_TYPE_CDS);
    fx_add(&fx, r, 0, &zs.cds, "cds.test.", TP_TYPE_CDS, false);
    fx_send(&fx, r);
    fx_resp_init(r, "127.0.2.9", "cds.test.", "cds.test.", TP_TYPE_CDS);
    fx_add(&fx, r, 1, &zs.cds, "cds.test.", TP_TYPE_SOA, true);
    fx_send(&fx, r);
    free(r);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "www.cds.test.");
    HAS(a, CDS_NOT_SIGNED_BY_DS_KEY, true);
    HAS(a, CDS_INCONSISTENT_BETWEEN_SERVERS, true);
    HAS(a, CDS_PUBLISHED, false);
    tp_arena_free(arena);
    teardown(&fx);
}

/* ---- NS and glue ------------------------------------------------------------
 */

static void test_ns_and_glue(void)
{
    fixture_t fx;
    setup_checks(&fx);
    fx_resp_t *r = calloc(1, sizeof *r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    /* the referral from test.: NS {ns1, ns2}, glue 127.0.0.10/11 */
    fx_resp_init(r, TEST_NS, "test.", "ns.test.", TP_TYPE_NS);
    r->purpose = "referral";
    r->no_aa = true;
    fx_add(&fx, r, 1, &zs.test, "ns.test.", TP_TYPE_NS, false);
    fx_add(&fx, r, 1, &zs.test, "ns.test.", TP_TYPE_DS, true);
    fx_add(&fx, r, 2, &zs.test, "ns1.ns.test.", TP_TYPE_A, false);
    fx_add(&fx, r, 2, &zs.test, "ns2.ns.test.", TP_TYPE_A, false);
    fx_send(&fx, r);
    child(&fx, "ns.test.", "127.0.0.10", &zs.ns);
    /* the child's NS RRset {ns1, ns3, alias}, with its addresses */
    fx_resp_init(r, "127.0.0.10", "ns.test.", "ns.test.", TP_TYPE_NS);
    r->purpose = "ns";
    fx_add(&fx, r, 0, &zs.ns, "ns.test.", TP_TYPE_NS, true);
    fx_add(&fx, r, 2, &zs.ns, "ns1.ns.test.", TP_TYPE_A, true);
    fx_add(&fx, r, 2, &zs.ns, "ns3.ns.test.", TP_TYPE_A, true);
    fx_send(&fx, r);
    fx_resp_init(r, "127.0.0.10", "ns.test.", "alias.ns.test.", TP_TYPE_A);
    r->purpose = "ns-address";
    fx_add(&fx, r, 0, &zs.ns, "alias.ns.test.", TP_TYPE_CNAME, true);
    fx_add(&fx, r, 0, &zs.ns, "ns1.ns.test.", TP_TYPE_A, true);
    fx_send(&fx, r);
    free(r);
    answer(&fx, "127.0.0.10", "ns.test.", "www.ns.test.", TP_TYPE_A, &zs.ns);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_opts_t o;
    tp_analysis_opts_init(&o, T2027);
    o.check_private_addresses = true;
    tp_analysis_t *a = run_opts(&fx, arena, &o, "www.ns.test.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    dump(a);
    check_report(a);
    CU_ASSERT_EQUAL(a->status, TP_STATUS_SECURE);
    HAS(a, DELEGATION_NS_NOT_IN_CHILD, true);  /* ns2 */
    HAS(a, DELEGATION_NS_NOT_IN_PARENT, true); /* ns3, alias */
    HAS(a, DELEGATION_GLUE_MISMATCH, true);    /* ns1: .10 vs .12 */
    HAS(a, DELEGATION_NS_CNAME, true);         /* alias */
    HAS(a, DELEGATION_NS_PRIVATE_ADDRESS, true);
    HAS(a, DELEGATION_GLUE_MISSING, false);
    const tp_an_zone_t *z = tp_analysis_zone(a, "ns.test.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(z);
    CU_ASSERT_EQUAL(z->delegation.ns_count, 2);
    CU_ASSERT_EQUAL(z->delegation.glue_count, 2);
    size_t mism = 0;
    for (size_t i = 0; i < a->diag_count; i++) {
        if (a->diags[i].code == TP_DIAG_DELEGATION_GLUE_MISMATCH) {
            mism++;
            CU_ASSERT_PTR_NOT_NULL(strstr(a->diags[i].message, "127.0.0.12"));
            CU_ASSERT_PTR_NOT_NULL(strstr(a->diags[i].message, "127.0.0.10"));
        }
    }
    CU_ASSERT_EQUAL(mism, 1);
    tp_arena_free(arena);
    /* the private-address check is off by default (private testbeds) */
    arena = tp_arena_new(0);
    a = run(&fx, arena, T2027, "www.ns.test.");
    HAS(a, DELEGATION_NS_PRIVATE_ADDRESS, false);
    tp_arena_free(arena);
    teardown(&fx);
}

/* ---- CNAME chains
 * ------------------------------------------------------------
 */

static void cname_capture(fixture_t *fx, int corrupt_target, bool probe_tgt)
{
    child(fx, "cname.test.", "127.0.2.5", &zs.cname);
    answer_cname(fx, "127.0.2.5", "cname.test.", "www.cname.test.", TP_TYPE_A,
                 &zs.cname);
    if (!probe_tgt)
        return;
    child(fx, "tgt.test.", "127.0.2.6", &zs.tgt);
    const sel_t a[] = {{"www.tgt.test.", TP_TYPE_A}};
    respond(fx, "127.0.2.6", "tgt.test.", "www.tgt.test.", TP_TYPE_A, 0,
            &zs.tgt, a, 1, NULL, 0, corrupt_target);
}

static void test_cname_into_other_zone(void)
{
    fixture_t fx;
    setup_checks(&fx);
    cname_capture(&fx, 0, true);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "www.cname.test.");
    CU_ASSERT_EQUAL(a->status, TP_STATUS_SECURE);
    CU_ASSERT_EQUAL_FATAL(a->rrset_count, 2);
    CU_ASSERT_EQUAL(a->rrsets[0].type, TP_TYPE_CNAME);
    CU_ASSERT_EQUAL(a->rrsets[1].type, TP_TYPE_A);
    CU_ASSERT_STRING_EQUAL(a->rrsets[1].name, "www.tgt.test.");
    const tp_an_zone_t *t = tp_analysis_zone(a, "tgt.test.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->status, TP_STATUS_SECURE);
    CU_ASSERT_STRING_EQUAL(a->zones[t->parent_index].name, "test.");
    CU_ASSERT_STRING_EQUAL(a->zones[a->answer_zone].name, "cname.test.");
    CU_ASSERT_EQUAL(a->zones[a->rrsets[1].zone_index].status, TP_STATUS_SECURE);
    HAS(a, CNAME_LOOP, false);
    HAS(a, ANALYSIS_PROBE_INCOMPLETE, false);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_cname_target_bogus(void)
{
    fixture_t fx;
    setup_checks(&fx);
    cname_capture(&fx, 3, true);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "www.cname.test.");
    CU_ASSERT_EQUAL(a->status, TP_STATUS_BOGUS);
    HAS(a, RRSIG_BAD_SIGNATURE, true);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_cname_target_not_probed(void)
{
    fixture_t fx;
    setup_checks(&fx);
    cname_capture(&fx, 0, false);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "www.cname.test.");
    CU_ASSERT_EQUAL(a->status, TP_STATUS_INDETERMINATE);
    HAS(a, ANALYSIS_PROBE_INCOMPLETE, true);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_cname_loop(void)
{
    fixture_t fx;
    setup_checks(&fx);
    child(&fx, "cname.test.", "127.0.2.5", &zs.cname);
    answer_cname(&fx, "127.0.2.5", "cname.test.", "loop1.cname.test.",
                 TP_TYPE_A, &zs.cname);
    answer_cname(&fx, "127.0.2.5", "cname.test.", "loop2.cname.test.",
                 TP_TYPE_A, &zs.cname);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "loop1.cname.test.");
    HAS(a, CNAME_LOOP, true);
    CU_ASSERT_EQUAL(a->rrset_count, 2);
    tp_arena_free(arena);
    teardown(&fx);
}

/* A DNAME answer: the DNAME RRset is signed, the CNAME synthesised from it
 * is not (RFC 6672 5.3.1); the target is followed into tgt.test. */
static void test_dname(void)
{
    fixture_t fx;
    setup_checks(&fx);
    cname_capture(&fx, 0, true);
    fx_resp_t *r = calloc(1, sizeof *r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    fx_resp_init(r, "127.0.2.5", "cname.test.", "www.dn.cname.test.",
                 TP_TYPE_A);
    fx_add(&fx, r, 0, &zs.cname, "dn.cname.test.", TP_TYPE_DNAME, true);
    r->an[r->nan++] =
        fx_rr(&fx, "www.dn.cname.test. 3600 IN CNAME www.tgt.test.");
    fx_send(&fx, r);
    /* the same without the synthesised CNAME */
    fx_resp_init(r, "127.0.2.5", "cname.test.", "www2.dn.cname.test.",
                 TP_TYPE_A);
    fx_add(&fx, r, 0, &zs.cname, "dn.cname.test.", TP_TYPE_DNAME, true);
    fx_send(&fx, r);
    free(r);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "www.dn.cname.test.");
    CU_ASSERT_EQUAL(a->status, TP_STATUS_SECURE);
    CU_ASSERT_EQUAL_FATAL(a->rrset_count, 2);
    CU_ASSERT_EQUAL(a->rrsets[0].type, TP_TYPE_DNAME);
    CU_ASSERT_STRING_EQUAL(a->rrsets[1].name, "www.tgt.test.");
    HAS(a, RRSIG_MISSING, false);
    tp_arena_free(arena);
    arena = tp_arena_new(0);
    a = check(&fx, arena, "www2.dn.cname.test.");
    HAS(a, DNAME_NO_CNAME, true);
    tp_arena_free(arena);
    teardown(&fx);
}

/* ---- Servers that disagree: denials, RRsets, NSEC TTL ---------------------
 */

#define DEN1 "127.0.3.1" /* serves version 1 of den.test. */
#define DEN2 "127.0.3.2" /* serves version 2 */

static void den_capture(fixture_t *fx)
{
    child(fx, "den.test.", DEN1, &zs.den1);
    const sel_t k[] = {{"den.test.", TP_TYPE_DNSKEY}};
    respond(fx, DEN2, "den.test.", "den.test.", TP_TYPE_DNSKEY, 0, &zs.den2, k,
            1, NULL, 0, 0);
    answer(fx, DEN1, "den.test.", "www.den.test.", TP_TYPE_A, &zs.den1);
    answer(fx, DEN2, "den.test.", "www.den.test.", TP_TYPE_A, &zs.den2);
    /* b: NXDOMAIN on DEN1 (NSEC den.test. -> c covers b and the wildcard),
     * an A record on DEN2 */
    const sel_t nx[] = {{"den.test.", TP_TYPE_SOA},
                        {"den.test.", TP_TYPE_NSEC}};
    respond(fx, DEN1, "den.test.", "b.den.test.", TP_TYPE_A, 3, &zs.den1, NULL,
            0, nx, 2, 0);
    answer(fx, DEN2, "den.test.", "b.den.test.", TP_TYPE_A, &zs.den2);
    /* c: NODATA for A on DEN1 (NSEC c: TXT RRSIG NSEC), A on DEN2 */
    const sel_t nd[] = {{"den.test.", TP_TYPE_SOA},
                        {"c.den.test.", TP_TYPE_NSEC}};
    respond(fx, DEN1, "den.test.", "c.den.test.", TP_TYPE_A, 0, &zs.den1, NULL,
            0, nd, 2, 0);
    answer(fx, DEN2, "den.test.", "c.den.test.", TP_TYPE_A, &zs.den2);
    answer(fx, DEN1, "den.test.", "den.test.", TP_TYPE_SOA, &zs.den1);
    answer(fx, DEN2, "den.test.", "den.test.", TP_TYPE_SOA, &zs.den2);
}

static void test_rrset_inconsistent(void)
{
    fixture_t fx;
    setup_checks(&fx);
    den_capture(&fx);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "www.den.test.");
    CU_ASSERT_EQUAL(a->status, TP_STATUS_SECURE);
    CU_ASSERT_EQUAL(a->rrset_count, 2);
    HAS(a, RRSET_INCONSISTENT, true);
    HAS(a, SOA_SERIAL_MISMATCH, true);
    HAS(a, DENIAL_EXISTING_NAME_COVERED, false);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_denial_existing_name(void)
{
    fixture_t fx;
    setup_checks(&fx);
    den_capture(&fx);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "b.den.test.");
    HAS(a, DENIAL_EXISTING_NAME_COVERED, true);
    HAS(a, DENIAL_EXISTING_TYPE_NOT_IN_BITMAP, false);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_denial_existing_type(void)
{
    fixture_t fx;
    setup_checks(&fx);
    den_capture(&fx);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "c.den.test.");
    HAS(a, DENIAL_EXISTING_TYPE_NOT_IN_BITMAP, true);
    HAS(a, DENIAL_EXISTING_NAME_COVERED, false);
    tp_arena_free(arena);
    teardown(&fx);
}

static void test_nsec_ttl(void)
{
    fixture_t fx;
    setup_checks(&fx);
    child(&fx, "den.test.", DEN1, &zs.den1);
    fx_resp_t *r = calloc(1, sizeof *r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    fx_resp_init(r, DEN1, "den.test.", "b.den.test.", TP_TYPE_A);
    r->rcode = 3;
    fx_add(&fx, r, 1, &zs.den1, "den.test.", TP_TYPE_SOA, true);
    fx_add(&fx, r, 1, &zs.den1, "den.test.", TP_TYPE_NSEC, true);
    fx_send(&fx, r);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "b.den.test.");
    CU_ASSERT_EQUAL(a->status, TP_STATUS_SECURE);
    HAS(a, NSEC_TTL_MISMATCH, false); /* NSEC TTL 300 = SOA MINIMUM */
    tp_arena_free(arena);
    /* The same answer with the SOA (and its RRSIG) served with TTL 60: the
     * NSEC TTL should then be 60 (RFC 9077). */
    tp_capture_free(fx.cap);
    fx.cap = tp_capture_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx.cap);
    const sel_t k[] = {{"test.", TP_TYPE_DNSKEY}};
    respond(&fx, TEST_NS, "test.", "test.", TP_TYPE_DNSKEY, 0, &zs.test, k, 1,
            NULL, 0, 0);
    child(&fx, "den.test.", DEN1, &zs.den1);
    tp_rr_t *soa = tp_arena_alloc(fx.arena, 2 * sizeof *soa);
    CU_ASSERT_PTR_NOT_NULL_FATAL(soa);
    fx_resp_init(r, DEN1, "den.test.", "b.den.test.", TP_TYPE_A);
    r->rcode = 3;
    fx_add(&fx, r, 1, &zs.den1, "den.test.", TP_TYPE_SOA, true);
    CU_ASSERT_EQUAL_FATAL(r->nns, 2);
    soa[0] = *r->ns[0];
    soa[1] = *r->ns[1];
    soa[0].ttl = soa[1].ttl = 60;
    r->ns[0] = &soa[0];
    r->ns[1] = &soa[1];
    fx_add(&fx, r, 1, &zs.den1, "den.test.", TP_TYPE_NSEC, true);
    fx_send(&fx, r);
    free(r);
    arena = tp_arena_new(0);
    a = check(&fx, arena, "b.den.test.");
    HAS(a, NSEC_TTL_MISMATCH, true);
    HAS(a, RRSIG_TTL_MISMATCH, false);
    tp_arena_free(arena);
    teardown(&fx);
}

/* Malformed denial records and server misbehaviour, on unsigned records
 * made by hand (the checks look at the form, not the signatures). */
static void test_records_and_servers(void)
{
    fixture_t fx;
    setup_checks(&fx);
    child(&fx, "den.test.", "2001:db8::1", &zs.den1);
    fx_resp_t *r = calloc(1, sizeof *r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    /* NXDOMAIN for x with an NSEC that wraps to a name other than the apex
     * and lacks NSEC and RRSIG in its bitmap */
    fx_resp_init(r, "2001:db8::1", "den.test.", "x.den.test.", TP_TYPE_A);
    r->rcode = 3;
    fx_add(&fx, r, 1, &zs.den1, "den.test.", TP_TYPE_SOA, true);
    r->ns[r->nns++] = fx_rr(&fx, "www.den.test. 300 IN NSEC c.den.test. A");
    fx_send(&fx, r);
    /* the same server has data at x for another type (RFC 8020) */
    fx_resp_init(r, "2001:db8::1", "den.test.", "x.den.test.", TP_TYPE_TXT);
    r->an[r->nan++] = fx_rr(&fx, "x.den.test. 300 IN TXT \"x\"");
    fx_send(&fx, r);
    /* a DNSKEY RRset below the apex */
    fx_resp_init(r, "2001:db8::1", "den.test.", "x.den.test.", TP_TYPE_DNSKEY);
    r->an[r->nan++] = fx_rr(&fx, "x.den.test. 300 IN DNSKEY 256 3 13 "
                                 "AQID");
    fx_send(&fx, r);
    /* an upward referral, FORMERR, and an authoritative referral */
    fx_resp_init(r, "2001:db8::1", "den.test.", "y.den.test.", TP_TYPE_A);
    r->no_aa = true;
    r->ns[r->nns++] = fx_rr(&fx, ". 3600 IN NS a.root.");
    fx_send(&fx, r);
    fx_resp_init(r, "2001:db8::1", "den.test.", "den.test.", TP_TYPE_SOA);
    r->rcode = 1;
    fx_send(&fx, r);
    fx_resp_init(r, "2001:db8::1", "den.test.", "sub.den.test.", TP_TYPE_NS);
    r->ns[r->nns++] = fx_rr(&fx, "sub.den.test. 3600 IN NS ns.sub.den.test.");
    fx_send(&fx, r);
    free(r);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = check(&fx, arena, "x.den.test.");
    HAS(a, NSEC_LAST_NEXT_NOT_APEX, true);
    HAS(a, NSEC_BITMAP_INCOMPLETE, true);
    HAS(a, NSEC_BITMAP_MALFORMED, false);
    HAS(a, SERVER_INCONSISTENT_NXDOMAIN, true);
    HAS(a, DNSKEY_NOT_AT_APEX, true);
    HAS(a, SERVER_UPWARD_REFERRAL, true);
    HAS(a, SERVER_FORMERR, true);
    HAS(a, SERVER_AUTHORITATIVE_REFERRAL, true);
    HAS(a, DELEGATION_NO_IPV4, true);  /* den.test. */
    HAS(a, DELEGATION_NO_IPV6, false); /* the probe did not use IPv6 */
    tp_arena_free(arena);
    fx.cap->options.ipv6 = true;
    arena = tp_arena_new(0);
    a = check(&fx, arena, "x.den.test.");
    HAS(a, DELEGATION_NO_IPV6, true); /* test. */
    tp_arena_free(arena);
    teardown(&fx);
}

/* ---- Signatures and the SOA EXPIRE timer ----------------------------------
 */

static void test_expires_before_soa_expire(void)
{
    fixture_t fx;
    setup(&fx, 0); /* root and example., signatures until 2028-01-01 */
    const sel_t soa[] = {{"example.", TP_TYPE_SOA}};
    respond(&fx, "127.0.0.2", "example.", "example.", TP_TYPE_SOA, 0,
            &fx.example, soa, 1, NULL, 0, 0);
    tp_arena_t *arena = tp_arena_new(0);
    /* 2027-12-20: 12 days left, SOA EXPIRE is 10 days */
    tp_analysis_t *a = run(&fx, arena, 1829606400 - 86400 * 4, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    check_report(a);
    HAS(a, RRSIG_EXPIRES_BEFORE_SOA_EXPIRE, false);
    tp_arena_free(arena);
    /* 2027-12-25: 7 days left */
    arena = tp_arena_new(0);
    a = run(&fx, arena, 1829692800, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    check_report(a);
    CU_ASSERT_EQUAL(a->status, TP_STATUS_SECURE);
    HAS(a, RRSIG_EXPIRES_BEFORE_SOA_EXPIRE, true);
    HAS(a, DNSKEY_TTL_EXCEEDS_VALIDITY, false);
    tp_arena_free(arena);
    /* 2027-12-31T23:30: the DNSKEY RRset (TTL 3600) outlives its RRSIGs */
    arena = tp_arena_new(0);
    a = run(&fx, arena, 1830297600 - 1800, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    check_report(a);
    HAS(a, DNSKEY_TTL_EXCEEDS_VALIDITY, true);
    tp_arena_free(arena);
    teardown(&fx);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("analyzer: zone checks", NULL, NULL);
    if (s == NULL ||
        CU_add_test(s, "CDS consistent", test_cds_consistent) == NULL ||
        CU_add_test(s, "CDS for a stand-by key", test_cds_standby_key) ==
            NULL ||
        CU_add_test(s, "CDS delete", test_cds_delete) == NULL ||
        CU_add_test(s, "CDS delete malformed", test_cds_malformed_delete) ==
            NULL ||
        CU_add_test(s, "CDS unsigned, servers differ",
                    test_cds_unsigned_and_inconsistent) == NULL ||
        CU_add_test(s, "NS and glue", test_ns_and_glue) == NULL ||
        CU_add_test(s, "CNAME into another zone", test_cname_into_other_zone) ==
            NULL ||
        CU_add_test(s, "CNAME target bogus", test_cname_target_bogus) == NULL ||
        CU_add_test(s, "CNAME target not probed",
                    test_cname_target_not_probed) == NULL ||
        CU_add_test(s, "CNAME loop", test_cname_loop) == NULL ||
        CU_add_test(s, "DNAME", test_dname) == NULL ||
        CU_add_test(s, "RRset differs between servers",
                    test_rrset_inconsistent) == NULL ||
        CU_add_test(s, "denial of an existing name",
                    test_denial_existing_name) == NULL ||
        CU_add_test(s, "denial of an existing type",
                    test_denial_existing_type) == NULL ||
        CU_add_test(s, "NSEC TTL (RFC 9077)", test_nsec_ttl) == NULL ||
        CU_add_test(s, "record form and server behaviour",
                    test_records_and_servers) == NULL ||
        CU_add_test(s, "expiry before SOA EXPIRE",
                    test_expires_before_soa_expire) == NULL)
        return -1;
    return 0;
}
