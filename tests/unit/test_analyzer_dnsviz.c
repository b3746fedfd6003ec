/* The analyzer on DNSViz files (issue 8): for each pair under
 * tests/data/dnsviz/pairs (a DNSViz file and a trustpath capture of each
 * testbed case, same run), the verdict and every zone's status are equal
 * and are the testbed's; stubs, resolver captures and DNSViz's
 * doubled DNSKEY queries give the right findings. No network. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "schema_check.h"
#include "trustpath/analysis.h"
#include "trustpath/capture.h"
#include "trustpath/dnsviz.h"
#include "trustpath/wire.h"

typedef struct loaded {
    tp_capture_t *cap;
    tp_arena_t *arena; /* anchors and the analysis */
    tp_rrlist_t anchors;
    tp_analysis_t *a;
} loaded_t;

/* Load tests/data/<file> (a DNSViz file when dnsviz), analyze name at the
 * capture's reference time with the anchors in tests/data/<anchor> (NULL:
 * none, i.e. an empty list). */
static void load_and_run(loaded_t *l, const char *file, bool dnsviz,
                         const char *anchor, const char *name)
{
    size_t len = 0;
    char *text = tp_test_read_file(file, &len);
    tp_capture_error_t cerr;
    tp_err_t err;

    memset(l, 0, sizeof(*l));
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    memset(&cerr, 0, sizeof(cerr));
    if (dnsviz) {
        CU_ASSERT_TRUE(tp_dnsviz_detect(text, len));
        err = tp_capture_from_dnsviz(text, len, NULL, &l->cap, NULL, &cerr);
    } else {
        CU_ASSERT_FALSE(tp_dnsviz_detect(text, len));
        err = tp_capture_from_json(text, len, NULL, &l->cap, &cerr);
    }
    free(text);
    if (err != TP_OK)
        fprintf(stderr, "%s: %s\n", file, cerr.message);
    CU_ASSERT_EQUAL_FATAL(err, TP_OK);
    l->arena = tp_arena_new(0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l->arena);
    if (anchor != NULL) {
        char *ta = tp_test_read_file(anchor, &len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ta);
        CU_ASSERT_EQUAL_FATAL(
            tp_anchors_parse(ta, len, l->arena, &l->anchors, NULL), TP_OK);
        free(ta);
    }
    int64_t ref = l->cap->reference_time_ms != 0 ? l->cap->reference_time_ms
                                                 : l->cap->end_time_ms;
    tp_analysis_opts_t opts;
    tp_analysis_opts_init(&opts, ref / 1000);
    uint8_t wire[TP_NAME_MAX];
    size_t wl;
    CU_ASSERT_EQUAL_FATAL(
        tp_name_from_text(name, strlen(name), NULL, wire, &wl), TP_OK);
    CU_ASSERT_EQUAL_FATAL(
        tp_analyze(l->cap, &l->anchors, &opts, wire, l->arena, &l->a), TP_OK);
}

static void unload(loaded_t *l)
{
    tp_arena_free(l->arena);
    tp_capture_free(l->cap);
    memset(l, 0, sizeof(*l));
}

static size_t count(const tp_analysis_t *a, tp_diag_code_t code)
{
    return tp_analysis_count_code(a, code);
}

static tp_status_t zone_status(const tp_analysis_t *a, const char *zone)
{
    for (size_t i = 0; i < a->zone_count; i++) {
        if (strcmp(a->zones[i].name, zone) == 0)
            return a->zones[i].status;
    }
    return (tp_status_t)-1;
}

/* Every testbed case (samples/testbed/cases.tsv, "trustpath" column):
 * pairs/NAME.dnsviz.json and pairs/NAME.trustpath.json, one testbed run. */
static const struct {
    const char *name, *qname;
    tp_status_t verdict;
} pairs[] = {
    {"secure-alg8", "www.secure-alg8.tp.", TP_STATUS_SECURE},
    {"secure-alg13", "www.secure-alg13.tp.", TP_STATUS_SECURE},
    {"secure-alg15", "www.secure-alg15.tp.", TP_STATUS_SECURE},
    {"nsec3", "www.nsec3.tp.", TP_STATUS_SECURE},
    {"nsec3-iter10", "www.nsec3-iter10.tp.", TP_STATUS_SECURE},
    {"insecure", "www.insecure.tp.", TP_STATUS_INSECURE},
    {"insecure-optout.optout", "www.insecure-optout.optout.",
     TP_STATUS_INSECURE},
    {"secure.optout", "www.secure.optout.", TP_STATUS_SECURE},
    {"ds-mismatch", "www.ds-mismatch.tp.", TP_STATUS_BOGUS},
    {"ds-nokey", "www.ds-nokey.tp.", TP_STATUS_BOGUS},
    {"expired", "www.expired.tp.", TP_STATUS_BOGUS},
    {"not-yet-valid", "www.not-yet-valid.tp.", TP_STATUS_BOGUS},
    {"unsigned-rrset", "www.unsigned-rrset.tp.", TP_STATUS_BOGUS},
    {"dnskey-unsigned-by-ksk", "www.dnskey-unsigned-by-ksk.tp.",
     TP_STATUS_BOGUS},
    {"ds-unknown-alg", "www.ds-unknown-alg.tp.", TP_STATUS_INSECURE},
    {"ds-unknown-digest", "www.ds-unknown-digest.tp.", TP_STATUS_INSECURE},
    {"changed-after-signing", "www.changed-after-signing.tp.", TP_STATUS_BOGUS},
    {"stale-copy", "www.stale-copy.tp.", TP_STATUS_SECURE},
    {"unsigned-copy", "www.unsigned-copy.tp.", TP_STATUS_SECURE},
    {"lame", "www.lame.tp.", TP_STATUS_SECURE},
    {"expiring-soon", "www.expiring-soon.tp.", TP_STATUS_SECURE},
    {"a.b.deep", "www.a.b.deep.tp.", TP_STATUS_SECURE},
    {"cds", "www.cds.tp.", TP_STATUS_SECURE},
    {"wildcard", "www.wildcard.tp.", TP_STATUS_SECURE},
    {"cname", "www.cname.tp.", TP_STATUS_SECURE},
    {"unreachable", "www.unreachable.tp.", TP_STATUS_SECURE},
    {"deprecated-alg5", "www.deprecated-alg5.tp.", TP_STATUS_SECURE},
};

static void test_pairs_same_verdict(void)
{
    for (size_t p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
        char vfile[128], tfile[128];
        loaded_t v, t;

        snprintf(vfile, sizeof vfile, "dnsviz/pairs/%s.dnsviz.json",
                 pairs[p].name);
        snprintf(tfile, sizeof tfile, "dnsviz/pairs/%s.trustpath.json",
                 pairs[p].name);
        load_and_run(&v, vfile, true, "dnsviz/pairs/root.key", pairs[p].qname);
        load_and_run(&t, tfile, false, "dnsviz/pairs/root.key", pairs[p].qname);
        if (v.a->status != t.a->status || v.a->status != pairs[p].verdict)
            fprintf(stderr, "%s: dnsviz %s, trustpath %s\n", pairs[p].name,
                    tp_status_str(v.a->status), tp_status_str(t.a->status));
        CU_ASSERT_EQUAL(v.a->status, pairs[p].verdict);
        CU_ASSERT_EQUAL(t.a->status, pairs[p].verdict);
        CU_ASSERT_TRUE(v.a->zone_count >= 3);
        CU_ASSERT_EQUAL(v.a->zone_count, t.a->zone_count);
        for (size_t z = 0; z < v.a->zone_count && z < t.a->zone_count; z++) {
            CU_ASSERT_STRING_EQUAL(v.a->zones[z].name, t.a->zones[z].name);
            CU_ASSERT_EQUAL(v.a->zones[z].status, t.a->zones[z].status);
            CU_ASSERT_EQUAL(v.a->zones[z].delegation.status,
                            t.a->zones[z].delegation.status);
        }
        CU_ASSERT_EQUAL(zone_status(v.a, "."), TP_STATUS_SECURE);
        /* DNSViz asks every server twice for DNSKEY (4096 and 512
         * octets): still one server each, so a key is missing from some
         * servers only where it really is (unsigned-copy) */
        CU_ASSERT_EQUAL(count(v.a, TP_DIAG_DNSKEY_MISSING_FROM_SERVERS),
                        count(t.a, TP_DIAG_DNSKEY_MISSING_FROM_SERVERS));
        CU_ASSERT_EQUAL(count(v.a, TP_DIAG_DNSKEY_MISSING_FROM_SERVERS) > 0,
                        strcmp(pairs[p].name, "unsigned-copy") == 0);
        /* DNSViz's 512-octet truncation probe is not a finding */
        CU_ASSERT_EQUAL(count(v.a, TP_DIAG_SERVER_TRUNCATED), 0);
        CU_ASSERT_EQUAL(count(v.a, TP_DIAG_ANALYSIS_RESOLVER_SOURCE), 0);
        CU_ASSERT_EQUAL(count(v.a, TP_DIAG_ANALYSIS_NO_RESPONSE), 0);
        CU_ASSERT_EQUAL(v.cap->source, TP_CAPTURE_SOURCE_AUTHORITATIVE);
        unload(&v);
        unload(&t);
    }
}

/* tp. is a stub (dnsviz probe -A without -a .) and the root is not in the
 * file: both are "not analysed", not "no response"; with an anchor below
 * the stub, the name is secure. */
static void test_stub(void)
{
    loaded_t l;
    load_and_run(&l, "dnsviz/stub-secure-alg13.json", true,
                 "dnsviz/secure-alg13.anchor", "www.secure-alg13.tp.");
    CU_ASSERT_EQUAL(l.cap->stub_count, 1);
    CU_ASSERT_EQUAL(l.a->status, TP_STATUS_INDETERMINATE);
    CU_ASSERT_EQUAL(zone_status(l.a, "."), TP_STATUS_INDETERMINATE);
    CU_ASSERT_EQUAL(zone_status(l.a, "tp."), TP_STATUS_INDETERMINATE);
    CU_ASSERT_EQUAL(count(l.a, TP_DIAG_ANALYSIS_STUB), 2);
    CU_ASSERT_EQUAL(count(l.a, TP_DIAG_ANALYSIS_NO_RESPONSE), 0);
    /* the DS RRset of the child is signed by the stub's key: not an
     * orphan signature */
    CU_ASSERT_EQUAL(count(l.a, TP_DIAG_RRSIG_NO_MATCHING_DNSKEY), 0);
    unload(&l);
}

static const char child_anchor[] =
    "secure-alg13.tp. 3600 IN DNSKEY 257 3 13 "
    "yLNGvMyDzmiFnKN8TX7MA9OetLWKSsAMVNYAP/od06ODv3FITJQQGimxZZaRxaEe"
    "Gun1JOMgcc2V2rl5oXZ4XA==\n";

static void test_stub_anchor_below(void)
{
    loaded_t l;
    load_and_run(&l, "dnsviz/stub-secure-alg13.json", true, NULL,
                 "www.secure-alg13.tp.");
    tp_analysis_opts_t opts;
    uint8_t wire[TP_NAME_MAX];
    size_t wl;
    tp_rrlist_t anchors = {0};
    tp_analysis_t *a = NULL;
    CU_ASSERT_EQUAL_FATAL(tp_anchors_parse(child_anchor, strlen(child_anchor),
                                           l.arena, &anchors, NULL),
                          TP_OK);
    tp_analysis_opts_init(&opts, l.cap->reference_time_ms / 1000);
    CU_ASSERT_EQUAL_FATAL(
        tp_name_from_text("www.secure-alg13.tp.", 20, NULL, wire, &wl), TP_OK);
    CU_ASSERT_EQUAL_FATAL(tp_analyze(l.cap, &anchors, &opts, wire, l.arena, &a),
                          TP_OK);
    CU_ASSERT_EQUAL(a->status, TP_STATUS_SECURE);
    CU_ASSERT_EQUAL(zone_status(a, "secure-alg13.tp."), TP_STATUS_SECURE);
    CU_ASSERT_EQUAL(count(a, TP_DIAG_ANALYSIS_STUB), 0);
    unload(&l);
}

/* Recursive mode: the answers came from a resolver. No authority checks
 * (AA, lame delegation, NS and glue), one notice saying so; the CD=1
 * answers still show the DS mismatch. */
static void test_recursive(void)
{
    loaded_t l;
    load_and_run(&l, "dnsviz/recursive-ds-mismatch.json", true,
                 "dnsviz/recursive-ds-mismatch.anchor", "www.ds-mismatch.tp.");
    CU_ASSERT_EQUAL(l.cap->source, TP_CAPTURE_SOURCE_RESOLVER);
    CU_ASSERT_EQUAL(l.a->status, TP_STATUS_BOGUS);
    CU_ASSERT_EQUAL(zone_status(l.a, "ds-mismatch.tp."), TP_STATUS_BOGUS);
    CU_ASSERT_EQUAL(count(l.a, TP_DIAG_ANALYSIS_RESOLVER_SOURCE), 1);
    CU_ASSERT_EQUAL(count(l.a, TP_DIAG_DELEGATION_LAME), 0);
    CU_ASSERT_EQUAL(count(l.a, TP_DIAG_SERVER_NOT_AUTHORITATIVE), 0);
    CU_ASSERT_EQUAL(count(l.a, TP_DIAG_DS_DIGEST_MISMATCH), 1);
    for (size_t i = 0; i < l.a->zone_count; i++)
        CU_ASSERT_NOT_EQUAL(l.a->zones[i].delegation.status, TP_STATUS_LAME);
    unload(&l);
}

/* source, reference_time and stubs survive the capture's JSON. */
static void test_roundtrip_fields(void)
{
    loaded_t l;
    tp_buf_t buf;
    tp_capture_t *back = NULL;
    load_and_run(&l, "dnsviz/stub-secure-alg13.json", true, NULL,
                 "www.secure-alg13.tp.");
    l.cap->source = TP_CAPTURE_SOURCE_RESOLVER;
    tp_buf_init(&buf, 64u * 1024 * 1024);
    CU_ASSERT_EQUAL_FATAL(tp_capture_to_json(l.cap, false, &buf), TP_OK);
    CU_ASSERT_EQUAL_FATAL(tp_capture_from_json((const char *)buf.data, buf.len,
                                               NULL, &back, NULL),
                          TP_OK);
    CU_ASSERT_EQUAL(back->source, TP_CAPTURE_SOURCE_RESOLVER);
    CU_ASSERT_EQUAL(back->reference_time_ms, l.cap->reference_time_ms);
    CU_ASSERT_NOT_EQUAL(back->reference_time_ms, 0);
    CU_ASSERT_EQUAL(back->stub_count, 1);
    CU_ASSERT_TRUE(back->stub_count == 1 &&
                   tp_name_equal(back->stubs[0], (const uint8_t *)"\002tp"));
    tp_capture_free(back);
    tp_buf_clear(&buf);
    /* absent = authoritative, no reference time, no stubs; a bad source
     * is refused with its key */
    static const char old[] =
        "{\"trustpath_capture\":1,\"tool\":\"t\",\"start\":"
        "\"2026-11-22T00:00:00Z\",\"end\":\"2026-11-22T00:00:01Z\","
        "\"names\":[\"a.\"],\"types\":[],\"queries\":[]}";
    back = NULL;
    CU_ASSERT_EQUAL_FATAL(
        tp_capture_from_json(old, strlen(old), NULL, &back, NULL), TP_OK);
    CU_ASSERT_EQUAL(back->source, TP_CAPTURE_SOURCE_AUTHORITATIVE);
    CU_ASSERT_EQUAL(back->reference_time_ms, 0);
    CU_ASSERT_EQUAL(back->stub_count, 0);
    tp_capture_free(back);
    static const char bad[] =
        "{\"trustpath_capture\":1,\"tool\":\"t\",\"start\":"
        "\"2026-11-22T00:00:00Z\",\"end\":\"2026-11-22T00:00:01Z\","
        "\"names\":[\"a.\"],\"types\":[],\"queries\":[],\"source\":\"cache\"}";
    tp_capture_error_t e;
    back = NULL;
    CU_ASSERT_EQUAL(tp_capture_from_json(bad, strlen(bad), NULL, &back, &e),
                    TP_EFORMAT);
    CU_ASSERT_PTR_NULL(back);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "source"));
    unload(&l);
}

/* Converted DNSViz files (authoritative, recursive, with stubs) are valid
 * captures by docs/capture.schema.json. */
static void test_converted_schema(void)
{
    static const char *files[] = {"dnsviz/stub-secure-alg13.json",
                                  "dnsviz/recursive-ds-mismatch.json",
                                  "dnsviz/secure-alg13.json.gz"};
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/capture.schema.json",
             getenv("TP_SOURCE_DIR") != NULL ? getenv("TP_SOURCE_DIR")
                                             : TP_TEST_DATA_DIR "/../..");
    json_object *schema = json_object_from_file(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(schema);
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        size_t len = 0;
        char *text = tp_test_read_file(files[f], &len);
        tp_capture_t *cap = NULL;
        tp_buf_t buf;
        char err[256];
        CU_ASSERT_PTR_NOT_NULL_FATAL(text);
        CU_ASSERT_EQUAL_FATAL(
            tp_capture_from_dnsviz(text, len, NULL, &cap, NULL, NULL), TP_OK);
        free(text);
        tp_buf_init(&buf, 64u * 1024 * 1024);
        CU_ASSERT_EQUAL_FATAL(tp_capture_to_json(cap, false, &buf), TP_OK);
        CU_ASSERT_EQUAL_FATAL(tp_buf_append(&buf, "", 1), TP_OK);
        json_object *doc = json_tokener_parse((const char *)buf.data);
        CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
        bool ok = schema_validate(schema, doc, err, sizeof err);
        if (!ok)
            fprintf(stderr, "%s: %s\n", files[f], err);
        CU_ASSERT_TRUE(ok);
        CU_ASSERT_EQUAL(json_object_object_get_ex(doc, "source", NULL),
                        cap->source == TP_CAPTURE_SOURCE_RESOLVER);
        CU_ASSERT_TRUE(json_object_object_get_ex(doc, "reference_time", NULL));
        CU_ASSERT_EQUAL(json_object_object_get_ex(doc, "stubs", NULL),
                        cap->stub_count > 0);
        json_object_put(doc);
        tp_buf_clear(&buf);
        tp_capture_free(cap);
    }
    json_object_put(schema);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("analyzer_dnsviz", NULL, NULL);
    if (s == NULL ||
        CU_add_test(s, "pairs give the same verdicts",
                    test_pairs_same_verdict) == NULL ||
        CU_add_test(s, "stub zones", test_stub) == NULL ||
        CU_add_test(s, "anchor below a stub", test_stub_anchor_below) == NULL ||
        CU_add_test(s, "recursive file", test_recursive) == NULL ||
        CU_add_test(s, "capture fields round trip", test_roundtrip_fields) ==
            NULL ||
        CU_add_test(s, "converted captures match the schema",
                    test_converted_schema) == NULL)
        return -1;
    return 0;
}
