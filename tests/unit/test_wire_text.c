/* wire/text: mnemonics, RRSIG times, printing and parsing presentation
 * format (zone-file syntax, trust-anchor files, root hints) and a table of
 * malformed inputs with their exact error codes and line numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/text.h"

/* Parse text with origin "example." into a fresh list (arena in *arena). */
static tp_err_t parse(const char *text, const char *origin_text,
                      tp_arena_t **arena, tp_rrlist_t *list,
                      tp_text_error_t *err)
{
    uint8_t origin[TP_NAME_MAX];
    size_t olen;

    memset(list, 0, sizeof(*list));
    *arena = tp_arena_new(0);
    if (*arena == NULL)
        return TP_ENOMEM;
    if (origin_text != NULL &&
        tp_name_from_text(origin_text, strlen(origin_text), NULL, origin,
                          &olen) != TP_OK)
        return TP_EINVAL;
    return tp_zone_parse(text, strlen(text),
                         origin_text != NULL ? origin : NULL, 3600, *arena,
                         list, err);
}

/* Print one RR; returns a static copy of the line (without newline). */
static const char *rr_text(const tp_rr_t *rr)
{
    static char line[4096];
    tp_buf_t b;

    tp_buf_init(&b, 65536 * 4);
    line[0] = '\0';
    if (tp_rr_to_text(rr, &b) == TP_OK) {
        snprintf(line, sizeof(line), "%s", tp_buf_str(&b));
        line[strcspn(line, "\n")] = '\0';
    }
    tp_buf_clear(&b);
    return line;
}

static void name_is(const uint8_t *name, const char *expected)
{
    char text[TP_NAME_TEXT_MAX];

    tp_name_to_text(name, text);
    CU_ASSERT_STRING_EQUAL(text, expected);
}

static void test_type_class_rcode_mnemonics(void)
{
    char buf[16];
    uint16_t v;

    CU_ASSERT_STRING_EQUAL(tp_type_to_text(48, buf), "DNSKEY");
    CU_ASSERT_STRING_EQUAL(tp_type_to_text(51, buf), "NSEC3PARAM");
    CU_ASSERT_STRING_EQUAL(tp_type_to_text(65534, buf), "TYPE65534");
    CU_ASSERT_STRING_EQUAL(tp_type_to_text(0, buf), "TYPE0");
    CU_ASSERT_EQUAL(tp_type_from_text("dnskey", 6, &v), TP_OK);
    CU_ASSERT_EQUAL(v, 48);
    CU_ASSERT_EQUAL(tp_type_from_text("TYPE65534", 9, &v), TP_OK);
    CU_ASSERT_EQUAL(v, 65534);
    CU_ASSERT_EQUAL(tp_type_from_text("type1", 5, &v), TP_OK);
    CU_ASSERT_EQUAL(v, 1);
    CU_ASSERT_EQUAL(tp_type_from_text("TYPE65536", 9, &v), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_type_from_text("TYPE", 4, &v), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_type_from_text("TYPE-1", 6, &v), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_type_from_text("AA", 2, &v), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_type_from_text("A", 1, &v), TP_OK);
    CU_ASSERT_EQUAL(v, 1);
    CU_ASSERT_STRING_EQUAL(tp_class_to_text(1, buf), "IN");
    CU_ASSERT_STRING_EQUAL(tp_class_to_text(3, buf), "CH");
    CU_ASSERT_STRING_EQUAL(tp_class_to_text(42, buf), "CLASS42");
    CU_ASSERT_EQUAL(tp_class_from_text("in", 2, &v), TP_OK);
    CU_ASSERT_EQUAL(v, 1);
    CU_ASSERT_EQUAL(tp_class_from_text("CLASS255", 8, &v), TP_OK);
    CU_ASSERT_EQUAL(v, 255);
    CU_ASSERT_EQUAL(tp_class_from_text("INN", 3, &v), TP_ESYNTAX);
    CU_ASSERT_STRING_EQUAL(tp_rcode_to_text(3, buf), "NXDOMAIN");
    CU_ASSERT_STRING_EQUAL(tp_rcode_to_text(16, buf), "BADVERS");
    CU_ASSERT_STRING_EQUAL(tp_rcode_to_text(12, buf), "RCODE12");
}

static void test_rrsig_time_is_utc_without_time_zone(void)
{
    static const struct {
        const char *text;
        uint32_t secs;
    } rows[] = {
        {"19700101000000", 0},
        {"20040509183619", 1084127779}, /* RFC 4035 appendix A */
        {"20040409183619", 1081535779},
        {"20000229235959", 951868799},   /* leap day, century rule */
        {"20150420235959", 1429574399},  /* RFC 5155 appendix A */
        {"21060207062815", 4294967295u}, /* last representable second */
    };

    char out[15];
    uint32_t t;

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        tp_rrsig_time_to_text(rows[i].secs, out);
        CU_ASSERT_STRING_EQUAL(out, rows[i].text);
        CU_ASSERT_EQUAL(tp_rrsig_time_from_text(rows[i].text, 14, &t), TP_OK);
        CU_ASSERT_EQUAL(t, rows[i].secs);
    }
    CU_ASSERT_EQUAL(tp_rrsig_time_from_text("1084127779", 10, &t), TP_OK);
    CU_ASSERT_EQUAL(t, 1084127779);
    CU_ASSERT_EQUAL(tp_rrsig_time_from_text("21060207062816", 14, &t),
                    TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_rrsig_time_from_text("20010229000000", 14, &t),
                    TP_ESYNTAX); /* 2001 is not a leap year */
    CU_ASSERT_EQUAL(tp_rrsig_time_from_text("20041309000000", 14, &t),
                    TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_rrsig_time_from_text("20040509246000", 14, &t),
                    TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_rrsig_time_from_text("19691231235959", 14, &t),
                    TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_rrsig_time_from_text("4294967296", 10, &t), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_rrsig_time_from_text("", 0, &t), TP_ESYNTAX);
}

/* Each row: input entry and its expected printed form. */
static void test_print_every_type(void)
{
    static const struct {
        const char *in, *out;
    } rows[] = {
        {"a A 192.0.2.1", "a.example. 3600 IN A 192.0.2.1"},
        {"a AAAA 2001:db8::f00:baa9",
         "a.example. 3600 IN AAAA 2001:db8::f00:baa9"},
        {"@ NS ns1", "example. 3600 IN NS ns1.example."},
        {"w CNAME x.y.", "w.example. 3600 IN CNAME x.y."},
        {"d DNAME z", "d.example. 3600 IN DNAME z.example."},
        {"p PTR host.", "p.example. 3600 IN PTR host."},
        {"@ SOA ns1 bugs.x.w ( 1081539377 3600 300 3600000 3600 )",
         "example. 3600 IN SOA ns1.example. bugs.x.w.example. 1081539377 "
         "3600 300 3600000 3600"},
        {"@ MX 1 xx", "example. 3600 IN MX 1 xx.example."},
        {"t TXT \"a \\\"q\\\" \\\\ b\" plain \"\\001\\255\" \"\"",
         "t.example. 3600 IN TXT \"a \\\"q\\\" \\\\ b\" \"plain\" "
         "\"\\001\\255\" \"\""},
        {"h HINFO \"KLH-10\" \"ITS\"",
         "h.example. 3600 IN HINFO \"KLH-10\" \"ITS\""},
        {"_s._tcp SRV 0 5 80 www",
         "_s._tcp.example. 3600 IN SRV 0 5 80 www.example."},
        {"ds DS 57855 5 1 B6DCD485719ADCA18E5F3D48A2331627FDD3 636B",
         "ds.example. 3600 IN DS 57855 5 1 "
         "b6dcd485719adca18e5f3d48a2331627fdd3636b"},
        {"ds CDS 0 0 0 00", "ds.example. 3600 IN CDS 0 0 0 00"},
        {"k DNSKEY 257 3 RSASHA256 AwEAAQ==",
         "k.example. 3600 IN DNSKEY 257 3 8 AwEAAQ=="},
        {"k CDNSKEY 0 3 0 AA==", "k.example. 3600 IN CDNSKEY 0 3 0 AA=="},
        {"s RRSIG A 5 2 3600 20040509183619 1081535779 38519 example. AQID",
         "s.example. 3600 IN RRSIG A 5 2 3600 20040509183619 20040409183619 "
         "38519 example. AQID"},
        {"n NSEC a.example. NS SOA MX RRSIG NSEC DNSKEY TYPE1234",
         "n.example. 3600 IN NSEC a.example. NS SOA MX RRSIG NSEC DNSKEY "
         "TYPE1234"},
        {"n NSEC a.example.", "n.example. 3600 IN NSEC a.example."},
        {"h3 NSEC3 1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr A RRSIG",
         "h3.example. 3600 IN NSEC3 1 1 12 aabbccdd "
         "2t7b4g4vsa5smi47k61mv5bv1a22bojr A RRSIG"},
        {"h3 NSEC3 1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR",
         "h3.example. 3600 IN NSEC3 1 0 0 - 2t7b4g4vsa5smi47k61mv5bv1a22bojr"},
        {"@ NSEC3PARAM 1 0 12 aabbccdd",
         "example. 3600 IN NSEC3PARAM 1 0 12 aabbccdd"},
        {"@ NSEC3PARAM 1 0 0 -", "example. 3600 IN NSEC3PARAM 1 0 0 -"},
        {"u TYPE65534 \\# 3 0a0B0c",
         "u.example. 3600 IN TYPE65534 \\# 3 0a0b0c"},
        {"u TYPE65534 \\# 0", "u.example. 3600 IN TYPE65534 \\# 0"},
        {"u CAA \\# 2 0000", "u.example. 3600 IN CAA \\# 2 0000"},
        {"u TYPE1 \\# 4 C0000201", "u.example. 3600 IN A 192.0.2.1"},
        {"u A \\# 3 C00002", "u.example. 3600 IN A \\# 3 c00002"},
        {"u MX \\# 2 0001", "u.example. 3600 IN MX \\# 2 0001"},
        {"u CLASS32 3 TYPE258 \\# 1 ff", "u.example. 3 CLASS32 AVC \\# 1 ff"},
    };

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        tp_arena_t *arena;
        tp_rrlist_t list;
        tp_text_error_t err;
        tp_err_t rc = parse(rows[i].in, "example.", &arena, &list, &err);

        CU_ASSERT_EQUAL(rc, TP_OK);
        if (rc != TP_OK)
            fprintf(stderr, "row %zu: %s: line %u: %s\n", i, rows[i].in,
                    err.line, err.message);
        if (rc == TP_OK && list.count == 1) {
            const char *got = rr_text(&list.rrs[0]);

            CU_ASSERT_STRING_EQUAL(got, rows[i].out);
            if (strcmp(got, rows[i].out) != 0)
                fprintf(stderr, "row %zu: got '%s'\n", i, got);
        }
        CU_ASSERT_EQUAL(list.count, 1);
        tp_arena_free(arena);
    }
}

static void test_rdata_to_text_falls_back_to_rfc3597(void)
{
    /* NSEC with a bitmap window holding a trailing zero octet. */
    static const uint8_t nsec[] = {1, 'a', 0, 0, 2, 0x40, 0x00};
    static const uint8_t empty_txt[1] = {0};
    tp_buf_t b;

    tp_buf_init(&b, 1000);
    CU_ASSERT_EQUAL(
        tp_rdata_to_text(TP_TYPE_NSEC, tp_bytes(nsec, sizeof(nsec)), &b),
        TP_OK);
    CU_ASSERT_STRING_EQUAL(tp_buf_str(&b), "\\# 7 0161000002"
                                           "4000");
    tp_buf_reset(&b);
    CU_ASSERT_EQUAL(tp_rdata_to_text(TP_TYPE_TXT, tp_bytes(empty_txt, 0), &b),
                    TP_OK);
    CU_ASSERT_STRING_EQUAL(tp_buf_str(&b), "\\# 0");
    tp_buf_reset(&b);
    CU_ASSERT_EQUAL(tp_rdata_to_text(TP_TYPE_TXT, tp_bytes(empty_txt, 1), &b),
                    TP_OK);
    CU_ASSERT_STRING_EQUAL(tp_buf_str(&b), "\"\"");
    tp_buf_clear(&b);
}

static void test_zone_syntax_features(void)
{
    static const char zone[] =
        "; a comment line\n"
        "$TTL 1h30m\n"
        "$ORIGIN example.\n"
        "@ IN SOA ns1 hostmaster ( 1 ; serial\n"
        "        2h ; refresh\n"
        "        3600 3600000\n"
        "        300 )\n"
        "   NS ns1            ; inherits the owner example.\n"
        "ns1 60 IN A 192.0.2.1\n"
        "ns1 IN 61 AAAA ::1\n"
        "\tIN TXT \"semi;colon (paren)\" a\\032b\n"
        "$ORIGIN sub\n"
        "www CH 5 TXT x\n"
        "    A 192.0.2.2           ; class is the previous entry's\n"
        "esc\\.aped\\046dot.ex\\097mple. TXT \"\\\"\"\n"
        "k DNSKEY 256 3 8 ( AwEA\n"
        "   AQ== ) ; base64 split over lines\n"
        "s RRSIG A 8 3 60 1084127779 ( 20040409183619\n"
        "   12345 example. AQID BA== )\n"
        "b NSEC c.sub.example. ( A\n AAAA ; comment\n RRSIG )\n";
    tp_arena_t *arena;
    tp_rrlist_t list;
    tp_text_error_t err;
    tp_rdata_view_t v;

    CU_ASSERT_EQUAL_FATAL(parse(zone, NULL, &arena, &list, &err), TP_OK);
    CU_ASSERT_EQUAL_FATAL(list.count, 11);
    name_is(list.rrs[0].owner, "example.");
    CU_ASSERT_EQUAL(list.rrs[0].ttl, 5400);
    CU_ASSERT_STRING_EQUAL(rr_text(&list.rrs[0]),
                           "example. 5400 IN SOA ns1.example. "
                           "hostmaster.example. 1 7200 3600 3600000 300");
    name_is(list.rrs[1].owner, "example.");
    CU_ASSERT_EQUAL(list.rrs[1].type, TP_TYPE_NS);
    CU_ASSERT_STRING_EQUAL(rr_text(&list.rrs[2]),
                           "ns1.example. 60 IN A 192.0.2.1");
    CU_ASSERT_STRING_EQUAL(rr_text(&list.rrs[3]),
                           "ns1.example. 61 IN AAAA ::1");
    CU_ASSERT_STRING_EQUAL(rr_text(&list.rrs[4]),
                           "ns1.example. 5400 IN TXT \"semi;colon (paren)\" "
                           "\"a b\"");
    CU_ASSERT_STRING_EQUAL(rr_text(&list.rrs[5]),
                           "www.sub.example. 5 CH TXT \"x\"");
    CU_ASSERT_STRING_EQUAL(rr_text(&list.rrs[6]),
                           "www.sub.example. 5400 CH A 192.0.2.2");
    CU_ASSERT_STRING_EQUAL(rr_text(&list.rrs[7]),
                           "esc\\.aped\\.dot.example. 5400 CH TXT \"\\\"\"");
    CU_ASSERT_EQUAL(list.rrs[8].type, TP_TYPE_DNSKEY);
    CU_ASSERT_EQUAL(list.rrs[8].rdata.len, 4 + 4);
    CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_RRSIG, list.rrs[9].rdata, &v),
                          TP_OK);
    CU_ASSERT_EQUAL(v.u.rrsig.expiration, 1084127779);
    CU_ASSERT_EQUAL(v.u.rrsig.inception, 1081535779);
    CU_ASSERT_EQUAL(v.u.rrsig.key_tag, 12345);
    CU_ASSERT_EQUAL(v.u.rrsig.labels, 3);
    CU_ASSERT_EQUAL(v.u.rrsig.signature.len, 4);
    CU_ASSERT_STRING_EQUAL(rr_text(&list.rrs[10]),
                           "b.sub.example. 5400 CH NSEC c.sub.example. A "
                           "AAAA RRSIG");
    tp_arena_free(arena);
}

/* Trust anchors as unbound (auto-trust-anchor-file / trust-anchor-file)
 * and BIND (dnssec-keygen .key/.ds files) write them, and named.root. */
static void test_trust_anchor_and_root_hints_files(void)
{
    tp_arena_t *arena;
    tp_rrlist_t list;
    tp_text_error_t err;
    size_t len;
    char *text = tp_test_read_file("text/trust-anchors.txt", &len);
    tp_rdata_view_t v;

    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_EQUAL_FATAL(parse(text, NULL, &arena, &list, &err), TP_OK);
    CU_ASSERT_EQUAL_FATAL(list.count, 4);
    CU_ASSERT_EQUAL(list.rrs[0].type, TP_TYPE_DS);
    CU_ASSERT_TRUE(tp_name_is_root(list.rrs[0].owner));
    CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_DS, list.rrs[0].rdata, &v),
                          TP_OK);
    CU_ASSERT_EQUAL(v.u.ds.key_tag, 20326);
    CU_ASSERT_EQUAL(v.u.ds.algorithm, 8);
    CU_ASSERT_EQUAL(v.u.ds.digest_type, 2);
    CU_ASSERT_EQUAL(v.u.ds.digest.len, 32);
    CU_ASSERT_EQUAL(v.u.ds.digest.data[0], 0xe0);
    CU_ASSERT_EQUAL(list.rrs[1].type, TP_TYPE_DS);
    CU_ASSERT_EQUAL(list.rrs[2].type, TP_TYPE_DNSKEY);
    CU_ASSERT_EQUAL(list.rrs[2].ttl, 172800);
    CU_ASSERT_EQUAL_FATAL(tp_rdata_view(TP_TYPE_DNSKEY, list.rrs[2].rdata, &v),
                          TP_OK);
    CU_ASSERT_EQUAL(v.u.dnskey.flags, 257);
    CU_ASSERT_EQUAL(v.u.dnskey.algorithm, 8);
    CU_ASSERT_EQUAL(v.u.dnskey.key.len, 260);
    CU_ASSERT_EQUAL(list.rrs[3].type, TP_TYPE_DNSKEY);
    name_is(list.rrs[3].owner, "example.");
    free(text);
    tp_arena_free(arena);

    text = tp_test_read_file("text/named.root", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_EQUAL_FATAL(parse(text, NULL, &arena, &list, &err), TP_OK);
    CU_ASSERT_EQUAL_FATAL(list.count, 6);
    CU_ASSERT_STRING_EQUAL(rr_text(&list.rrs[0]),
                           ". 3600000 IN NS A.ROOT-SERVERS.NET.");
    CU_ASSERT_STRING_EQUAL(rr_text(&list.rrs[1]),
                           "A.ROOT-SERVERS.NET. 3600000 IN A 198.41.0.4");
    CU_ASSERT_STRING_EQUAL(
        rr_text(&list.rrs[2]),
        "A.ROOT-SERVERS.NET. 3600000 IN AAAA 2001:503:ba3e::2:30");
    CU_ASSERT_EQUAL(list.rrs[5].type, TP_TYPE_AAAA);
    free(text);
    tp_arena_free(arena);
}

static void test_rdata_from_text(void)
{
    tp_arena_t *arena = tp_arena_new(0);
    uint8_t origin[TP_NAME_MAX];
    size_t olen;
    tp_bytes_t rd;
    tp_text_error_t err;
    static const char mx[] = "10 ( mail ) ; comment";
    static const uint8_t mx_wire[] = {0,   10,  4,   'm', 'a', 'i', 'l', 7,
                                      'e', 'x', 'a', 'm', 'p', 'l', 'e', 0};

    CU_ASSERT_EQUAL_FATAL(tp_name_from_text("example.", 8, NULL, origin, &olen),
                          TP_OK);
    CU_ASSERT_EQUAL(tp_rdata_from_text(TP_TYPE_MX, mx, strlen(mx), origin,
                                       arena, &rd, &err),
                    TP_OK);
    CU_ASSERT_EQUAL_FATAL(rd.len, sizeof(mx_wire));
    CU_ASSERT_EQUAL(memcmp(rd.data, mx_wire, sizeof(mx_wire)), 0);
    CU_ASSERT_EQUAL(tp_rdata_from_text(TP_TYPE_MX, "10 mail\n20 x", 12, origin,
                                       arena, &rd, &err),
                    TP_ESYNTAX);
    CU_ASSERT_EQUAL(err.line, 2);
    CU_ASSERT_EQUAL(
        tp_rdata_from_text(TP_TYPE_MX, "10 mail", 7, NULL, arena, &rd, &err),
        TP_ESYNTAX);
    CU_ASSERT_EQUAL(
        tp_rdata_from_text(65000, "\\# 0", 4, NULL, arena, &rd, &err), TP_OK);
    CU_ASSERT_EQUAL(rd.len, 0);
    CU_ASSERT_EQUAL(tp_rdata_from_text(65000, "01", 2, NULL, arena, &rd, &err),
                    TP_ESYNTAX);
    tp_arena_free(arena);
}

/* Malformed input: each row says why it is malformed. */
static void test_malformed_inputs(void)
{
    static const struct {
        const char *why, *text;
        tp_err_t code;
        unsigned line;
    } rows[] = {
        {"unterminated parenthesis", "a. A 1.2.3.4\nb. TXT ( x\n y\n",
         TP_ESYNTAX, 2},
        {"')' without '('", "a. TXT x )\n", TP_ESYNTAX, 1},
        {"nested parenthesis", "a. TXT ( ( x ) )\n", TP_ESYNTAX, 1},
        {"unterminated quoted string", "\n\na. TXT \"abc\n", TP_ESYNTAX, 3},
        {"bad base64", "k. DNSKEY 256 3 8 AwE*AQ==\n", TP_ESYNTAX, 1},
        {"base64 with a bad length", "k. DNSKEY 256 3 8 AwEAA\n", TP_ESYNTAX,
         1},
        {"bad hex digest", "d. DS 1 8 2 abcg\n", TP_ESYNTAX, 1},
        {"odd hex digest", "d. DS 1 8 2 abc\n", TP_ESYNTAX, 1},
        {"label > 63",
         "x. A 1.2.3.4\n"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa. "
         "A. 1.2.3.4\n",
         TP_ELABEL, 2},
        {"name > 255 octets",
         "a. NS "
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.\n",
         TP_ENAMELEN, 1},
        {"unknown type mnemonic", "a. FOO 1\n", TP_ESYNTAX, 1},
        {"unknown type in a bitmap", "a. NSEC b. A FOO\n", TP_ESYNTAX, 1},
        {"bad TTL", "a. 1x A 1.2.3.4\n", TP_ESYNTAX, 1},
        {"TTL above 2^32-1", "a. 4294967296 A 1.2.3.4\n", TP_ESYNTAX, 1},
        {"bad $TTL", "$TTL forever\n", TP_ESYNTAX, 1},
        {"truncated \\DDD in a name", "\\03a. A 1.2.3.4\n", TP_ESYNTAX, 1},
        {"truncated \\DDD in a string", "a. TXT \"\\03\"\n", TP_ESYNTAX, 1},
        {"\\DDD above 255", "a. TXT \\256\n", TP_ESYNTAX, 1},
        {"RDATA too short for MX", "a. MX 10\n", TP_ESYNTAX, 1},
        {"RDATA too short for SOA", "a. SOA a. b. 1 2 3 4\n", TP_ESYNTAX, 1},
        {"RDATA too short for DS", "a. DS 1 8 2\n", TP_ESYNTAX, 1},
        {"RDATA too short for RRSIG",
         "a. RRSIG A 8 1 60 20040509183619 20040409183619 1 example.\n",
         TP_ESYNTAX, 1},
        {"trailing data", "a. A 1.2.3.4 5\n", TP_ESYNTAX, 1},
        {"bad IPv4 address", "a. A 1.2.3.256\n", TP_ESYNTAX, 1},
        {"bad IPv6 address", "a. AAAA 1::2::3\n", TP_ESYNTAX, 1},
        {"number out of range", "a. MX 65536 b.\n", TP_ESYNTAX, 1},
        {"bad RRSIG time", "a. RRSIG A 8 1 60 20041309183619 1 1 e. AA==\n",
         TP_ESYNTAX, 1},
        {"string longer than 255",
         "a. TXT "
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "a"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "a"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "a"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", /* 256 */
         TP_ESYNTAX, 1},
        {"relative name without origin", "\n; c\nwww A 192.0.2.1\n", TP_ESYNTAX,
         3},
        {"relative RDATA name without origin", "a. NS ns1\n", TP_ESYNTAX, 1},
        {"@ without origin", "@ A 1.2.3.4\n", TP_ESYNTAX, 1},
        {"no previous owner", "  A 1.2.3.4\n", TP_ESYNTAX, 1},
        {"missing type", "a. 300 IN\n", TP_ESYNTAX, 1},
        {"RFC 3597 length mismatch", "a. TYPE999 \\# 3 0102\n", TP_ESYNTAX, 1},
        {"RFC 3597 bad hex", "a. TYPE999 \\# 1 zz\n", TP_ESYNTAX, 1},
        {"RFC 3597 without length", "a. TYPE999 \\#\n", TP_ESYNTAX, 1},
        {"unknown type without \\#", "a. TYPE999 0102\n", TP_ESYNTAX, 1},
        {"empty NSEC3 next hashed owner", "a. NSEC3 1 0 0 - -\n", TP_ESYNTAX,
         1},
        {"bad base32hex", "a. NSEC3 1 0 0 - zzzz\n", TP_ESYNTAX, 1},
        {"salt longer than 255 octets",
         "a. NSEC3PARAM 1 0 0 "
         "00000000000000000000000000000000000000000000000000000000000000000000"
         "00000000000000000000000000000000000000000000000000000000000000000000"
         "00000000000000000000000000000000000000000000000000000000000000000000"
         "00000000000000000000000000000000000000000000000000000000000000000000"
         "00000000000000000000000000000000000000000000000000000000000000000000"
         "00000000000000000000000000000000000000000000000000000000000000000000"
         "00000000000000000000000000000000000000000000000000000000000000000000"
         "000000000000000000000000000000000000000000\n",
         TP_ESYNTAX, 1},
        {"unknown directive", "$FOO bar\n", TP_ESYNTAX, 1},
        {"$INCLUDE (no file access here)", "$INCLUDE /etc/passwd\n",
         TP_EUNSUPPORTED, 1},
        {"$ORIGIN without argument", "$ORIGIN\n", TP_ESYNTAX, 1},
        {"backslash at end of input", "a. TXT x\\", TP_ESYNTAX, 1},
        {"empty label", "a..b. A 1.2.3.4\n", TP_ESYNTAX, 1},
        {"NUL byte", "a. TXT \"x\0y\"\n", TP_ESYNTAX, 1},
        {"unknown algorithm mnemonic", "a. DS 1 RSAFOO 2 00\n", TP_ESYNTAX, 1},
    };

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        tp_arena_t *arena;
        tp_rrlist_t list;
        tp_text_error_t err;
        tp_err_t rc;
        size_t len = strlen(rows[i].text);

        if (strcmp(rows[i].why, "NUL byte") == 0)
            len = 13;
        memset(&list, 0, sizeof(list));
        arena = tp_arena_new(0);
        CU_ASSERT_PTR_NOT_NULL_FATAL(arena);
        memset(&err, 0, sizeof(err));
        rc = tp_zone_parse(rows[i].text, len, NULL, 3600, arena, &list, &err);
        CU_ASSERT_EQUAL(rc, rows[i].code);
        CU_ASSERT_EQUAL(err.line, rows[i].line);
        CU_ASSERT_TRUE(err.message[0] != '\0');
        if (getenv("TP_TEST_VERBOSE") != NULL || rc != rows[i].code ||
            err.line != rows[i].line)
            fprintf(stderr, "row '%s': got %s line %u: %s\n", rows[i].why,
                    tp_err_name(rc), err.line, err.message);
        tp_arena_free(arena);
    }
}

static void test_arguments_checked(void)
{
    tp_arena_t *arena = tp_arena_new(0);
    tp_rrlist_t list = {0};
    tp_bytes_t rd;

    CU_ASSERT_EQUAL(tp_zone_parse(NULL, 5, NULL, 0, arena, &list, NULL),
                    TP_EINVAL);
    CU_ASSERT_EQUAL(tp_zone_parse("", 0, NULL, 0, NULL, &list, NULL),
                    TP_EINVAL);
    CU_ASSERT_EQUAL(tp_zone_parse("", 0, NULL, 0, arena, &list, NULL), TP_OK);
    CU_ASSERT_EQUAL(list.count, 0);
    CU_ASSERT_EQUAL(
        tp_zone_parse("a. A 1.2.3.4 x", 14, NULL, 0, arena, &list, NULL),
        TP_ESYNTAX); /* err_out may be NULL */
    CU_ASSERT_EQUAL(tp_rdata_from_text(1, NULL, 1, NULL, arena, &rd, NULL),
                    TP_EINVAL);
    CU_ASSERT_EQUAL(tp_rr_to_text(NULL, NULL), TP_EINVAL);
    tp_arena_free(arena);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("wire_text", NULL, NULL);

    if (s == NULL ||
        !CU_add_test(s, "text: type, class and rcode mnemonics",
                     test_type_class_rcode_mnemonics) ||
        !CU_add_test(s, "text: RRSIG times in UTC",
                     test_rrsig_time_is_utc_without_time_zone) ||
        !CU_add_test(s, "text: print every supported type",
                     test_print_every_type) ||
        !CU_add_test(s, "text: RFC 3597 fallback for malformed RDATA",
                     test_rdata_to_text_falls_back_to_rfc3597) ||
        !CU_add_test(s, "text: zone syntax features",
                     test_zone_syntax_features) ||
        !CU_add_test(s, "text: trust anchors and root hints",
                     test_trust_anchor_and_root_hints_files) ||
        !CU_add_test(s, "text: tp_rdata_from_text", test_rdata_from_text) ||
        !CU_add_test(s, "text: malformed inputs", test_malformed_inputs) ||
        !CU_add_test(s, "text: argument checks", test_arguments_checked))
        return -1;
    return 0;
}
