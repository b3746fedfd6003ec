/* wire: the RDATA table (decompression per RFC 3597 section 4, canonical
 * lowercasing per RFC 4034 6.2 / RFC 6840 5.1), RFC 4034 6.3 order, typed
 * views, TXT strings and type bitmaps (RFC 4034 4.1.2). */
#include <stdio.h>
#include <string.h>

#include "runner.h"
#include "trustpath/wire.h"

#define B(...)  ((const uint8_t[]){__VA_ARGS__})
#define BL(...) sizeof((const uint8_t[]){__VA_ARGS__})

/* A message of 12 filler octets, "Example.COM." at 12, then RDATA at 25. */
#define PREFIX                                                                \
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 'E', 'x', 'a', 'm', 'p', 'l', 'e', \
        3, 'C', 'O', 'M', 0
#define RDATA_AT 25

typedef struct {
    const char *why;
    uint16_t type;
    const uint8_t *msg;
    size_t len;
    tp_err_t want;
    const uint8_t *expanded; /* when want == TP_OK */
    size_t expanded_len;
} expand_row_t;

#define XROW(why, type, want, exp, exp_len, ...)                          \
    {                                                                     \
        why, type, B(PREFIX, __VA_ARGS__), BL(PREFIX, __VA_ARGS__), want, \
            (const uint8_t *)(exp), exp_len                               \
    }

static void test_rdata_expand_table(void)
{
    const expand_row_t rows[] = {
        XROW("NS: pointer followed", TP_TYPE_NS, TP_OK, "\2ns\7Example\3COM",
             16, 2, 'n', 's', 0xC0, 12),
        XROW("MX: pointer after preference", TP_TYPE_MX, TP_OK,
             "\0\12\7Example\3COM", 15, 0, 10, 0xC0, 12),
        XROW("SOA: both names compressed", TP_TYPE_SOA, TP_OK,
             "\7Example\3COM\0\7Example\3COM\0"
             "\0\0\0\1\0\0\0\2\0\0\0\3\0\0\0\4\0\0\0\5",
             46, 0xC0, 12, 0xC0, 12, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0,
             0, 4, 0, 0, 0, 5),
        XROW("SRV: old servers compress (RFC 3597 SHOULD)", 33, TP_OK,
             "\0\1\0\2\0\3\7Example\3COM", 19, 0, 1, 0, 2, 0, 3, 0xC0, 12),
        XROW("RRSIG signer: pointer refused", TP_TYPE_RRSIG, TP_EPOINTER, NULL,
             0, 0, 1, 13, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 4, 0xC0, 12,
             9),
        XROW("NSEC next: pointer refused", TP_TYPE_NSEC, TP_EPOINTER, NULL, 0,
             0xC0, 12, 0, 1, 0x40),
        XROW("DNAME: pointer refused", TP_TYPE_DNAME, TP_EPOINTER, NULL, 0,
             0xC0, 12),
        XROW("KX: pointer refused", 36, TP_EPOINTER, NULL, 0, 0, 1, 0xC0, 12),
        XROW("unknown type: pointer-like octets stay opaque", 65280, TP_OK,
             "\xC0\x0C", 2, 0xC0, 12),
        XROW("A: 3 octets", TP_TYPE_A, TP_ETRUNCATED, NULL, 0, 1, 2, 3),
        XROW("A: 5 octets", TP_TYPE_A, TP_ETRAILING, NULL, 0, 1, 2, 3, 4, 5),
        XROW("AAAA: 4 octets", TP_TYPE_AAAA, TP_ETRUNCATED, NULL, 0, 1, 2, 3,
             4),
        XROW("MX: octets after the name", TP_TYPE_MX, TP_ETRAILING, NULL, 0, 0,
             1, 0, 7),
        {"TXT: empty RDATA", TP_TYPE_TXT, B(PREFIX), BL(PREFIX), TP_ETRUNCATED,
         NULL, 0},
        XROW("TXT: string past the end", TP_TYPE_TXT, TP_ETRUNCATED, NULL, 0, 3,
             'a', 'b'),
        XROW("DS: shorter than its fixed part", TP_TYPE_DS, TP_ETRUNCATED, NULL,
             0, 0, 1, 13),
        XROW("NSEC3: salt past the end", TP_TYPE_NSEC3, TP_ETRUNCATED, NULL, 0,
             1, 0, 0, 0, 9, 1, 2),
        XROW("NSEC3PARAM: octet after the salt", TP_TYPE_NSEC3PARAM,
             TP_ETRAILING, NULL, 0, 1, 0, 0, 0, 1, 0xAA, 0),
        XROW("NAPTR: compressed replacement", 35, TP_OK,
             "\0\1\0\2\1S\0\0\7Example\3COM", 21, 0, 1, 0, 2, 1, 'S', 0, 0,
             0xC0, 12),
    };
    tp_arena_t *a = tp_arena_new(0);

    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        tp_rd_t r = tp_rd_init(rows[i].msg, rows[i].len);
        tp_bytes_t out = {NULL, 0};
        tp_err_t err;

        r.pos = RDATA_AT;
        err = tp_rdata_expand(&r, rows[i].type, a, &out);
        if (err != rows[i].want)
            fprintf(stderr, "\n  row '%s': got %s\n", rows[i].why,
                    tp_err_name(err));
        CU_ASSERT_EQUAL(err, rows[i].want);
        if (err != TP_OK || rows[i].want != TP_OK)
            continue;
        CU_ASSERT_EQUAL(r.pos, rows[i].len); /* consumed the whole RDATA */
        CU_ASSERT_EQUAL(out.len, rows[i].expanded_len);
        CU_ASSERT_EQUAL(memcmp(out.data, rows[i].expanded, out.len), 0);
    }
    tp_arena_free(a);
}

static void canon_is(uint16_t type, const uint8_t *in, size_t len,
                     const uint8_t *want)
{
    tp_buf_t out;
    tp_err_t err;

    tp_buf_init(&out, 1000);
    err = tp_rdata_canonical(type, tp_bytes(in, len), &out);
    CU_ASSERT_EQUAL(err, TP_OK);
    CU_ASSERT_EQUAL(out.len, len);
    if (err == TP_OK && out.len == len && memcmp(out.data, want, len) != 0) {
        fprintf(stderr, "\n  type %u: canonical form differs\n", type);
        CU_FAIL("canonical form differs");
    }
    tp_buf_clear(&out);
}

#define CANON(type, in, want) canon_is(type, B in, BL in, B want)

/* Which names are lowercased: every RFC 4034 6.2 type except NSEC and
 * RRSIG (RFC 6840 5.1); other octets never change. */
static void test_rdata_canonical_lowercasing(void)
{
    CANON(TP_TYPE_NS, (1, 'A', 0), (1, 'a', 0));
    CANON(TP_TYPE_CNAME, (2, 'X', 'y', 0), (2, 'x', 'y', 0));
    CANON(TP_TYPE_PTR, (1, 'Q', 0), (1, 'q', 0));
    CANON(TP_TYPE_DNAME, (1, 'D', 0), (1, 'd', 0));
    CANON(TP_TYPE_MX, (0, 'A', 1, 'B', 0), (0, 'A', 1, 'b', 0));
    CANON(TP_TYPE_SOA,
          (1, 'M', 0, 1, 'R', 0, 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',
           'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T'),
          (1, 'm', 0, 1, 'r', 0, 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',
           'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T'));
    CANON(TP_TYPE_SRV, (0, 1, 0, 2, 0, 3, 1, 'S', 0),
          (0, 1, 0, 2, 0, 3, 1, 's', 0));
    CANON(TP_TYPE_NAPTR, (0, 1, 0, 2, 1, 'U', 1, 'E', 0, 1, 'N', 0),
          (0, 1, 0, 2, 1, 'U', 1, 'E', 0, 1, 'n', 0));
    CANON(14, (1, 'A', 0, 1, 'B', 0), (1, 'a', 0, 1, 'b', 0)); /* MINFO */
    CANON(17, (1, 'A', 0, 1, 'B', 0), (1, 'a', 0, 1, 'b', 0)); /* RP */
    CANON(18, (0, 1, 1, 'A', 0), (0, 1, 1, 'a', 0));           /* AFSDB */
    CANON(21, (0, 1, 1, 'A', 0), (0, 1, 1, 'a', 0));           /* RT */
    CANON(36, (0, 1, 1, 'A', 0), (0, 1, 1, 'a', 0));           /* KX */
    CANON(26, (0, 1, 1, 'A', 0, 1, 'B', 0), (0, 1, 1, 'a', 0, 1, 'b', 0));
    /* Case kept. */
    CANON(TP_TYPE_NSEC, (1, 'N', 0, 0, 1, 0x40), (1, 'N', 0, 0, 1, 0x40));
    CANON(
        TP_TYPE_RRSIG,
        (0, 1, 13, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 4, 1, 'S', 0, 'X'),
        (0, 1, 13, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 4, 1, 'S', 0,
         'X'));
    CANON(TP_TYPE_TXT, (2, 'A', 'B'), (2, 'A', 'B'));
    CANON(TP_TYPE_HINFO, (1, 'A', 1, 'B'), (1, 'A', 1, 'B'));
    CANON(65280, (1, 'A', 0), (1, 'A', 0)); /* unknown: opaque */
}

static void test_rdata_canonical_errors(void)
{
    tp_buf_t out;

    tp_buf_init(&out, 1000);
    CU_ASSERT_EQUAL(tp_buf_append_str(&out, "keep"), TP_OK);
    /* A pointer is never valid in uncompressed RDATA. */
    CU_ASSERT_EQUAL(
        tp_rdata_canonical(TP_TYPE_NS, tp_bytes(B(0xC0, 0), 2), &out),
        TP_EPOINTER);
    CU_ASSERT_EQUAL(tp_rdata_canonical(
                        TP_TYPE_MX, tp_bytes(B(0, 1, 1, 'A', 0, 9), 6), &out),
                    TP_ETRAILING);
    CU_ASSERT_STRING_EQUAL(tp_buf_str(&out), "keep"); /* all or nothing */
    CU_ASSERT_EQUAL(tp_rdata_canonical(TP_TYPE_NS, tp_bytes(B(0), 1), NULL),
                    TP_EINVAL);
    tp_buf_clear(&out);
    tp_buf_init(&out, 2);
    CU_ASSERT_EQUAL(
        tp_rdata_canonical(TP_TYPE_NS, tp_bytes(B(2, 'a', 'b', 0), 4), &out),
        TP_ENOSPACE);
    tp_buf_clear(&out);
}

static void test_rdata_compare_order(void)
{
    CU_ASSERT_EQUAL(
        tp_rdata_compare(tp_bytes(B(1, 2), 2), tp_bytes(B(1, 2), 2)), 0);
    CU_ASSERT_EQUAL(
        tp_rdata_compare(tp_bytes(B(1, 2), 2), tp_bytes(B(1, 3), 2)), -1);
    CU_ASSERT_EQUAL(tp_rdata_compare(tp_bytes(B(2), 1), tp_bytes(B(1, 9), 2)),
                    1);
    /* Shorter first on a common prefix; octets compare unsigned. */
    CU_ASSERT_EQUAL(tp_rdata_compare(tp_bytes(B(1), 1), tp_bytes(B(1, 0), 2)),
                    -1);
    CU_ASSERT_EQUAL(
        tp_rdata_compare(tp_bytes(B(0x80), 1), tp_bytes(B(0x7F), 1)), 1);
    CU_ASSERT_EQUAL(tp_rdata_compare(tp_bytes(NULL, 0), tp_bytes(B(0), 1)), -1);
}

static void test_rdata_view_rejects(void)
{
    const struct {
        const char *why;
        uint16_t type;
        const uint8_t *rdata;
        size_t len;
        tp_err_t want;
    } rows[] = {
        {"A of 3", TP_TYPE_A, B(1, 2, 3), 3, TP_ETRUNCATED},
        {"AAAA of 17", TP_TYPE_AAAA,
         B(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 17,
         TP_ETRAILING},
        {"NS unterminated", TP_TYPE_NS, B(1, 'a'), 2, TP_ETRUNCATED},
        {"NS compressed", TP_TYPE_NS, B(0xC0, 0), 2, TP_EPOINTER},
        {"SOA short", TP_TYPE_SOA, B(0, 0, 0, 0, 0), 5, TP_ETRUNCATED},
        {"MX no name", TP_TYPE_MX, B(0, 1), 2, TP_ETRUNCATED},
        {"TXT empty", TP_TYPE_TXT, B(0), 0, TP_ETRUNCATED},
        {"TXT overrun", TP_TYPE_TXT, B(1, 'a', 5), 3, TP_ETRUNCATED},
        {"DS short", TP_TYPE_DS, B(0, 1, 8), 3, TP_ETRUNCATED},
        {"DNSKEY short", TP_TYPE_DNSKEY, B(1, 1, 3), 3, TP_ETRUNCATED},
        {"RRSIG without signer", TP_TYPE_RRSIG,
         B(0, 1, 13, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 4), 18,
         TP_ETRUNCATED},
        {"NSEC3 hash length 0", TP_TYPE_NSEC3, B(1, 0, 0, 0, 0, 0), 6,
         TP_EMALFORMED},
        {"NSEC3 hash past end", TP_TYPE_NSEC3, B(1, 0, 0, 0, 0, 20, 1), 7,
         TP_ETRUNCATED},
        {"NSEC3PARAM trailing", TP_TYPE_NSEC3PARAM, B(1, 0, 0, 0, 0, 7), 6,
         TP_ETRAILING},
    };

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        tp_rdata_view_t v;
        tp_err_t err = tp_rdata_view(rows[i].type,
                                     tp_bytes(rows[i].rdata, rows[i].len), &v);
        if (err != rows[i].want)
            fprintf(stderr, "\n  row '%s': got %s\n", rows[i].why,
                    tp_err_name(err));
        CU_ASSERT_EQUAL(err, rows[i].want);
        CU_ASSERT_EQUAL(v.type, rows[i].type);
        CU_ASSERT_PTR_NULL(v.u.soa.mname); /* nothing half-filled */
    }
}

static void test_rdata_view_values(void)
{
    const uint8_t rrsig[] = {0,    48,   8,    2,    0,    0,    0x0E, 0x10,
                             0x6B, 0x2B, 0xDE, 0,    0x69, 0x55, 0xB9, 0,
                             0x12, 0x34, 7,    'E',  'x',  'a',  'm',  'p',
                             'l',  'e',  0,    0xAA, 0xBB};
    const uint8_t nsec3[] = {1, 1, 0, 10, 2, 0xAB, 0xCD,
                             3, 1, 2, 3,  0, 1,    0x40};
    const uint8_t unknown[] = {1, 2, 3};
    tp_rdata_view_t v;

    CU_ASSERT_EQUAL_FATAL(
        tp_rdata_view(TP_TYPE_RRSIG, tp_bytes(rrsig, sizeof(rrsig)), &v),
        TP_OK);
    CU_ASSERT_EQUAL(v.u.rrsig.type_covered, TP_TYPE_DNSKEY);
    CU_ASSERT_EQUAL(v.u.rrsig.algorithm, 8);
    CU_ASSERT_EQUAL(v.u.rrsig.labels, 2);
    CU_ASSERT_EQUAL(v.u.rrsig.original_ttl, 3600);
    CU_ASSERT_EQUAL(v.u.rrsig.expiration, 0x6B2BDE00u);
    CU_ASSERT_EQUAL(v.u.rrsig.inception, 0x6955B900u);
    CU_ASSERT_EQUAL(v.u.rrsig.key_tag, 0x1234);
    CU_ASSERT_PTR_EQUAL(v.u.rrsig.signer, rrsig + 18);
    CU_ASSERT_EQUAL(v.u.rrsig.signed_part.len, 27);
    CU_ASSERT_EQUAL(v.u.rrsig.signature.len, 2);
    CU_ASSERT_PTR_EQUAL(v.u.rrsig.signature.data, rrsig + 27);

    CU_ASSERT_EQUAL_FATAL(
        tp_rdata_view(TP_TYPE_NSEC3, tp_bytes(nsec3, sizeof(nsec3)), &v),
        TP_OK);
    CU_ASSERT_EQUAL(v.u.nsec3.hash_alg, 1);
    CU_ASSERT_EQUAL(v.u.nsec3.flags, 1); /* opt-out */
    CU_ASSERT_EQUAL(v.u.nsec3.iterations, 10);
    CU_ASSERT_EQUAL(v.u.nsec3.salt.len, 2);
    CU_ASSERT_PTR_EQUAL(v.u.nsec3.salt.data, nsec3 + 5);
    CU_ASSERT_EQUAL(v.u.nsec3.next_hashed.len, 3);
    CU_ASSERT_EQUAL(v.u.nsec3.bitmap.len, 3);
    CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec3.bitmap, TP_TYPE_A));

    /* Salt "-" is a zero-length salt. */
    CU_ASSERT_EQUAL(
        tp_rdata_view(TP_TYPE_NSEC3PARAM, tp_bytes(B(1, 0, 0, 0, 0), 5), &v),
        TP_OK);
    CU_ASSERT_EQUAL(v.u.nsec3param.salt.len, 0);

    CU_ASSERT_EQUAL(tp_rdata_view(99, tp_bytes(unknown, 3), &v), TP_OK);
    CU_ASSERT_PTR_EQUAL(v.u.unknown.data, unknown);
    CU_ASSERT_EQUAL(v.u.unknown.len, 3);
    CU_ASSERT_EQUAL(tp_rdata_view(99, tp_bytes(NULL, 0), &v), TP_OK);
    CU_ASSERT_EQUAL(v.u.unknown.len, 0);
    CU_ASSERT_EQUAL(tp_rdata_view(99, tp_bytes(NULL, 1), &v), TP_EINVAL);
    CU_ASSERT_EQUAL(tp_rdata_view(99, tp_bytes(unknown, 3), NULL), TP_EINVAL);
}

static void test_txt_next(void)
{
    const uint8_t txt[] = {2, 'h', 'i', 0, 1, 'x'};
    tp_bytes_t rest = tp_bytes(txt, sizeof(txt)), s;

    CU_ASSERT_TRUE(tp_txt_next(&rest, &s));
    CU_ASSERT_EQUAL(s.len, 2);
    CU_ASSERT_EQUAL(memcmp(s.data, "hi", 2), 0);
    CU_ASSERT_TRUE(tp_txt_next(&rest, &s));
    CU_ASSERT_EQUAL(s.len, 0);
    CU_ASSERT_TRUE(tp_txt_next(&rest, &s));
    CU_ASSERT_EQUAL(s.data[0], 'x');
    CU_ASSERT_FALSE(tp_txt_next(&rest, &s));
    rest = tp_bytes(B(4, 'a'), 2); /* overrun: stop, never read past */
    CU_ASSERT_FALSE(tp_txt_next(&rest, &s));
}

static void test_bitmap_check_table(void)
{
    const struct {
        const char *why;
        const uint8_t *bm;
        size_t len;
        tp_err_t want;
    } rows[] = {
        {"empty (NSEC3 of an empty non-terminal)", B(0), 0, TP_OK},
        {"A NS SOA", B(0, 1, 0x62), 3, TP_OK},
        {"two windows ascending", B(0, 1, 0x40, 1, 1, 0x40), 6, TP_OK},
        {"window length 32",
         B(0, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
         34, TP_OK},
        {"windows descending", B(1, 1, 0x40, 0, 1, 0x40), 6, TP_EMALFORMED},
        {"window repeated", B(0, 1, 0x40, 0, 1, 0x20), 6, TP_EMALFORMED},
        {"window length 0", B(0, 0), 2, TP_EMALFORMED},
        {"window length 33", B(0, 33), 2, TP_EMALFORMED},
        {"window past the end", B(0, 3, 0x40), 3, TP_EMALFORMED},
        {"trailing zero octet", B(0, 2, 0x40, 0), 4, TP_EMALFORMED},
        {"empty window", B(0, 1, 0), 3, TP_EMALFORMED},
        {"lone window number", B(0), 1, TP_EMALFORMED},
    };

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        tp_err_t err = tp_bitmap_check(tp_bytes(rows[i].bm, rows[i].len));
        if (err != rows[i].want)
            fprintf(stderr, "\n  row '%s': got %s\n", rows[i].why,
                    tp_err_name(err));
        CU_ASSERT_EQUAL(err, rows[i].want);
    }
}

static void test_bitmap_has(void)
{
    /* RFC 4034 4.3 example: A MX RRSIG NSEC TYPE1234. */
    const uint8_t bm[] = {0x00, 0x06, 0x40, 0x01, 0x00, 0x00, 0x00, 0x03,
                          0x04, 0x1b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                          0x00, 0x00, 0x00, 0x00, 0x20};
    tp_bytes_t b = tp_bytes(bm, sizeof(bm));
    unsigned present = 0;

    CU_ASSERT_EQUAL_FATAL(tp_bitmap_check(b), TP_OK);
    for (unsigned t = 0; t < 65536; t++)
        present += tp_bitmap_has(b, (uint16_t)t);
    CU_ASSERT_EQUAL(present, 5);
    CU_ASSERT_TRUE(tp_bitmap_has(b, TP_TYPE_A));
    CU_ASSERT_TRUE(tp_bitmap_has(b, TP_TYPE_MX));
    CU_ASSERT_TRUE(tp_bitmap_has(b, TP_TYPE_RRSIG));
    CU_ASSERT_TRUE(tp_bitmap_has(b, TP_TYPE_NSEC));
    CU_ASSERT_TRUE(tp_bitmap_has(b, 1234));
    CU_ASSERT_FALSE(tp_bitmap_has(b, TP_TYPE_NS));
    /* A malformed bitmap answers false even where the bit is set. */
    CU_ASSERT_FALSE(tp_bitmap_has(tp_bytes(B(0, 2, 0x40, 0), 4), TP_TYPE_A));
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("wire.rdata", NULL, NULL);
    if (s == NULL ||
        !CU_add_test(s, "wire: expand follows the RFC 3597 table",
                     test_rdata_expand_table) ||
        !CU_add_test(s, "wire: canonical lowercasing per type",
                     test_rdata_canonical_lowercasing) ||
        !CU_add_test(s, "wire: canonical errors append nothing",
                     test_rdata_canonical_errors) ||
        !CU_add_test(s, "wire: RFC 4034 6.3 RDATA order",
                     test_rdata_compare_order) ||
        !CU_add_test(s, "wire: views reject malformed RDATA",
                     test_rdata_view_rejects) ||
        !CU_add_test(s, "wire: view values", test_rdata_view_values) ||
        !CU_add_test(s, "wire: TXT strings", test_txt_next) ||
        !CU_add_test(s, "wire: bitmap check table", test_bitmap_check_table) ||
        !CU_add_test(s, "wire: bitmap has (RFC 4034 4.3)", test_bitmap_has))
        return -1;
    return 0;
}
