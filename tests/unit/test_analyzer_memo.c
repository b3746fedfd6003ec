/* The analyzer's shared state across the names of one capture (analyzer/
 * index.c: responses indexed by zone, query name and NS owner; analyzer/
 * sig.c: verifications remembered): analysing the names one after the other
 * with one analyzer gives, name by name, the report of a fresh analyzer,
 * with the same signatures_checked and under the same budget; names in
 * another case find the same responses. Capture: tests/data/analyzer/
 * testbed-capture.json (5 names probed from the testbed). */
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/analysis.h"
#include "trustpath/capture.h"
#include "trustpath/report.h"

typedef struct saved {
    tp_capture_t *cap;
    tp_arena_t *arena;
    tp_rrlist_t anchors;
} saved_t;

static void saved_load(saved_t *s)
{
    size_t len;
    char *json = tp_test_read_file("analyzer/testbed-capture.json", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(json);
    s->cap = NULL;
    CU_ASSERT_EQUAL_FATAL(tp_capture_from_json(json, len, NULL, &s->cap, NULL),
                          TP_OK);
    free(json);
    s->arena = tp_arena_new(0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s->arena);
    memset(&s->anchors, 0, sizeof s->anchors);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s->cap->trust_anchors);
    CU_ASSERT_EQUAL_FATAL(tp_anchors_parse(s->cap->trust_anchors,
                                           strlen(s->cap->trust_anchors),
                                           s->arena, &s->anchors, NULL),
                          TP_OK);
    CU_ASSERT_FATAL(s->cap->name_count == 5);
}

static void saved_free(saved_t *s)
{
    tp_arena_free(s->arena);
    tp_capture_free(s->cap);
}

/* The JSON report of name with an, and its signatures_checked. */
static char *report(tp_analyzer_t *an, const uint8_t *name, uint64_t *checked)
{
    tp_arena_t *arena = tp_arena_new(0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(arena);
    tp_analysis_t *a = NULL;
    CU_ASSERT_EQUAL_FATAL(tp_analyzer_run(an, name, arena, &a), TP_OK);
    tp_buf_t b;
    tp_buf_init(&b, 1u << 24);
    CU_ASSERT_EQUAL_FATAL(tp_report_json(a, NULL, &b), TP_OK);
    *checked = a->signatures_checked;
    char *text = strdup(tp_buf_str(&b));
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    tp_buf_clear(&b);
    tp_arena_free(arena);
    return text;
}

static tp_analyzer_t *analyzer(const saved_t *s, uint64_t max_crypto)
{
    tp_analysis_opts_t o;
    tp_analysis_opts_init(&o, s->cap->end_time_ms / 1000);
    o.max_crypto = max_crypto;
    tp_analyzer_t *an = NULL;
    CU_ASSERT_EQUAL_FATAL(tp_analyzer_new(s->cap, &s->anchors, &o, &an), TP_OK);
    return an;
}

/* Every name of the capture, twice, with one analyzer, against a fresh
 * analyzer per name; returns how many names used up the whole budget. */
static size_t shared_vs_fresh(const saved_t *s, uint64_t max_crypto)
{
    tp_analyzer_t *shared = analyzer(s, max_crypto);
    size_t exhausted = 0;
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < s->cap->name_count; i++) {
            const uint8_t *name = s->cap->names[i];
            tp_analyzer_t *fresh = analyzer(s, max_crypto);
            uint64_t c1 = 0, c2 = 0;
            char *r1 = report(fresh, name, &c1);
            char *r2 = report(shared, name, &c2);
            CU_ASSERT_STRING_EQUAL(r1, r2);
            CU_ASSERT_EQUAL(c1, c2);
            CU_ASSERT(max_crypto == 0 || c2 <= max_crypto);
            exhausted += round == 0 && max_crypto != 0 && c2 == max_crypto;
            free(r1);
            free(r2);
            tp_analyzer_free(fresh);
        }
    }
    tp_analyzer_free(shared);
    return exhausted;
}

static void test_shared_equals_fresh(void)
{
    saved_t s;
    saved_load(&s);
    CU_ASSERT_EQUAL(shared_vs_fresh(&s, 0), 0);
    tp_analyzer_t *an = analyzer(&s, 0);
    uint64_t checked = 0;
    char *r = report(an, s.cap->names[0], &checked);
    CU_ASSERT(checked >= 10); /* every check counted, remembered or not */
    free(r);
    tp_analyzer_free(an);
    saved_free(&s);
}

/* A remembered check is replayed only when the budget would have let it
 * run: the reports stay those of a fresh analyzer at every budget, and the
 * small budgets do stop some names. */
static void test_budget(void)
{
    saved_t s;
    saved_load(&s);
    static const uint64_t budgets[] = {1, 3, 7, 12};
    size_t exhausted = 0;
    for (size_t i = 0; i < sizeof budgets / sizeof budgets[0]; i++)
        exhausted += shared_vs_fresh(&s, budgets[i]);
    CU_ASSERT(exhausted >= 10);
    saved_free(&s);
}

/* Names compare case-insensitively (RFC 4343): asked in capitals, a name
 * finds the responses to its lower-case queries. */
static void test_case(void)
{
    saved_t s;
    saved_load(&s);
    static const char *const names[] = {"www.secure-alg13.tp.",
                                        "WWW.Secure-ALG13.Tp."};
    tp_status_t st[2];
    uint64_t checked[2];
    size_t zones[2];
    for (size_t i = 0; i < 2; i++) {
        uint8_t w[TP_NAME_MAX];
        size_t wl;
        CU_ASSERT_EQUAL_FATAL(
            tp_name_from_text(names[i], strlen(names[i]), NULL, w, &wl), TP_OK);
        tp_arena_t *arena = tp_arena_new(0);
        tp_analyzer_t *an = analyzer(&s, 0);
        tp_analysis_t *a = NULL;
        CU_ASSERT_EQUAL_FATAL(tp_analyzer_run(an, w, arena, &a), TP_OK);
        st[i] = a->status;
        checked[i] = a->signatures_checked;
        zones[i] = a->zone_count;
        tp_analyzer_free(an);
        tp_arena_free(arena);
    }
    CU_ASSERT_EQUAL(st[0], TP_STATUS_SECURE);
    CU_ASSERT_EQUAL(st[1], TP_STATUS_SECURE);
    CU_ASSERT_EQUAL(checked[0], checked[1]);
    CU_ASSERT_EQUAL(zones[0], 3);
    CU_ASSERT_EQUAL(zones[1], 3);
    saved_free(&s);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("analyzer_memo", NULL, NULL);
    if (s == NULL ||
        CU_add_test(s, "one analyzer, many names", test_shared_equals_fresh) ==
            NULL ||
        CU_add_test(s, "remembered checks and the budget", test_budget) ==
            NULL ||
        CU_add_test(s, "names in capitals", test_case) == NULL)
        return -1;
    return 0;
}
