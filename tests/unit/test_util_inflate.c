/* util: gzip/DEFLATE decoder. Known answers from files made with GNU gzip
 * (tests/data/inflate/README.md): stored, fixed and dynamic Huffman
 * blocks, several members, an empty member; then corrupt and hostile
 * streams, each with its exact error code. */
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/inflate.h"

/* ---- helpers -------------------------------------------------------------
 */

static uint8_t *read_data(const char *rel, size_t *len)
{
    char *p = tp_test_read_file(rel, len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    return (uint8_t *)p;
}

/* gunzip `gz` (a tests/data file) and compare with `plain`. */
static void check_file(const char *gz, const char *plain)
{
    size_t glen, plen;
    uint8_t *g = read_data(gz, &glen);
    uint8_t *p = read_data(plain, &plen);
    tp_buf_t out;
    const char *why = "unset";

    tp_buf_init(&out, 1 << 20);
    CU_ASSERT_EQUAL(tp_gunzip(tp_bytes(g, glen), &out, &why), TP_OK);
    CU_ASSERT_PTR_NULL(why);
    CU_ASSERT_EQUAL(out.len, plen);
    if (out.len == plen && plen != 0) {
        CU_ASSERT_EQUAL(memcmp(out.data, p, plen), 0);
    }
    tp_buf_clear(&out);
    free(g);
    free(p);
}

/* A bit writer for hand-made DEFLATE streams: fields go least significant
 * bit first, Huffman codes most significant bit first (RFC 1951 3.1.1). */
typedef struct bw {
    uint8_t b[64];
    size_t bits;
} bw_t;

static void bw_put(bw_t *w, unsigned v, unsigned n)
{
    for (unsigned i = 0; i < n; i++, w->bits++) {
        if ((v >> i) & 1)
            w->b[w->bits / 8] |= (uint8_t)(1u << (w->bits % 8));
    }
}

static void bw_code(bw_t *w, unsigned code, unsigned n)
{
    for (unsigned i = n; i-- > 0; w->bits++) {
        if ((code >> i) & 1)
            w->b[w->bits / 8] |= (uint8_t)(1u << (w->bits % 8));
    }
}

static size_t bw_len(const bw_t *w)
{
    return (w->bits + 7) / 8;
}

static tp_err_t raw(const uint8_t *in, size_t len, size_t max, tp_buf_t *out,
                    const char **why)
{
    tp_buf_init(out, max);
    return tp_inflate(tp_bytes(in, len), out, NULL, why);
}

/* ---- known answers -------------------------------------------------------
 */

static void test_crc32_check_value(void)
{
    CU_ASSERT_EQUAL(tp_crc32(0, "123456789", 9), 0xcbf43926u);
    CU_ASSERT_EQUAL(tp_crc32(0, "", 0), 0u);
    /* Continuation equals one pass. */
    CU_ASSERT_EQUAL(tp_crc32(tp_crc32(0, "1234", 4), "56789", 5), 0xcbf43926u);
}

static void test_detect(void)
{
    CU_ASSERT_TRUE(tp_gzip_detect("\x1f\x8b\x08", 3));
    CU_ASSERT_FALSE(tp_gzip_detect("\x1f", 1));
    CU_ASSERT_FALSE(tp_gzip_detect("{\"a\":1}", 7));
    CU_ASSERT_FALSE(tp_gzip_detect(NULL, 0));
}

static void test_gzip_fixed_block(void)
{
    check_file("inflate/short.txt.gz", "inflate/short.txt");
}

static void test_gzip_dynamic_blocks_with_fname(void)
{
    check_file("inflate/zone.txt.gz", "inflate/zone.txt");
}

static void test_gzip_stored_blocks(void)
{
    check_file("inflate/random.bin.gz", "inflate/random.bin");
}

static void test_gzip_empty_member(void)
{
    size_t glen;
    uint8_t *g = read_data("inflate/empty.txt.gz", &glen);
    tp_buf_t out;

    tp_buf_init(&out, 16);
    CU_ASSERT_EQUAL(tp_gunzip(tp_bytes(g, glen), &out, NULL), TP_OK);
    CU_ASSERT_EQUAL(out.len, 0);
    tp_buf_clear(&out);
    free(g);
}

static void test_gzip_two_members(void)
{
    size_t glen, alen, blen;
    uint8_t *g = read_data("inflate/multi.gz", &glen);
    uint8_t *a = read_data("inflate/short.txt", &alen);
    uint8_t *b = read_data("inflate/zone.txt", &blen);
    tp_buf_t out;

    tp_buf_init(&out, 1 << 20);
    CU_ASSERT_EQUAL_FATAL(tp_gunzip(tp_bytes(g, glen), &out, NULL), TP_OK);
    CU_ASSERT_EQUAL_FATAL(out.len, alen + blen);
    CU_ASSERT_EQUAL(memcmp(out.data, a, alen), 0);
    CU_ASSERT_EQUAL(memcmp(out.data + alen, b, blen), 0);
    CU_ASSERT_EQUAL(out.data[out.len], 0); /* tp_buf_t stays a string */
    tp_buf_clear(&out);
    free(g);
    free(a);
    free(b);
}

/* Re-wrap short.txt.gz's DEFLATE data in a header with FEXTRA, FNAME,
 * FCOMMENT and a correct (then a wrong) FHCRC. */
static void test_gzip_optional_header_fields(void)
{
    size_t glen, plen, n = 0;
    uint8_t *g = read_data("inflate/short.txt.gz", &glen);
    uint8_t *p = read_data("inflate/short.txt", &plen);
    uint8_t m[256];
    static const uint8_t head[] = {0x1f, 0x8b, 8, 0x1e, 0,   0,   0,   0,
                                   0,    3,    4, 0,    'a', 'b', 'c', 'd',
                                   'n',  '.',  0, 'h',  'i', 0};
    uint32_t crc;
    tp_buf_t out;
    const char *why;

    memcpy(m, head, sizeof(head));
    n = sizeof(head);
    crc = tp_crc32(0, m, n);
    m[n++] = (uint8_t)crc;
    m[n++] = (uint8_t)(crc >> 8);
    memcpy(m + n, g + 10, glen - 10); /* deflate data + trailer */
    n += glen - 10;
    tp_buf_init(&out, 4096);
    CU_ASSERT_EQUAL(tp_gunzip(tp_bytes(m, n), &out, &why), TP_OK);
    CU_ASSERT_EQUAL(out.len, plen);
    CU_ASSERT_EQUAL(memcmp(out.data, p, plen), 0);
    tp_buf_reset(&out);
    m[sizeof(head)] ^= 1;
    CU_ASSERT_EQUAL(tp_gunzip(tp_bytes(m, n), &out, &why), TP_EFORMAT);
    CU_ASSERT_STRING_EQUAL(why, "the gzip header CRC16 does not match");
    tp_buf_clear(&out);
    free(g);
    free(p);
}

static void test_raw_stored_and_used_bytes(void)
{
    static const uint8_t s[] = {0x01, 3, 0, 0xfc, 0xff, 'a', 'b', 'c', 0xee};
    tp_buf_t out;
    size_t used = 0;

    tp_buf_init(&out, 16);
    CU_ASSERT_EQUAL(tp_inflate(tp_bytes(s, sizeof(s)), &out, &used, NULL),
                    TP_OK);
    CU_ASSERT_EQUAL(used, 8); /* the trailing 0xee is not part of it */
    CU_ASSERT_EQUAL(out.len, 3);
    CU_ASSERT_STRING_EQUAL((const char *)out.data, "abc");
    tp_buf_clear(&out);
}

/* A fixed block with a literal and an overlapping copy: "a" then
 * <length 5, distance 1> gives "aaaaaa". */
static void test_raw_fixed_overlapping_copy(void)
{
    bw_t w = {{0}, 0};
    tp_buf_t out;

    bw_put(&w, 1, 1);           /* BFINAL */
    bw_put(&w, 1, 2);           /* BTYPE 01: fixed */
    bw_code(&w, 0x30 + 'a', 8); /* literal 'a' (0..143: 8 bits) */
    bw_code(&w, 259 - 256, 7);  /* length 5 */
    bw_code(&w, 0, 5);          /* distance 1 */
    bw_code(&w, 0, 7);          /* end of block */
    CU_ASSERT_EQUAL(raw(w.b, bw_len(&w), 64, &out, NULL), TP_OK);
    CU_ASSERT_EQUAL(out.len, 6);
    CU_ASSERT_STRING_EQUAL((const char *)out.data, "aaaaaa");
    tp_buf_clear(&out);
}

/* ---- corrupt and hostile streams ----------------------------------------
 */

typedef struct bad_row {
    const char *label;
    const uint8_t *data;
    size_t len;
    tp_err_t err;
    const char *why;
} bad_row_t;

static void test_raw_corrupt_rows(void)
{
    static const uint8_t type3[] = {0x07};
    static const uint8_t nlen[] = {0x01, 3, 0, 0, 0, 'a', 'b', 'c'};
    static const uint8_t cut_stored[] = {0x01, 3, 0, 0xfc, 0xff, 'a'};
    static const uint8_t cut_header[] = {0x01, 3, 0};
    bw_t far = {{0}, 0}, l286 = {{0}, 0}, d30 = {{0}, 0}, hlit = {{0}, 0},
         over = {{0}, 0}, rep0 = {{0}, 0}, noeob = {{0}, 0};
    tp_buf_t out;

    /* A copy before any output: distance 1 at position 0. */
    bw_put(&far, 1, 1);
    bw_put(&far, 1, 2);
    bw_code(&far, 1, 7); /* length 3 */
    bw_code(&far, 0, 5);
    /* Length symbol 286 (fixed code 280..287: 11000000 + n). */
    bw_put(&l286, 1, 1);
    bw_put(&l286, 1, 2);
    bw_code(&l286, 0xc0 + 6, 8);
    /* Distance symbol 30. */
    bw_put(&d30, 1, 1);
    bw_put(&d30, 1, 2);
    bw_code(&d30, 0x30 + 'x', 8);
    bw_code(&d30, 1, 7);
    bw_code(&d30, 30, 5);
    /* Dynamic block with HLIT 29 + 257 = 286 + ... = 288 codes. */
    bw_put(&hlit, 1, 1);
    bw_put(&hlit, 2, 2);
    bw_put(&hlit, 31, 5);
    bw_put(&hlit, 0, 5);
    bw_put(&hlit, 0, 4);
    /* Code-length code with four 1-bit codes: over-subscribed. */
    bw_put(&over, 1, 1);
    bw_put(&over, 2, 2);
    bw_put(&over, 0, 5);
    bw_put(&over, 0, 5);
    bw_put(&over, 0, 4); /* HCLEN 4: symbols 16, 17, 18, 0 */
    for (int i = 0; i < 4; i++)
        bw_put(&over, 1, 3);
    /* Code-length code {16: 1 bit, 17: 1 bit}; first symbol is 16 (repeat
     * the previous length) with no previous length. */
    bw_put(&rep0, 1, 1);
    bw_put(&rep0, 2, 2);
    bw_put(&rep0, 0, 5);
    bw_put(&rep0, 0, 5);
    bw_put(&rep0, 0, 4);
    bw_put(&rep0, 1, 3);
    bw_put(&rep0, 1, 3);
    bw_put(&rep0, 0, 3);
    bw_put(&rep0, 0, 3);
    bw_code(&rep0, 0, 1); /* symbol 16 */
    bw_put(&rep0, 0, 2);
    /* Code lengths {0: 1, 1: 1}, then 257 + 1 lengths that leave 256 at 0:
     * code-length code {0: 1 bit, 18: 1 bit}; 18 x 138, 18 x 119 zeros,
     * then zeros up to 258 (256 is never given a length). */
    bw_put(&noeob, 1, 1);
    bw_put(&noeob, 2, 2);
    bw_put(&noeob, 0, 5); /* HLIT 257 */
    bw_put(&noeob, 0, 5); /* HDIST 1 */
    bw_put(&noeob, 0, 4); /* HCLEN 4: 16, 17, 18, 0 */
    bw_put(&noeob, 0, 3);
    bw_put(&noeob, 0, 3);
    bw_put(&noeob, 1, 3); /* 18: code 1 */
    bw_put(&noeob, 1, 3); /* 0: code 0 */
    bw_code(&noeob, 1, 1);
    bw_put(&noeob, 127, 7); /* 138 zeros */
    bw_code(&noeob, 1, 1);
    bw_put(&noeob, 109, 7); /* 120 zeros: 258 in all */

    const bad_row_t rows[] = {
        {"empty input", NULL, 0, TP_ETRUNCATED,
         "the DEFLATE stream ends early"},
        {"block type 3", type3, sizeof(type3), TP_EFORMAT,
         "a block has the reserved type 3"},
        {"stored LEN/NLEN", nlen, sizeof(nlen), TP_EFORMAT,
         "a stored block's LEN and NLEN disagree"},
        {"stored data cut", cut_stored, sizeof(cut_stored), TP_ETRUNCATED,
         "the DEFLATE stream ends early"},
        {"stored header cut", cut_header, sizeof(cut_header), TP_ETRUNCATED,
         "the DEFLATE stream ends early"},
        {"distance before output", far.b, bw_len(&far), TP_EFORMAT,
         "a distance reaches before the output"},
        {"length symbol 286", l286.b, bw_len(&l286), TP_EFORMAT,
         "an invalid length symbol (286/287)"},
        {"distance symbol 30", d30.b, bw_len(&d30), TP_EFORMAT,
         "an invalid distance symbol (30/31)"},
        {"HLIT 288", hlit.b, bw_len(&hlit), TP_EFORMAT,
         "too many length or distance codes"},
        {"over-subscribed", over.b, bw_len(&over), TP_EFORMAT,
         "the code-length code is over-subscribed"},
        {"repeat with no previous", rep0.b, bw_len(&rep0), TP_EFORMAT,
         "a repeat code has no previous length"},
        {"no end-of-block code", noeob.b, bw_len(&noeob), TP_EFORMAT,
         "the block has no end-of-block code"},
    };

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const char *why = NULL;
        tp_err_t err = raw(rows[i].data, rows[i].len, 1024, &out, &why);
        if (err != rows[i].err || why == NULL ||
            strcmp(why, rows[i].why) != 0) {
            CU_FAIL(rows[i].label);
        }
        CU_ASSERT_EQUAL(err, rows[i].err);
        CU_ASSERT_PTR_NOT_NULL(why);
        if (why != NULL) {
            CU_ASSERT_STRING_EQUAL(why, rows[i].why);
        }
        tp_buf_clear(&out);
    }
}

static void test_gzip_corrupt_rows(void)
{
    size_t glen;
    uint8_t *g = read_data("inflate/zone.txt.gz", &glen);
    uint8_t *m = malloc(glen + 16);

    struct {
        const char *label;
        size_t at;    /* byte to change (SIZE_MAX: none) */
        uint8_t xor ; /* how */
        size_t len;   /* length to feed */
        tp_err_t err;
        const char *why;
    } rows[] = {
        {"magic", 1, 0xff, glen, TP_EFORMAT, "not gzip data (no 1f 8b magic)"},
        {"method", 2, 0x0f, glen, TP_EFORMAT,
         "the gzip compression method is not DEFLATE (8)"},
        {"reserved flag", 3, 0x80, glen, TP_EFORMAT,
         "the gzip header sets reserved flags"},
        {"header cut", SIZE_MAX, 0, 9, TP_ETRUNCATED,
         "the gzip header is cut short"},
        {"fname cut", SIZE_MAX, 0, 14, TP_ETRUNCATED,
         "the gzip header is cut short"},
        {"data cut", SIZE_MAX, 0, glen / 2, TP_ETRUNCATED,
         "the DEFLATE stream ends early"},
        {"trailer cut", SIZE_MAX, 0, glen - 3, TP_ETRUNCATED,
         "the gzip trailer (CRC32, ISIZE) is cut short"},
        {"crc32", glen - 8, 0x01, glen, TP_EFORMAT,
         "the gzip CRC32 does not match the data"},
        {"isize", glen - 1, 0x01, glen, TP_EFORMAT,
         "the gzip ISIZE does not match the data length"},
        {"trailing garbage", SIZE_MAX, 0, glen + 3, TP_EFORMAT,
         "trailing bytes after the gzip data"},
        {"a second member cut", SIZE_MAX, 0, glen + 5, TP_ETRUNCATED,
         "the gzip header is cut short"},
    };

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        tp_buf_t out;
        const char *why = NULL;
        tp_err_t err;

        memcpy(m, g, glen);
        memcpy(m + glen, i == 9 ? "abc\0\0" : "\x1f\x8b\x08\x00\x00", 5);
        if (rows[i].at != SIZE_MAX)
            m[rows[i].at] ^= rows[i].xor ;
        tp_buf_init(&out, 1 << 20);
        err = tp_gunzip(tp_bytes(m, rows[i].len), &out, &why);
        if (err != rows[i].err || why == NULL ||
            strcmp(why, rows[i].why) != 0) {
            CU_FAIL(rows[i].label);
        }
        CU_ASSERT_EQUAL(err, rows[i].err);
        if (why != NULL) {
            CU_ASSERT_STRING_EQUAL(why, rows[i].why);
        }
        tp_buf_clear(&out);
    }
    free(m);
    free(g);
}

static void test_output_limit(void)
{
    size_t glen, zlen, plen;
    uint8_t *g = read_data("inflate/zeros-1mib.gz", &glen);
    uint8_t *z = read_data("inflate/zone.txt.gz", &zlen);
    uint8_t *p = read_data("inflate/zone.txt", &plen);
    tp_buf_t out;
    const char *why = NULL;

    /* A 1 MiB "bomb" of 1 KiB stops at the limit, with what fit. */
    tp_buf_init(&out, 65536);
    CU_ASSERT_EQUAL(tp_gunzip(tp_bytes(g, glen), &out, &why), TP_ELIMIT);
    CU_ASSERT_STRING_EQUAL(why, "the output exceeds its size limit");
    CU_ASSERT_EQUAL(out.len, 65536);
    CU_ASSERT_TRUE(out.cap <= 65537);
    tp_buf_clear(&out);
    /* Exactly the size fits. */
    tp_buf_init(&out, 1048576);
    CU_ASSERT_EQUAL(tp_gunzip(tp_bytes(g, glen), &out, NULL), TP_OK);
    CU_ASSERT_EQUAL(out.len, 1048576);
    tp_buf_clear(&out);
    /* A prefix of real text: the part that fit is correct. */
    tp_buf_init(&out, 1000);
    CU_ASSERT_EQUAL(tp_gunzip(tp_bytes(z, zlen), &out, &why), TP_ELIMIT);
    CU_ASSERT_EQUAL_FATAL(out.len, 1000);
    CU_ASSERT_EQUAL(memcmp(out.data, p, 1000), 0);
    tp_buf_clear(&out);
    free(g);
    free(z);
    free(p);
}

/* Every truncation and every single-bit flip of a real member fails
 * cleanly or (rarely, for flips in MTIME/XFL/OS/FNAME) still decodes. */
static void test_every_cut_and_flip(void)
{
    size_t glen;
    uint8_t *g = read_data("inflate/short.txt.gz", &glen);
    uint8_t m[64];
    tp_buf_t out;

    CU_ASSERT_FATAL(glen <= sizeof(m));
    for (size_t n = 0; n < glen; n++) {
        tp_buf_init(&out, 4096);
        CU_ASSERT_NOT_EQUAL(tp_gunzip(tp_bytes(g, n), &out, NULL), TP_OK);
        tp_buf_clear(&out);
    }
    for (size_t i = 0; i < glen * 8; i++) {
        tp_err_t err;
        memcpy(m, g, glen);
        m[i / 8] ^= (uint8_t)(1u << (i % 8));
        tp_buf_init(&out, 4096);
        err = tp_gunzip(tp_bytes(m, glen), &out, NULL);
        if ((i / 8 >= 4 && i / 8 < 10) || i == 3 * 8) {
            CU_ASSERT_EQUAL(err, TP_OK); /* MTIME, XFL, OS, FTEXT: free */
        } else {
            CU_ASSERT_NOT_EQUAL(err, TP_OK);
        }
        tp_buf_clear(&out);
    }
    free(g);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("inflate", NULL, NULL);
    if (s == NULL ||
        !CU_add_test(s, "crc32: check value", test_crc32_check_value) ||
        !CU_add_test(s, "gzip: magic detection", test_detect) ||
        !CU_add_test(s, "gzip: fixed Huffman block", test_gzip_fixed_block) ||
        !CU_add_test(s, "gzip: dynamic Huffman blocks, FNAME",
                     test_gzip_dynamic_blocks_with_fname) ||
        !CU_add_test(s, "gzip: stored blocks", test_gzip_stored_blocks) ||
        !CU_add_test(s, "gzip: empty member", test_gzip_empty_member) ||
        !CU_add_test(s, "gzip: two members", test_gzip_two_members) ||
        !CU_add_test(s, "gzip: FEXTRA, FNAME, FCOMMENT, FHCRC",
                     test_gzip_optional_header_fields) ||
        !CU_add_test(s, "raw: stored block, bytes used",
                     test_raw_stored_and_used_bytes) ||
        !CU_add_test(s, "raw: fixed block, overlapping copy",
                     test_raw_fixed_overlapping_copy) ||
        !CU_add_test(s, "raw: corrupt streams", test_raw_corrupt_rows) ||
        !CU_add_test(s, "gzip: corrupt files", test_gzip_corrupt_rows) ||
        !CU_add_test(s, "gzip: output limit", test_output_limit) ||
        !CU_add_test(s, "gzip: every cut and bit flip",
                     test_every_cut_and_flip))
        return -1;
    return 0;
}
