/* capture: DNSViz probe files -> capture. Real files made with Debian's
 * dnsviz 0.9.4 against the testbed (tests/data/dnsviz/README.md), a
 * hand-written file covering the retry ladder, stubs and probes, a 1.0
 * file, and malformed documents, each with its exact error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/dnsviz.h"
#include "trustpath/inflate.h"
#include "trustpath/text.h"
#include "trustpath/wire.h"

/* 2026-11-22 00:50:09 UTC and friends, in Unix milliseconds. */
#define T_SECURE   INT64_C(1795308609000)
#define T_MISMATCH INT64_C(1795308618000)
#define T_REFUSED  INT64_C(1795308638000)
#define T_HAND     INT64_C(1795168809000) /* 2026-11-20 10:00:09 */
#define T_LEGACY   INT64_C(1433160030000) /* 2015-06-01 12:00:30 */

typedef struct loaded {
    tp_capture_t *cap;
    tp_dnsviz_info_t info;
    tp_capture_error_t err;
} loaded_t;

static tp_err_t load(const char *rel, loaded_t *l)
{
    size_t len;
    char *text = tp_test_read_file(rel, &len);
    tp_err_t err;

    memset(l, 0, sizeof(*l));
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_TRUE(tp_dnsviz_detect(text, len));
    err = tp_capture_from_dnsviz(text, len, NULL, &l->cap, &l->info, &l->err);
    free(text);
    return err;
}

static const uint8_t *wire(const char *text)
{
    static uint8_t buf[4][TP_NAME_MAX];
    static unsigned next;
    uint8_t *out = buf[next++ % 4];
    size_t len;

    if (tp_name_from_text(text, strlen(text), NULL, out, &len) != TP_OK)
        return NULL;
    return out;
}

/* Capture queries whose zone is `zone` (NULL: no zone) and, if given,
 * whose purpose is `purpose`. */
static size_t count(const tp_capture_t *cap, const char *zone,
                    const char *purpose)
{
    size_t n = 0;

    for (size_t i = 0; i < cap->query_count; i++) {
        const tp_capture_query_t *q = &cap->queries[i];
        bool zone_ok = zone == NULL ? q->zone == NULL
                                    : q->zone != NULL &&
                                          tp_name_equal(q->zone, wire(zone));
        if (zone_ok && (purpose == NULL ||
                        (q->purpose && strcmp(q->purpose, purpose) == 0)))
            n++;
    }
    return n;
}

static size_t count_outcome(const tp_capture_t *cap, tp_outcome_t o)
{
    size_t n = 0;

    for (size_t i = 0; i < cap->query_count; i++)
        n += cap->queries[i].outcome == o;
    return n;
}

/* ---- Real files from the testbed ----------------------------------------
 */

static void check_chain(const loaded_t *l, const char *child, const char *asked,
                        int64_t ref)
{
    const tp_dnsviz_info_t *in = &l->info;
    const tp_dnsviz_name_t *n;

    CU_ASSERT_EQUAL(in->version_major, 1);
    CU_ASSERT_EQUAL(in->version_minor, 2);
    CU_ASSERT_EQUAL(in->mode, TP_DNSVIZ_AUTHORITATIVE);
    CU_ASSERT_FALSE(in->mixed_modes);
    CU_ASSERT_EQUAL(in->reference_time_ms, ref);
    CU_ASSERT_EQUAL(in->name_count, 4);
    CU_ASSERT_EQUAL(in->stub_count, 0);
    CU_ASSERT_EQUAL(in->query_count, 15);
    CU_ASSERT_EQUAL(in->response_count, 15);
    CU_ASSERT_EQUAL(in->error_count, 0);
    CU_ASSERT_EQUAL(in->retry_count, 0);
    CU_ASSERT_EQUAL_FATAL(l->cap->query_count, 15);
    CU_ASSERT_EQUAL(count_outcome(l->cap, TP_OUTCOME_RESPONSE), 15);
    /* Root: SOA, DNSKEY x2 + the tp. referral and tp. DS. */
    CU_ASSERT_EQUAL(count(l->cap, ".", NULL), 5);
    CU_ASSERT_EQUAL(count(l->cap, ".", "ds"), 1);
    CU_ASSERT_EQUAL(count(l->cap, ".", "referral"), 1);
    CU_ASSERT_EQUAL(count(l->cap, "tp.", NULL), 5);
    CU_ASSERT_EQUAL(count(l->cap, "tp.", "ds"), 1);
    CU_ASSERT_EQUAL(count(l->cap, "tp.", "referral"), 1);
    CU_ASSERT_EQUAL(count(l->cap, "tp.", "dnskey"), 2);
    CU_ASSERT_EQUAL(count(l->cap, child, NULL), 5);
    CU_ASSERT_EQUAL(count(l->cap, child, "ns"), 1);
    CU_ASSERT_EQUAL(count(l->cap, child, "answer"), 2);
    CU_ASSERT_EQUAL(count(l->cap, NULL, NULL), 0);
    CU_ASSERT_EQUAL_FATAL(l->cap->name_count, 1);
    CU_ASSERT_TRUE(tp_name_equal(l->cap->names[0], wire(asked)));
    CU_ASSERT_EQUAL_FATAL(l->cap->type_count, 2);
    CU_ASSERT_EQUAL(l->cap->types[0], TP_TYPE_A);
    CU_ASSERT_EQUAL(l->cap->types[1], TP_TYPE_AAAA);
    CU_ASSERT_EQUAL(l->cap->end_time_ms, ref);
    n = tp_dnsviz_find_name(in, wire(child));
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    CU_ASSERT_TRUE(n->zone);
    CU_ASSERT_FALSE(n->requested);
    CU_ASSERT_EQUAL(n->server_count, 1);
    CU_ASSERT_EQUAL(n->response_count, 5);
    n = tp_dnsviz_find_name(in, wire(asked));
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    CU_ASSERT_FALSE(n->zone);
    CU_ASSERT_TRUE(n->requested);
    n = tp_dnsviz_find_name(in, wire("."));
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    CU_ASSERT_TRUE(n->explicit_delegation); /* -x .:... */
    CU_ASSERT_PTR_NULL(n->parent);
}

static void test_real_secure(void)
{
    loaded_t l;

    CU_ASSERT_EQUAL_FATAL(load("dnsviz/secure-alg13.json", &l), TP_OK);
    check_chain(&l, "secure-alg13.tp.", "www.secure-alg13.tp.", T_SECURE);
    CU_ASSERT_FALSE(l.info.gzip);
    /* The first response: the root SOA from a.root-servers.tp. */
    const tp_capture_query_t *q = &l.cap->queries[0];
    CU_ASSERT_STRING_EQUAL(q->server, "127.53.0.1");
    CU_ASSERT_TRUE(tp_name_equal(q->server_name, wire("a.root-servers.tp.")));
    CU_ASSERT_EQUAL(q->qtype, TP_TYPE_SOA);
    CU_ASSERT_STRING_EQUAL(q->purpose, "soa");
    CU_ASSERT_TRUE(q->flags.edns && q->flags.do_bit && !q->flags.rd);
    CU_ASSERT_EQUAL(q->flags.udp_size, 4096);
    CU_ASSERT_EQUAL(q->attempt_count, 1);
    CU_ASSERT_TRUE(q->response.len > 12);
    /* DNSKEY asked twice per server: 4096 and 512 bytes. */
    CU_ASSERT_EQUAL(l.cap->queries[2].flags.udp_size, 512);
    tp_capture_free(l.cap);
}

static void test_real_gzip_equals_plain(void)
{
    loaded_t a, b;
    tp_buf_t ja, jb;

    CU_ASSERT_EQUAL_FATAL(load("dnsviz/secure-alg13.json", &a), TP_OK);
    CU_ASSERT_EQUAL_FATAL(load("dnsviz/secure-alg13.json.gz", &b), TP_OK);
    CU_ASSERT_TRUE(b.info.gzip);
    check_chain(&b, "secure-alg13.tp.", "www.secure-alg13.tp.", T_SECURE);
    tp_buf_init(&ja, 1 << 20);
    tp_buf_init(&jb, 1 << 20);
    CU_ASSERT_EQUAL(tp_capture_to_json(a.cap, false, &ja), TP_OK);
    CU_ASSERT_EQUAL(tp_capture_to_json(b.cap, false, &jb), TP_OK);
    CU_ASSERT_EQUAL(ja.len, jb.len);
    CU_ASSERT_STRING_EQUAL(tp_buf_str(&ja), tp_buf_str(&jb));
    tp_buf_clear(&ja);
    tp_buf_clear(&jb);
    tp_capture_free(a.cap);
    tp_capture_free(b.cap);
}

static void test_real_bogus_insecure_nsec3(void)
{
    loaded_t l;

    CU_ASSERT_EQUAL_FATAL(load("dnsviz/ds-mismatch.json", &l), TP_OK);
    check_chain(&l, "ds-mismatch.tp.", "www.ds-mismatch.tp.", T_MISMATCH);
    tp_capture_free(l.cap);
    CU_ASSERT_EQUAL_FATAL(load("dnsviz/insecure.json", &l), TP_OK);
    check_chain(&l, "insecure.tp.", "www.insecure.tp.", INT64_C(1795308621000));
    tp_capture_free(l.cap);
    CU_ASSERT_EQUAL_FATAL(load("dnsviz/nsec3-iter10.json", &l), TP_OK);
    check_chain(&l, "nsec3-iter10.tp.", "www.nsec3-iter10.tp.",
                INT64_C(1795308626000));
    tp_capture_free(l.cap);
}

/* Made while the testbed was stopping: the root refused everything. */
static void test_real_refused(void)
{
    loaded_t l;

    CU_ASSERT_EQUAL_FATAL(load("dnsviz/root-refused.json", &l), TP_OK);
    CU_ASSERT_EQUAL(l.info.name_count, 2);
    CU_ASSERT_EQUAL(l.info.query_count, 4);
    CU_ASSERT_EQUAL(l.info.response_count, 4);
    CU_ASSERT_EQUAL(l.info.error_count, 4);
    CU_ASSERT_EQUAL(l.info.retry_count, 8);
    CU_ASSERT_EQUAL(l.info.reference_time_ms, T_REFUSED);
    CU_ASSERT_EQUAL(count_outcome(l.cap, TP_OUTCOME_CONN_REFUSED), 4);
    /* www.unreachable.tp. is not a zone here: its A query was asked of
     * the root's server. */
    CU_ASSERT_EQUAL(count(l.cap, ".", NULL), 4);
    for (size_t i = 0; i < l.cap->query_count; i++) {
        const tp_capture_query_t *q = &l.cap->queries[i];
        CU_ASSERT_EQUAL(q->attempt_count, 3);
        CU_ASSERT_EQUAL(q->attempts[0].outcome, TP_OUTCOME_CONN_REFUSED);
        CU_ASSERT_EQUAL(q->response.len, 0);
        CU_ASSERT_STRING_EQUAL(q->detail, "DNSViz: NETWORK_ERROR ECONNREFUSED");
    }
    tp_capture_free(l.cap);
}

/* ns2 of lame.tp. answers REFUSED: a response like any other. */
static void test_real_lame(void)
{
    loaded_t l;
    const tp_dnsviz_name_t *n;

    CU_ASSERT_EQUAL_FATAL(load("dnsviz/lame.json", &l), TP_OK);
    CU_ASSERT_EQUAL(l.info.query_count, 15);
    CU_ASSERT_EQUAL(l.info.response_count, 20);
    CU_ASSERT_EQUAL(count_outcome(l.cap, TP_OUTCOME_RESPONSE), 20);
    CU_ASSERT_EQUAL(count(l.cap, "lame.tp.", NULL), 10);
    n = tp_dnsviz_find_name(&l.info, wire("lame.tp."));
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    CU_ASSERT_EQUAL(n->server_count, 2);
    CU_ASSERT_EQUAL(n->response_count, 8);
    for (size_t i = 0; i < l.cap->query_count; i++) {
        const tp_capture_query_t *q = &l.cap->queries[i];
        if (strcmp(q->server, "127.53.2.1") == 0) {
            CU_ASSERT_TRUE(tp_name_equal(q->server_name, wire("ns2.lame.tp.")));
            CU_ASSERT_TRUE(tp_name_equal(q->zone, wire("lame.tp.")));
            CU_ASSERT_EQUAL(q->response.data[3] & 0x0f, 5); /* REFUSED */
        }
    }
    tp_capture_free(l.cap);
}

/* Recursive mode: one resolver, listed by DNSViz under a placeholder NS
 * name; SERVFAIL (bogus data) made DNSViz ask again with CD=1. */
static void test_real_recursive(void)
{
    loaded_t l;
    size_t cd = 0;

    CU_ASSERT_EQUAL_FATAL(load("dnsviz/recursive-ds-mismatch.json", &l), TP_OK);
    CU_ASSERT_EQUAL(l.info.mode, TP_DNSVIZ_RECURSIVE);
    CU_ASSERT_FALSE(l.info.mixed_modes);
    CU_ASSERT_EQUAL(l.info.name_count, 4);
    CU_ASSERT_EQUAL(l.info.query_count, 13);
    CU_ASSERT_EQUAL(l.info.response_count, 13);
    CU_ASSERT_EQUAL(l.info.retry_count, 5);
    CU_ASSERT_EQUAL(l.info.reference_time_ms, INT64_C(1795309090000));
    CU_ASSERT_EQUAL(count(l.cap, ".", NULL), 4);
    CU_ASSERT_EQUAL(count(l.cap, ".", "ds"), 1); /* tp. DS */
    CU_ASSERT_EQUAL(count(l.cap, "tp.", NULL), 4);
    CU_ASSERT_EQUAL(count(l.cap, "ds-mismatch.tp.", NULL), 5);
    CU_ASSERT_EQUAL(count(l.cap, "ds-mismatch.tp.", "answer"), 2);
    for (size_t i = 0; i < l.cap->query_count; i++) {
        const tp_capture_query_t *q = &l.cap->queries[i];
        CU_ASSERT_STRING_EQUAL(q->server, "127.53.53.53");
        CU_ASSERT_PTR_NULL(q->server_name);
        CU_ASSERT_TRUE(q->flags.rd);
        if (q->attempt_count == 2) {
            CU_ASSERT_TRUE(q->flags.cd);
            cd++;
        }
    }
    CU_ASSERT_EQUAL(cd, 5);
    tp_capture_free(l.cap);
}

/* Without -a ., DNSViz analyses the zone and writes its parent as a stub:
 * the DS and referral queries still name the stub's server. */
static void test_real_stub(void)
{
    loaded_t l;
    const tp_dnsviz_name_t *n;

    CU_ASSERT_EQUAL_FATAL(load("dnsviz/stub-secure-alg13.json", &l), TP_OK);
    CU_ASSERT_EQUAL(l.info.name_count, 3);
    CU_ASSERT_EQUAL(l.info.stub_count, 1);
    CU_ASSERT_EQUAL(l.info.response_count, 7);
    n = tp_dnsviz_find_name(&l.info, wire("tp."));
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    CU_ASSERT_TRUE(n->stub);
    CU_ASSERT_EQUAL(n->query_count, 0);
    CU_ASSERT_EQUAL(n->server_count, 1);
    CU_ASSERT_PTR_NULL(tp_dnsviz_find_name(&l.info, wire(".")));
    CU_ASSERT_EQUAL(count(l.cap, "tp.", NULL), 2);
    CU_ASSERT_EQUAL(count(l.cap, "tp.", "ds"), 1);
    CU_ASSERT_EQUAL(count(l.cap, "tp.", "referral"), 1);
    CU_ASSERT_EQUAL(count(l.cap, "secure-alg13.tp.", NULL), 5);
    tp_capture_free(l.cap);
}

/* ---- Hand-written files --------------------------------------------------
 */

static void test_handmade(void)
{
    loaded_t l;
    const tp_capture_query_t *q;
    const tp_dnsviz_name_t *n;

    CU_ASSERT_EQUAL_FATAL(load("dnsviz/handmade-1.2.json", &l), TP_OK);
    CU_ASSERT_EQUAL(l.info.name_count, 3);
    CU_ASSERT_EQUAL(l.info.stub_count, 1);
    CU_ASSERT_EQUAL(l.info.query_count, 8);
    CU_ASSERT_EQUAL(l.info.response_count, 11);
    CU_ASSERT_EQUAL(l.info.error_count, 3);
    CU_ASSERT_EQUAL(l.info.retry_count, 5);
    CU_ASSERT_EQUAL(l.info.reference_time_ms, T_HAND);
    CU_ASSERT_EQUAL(l.cap->start_time_ms, T_HAND - 9000);
    CU_ASSERT_STRING_EQUAL(l.cap->tool, "dnsviz probe (format 1.2)");
    CU_ASSERT_EQUAL_FATAL(l.cap->query_count, 11);
    /* Stub: recorded, with its servers, no queries. */
    n = tp_dnsviz_find_name(&l.info, wire("TEST."));
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    CU_ASSERT_TRUE(n->stub);
    CU_ASSERT_TRUE(n->zone);
    CU_ASSERT_EQUAL(n->query_count, 0);
    CU_ASSERT_EQUAL_FATAL(n->server_count, 1);
    CU_ASSERT_STRING_EQUAL(n->servers[0].address, "192.0.2.53");
    /* Zones: DS and the referral went to the stub parent's server. */
    CU_ASSERT_EQUAL(count(l.cap, "test.", NULL), 2);
    CU_ASSERT_EQUAL(count(l.cap, "test.", "ds"), 1);
    CU_ASSERT_EQUAL(count(l.cap, "test.", "referral"), 1);
    CU_ASSERT_EQUAL(count(l.cap, "example.test.", NULL), 9);
    CU_ASSERT_EQUAL(count(l.cap, "example.test.", "nxdomain-probe"), 1);
    CU_ASSERT_EQUAL(count(l.cap, "example.test.", "nodata-probe"), 1);
    CU_ASSERT_EQUAL(count(l.cap, "example.test.", "answer"), 3);
    /* SOA to ns2: two timeouts, the second changing the payload to 512. */
    q = &l.cap->queries[1];
    CU_ASSERT_STRING_EQUAL(q->server, "192.0.2.2");
    CU_ASSERT_TRUE(tp_name_equal(q->server_name, wire("ns2.example.test.")));
    CU_ASSERT_EQUAL(q->outcome, TP_OUTCOME_TIMEOUT);
    CU_ASSERT_STRING_EQUAL(q->detail, "DNSViz: TIMEOUT");
    CU_ASSERT_EQUAL(q->flags.udp_size, 512);
    CU_ASSERT_EQUAL_FATAL(q->attempt_count, 3);
    CU_ASSERT_EQUAL(q->start_us, 2000000); /* analysis_start + 2 s */
    CU_ASSERT_EQUAL(q->attempts[1].start_us, 3000000);
    CU_ASSERT_EQUAL(q->attempts[2].start_us, 4000000);
    CU_ASSERT_EQUAL(q->attempts[2].duration_us, 2000000);
    CU_ASSERT_EQUAL(q->duration_us, 4000000);
    /* Over IPv6: network unreachable, no retry. */
    q = &l.cap->queries[2];
    CU_ASSERT_STRING_EQUAL(q->server, "2001:db8::2");
    CU_ASSERT_EQUAL(q->outcome, TP_OUTCOME_NET_UNREACHABLE);
    CU_ASSERT_STRING_EQUAL(q->detail, "DNSViz: NETWORK_ERROR ENETUNREACH");
    CU_ASSERT_EQUAL(q->attempt_count, 1);
    /* www A: TC over UDP, then the answer over TCP (ID from the answer). */
    q = &l.cap->queries[8];
    CU_ASSERT_EQUAL(q->qtype, TP_TYPE_A);
    CU_ASSERT_EQUAL(q->transport, TP_TRANSPORT_TCP);
    CU_ASSERT_EQUAL(q->outcome, TP_OUTCOME_RESPONSE);
    CU_ASSERT_EQUAL_FATAL(q->attempt_count, 2);
    CU_ASSERT_EQUAL(q->attempts[0].transport, TP_TRANSPORT_UDP);
    CU_ASSERT_EQUAL(q->attempts[0].outcome, TP_OUTCOME_TRUNCATED);
    CU_ASSERT_EQUAL(q->attempts[1].transport, TP_TRANSPORT_TCP);
    CU_ASSERT_EQUAL(q->attempts[1].id, 0x1234);
    CU_ASSERT_EQUAL(q->response.len, 50);
    /* The 512-byte probe kept its TC answer. */
    q = &l.cap->queries[9];
    CU_ASSERT_EQUAL(q->outcome, TP_OUTCOME_TRUNCATED);
    CU_ASSERT_EQUAL(q->transport, TP_TRANSPORT_UDP);
    CU_ASSERT_EQUAL(q->response.len, 34);
    /* AAAA: FORMERR -> EDNS off; SERVFAIL -> CD on; then FORMERR. */
    q = &l.cap->queries[10];
    CU_ASSERT_EQUAL(q->outcome, TP_OUTCOME_MALFORMED);
    CU_ASSERT_FALSE(q->flags.edns);
    CU_ASSERT_FALSE(q->flags.do_bit);
    CU_ASSERT_EQUAL(q->flags.udp_size, 0);
    CU_ASSERT_TRUE(q->flags.cd);
    CU_ASSERT_EQUAL_FATAL(q->attempt_count, 3);
    CU_ASSERT_EQUAL(q->attempts[0].outcome, TP_OUTCOME_MALFORMED);
    CU_ASSERT_EQUAL(q->attempts[1].outcome, TP_OUTCOME_RESPONSE);
    CU_ASSERT_EQUAL(q->duration_us, 10000);
    /* Requested name and its types. */
    CU_ASSERT_EQUAL_FATAL(l.cap->name_count, 1);
    CU_ASSERT_TRUE(tp_name_equal(l.cap->names[0], wire("www.example.test.")));
    CU_ASSERT_EQUAL_FATAL(l.cap->type_count, 2);
    CU_ASSERT_EQUAL(l.cap->types[0], TP_TYPE_A);
    CU_ASSERT_EQUAL(l.cap->types[1], TP_TYPE_AAAA);
    tp_capture_free(l.cap);
}

static void test_legacy_1_0(void)
{
    loaded_t l;
    const tp_capture_query_t *q;

    CU_ASSERT_EQUAL_FATAL(load("dnsviz/legacy-1.0.json", &l), TP_OK);
    CU_ASSERT_EQUAL(l.info.version_major, 1);
    CU_ASSERT_EQUAL(l.info.version_minor, 0);
    CU_ASSERT_EQUAL(l.info.reference_time_ms, T_LEGACY);
    CU_ASSERT_EQUAL_FATAL(l.cap->query_count, 2);
    q = &l.cap->queries[0];
    CU_ASSERT_EQUAL(q->outcome, TP_OUTCOME_CONN_REFUSED); /* errno 111 */
    CU_ASSERT_STRING_EQUAL(q->detail, "DNSViz: NETWORK_ERROR ECONNREFUSED");
    CU_ASSERT_EQUAL_FATAL(q->attempt_count, 2);
    CU_ASSERT_EQUAL(q->attempts[0].duration_us, 500000); /* 0.5 s */
    CU_ASSERT_EQUAL(q->attempts[0].outcome, TP_OUTCOME_CONN_REFUSED);
    CU_ASSERT_TRUE(q->flags.rd);
    CU_ASSERT_FALSE(q->flags.edns);
    CU_ASSERT_EQUAL(q->transport, TP_TRANSPORT_UDP); /* no "tcp" key */
    /* No "names" list: the analysed name that is nobody's parent. */
    CU_ASSERT_EQUAL_FATAL(l.cap->name_count, 1);
    CU_ASSERT_TRUE(tp_name_equal(l.cap->names[0], wire("example.test.")));
    tp_capture_free(l.cap);
}

/* ---- Malformed documents -------------------------------------------------
 */

#define META "\"_meta._dnsviz.\":{\"version\":1.2}"
#define TIMES                                   \
    "\"analysis_start\":\"2020-01-01 00:00:00 " \
    "UTC\",\"analysis_end\":\"2020-01-01 00:00:01 UTC\""
#define HEAD "{\"a.\":{\"type\":\"authoritative\",\"stub\":false," TIMES ","
#define RESP_OK                                                                \
    "{\"message\":null,\"error\":\"TIMEOUT\",\"time_elapsed\":1,\"history\":[" \
    "]}"
#define Q(opts, resp)                                                       \
    "{\"qname\":\"a.\",\"qclass\":\"IN\",\"qtype\":\"A\",\"options\":" opts \
    ",\"responses\":{\"192.0.2.1\":{\"192.0.2.2\":" resp "}}}"
#define DOC(queries) HEAD "\"queries\":[" queries "]}," META "}"
#define DOC_R(resp)  DOC(Q("{\"flags\":0}", resp))
#define PATH_R       "[\"a.\"].queries[0].responses[\"192.0.2.1\"][\"192.0.2.2\"]"

typedef struct bad {
    const char *doc;
    tp_err_t err;
    const char *message;
} bad_t;

static const bad_t bad_docs[] = {
    {"", TP_EFORMAT, "JSON syntax error: unexpected end of data"},
    {"{\"a\":", TP_EFORMAT, "JSON syntax error: unexpected end of data"},
    {"[1]", TP_EFORMAT, "top level is not a JSON object"},
    {"{} x", TP_EFORMAT, "JSON syntax error: unexpected character"},
    {"{}", TP_EFORMAT, "not a DNSViz probe file (no \"_meta._dnsviz.\" key)"},
    {"{\"_meta._dnsviz.\":[]}", TP_EFORMAT,
     "[\"_meta._dnsviz.\"]: expected object, found array"},
    {"{\"_meta._dnsviz.\":{}}", TP_EFORMAT,
     "[\"_meta._dnsviz.\"].version: missing"},
    {"{\"_meta._dnsviz.\":{\"version\":2.0}}", TP_EUNSUPPORTED,
     "[\"_meta._dnsviz.\"].version: unsupported DNSViz probe format 2.0 "
     "(this build reads 1.0 to 1.2)"},
    {"{\"_meta._dnsviz.\":{\"version\":1.3}}", TP_EUNSUPPORTED,
     "[\"_meta._dnsviz.\"].version: unsupported DNSViz probe format 1.3 "
     "(this build reads 1.0 to 1.2)"},
    {"{\"_meta._dnsviz.\":{\"version\":\"x\"}}", TP_EFORMAT,
     "[\"_meta._dnsviz.\"].version: not a version: x"},
    {"{\"_meta._dnsviz.\":{\"version\":true}}", TP_EFORMAT,
     "[\"_meta._dnsviz.\"].version: expected number, found boolean"},
    {"{\"a.\":{}," META "}", TP_EFORMAT, "[\"a.\"].type: missing"},
    {"{\"a.\":[]," META "}", TP_EFORMAT,
     "[\"a.\"]: expected object, found array"},
    {"{\"a..b\":{}," META "}", TP_EFORMAT,
     "[\"a..b\"]: \"a..b\" is not a domain name"},
    {"{\"a.\":{\"type\":\"magic\"}," META "}", TP_EFORMAT,
     "[\"a.\"].type: \"magic\" is not authoritative, recursive or cache"},
    {"{\"a.\":{\"type\":\"recursive\",\"stub\":1}," META "}", TP_EFORMAT,
     "[\"a.\"].stub: expected boolean, found int"},
    {"{\"a.\":{\"type\":\"cache\",\"stub\":true,\"analysis_start\":"
     "\"2020-01-01T00:00:00Z\"}," META "}",
     TP_EFORMAT,
     "[\"a.\"].analysis_start: \"2020-01-01T00:00:00Z\" is not a time "
     "\"YYYY-MM-DD HH:MM:SS UTC\""},
    {HEAD "\"parent\":\"b.\",\"queries\":[]}," META "}", TP_EFORMAT,
     "[\"a.\"].parent: names no other entry"},
    {HEAD "\"auth_ns_ip_mapping\":{\"ns.a.\":[\"300.1.1.1\"]}}," META "}",
     TP_EFORMAT,
     "[\"a.\"].auth_ns_ip_mapping: \"ns.a.\"[0]: not an IP address"},
    {HEAD "\"x\":0}," META "}", TP_EFORMAT,
     "[\"a.\"].queries: missing (not a stub)"},
    {HEAD "\"queries\":[]},\"A.\":{\"type\":\"cache\",\"stub\":true," TIMES
          "}," META "}",
     TP_EFORMAT, "[\"A.\"]: the name appears twice"},
    {DOC("1"), TP_EFORMAT, "[\"a.\"].queries[0]: expected object, found int"},
    {DOC("{\"qname\":\"a.\",\"qclass\":\"IN\",\"qtype\":\"A\"}"), TP_EFORMAT,
     "[\"a.\"].queries[0].options: missing"},
    {DOC("{\"qname\":\"a.\",\"qclass\":\"IN\",\"qtype\":\"NOPE\"}"), TP_EFORMAT,
     "[\"a.\"].queries[0].qtype: unknown type \"NOPE\""},
    {DOC(Q("{\"flags\":70000}", RESP_OK)), TP_EFORMAT,
     "[\"a.\"].queries[0].options.flags: 70000 is outside 0..65535"},
    {DOC(Q("{\"flags\":0,\"edns_version\":0}", RESP_OK)), TP_EFORMAT,
     "[\"a.\"].queries[0].options.edns_max_udp_payload: missing"},
    {DOC("{\"qname\":\"a.\",\"qclass\":\"IN\",\"qtype\":\"A\",\"options\":"
         "{\"flags\":0},\"responses\":{\"nowhere\":{}}}"),
     TP_EFORMAT,
     "[\"a.\"].queries[0].responses[\"nowhere\"]: not an IP address"},
    {DOC_R("{\"message\":null,\"time_elapsed\":1}"), TP_EFORMAT,
     PATH_R ".error: missing"},
    {DOC_R("{\"error\":\"TIMEOUT\",\"time_elapsed\":1}"), TP_EFORMAT,
     PATH_R ".message: missing"},
    {DOC_R("{\"message\":null,\"error\":\"OOPS\",\"time_elapsed\":1}"),
     TP_EFORMAT, PATH_R ".error: unknown error \"OOPS\""},
    {DOC_R("{\"message\":\"!!!!\",\"time_elapsed\":1}"), TP_EFORMAT,
     PATH_R ".message: bad base64"},
    {DOC_R("{\"message\":\"AAAA\",\"time_elapsed\":1}"), TP_EFORMAT,
     PATH_R ".message: shorter than a DNS header"},
    {DOC_R("{\"message\":null,\"error\":\"TIMEOUT\"}"), TP_EFORMAT,
     PATH_R ".time_elapsed: missing"},
    {DOC_R("{\"message\":null,\"error\":\"TIMEOUT\",\"time_elapsed\":-1}"),
     TP_EFORMAT, PATH_R ".time_elapsed: not a duration in 0..1e7 ms"},
    {"{\"a.\":{\"type\":\"cache\",\"stub\":true,\"analysis_start\":"
     "\"1999-01-01 00:00:00 UTC\",\"analysis_end\":\"2020-01-01 00:00:00 "
     "UTC\"}," META "}",
     TP_EFORMAT, "the analysis times span more than 30 days"},
    {DOC_R("{\"message\":null,\"error\":\"TIMEOUT\",\"time_elapsed\":1,"
           "\"history\":[{\"time_elapsed\":1,\"cause\":\"FOO\",\"action\":"
           "\"NO_CHANGE\"}]}"),
     TP_EFORMAT, PATH_R ".history[0].cause: unknown cause \"FOO\""},
    {DOC_R("{\"message\":null,\"error\":\"TIMEOUT\",\"time_elapsed\":1,"
           "\"history\":[{\"time_elapsed\":1,\"cause\":\"TIMEOUT\","
           "\"action\":\"SET_FLAG\"}]}"),
     TP_EFORMAT, PATH_R ".history[0].action_arg: missing"},
    {DOC_R("{\"message\":null,\"error\":\"TIMEOUT\",\"time_elapsed\":1,"
           "\"history\":[{\"time_elapsed\":1,\"cause\":\"TIMEOUT\","
           "\"action\":\"DANCE\",\"action_arg\":1}]}"),
     TP_EFORMAT, PATH_R ".history[0].action: unknown action \"DANCE\""},
    {HEAD "\"queries\":[]},\"_meta._dnsviz.\":{\"version\":1.2,\"names\":"
          "[\"b.\"]}}",
     TP_EFORMAT, "[\"_meta._dnsviz.\"].names: \"b.\" has no entry"},
};

static void test_malformed_rows(void)
{
    for (size_t i = 0; i < sizeof(bad_docs) / sizeof(bad_docs[0]); i++) {
        const bad_t *b = &bad_docs[i];
        tp_capture_t *cap = NULL;
        tp_capture_error_t e;
        tp_err_t err = tp_capture_from_dnsviz(b->doc, strlen(b->doc), NULL,
                                              &cap, NULL, &e);
        if (err != b->err || strcmp(e.message, b->message) != 0)
            fprintf(stderr, "\nrow %zu: got %s \"%s\"\n", i, tp_err_name(err),
                    e.message);
        CU_ASSERT_EQUAL(err, b->err);
        CU_ASSERT_STRING_EQUAL(e.message, b->message);
        CU_ASSERT_PTR_NULL(cap);
    }
}

static void test_syntax_error_position(void)
{
    const char doc[] = "{\n  \"_meta._dnsviz.\": {\"version\": 1.2,}\n}";
    tp_capture_t *cap = NULL;
    tp_capture_error_t e;

    CU_ASSERT_EQUAL(
        tp_capture_from_dnsviz(doc, strlen(doc), NULL, &cap, NULL, &e),
        TP_EFORMAT);
    CU_ASSERT_EQUAL(e.line, 2);
    CU_ASSERT_TRUE(e.column > 30);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "JSON syntax error"));
}

static void test_limits(void)
{
    size_t len;
    char *text = tp_test_read_file("dnsviz/handmade-1.2.json", &len);
    tp_capture_limits_t lim;
    tp_capture_t *cap = NULL;
    tp_capture_error_t e;

    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    tp_capture_limits_default(&lim);
    lim.max_queries = 10;
    CU_ASSERT_EQUAL(tp_capture_from_dnsviz(text, len, &lim, &cap, NULL, &e),
                    TP_ELIMIT);
    CU_ASSERT_STRING_EQUAL(e.message,
                           "[\"www.example.test.\"].queries[2].responses["
                           "\"192.0.2.2\"][\"192.0.2.100\"]: more than 10 "
                           "responses");
    tp_capture_limits_default(&lim);
    lim.max_attempts = 2;
    CU_ASSERT_EQUAL(tp_capture_from_dnsviz(text, len, &lim, &cap, NULL, &e),
                    TP_ELIMIT);
    CU_ASSERT_STRING_EQUAL(e.message,
                           "[\"example.test.\"].queries[0].responses["
                           "\"192.0.2.2\"][\"192.0.2.100\"].history: 2 "
                           "retries, limit 1");
    tp_capture_limits_default(&lim);
    lim.max_names = 2;
    CU_ASSERT_EQUAL(tp_capture_from_dnsviz(text, len, &lim, &cap, NULL, &e),
                    TP_ELIMIT);
    CU_ASSERT_STRING_EQUAL(e.message, "3 names, limit 2");
    tp_capture_limits_default(&lim);
    lim.max_document = 100;
    CU_ASSERT_EQUAL(tp_capture_from_dnsviz(text, len, &lim, &cap, NULL, &e),
                    TP_ELIMIT);
    CU_ASSERT_STRING_EQUAL(e.message, "document larger than 100 bytes");
    tp_capture_limits_default(&lim);
    lim.max_depth = 6;
    CU_ASSERT_EQUAL(tp_capture_from_dnsviz(text, len, &lim, &cap, NULL, &e),
                    TP_ELIMIT);
    CU_ASSERT_STRING_EQUAL(e.message, "JSON nested deeper than 6");
    CU_ASSERT_PTR_NULL(cap);
    free(text);
}

static void test_gzip_errors(void)
{
    size_t len;
    char *gz = tp_test_read_file("dnsviz/secure-alg13.json.gz", &len);
    tp_capture_limits_t lim;
    tp_capture_t *cap = NULL;
    tp_capture_error_t e;

    CU_ASSERT_PTR_NOT_NULL_FATAL(gz);
    /* The inflated document is bounded by max_document too. */
    tp_capture_limits_default(&lim);
    lim.max_document = 4096;
    CU_ASSERT_EQUAL(tp_capture_from_dnsviz(gz, len, &lim, &cap, NULL, &e),
                    TP_ELIMIT);
    CU_ASSERT_STRING_EQUAL(e.message,
                           "gzip: the document inflates to more than 4096 "
                           "bytes");
    gz[len - 8] ^= 1; /* CRC32 */
    CU_ASSERT_EQUAL(tp_capture_from_dnsviz(gz, len, NULL, &cap, NULL, &e),
                    TP_EFORMAT);
    CU_ASSERT_STRING_EQUAL(e.message,
                           "gzip: the gzip CRC32 does not match the data");
    CU_ASSERT_EQUAL(tp_capture_from_dnsviz(gz, len / 2, NULL, &cap, NULL, &e),
                    TP_EFORMAT);
    CU_ASSERT_STRING_EQUAL(e.message, "gzip: the DEFLATE stream ends early");
    CU_ASSERT_PTR_NULL(cap);
    free(gz);
}

static void test_detect(void)
{
    const char trustpath[] = "{\"trustpath_capture\": 1, \"tool\": \"x\"}";
    const char head[] =
        " {\n \"a.\": {\"type\": \"recursive\", \"stub\": false";
    const char meta[] = "{\"x\": 1, \"_meta._dnsviz.\" : {}}";

    CU_ASSERT_FALSE(tp_dnsviz_detect(trustpath, strlen(trustpath)));
    CU_ASSERT_TRUE(tp_dnsviz_detect(head, strlen(head)));
    CU_ASSERT_TRUE(tp_dnsviz_detect(meta, strlen(meta)));
    CU_ASSERT_FALSE(tp_dnsviz_detect("", 0));
    CU_ASSERT_FALSE(tp_dnsviz_detect("\x1f\x8b", 2));
    CU_ASSERT_STRING_EQUAL(tp_dnsviz_mode_name(TP_DNSVIZ_RECURSIVE),
                           "recursive");
    CU_ASSERT_STRING_EQUAL(tp_dnsviz_mode_name((tp_dnsviz_mode_t)7), "?");
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("capture_dnsviz", NULL, NULL);
    if (s == NULL ||
        !CU_add_test(s, "real: secure (alg 13)", test_real_secure) ||
        !CU_add_test(s, "real: gzip equals plain",
                     test_real_gzip_equals_plain) ||
        !CU_add_test(s, "real: bogus, insecure, NSEC3",
                     test_real_bogus_insecure_nsec3) ||
        !CU_add_test(s, "real: refused, with retries", test_real_refused) ||
        !CU_add_test(s, "real: lame server (REFUSED)", test_real_lame) ||
        !CU_add_test(s, "real: recursive, CD retries", test_real_recursive) ||
        !CU_add_test(s, "real: stub parent", test_real_stub) ||
        !CU_add_test(s, "handmade: stubs, probes, retry ladder",
                     test_handmade) ||
        !CU_add_test(s, "format 1.0", test_legacy_1_0) ||
        !CU_add_test(s, "malformed documents", test_malformed_rows) ||
        !CU_add_test(s, "syntax error position", test_syntax_error_position) ||
        !CU_add_test(s, "limits", test_limits) ||
        !CU_add_test(s, "gzip errors", test_gzip_errors) ||
        !CU_add_test(s, "detection", test_detect))
        return -1;
    return 0;
}
