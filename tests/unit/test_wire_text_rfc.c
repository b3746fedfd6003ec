/* wire/text on the RFC example data (tests/data/rfc/): RFC 4035 Appendix B
 * responses parse with the right record counts per section and exact field
 * values, and every record survives text -> wire -> text -> wire. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/text.h"

typedef struct fixture {
    const char *file;
    size_t answer, authority, additional;
} fixture_t;

static const fixture_t rfc4035_b[] = {
    {"rfc/rfc4035-b1.txt", 2, 3, 8}, {"rfc/rfc4035-b2.txt", 0, 6, 0},
    {"rfc/rfc4035-b3.txt", 0, 4, 0}, {"rfc/rfc4035-b4.txt", 0, 4, 2},
    {"rfc/rfc4035-b5.txt", 0, 4, 2}, {"rfc/rfc4035-b6.txt", 2, 5, 4},
    {"rfc/rfc4035-b7.txt", 0, 6, 0}, {"rfc/rfc4035-b8.txt", 0, 4, 0},
};

/* Parse text[from, to) as a zone without origin. */
static size_t parse_part(const char *text, size_t from, size_t to,
                         tp_arena_t *arena, tp_rrlist_t *list)
{
    tp_text_error_t err;
    size_t before = list->count;
    tp_err_t rc =
        tp_zone_parse(text + from, to - from, NULL, 0, arena, list, &err);

    CU_ASSERT_EQUAL(rc, TP_OK);
    if (rc != TP_OK)
        fprintf(stderr, "parse: line %u: %s\n", err.line, err.message);
    return list->count - before;
}

/* Parses a response fixture; counts per section go to counts[3]. */
static char *load_response(const char *file, tp_arena_t *arena,
                           tp_rrlist_t *list, size_t counts[3])
{
    static const char *const marks[] = {"\n;; ANSWER\n", "\n;; AUTHORITY\n",
                                        "\n;; ADDITIONAL\n"};
    size_t len, at[4];
    char *text = tp_test_read_file(file, &len);

    memset(list, 0, sizeof(*list));
    if (text == NULL)
        return NULL;
    for (int i = 0; i < 3; i++) {
        const char *m = strstr(text, marks[i]);

        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        at[i] = (size_t)(m - text);
    }
    at[3] = len;
    for (int i = 0; i < 3; i++)
        counts[i] = parse_part(text, at[i], at[i + 1], arena, list);
    return text;
}

/* text -> wire (the list) -> text -> wire must give the same octets. */
static void assert_round_trip(const tp_rrlist_t *list, tp_arena_t *arena)
{
    for (size_t i = 0; i < list->count; i++) {
        const tp_rr_t *rr = &list->rrs[i];
        tp_rrlist_t again = {0};
        tp_text_error_t err;
        tp_buf_t b;

        tp_buf_init(&b, 1 << 20);
        CU_ASSERT_EQUAL_FATAL(tp_rr_to_text(rr, &b), TP_OK);
        CU_ASSERT_EQUAL(tp_zone_parse((const char *)b.data, b.len, NULL, 0,
                                      arena, &again, &err),
                        TP_OK);
        CU_ASSERT_EQUAL_FATAL(again.count, 1);
        CU_ASSERT_EQUAL(tp_name_len(again.rrs[0].owner),
                        tp_name_len(rr->owner));
        CU_ASSERT_EQUAL(
            memcmp(again.rrs[0].owner, rr->owner, tp_name_len(rr->owner)), 0);
        CU_ASSERT_EQUAL(again.rrs[0].type, rr->type);
        CU_ASSERT_EQUAL(again.rrs[0].rclass, rr->rclass);
        CU_ASSERT_EQUAL(again.rrs[0].ttl, rr->ttl);
        CU_ASSERT_EQUAL_FATAL(again.rrs[0].rdata.len, rr->rdata.len);
        CU_ASSERT_EQUAL(
            memcmp(again.rrs[0].rdata.data, rr->rdata.data, rr->rdata.len), 0);
        tp_buf_clear(&b);
    }
}

static void test_rfc4035_b_responses_parse_and_round_trip(void)
{
    for (size_t f = 0; f < sizeof(rfc4035_b) / sizeof(rfc4035_b[0]); f++) {
        tp_arena_t *arena = tp_arena_new(0);
        tp_rrlist_t list;
        size_t counts[3];
        char *text = load_response(rfc4035_b[f].file, arena, &list, counts);

        CU_ASSERT_PTR_NOT_NULL_FATAL(text);
        CU_ASSERT_EQUAL(counts[0], rfc4035_b[f].answer);
        CU_ASSERT_EQUAL(counts[1], rfc4035_b[f].authority);
        CU_ASSERT_EQUAL(counts[2], rfc4035_b[f].additional);
        /* Every RRSIG of appendix B: RSA/SHA-1, key 38519, example., the
         * same validity window, a 1024-bit signature. */
        for (size_t i = 0; i < list.count; i++) {
            tp_rdata_view_t v;

            if (list.rrs[i].type != TP_TYPE_RRSIG)
                continue;
            CU_ASSERT_EQUAL_FATAL(
                tp_rdata_view(TP_TYPE_RRSIG, list.rrs[i].rdata, &v), TP_OK);
            CU_ASSERT_EQUAL(v.u.rrsig.algorithm, 5);
            CU_ASSERT_EQUAL(v.u.rrsig.key_tag, 38519);
            CU_ASSERT_EQUAL(v.u.rrsig.original_ttl, 3600);
            CU_ASSERT_EQUAL(v.u.rrsig.inception, 1081535779);
            CU_ASSERT_EQUAL(v.u.rrsig.expiration, 1084127779);
            CU_ASSERT_EQUAL(v.u.rrsig.signature.len, 128);
            CU_ASSERT_EQUAL(tp_name_labels(v.u.rrsig.signer), 1);
        }
        assert_round_trip(&list, arena);
        free(text);
        tp_arena_free(arena);
    }
}

static const tp_rr_t *find(const tp_rrlist_t *list, const char *owner,
                           uint16_t type, uint16_t covered)
{
    uint8_t name[TP_NAME_MAX];
    size_t len;

    if (tp_name_from_text(owner, strlen(owner), NULL, name, &len) != TP_OK)
        return NULL;
    for (size_t i = 0; i < list->count; i++) {
        const tp_rr_t *rr = &list->rrs[i];
        tp_rdata_view_t v;

        if (rr->type != type || !tp_name_equal(rr->owner, name))
            continue;
        if (type != TP_TYPE_RRSIG ||
            (tp_rdata_view(type, rr->rdata, &v) == TP_OK &&
             v.u.rrsig.type_covered == covered))
            return rr;
    }
    return NULL;
}

static void test_rfc4035_b_selected_fields(void)
{
    tp_arena_t *arena = tp_arena_new(0);
    tp_rrlist_t list;
    size_t counts[3];
    tp_rdata_view_t v;
    const tp_rr_t *rr;
    char *text = load_response("rfc/rfc4035-b1.txt", arena, &list, counts);

    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    rr = find(&list, "x.w.example.", TP_TYPE_RRSIG, TP_TYPE_MX);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rr);
    CU_ASSERT_EQUAL_FATAL(tp_rdata_view(rr->type, rr->rdata, &v), TP_OK);
    CU_ASSERT_EQUAL(v.u.rrsig.labels, 3);
    CU_ASSERT_EQUAL(v.u.rrsig.signature.data[0], 0x22); /* "Il2W" */
    rr = find(&list, "xx.example.", TP_TYPE_AAAA, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rr);
    CU_ASSERT_EQUAL(rr->rdata.data[15], 0xaa);
    free(text);

    text = load_response("rfc/rfc4035-b4.txt", arena, &list, counts);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    rr = find(&list, "a.example.", TP_TYPE_DS, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rr);
    CU_ASSERT_EQUAL_FATAL(tp_rdata_view(rr->type, rr->rdata, &v), TP_OK);
    CU_ASSERT_EQUAL(v.u.ds.key_tag, 57855);
    CU_ASSERT_EQUAL(v.u.ds.algorithm, 5);
    CU_ASSERT_EQUAL(v.u.ds.digest_type, 1);
    CU_ASSERT_EQUAL(v.u.ds.digest.len, 20);
    CU_ASSERT_EQUAL(v.u.ds.digest.data[0], 0xb6);
    CU_ASSERT_EQUAL(v.u.ds.digest.data[19], 0x6b);
    free(text);

    text = load_response("rfc/rfc4035-b6.txt", arena, &list, counts);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    rr = find(&list, "a.z.w.example.", TP_TYPE_RRSIG, TP_TYPE_MX);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rr);
    CU_ASSERT_EQUAL_FATAL(tp_rdata_view(rr->type, rr->rdata, &v), TP_OK);
    CU_ASSERT_EQUAL(v.u.rrsig.labels, 2); /* expanded from *.w.example */
    free(text);

    text = load_response("rfc/rfc4035-b7.txt", arena, &list, counts);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    rr = find(&list, "*.w.example.", TP_TYPE_NSEC, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rr);
    CU_ASSERT_EQUAL_FATAL(tp_rdata_view(rr->type, rr->rdata, &v), TP_OK);
    CU_ASSERT_EQUAL(tp_name_labels(v.u.nsec.next), 3);
    CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_MX));
    CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_NSEC));
    CU_ASSERT_FALSE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_AAAA));
    free(text);

    text = load_response("rfc/rfc4035-b8.txt", arena, &list, counts);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    rr = find(&list, "example.", TP_TYPE_SOA, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rr);
    CU_ASSERT_EQUAL_FATAL(tp_rdata_view(rr->type, rr->rdata, &v), TP_OK);
    CU_ASSERT_EQUAL(v.u.soa.serial, 1081539377);
    CU_ASSERT_EQUAL(v.u.soa.expire, 3600000);
    free(text);
    tp_arena_free(arena);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("wire_text_rfc", NULL, NULL);

    if (s == NULL ||
        !CU_add_test(s, "text: RFC 4035 B responses parse and round-trip",
                     test_rfc4035_b_responses_parse_and_round_trip) ||
        !CU_add_test(s, "text: RFC 4035 B selected field values",
                     test_rfc4035_b_selected_fields))
        return -1;
    return 0;
}
