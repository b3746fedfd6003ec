/* dnssec denial with NSEC: every negative response of RFC 4035 Appendix B
 * (B.2 name error, B.3 no data, B.5 referral to an unsigned zone, B.6
 * wildcard expansion, B.7 wildcard no data, B.8 DS child zone no data) with
 * the NSEC chain of Appendix A (tests/data/denial/rfc4035-nsec.zone), each
 * with negative twins, plus empty non-terminals, RFC 6840 4.1 (delegation,
 * DNAME), the CNAME bit and RFC 9824 compact denial. */
#include "denial_fixture.h"

#define ZONE "denial/rfc4035-nsec.zone"

#define PICK(f, ...)                                              \
    do {                                                          \
        static const char *const owners_[] = {__VA_ARGS__, NULL}; \
        fx_pick((f), owners_);                                    \
    } while (0)

static void test_b2_name_error(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    PICK(&f, "b.example.", "example.");
    CU_ASSERT_EQUAL_FATAL(f.picked_count, 2);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "ml.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NONE);
    CU_ASSERT_EQUAL(f.res.mech, TP_DENIAL_MECH_NSEC);
    CU_ASSERT_EQUAL(f.res.kind, TP_DENIAL_NXDOMAIN);
    CU_ASSERT_EQUAL_FATAL(f.res.fact_count, 2);
    CU_ASSERT_EQUAL(f.res.facts[0].part, TP_DENIAL_PART_QNAME_COVERED);
    CU_ASSERT_EQUAL(f.res.facts[0].rr_index, 0);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 0),
        "NSEC b.example. -> ns1.example. covers ml.example.");
    CU_ASSERT_EQUAL(f.res.facts[1].part, TP_DENIAL_PART_WILDCARD_COVERED);
    CU_ASSERT_EQUAL(f.res.facts[1].rr_index, 1);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 1),
        "NSEC example. -> a.example. covers wildcard *.example.");
    CU_ASSERT_STRING_EQUAL(fx_encloser(&f), "example.");
    CU_ASSERT_EQUAL(f.res.note_count, 0);

    /* Twin: without the NSEC that covers the name. */
    PICK(&f, "example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "ml.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NO_RECORD);
    CU_ASSERT_FALSE(f.res.facts[0].ok);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "missing: no NSEC covers ml.example.");
    CU_ASSERT_TRUE(f.res.facts[1].ok);

    /* Twin: without the NSEC that covers the wildcard. */
    PICK(&f, "b.example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "ml.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_TRUE(f.res.facts[0].ok);
    CU_ASSERT_FALSE(f.res.facts[1].ok);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 1),
                           "missing: no NSEC covers wildcard *.example.");

    /* Twin: no records at all. */
    f.picked_count = 0;
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "ml.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_EQUAL(f.res.mech, TP_DENIAL_MECH_NONE);

    /* Twin: the name exists (an NSEC matches it). */
    PICK(&f, "ns1.example.", "example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "ns1.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NAME_EXISTS);
    CU_ASSERT_STRING_EQUAL(fx_fact_owner(&f, 0), "ns1.example.");

    /* Twin: the wildcard exists (*.w.example. matches): no name error. */
    PICK(&f, "x.y.w.example.", "*.w.example.");
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NXDOMAIN, "a.z.w.example.", TP_TYPE_A), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NAME_EXISTS);
    CU_ASSERT_EQUAL(f.res.facts[1].part, TP_DENIAL_PART_WILDCARD_COVERED);
    CU_ASSERT_STRING_EQUAL(fx_fact_owner(&f, 1), "*.w.example.");
    fx_free(&f);
}

/* RFC 6840 4.1: the parent's NSEC at a cut cannot deny names below it. */
static void test_delegation_nsec_cannot_deny_below(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    PICK(&f, "b.example.", "example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "mc.b.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_DELEGATION);
    CU_ASSERT_EQUAL(f.res.facts[0].reason, TP_DENIAL_R_DELEGATION);
    CU_ASSERT_STRING_EQUAL(fx_fact_owner(&f, 0), "b.example.");
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 0),
        "contradicted: NSEC b.example. -> ns1.example. covers mc.b.example.: "
        "the record is at a delegation (NS without SOA): it cannot prove names "
        "below the cut or types other than DS (RFC 6840 4.1, 4.4)");
    /* Nor NODATA at the cut for a type other than DS ... */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "b.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_DELEGATION);
    CU_ASSERT_TRUE(f.res.delegation);
    /* ... but it does deny DS there. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "b.example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_TRUE(f.res.delegation);
    fx_free(&f);
}

/* RFC 6840 4.1: nor can an NSEC with the DNAME bit. */
static void test_dname_nsec_cannot_deny_below(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    f.picked_count = 0;
    fx_add_text(&f, "d.example. NSEC e.example. DNAME RRSIG NSEC\n"
                    "example. NSEC a.example. NS SOA RRSIG NSEC DNSKEY\n");
    CU_ASSERT_EQUAL_FATAL(f.picked_count, 2);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "x.d.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_DNAME);
    /* The DNAME owner itself can still have NODATA for another type. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "d.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    fx_free(&f);
}

static void test_b3_no_data(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    PICK(&f, "ns1.example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_EQUAL(f.res.kind, TP_DENIAL_NODATA);
    CU_ASSERT_EQUAL_FATAL(f.res.fact_count, 1);
    CU_ASSERT_EQUAL(f.res.facts[0].part, TP_DENIAL_PART_QNAME_MATCHED);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 0),
        "NSEC ns1.example. -> ns2.example. matches ns1.example.");

    /* Twin: the bitmap lists the type. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_TYPE_PRESENT);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 0),
        "contradicted: NSEC ns1.example. -> ns2.example. matches ns1.example.: "
        "the type bitmap lists the queried type");

    /* Twin: no record. */
    f.picked_count = 0;
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "missing: no NSEC matches ns1.example.");

    /* Twin: a record that proves another name. */
    PICK(&f, "ns2.example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    fx_free(&f);
}

/* RFC 6840 4.3: the CNAME bit must be clear too. */
static void test_cname_bit(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    f.picked_count = 0;
    fx_add_text(&f, "cn.example. NSEC d.example. CNAME RRSIG NSEC\n");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "cn.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_CNAME_PRESENT);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "cn.example.", TP_TYPE_CNAME),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_TYPE_PRESENT);
    fx_free(&f);
}

static void test_b5_referral_to_unsigned_zone(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    PICK(&f, "b.example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "b.example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_EQUAL(f.res.kind, TP_DENIAL_REFERRAL);
    CU_ASSERT_TRUE(f.res.delegation);
    CU_ASSERT_EQUAL_FATAL(f.res.fact_count, 1);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "NSEC b.example. -> ns1.example. proves no DS at "
                           "delegation b.example.");

    /* Twins: a signed delegation (DS present), the child's apex (SOA),
     * a name that is no delegation (no NS), a missing record. */
    PICK(&f, "a.example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "a.example.", 0), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_DS_PRESENT);
    PICK(&f, "ns1.example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "ns1.example.", 0), TP_OK);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NS_ABSENT);
    f.picked_count = 0;
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "b.example.", 0), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "missing: no NSEC proves no DS at delegation "
                           "b.example.");
    /* A covering NSEC: there is no such delegation at all. */
    PICK(&f, "b.example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "c.example.", 0), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_WRONG_RCODE);
    fx_free(&f);
}

static void test_b6_wildcard_expansion(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    PICK(&f, "x.y.w.example.");
    f.in.wildcard_labels = 2; /* RRSIG MX 5 2 ... over *.w.example. */
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_ANSWER, "a.z.w.example.", TP_TYPE_MX),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_EQUAL_FATAL(f.res.fact_count, 1);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 0),
        "NSEC x.y.w.example. -> xx.example. covers a.z.w.example.");
    CU_ASSERT_STRING_EQUAL(fx_encloser(&f), "w.example.");

    /* Twin: the proof is absent. */
    f.picked_count = 0;
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_ANSWER, "a.z.w.example.", TP_TYPE_MX),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "missing: no NSEC covers a.z.w.example.");

    /* Twin: the RRSIG claims *.example. but the NSEC shows w.example. */
    PICK(&f, "x.y.w.example.");
    f.in.wildcard_labels = 1;
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_ANSWER, "a.z.w.example.", TP_TYPE_MX),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_ENCLOSER);

    /* Twin: the Labels field is not below the qname's label count. */
    f.in.wildcard_labels = 4;
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_ANSWER, "a.z.w.example.", TP_TYPE_MX),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_ENCLOSER);

    /* Twin: the qname exists. */
    PICK(&f, "x.y.w.example.");
    f.in.wildcard_labels = 2;
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_ANSWER, "x.y.w.example.", TP_TYPE_A),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NAME_EXISTS);
    fx_free(&f);
}

static void test_b7_wildcard_no_data(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    PICK(&f, "x.y.w.example.", "*.w.example.");
    /* Asked as plain NODATA: the records prove the wildcard form. */
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NODATA, "a.z.w.example.", TP_TYPE_AAAA), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_EQUAL(f.res.kind, TP_DENIAL_WILDCARD_NODATA);
    CU_ASSERT_EQUAL_FATAL(f.res.fact_count, 2);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 0),
        "NSEC x.y.w.example. -> xx.example. covers a.z.w.example.");
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 1),
        "NSEC *.w.example. -> x.w.example. matches wildcard *.w.example.");
    CU_ASSERT_STRING_EQUAL(fx_encloser(&f), "w.example.");
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_NODATA, "a.z.w.example.", TP_TYPE_AAAA),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);

    /* Twin: the wildcard has the type. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "a.z.w.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_TYPE_PRESENT);
    CU_ASSERT_EQUAL(f.res.facts[1].reason, TP_DENIAL_R_TYPE_PRESENT);

    /* Twin: without the wildcard's NSEC. */
    PICK(&f, "x.y.w.example.");
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_NODATA, "a.z.w.example.", TP_TYPE_AAAA),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 1),
                           "missing: no NSEC matches wildcard *.w.example.");

    /* Twin: without the NSEC that covers the qname. */
    PICK(&f, "*.w.example.");
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_NODATA, "a.z.w.example.", TP_TYPE_AAAA),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_FALSE(f.res.facts[0].ok);
    CU_ASSERT_TRUE(f.res.facts[1].ok);
    fx_free(&f);
}

static void test_b8_ds_child_zone_no_data(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    PICK(&f, "example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_FALSE(f.res.delegation);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "NSEC example. -> a.example. matches example.");
    /* Twin: the child's apex NSEC cannot make the delegation insecure. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_SOA_PRESENT);
    fx_free(&f);
}

/* y.w.example. is an empty non-terminal: the NSEC x.w.example. ->
 * x.y.w.example. covers it and its next name lies below it. */
static void test_empty_non_terminal(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    PICK(&f, "x.w.example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "y.w.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_EQUAL(f.res.kind, TP_DENIAL_ENT_NODATA);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "NSEC x.w.example. -> x.y.w.example. proves the "
                           "empty non-terminal y.w.example.");
    /* Twin: an empty non-terminal exists, so no name error. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "y.w.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NAME_EXISTS);
    fx_free(&f);
}

/* RFC 9824: NOERROR with NSEC qname -> \000.qname and NXNAME (type 128). */
static void test_compact_denial(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    f.picked_count = 0;
    fx_add_text(&f, "nx.example. NSEC \\000.nx.example. RRSIG NSEC TYPE128\n");
    CU_ASSERT_EQUAL_FATAL(f.picked_count, 1);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "nx.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_TRUE(f.res.compact);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "nx.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_TRUE(f.res.compact);
    /* Compact NODATA for an existing name: no NXNAME, qtype absent. */
    f.picked_count = 0;
    fx_add_text(&f, "ok.example. NSEC \\000.ok.example. A RRSIG NSEC\n");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ok.example.", TP_TYPE_AAAA),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_FALSE(f.res.compact);
    fx_free(&f);
}

static void test_bad_input(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    PICK(&f, "example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "a.other.", TP_TYPE_A),
                    TP_EINVAL);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_KIND_COUNT, "a.example.", TP_TYPE_A),
                    TP_EINVAL);
    CU_ASSERT_EQUAL(tp_denial_evaluate(NULL, &f.res), TP_EINVAL);
    CU_ASSERT_EQUAL(tp_denial_evaluate(&f.in, NULL), TP_EINVAL);
    /* An NSEC from another zone is set aside with a note. */
    f.picked_count = 0;
    fx_add_text(&f, "a.other. NSEC b.other. A RRSIG NSEC\n");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "a.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_EQUAL(f.res.note_count, 1);
    CU_ASSERT_EQUAL(f.res.notes[0].reason, TP_DENIAL_R_OUT_OF_ZONE);
    fx_free(&f);
}

/* Names compare case-insensitively (RFC 4343); NSEC keeps its case (RFC
 * 6840 5.1) and the text shows it as published. */
static void test_case_insensitive(void)
{
    fx_t f;
    tp_buf_t b;

    CU_ASSERT_EQUAL_FATAL(fx_load(&f, ZONE, NULL, NULL), 0);
    f.picked_count = 0;
    fx_add_text(&f, "B.Example. NSEC NS1.example. A RRSIG NSEC\n"
                    "EXAMPLE. NSEC A.example. NS SOA RRSIG NSEC DNSKEY\n");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "ML.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 0),
        "NSEC B.Example. -> NS1.example. covers ML.example.");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "b.EXAMPLE.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    /* A fact with a part out of range is refused. */
    f.res.facts[0].part = TP_DENIAL_PART_COUNT;
    tp_buf_init(&b, 100);
    CU_ASSERT_EQUAL(
        tp_denial_fact_to_text(&f.res.facts[0], f.picked, f.picked_count, &b),
        TP_EINVAL);
    tp_buf_clear(&b);
    fx_free(&f);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("dnssec denial NSEC", NULL, NULL);

    if (s == NULL ||
        !CU_add_test(s, "denial: RFC 4035 B.2 name error",
                     test_b2_name_error) ||
        !CU_add_test(s, "denial: NSEC at a delegation denies nothing below",
                     test_delegation_nsec_cannot_deny_below) ||
        !CU_add_test(s, "denial: NSEC with DNAME denies nothing below",
                     test_dname_nsec_cannot_deny_below) ||
        !CU_add_test(s, "denial: RFC 4035 B.3 no data", test_b3_no_data) ||
        !CU_add_test(s, "denial: CNAME bit", test_cname_bit) ||
        !CU_add_test(s, "denial: RFC 4035 B.5 referral to unsigned zone",
                     test_b5_referral_to_unsigned_zone) ||
        !CU_add_test(s, "denial: RFC 4035 B.6 wildcard expansion",
                     test_b6_wildcard_expansion) ||
        !CU_add_test(s, "denial: RFC 4035 B.7 wildcard no data",
                     test_b7_wildcard_no_data) ||
        !CU_add_test(s, "denial: RFC 4035 B.8 DS child zone no data",
                     test_b8_ds_child_zone_no_data) ||
        !CU_add_test(s, "denial: empty non-terminal",
                     test_empty_non_terminal) ||
        !CU_add_test(s, "denial: RFC 9824 compact denial",
                     test_compact_denial) ||
        !CU_add_test(s, "denial: bad input", test_bad_input) ||
        !CU_add_test(s, "denial: case-insensitive names",
                     test_case_insensitive))
        return -1;
    return 0;
}
