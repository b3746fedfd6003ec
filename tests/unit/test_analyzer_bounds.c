/* analyzer: what the probe's bounds and dropped answers leave in a capture
 * becomes a diagnostic (ANALYSIS_PROBE_LIMIT naming each bound,
 * SERVER_ANSWER_MISMATCH naming the server), and huge RRsets and NS sets
 * from a hostile server are handled in n log n (4,000 A records per
 * response, 500 NS names), with their results intact. */
#include <time.h>

#include "analyzer_fixture.h"

#define T_NOW 1798761600 /* 2027-01-01, inside the fixture's signatures */

static const tp_an_diag_t *find_diag(const tp_analysis_t *a,
                                     tp_diag_code_t code, size_t nth)
{
    for (size_t i = 0; a != NULL && i < a->diag_count; i++) {
        if (a->diags[i].code == code && nth-- == 0)
            return &a->diags[i];
    }
    return NULL;
}

static void test_probe_limits(void)
{
    fixture_t fx;
    setup(&fx, 0);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = run(&fx, arena, T_NOW, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(tp_analysis_count_code(a, TP_DIAG_ANALYSIS_PROBE_LIMIT), 0);
    tp_status_t complete = a->status;
    tp_arena_free(arena);

    fx.cap->options.deadline_ms = 10000;
    CU_ASSERT_EQUAL(tp_capture_add_limit(fx.cap, TP_CAPTURE_LIMIT_DEADLINE),
                    TP_OK);
    CU_ASSERT_EQUAL(tp_capture_add_limit(fx.cap, TP_CAPTURE_LIMIT_NS_NAMES),
                    TP_OK);
    CU_ASSERT_EQUAL(tp_capture_add_limit(fx.cap, "some-new-bound"), TP_OK);
    arena = tp_arena_new(0);
    a = run(&fx, arena, T_NOW, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    dump(a);
    CU_ASSERT_EQUAL(tp_analysis_count_code(a, TP_DIAG_ANALYSIS_PROBE_LIMIT), 3);
    CU_ASSERT_EQUAL(a->status, complete); /* the verdict is not changed */
    const tp_an_diag_t *d = find_diag(a, TP_DIAG_ANALYSIS_PROBE_LIMIT, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_EQUAL(d->severity, TP_SEV_WARNING);
    CU_ASSERT_PTR_NULL(d->zone);
    CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "\"deadline\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "10000 ms"));
    CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "--deadline"));
    CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "www.example."));
    d = find_diag(a, TP_DIAG_ANALYSIS_PROBE_LIMIT, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "\"ns-names\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "NS names followed per zone"));
    d = find_diag(a, TP_DIAG_ANALYSIS_PROBE_LIMIT, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "\"some-new-bound\""));
    const tp_diag_info_t *info = tp_diag_info(TP_DIAG_ANALYSIS_PROBE_LIMIT);
    CU_ASSERT_STRING_EQUAL(info->code, "ANALYSIS_PROBE_LIMIT");
    CU_ASSERT_EQUAL(info->severity, TP_SEV_WARNING);
    CU_ASSERT_EQUAL(info->family, TP_FAM_ANALYSIS);
    tp_arena_free(arena);
    teardown(&fx);
}

/* A query whose answers were all dropped (wrong ID or question). */
static void add_mismatch(fixture_t *fx, const char *server, const char *zone,
                         const char *qname, const char *detail)
{
    tp_capture_query_t q;
    memset(&q, 0, sizeof q);
    q.server = server;
    q.port = 53;
    q.zone = wname(fx->arena, zone);
    q.qname = wname(fx->arena, qname);
    q.qtype = TP_TYPE_A;
    q.qclass = TP_CLASS_IN;
    q.flags.edns = true;
    q.flags.do_bit = true;
    q.outcome = TP_OUTCOME_MISMATCH;
    q.detail = detail;
    CU_ASSERT_EQUAL(tp_capture_add_query(fx->cap, &q, NULL), TP_OK);
}

static void test_answer_mismatch(void)
{
    fixture_t fx;
    setup(&fx, 0);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = run(&fx, arena, T_NOW, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(tp_analysis_count_code(a, TP_DIAG_SERVER_ANSWER_MISMATCH),
                    0);
    tp_arena_free(arena);

    /* 127.0.0.2 answered one query with a wrong ID; 127.0.0.3 (another
     * server of example.) only ever answered to another question */
    add_mismatch(&fx, "127.0.0.2", "example.", "www.example.",
                 "answer with a wrong ID dropped");
    add_mismatch(&fx, "127.0.0.3", "example.", "www.example.",
                 "answer to another question dropped");
    add_mismatch(&fx, "127.0.0.3", "example.", "example.",
                 "answer to another question dropped");
    arena = tp_arena_new(0);
    a = run(&fx, arena, T_NOW, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    dump(a);
    CU_ASSERT_EQUAL(tp_analysis_count_code(a, TP_DIAG_SERVER_ANSWER_MISMATCH),
                    2);
    size_t seen = 0;
    for (size_t i = 0; i < a->diag_count; i++) {
        const tp_an_diag_t *d = &a->diags[i];
        if (d->code != TP_DIAG_SERVER_ANSWER_MISMATCH)
            continue;
        CU_ASSERT_EQUAL(d->severity, TP_SEV_ERROR);
        CU_ASSERT_STRING_EQUAL(d->zone, "example.");
        CU_ASSERT_EQUAL_FATAL(d->server_count, 1);
        if (strcmp(d->servers[0], "127.0.0.2") == 0) {
            seen |= 1;
            CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "wrong ID"));
            CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "1 of 4 queries"));
        } else if (strcmp(d->servers[0], "127.0.0.3") == 0) {
            seen |= 2;
            CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "another question"));
            CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "2 of 2 queries"));
        }
    }
    CU_ASSERT_EQUAL(seen, 3);
    const tp_an_zone_t *z = tp_analysis_zone(a, "example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(z);
    bool found = false;
    for (size_t s = 0; s < z->server_count; s++) {
        if (strcmp(z->servers[s].address, "127.0.0.3") == 0) {
            found = true;
            CU_ASSERT_FALSE(z->servers[s].responded);
            CU_ASSERT_STRING_EQUAL(z->servers[s].problem, "wrong answers");
        }
    }
    CU_ASSERT_TRUE(found);
    tp_arena_free(arena);
    teardown(&fx);
}

/* ---- Huge RRsets and NS sets -------------------------------------------- */

static void put_name(tp_buf_t *b, const char *text)
{
    uint8_t w[TP_NAME_MAX];
    size_t wl;
    CU_ASSERT_EQUAL_FATAL(tp_name_from_text(text, strlen(text), NULL, w, &wl),
                          TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append(b, w, wl), TP_OK);
}

static void put_rr_head(tp_buf_t *b, const char *owner, uint16_t type,
                        uint16_t rdlen)
{
    if (owner == NULL) { /* the question's name */
        CU_ASSERT_EQUAL(tp_buf_append_u16(b, 0xc00c), TP_OK);
    } else {
        put_name(b, owner);
    }
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, type), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, TP_CLASS_IN), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, 0), TP_OK); /* TTL 3600 */
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, 3600), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, rdlen), TP_OK);
}

static void put_a(tp_buf_t *b, const char *owner, unsigned n)
{
    put_rr_head(b, owner, TP_TYPE_A, 4);
    uint8_t a[4] = {10, (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
    CU_ASSERT_EQUAL(tp_buf_append(b, a, 4), TP_OK);
}

/* A message built by hand: counts, question, then the caller's records. */
static void msg_head(tp_buf_t *b, const char *qname, uint16_t qtype, bool aa,
                     unsigned an, unsigned ns, unsigned ad)
{
    tp_buf_init(b, 65535);
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, 0x4242), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, aa ? 0x8400 : 0x8000), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, 1), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, (uint16_t)an), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, (uint16_t)ns), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, (uint16_t)ad), TP_OK);
    put_name(b, qname);
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, qtype), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(b, TP_CLASS_IN), TP_OK);
}

static void msg_send(fixture_t *fx, tp_buf_t *b, const char *server,
                     const char *zone, const char *qname, uint16_t qtype)
{
    tp_capture_query_t q;
    memset(&q, 0, sizeof q);
    q.server = server;
    q.port = 53;
    q.zone = wname(fx->arena, zone);
    q.qname = wname(fx->arena, qname);
    q.qtype = qtype;
    q.qclass = TP_CLASS_IN;
    q.outcome = TP_OUTCOME_RESPONSE;
    q.response = tp_bytes(b->data, b->len);
    CU_ASSERT_EQUAL(tp_capture_add_query(fx->cap, &q, NULL), TP_OK);
    tp_buf_clear(b);
}

#define MANY_A   3900 /* A records in one response (64 KB) */
#define MANY_NS  500  /* NS names of example. */
#define ADDRS_NS 100  /* the child's addresses for ns0.example. */

static void test_huge_sets(void)
{
    fixture_t fx;
    setup(&fx, 0);
    char nm[64];
    tp_buf_t b;
    /* the root's referral: 500 NS names, each with one glue address */
    msg_head(&b, "example.", TP_TYPE_NS, false, 0, MANY_NS, MANY_NS);
    for (unsigned i = 0; i < MANY_NS; i++) {
        snprintf(nm, sizeof nm, "ns%u.example.", i);
        put_rr_head(&b, NULL, TP_TYPE_NS, (uint16_t)(strlen(nm) + 1));
        put_name(&b, nm);
    }
    for (unsigned i = 0; i < MANY_NS; i++) {
        snprintf(nm, sizeof nm, "ns%u.example.", i);
        put_a(&b, nm, i);
    }
    msg_send(&fx, &b, "127.0.0.1", ".", "example.", TP_TYPE_NS);
    /* the child's NS RRset: the same 500 names; 100 addresses for ns0
     * (one of them its glue, 10.0.0.0), kept up to the cap */
    msg_head(&b, "example.", TP_TYPE_NS, true, MANY_NS, 0, ADDRS_NS);
    for (unsigned i = 0; i < MANY_NS; i++) {
        snprintf(nm, sizeof nm, "ns%u.example.", MANY_NS - 1 - i);
        put_rr_head(&b, NULL, TP_TYPE_NS, (uint16_t)(strlen(nm) + 1));
        put_name(&b, nm);
    }
    for (unsigned i = 0; i < ADDRS_NS; i++)
        put_a(&b, "ns0.example.", i * 1000);
    msg_send(&fx, &b, "127.0.0.2", "example.", "example.", TP_TYPE_NS);
    /* many.example. A: 3,900 records, from two servers (the same set in
     * another order) and 30 times over, and a third server with one record
     * changed */
    for (int k = 0; k < 32; k++) {
        const char *srv = k % 2 ? "127.0.0.2" : "127.0.0.4";
        if (k == 31)
            srv = "127.0.0.5";
        msg_head(&b, "many.example.", TP_TYPE_A, true, MANY_A, 0, 0);
        for (unsigned i = 0; i < MANY_A; i++) {
            unsigned n = k % 2 ? MANY_A - 1 - i : i;
            put_a(&b, NULL, k == 31 && n == 7 ? 999999 : n);
        }
        msg_send(&fx, &b, srv, "example.", "many.example.", TP_TYPE_A);
    }
    clock_t t0 = clock();
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = run(&fx, arena, T_NOW, "many.example.");
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    /* quadratic: tens of seconds under ASan; n log n: well under one */
    CU_ASSERT_TRUE(secs < 8.0);
    if (secs >= 8.0)
        fprintf(stderr, "huge sets: analysis took %.1f s\n", secs);
    const tp_an_zone_t *z = tp_analysis_zone(a, "example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(z);
    CU_ASSERT_EQUAL(z->delegation.ns_count, MANY_NS);
    CU_ASSERT_EQUAL(z->delegation.glue_count, MANY_NS);
    CU_ASSERT_STRING_EQUAL(z->delegation.ns[0], "ns0.example.");
    CU_ASSERT_STRING_EQUAL(z->delegation.glue[1], "ns1.example. 10.0.0.1");
    CU_ASSERT_EQUAL(
        tp_analysis_count_code(a, TP_DIAG_DELEGATION_NS_NOT_IN_CHILD), 0);
    CU_ASSERT_EQUAL(
        tp_analysis_count_code(a, TP_DIAG_DELEGATION_NS_NOT_IN_PARENT), 0);
    CU_ASSERT_EQUAL(tp_analysis_count_code(a, TP_DIAG_DELEGATION_GLUE_MISSING),
                    0);
    /* ns0: glue 10.0.0.0; the child says 64 addresses (the cap) */
    CU_ASSERT_EQUAL(tp_analysis_count_code(a, TP_DIAG_DELEGATION_GLUE_MISMATCH),
                    1);
    const tp_an_diag_t *d = find_diag(a, TP_DIAG_DELEGATION_GLUE_MISMATCH, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "ns0.example."));
    CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "10.0.3.232")); /* #1 */
    CU_ASSERT_PTR_NULL(strstr(d->message, "ns1.example."));
    /* two RRsets at the name: the set of 127.0.0.2 and .4 (merged although
     * in another order), and the one of .5 */
    CU_ASSERT_EQUAL_FATAL(a->rrset_count, 2);
    CU_ASSERT_EQUAL(a->rrsets[0].record_count, MANY_A);
    CU_ASSERT_EQUAL(a->rrsets[0].server_count, 2);
    CU_ASSERT_EQUAL(a->rrsets[1].record_count, MANY_A);
    CU_ASSERT_EQUAL_FATAL(a->rrsets[1].server_count, 1);
    CU_ASSERT_STRING_EQUAL(a->rrsets[1].servers[0], "127.0.0.5");
    tp_arena_free(arena);
    teardown(&fx);
}

int tp_test_register(void)
{
    CU_pSuite s =
        CU_add_suite("analyzer: bounds and hostile sizes", NULL, NULL);
    if (s == NULL ||
        CU_add_test(s, "probe limits become diagnostics", test_probe_limits) ==
            NULL ||
        CU_add_test(s, "answers with a wrong ID or question",
                    test_answer_mismatch) == NULL ||
        CU_add_test(s, "4,000 A records and 500 NS names", test_huge_sets) ==
            NULL)
        return -1;
    return 0;
}
