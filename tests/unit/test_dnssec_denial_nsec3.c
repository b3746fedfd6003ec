/* dnssec denial with NSEC3: every response of RFC 5155 Appendix B (B.1 name
 * error, B.2 no data, B.2.1 no data at an empty non-terminal, B.3 referral
 * to an opt-out unsigned zone, B.4 wildcard expansion, B.5 wildcard no
 * data, B.6 DS child zone no data) with the NSEC3 chain of Appendix A
 * (tests/data/denial/rfc5155-nsec3.zone), each proof checked part by part,
 * with negative twins; RFC 5155 8.1-8.2 (unknown hash, flags, parameters),
 * the closest encloser at a delegation, opt-out and the budgets.
 *
 * The Appendix A chain has the opt-out flag on every record, so proofs that
 * rest on a covered next closer name are OPTOUT (insecure), as validators
 * treat them (RFC 5155 9.2); the same chain with flags 0 ("clear" below)
 * gives the fully secure twins. */
#include "denial_fixture.h"

#define ZONE "denial/rfc5155-nsec3.zone"

/* NSEC3 owner names of Appendix A and their original names. */
#define H_EXAMPLE "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example." /* example. */
#define H_NS1     "2t7b4g4vsa5smi47k61mv5bv1a22bojr.example." /* ns1 */
#define H_A       "35mthgpgcu1qg68fab165klnsnk3dpvl.example." /* a */
#define H_XW      "b4um86eghhds6nea196smvmlo4ors995.example." /* x.w */
#define H_YW      "ji6neoaepv8b5o6k4ev33abha8ht9fgc.example." /* y.w */
#define H_W       "k8udemvp1j2f7eg6jebps17vp3n8i58h.example." /* w */
#define H_NS2     "q04jkcevqvmu85r014c7dkba38o0ji5r.example." /* ns2 */
#define H_WILD_W  "r53bq7cc2uvmubfu5ocmm6pers9tk9en.example." /* *.w */

#define PICK(f, ...)                                              \
    do {                                                          \
        static const char *const owners_[] = {__VA_ARGS__, NULL}; \
        fx_pick((f), owners_);                                    \
    } while (0)

static int load_optout(fx_t *f)
{
    return fx_load(f, ZONE, NULL, NULL);
}

static int load_clear(fx_t *f)
{
    return fx_load(f, ZONE, "NSEC3 1 1 12", "NSEC3 1 0 12");
}

static void test_b1_name_error(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_optout(&f), 0);
    PICK(&f, H_EXAMPLE, H_XW, H_A);
    CU_ASSERT_EQUAL_FATAL(f.picked_count, 3);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NXDOMAIN, "a.c.x.w.example.", TP_TYPE_A), TP_OK);
    CU_ASSERT_EQUAL(f.res.mech, TP_DENIAL_MECH_NSEC3);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_OPTOUT);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_OPTOUT);
    CU_ASSERT_TRUE(f.res.opt_out);
    CU_ASSERT_STRING_EQUAL(fx_encloser(&f), "x.w.example.");
    CU_ASSERT_EQUAL_FATAL(f.res.fact_count, 3);
    CU_ASSERT_EQUAL(f.res.facts[0].part, TP_DENIAL_PART_CLOSEST_ENCLOSER);
    CU_ASSERT_TRUE(f.res.facts[0].ok);
    CU_ASSERT_EQUAL(f.res.facts[0].rr_index, 1);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "NSEC3 b4um86eghhds6nea196smvmlo4ors995 -> "
                           "gjeqe526plbf1g8mklp59enfd789njgi matches closest "
                           "encloser x.w.example.");
    CU_ASSERT_EQUAL(f.res.facts[1].part, TP_DENIAL_PART_NEXT_CLOSER);
    CU_ASSERT_TRUE(f.res.facts[1].ok); /* holds, but through opt-out */
    CU_ASSERT_EQUAL(f.res.facts[1].reason, TP_DENIAL_R_OPTOUT);
    CU_ASSERT_EQUAL(f.res.facts[1].rr_index, 0);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 1),
        "NSEC3 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom -> "
        "2t7b4g4vsa5smi47k61mv5bv1a22bojr covers next closer c.x.w.example. "
        "(hash 0va5bpr2ou0vk0lbqeeljri88laipsfh): covered by an opt-out "
        "NSEC3: unsigned delegations may exist there");
    CU_ASSERT_EQUAL(f.res.facts[2].part, TP_DENIAL_PART_WILDCARD_COVERED);
    CU_ASSERT_EQUAL(f.res.facts[2].rr_index, 2);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 2),
        "NSEC3 35mthgpgcu1qg68fab165klnsnk3dpvl -> "
        "b4um86eghhds6nea196smvmlo4ors995 covers wildcard *.x.w.example. "
        "(hash 92pqneegtaue7pjatc3l3qnk738c6v5m)");
    /* Parameters reported for RFC 9276. */
    CU_ASSERT_TRUE(f.res.has_nsec3_params);
    CU_ASSERT_EQUAL(f.res.nsec3_iterations, 12);
    CU_ASSERT_EQUAL(f.res.nsec3_salt_len, 4);
    CU_ASSERT_EQUAL(f.res.nsec3_salt[0], 0xaa);
    CU_ASSERT_EQUAL(f.res.nsec3_policy,
                    TP_NSEC3_POLICY_ITERATIONS | TP_NSEC3_POLICY_SALT);
    CU_ASSERT_TRUE(f.res.nsec3_params_consistent);
    CU_ASSERT_EQUAL(f.res.hashes_computed, 4); /* 3 levels + wildcard */
    fx_free(&f);
}

static void test_b1_name_error_twins(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_clear(&f), 0);
    PICK(&f, H_EXAMPLE, H_XW, H_A);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NXDOMAIN, "a.c.x.w.example.", TP_TYPE_A), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_FALSE(f.res.opt_out);
    CU_ASSERT_EQUAL(f.res.facts[1].reason, TP_DENIAL_R_NONE);

    /* Without the closest encloser's NSEC3. */
    PICK(&f, H_EXAMPLE, H_A);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NXDOMAIN, "a.c.x.w.example.", TP_TYPE_A), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_FALSE(f.res.facts[0].ok);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 0),
        "missing: no NSEC3 matches closest encloser "
        "x.w.example. (hash b4um86eghhds6nea196smvmlo4ors995)");
    CU_ASSERT_TRUE(f.res.facts[1].ok);
    CU_ASSERT_TRUE(f.res.facts[2].ok);

    /* Without the NSEC3 covering the next closer name. */
    PICK(&f, H_XW, H_A);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NXDOMAIN, "a.c.x.w.example.", TP_TYPE_A), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_TRUE(f.res.facts[0].ok);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 1),
        "missing: no NSEC3 covers next closer c.x.w.example. "
        "(hash 0va5bpr2ou0vk0lbqeeljri88laipsfh)");
    CU_ASSERT_TRUE(f.res.facts[2].ok);

    /* Without the NSEC3 covering the wildcard. */
    PICK(&f, H_EXAMPLE, H_XW);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NXDOMAIN, "a.c.x.w.example.", TP_TYPE_A), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 2),
                           "missing: no NSEC3 covers wildcard *.x.w.example. "
                           "(hash 92pqneegtaue7pjatc3l3qnk738c6v5m)");

    /* The name exists. */
    PICK(&f, H_XW);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "x.w.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NAME_EXISTS);
    CU_ASSERT_EQUAL(f.res.facts[0].part, TP_DENIAL_PART_QNAME_MATCHED);

    /* The wildcard exists: a.z.w.example. would have been synthesised. */
    PICK(&f, H_W, H_NS2, H_WILD_W);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NXDOMAIN, "a.z.w.example.", TP_TYPE_A), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.facts[2].reason, TP_DENIAL_R_NAME_EXISTS);
    fx_free(&f);
}

/* RFC 5155 8.3: the closest encloser may not be a delegation (NS without
 * SOA) or have DNAME: a.example. is a delegation. */
static void test_closest_encloser_at_delegation(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_clear(&f), 0);
    PICK(&f, H_A, H_EXAMPLE);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NXDOMAIN, "www.a.example.", TP_TYPE_A), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.facts[0].part, TP_DENIAL_PART_CLOSEST_ENCLOSER);
    CU_ASSERT_EQUAL(f.res.facts[0].reason, TP_DENIAL_R_DELEGATION);
    CU_ASSERT_STRING_EQUAL(fx_encloser(&f), "a.example.");
    f.picked_count = 0;
    fx_add_text(&f, "k8udemvp1j2f7eg6jebps17vp3n8i58h NSEC3 1 0 12 aabbccdd "
                    "kohar7mbb8dc2ce8a9qvl8hon4k53uhi DNAME RRSIG\n");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "v.w.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.facts[0].reason, TP_DENIAL_R_DNAME);
    fx_free(&f);
}

static void test_b2_no_data(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_optout(&f), 0);
    PICK(&f, H_NS1);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_EQUAL(f.res.kind, TP_DENIAL_NODATA);
    CU_ASSERT_EQUAL_FATAL(f.res.fact_count, 1);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "NSEC3 2t7b4g4vsa5smi47k61mv5bv1a22bojr -> "
                           "2vptu5timamqttgl4luu9kg21e0aor3s matches "
                           "ns1.example.");
    /* Twin: the bitmap lists the type. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_TYPE_PRESENT);
    /* Twin: the record is absent. */
    PICK(&f, H_NS2);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "missing: no NSEC3 matches ns1.example. (hash "
                           "2t7b4g4vsa5smi47k61mv5bv1a22bojr)");
    /* Twin: a type at a delegation (parent side) cannot be denied. */
    PICK(&f, H_A);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "a.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_DELEGATION);
    fx_free(&f);
}

static void test_b21_no_data_empty_non_terminal(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_optout(&f), 0);
    PICK(&f, H_YW);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "y.w.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_EQUAL(f.res.kind, TP_DENIAL_ENT_NODATA);
    CU_ASSERT_EQUAL(f.res.facts[0].part, TP_DENIAL_PART_ENT);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "NSEC3 ji6neoaepv8b5o6k4ev33abha8ht9fgc -> "
                           "k8udemvp1j2f7eg6jebps17vp3n8i58h proves the empty "
                           "non-terminal y.w.example.");
    /* Twin: an empty non-terminal is not a name error. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NXDOMAIN, "y.w.example.", TP_TYPE_A),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NAME_EXISTS);
    fx_free(&f);
}

static void test_b3_referral_to_optout_unsigned_zone(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_optout(&f), 0);
    PICK(&f, H_A, H_EXAMPLE);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "c.example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_OPTOUT);
    CU_ASSERT_TRUE(f.res.opt_out);
    CU_ASSERT_EQUAL_FATAL(f.res.fact_count, 2);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "NSEC3 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom -> "
                           "2t7b4g4vsa5smi47k61mv5bv1a22bojr matches closest "
                           "encloser example.");
    CU_ASSERT_EQUAL(f.res.facts[1].rr_index, 0);
    CU_ASSERT_EQUAL(f.res.facts[1].reason, TP_DENIAL_R_OPTOUT);
    CU_ASSERT_STRING_EQUAL(fx_encloser(&f), "example.");
    /* The same records as the answer to "c.example. DS" (RFC 5155 8.6). */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "c.example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_OPTOUT);
    /* Data below the unsigned delegation (any type): insecure too. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "mc.c.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_OPTOUT);
    CU_ASSERT_EQUAL(f.res.kind, TP_DENIAL_NODATA);
    CU_ASSERT_STRING_EQUAL(fx_encloser(&f), "example.");
    /* Twin: without the closest encloser. */
    PICK(&f, H_A);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "c.example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_FALSE(f.res.facts[0].ok);
    /* Twin: a signed delegation has DS. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "a.example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_DS_PRESENT);
    fx_free(&f);

    /* Twin: without opt-out the cover proves c.example. does not exist. */
    CU_ASSERT_EQUAL_FATAL(load_clear(&f), 0);
    PICK(&f, H_A, H_EXAMPLE);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "c.example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NOT_OPTOUT);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "c.example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NOT_OPTOUT);
    /* Below a name proven absent: only a wildcard could answer, and its
     * NSEC3 is not there. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "mc.c.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_EQUAL(f.res.kind, TP_DENIAL_WILDCARD_NODATA);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 2),
                           "missing: no NSEC3 matches wildcard *.example. "
                           "(hash jhsv97rodsnhc4f1ke4jh23egaa5agvp)");
    fx_free(&f);
}

/* An insecure delegation proven by a matching NSEC3 (NS, no DS, no SOA). */
static void test_referral_matching_nsec3(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_clear(&f), 0);
    f.picked_count = 0;
    fx_add_text(&f, "4g6p9u5gvfshp30pqecj98b3maqbn1ck NSEC3 1 0 12 aabbccdd "
                    "b4um86eghhds6nea196smvmlo4ors995 NS\n");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "c.example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_TRUE(f.res.delegation);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "NSEC3 4g6p9u5gvfshp30pqecj98b3maqbn1ck -> "
                           "b4um86eghhds6nea196smvmlo4ors995 proves no DS at "
                           "delegation c.example.");
    fx_free(&f);
}

static void test_b4_wildcard_expansion(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_clear(&f), 0);
    PICK(&f, H_NS2);
    f.in.wildcard_labels = 2; /* RRSIG MX 7 2 ... over *.w.example. */
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_ANSWER, "a.z.w.example.", TP_TYPE_MX),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_STRING_EQUAL(fx_encloser(&f), "w.example.");
    CU_ASSERT_EQUAL_FATAL(f.res.fact_count, 1);
    CU_ASSERT_STRING_EQUAL(
        fx_fact_text(&f, 0),
        "NSEC3 q04jkcevqvmu85r014c7dkba38o0ji5r -> "
        "r53bq7cc2uvmubfu5ocmm6pers9tk9en covers next closer z.w.example. "
        "(hash qlu7gtfaeh0ek0c05ksfhdpbcgglbe03)");
    /* Twin: the proof is absent. */
    PICK(&f, H_W);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_ANSWER, "a.z.w.example.", TP_TYPE_MX),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "missing: no NSEC3 covers next closer z.w.example. "
                           "(hash qlu7gtfaeh0ek0c05ksfhdpbcgglbe03)");
    /* Twin: the next closer name exists (y.w.example. is an ENT). */
    PICK(&f, H_YW);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_ANSWER, "x.y.w.example.", TP_TYPE_MX),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_NAME_EXISTS);
    fx_free(&f);

    /* As published (opt-out): insecure. */
    CU_ASSERT_EQUAL_FATAL(load_optout(&f), 0);
    PICK(&f, H_NS2);
    f.in.wildcard_labels = 2;
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_ANSWER, "a.z.w.example.", TP_TYPE_MX),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_OPTOUT);
    fx_free(&f);
}

static void test_b5_wildcard_no_data(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_clear(&f), 0);
    PICK(&f, H_W, H_NS2, H_WILD_W);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NODATA, "a.z.w.example.", TP_TYPE_AAAA), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_EQUAL(f.res.kind, TP_DENIAL_WILDCARD_NODATA);
    CU_ASSERT_STRING_EQUAL(fx_encloser(&f), "w.example.");
    CU_ASSERT_EQUAL_FATAL(f.res.fact_count, 3);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "NSEC3 k8udemvp1j2f7eg6jebps17vp3n8i58h -> "
                           "kohar7mbb8dc2ce8a9qvl8hon4k53uhi matches closest "
                           "encloser w.example.");
    CU_ASSERT_EQUAL(f.res.facts[1].part, TP_DENIAL_PART_NEXT_CLOSER);
    CU_ASSERT_EQUAL(f.res.facts[1].rr_index, 1);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 2),
                           "NSEC3 r53bq7cc2uvmubfu5ocmm6pers9tk9en -> "
                           "t644ebqk9bibcna874givr6joj62mlhv matches wildcard "
                           "*.w.example.");
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_NODATA, "a.z.w.example.", TP_TYPE_AAAA),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    /* Twin: the wildcard has the type. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "a.z.w.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.facts[2].reason, TP_DENIAL_R_TYPE_PRESENT);
    /* Twin: without the wildcard's NSEC3. */
    PICK(&f, H_W, H_NS2);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NODATA, "a.z.w.example.", TP_TYPE_AAAA), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 2),
                           "missing: no NSEC3 matches wildcard *.w.example. "
                           "(hash r53bq7cc2uvmubfu5ocmm6pers9tk9en)");
    /* Twin: without the closest encloser (asked as wildcard no data). */
    PICK(&f, H_NS2, H_WILD_W);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_WILDCARD_NODATA, "a.z.w.example.", TP_TYPE_AAAA),
        TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_FALSE(f.res.facts[0].ok);
    CU_ASSERT_STRING_EQUAL(fx_encloser(&f), "w.example.");
    fx_free(&f);

    CU_ASSERT_EQUAL_FATAL(load_optout(&f), 0);
    PICK(&f, H_W, H_NS2, H_WILD_W);
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NODATA, "a.z.w.example.", TP_TYPE_AAAA), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_OPTOUT);
    fx_free(&f);
}

static void test_b6_ds_child_zone_no_data(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_optout(&f), 0);
    PICK(&f, H_EXAMPLE);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_STRING_EQUAL(fx_fact_text(&f, 0),
                           "NSEC3 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom -> "
                           "2t7b4g4vsa5smi47k61mv5bv1a22bojr matches example.");
    /* Twin: the child's apex record cannot prove an insecure delegation. */
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_REFERRAL, "example.", TP_TYPE_DS),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_CONTRADICTED);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_SOA_PRESENT);
    fx_free(&f);
}

/* RFC 5155 8.1 and 8.2: unknown hash algorithm and flags other than
 * opt-out make a record invisible; differing parameters are reported. */
static void test_ignored_records(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_optout(&f), 0);
    f.picked_count = 0;
    fx_add_text(&f, "2t7b4g4vsa5smi47k61mv5bv1a22bojr NSEC3 2 0 12 aabbccdd "
                    "2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG\n");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_UNKNOWN_HASH);
    CU_ASSERT_EQUAL(f.res.note_count, 1);
    CU_ASSERT_EQUAL(f.res.notes[0].reason, TP_DENIAL_R_UNKNOWN_HASH);
    CU_ASSERT_EQUAL(f.res.notes[0].rr_index, 0);

    f.picked_count = 0;
    fx_add_text(&f, "2t7b4g4vsa5smi47k61mv5bv1a22bojr NSEC3 1 2 12 aabbccdd "
                    "2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG\n");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_MISSING);
    CU_ASSERT_EQUAL(f.res.notes[0].reason, TP_DENIAL_R_BAD_FLAGS);

    /* A record with another salt beside the real one. */
    PICK(&f, H_NS1);
    fx_add_text(&f, "q04jkcevqvmu85r014c7dkba38o0ji5r NSEC3 1 1 12 aabbccde "
                    "r53bq7cc2uvmubfu5ocmm6pers9tk9en A RRSIG\n"
                    "x.0p9mhaveqvm6t7vbl5lop2u3t2rp3tom NSEC3 1 1 12 aabbccdd "
                    "r53bq7cc2uvmubfu5ocmm6pers9tk9en A RRSIG\n");
    CU_ASSERT_EQUAL_FATAL(f.picked_count, 3);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_FALSE(f.res.nsec3_params_consistent);
    CU_ASSERT_EQUAL(f.res.note_count, 2);
    CU_ASSERT_EQUAL(f.res.notes[0].reason, TP_DENIAL_R_PARAMS_MISMATCH);
    CU_ASSERT_EQUAL(f.res.notes[0].rr_index, 1);
    CU_ASSERT_EQUAL(f.res.notes[1].reason, TP_DENIAL_R_OUT_OF_ZONE);
    fx_free(&f);
}

/* RFC 9276 3.2: iterations above the budget are a result, computed in no
 * time; so is running out of hash computations. */
static void test_budgets(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_optout(&f), 0);
    PICK(&f, H_NS1);
    f.in.max_iterations = 11;
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_BUDGET);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_ITERATIONS);
    CU_ASSERT_EQUAL(f.res.hashes_computed, 0);
    CU_ASSERT_EQUAL(f.res.nsec3_iterations, 12);

    f.picked_count = 0;
    fx_add_text(&f, "2t7b4g4vsa5smi47k61mv5bv1a22bojr NSEC3 1 0 65535 - "
                    "2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG\n");
    tp_denial_input_init(&f.in);
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_BUDGET);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_ITERATIONS);
    CU_ASSERT_EQUAL(f.res.nsec3_iterations, 65535);
    CU_ASSERT_EQUAL(f.res.nsec3_salt_len, 0);
    CU_ASSERT_TRUE((f.res.nsec3_policy & TP_NSEC3_POLICY_UNBOUND_INSECURE) !=
                   0);

    PICK(&f, H_EXAMPLE, H_XW, H_A);
    tp_denial_input_init(&f.in);
    f.in.max_hashes = 2;
    CU_ASSERT_EQUAL(
        fx_eval(&f, TP_DENIAL_NXDOMAIN, "a.c.x.w.example.", TP_TYPE_A), TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_BUDGET);
    CU_ASSERT_EQUAL(f.res.reason, TP_DENIAL_R_HASH_BUDGET);
    CU_ASSERT_EQUAL(f.res.hashes_computed, 2);
    fx_free(&f);
}

static void test_mixed_nsec_and_nsec3(void)
{
    fx_t f;

    CU_ASSERT_EQUAL_FATAL(load_optout(&f), 0);
    PICK(&f, H_NS1);
    fx_add_text(&f, "ns2.example. NSEC x.example. A RRSIG NSEC\n");
    CU_ASSERT_EQUAL(fx_eval(&f, TP_DENIAL_NODATA, "ns1.example.", TP_TYPE_MX),
                    TP_OK);
    CU_ASSERT_EQUAL(f.res.status, TP_DENIAL_PROVEN);
    CU_ASSERT_EQUAL(f.res.mech, TP_DENIAL_MECH_NSEC3);
    CU_ASSERT_TRUE(f.res.mixed);
    fx_free(&f);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("dnssec denial NSEC3", NULL, NULL);

    if (s == NULL ||
        !CU_add_test(s, "denial: RFC 5155 B.1 name error (opt-out)",
                     test_b1_name_error) ||
        !CU_add_test(s, "denial: RFC 5155 B.1 twins",
                     test_b1_name_error_twins) ||
        !CU_add_test(s, "denial: closest encloser at a delegation or DNAME",
                     test_closest_encloser_at_delegation) ||
        !CU_add_test(s, "denial: RFC 5155 B.2 no data", test_b2_no_data) ||
        !CU_add_test(s, "denial: RFC 5155 B.2.1 no data, empty non-terminal",
                     test_b21_no_data_empty_non_terminal) ||
        !CU_add_test(s, "denial: RFC 5155 B.3 referral to opt-out zone",
                     test_b3_referral_to_optout_unsigned_zone) ||
        !CU_add_test(s, "denial: insecure referral, matching NSEC3",
                     test_referral_matching_nsec3) ||
        !CU_add_test(s, "denial: RFC 5155 B.4 wildcard expansion",
                     test_b4_wildcard_expansion) ||
        !CU_add_test(s, "denial: RFC 5155 B.5 wildcard no data",
                     test_b5_wildcard_no_data) ||
        !CU_add_test(s, "denial: RFC 5155 B.6 DS child zone no data",
                     test_b6_ds_child_zone_no_data) ||
        !CU_add_test(s, "denial: ignored NSEC3 records",
                     test_ignored_records) ||
        !CU_add_test(s, "denial: iteration and hash budgets", test_budgets) ||
        !CU_add_test(s, "denial: NSEC and NSEC3 mixed",
                     test_mixed_nsec_and_nsec3))
        return -1;
    return 0;
}
