/* wire: the bounded reader, name reading with compression, name arithmetic,
 * RFC 4034 6.1 canonical order and presentation-form round trips. */
#include <string.h>

#include "runner.h"
#include "trustpath/wire.h"

#define BYTES(...) ((const uint8_t[]){__VA_ARGS__})

static tp_err_t read_at(const uint8_t *msg, size_t len, size_t at,
                        uint8_t out[TP_NAME_MAX], size_t *n, size_t *pos)
{
    tp_rd_t r = tp_rd_init(msg, len);
    tp_err_t err;

    r.pos = at;
    err = tp_name_read(&r, true, out, n);
    if (pos != NULL)
        *pos = r.pos;
    return err;
}

static void test_reader_sticky_and_bounded(void)
{
    const uint8_t buf[] = {1, 2, 3, 4, 5, 6, 7};
    tp_rd_t r = tp_rd_init(buf, sizeof(buf));

    CU_ASSERT_EQUAL(tp_rd_u16(&r), 0x0102);
    CU_ASSERT_EQUAL(tp_rd_u32(&r), 0x03040506u);
    CU_ASSERT_EQUAL(tp_rd_left(&r), 1);
    CU_ASSERT_EQUAL(tp_rd_u16(&r), 0);
    CU_ASSERT_EQUAL(r.err, TP_ETRUNCATED);
    CU_ASSERT_EQUAL(tp_rd_u8(&r), 0); /* sticky: the byte is there */
    CU_ASSERT_PTR_NULL(tp_rd_take(&r, 0));
    CU_ASSERT_EQUAL(tp_rd_finish(&r), TP_ETRUNCATED);
    tp_rd_fail(&r, TP_EMALFORMED);
    CU_ASSERT_EQUAL(r.err, TP_ETRUNCATED); /* the first error wins */

    r = tp_rd_init(buf, sizeof(buf));
    (void)tp_rd_u8(&r);
    CU_ASSERT_EQUAL(tp_rd_finish(&r), TP_ETRAILING);
    tp_rd_t sub = tp_rd_sub(&r, 3);
    CU_ASSERT_EQUAL(r.pos, 4);
    CU_ASSERT_EQUAL(tp_rd_u16(&sub), 0x0203);
    CU_ASSERT_EQUAL(tp_rd_finish(&sub), TP_ETRAILING);
    CU_ASSERT_EQUAL(tp_rd_u16(&sub), 0);
    CU_ASSERT_EQUAL(sub.err, TP_ETRUNCATED); /* cannot read past its end */
    tp_rd_t bad = tp_rd_sub(&r, 4);
    CU_ASSERT_EQUAL(bad.err, TP_ETRUNCATED);
    CU_ASSERT_EQUAL(r.err, TP_ETRUNCATED);

    r = tp_rd_init(NULL, 0);
    CU_ASSERT_PTR_NOT_NULL(tp_rd_take(&r, 0));
    CU_ASSERT_EQUAL(tp_rd_finish(&r), TP_OK);
}

/* A message whose name at 12 is "www.example.com." and whose name at 29
 * is "mail" + pointer to 16 ("example.com."). */
static const uint8_t compressed_msg[] = {
    0,   0,   0,   0, 0,   0,   0,   0,   0,    0,   0,    0, 3,
    'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p',  'l', 'e',  3, 'c',
    'o', 'm', 0,   4, 'm', 'a', 'i', 'l', 0xC0, 16,  0xC0, 29};

static void test_name_read_compression(void)
{
    uint8_t out[TP_NAME_MAX];
    size_t n, pos;
    const uint8_t mail[] = "\4mail\7example\3com";

    CU_ASSERT_EQUAL(
        read_at(compressed_msg, sizeof(compressed_msg), 12, out, &n, &pos),
        TP_OK);
    CU_ASSERT_EQUAL(n, 17);
    CU_ASSERT_EQUAL(pos, 29);
    CU_ASSERT_EQUAL(
        read_at(compressed_msg, sizeof(compressed_msg), 29, out, &n, &pos),
        TP_OK);
    CU_ASSERT_EQUAL(n, sizeof(mail));
    CU_ASSERT_EQUAL(memcmp(out, mail, sizeof(mail)), 0);
    CU_ASSERT_EQUAL(pos, 36); /* resumes after the first pointer */
    /* A pointer to a pointer: two hops. */
    CU_ASSERT_EQUAL(
        read_at(compressed_msg, sizeof(compressed_msg), 36, out, &n, &pos),
        TP_OK);
    CU_ASSERT_EQUAL(n, sizeof(mail));
    CU_ASSERT_EQUAL(pos, 38);

    /* The same name with compression refused. */
    tp_rd_t r = tp_rd_init(compressed_msg, sizeof(compressed_msg));
    r.pos = 29;
    CU_ASSERT_EQUAL(tp_name_read(&r, false, out, &n), TP_EPOINTER);
    CU_ASSERT_EQUAL(r.err, TP_EPOINTER);
}

/* Each row is one malformed name and the exact error it must give. */
static void test_name_read_malformed_table(void)
{
    const struct {
        const char *why;
        const uint8_t *msg;
        size_t len, at;
        tp_err_t want;
    } rows[] = {
        {"pointer to itself", BYTES(0xC0, 0), 2, 0, TP_EPOINTER},
        {"two-pointer loop", BYTES(1, 'a', 0xC0, 4, 0xC0, 0), 6, 4,
         TP_EPOINTER},
        {"forward pointer", BYTES(0xC0, 2, 0), 3, 0, TP_EPOINTER},
        {"pointer past the message", BYTES(0, 0, 0xFF, 0xFF), 4, 2,
         TP_EPOINTER},
        {"pointer into its own labels", BYTES(1, 'a', 0xC0, 0), 4, 0,
         TP_EPOINTER},
        {"pointer cut in half", BYTES(0, 0xC0), 2, 1, TP_ETRUNCATED},
        {"label type 01 (length 64)", BYTES(0x40, 'a', 0), 3, 0, TP_ELABELTYPE},
        {"label type 10", BYTES(0x80, 0), 2, 0, TP_ELABELTYPE},
        {"label runs past the end", BYTES(5, 'a', 'b'), 3, 0, TP_ETRUNCATED},
        {"no root label", BYTES(1, 'a'), 2, 0, TP_ETRUNCATED},
        {"empty input", BYTES(0), 0, 0, TP_ETRUNCATED},
    };

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        uint8_t out[TP_NAME_MAX];
        size_t n;
        tp_err_t err =
            read_at(rows[i].msg, rows[i].len, rows[i].at, out, &n, NULL);
        if (err != rows[i].want)
            fprintf(stderr, "\n  row '%s': got %s\n", rows[i].why,
                    tp_err_name(err));
        CU_ASSERT_EQUAL(err, rows[i].want);
    }
}

/* 4 labels of 63 octets = 4 * 64 + 1 = 257 octets: too long. */
static void test_name_read_too_long(void)
{
    uint8_t msg[300], out[TP_NAME_MAX];
    size_t n, at = 0;

    for (int l = 0; l < 4; l++) {
        msg[at++] = 63;
        memset(msg + at, 'x', 63);
        at += 63;
    }
    msg[at++] = 0;
    CU_ASSERT_EQUAL(read_at(msg, at, 0, out, &n, NULL), TP_ENAMELEN);
    /* 3 * 64 + 62 + 1 = 255: the longest legal name. */
    msg[192] = 61;
    msg[192 + 62] = 0;
    CU_ASSERT_EQUAL(read_at(msg, 255, 0, out, &n, NULL), TP_OK);
    CU_ASSERT_EQUAL(n, 255);
    CU_ASSERT_EQUAL(tp_name_len(out), 255);
    /* Too long only after decompression: 200 octets + pointer to 63x3. */
    uint8_t big[400];
    size_t b = 0;
    for (int l = 0; l < 3; l++) {
        big[b++] = 63;
        memset(big + b, 'y', 63);
        b += 63;
    }
    big[b++] = 0; /* 193 octets at 0 */
    size_t second = b;
    for (int l = 0; l < 2; l++) {
        big[b++] = 40;
        memset(big + b, 'z', 40);
        b += 40;
    }
    big[b++] = 0xC0;
    big[b++] = 0;
    CU_ASSERT_EQUAL(read_at(big, b, second, out, &n, NULL), TP_ENAMELEN);
}

static void test_name_check_and_labels(void)
{
    const uint8_t name[] = "\1*\7example\3com";
    size_t n;

    CU_ASSERT_EQUAL(tp_name_check(name, sizeof(name), &n), TP_OK);
    CU_ASSERT_EQUAL(n, 15);
    CU_ASSERT_EQUAL(tp_name_check(name, 14, &n), TP_ETRUNCATED);
    CU_ASSERT_EQUAL(tp_name_check(BYTES(0xC0, 0), 2, &n), TP_EPOINTER);
    CU_ASSERT_EQUAL(tp_name_len(name), 15);
    CU_ASSERT_EQUAL(tp_name_labels(name), 3);
    CU_ASSERT_EQUAL(tp_name_rrsig_labels(name), 2);
    CU_ASSERT_TRUE(tp_name_is_wildcard(name));
    CU_ASSERT_FALSE(tp_name_is_wildcard(name + 2));
    CU_ASSERT_EQUAL(tp_name_labels(BYTES(0)), 0);
    CU_ASSERT_TRUE(tp_name_is_root(BYTES(0)));
    CU_ASSERT_FALSE(tp_name_is_root(name));
    CU_ASSERT_PTR_EQUAL(tp_name_parent(name), name + 2);
    CU_ASSERT_PTR_EQUAL(tp_name_parent(name + 14), name + 14);
    CU_ASSERT_PTR_EQUAL(tp_name_suffix(name, 1), name + 10);
    CU_ASSERT_PTR_EQUAL(tp_name_suffix(name, 0), name + 14);
    CU_ASSERT_PTR_EQUAL(tp_name_suffix(name, 9), name);
}

static void test_name_equal_subdomain_lower(void)
{
    const uint8_t a[] = "\3WwW\7ExAmPlE\3com";
    const uint8_t b[] = "\3www\7example\3COM";
    const uint8_t zone[] = "\7example\3com";
    const uint8_t other[] = "\6xample\3com";
    uint8_t out[TP_NAME_MAX];

    CU_ASSERT_TRUE(tp_name_equal(a, b));
    CU_ASSERT_FALSE(tp_name_equal(a, zone));
    CU_ASSERT_TRUE(tp_name_is_subdomain(a, zone));
    CU_ASSERT_TRUE(tp_name_is_subdomain(zone, zone));
    CU_ASSERT_TRUE(tp_name_is_subdomain(zone, BYTES(0)));
    CU_ASSERT_FALSE(tp_name_is_subdomain(zone, a));
    CU_ASSERT_FALSE(tp_name_is_subdomain(a, other));
    /* "ample.com" is not a parent of "example.com" (label boundary). */
    CU_ASSERT_FALSE(
        tp_name_is_subdomain(zone, (const uint8_t *)"\5ample\3com"));
    CU_ASSERT_EQUAL(tp_name_copy_lower(a, out), sizeof(b));
    CU_ASSERT_EQUAL(memcmp(out, "\3www\7example\3com", sizeof(b)), 0);
    /* '@' and '[' neighbour 'A'..'Z' and must not be folded. */
    uint8_t edge[] = "\4@AZ[";
    tp_name_lower(edge);
    CU_ASSERT_EQUAL(memcmp(edge, "\4@az[", 6), 0);
}

static void test_name_prepend_and_dup(void)
{
    uint8_t out[TP_NAME_MAX], long_label[64];
    size_t n;
    const uint8_t zone[] = "\7example";

    CU_ASSERT_EQUAL(tp_name_prepend(zone, (const uint8_t *)"*", 1, out, &n),
                    TP_OK);
    CU_ASSERT_EQUAL(n, 11);
    CU_ASSERT_EQUAL(memcmp(out, "\1*\7example", 11), 0);
    memset(long_label, 'a', sizeof(long_label));
    CU_ASSERT_EQUAL(tp_name_prepend(zone, long_label, 64, out, &n), TP_ELABEL);
    CU_ASSERT_EQUAL(tp_name_prepend(zone, long_label, 0, out, &n), TP_EINVAL);
    /* Grow to 255 by 63-octet labels: the fourth one overflows. */
    memcpy(out, zone, sizeof(zone));
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL_FATAL(tp_name_prepend(out, long_label, 63, out, &n),
                              TP_OK);
    CU_ASSERT_EQUAL(n, 9 + 3 * 64);
    CU_ASSERT_EQUAL(tp_name_prepend(out, long_label, 63, out, &n), TP_ENAMELEN);

    tp_arena_t *arena = tp_arena_new(0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(arena);
    uint8_t *d = tp_name_dup(arena, zone);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_EQUAL(memcmp(d, zone, sizeof(zone)), 0);
    tp_arena_free(arena);
}

/* RFC 4034 section 6.1: the example names in canonical order. */
static void test_name_canonical_order_rfc4034(void)
{
    static const char *const sorted[] = {
        "example.",         "a.example.",      "yljkjljk.a.example.",
        "Z.a.example.",     "zABC.a.EXAMPLE.", "z.example.",
        "\\001.z.example.", "*.z.example.",    "\\200.z.example.",
    };

    enum {
        N = sizeof(sorted) / sizeof(sorted[0])
    };

    uint8_t names[N][TP_NAME_MAX];
    size_t n;

    for (size_t i = 0; i < N; i++)
        CU_ASSERT_EQUAL_FATAL(
            tp_name_from_text(sorted[i], strlen(sorted[i]), NULL, names[i], &n),
            TP_OK);
    for (size_t i = 0; i < N; i++) {
        for (size_t j = 0; j < N; j++) {
            int c = tp_name_compare(names[i], names[j]);
            int want = (i > j) - (i < j);
            if ((c > 0) - (c < 0) != want)
                fprintf(stderr, "\n  compare %s %s = %d\n", sorted[i],
                        sorted[j], c);
            CU_ASSERT_EQUAL((c > 0) - (c < 0), want);
        }
    }
    /* Case never matters, and the root sorts before everything. */
    CU_ASSERT_EQUAL(
        tp_name_compare((const uint8_t *)"\1A", BYTES('\1', 'a', 0)), 0);
    CU_ASSERT_TRUE(tp_name_compare(BYTES(0), names[0]) < 0);
}

static void test_name_to_text_escapes(void)
{
    const struct {
        const uint8_t *name;
        const char *text;
    } rows[] = {
        {BYTES(0), "."},
        {BYTES(3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0),
         "www.example."},
        {BYTES(3, 'a', '.', 'b', 0), "a\\.b."},
        {BYTES(2, ' ', 0x7F, 0), "\\032\\127."},
        {BYTES(6, ';', '(', ')', '"', '$', '@', 0), "\\;\\(\\)\\\"\\$\\@."},
        {BYTES(2, '\\', 0, 1, 0xFF, 0), "\\\\\\000.\\255."},
    };

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        char text[TP_NAME_TEXT_MAX];
        uint8_t back[TP_NAME_MAX];
        size_t n;

        tp_name_to_text(rows[i].name, text);
        CU_ASSERT_STRING_EQUAL(text, rows[i].text);
        CU_ASSERT_EQUAL(tp_name_from_text(text, strlen(text), NULL, back, &n),
                        TP_OK);
        CU_ASSERT_EQUAL(n, tp_name_len(rows[i].name));
        CU_ASSERT_EQUAL(memcmp(back, rows[i].name, n), 0);
    }
}

/* Every octet value in every position survives text and back; the longest
 * text (63-octet labels of \DDD) fits the buffer. */
static void test_name_text_round_trip_all_octets(void)
{
    uint8_t name[TP_NAME_MAX], back[TP_NAME_MAX];
    char text[TP_NAME_TEXT_MAX];
    size_t n;

    for (unsigned base = 0; base < 256; base += 63) {
        size_t at = 0;
        for (int l = 0; l < 3; l++) {
            name[at++] = 63;
            for (unsigned i = 0; i < 63; i++)
                name[at++] = (uint8_t)(base + i * 5 + (unsigned)l);
        }
        name[at++] = 61;
        for (unsigned i = 0; i < 61; i++)
            name[at++] = (uint8_t)(255 - i);
        name[at++] = 0;
        CU_ASSERT_EQUAL_FATAL(at, 255);
        tp_name_to_text(name, text);
        CU_ASSERT_TRUE(strlen(text) < TP_NAME_TEXT_MAX);
        CU_ASSERT_EQUAL(tp_name_from_text(text, strlen(text), NULL, back, &n),
                        TP_OK);
        CU_ASSERT_EQUAL(n, 255);
        CU_ASSERT_EQUAL(memcmp(back, name, 255), 0);
    }
}

static void test_name_from_text_relative_and_errors(void)
{
    const uint8_t origin[] = "\7example\3com";
    uint8_t out[TP_NAME_MAX];
    char label64[80], many[300];
    size_t n;

    CU_ASSERT_EQUAL(tp_name_from_text("www", 3, origin, out, &n), TP_OK);
    CU_ASSERT_EQUAL(n, 17);
    CU_ASSERT_EQUAL(memcmp(out, "\3www\7example\3com", 17), 0);
    CU_ASSERT_EQUAL(tp_name_from_text("www.", 4, origin, out, &n), TP_OK);
    CU_ASSERT_EQUAL(n, 5);
    CU_ASSERT_EQUAL(tp_name_from_text("@", 1, origin, out, &n), TP_OK);
    CU_ASSERT_EQUAL(memcmp(out, origin, sizeof(origin)), 0);
    CU_ASSERT_EQUAL(tp_name_from_text("@", 1, NULL, out, &n), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_name_from_text(".", 1, origin, out, &n), TP_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(tp_name_from_text("a", 1, NULL, out, &n), TP_OK);
    CU_ASSERT_EQUAL(n, 3); /* NULL origin: absolute */
    CU_ASSERT_EQUAL(tp_name_from_text("a\\.b", 4, origin, out, &n), TP_OK);
    CU_ASSERT_EQUAL(memcmp(out, "\3a.b\7example", 12), 0);
    CU_ASSERT_EQUAL(tp_name_from_text("a\\.", 3, NULL, out, &n), TP_OK);
    CU_ASSERT_EQUAL(n, 4); /* escaped dot: part of the label */
    CU_ASSERT_EQUAL(tp_name_from_text("\\065b", 5, NULL, out, &n), TP_OK);
    CU_ASSERT_EQUAL(memcmp(out, "\2Ab", 4), 0);

    CU_ASSERT_EQUAL(tp_name_from_text("", 0, origin, out, &n), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_name_from_text("a..b", 4, NULL, out, &n), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_name_from_text(".a", 2, NULL, out, &n), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_name_from_text("a\\", 2, NULL, out, &n), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_name_from_text("\\25", 3, NULL, out, &n), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_name_from_text("\\256", 4, NULL, out, &n), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_name_from_text("\\2a5", 4, NULL, out, &n), TP_ESYNTAX);
    memset(label64, 'q', 64);
    CU_ASSERT_EQUAL(tp_name_from_text(label64, 64, NULL, out, &n), TP_ELABEL);
    CU_ASSERT_EQUAL(tp_name_from_text(label64, 63, NULL, out, &n), TP_OK);
    /* 127 one-octet labels = 254 + root: fits; 128 do not. */
    for (int i = 0; i < 128; i++) {
        many[2 * i] = 'm';
        many[2 * i + 1] = '.';
    }
    CU_ASSERT_EQUAL(tp_name_from_text(many, 254, NULL, out, &n), TP_OK);
    CU_ASSERT_EQUAL(n, 255);
    CU_ASSERT_EQUAL(tp_name_from_text(many, 256, NULL, out, &n), TP_ENAMELEN);
    /* Fits alone, not with the origin appended. */
    CU_ASSERT_EQUAL(tp_name_from_text(many, 251, origin, out, &n), TP_ENAMELEN);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("wire.name", NULL, NULL);
    if (s == NULL ||
        !CU_add_test(s, "wire: reader is sticky and bounded",
                     test_reader_sticky_and_bounded) ||
        !CU_add_test(s, "wire: name read follows compression",
                     test_name_read_compression) ||
        !CU_add_test(s, "wire: malformed names give exact errors",
                     test_name_read_malformed_table) ||
        !CU_add_test(s, "wire: names over 255 octets rejected",
                     test_name_read_too_long) ||
        !CU_add_test(s, "wire: check, labels, suffix, parent",
                     test_name_check_and_labels) ||
        !CU_add_test(s, "wire: equal, subdomain, lower",
                     test_name_equal_subdomain_lower) ||
        !CU_add_test(s, "wire: prepend and dup", test_name_prepend_and_dup) ||
        !CU_add_test(s, "wire: RFC 4034 6.1 canonical order",
                     test_name_canonical_order_rfc4034) ||
        !CU_add_test(s, "wire: name to text escapes",
                     test_name_to_text_escapes) ||
        !CU_add_test(s, "wire: text round trip of every octet",
                     test_name_text_round_trip_all_octets) ||
        !CU_add_test(s, "wire: name from text, relative names, errors",
                     test_name_from_text_relative_and_errors))
        return -1;
    return 0;
}
