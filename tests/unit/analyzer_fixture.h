/* Hand-built captures for the analyzer tests: zones signed offline (files
 * under tests/data/analyzer), and responses encoded here from their records
 * as an authoritative server would send them. Header-only (static
 * functions) so that several test files can share it. */
#ifndef TRUSTPATH_TEST_ANALYZER_FIXTURE_H
#define TRUSTPATH_TEST_ANALYZER_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/analysis.h"
#include "trustpath/capture.h"
#include "trustpath/report.h"
#include "trustpath/text.h"

#define FX_MAX_RRS 96

typedef struct fixture {
    tp_arena_t *arena;
    tp_rrlist_t root, example, anchors;
    tp_capture_t *cap;
} fixture_t;

static inline uint8_t *wname(tp_arena_t *a, const char *text)
{
    uint8_t buf[TP_NAME_MAX];
    size_t len;
    if (tp_name_from_text(text, strlen(text), NULL, buf, &len) != TP_OK)
        return NULL;
    return tp_arena_memdup(a, buf, len);
}

static inline void load(fixture_t *fx, const char *file, tp_rrlist_t *out)
{
    size_t len;
    char *text = tp_test_read_file(file, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    tp_text_error_t e;
    CU_ASSERT_EQUAL_FATAL(
        tp_zone_parse(text, len, NULL, 3600, fx->arena, out, &e), TP_OK);
    free(text);
}

static inline void load_anchors(fixture_t *fx, const char *file)
{
    size_t len;
    char *ta = tp_test_read_file(file, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ta);
    CU_ASSERT_EQUAL_FATAL(
        tp_anchors_parse(ta, len, fx->arena, &fx->anchors, NULL), TP_OK);
    free(ta);
}

static inline tp_err_t put_rr(tp_buf_t *b, const tp_rr_t *rr)
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

/* A selection: records of a zone at owner with type (and their RRSIGs). */
typedef struct sel {
    const char *owner;
    uint16_t type;
} sel_t;

static inline bool covers(const tp_rr_t *rr, uint16_t type)
{
    return rr->type == TP_TYPE_RRSIG && rr->rdata.len >= 2 &&
           (uint16_t)(rr->rdata.data[0] << 8 | rr->rdata.data[1]) == type;
}

/* Append the records of zone at owner with type to out[n..]; with_sigs
 * adds their RRSIGs. Returns the new count. */
static inline size_t pick_sigs(const tp_rrlist_t *zone, const uint8_t *owner,
                               uint16_t type, bool with_sigs,
                               const tp_rr_t **out, size_t n)
{
    for (size_t i = 0; i < zone->count && n < FX_MAX_RRS; i++) {
        const tp_rr_t *rr = &zone->rrs[i];
        if (!tp_name_equal(rr->owner, owner))
            continue;
        if (rr->type == type || (with_sigs && covers(rr, type)))
            out[n++] = rr;
    }
    return n;
}

static inline size_t pick(const tp_rrlist_t *zone, const uint8_t *owner,
                          uint16_t type, const tp_rr_t **out, size_t n)
{
    return pick_sigs(zone, owner, type, true, out, n);
}

/* One response to build: the question, who answered, and the sections. */
typedef struct fx_resp {
    const char *server;
    const char *server_name; /* NS name of the server, or NULL */
    const char *zone;
    const char *purpose;
    const char *qname;
    uint16_t qtype;
    uint16_t rcode;
    bool no_aa;   /* a referral or a lame answer */
    bool no_edns; /* answer without OPT */
    int corrupt;  /* flip a bit this many octets before the OPT record */
    const tp_rr_t *an[FX_MAX_RRS], *ns[FX_MAX_RRS], *ad[FX_MAX_RRS];
    size_t nan, nns, nad;
} fx_resp_t;

static inline void fx_resp_init(fx_resp_t *r, const char *server,
                                const char *zone, const char *qname,
                                uint16_t qtype)
{
    memset(r, 0, sizeof *r);
    r->server = server;
    r->zone = zone;
    r->qname = qname;
    r->qtype = qtype;
}

/* Records of data at owner/type (with RRSIGs) into the answer (sec 0),
 * authority (1) or additional (2) section of r. */
static inline void fx_add(fixture_t *fx, fx_resp_t *r, int sec,
                          const tp_rrlist_t *data, const char *owner,
                          uint16_t type, bool with_sigs)
{
    const uint8_t *o = wname(fx->arena, owner);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    if (sec == 0)
        r->nan = pick_sigs(data, o, type, with_sigs, r->an, r->nan);
    else if (sec == 1)
        r->nns = pick_sigs(data, o, type, with_sigs, r->ns, r->nns);
    else
        r->nad = pick_sigs(data, o, type, with_sigs, r->ad, r->nad);
}

/* One record from text ("name TTL IN TYPE rdata"), arena-owned. */
static inline const tp_rr_t *fx_rr(fixture_t *fx, const char *text)
{
    tp_rrlist_t l = {0};
    tp_text_error_t e;
    CU_ASSERT_EQUAL_FATAL(
        tp_zone_parse(text, strlen(text), NULL, 3600, fx->arena, &l, &e),
        TP_OK);
    CU_ASSERT_EQUAL_FATAL(l.count, 1);
    return &l.rrs[0];
}

/* Encode r and add it to the capture. */
static inline void fx_send(fixture_t *fx, const fx_resp_t *r)
{
    tp_buf_t b;
    tp_buf_init(&b, 65535);
    uint8_t *qn = wname(fx->arena, r->qname);
    CU_ASSERT_PTR_NOT_NULL_FATAL(qn);
    uint16_t flags = (uint16_t)(0x8000 | (r->no_aa ? 0 : 0x0400) | r->rcode);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, 0x1234), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, flags), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, 1), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, (uint16_t)r->nan), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, (uint16_t)r->nns), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, (uint16_t)(r->nad + !r->no_edns)),
                    TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append(&b, qn, tp_name_len(qn)), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, r->qtype), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, TP_CLASS_IN), TP_OK);
    for (size_t i = 0; i < r->nan; i++)
        CU_ASSERT_EQUAL(put_rr(&b, r->an[i]), TP_OK);
    for (size_t i = 0; i < r->nns; i++)
        CU_ASSERT_EQUAL(put_rr(&b, r->ns[i]), TP_OK);
    for (size_t i = 0; i < r->nad; i++)
        CU_ASSERT_EQUAL(put_rr(&b, r->ad[i]), TP_OK);
    /* OPT: root, type 41, 1232, DO */
    static const uint8_t opt[] = {0, 0, 41, 0x04, 0xd0, 0, 0, 0x80, 0, 0, 0};
    if (!r->no_edns)
        CU_ASSERT_EQUAL(tp_buf_append(&b, opt, sizeof opt), TP_OK);
    size_t tail = r->no_edns ? 0 : sizeof opt;
    if (r->corrupt > 0 && (size_t)r->corrupt + tail < b.len)
        b.data[b.len - tail - (size_t)r->corrupt] ^= 0x01;
    tp_capture_query_t q;
    memset(&q, 0, sizeof q);
    q.server = r->server;
    q.port = 53;
    q.server_name =
        r->server_name != NULL ? wname(fx->arena, r->server_name) : NULL;
    q.zone = wname(fx->arena, r->zone);
    q.purpose = r->purpose;
    q.qname = qn;
    q.qtype = r->qtype;
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

/* A query that got no answer. */
static inline void fx_timeout(fixture_t *fx, const char *server,
                              const char *zone, const char *qname,
                              uint16_t qtype)
{
    tp_capture_query_t q;
    memset(&q, 0, sizeof q);
    q.server = server;
    q.port = 53;
    q.zone = wname(fx->arena, zone);
    q.qname = wname(fx->arena, qname);
    q.qtype = qtype;
    q.qclass = TP_CLASS_IN;
    q.flags.edns = true;
    q.flags.do_bit = true;
    q.outcome = TP_OUTCOME_TIMEOUT;
    CU_ASSERT_EQUAL(tp_capture_add_query(fx->cap, &q, NULL), TP_OK);
}

/* The older one-call form: answer and authority selections. */
static inline void respond(fixture_t *fx, const char *server, const char *zone,
                           const char *qname, uint16_t qtype, uint16_t rcode,
                           const tp_rrlist_t *data, const sel_t *ans,
                           size_t nans, const sel_t *auth, size_t nauth,
                           int corrupt)
{
    fx_resp_t *r = calloc(1, sizeof *r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    fx_resp_init(r, server, zone, qname, qtype);
    r->rcode = rcode;
    r->corrupt = corrupt;
    for (size_t i = 0; i < nans; i++)
        fx_add(fx, r, 0, data, ans[i].owner, ans[i].type, true);
    for (size_t i = 0; i < nauth; i++)
        fx_add(fx, r, 1, data, auth[i].owner, auth[i].type, true);
    fx_send(fx, r);
    free(r);
}

/* The root and example. fixture (tests/data/analyzer/{root,example}.signed,
 * anchor.ds). corrupt_a: flip a bit near the end of the www.example. A
 * answer. */
static inline void setup(fixture_t *fx, int corrupt_a)
{
    memset(fx, 0, sizeof *fx);
    fx->arena = tp_arena_new(0);
    fx->cap = tp_capture_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx->cap);
    load(fx, "analyzer/root.signed", &fx->root);
    load(fx, "analyzer/example.signed", &fx->example);
    load_anchors(fx, "analyzer/anchor.ds");
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

static inline void teardown(fixture_t *fx)
{
    tp_capture_free(fx->cap);
    tp_arena_free(fx->arena);
}

static inline tp_analysis_t *run_opts(fixture_t *fx, tp_arena_t *arena,
                                      const tp_analysis_opts_t *o,
                                      const char *name)
{
    tp_analysis_t *a = NULL;
    CU_ASSERT_EQUAL(
        tp_analyze(fx->cap, &fx->anchors, o, wname(fx->arena, name), arena, &a),
        TP_OK);
    return a;
}

static inline tp_analysis_t *run(fixture_t *fx, tp_arena_t *arena, int64_t now,
                                 const char *name)
{
    tp_analysis_opts_t o;
    tp_analysis_opts_init(&o, now);
    return run_opts(fx, arena, &o, name);
}

/* With TP_TEST_VERBOSE set, print the report on stderr. */
static inline void dump(const tp_analysis_t *a)
{
    if (getenv("TP_TEST_VERBOSE") == NULL || a == NULL)
        return;
    tp_buf_t b;
    tp_buf_init(&b, 1u << 24);
    tp_report_opts_t ro = {true, true};
    if (tp_report_json(a, &ro, &b) == TP_OK)
        fputs(tp_buf_str(&b), stderr);
    tp_buf_clear(&b);
}

/* Codes of a, space-separated, into buf (for assertion messages). */
static inline const char *codes_of(const tp_analysis_t *a, char *buf,
                                   size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; a != NULL && i < a->diag_count && used + 1 < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? " " : "",
                                 tp_diag_code_str(a->diags[i].code));
    return buf;
}

#endif /* TRUSTPATH_TEST_ANALYZER_FIXTURE_H */
