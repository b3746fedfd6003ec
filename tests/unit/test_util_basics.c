/* util: arena, bounded buffer, base64/base32hex/hex, error table. */
#include <string.h>

#include "runner.h"
#include "trustpath/arena.h"
#include "trustpath/bytes.h"
#include "trustpath/civil.h"
#include "trustpath/err.h"

static void test_arena_alloc_is_zeroed_and_aligned(void)
{
    tp_arena_t *a = tp_arena_new(256);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    for (int i = 0; i < 100; i++) {
        unsigned char *p = tp_arena_alloc(a, (size_t)i * 7 + 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        CU_ASSERT_EQUAL((uintptr_t)p % 16, 0);
        CU_ASSERT_EQUAL(p[0], 0);
        p[0] = 0xff;
    }
    void *big = tp_arena_alloc(a, 100000);
    CU_ASSERT_PTR_NOT_NULL(big);
    CU_ASSERT_TRUE(tp_arena_used(a) >= 100000);
    tp_arena_free(a);
    tp_arena_free(NULL);
}

static void test_arena_array_overflow_fails(void)
{
    tp_arena_t *a = tp_arena_new(0);
    CU_ASSERT_PTR_NULL(tp_arena_array(a, SIZE_MAX / 2, 4));
    CU_ASSERT_PTR_NOT_NULL(tp_arena_array(a, 10, 4));
    char *s = tp_arena_strdup(a, "abc");
    CU_ASSERT_STRING_EQUAL(s, "abc");
    tp_arena_free(a);
}

static void test_buf_respects_max(void)
{
    tp_buf_t b;
    tp_buf_init(&b, 8);
    CU_ASSERT_EQUAL(tp_buf_append_str(&b, "12345678"), TP_OK);
    CU_ASSERT_EQUAL(tp_buf_append_u8(&b, 1), TP_ENOSPACE);
    CU_ASSERT_STRING_EQUAL(tp_buf_str(&b), "12345678");
    tp_buf_reset(&b);
    CU_ASSERT_EQUAL(tp_buf_printf(&b, "%d-%s", 42, "x"), TP_OK);
    CU_ASSERT_STRING_EQUAL(tp_buf_str(&b), "42-x");
    CU_ASSERT_EQUAL(tp_buf_append_u16(&b, 0x0102), TP_OK);
    CU_ASSERT_EQUAL(b.len, 6);
    CU_ASSERT_EQUAL(b.data[4], 1);
    tp_buf_clear(&b);
    CU_ASSERT_EQUAL(b.len, 0);
    CU_ASSERT_PTR_NULL(b.data);
}

/* RFC 4648 section 10 test vectors. */
static void test_base64_rfc4648_vectors(void)
{
    static const char *const plain[] = {"",     "f",     "fo",    "foo",
                                        "foob", "fooba", "foobar"};
    static const char *const enc[] = {"",         "Zg==",     "Zm8=",    "Zm9v",
                                      "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    for (size_t i = 0; i < 7; i++) {
        tp_buf_t b;
        tp_buf_init(&b, 100);
        CU_ASSERT_EQUAL(
            tp_base64_encode(tp_bytes(plain[i], strlen(plain[i])), &b), TP_OK);
        CU_ASSERT_STRING_EQUAL(tp_buf_str(&b), enc[i]);
        tp_buf_reset(&b);
        CU_ASSERT_EQUAL(tp_base64_decode(enc[i], strlen(enc[i]), &b), TP_OK);
        CU_ASSERT_STRING_EQUAL(tp_buf_str(&b), plain[i]);
        tp_buf_clear(&b);
    }
    tp_buf_t b;
    tp_buf_init(&b, 100);
    CU_ASSERT_EQUAL(tp_base64_decode("Zm9", 3, &b), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_base64_decode("Z!9v", 4, &b), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_base64_decode("Zg==Zg==", 8, &b), TP_ESYNTAX);
    tp_buf_clear(&b);
}

/* RFC 4648 section 10 base32hex vectors (lowercase, padding dropped). */
static void test_base32hex_rfc4648_vectors(void)
{
    static const char *const plain[] = {"f",    "fo",    "foo",
                                        "foob", "fooba", "foobar"};
    static const char *const enc[] = {"co",      "cpng",     "cpnmu",
                                      "cpnmuog", "cpnmuoj1", "cpnmuoj1e8"};
    for (size_t i = 0; i < 6; i++) {
        tp_buf_t b;
        tp_buf_init(&b, 100);
        CU_ASSERT_EQUAL(
            tp_base32hex_encode(tp_bytes(plain[i], strlen(plain[i])), &b),
            TP_OK);
        CU_ASSERT_STRING_EQUAL(tp_buf_str(&b), enc[i]);
        tp_buf_reset(&b);
        CU_ASSERT_EQUAL(tp_base32hex_decode(enc[i], strlen(enc[i]), &b), TP_OK);
        CU_ASSERT_STRING_EQUAL(tp_buf_str(&b), plain[i]);
        tp_buf_clear(&b);
    }
}

static void test_hex_round_trip(void)
{
    tp_buf_t b;
    tp_buf_init(&b, 100);
    CU_ASSERT_EQUAL(tp_hex_decode("00 fF a0", 8, &b), TP_OK);
    CU_ASSERT_EQUAL(b.len, 3);
    CU_ASSERT_EQUAL(b.data[1], 0xff);
    CU_ASSERT_EQUAL(tp_hex_decode("abc", 3, &b), TP_ESYNTAX);
    tp_buf_t t;
    tp_buf_init(&t, 100);
    CU_ASSERT_EQUAL(tp_hex_encode(tp_bytes(b.data, 3), &t), TP_OK);
    CU_ASSERT_STRING_EQUAL(tp_buf_str(&t), "00ffa0");
    tp_buf_clear(&b);
    tp_buf_clear(&t);
}

static void test_err_table(void)
{
    CU_ASSERT_STRING_EQUAL(tp_err_name(TP_OK), "TP_OK");
    CU_ASSERT_STRING_EQUAL(tp_err_name(TP_EPOINTER), "TP_EPOINTER");
    CU_ASSERT_STRING_EQUAL(tp_err_str((tp_err_t)9999), "unknown error");
}

/* Known dates: the epoch, a leap day, the last second of 9999, before 1970,
 * and the end of unsigned 32-bit RRSIG time (2106-02-07T06:28:15Z). */
static void test_civil_known_dates(void)
{
    char buf[TP_ISO8601_MAX];
    int64_t y;
    unsigned m, d;

    CU_ASSERT_EQUAL(tp_days_from_civil(1970, 1, 1), 0);
    CU_ASSERT_EQUAL(tp_days_from_civil(2000, 3, 1), 11017);
    CU_ASSERT_EQUAL(tp_days_from_civil(1969, 12, 31), -1);
    tp_civil_from_days(11016, &y, &m, &d);
    CU_ASSERT(y == 2000 && m == 2 && d == 29);
    for (int64_t day = -800000; day < 3000000; day += 997) {
        tp_civil_from_days(day, &y, &m, &d);
        CU_ASSERT_EQUAL_FATAL(tp_days_from_civil(y, m, d), day);
        CU_ASSERT_TRUE_FATAL(tp_civil_date_valid(y, m, d));
    }
    CU_ASSERT_TRUE(tp_civil_date_valid(2024, 2, 29));
    CU_ASSERT_FALSE(tp_civil_date_valid(2100, 2, 29));
    CU_ASSERT_FALSE(tp_civil_date_valid(2026, 4, 31));
    CU_ASSERT_FALSE(tp_civil_date_valid(2026, 13, 1));
    tp_time_iso8601(0, buf);
    CU_ASSERT_STRING_EQUAL(buf, "1970-01-01T00:00:00Z");
    tp_time_iso8601(4294967295, buf);
    CU_ASSERT_STRING_EQUAL(buf, "2106-02-07T06:28:15Z");
    tp_time_iso8601(-1, buf);
    CU_ASSERT_STRING_EQUAL(buf, "1969-12-31T23:59:59Z");
    tp_time_iso8601(INT64_MAX, buf);
    CU_ASSERT_STRING_EQUAL(buf, "9999-12-31T23:59:59Z");
    tp_time_iso8601_ms(1763774400123, buf);
    CU_ASSERT_STRING_EQUAL(buf, "2025-11-22T01:20:00.123Z");
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("util", NULL, NULL);
    if (s == NULL ||
        !CU_add_test(s, "arena: zeroed, aligned, big blocks",
                     test_arena_alloc_is_zeroed_and_aligned) ||
        !CU_add_test(s, "arena: array overflow fails",
                     test_arena_array_overflow_fails) ||
        !CU_add_test(s, "buf: respects max", test_buf_respects_max) ||
        !CU_add_test(s, "base64: RFC 4648 vectors",
                     test_base64_rfc4648_vectors) ||
        !CU_add_test(s, "base32hex: RFC 4648 vectors",
                     test_base32hex_rfc4648_vectors) ||
        !CU_add_test(s, "hex: round trip", test_hex_round_trip) ||
        !CU_add_test(s, "err: table", test_err_table) ||
        !CU_add_test(s, "civil: known dates and round trips",
                     test_civil_known_dates))
        return -1;
    return 0;
}
