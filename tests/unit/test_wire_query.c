/* wire: the query encoder (RFC 1035 4.1, EDNS0 per RFC 6891 6.1.2, DO per
 * RFC 3225), random query IDs, and RR lists that grow past any count. */
#include <string.h>

#include "runner.h"
#include "trustpath/wire.h"

static void test_query_build_edns_do(void)
{
    const uint8_t want[] = {
        0xBE, 0xEF, 0x01, 0x10, 0,    1,   0,   0,    0, 0, 0,  1, /* header */
        7,    'e',  'x',  'a',  'm',  'p', 'l', 'e',  0, 0, 48, 0,
        1,                                                      /* question */
        0,    0,    41,   0x04, 0xD0, 0,   0,   0x80, 0, 0, 0}; /* OPT */
    const tp_query_opts_t opts = {true, true, true, true, 1232};
    tp_buf_t out;
    tp_arena_t *a = tp_arena_new(0);
    tp_msg_t m;

    tp_buf_init(&out, 512);
    CU_ASSERT_EQUAL_FATAL(tp_query_build((const uint8_t *)"\7example",
                                         TP_TYPE_DNSKEY, TP_CLASS_IN, 0xBEEF,
                                         &opts, &out),
                          TP_OK);
    CU_ASSERT_EQUAL(out.len, sizeof(want));
    CU_ASSERT_EQUAL(memcmp(out.data, want, sizeof(want)), 0);
    /* And it parses back. */
    CU_ASSERT_EQUAL_FATAL(tp_msg_parse(out.data, out.len, a, &m), TP_OK);
    CU_ASSERT_EQUAL(m.id, 0xBEEF);
    CU_ASSERT_FALSE(m.qr);
    CU_ASSERT_TRUE(m.rd);
    CU_ASSERT_TRUE(m.cd);
    CU_ASSERT_EQUAL(m.qtype, TP_TYPE_DNSKEY);
    CU_ASSERT_TRUE(m.edns.present);
    CU_ASSERT_TRUE(m.edns.do_bit);
    CU_ASSERT_EQUAL(m.edns.udp_size, 1232);
    CU_ASSERT_EQUAL(m.edns.options.len, 0);
    tp_arena_free(a);
    tp_buf_clear(&out);
}

static void test_query_build_plain_and_errors(void)
{
    const uint8_t want[] = {0, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1};
    tp_query_opts_t opts = {false, false, false, false, 0};
    tp_buf_t out;

    tp_buf_init(&out, 512);
    CU_ASSERT_EQUAL_FATAL(tp_query_build((const uint8_t *)"", TP_TYPE_NS,
                                         TP_CLASS_IN, 7, &opts, &out),
                          TP_OK);
    CU_ASSERT_EQUAL(out.len, sizeof(want));
    CU_ASSERT_EQUAL(memcmp(out.data, want, sizeof(want)), 0);
    /* Payload below 512 is raised to 512 (RFC 6891 6.2.5). */
    tp_buf_reset(&out);
    opts.edns = true;
    opts.udp_size = 100;
    CU_ASSERT_EQUAL(tp_query_build((const uint8_t *)"", TP_TYPE_NS, TP_CLASS_IN,
                                   7, &opts, &out),
                    TP_OK);
    CU_ASSERT_EQUAL(out.data[17 + 3], 0x02);
    CU_ASSERT_EQUAL(out.data[17 + 4], 0x00);
    CU_ASSERT_EQUAL(out.data[17 + 7], 0x00); /* no DO */
    /* DO needs EDNS; NULL arguments; a buffer too small appends nothing. */
    opts.edns = false;
    opts.do_bit = true;
    CU_ASSERT_EQUAL(tp_query_build((const uint8_t *)"", 1, 1, 7, &opts, &out),
                    TP_EINVAL);
    CU_ASSERT_EQUAL(tp_query_build(NULL, 1, 1, 7, &opts, &out), TP_EINVAL);
    opts.do_bit = false;
    tp_buf_clear(&out);
    tp_buf_init(&out, 20);
    CU_ASSERT_EQUAL(tp_buf_append_u8(&out, 0xAA), TP_OK);
    CU_ASSERT_EQUAL(
        tp_query_build((const uint8_t *)"\7example", 1, 1, 7, &opts, &out),
        TP_ENOSPACE);
    CU_ASSERT_EQUAL(out.len, 1);
    tp_buf_clear(&out);
}

static void test_query_random_id(void)
{
    uint16_t ids[16];
    bool all_same = true;

    for (int i = 0; i < 16; i++)
        CU_ASSERT_EQUAL_FATAL(tp_query_random_id(&ids[i]), TP_OK);
    for (int i = 1; i < 16; i++)
        all_same = all_same && ids[i] == ids[0];
    CU_ASSERT_FALSE(all_same); /* 2^-240 chance of a false failure */
    CU_ASSERT_EQUAL(tp_query_random_id(NULL), TP_EINVAL);
}

static void test_rrlist_grows_in_order(void)
{
    tp_arena_t *a = tp_arena_new(0);
    tp_rrlist_t list = {NULL, 0, 0};

    for (uint32_t i = 0; i < 1000; i++) {
        tp_rr_t rr = {(const uint8_t *)"", TP_TYPE_A, TP_CLASS_IN, i,
                      {NULL, 0},           {NULL, 0}};
        CU_ASSERT_EQUAL_FATAL(tp_rrlist_push(&list, a, &rr), TP_OK);
    }
    CU_ASSERT_EQUAL(list.count, 1000);
    CU_ASSERT_TRUE(list.cap >= 1000 && list.cap < 2048);
    for (uint32_t i = 0; i < 1000; i++)
        CU_ASSERT_EQUAL(list.rrs[i].ttl, i);
    CU_ASSERT_EQUAL(tp_rrlist_push(&list, NULL, &list.rrs[0]), TP_EINVAL);
    tp_arena_free(a);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("wire.query", NULL, NULL);
    if (s == NULL ||
        !CU_add_test(s, "wire: query with EDNS0 and DO",
                     test_query_build_edns_do) ||
        !CU_add_test(s, "wire: plain query, payload floor, errors",
                     test_query_build_plain_and_errors) ||
        !CU_add_test(s, "wire: random query IDs", test_query_random_id) ||
        !CU_add_test(s, "wire: RR list grows in order",
                     test_rrlist_grows_in_order))
        return -1;
    return 0;
}
