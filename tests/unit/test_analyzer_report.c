/* analyzer: the JSON report against docs/report.schema.json. The schema
 * subset validator (schema_check.h) is tested on its own first, then on
 * reports of hand-built captures and on mutated reports that must fail.
 *
 * Validating files: with TP_REPORT_JSONL=FILE[:FILE...] in the environment
 * the suite also validates every line of those JSON Lines files (reports
 * written by `trustpath analyze` or `check --format json`); the integration
 * test uses this. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer_fixture.h"
#include "report_schema.h"

#define T2027 1798761600 /* inside the fixture's signature windows */

/* ---- The validator itself ------------------------------------------------ */

static const char *const mini_schema =
    "{\"type\": \"object\", \"required\": [\"a\", \"t\"],"
    " \"additionalProperties\": false,"
    " \"properties\": {"
    "  \"a\": {\"type\": \"integer\", \"minimum\": 0},"
    "  \"t\": {\"$ref\": \"#/$defs/time\"},"
    "  \"e\": {\"enum\": [\"x\", \"y\"]},"
    "  \"n\": {\"type\": [\"string\", \"null\"]},"
    "  \"o\": {\"oneOf\": [{\"type\": \"integer\"}, {\"type\": \"boolean\"}]},"
    "  \"d\": {\"$ref\": \"#/definitions/legacy\"},"
    "  \"l\": {\"type\": \"array\", \"items\": {\"const\": 1}},"
    "  \"m\": {\"type\": \"object\","
    "         \"additionalProperties\": {\"type\": \"string\"}}},"
    " \"$defs\": {\"time\": {\"type\": \"string\","
    "   \"pattern\": \"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$\"}},"
    " \"definitions\": {\"legacy\": {\"type\": \"boolean\"}}}";

static bool mini(const char *doc, char *err, size_t len)
{
    json_object *schema = json_tokener_parse(mini_schema);
    CU_ASSERT_PTR_NOT_NULL_FATAL(schema);
    bool ok = schema_validate_text(schema, doc, err, len);
    json_object_put(schema);
    return ok;
}

static void test_validator_accepts(void)
{
    char err[512];
    CU_ASSERT_TRUE(
        mini("{\"a\": 1, \"t\": \"2026-11-22T00:00:00Z\"}", err, sizeof err));
    CU_ASSERT_TRUE(mini("{\"a\": 0, \"t\": \"2026-11-22T00:00:00Z\","
                        " \"e\": \"y\", \"n\": null, \"o\": true, \"d\": false,"
                        " \"l\": [1, 1], \"m\": {\"k\": \"v\"}}",
                        err, sizeof err));
    CU_ASSERT_STRING_EQUAL(err, "");
}

static void expect_fail(const char *doc, const char *want)
{
    char err[512];
    CU_ASSERT_FALSE(mini(doc, err, sizeof err));
    if (strstr(err, want) == NULL)
        fprintf(stderr, "\nwanted \"%s\" in \"%s\"\n", want, err);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
}

static void test_validator_rejects(void)
{
    const char *t = "\"t\": \"2026-11-22T00:00:00Z\"";
    char doc[256];
    expect_fail("{\"a\": 1}", "/: missing required \"t\"");
    snprintf(doc, sizeof doc, "{\"a\": -1, %s}", t);
    expect_fail(doc, "/a: below minimum");
    snprintf(doc, sizeof doc, "{\"a\": \"1\", %s}", t);
    expect_fail(doc, "/a: type string, expected \"integer\"");
    expect_fail("{\"a\": 1, \"t\": \"2026-11-22 00:00:00\"}",
                "/t: \"2026-11-22 00:00:00\" does not match");
    snprintf(doc, sizeof doc, "{\"a\": 1, %s, \"e\": \"z\"}", t);
    expect_fail(doc, "/e: \"z\" not in enum");
    snprintf(doc, sizeof doc, "{\"a\": 1, %s, \"zz\": 1}", t);
    expect_fail(doc, "/zz: property not allowed");
    snprintf(doc, sizeof doc, "{\"a\": 1, %s, \"o\": \"s\"}", t);
    expect_fail(doc, "/o: matches no alternative");
    snprintf(doc, sizeof doc, "{\"a\": 1, %s, \"d\": 3}", t);
    expect_fail(doc, "/d: type int, expected \"boolean\"");
    snprintf(doc, sizeof doc, "{\"a\": 1, %s, \"l\": [1, 2]}", t);
    expect_fail(doc, "/l/1: differs from const");
    snprintf(doc, sizeof doc, "{\"a\": 1, %s, \"m\": {\"k\": 5}}", t);
    expect_fail(doc, "/m/k: type int");
    snprintf(doc, sizeof doc, "{\"a\": 1, %s} x", t);
    expect_fail(doc, "trailing data");
    expect_fail("{\"a\": ", "not JSON");
    expect_fail("[1]", "/: type array, expected \"object\"");
}

static void test_unresolved_ref(void)
{
    json_object *schema = json_tokener_parse("{\"$ref\": \"#/$defs/none\"}");
    char err[256];
    json_object *one = json_object_new_int(1);
    CU_ASSERT_FALSE(schema_validate(schema, one, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "unresolved $ref"));
    json_object_put(one);
    json_object_put(schema);
}

/* ---- Reports ---------------------------------------------------------------
 */

static void test_schema_document(void)
{
    json_object *s = report_schema();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    json_object *defs = NULL;
    CU_ASSERT_TRUE(json_object_object_get_ex(s, "$defs", &defs));
    CU_ASSERT_TRUE(json_object_object_get_ex(defs, "diagnostic", NULL));
}

static char *report_text(const tp_analysis_t *a, bool details)
{
    tp_buf_t b;
    tp_buf_init(&b, 1u << 26);
    tp_report_opts_t ro = {false, details};
    CU_ASSERT_EQUAL(tp_report_json(a, &ro, &b), TP_OK);
    char *s = strdup(tp_buf_str(&b));
    tp_buf_clear(&b);
    return s;
}

static void test_fixture_reports(void)
{
    static const struct {
        const char *name;
        int64_t now;
        int corrupt;
    } cases[] = {{"www.example.", T2027, 0},
                 {"nx.example.", T2027, 0},
                 {"www.example.", 1861920000, 0}, /* expired: bogus */
                 {"www.example.", T2027, 3},      /* bad signature */
                 {"nothere.example.", T2027, 0},
                 {"www.example.", T2027 - 86400 * 400, 0}}; /* premature */

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture_t fx;
        setup(&fx, cases[i].corrupt);
        tp_arena_t *arena = tp_arena_new(0);
        tp_analysis_t *a = run(&fx, arena, cases[i].now, cases[i].name);
        check_report(a);
        tp_arena_free(arena);
        teardown(&fx);
    }
}

/* Replace the first occurrence of from by to in s (a heap string). */
static char *replaced(const char *s, const char *from, const char *to)
{
    const char *p = strstr(s, from);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    snprintf(out, n, "%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
    return out;
}

static void test_mutated_reports_fail(void)
{
    fixture_t fx;
    setup(&fx, 0);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = run(&fx, arena, T2027, "www.example.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    char *good = report_text(a, true);
    json_object *schema = report_schema();
    CU_ASSERT_PTR_NOT_NULL_FATAL(schema);
    char err[512];
    CU_ASSERT_TRUE(schema_validate_text(schema, good, err, sizeof err));

    static const struct {
        const char *from, *to, *want;
    } muts[] = {
        {"\"status\":\"secure\"", "\"status\":\"green\"", "/status"},
        {"\"reference_time\":\"2027-01-01T00:00:00Z\"",
         "\"reference_time\":\"2027-01-01\"", "/reference_time"},
        {"\"name\":\"www.example.\",", "", "missing required \"name\""},
        {"\"report_version\":1", "\"report_version\":2", "/report_version"},
        {"\"role\":\"", "\"role\":\"x", "/role"},
        {"\"algorithm\":13", "\"algorithm\":\"13\"", "/algorithm"},
        {"\"zones\":[", "\"zones\":[1,", "/zones/0"},
    };

    for (size_t i = 0; i < sizeof muts / sizeof muts[0]; i++) {
        char *bad = replaced(good, muts[i].from, muts[i].to);
        CU_ASSERT_FALSE(schema_validate_text(schema, bad, err, sizeof err));
        if (strstr(err, muts[i].want) == NULL)
            fprintf(stderr, "\nmutation %zu: wanted \"%s\" in \"%s\"\n", i,
                    muts[i].want, err);
        CU_ASSERT_PTR_NOT_NULL(strstr(err, muts[i].want));
        free(bad);
    }
    free(good);
    tp_arena_free(arena);
    teardown(&fx);
}

/* A capture probed from the testbed (tests/data/analyzer/testbed-capture.json,
 * written by `trustpath probe` on 2026-11-22): analyzed at its own end time
 * it gives the same verdicts on any later day, twice the same report, and
 * three days later the chain that was about to expire is bogus. */
static char *analyze_saved(tp_capture_t *cap, const tp_rrlist_t *anchors,
                           int64_t now, const char *name, tp_status_t *st)
{
    tp_analysis_opts_t o;
    tp_analysis_opts_init(&o, now);
    tp_arena_t *arena = tp_arena_new(0);
    tp_analysis_t *a = NULL;
    uint8_t w[TP_NAME_MAX];
    size_t wl;
    CU_ASSERT_EQUAL_FATAL(tp_name_from_text(name, strlen(name), NULL, w, &wl),
                          TP_OK);
    CU_ASSERT_EQUAL_FATAL(tp_analyze(cap, anchors, &o, w, arena, &a), TP_OK);
    check_report(a);
    *st = a->status;
    char *text = report_text(a, true);
    tp_arena_free(arena);
    return text;
}

static void test_saved_capture(void)
{
    size_t len;
    char *json = tp_test_read_file("analyzer/testbed-capture.json", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(json);
    tp_capture_t *cap = NULL;
    CU_ASSERT_EQUAL_FATAL(tp_capture_from_json(json, len, NULL, &cap, NULL),
                          TP_OK);
    free(json);
    tp_arena_t *arena = tp_arena_new(0);
    tp_rrlist_t anchors = {0};
    CU_ASSERT_PTR_NOT_NULL_FATAL(cap->trust_anchors);
    CU_ASSERT_EQUAL_FATAL(tp_anchors_parse(cap->trust_anchors,
                                           strlen(cap->trust_anchors), arena,
                                           &anchors, NULL),
                          TP_OK);
    int64_t end = cap->end_time_ms / 1000;

    static const struct {
        const char *name;
        tp_status_t now, later;
    } cases[] = {
        {"www.secure-alg13.tp.", TP_STATUS_SECURE, TP_STATUS_SECURE},
        {"www.expiring-soon.tp.", TP_STATUS_SECURE, TP_STATUS_BOGUS},
        {"www.cname.tp.", TP_STATUS_SECURE, TP_STATUS_SECURE},
        {"www.ds-mismatch.tp.", TP_STATUS_BOGUS, TP_STATUS_BOGUS},
        {"www.insecure.tp.", TP_STATUS_INSECURE, TP_STATUS_INSECURE},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tp_status_t st1, st2, st3;
        char *r1 = analyze_saved(cap, &anchors, end, cases[i].name, &st1);
        char *r2 = analyze_saved(cap, &anchors, end, cases[i].name, &st2);
        char *r3 =
            analyze_saved(cap, &anchors, end + 3 * 86400, cases[i].name, &st3);
        CU_ASSERT_EQUAL(st1, cases[i].now);
        CU_ASSERT_EQUAL(st3, cases[i].later);
        CU_ASSERT_STRING_EQUAL(r1, r2);
        if (st1 != cases[i].now || st3 != cases[i].later)
            fprintf(stderr, "\n%s: %s then %s\n", cases[i].name,
                    tp_status_str(st1), tp_status_str(st3));
        free(r1);
        free(r2);
        free(r3);
    }
    tp_arena_free(arena);
    tp_capture_free(cap);
}

/* TP_REPORT_JSONL=FILE[:FILE...]: every line of every file is a report. */
static void test_jsonl_files(void)
{
    const char *env = getenv("TP_REPORT_JSONL");
    if (env == NULL || env[0] == '\0')
        return;
    char *list = strdup(env);
    CU_ASSERT_PTR_NOT_NULL_FATAL(list);
    size_t lines = 0, bad = 0;
    for (char *save = NULL, *path = strtok_r(list, ":", &save); path != NULL;
         path = strtok_r(NULL, ":", &save)) {
        FILE *f = fopen(path, "r");
        CU_ASSERT_PTR_NOT_NULL(f);
        if (f == NULL) {
            fprintf(stderr, "\n%s: cannot open\n", path);
            bad++;
            continue;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, f)) > 0) {
            if (strspn(line, " \t\r\n") == (size_t)n)
                continue;
            lines++;
            if (!report_valid_text(line)) {
                fprintf(stderr, "  (%s, report %zu)\n", path, lines);
                bad++;
            }
        }
        free(line);
        fclose(f);
    }
    free(list);
    fprintf(stderr, "\nTP_REPORT_JSONL: %zu reports, %zu invalid\n", lines,
            bad);
    CU_ASSERT_TRUE(lines > 0);
    CU_ASSERT_EQUAL(bad, 0);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("analyzer: JSON report schema", NULL, NULL);
    if (s == NULL ||
        CU_add_test(s, "validator accepts", test_validator_accepts) == NULL ||
        CU_add_test(s, "validator rejects", test_validator_rejects) == NULL ||
        CU_add_test(s, "unresolved $ref", test_unresolved_ref) == NULL ||
        CU_add_test(s, "schema document", test_schema_document) == NULL ||
        CU_add_test(s, "fixture reports valid", test_fixture_reports) == NULL ||
        CU_add_test(s, "mutated reports fail", test_mutated_reports_fail) ==
            NULL ||
        CU_add_test(s, "saved testbed capture", test_saved_capture) == NULL ||
        CU_add_test(s, "TP_REPORT_JSONL files", test_jsonl_files) == NULL)
        return -1;
    return 0;
}
