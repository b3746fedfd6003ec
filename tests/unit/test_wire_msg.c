/* wire: the message parser on real responses (tests/data/wire, made by
 * make-fixtures.sh with NSD) and on a table of malformed messages, each
 * with its exact error; EDNS (RFC 6891), NSID (RFC 5001), EDE (RFC 8914). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/wire.h"

/* Wire form of a presentation name, in one of four rotating buffers. */
static const uint8_t *N(const char *text)
{
    static uint8_t bufs[4][TP_NAME_MAX];
    static unsigned next;
    uint8_t *out = bufs[next++ % 4];
    size_t n;

    if (tp_name_from_text(text, strlen(text), NULL, out, &n) != TP_OK)
        out[0] = 0xFF; /* never equal to a valid name */
    return out;
}

static bool name_is(const uint8_t *name, const char *text)
{
    const uint8_t *want = N(text);

    return name != NULL && tp_name_len(name) == tp_name_len(want) &&
           memcmp(name, want, tp_name_len(want)) == 0;
}

typedef struct fixture {
    tp_arena_t *arena;
    uint8_t *wire;
    size_t len;
    tp_msg_t msg;
    tp_err_t err;
} fixture_t;

static void fixture_load(fixture_t *f, const char *file)
{
    char rel[128];

    snprintf(rel, sizeof(rel), "wire/%s", file);
    memset(f, 0, sizeof(*f));
    f->arena = tp_arena_new(0);
    f->wire = (uint8_t *)tp_test_read_file(rel, &f->len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f->arena);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f->wire);
    f->err = tp_msg_parse(f->wire, f->len, f->arena, &f->msg);
    CU_ASSERT_EQUAL(f->err, TP_OK);
}

static void fixture_clear(fixture_t *f)
{
    free(f->wire);
    tp_arena_free(f->arena);
}

static tp_rdata_view_t view_of(const tp_rr_t *rr)
{
    tp_rdata_view_t v;

    CU_ASSERT_EQUAL(tp_rdata_view(rr->type, rr->rdata, &v), TP_OK);
    return v;
}

/* Header facts and section sizes of every fixture; every RR must have a
 * valid view and canonical form, and the OPT never lands in additional. */
static void test_msg_fixture_table(void)
{
    static const struct {
        const char *file, *qname;
        uint16_t qtype, rcode;
        bool aa;
        size_t an, ns, ar;
    } rows[] = {
        {"soa.bin", "wire.test.", 6, 0, true, 2, 3, 4},
        {"ns.bin", "wire.test.", 2, 0, true, 3, 0, 4},
        {"mx.bin", "wire.test.", 15, 0, true, 3, 3, 8},
        {"txt.bin", "txt.wire.test.", 16, 0, true, 2, 3, 4},
        {"txt-case.bin", "mixed.wire.test.", 16, 0, true, 2, 3, 4},
        {"cname.bin", "www.wire.test.", 1, 0, true, 4, 3, 4},
        {"dname.bin", "x.dname.wire.test.", 1, 0, true, 3, 0, 0},
        {"aaaa.bin", "host.wire.test.", 28, 0, true, 2, 3, 4},
        {"ptr.bin", "ptr.wire.test.", 12, 0, true, 2, 3, 4},
        {"dnskey.bin", "wire.test.", 48, 0, true, 4, 0, 0},
        {"ds.bin", "child.wire.test.", 43, 0, true, 2, 0, 0},
        {"referral.bin", "child.wire.test.", 1, 0, false, 0, 3, 1},
        {"cds.bin", "wire.test.", 59, 0, true, 3, 3, 4},
        {"cdnskey.bin", "wire.test.", 60, 0, true, 3, 3, 4},
        {"nsec.bin", "wire.test.", 47, 0, true, 2, 3, 4},
        {"nxdomain-nsec.bin", "nope.wire.test.", 1, 3, true, 0, 6, 0},
        {"nsid.bin", "host.wire.test.", 1, 0, true, 2, 3, 4},
        {"nsec3param.bin", "nsec3.test.", 51, 0, true, 2, 2, 2},
        {"nxdomain-nsec3.bin", "nope.nsec3.test.", 1, 3, true, 0, 4, 0},
    };

    tp_buf_t canon;

    tp_buf_init(&canon, 70000);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        fixture_t f;
        tp_rrlist_t *lists[3];

        fixture_load(&f, rows[i].file);
        if (f.err != TP_OK) {
            fprintf(stderr, "\n  %s: %s\n", rows[i].file, tp_err_name(f.err));
            fixture_clear(&f);
            continue;
        }
        CU_ASSERT_TRUE(f.msg.qr);
        CU_ASSERT_FALSE(f.msg.tc);
        CU_ASSERT_EQUAL(f.msg.opcode, 0);
        CU_ASSERT_TRUE(f.msg.has_question);
        CU_ASSERT_TRUE(name_is(f.msg.qname, rows[i].qname));
        CU_ASSERT_EQUAL(f.msg.qtype, rows[i].qtype);
        CU_ASSERT_EQUAL(f.msg.qclass, TP_CLASS_IN);
        CU_ASSERT_EQUAL(f.msg.rcode, rows[i].rcode);
        CU_ASSERT_EQUAL(f.msg.aa, rows[i].aa);
        CU_ASSERT_EQUAL(f.msg.answer.count, rows[i].an);
        CU_ASSERT_EQUAL(f.msg.authority.count, rows[i].ns);
        CU_ASSERT_EQUAL(f.msg.additional.count, rows[i].ar);
        CU_ASSERT_EQUAL(f.msg.arcount, rows[i].ar + 1); /* + the OPT */
        CU_ASSERT_TRUE(f.msg.edns.present);
        CU_ASSERT_TRUE(f.msg.edns.do_bit);
        CU_ASSERT_EQUAL(f.msg.edns.version, 0);
        CU_ASSERT_EQUAL(f.msg.edns.udp_size, 1232);
        lists[0] = &f.msg.answer;
        lists[1] = &f.msg.authority;
        lists[2] = &f.msg.additional;
        for (int s = 0; s < 3; s++) {
            for (size_t k = 0; k < lists[s]->count; k++) {
                const tp_rr_t *rr = &lists[s]->rrs[k];
                tp_rdata_view_t v;

                CU_ASSERT_NOT_EQUAL(rr->type, TP_TYPE_OPT);
                CU_ASSERT_EQUAL(rr->rclass, TP_CLASS_IN);
                CU_ASSERT_EQUAL(tp_rdata_view(rr->type, rr->rdata, &v), TP_OK);
                tp_buf_reset(&canon);
                CU_ASSERT_EQUAL(tp_rdata_canonical(rr->type, rr->rdata, &canon),
                                TP_OK);
                CU_ASSERT_EQUAL(canon.len, rr->rdata.len);
            }
        }
        fixture_clear(&f);
    }
    tp_buf_clear(&canon);
}

/* Compressed NS, SOA and MX RDATA come out exactly uncompressed; the raw
 * RDATA still holds the pointers. */
static void test_msg_decompression_exact(void)
{
    fixture_t f;
    const tp_rr_t *rr;
    tp_rdata_view_t v;
    static const uint8_t soa_rdata[] =
        "\3ns1\4wire\4test\0\12hostmaster\4wire\4test\0"
        "\x78\xc2\x75\xf5" /* serial 2026010101 */
        "\0\0\x1c\x20\0\0\x0e\x10\0\x12\x75\0\0\0\x01\x2c";

    fixture_load(&f, "soa.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    rr = &f.msg.answer.rrs[0];
    CU_ASSERT_EQUAL(rr->type, TP_TYPE_SOA);
    CU_ASSERT_TRUE(name_is(rr->owner, "wire.test."));
    CU_ASSERT_EQUAL(rr->ttl, 3600);
    CU_ASSERT_EQUAL_FATAL(rr->rdata.len, sizeof(soa_rdata) - 1);
    CU_ASSERT_EQUAL(memcmp(rr->rdata.data, soa_rdata, rr->rdata.len), 0);
    CU_ASSERT_EQUAL(rr->raw.len, 39); /* two pointers saved 18 octets */
    CU_ASSERT_EQUAL(rr->raw.data[4] & 0xC0, 0xC0); /* after "\3ns1" */
    v = view_of(rr);
    CU_ASSERT_TRUE(name_is(v.u.soa.mname, "ns1.wire.test."));
    CU_ASSERT_TRUE(name_is(v.u.soa.rname, "hostmaster.wire.test."));
    CU_ASSERT_EQUAL(v.u.soa.serial, 2026010101u);
    CU_ASSERT_EQUAL(v.u.soa.refresh, 7200);
    CU_ASSERT_EQUAL(v.u.soa.retry, 3600);
    CU_ASSERT_EQUAL(v.u.soa.expire, 1209600);
    CU_ASSERT_EQUAL(v.u.soa.minimum, 300);
    /* The NS in authority: "ns1" + pointer, then a pure pointer. */
    CU_ASSERT_EQUAL(f.msg.authority.rrs[0].raw.len, 2);
    CU_ASSERT_EQUAL(f.msg.authority.rrs[0].rdata.len, 15);
    CU_ASSERT_TRUE(
        name_is(f.msg.authority.rrs[0].rdata.data, "ns1.wire.test."));
    CU_ASSERT_TRUE(
        name_is(f.msg.authority.rrs[1].rdata.data, "ns2.wire.test."));
    /* Uncompressed RDATA is shared, not copied twice. */
    CU_ASSERT_PTR_EQUAL(f.msg.additional.rrs[0].raw.data,
                        f.msg.additional.rrs[0].rdata.data);
    fixture_clear(&f);

    fixture_load(&f, "mx.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    v = view_of(&f.msg.answer.rrs[0]);
    CU_ASSERT_EQUAL(v.u.mx.preference, 10);
    CU_ASSERT_TRUE(name_is(v.u.mx.exchange, "mail.wire.test."));
    v = view_of(&f.msg.answer.rrs[1]);
    CU_ASSERT_EQUAL(v.u.mx.preference, 20);
    CU_ASSERT_TRUE(name_is(v.u.mx.exchange, "mail2.wire.test."));
    CU_ASSERT_EQUAL(f.msg.answer.rrs[1].raw.len, 10);
    CU_ASSERT_TRUE(name_is(f.msg.additional.rrs[0].owner, "mail.wire.test."));
    fixture_clear(&f);
}

static void test_msg_address_and_alias_types(void)
{
    static const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                   0,    0,    0,    0,    0, 0, 0, 1};
    fixture_t f;
    tp_rdata_view_t v;

    fixture_load(&f, "cname.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    CU_ASSERT_EQUAL(f.msg.answer.rrs[0].type, TP_TYPE_CNAME);
    v = view_of(&f.msg.answer.rrs[0]);
    CU_ASSERT_TRUE(name_is(v.u.name, "host.wire.test."));
    CU_ASSERT_EQUAL(f.msg.answer.rrs[2].type, TP_TYPE_A);
    v = view_of(&f.msg.answer.rrs[2]);
    CU_ASSERT_EQUAL(memcmp(v.u.a, "\xc0\x00\x02\x01", 4), 0);
    fixture_clear(&f);

    fixture_load(&f, "aaaa.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    v = view_of(&f.msg.answer.rrs[0]);
    CU_ASSERT_EQUAL(v.type, TP_TYPE_AAAA);
    CU_ASSERT_EQUAL(memcmp(v.u.aaaa, v6, 16), 0);
    fixture_clear(&f);

    fixture_load(&f, "dname.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    CU_ASSERT_EQUAL(f.msg.answer.rrs[0].type, TP_TYPE_DNAME);
    v = view_of(&f.msg.answer.rrs[0]);
    CU_ASSERT_TRUE(name_is(v.u.name, "target.example."));
    CU_ASSERT_EQUAL(f.msg.answer.rrs[2].type, TP_TYPE_CNAME);
    CU_ASSERT_TRUE(name_is(f.msg.answer.rrs[2].owner, "x.dname.wire.test."));
    v = view_of(&f.msg.answer.rrs[2]);
    CU_ASSERT_TRUE(name_is(v.u.name, "x.target.example."));
    fixture_clear(&f);

    fixture_load(&f, "ptr.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    v = view_of(&f.msg.answer.rrs[0]);
    CU_ASSERT_EQUAL(v.type, TP_TYPE_PTR);
    CU_ASSERT_TRUE(name_is(v.u.name, "host.wire.test."));
    fixture_clear(&f);
}

static void test_msg_txt(void)
{
    static const char *const want[] = {"first string", "second; \"quoted\"", "",
                                       "\xff"};
    fixture_t f;
    tp_rdata_view_t v;
    tp_bytes_t rest, s;
    size_t i = 0;

    fixture_load(&f, "txt.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    v = view_of(&f.msg.answer.rrs[0]);
    rest = v.u.txt;
    while (tp_txt_next(&rest, &s)) {
        size_t n = i < 3 ? strlen(want[i]) : 2; /* "\255\000" */
        CU_ASSERT_FATAL(i < 4);
        CU_ASSERT_EQUAL(s.len, n);
        CU_ASSERT_EQUAL(memcmp(s.data, want[i], i < 3 ? n : 1), 0);
        i++;
    }
    CU_ASSERT_EQUAL(i, 4);
    CU_ASSERT_EQUAL(rest.len, 0);
    fixture_clear(&f);
}

/* DNSKEY with both RRSIGs; CDNSKEY and CDS describe the same KSK. */
static void test_msg_dnssec_keys(void)
{
    fixture_t f, c;
    tp_rdata_view_t zsk, ksk, sig, cdnskey, cds, ds;

    fixture_load(&f, "dnskey.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    zsk = view_of(&f.msg.answer.rrs[0]);
    ksk = view_of(&f.msg.answer.rrs[1]);
    CU_ASSERT_EQUAL(zsk.u.dnskey.flags, TP_DNSKEY_FLAG_ZONE);
    CU_ASSERT_EQUAL(ksk.u.dnskey.flags,
                    TP_DNSKEY_FLAG_ZONE | TP_DNSKEY_FLAG_SEP);
    CU_ASSERT_EQUAL(ksk.u.dnskey.protocol, 3);
    CU_ASSERT_EQUAL(ksk.u.dnskey.algorithm, 13);
    CU_ASSERT_EQUAL(ksk.u.dnskey.key.len, 64);
    for (int i = 2; i < 4; i++) {
        const tp_rr_t *rr = &f.msg.answer.rrs[i];
        sig = view_of(rr);
        CU_ASSERT_EQUAL(sig.u.rrsig.type_covered, TP_TYPE_DNSKEY);
        CU_ASSERT_EQUAL(sig.u.rrsig.algorithm, 13);
        CU_ASSERT_EQUAL(sig.u.rrsig.labels, 2);
        CU_ASSERT_EQUAL(sig.u.rrsig.original_ttl, 3600);
        CU_ASSERT_EQUAL(sig.u.rrsig.inception, 1767225600u);  /* 2026-01-01 */
        CU_ASSERT_EQUAL(sig.u.rrsig.expiration, 2082758400u); /* 2036 */
        CU_ASSERT_EQUAL(sig.u.rrsig.key_tag, i == 2 ? 26903 : 54742);
        CU_ASSERT_TRUE(name_is(sig.u.rrsig.signer, "wire.test."));
        CU_ASSERT_EQUAL(sig.u.rrsig.signature.len, 64);
        CU_ASSERT_PTR_EQUAL(sig.u.rrsig.signed_part.data, rr->rdata.data);
        CU_ASSERT_EQUAL(sig.u.rrsig.signed_part.len, 18 + 11);
        CU_ASSERT_PTR_EQUAL(sig.u.rrsig.signature.data,
                            rr->rdata.data + 18 + 11);
    }

    fixture_load(&c, "cdnskey.bin");
    CU_ASSERT_EQUAL_FATAL(c.err, TP_OK);
    CU_ASSERT_EQUAL(c.msg.answer.rrs[0].type, TP_TYPE_CDNSKEY);
    cdnskey = view_of(&c.msg.answer.rrs[0]);
    CU_ASSERT_EQUAL(cdnskey.u.dnskey.flags, 257);
    CU_ASSERT_EQUAL(cdnskey.u.dnskey.key.len, 64);
    CU_ASSERT_EQUAL(
        memcmp(cdnskey.u.dnskey.key.data, ksk.u.dnskey.key.data, 64), 0);
    fixture_clear(&c);

    fixture_load(&c, "cds.bin");
    CU_ASSERT_EQUAL_FATAL(c.err, TP_OK);
    cds = view_of(&c.msg.answer.rrs[0]);
    CU_ASSERT_EQUAL(cds.type, TP_TYPE_CDS);
    CU_ASSERT_EQUAL(cds.u.ds.key_tag, 26903);
    CU_ASSERT_EQUAL(cds.u.ds.algorithm, 13);
    CU_ASSERT_EQUAL(cds.u.ds.digest_type, 2);
    CU_ASSERT_EQUAL(cds.u.ds.digest.len, 32);
    fixture_clear(&c);
    fixture_clear(&f);

    fixture_load(&f, "ds.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    ds = view_of(&f.msg.answer.rrs[0]);
    CU_ASSERT_EQUAL(ds.u.ds.key_tag, 18001);
    CU_ASSERT_EQUAL(ds.u.ds.digest_type, 2);
    CU_ASSERT_EQUAL(ds.u.ds.digest.len, 32);
    sig = view_of(&f.msg.answer.rrs[1]);
    CU_ASSERT_EQUAL(sig.u.rrsig.labels, 3);
    fixture_clear(&f);

    fixture_load(&f, "referral.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    CU_ASSERT_EQUAL(f.msg.authority.rrs[0].type, TP_TYPE_NS);
    CU_ASSERT_TRUE(
        name_is(f.msg.authority.rrs[0].rdata.data, "ns.child.wire.test."));
    CU_ASSERT_EQUAL(f.msg.authority.rrs[1].type, TP_TYPE_DS);
    fixture_clear(&f);
}

static void test_msg_nsec_denial(void)
{
    static const uint16_t apex_types[] = {
        TP_TYPE_NS,   TP_TYPE_SOA,    TP_TYPE_MX,  TP_TYPE_RRSIG,
        TP_TYPE_NSEC, TP_TYPE_DNSKEY, TP_TYPE_CDS, TP_TYPE_CDNSKEY};
    fixture_t f;
    tp_rdata_view_t v;

    fixture_load(&f, "nsec.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    v = view_of(&f.msg.answer.rrs[0]);
    CU_ASSERT_TRUE(name_is(v.u.nsec.next, "child.wire.test."));
    CU_ASSERT_EQUAL(tp_bitmap_check(v.u.nsec.bitmap), TP_OK);
    for (size_t i = 0; i < sizeof(apex_types) / sizeof(apex_types[0]); i++)
        CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec.bitmap, apex_types[i]));
    CU_ASSERT_FALSE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_A));
    CU_ASSERT_FALSE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_DS));
    CU_ASSERT_FALSE(tp_bitmap_has(v.u.nsec.bitmap, 65535));
    fixture_clear(&f);

    fixture_load(&f, "nxdomain-nsec.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    CU_ASSERT_EQUAL(f.msg.rcode, TP_RCODE_NXDOMAIN);
    CU_ASSERT_EQUAL(f.msg.authority.rrs[0].type, TP_TYPE_NSEC);
    CU_ASSERT_TRUE(name_is(f.msg.authority.rrs[0].owner, "mixed.wire.test."));
    v = view_of(&f.msg.authority.rrs[0]);
    CU_ASSERT_TRUE(name_is(v.u.nsec.next, "ns1.wire.test."));
    /* The NSEC covers the name asked for (RFC 4034 6.1 order). */
    CU_ASSERT_TRUE(tp_name_compare(f.msg.authority.rrs[0].owner, f.msg.qname) <
                   0);
    CU_ASSERT_TRUE(tp_name_compare(f.msg.qname, v.u.nsec.next) < 0);
    CU_ASSERT_TRUE(tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_TXT));
    CU_ASSERT_EQUAL(f.msg.authority.rrs[4].type, TP_TYPE_SOA);
    CU_ASSERT_EQUAL(f.msg.authority.rrs[4].ttl, 300);
    fixture_clear(&f);
}

static void test_msg_nsec3(void)
{
    fixture_t f;
    tp_rdata_view_t v;

    fixture_load(&f, "nsec3param.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    v = view_of(&f.msg.answer.rrs[0]);
    CU_ASSERT_EQUAL(v.u.nsec3param.hash_alg, 1);
    CU_ASSERT_EQUAL(v.u.nsec3param.flags, 0);
    CU_ASSERT_EQUAL(v.u.nsec3param.iterations, 0);
    CU_ASSERT_EQUAL(v.u.nsec3param.salt.len, 4);
    CU_ASSERT_EQUAL(memcmp(v.u.nsec3param.salt.data, "\xaa\xbb\xcc\xdd", 4), 0);
    v = view_of(&f.msg.answer.rrs[1]);
    CU_ASSERT_EQUAL(v.u.rrsig.algorithm, 8);
    CU_ASSERT_EQUAL(v.u.rrsig.signature.len, 128);
    fixture_clear(&f);

    fixture_load(&f, "nxdomain-nsec3.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    CU_ASSERT_EQUAL(f.msg.rcode, TP_RCODE_NXDOMAIN);
    CU_ASSERT_EQUAL(f.msg.authority.rrs[0].type, TP_TYPE_NSEC3);
    CU_ASSERT_TRUE(name_is(f.msg.authority.rrs[0].owner,
                           "sfe63s1fbjrk9557p3s96olab0oqq9i4.nsec3.test."));
    v = view_of(&f.msg.authority.rrs[0]);
    CU_ASSERT_EQUAL(v.u.nsec3.hash_alg, 1);
    CU_ASSERT_EQUAL(v.u.nsec3.iterations, 0);
    CU_ASSERT_EQUAL(v.u.nsec3.salt.len, 4);
    CU_ASSERT_EQUAL(v.u.nsec3.next_hashed.len, 20);
    CU_ASSERT_EQUAL(tp_bitmap_check(v.u.nsec3.bitmap), TP_OK);
    fixture_clear(&f);
}

static void test_msg_edns_nsid(void)
{
    fixture_t f;

    fixture_load(&f, "nsid.bin");
    CU_ASSERT_EQUAL_FATAL(f.err, TP_OK);
    CU_ASSERT_TRUE(f.msg.edns.has_nsid);
    CU_ASSERT_EQUAL(f.msg.edns.nsid.len, 10);
    CU_ASSERT_EQUAL(memcmp(f.msg.edns.nsid.data, "tpwire-ns1", 10), 0);
    CU_ASSERT_FALSE(f.msg.edns.has_ede);
    CU_ASSERT_EQUAL(f.msg.edns.options.len, 14);
    CU_ASSERT_EQUAL(f.msg.edns.ext_rcode, 0);
    fixture_clear(&f);
}

/* Every proper prefix of a real response is rejected, and never read past. */
static void test_msg_every_truncation_fails(void)
{
    static const char *const files[] = {"mx.bin", "nxdomain-nsec3.bin",
                                        "nsid.bin"};

    for (size_t i = 0; i < 3; i++) {
        fixture_t f;

        fixture_load(&f, files[i]);
        for (size_t len = 0; len < f.len; len++) {
            uint8_t *copy = malloc(len + 1); /* exact size for ASan */
            tp_arena_t *a = tp_arena_new(0);
            tp_msg_t m;

            CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
            memcpy(copy, f.wire, len);
            CU_ASSERT_NOT_EQUAL(tp_msg_parse(copy, len, a, &m), TP_OK);
            CU_ASSERT_EQUAL(m.answer.count, 0); /* zeroed on failure */
            tp_arena_free(a);
            free(copy);
        }
        fixture_clear(&f);
    }
}

/* ---- Synthetic messages ------------------------------------------------ */

#define HDR(qd, an, ns, ar) 0x12, 0x34, 0x84, 0x00, 0, qd, 0, an, 0, ns, 0, ar
/* "www.example." A IN at offset 12; the first record starts at 29. */
#define QUESTION \
    3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1, 0, 1
#define RR_HEAD(type, rdlen) 0xC0, 12, 0, type, 0, 1, 0, 0, 0x0E, 0x10, 0, rdlen
#define A_RR                 RR_HEAD(1, 4), 192, 0, 2, 1
#define OPT_HEAD             0, 0, 41, 0x04, 0xD0, 0, 0, 0x80, 0
#define SIG18                0, 1, 13, 2, 0, 0, 0x0E, 0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1

typedef struct {
    const char *why;
    const uint8_t *wire;
    size_t len;
    tp_err_t want;
} bad_row_t;

#define ROW(why, want, ...)                              \
    {                                                    \
        why, (const uint8_t[]){__VA_ARGS__},             \
            sizeof((const uint8_t[]){__VA_ARGS__}), want \
    }

static void test_msg_malformed_table(void)
{
    const bad_row_t rows[] = {
        ROW("header cut short", TP_ETRUNCATED, 0x12, 0x34, 0x84),
        ROW("qdcount 65535 in a bare header", TP_ECOUNT, 0x12, 0x34, 0x84, 0,
            0xFF, 0xFF, 0, 0, 0, 0, 0, 0),
        ROW("ancount 5, one answer present", TP_ECOUNT, HDR(1, 5, 0, 0),
            QUESTION, A_RR),
        ROW("arcount 200 on a small message", TP_ECOUNT, HDR(1, 1, 0, 200),
            QUESTION, A_RR),
        ROW("a record that ends inside its fixed fields", TP_ECOUNT,
            HDR(1, 1, 0, 0), QUESTION, 0xC0, 12, 0, 1, 0, 1, 0, 0),
        ROW("question without QCLASS", TP_ETRUNCATED, HDR(1, 0, 0, 0), 3, 'w',
            'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1),
        ROW("RDLENGTH past the end", TP_ERDLENGTH, HDR(1, 1, 0, 0), QUESTION,
            RR_HEAD(1, 10), 192, 0, 2, 1),
        ROW("A RDATA of 3 octets", TP_ETRUNCATED, HDR(1, 1, 0, 0), QUESTION,
            RR_HEAD(1, 3), 192, 0, 2),
        ROW("A RDATA of 5 octets", TP_ETRAILING, HDR(1, 1, 0, 0), QUESTION,
            RR_HEAD(1, 5), 192, 0, 2, 1, 9),
        ROW("SOA RDATA truncated after the names", TP_ETRUNCATED,
            HDR(1, 1, 0, 0), QUESTION, RR_HEAD(6, 4), 0xC0, 12, 0xC0, 12),
        ROW("owner pointer to itself", TP_EPOINTER, HDR(1, 1, 0, 0), QUESTION,
            0xC0, 29, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4),
        ROW("owner forward pointer", TP_EPOINTER, HDR(1, 1, 0, 0), QUESTION,
            0xC0, 40, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4),
        ROW("owner pointer past the message", TP_EPOINTER, HDR(1, 1, 0, 0),
            QUESTION, 0xFF, 0xFF, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4),
        ROW("NS RDATA pointer loop", TP_EPOINTER, HDR(1, 1, 0, 0), QUESTION,
            RR_HEAD(2, 4), 1, 'a', 0xC0, 41),
        ROW("CNAME RDATA two-pointer loop", TP_EPOINTER, HDR(1, 2, 0, 0),
            QUESTION, RR_HEAD(5, 2), 0xC0, 55, RR_HEAD(5, 2), 0xC0, 41),
        ROW("RRSIG signer compressed", TP_EPOINTER, HDR(1, 1, 0, 0), QUESTION,
            RR_HEAD(46, 21), SIG18, 0xC0, 12, 7),
        ROW("NSEC next name compressed", TP_EPOINTER, HDR(1, 1, 0, 0), QUESTION,
            RR_HEAD(47, 5), 0xC0, 12, 0, 1, 0x40),
        ROW("DNAME target compressed", TP_EPOINTER, HDR(1, 1, 0, 0), QUESTION,
            RR_HEAD(39, 2), 0xC0, 12),
        ROW("reserved label type 0x40 in QNAME", TP_ELABELTYPE, HDR(1, 0, 0, 0),
            0x41, 'w', 0, 0, 1, 0, 1),
        ROW("reserved label type 0x80 in RDATA", TP_ELABELTYPE, HDR(1, 1, 0, 0),
            QUESTION, RR_HEAD(2, 2), 0x80, 0),
        ROW("trailing byte", TP_ETRAILING, HDR(1, 1, 0, 0), QUESTION, A_RR, 0),
        ROW("two OPT records", TP_EMALFORMED, HDR(1, 0, 0, 2), QUESTION,
            OPT_HEAD, 0, 0, OPT_HEAD, 0, 0),
        ROW("OPT in the answer section", TP_EMALFORMED, HDR(1, 1, 0, 0),
            QUESTION, OPT_HEAD, 0, 0),
        ROW("OPT owner not the root", TP_EMALFORMED, HDR(1, 0, 0, 1), QUESTION,
            0xC0, 12, 0, 41, 0x04, 0xD0, 0, 0, 0x80, 0, 0, 0),
        ROW("EDNS option past the OPT RDATA", TP_ETRUNCATED, HDR(1, 0, 0, 1),
            QUESTION, OPT_HEAD, 0, 4, 0, 3, 0, 9),
        ROW("EDE shorter than its INFO-CODE", TP_EMALFORMED, HDR(1, 0, 0, 1),
            QUESTION, OPT_HEAD, 0, 5, 0, 15, 0, 1, 6),
    };

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        tp_arena_t *a = tp_arena_new(0);
        uint8_t *copy = malloc(rows[i].len);
        tp_msg_t m;
        tp_err_t err;

        CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
        memcpy(copy, rows[i].wire, rows[i].len);
        err = tp_msg_parse(copy, rows[i].len, a, &m);
        if (err != rows[i].want)
            fprintf(stderr, "\n  row '%s': got %s, want %s\n", rows[i].why,
                    tp_err_name(err), tp_err_name(rows[i].want));
        CU_ASSERT_EQUAL(err, rows[i].want);
        tp_arena_free(a);
        free(copy);
    }
}

/* EDE (RFC 8914), NSID and an extended RCODE (BADVERS = 16) together. */
static void test_msg_edns_ede_and_extended_rcode(void)
{
    const uint8_t wire[] = {HDR(1, 0, 0, 1),
                            QUESTION,
                            0,
                            0,
                            41,
                            0x04,
                            0xD0,
                            1,
                            0,
                            0x80,
                            0,
                            0,
                            23,
                            0,
                            15,
                            0,
                            13,
                            0,
                            6,
                            's',
                            'i',
                            'g',
                            ' ',
                            'e',
                            'x',
                            'p',
                            'i',
                            'r',
                            'e',
                            'd',
                            0,
                            3,
                            0,
                            2,
                            'n',
                            's'};
    tp_arena_t *a = tp_arena_new(0);
    tp_msg_t m;

    CU_ASSERT_EQUAL_FATAL(tp_msg_parse(wire, sizeof(wire), a, &m), TP_OK);
    CU_ASSERT_TRUE(m.edns.present);
    CU_ASSERT_EQUAL(m.edns.ext_rcode, 1);
    CU_ASSERT_EQUAL(m.rcode, TP_RCODE_BADVERS);
    CU_ASSERT_TRUE(m.edns.has_ede);
    CU_ASSERT_EQUAL(m.edns.ede_code, 6);
    CU_ASSERT_EQUAL(m.edns.ede_text.len, 11);
    CU_ASSERT_EQUAL(memcmp(m.edns.ede_text.data, "sig expired", 11), 0);
    CU_ASSERT_TRUE(m.edns.has_nsid);
    CU_ASSERT_EQUAL(m.edns.nsid.len, 2);
    CU_ASSERT_EQUAL(m.edns.options.len, 23);
    CU_ASSERT_EQUAL(m.additional.count, 0);
    CU_ASSERT_EQUAL(m.arcount, 1);
    tp_arena_free(a);
}

/* Original case survives decompression; the canonical form lowercases. */
static void test_msg_case_kept_then_canonical(void)
{
    const uint8_t wire[] = {
        0x12, 0x34, 0x84, 0,    0,   1,   0, 1,   0,   0,
        0,    0,    3,    'W',  'w', 'W', 7, 'E', 'x', 'A',
        'm',  'p',  'l',  'E',  0,   0,   2, 0,   1,   RR_HEAD(2, 5),
        2,    'N',  's',  0xC0, 12};
    const uint8_t want[] = "\2Ns\3WwW\7ExAmplE";
    const uint8_t canon[] = "\2ns\3www\7example";
    tp_arena_t *a = tp_arena_new(0);
    tp_buf_t out;
    tp_msg_t m;

    CU_ASSERT_EQUAL_FATAL(tp_msg_parse(wire, sizeof(wire), a, &m), TP_OK);
    CU_ASSERT_FALSE(m.edns.present);
    CU_ASSERT_EQUAL_FATAL(m.answer.count, 1);
    CU_ASSERT_EQUAL(m.answer.rrs[0].rdata.len, sizeof(want));
    CU_ASSERT_EQUAL(memcmp(m.answer.rrs[0].rdata.data, want, sizeof(want)), 0);
    CU_ASSERT_EQUAL(memcmp(m.answer.rrs[0].owner, "\3WwW\7ExAmplE", 13), 0);
    CU_ASSERT_EQUAL(m.answer.rrs[0].raw.len, 5);
    tp_buf_init(&out, 1000);
    CU_ASSERT_EQUAL(tp_rdata_canonical(TP_TYPE_NS, m.answer.rrs[0].rdata, &out),
                    TP_OK);
    CU_ASSERT_EQUAL(out.len, sizeof(canon));
    CU_ASSERT_EQUAL(memcmp(out.data, canon, sizeof(canon)), 0);
    tp_buf_clear(&out);
    tp_arena_free(a);
}

static void test_msg_bad_arguments(void)
{
    tp_arena_t *a = tp_arena_new(0);
    tp_msg_t m;
    const uint8_t wire[] = {HDR(0, 0, 0, 0)};

    CU_ASSERT_EQUAL(tp_msg_parse(NULL, 12, a, &m), TP_EINVAL);
    CU_ASSERT_EQUAL(tp_msg_parse(wire, 12, NULL, &m), TP_EINVAL);
    CU_ASSERT_EQUAL(tp_msg_parse(wire, 12, a, NULL), TP_EINVAL);
    CU_ASSERT_EQUAL(tp_msg_parse(wire, 12, a, &m), TP_OK);
    CU_ASSERT_FALSE(m.has_question);
    CU_ASSERT_EQUAL(m.id, 0x1234);
    CU_ASSERT_TRUE(m.qr);
    CU_ASSERT_TRUE(m.aa);
    tp_arena_free(a);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("wire.msg", NULL, NULL);
    if (s == NULL ||
        !CU_add_test(s, "wire: every fixture parses, views, canonicalizes",
                     test_msg_fixture_table) ||
        !CU_add_test(s, "wire: decompression gives the exact names",
                     test_msg_decompression_exact) ||
        !CU_add_test(s, "wire: A, AAAA, CNAME, DNAME, PTR",
                     test_msg_address_and_alias_types) ||
        !CU_add_test(s, "wire: TXT strings", test_msg_txt) ||
        !CU_add_test(s, "wire: DNSKEY, RRSIG, DS, CDS, CDNSKEY",
                     test_msg_dnssec_keys) ||
        !CU_add_test(s, "wire: NSEC and NXDOMAIN proofs",
                     test_msg_nsec_denial) ||
        !CU_add_test(s, "wire: NSEC3 and NSEC3PARAM", test_msg_nsec3) ||
        !CU_add_test(s, "wire: EDNS NSID", test_msg_edns_nsid) ||
        !CU_add_test(s, "wire: every truncation of a response fails",
                     test_msg_every_truncation_fails) ||
        !CU_add_test(s, "wire: malformed messages give exact errors",
                     test_msg_malformed_table) ||
        !CU_add_test(s, "wire: EDE and extended RCODE",
                     test_msg_edns_ede_and_extended_rcode) ||
        !CU_add_test(s, "wire: case kept, canonical lowercases",
                     test_msg_case_kept_then_canonical) ||
        !CU_add_test(s, "wire: bad arguments", test_msg_bad_arguments))
        return -1;
    return 0;
}
