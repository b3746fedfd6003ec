/* capture: model, JSON writer and the bounded loader (docs/capture.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/capture.h"
#include "trustpath/wire.h"

/* www.example. A, as a 12+17 byte response header and question. */
static const uint8_t response_bytes[] = {
    0x12, 0x34, 0x84, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x03, 'w',  'w',  'w',  0x07, 'e',  'x',  'a',
    'm',  'p',  'l',  'e',  0x00, 0x00, 0x01, 0x00, 0x01};
static const uint8_t www_example[] = {3,   'w', 'w', 'w', 7,   'e', 'x',
                                      'a', 'm', 'p', 'l', 'e', 0};
static const uint8_t example[] = {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0};
static const uint8_t ns1_example[] = {3,   'n', 's', '1', 7,   'e', 'x',
                                      'a', 'm', 'p', 'l', 'e', 0};

static tp_capture_t *sample_capture(void)
{
    tp_capture_t *cap = tp_capture_new();
    tp_capture_attempt_t at1[1] = {
        {0x1234, TP_TRANSPORT_UDP, 1500, 250, TP_OUTCOME_RESPONSE}};
    tp_capture_attempt_t at2[2] = {
        {7, TP_TRANSPORT_UDP, 2000, 300000, TP_OUTCOME_TIMEOUT},
        {8, TP_TRANSPORT_UDP, 302000, 300001, TP_OUTCOME_TIMEOUT}};
    tp_capture_query_t q;

    CU_ASSERT_PTR_NOT_NULL_FATAL(cap);
    CU_ASSERT_EQUAL(tp_capture_set_tool(cap, "trustpath 0.1.0"), TP_OK);
    cap->start_time_ms = 1763771400123; /* 2025-11-22T00:30:00.123Z */
    cap->end_time_ms = 1763771401000;
    CU_ASSERT_EQUAL(tp_capture_add_name(cap, www_example), TP_OK);
    CU_ASSERT_EQUAL(tp_capture_add_type(cap, TP_TYPE_A), TP_OK);
    CU_ASSERT_EQUAL(tp_capture_add_type(cap, 65280), TP_OK);
    CU_ASSERT_EQUAL(tp_capture_set_root_hints(cap, ". NS a.\n", 8), TP_OK);
    cap->options.timeout_ms = 300;
    cap->options.retries = 1;
    cap->options.deadline_ms = 30000;
    cap->options.ipv4 = true;
    cap->options.udp_size = 1232;

    memset(&q, 0, sizeof(q));
    q.server = "192.0.2.1";
    q.port = 53;
    q.server_name = ns1_example;
    q.zone = example;
    q.purpose = "answer";
    q.qname = www_example;
    q.qtype = TP_TYPE_A;
    q.qclass = TP_CLASS_IN;
    q.flags = (tp_query_flags_t){false, false, true, true, 1232};
    q.transport = TP_TRANSPORT_UDP;
    q.start_us = 1500;
    q.duration_us = 250;
    q.outcome = TP_OUTCOME_RESPONSE;
    q.response = tp_bytes(response_bytes, sizeof(response_bytes));
    q.attempts = at1;
    q.attempt_count = 1;
    CU_ASSERT_EQUAL(tp_capture_add_query(cap, &q, NULL), TP_OK);

    q.server = "2001:db8::53";
    q.port = 5300;
    q.server_name = NULL;
    q.purpose = NULL;
    q.qtype = 65280;
    q.start_us = 2000;
    q.duration_us = 600001;
    q.outcome = TP_OUTCOME_TIMEOUT;
    q.response = tp_bytes(NULL, 0);
    q.detail = "no answer";
    q.attempts = at2;
    q.attempt_count = 2;
    CU_ASSERT_EQUAL(tp_capture_add_query(cap, &q, NULL), TP_OK);
    return cap;
}

static char *to_json(const tp_capture_t *cap, bool pretty)
{
    tp_buf_t out;

    tp_buf_init(&out, 1 << 20);
    CU_ASSERT_EQUAL(tp_capture_to_json(cap, pretty, &out), TP_OK);
    return (char *)out.data;
}

static void test_round_trip(void)
{
    tp_capture_t *cap = sample_capture(), *back = NULL;
    char *json = to_json(cap, true), *again;
    tp_capture_error_t e;
    const tp_capture_query_t *q;

    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"trustpath_capture\": 1"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(json, "\"start\": \"2025-11-22T00:30:00.123Z\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"start_ms\": 302.000"));
    CU_ASSERT_EQUAL_FATAL(
        tp_capture_from_json(json, strlen(json), NULL, &back, &e), TP_OK);
    CU_ASSERT_STRING_EQUAL(back->tool, "trustpath 0.1.0");
    CU_ASSERT_EQUAL(back->start_time_ms, 1763771400123);
    CU_ASSERT_EQUAL(back->end_time_ms, 1763771401000);
    CU_ASSERT_EQUAL_FATAL(back->name_count, 1);
    CU_ASSERT_TRUE(tp_name_equal(back->names[0], www_example));
    CU_ASSERT_EQUAL_FATAL(back->type_count, 2);
    CU_ASSERT_EQUAL(back->types[1], 65280);
    CU_ASSERT_STRING_EQUAL(back->root_hints, ". NS a.\n");
    CU_ASSERT_PTR_NULL(back->trust_anchors);
    CU_ASSERT_EQUAL(back->options.timeout_ms, 300);
    CU_ASSERT_TRUE(back->options.ipv4);
    CU_ASSERT_FALSE(back->options.ipv6);
    CU_ASSERT_EQUAL_FATAL(back->query_count, 2);
    q = &back->queries[0];
    CU_ASSERT_STRING_EQUAL(q->server, "192.0.2.1");
    CU_ASSERT_EQUAL(q->port, 53);
    CU_ASSERT_TRUE(tp_name_equal(q->server_name, ns1_example));
    CU_ASSERT_TRUE(tp_name_equal(q->zone, example));
    CU_ASSERT_STRING_EQUAL(q->purpose, "answer");
    CU_ASSERT_EQUAL(q->qtype, TP_TYPE_A);
    CU_ASSERT_EQUAL(q->qclass, TP_CLASS_IN);
    CU_ASSERT_TRUE(q->flags.do_bit && q->flags.edns && !q->flags.rd);
    CU_ASSERT_EQUAL(q->flags.udp_size, 1232);
    CU_ASSERT_EQUAL(q->start_us, 1500);
    CU_ASSERT_EQUAL(q->duration_us, 250);
    CU_ASSERT_EQUAL(q->outcome, TP_OUTCOME_RESPONSE);
    CU_ASSERT_EQUAL_FATAL(q->response.len, sizeof(response_bytes));
    CU_ASSERT_EQUAL(
        memcmp(q->response.data, response_bytes, sizeof(response_bytes)), 0);
    CU_ASSERT_EQUAL(q->attempts[0].id, 0x1234);
    q = &back->queries[1];
    CU_ASSERT_STRING_EQUAL(q->server, "2001:db8::53");
    CU_ASSERT_EQUAL(q->port, 5300);
    CU_ASSERT_PTR_NULL(q->server_name);
    CU_ASSERT_PTR_NULL(q->purpose);
    CU_ASSERT_EQUAL(q->qtype, 65280);
    CU_ASSERT_EQUAL(q->outcome, TP_OUTCOME_TIMEOUT);
    CU_ASSERT_EQUAL(q->response.len, 0);
    CU_ASSERT_STRING_EQUAL(q->detail, "no answer");
    CU_ASSERT_EQUAL_FATAL(q->attempt_count, 2);
    CU_ASSERT_EQUAL(q->attempts[1].id, 8);
    CU_ASSERT_EQUAL(q->attempts[1].start_us, 302000);
    CU_ASSERT_EQUAL(q->attempts[1].duration_us, 300001);
    /* Writing what was read gives the same bytes. */
    again = to_json(back, true);
    CU_ASSERT_STRING_EQUAL(again, json);
    free(again);
    free(json);
    /* Compact form loads too. */
    json = to_json(cap, false);
    CU_ASSERT_PTR_NULL(strchr(json, '\n') == json + strlen(json) - 1
                           ? NULL
                           : strchr(json, '\n'));
    tp_capture_free(back);
    back = NULL;
    CU_ASSERT_EQUAL(tp_capture_from_json(json, strlen(json), NULL, &back, &e),
                    TP_OK);
    CU_ASSERT_EQUAL(back != NULL ? back->query_count : 0, 2);
    free(json);
    tp_capture_free(back);
    tp_capture_free(cap);
}

/* A valid minimal document with one query; each malformed case edits it. */
#define HEAD                                                                \
    "{\"trustpath_capture\":1,\"tool\":\"t\",\"start\":\"2026-01-01T00:00:" \
    "00Z\","                                                                \
    "\"end\":\"2026-01-01T00:00:01.5Z\",\"names\":[\"a.\"],\"types\":[\"A\"],"
#define QUERY(server, rest)                                                 \
    "{\"server\":\"" server "\",\"qname\":\"a.\",\"qtype\":\"A\","          \
    "\"qclass\":\"IN\",\"flags\":{\"rd\":false,\"cd\":false,\"edns\":true," \
    "\"do\":true,\"udp_size\":1232},\"transport\":\"udp\",\"start_ms\":1,"  \
    "\"duration_ms\":2.5," rest "}"
#define ATT                                                                    \
    "\"attempts\":[{\"id\":1,\"transport\":\"udp\",\"start_ms\":1,\"duration_" \
    "ms\":2.5,\"outcome\":\"timeout\"}]"
#define OK_QUERY QUERY("192.0.2.1", "\"outcome\":\"timeout\"," ATT)

typedef struct bad_case {
    const char *why;
    const char *json;
    tp_err_t err;
    const char *message;
} bad_case_t;

static const bad_case_t bad_cases[] = {
    {"empty input", "", TP_EFORMAT, "unexpected end of data"},
    {"not JSON", "{\"a\": tru}", TP_EFORMAT, "JSON syntax error"},
    {"trailing garbage", HEAD "\"queries\":[]} x", TP_EFORMAT,
     "JSON syntax error: unexpected character"},
    {"array at top", "[1,2]", TP_EFORMAT, "top level is not a JSON object"},
    {"no version key", "{\"tool\":\"t\"}", TP_EFORMAT,
     "not a trustpath capture"},
    {"version 2", "{\"trustpath_capture\":2}", TP_EUNSUPPORTED,
     "trustpath_capture: unsupported version 2"},
    {"version as string", "{\"trustpath_capture\":\"1\"}", TP_EUNSUPPORTED,
     "unsupported version"},
    {"missing queries", HEAD "\"x\":1}", TP_EFORMAT, "queries: missing"},
    {"bad start time",
     "{\"trustpath_capture\":1,\"tool\":\"t\",\"start\":\"yesterday\"}",
     TP_EFORMAT, "start: not an ISO 8601 UTC time"},
    {"end before start",
     "{\"trustpath_capture\":1,\"tool\":\"t\",\"start\":\"2026-01-02T00:00:"
     "00Z\","
     "\"end\":\"2026-01-01T00:00:00Z\"}",
     TP_EFORMAT, "end: earlier than \"start\""},
    {"names not strings", HEAD "\"queries\":[]}", TP_OK,
     NULL}, /* control: the base document itself is valid */
    {"bad name",
     "{\"trustpath_capture\":1,\"tool\":\"t\",\"start\":\"2026-01-01T00:00:"
     "00Z\","
     "\"end\":\"2026-01-01T00:00:00Z\",\"names\":[\"a..b.\"],\"types\":[]}",
     TP_EFORMAT, "names: entry 0 is not a domain name"},
    {"query not an object", HEAD "\"queries\":[3]}", TP_EFORMAT,
     "queries[0]: expected object, found int"},
    {"bad address",
     HEAD
     "\"queries\":[" QUERY("192.0.2.300", "\"outcome\":\"timeout\"," ATT) "]}",
     TP_EFORMAT, "queries[0].server: \"192.0.2.300\" is not an IPv4 or IPv6"},
    {"unknown type", HEAD "\"queries\":[" OK_QUERY "," OK_QUERY "]}", TP_OK,
     NULL},
    {"unknown outcome",
     HEAD "\"queries\":[" QUERY("192.0.2.1", "\"outcome\":\"lost\"," ATT) "]}",
     TP_EFORMAT, "queries[0].outcome: unknown outcome \"lost\""},
    {"response missing",
     HEAD
     "\"queries\":[" QUERY("192.0.2.1", "\"outcome\":\"response\"," ATT) "]}",
     TP_EFORMAT, "queries[0].response: missing (outcome is \"response\")"},
    {"bad base64",
     HEAD "\"queries\":[" QUERY(
         "192.0.2.1",
         "\"outcome\":\"response\",\"response\":\"q!==\"," ATT) "]}",
     TP_EFORMAT, "queries[0].response: bad base64"},
    {"bytes with a timeout",
     HEAD "\"queries\":[" QUERY(
         "192.0.2.1",
         "\"outcome\":\"timeout\",\"response\":\"AAAA\"," ATT) "]}",
     TP_EFORMAT,
     "queries[0].response: present although the outcome is \"timeout\""},
    {"no attempts",
     HEAD "\"queries\":[" QUERY("192.0.2.1",
                                "\"outcome\":\"timeout\",\"attempts\":[]") "]}",
     TP_EFORMAT, "queries[0].attempts: empty"},
    {"attempt id too big",
     HEAD "\"queries\":[" QUERY(
         "192.0.2.1",
         "\"outcome\":\"timeout\",\"attempts\":[{\"id\":70000}]") "]}",
     TP_EFORMAT, "queries[0].attempts[0].id: 70000 is outside 0..65535"},
    {"negative time",
     HEAD "\"queries\":[{\"server\":\"::1\",\"qname\":\"a.\","
          "\"qtype\":\"A\",\"qclass\":\"IN\",\"flags\":{\"rd\":false,"
          "\"cd\":false,\"edns\":true,\"do\":true,\"udp_size\":1232},"
          "\"transport\":\"udp\",\"start_ms\":-1}]}",
     TP_EFORMAT, "queries[0].start_ms: not a time offset"},
    {"bad transport",
     HEAD "\"queries\":[{\"server\":\"::1\",\"qname\":\"a.\","
          "\"qtype\":\"A\",\"qclass\":\"IN\",\"flags\":{\"rd\":false,"
          "\"cd\":false,\"edns\":true,\"do\":true,\"udp_size\":1232},"
          "\"transport\":\"quic\"}]}",
     TP_EFORMAT, "queries[0].transport: \"quic\" is neither"},
    {"flags incomplete",
     HEAD "\"queries\":[{\"server\":\"::1\",\"qname\":\"a.\","
          "\"qtype\":\"A\",\"qclass\":\"IN\",\"flags\":{\"rd\":1}}]}",
     TP_EFORMAT, "queries[0].flags: incomplete"},
    {"qtype unknown",
     HEAD "\"queries\":[{\"server\":\"::1\",\"qname\":\"a.\","
          "\"qtype\":\"BOGUS\"}]}",
     TP_EFORMAT, "queries[0].qtype: unknown type \"BOGUS\""},
    {"string with NUL", HEAD "\"queries\":[{\"server\":\"::1\\u0000x\"}]}",
     TP_EFORMAT, "queries[0].server: contains a NUL character"},
    {"too deep", "{\"a\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}", TP_ELIMIT,
     "JSON nested deeper than 16"},
};

static void test_malformed_cases(void)
{
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        const bad_case_t *c = &bad_cases[i];
        tp_capture_t *cap = NULL;
        tp_capture_error_t e;
        tp_err_t err =
            tp_capture_from_json(c->json, strlen(c->json), NULL, &cap, &e);

        if (err != c->err ||
            (c->message != NULL && strstr(e.message, c->message) == NULL))
            fprintf(stderr, "\ncase '%s': got %s '%s'\n", c->why,
                    tp_err_name(err), e.message);
        CU_ASSERT_EQUAL(err, c->err);
        if (c->message != NULL)
            CU_ASSERT_PTR_NOT_NULL(strstr(e.message, c->message));
        CU_ASSERT_TRUE((err == TP_OK) == (cap != NULL));
        tp_capture_free(cap);
    }
}

static void test_syntax_error_position(void)
{
    const char *json = "{\n  \"a\": [1, 2,, 3]\n}";
    tp_capture_t *cap = NULL;
    tp_capture_error_t e;

    CU_ASSERT_EQUAL(tp_capture_from_json(json, strlen(json), NULL, &cap, &e),
                    TP_EFORMAT);
    CU_ASSERT_EQUAL(e.line, 2);
    CU_ASSERT_EQUAL(e.column, 14);
    CU_ASSERT_EQUAL(e.offset, 15);
    CU_ASSERT_PTR_NULL(cap);
}

static void test_limits(void)
{
    const char *json = HEAD "\"queries\":[" OK_QUERY "," OK_QUERY "]}";
    tp_capture_limits_t lim;
    tp_capture_t *cap = NULL;
    tp_capture_error_t e;

    tp_capture_limits_default(&lim);
    CU_ASSERT_EQUAL(lim.max_depth, 16);
    CU_ASSERT_EQUAL(tp_capture_from_json(json, strlen(json), &lim, &cap, &e),
                    TP_OK);
    tp_capture_free(cap);
    cap = NULL;
    lim.max_queries = 1;
    CU_ASSERT_EQUAL(tp_capture_from_json(json, strlen(json), &lim, &cap, &e),
                    TP_ELIMIT);
    CU_ASSERT_STRING_EQUAL(e.message, "queries: 2 entries, limit 1");
    tp_capture_limits_default(&lim);
    lim.max_document = 100;
    CU_ASSERT_EQUAL(tp_capture_from_json(json, strlen(json), &lim, &cap, &e),
                    TP_ELIMIT);
    CU_ASSERT_STRING_EQUAL(e.message, "document larger than 100 bytes");
    tp_capture_limits_default(&lim);
    lim.max_response = 2;
    json = HEAD "\"queries\":[" QUERY(
        "192.0.2.1",
        "\"outcome\":\"response\",\"response\":\"AAAAAAAA\"," ATT) "]}";
    CU_ASSERT_EQUAL(tp_capture_from_json(json, strlen(json), &lim, &cap, &e),
                    TP_ELIMIT);
    CU_ASSERT_STRING_EQUAL(e.message,
                           "queries[0].response: longer than 2 bytes");
    CU_ASSERT_PTR_NULL(cap);
    CU_ASSERT_EQUAL(tp_capture_from_json(NULL, 1, NULL, &cap, &e), TP_EINVAL);
}

static void test_outcome_names(void)
{
    tp_outcome_t o;

    for (unsigned i = 0; i < TP_OUTCOME_COUNT; i++) {
        CU_ASSERT_TRUE(
            tp_outcome_from_name(tp_outcome_name((tp_outcome_t)i), &o));
        CU_ASSERT_EQUAL(o, (tp_outcome_t)i);
    }
    CU_ASSERT_STRING_EQUAL(tp_outcome_name(TP_OUTCOME_CONN_REFUSED),
                           "connection-refused");
    CU_ASSERT_STRING_EQUAL(tp_outcome_name(TP_OUTCOME_COUNT), "?");
    CU_ASSERT_FALSE(tp_outcome_from_name("Timeout", &o));
    CU_ASSERT_STRING_EQUAL(tp_transport_name(TP_TRANSPORT_TCP), "tcp");
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("capture", NULL, NULL);
    if (s == NULL ||
        !CU_add_test(s, "capture: JSON round trip is exact", test_round_trip) ||
        !CU_add_test(s,
                     "capture: malformed documents are rejected with "
                     "their path",
                     test_malformed_cases) ||
        !CU_add_test(s, "capture: syntax error line and column",
                     test_syntax_error_position) ||
        !CU_add_test(s, "capture: limits", test_limits) ||
        !CU_add_test(s, "capture: outcome names", test_outcome_names))
        return -1;
    return 0;
}
