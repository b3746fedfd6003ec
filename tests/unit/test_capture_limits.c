/* The capture's "limits_hit": the probe's bounds that stopped a walk are
 * recorded once each, written, read back, and bad entries are refused with
 * their path. */
#include <string.h>

#include "runner.h"
#include "trustpath/capture.h"

static const char head[] =
    "{\"trustpath_capture\": 1, \"tool\": \"t\", "
    "\"start\": \"2026-11-22T00:00:00.000Z\", "
    "\"end\": \"2026-11-22T00:00:01.000Z\", \"names\": [\"a.\"], "
    "\"types\": [\"A\"], \"queries\": []";

static tp_err_t load(const char *tail, tp_capture_t **cap,
                     tp_capture_error_t *e)
{
    char doc[512];

    snprintf(doc, sizeof(doc), "%s%s}", head, tail);
    return tp_capture_from_json(doc, strlen(doc), NULL, cap, e);
}

static void test_add_dedup(void)
{
    tp_capture_t *cap = tp_capture_new();

    CU_ASSERT_PTR_NOT_NULL_FATAL(cap);
    CU_ASSERT_FALSE(tp_capture_has_limit(cap, TP_CAPTURE_LIMIT_DEADLINE));
    CU_ASSERT_EQUAL(tp_capture_add_limit(cap, TP_CAPTURE_LIMIT_DEADLINE),
                    TP_OK);
    CU_ASSERT_EQUAL(tp_capture_add_limit(cap, TP_CAPTURE_LIMIT_NS_NAMES),
                    TP_OK);
    CU_ASSERT_EQUAL(tp_capture_add_limit(cap, TP_CAPTURE_LIMIT_DEADLINE),
                    TP_OK);
    CU_ASSERT_EQUAL(cap->limits_hit_count, 2);
    CU_ASSERT_TRUE(tp_capture_has_limit(cap, "ns-names"));
    CU_ASSERT_EQUAL(tp_capture_add_limit(cap, ""), TP_EINVAL);
    CU_ASSERT_EQUAL(tp_capture_add_limit(cap, NULL), TP_EINVAL);
    tp_capture_free(cap);
}

static void test_round_trip(void)
{
    tp_capture_t *cap = tp_capture_new(), *again = NULL;
    tp_capture_error_t e;
    tp_buf_t out;

    CU_ASSERT_PTR_NOT_NULL_FATAL(cap);
    CU_ASSERT_EQUAL(tp_capture_add_limit(cap, TP_CAPTURE_LIMIT_DEPTH), TP_OK);
    CU_ASSERT_EQUAL(tp_capture_add_limit(cap, TP_CAPTURE_LIMIT_BYTES), TP_OK);
    tp_buf_init(&out, 1 << 20);
    CU_ASSERT_EQUAL_FATAL(tp_capture_to_json(cap, false, &out), TP_OK);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(tp_buf_str(&out),
               "\"limits_hit\":[\"referral-depth\",\"capture-bytes\"]"));
    CU_ASSERT_EQUAL_FATAL(
        tp_capture_from_json((const char *)out.data, out.len, NULL, &again, &e),
        TP_OK);
    CU_ASSERT_EQUAL(again->limits_hit_count, 2);
    CU_ASSERT_STRING_EQUAL(again->limits_hit[0], "referral-depth");
    CU_ASSERT_STRING_EQUAL(again->limits_hit[1], "capture-bytes");
    tp_buf_clear(&out);
    tp_capture_free(again);
    /* No bound hit: no key at all (captures of complete walks unchanged). */
    tp_capture_free(cap);
    cap = tp_capture_new();
    tp_buf_init(&out, 1 << 20);
    CU_ASSERT_EQUAL_FATAL(tp_capture_to_json(cap, false, &out), TP_OK);
    CU_ASSERT_PTR_NULL(strstr(tp_buf_str(&out), "limits_hit"));
    tp_buf_clear(&out);
    tp_capture_free(cap);
}

static void test_load(void)
{
    tp_capture_t *cap = NULL;
    tp_capture_error_t e;

    CU_ASSERT_EQUAL_FATAL(load("", &cap, &e), TP_OK);
    CU_ASSERT_EQUAL(cap->limits_hit_count, 0);
    tp_capture_free(cap);
    cap = NULL;
    CU_ASSERT_EQUAL_FATAL(
        load(", \"limits_hit\": [\"deadline\", \"future-bound\", \"deadline\"]",
             &cap, &e),
        TP_OK);
    CU_ASSERT_EQUAL(cap->limits_hit_count, 2);
    CU_ASSERT_STRING_EQUAL(cap->limits_hit[1], "future-bound");
    tp_capture_free(cap);
    cap = NULL;
    CU_ASSERT_EQUAL(load(", \"limits_hit\": \"deadline\"", &cap, &e),
                    TP_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "limits_hit"));
    CU_ASSERT_EQUAL(load(", \"limits_hit\": [3]", &cap, &e), TP_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "limits_hit"));
    CU_ASSERT_EQUAL(load(", \"limits_hit\": [\"\"]", &cap, &e), TP_EFORMAT);
    CU_ASSERT_EQUAL(load(", \"limits_hit\": [\"a\\u0000b\"]", &cap, &e),
                    TP_EFORMAT);
    CU_ASSERT_PTR_NULL(cap);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("capture-limits", NULL, NULL);
    if (s == NULL ||
        !CU_add_test(s, "capture: limits_hit recorded once each",
                     test_add_dedup) ||
        !CU_add_test(s, "capture: limits_hit written and read back",
                     test_round_trip) ||
        !CU_add_test(s, "capture: limits_hit loader checks", test_load))
        return -1;
    return 0;
}
