/* analyzer: chain building and verdicts on a hand-built capture. Two zones
 * signed offline (tests/data/analyzer: a root and example.), responses
 * encoded here from the signed zone files, the reference time pinned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/analysis.h"
#include "trustpath/capture.h"
#include "trustpath/report.h"
#include "trustpath/text.h"

#define T2027 1798761600 /* 2027-01-01T00:00:00Z, inside the windows */
#define T2029 1861920000 /* 2029-01-01: every signature has expired */

typedef struct fixture {
    tp_arena_t *arena;
    tp_rrlist_t root, example, anchors;
    tp_capture_t *cap;
} fixture_t;

static uint8_t *wname(tp_arena_t *a, const char *text)
{
    uint8_t buf[TP_NAME_MAX];
    size_t len;
    if (tp_name_from_text(text, strlen(text), NULL, buf, &len) != TP_OK)
        return NULL;
    return tp_arena_memdup(a, buf, len);
}

static void load(fixture_t *fx, const char *file, tp_rrlist_t *out)
{
    size_t len;
    char *text = tp_test_read_file(file, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    tp_text_error_t e;
    CU_ASSERT_EQUAL_FATAL(
        tp_zone_parse(text, len, NULL, 3600, fx->arena, out, &e), TP_OK);
    free(text);
}

static tp_err_t put_rr(tp_buf_t *b, const tp_rr_t *rr)
{
    tp_err_t e = tp_buf_append(b, rr->owner, tp_name_len(rr->owner));
    if (e == TP_OK)
        e = tp_buf_append_u16(b, rr->type);
    if (e == TP_OK)
        e = tp_buf_append_u16(b, rr->rclass);
    if (e == TP_OK)
        e = tp_buf_append_u32(b, rr->ttl);
    if (e == TP_OK)
        e = tp_buf_append_u16(b, (uint16_t)rr->rdata.len);
    if (e == TP_OK)
        e = tp_buf_append(b, rr->rdata.data, rr->rdata.len);
    return e;
}

/* A section: records of `zone` at owner with type (and their RRSIGs). */
typedef struct sel {
    const char *owner;
    uint16_t type;
} sel_t;

static size_t pick(const tp_rrlist_t *zone, const uint8_t *owner, uint16_t type,
                   const tp_rr_t **out, size_t n)
{
    for (size_t i = 0; i < zone->count; i++) {
        const tp_rr_t *rr = &zone->rrs[i];
        if (!tp_name_equal(rr->owner, owner))
            continue;
        bool sig =
            rr->type == TP_TYPE_RRSIG && rr->rdata.len >= 2 &&
            (uint16_t)(rr->rdata.data[0] << 8 | rr->rdata.data[1]) == type;
        if (rr->type == type || sig)
            out[n++] = rr;
    }
    return n;
}

/* Encode a response and add it to the capture as a query to server. */
static void respond(fixture_t *fx, const char *server, const char *zone,
                    const char *qname, uint16_t qtype, uint16_t rcode,
                    const tp_rrlist_t *data, const sel_t *ans, size_t nans,
                    const sel_t *auth, size_t nauth, int corrupt)
{
    const tp_rr_t *an[32], *au[32];
    size_t na = 0, nu = 0;
    for (size_t i = 0; i < nans; i++)
        na = pick(data, wname(fx->arena, ans[i].owner), ans[i].type, an, na);
    for (size_t i = 0; i < nauth; i++)
        nu = pick(data, wname(fx->arena, auth[i].owner), auth[i].type, au, nu);
    tp_buf_t b;
    tp_buf_init(&b, 65535);
    uint8_t *qn = wname(fx->arena, qname);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, 0x1234), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, (uint16_t)(0x8400 | rcode)), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, 1), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, (uint16_t)na), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, (uint16_t)nu), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, 1), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append(&b, qn, tp_name_len(qn)), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, qtype), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, TP_CLASS_IN), TP_OK);
    for (size_t i = 0; i < na; i++)
        CU_ASSERT_EQUAL(put_rr(&b, an[i]), TP_OK);
    for (size_t i = 0; i < nu; i++)
        CU_ASSERT_EQUAL(put_rr(&b, au[i]), TP_OK);
    /* OPT: root, type 41, 1232, DO */
    static const uint8_t opt[] = {0, 0, 41, 0x04, 0xd0, 0, 0, 0x80, 0, 0, 0};
    CU_ASSERT_EQUAL(tp_buf_append(&b, opt, sizeof opt), TP_OK);
    if (corrupt > 0 && (size_t)corrupt < b.len)
        b.data[b.len - sizeof opt - (size_t)corrupt] ^= 0x01;
    tp_capture_query_t q;
    memset(&q, 0, sizeof q);
    q.server = server;
    q.port = 53;
    q.zone = wname(fx->arena, zone);
    q.qname = qn;
    q.qtype = qtype;
    q.qclass = TP_CLASS_IN;
    q.flags.edns = true;
    q.flags.do_bit = true;
    q.flags.cd = true;
    q.flags.udp_size = 1232;
    q.outcome = TP_OUTCOME_RESPONSE;
    q.response = tp_bytes(b.data, b.len);
    CU_ASSERT_EQUAL(tp_capture_add_query(fx->cap, &q, NULL), TP_OK);
    tp_buf_clear(&b);
}

/* corrupt_a: flip a bit near the end of the www.example. A answer. */
static void setup(fixture_t *fx, int corrupt_a)
{
    memset(fx, 0, sizeof *fx);
    fx->arena = tp_arena_new(0);
    fx->cap = tp_capture_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx->cap);
    load(fx, "analyzer/root.signed", &fx->root);
    load(fx, "analyzer/example.signed", &fx->example);
    size_t len;
    char *ta = tp_test_read_file("analyzer/anchor.ds", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ta);
    CU_ASSERT_EQUAL_FATAL(
        tp_anchors_parse(ta, len, fx->arena, &fx->anchors, NULL), TP_OK);
    free(ta);
    CU_ASSERT_EQUAL(
        tp_capture_add_name(fx->cap, wname(fx->arena, "www.example.")), TP_OK);
    CU_ASSERT_EQUAL(
        tp_capture_add_name(fx->cap, wname(fx->arena, "nx.example.")), TP_OK);
    const sel_t rk[] = {{".", TP_TYPE_DNSKEY}};
    respond(fx, "127.0.0.1", ".", ".", TP_TYPE_DNSKEY, 0, &fx->root, rk, 1,
            NULL, 0, 0);
    const sel_t ds[] = {{"example.", TP_TYPE_DS}};
    respond(fx, "127.0.0.1", ".", "example.", TP_TYPE_DS, 0, &fx->root, ds, 1,
            NULL, 0, 0);
    const sel_t ek[] = {{"example.", TP_TYPE_DNSKEY}};
    respond(fx, "127.0.0.2", "example.", "example.", TP_TYPE_DNSKEY, 0,
            &fx->example, ek, 1, NULL, 0, 0);
    const sel_t a[] = {{"www.example.", TP_TYPE_A}};
    respond(fx, "127.0.0.2", "example.", "www.example.", TP_TYPE_A, 0,
            &fx->example, a, 1, NULL, 0, corrupt_a);
    const sel_t nx[] = {{"example.", TP_TYPE_SOA},
                        {"example.", TP_TYPE_NSEC},
                        {"ns.example.", TP_TYPE_NSEC}};
    respond(fx, "127.0.0.2", "example.", "nx.example.", TP_TYPE_A, 3,
            &fx->example, NULL, 0, nx, 3, 0);
}

static void teardown(fixture_t *fx)
{
    tp_capture_free(fx->cap);
    tp_arena_free(fx->arena);
}

static tp_analysis_t *run(fixture_t *fx, tp_arena_t *arena, int64_t now,
                          const char *name)
{
    tp_analysis_opts_t o;
    tp_analysis_opts_init(&o, now);
    tp_analysis_t *a = NULL;
    CU_ASSERT_EQUAL(tp_analyze(fx->cap, &fx->anchors, &o,
                               wname(fx->arena, name), arena, &a),
                    TP_OK);
    return a;
}

static void dump(const tp_analysis_t *a)
{
    if (getenv("TP_TEST_VERBOSE") == NULL)
        return;
    tp_buf_t b;
    tp_buf_init(&b, 1u << 24);
    tp_report_opts_t ro = {true, true};
    if (tp_report_json(a, &ro, &b) == TP_OK)
        fputs(tp_buf_str(&b), stderr);
    tp_buf_clear(&b);
}

static void test_secure_answer(void)
{
    fixture_t fx;
    setup(&fx, 0);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = run(&fx, arena, T2027, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    dump(a);
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
