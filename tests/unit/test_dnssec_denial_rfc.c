/* dnssec denial on the RFC responses as published: the presentation-format
 * fixtures tests/data/rfc/rfc4035-b*.txt (RFC 4035 Appendix B, NSEC) are
 * parsed with tp_zone_parse, the AUTHORITY section is handed to
 * tp_denial_evaluate as a whole (SOA, NS, DS and RRSIG records included:
 * denial must pick its own records) and every proof is checked part by part.
 * For each response, removing any one NSEC must turn exactly the parts it
 * proved into "missing". The RFC 5155 responses (tests/data/rfc/rfc5155-b*.txt)
 * are checked the same way, as published and with opt-out cleared. */
#include <stdio.h>

#include "denial_fixture.h"

typedef struct rfc_case {
    const char *file;
    const char *alt_file; /* another name the fixture may have, or NULL */
    tp_denial_kind_t kind;
    const char *qname; /* for REFERRAL: the delegation point */
    uint16_t qtype;
    tp_denial_status_t status;
    tp_denial_kind_t proved;
    const char *encloser; /* expected closest encloser, or NULL */
    const char *facts[4]; /* expected fact texts, NULL-terminated */
    /* RFC 5155 only: the status once the opt-out flags are cleared. */
    tp_denial_status_t status_clear;
} rfc_case_t;

#define NO_ALT NULL

static const rfc_case_t cases[] = {
    {"rfc/rfc4035-b2.txt",
     NO_ALT,
     TP_DENIAL_NXDOMAIN,
     "ml.example.",
     TP_TYPE_A,
     TP_DENIAL_PROVEN,
     TP_DENIAL_NXDOMAIN,
     "example.",
     {"NSEC b.example. -> ns1.example. covers ml.example.",
      "NSEC example. -> a.example. covers wildcard *.example.", NULL},
     TP_DENIAL_PROVEN},
    {"rfc/rfc4035-b3.txt",
     NO_ALT,
     TP_DENIAL_NODATA,
     "ns1.example.",
     TP_TYPE_MX,
     TP_DENIAL_PROVEN,
     TP_DENIAL_NODATA,
     NULL,
     {"NSEC ns1.example. -> ns2.example. matches ns1.example.", NULL},
     TP_DENIAL_PROVEN},
    /* A referral to a signed zone carries DS, not a denial. */
    {"rfc/rfc4035-b4.txt",
     NO_ALT,
     TP_DENIAL_REFERRAL,
     "a.example.",
     TP_TYPE_DS,
     TP_DENIAL_MISSING,
     TP_DENIAL_REFERRAL,
     NULL,
     {"missing: no NSEC proves no DS at delegation a.example.", NULL},
     TP_DENIAL_PROVEN},
    {"rfc/rfc4035-b5.txt",
     NO_ALT,
     TP_DENIAL_REFERRAL,
     "b.example.",
     TP_TYPE_DS,
     TP_DENIAL_PROVEN,
     TP_DENIAL_REFERRAL,
     NULL,
     {"NSEC b.example. -> ns1.example. proves no DS at delegation b.example.",
      NULL},
     TP_DENIAL_PROVEN},
    {"rfc/rfc4035-b6.txt",
     NO_ALT,
     TP_DENIAL_WILDCARD_ANSWER,
     "a.z.w.example.",
     TP_TYPE_MX,
     TP_DENIAL_PROVEN,
     TP_DENIAL_WILDCARD_ANSWER,
     "w.example.",
     {"NSEC x.y.w.example. -> xx.example. covers a.z.w.example.", NULL},
     TP_DENIAL_PROVEN},
    {"rfc/rfc4035-b7.txt",
     NO_ALT,
     TP_DENIAL_NODATA,
     "a.z.w.example.",
     TP_TYPE_AAAA,
     TP_DENIAL_PROVEN,
     TP_DENIAL_WILDCARD_NODATA,
     "w.example.",
     {"NSEC x.y.w.example. -> xx.example. covers a.z.w.example.",
      "NSEC *.w.example. -> x.w.example. matches wildcard *.w.example.", NULL},
     TP_DENIAL_PROVEN},
    {"rfc/rfc4035-b8.txt",
     NO_ALT,
     TP_DENIAL_NODATA,
     "example.",
     TP_TYPE_DS,
     TP_DENIAL_PROVEN,
     TP_DENIAL_NODATA,
     NULL,
     {"NSEC example. -> a.example. matches example.", NULL},
     TP_DENIAL_PROVEN},
};

/* RFC 5155 Appendix B as published: every NSEC3 of Appendix A has the
 * opt-out flag, so proofs that rest on a covered next closer name are
 * OPTOUT (insecure, as Unbound judges them); with the flags cleared they
 * are PROVEN. */
#define H_EX  "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"
#define H_NS1 "2t7b4g4vsa5smi47k61mv5bv1a22bojr"
#define OPTOUT_NOTE \
    ": covered by an opt-out NSEC3: unsigned delegations may exist there"

static const rfc_case_t cases5155[] = {
    {"rfc/rfc5155-b1.txt",
     NO_ALT,
     TP_DENIAL_NXDOMAIN,
     "a.c.x.w.example.",
     TP_TYPE_A,
     TP_DENIAL_OPTOUT,
     TP_DENIAL_NXDOMAIN,
     "x.w.example.",
     {"NSEC3 b4um86eghhds6nea196smvmlo4ors995 -> "
      "gjeqe526plbf1g8mklp59enfd789njgi matches closest encloser x.w.example.",
      "NSEC3 " H_EX " -> " H_NS1 " covers next closer c.x.w.example. (hash "
      "0va5bpr2ou0vk0lbqeeljri88laipsfh)" OPTOUT_NOTE,
      "NSEC3 35mthgpgcu1qg68fab165klnsnk3dpvl -> "
      "b4um86eghhds6nea196smvmlo4ors995 covers wildcard *.x.w.example. (hash "
      "92pqneegtaue7pjatc3l3qnk738c6v5m)",
      NULL},
     TP_DENIAL_PROVEN},
    {"rfc/rfc5155-b2.txt",
     NO_ALT,
     TP_DENIAL_NODATA,
     "ns1.example.",
     TP_TYPE_MX,
     TP_DENIAL_PROVEN,
     TP_DENIAL_NODATA,
     NULL,
     {"NSEC3 " H_NS1
      " -> 2vptu5timamqttgl4luu9kg21e0aor3s matches ns1.example.",
      NULL},
     TP_DENIAL_PROVEN},
    {"rfc/rfc5155-b2.1.txt",
     "rfc/rfc5155-b21.txt",
     TP_DENIAL_NODATA,
     "y.w.example.",
     TP_TYPE_A,
     TP_DENIAL_PROVEN,
     TP_DENIAL_ENT_NODATA,
     NULL,
     {"NSEC3 ji6neoaepv8b5o6k4ev33abha8ht9fgc -> "
      "k8udemvp1j2f7eg6jebps17vp3n8i58h proves the empty non-terminal "
      "y.w.example.",
      NULL},
     TP_DENIAL_PROVEN},
    {"rfc/rfc5155-b3.txt",
     NO_ALT,
     TP_DENIAL_REFERRAL,
     "c.example.",
     TP_TYPE_DS,
     TP_DENIAL_OPTOUT,
     TP_DENIAL_REFERRAL,
     "example.",
     {"NSEC3 " H_EX " -> " H_NS1 " matches closest encloser example.",
      "NSEC3 35mthgpgcu1qg68fab165klnsnk3dpvl -> "
      "b4um86eghhds6nea196smvmlo4ors995 covers next closer c.example. (hash "
      "4g6p9u5gvfshp30pqecj98b3maqbn1ck)" OPTOUT_NOTE,
      NULL},
     TP_DENIAL_CONTRADICTED},
    {"rfc/rfc5155-b4.txt",
     NO_ALT,
     TP_DENIAL_WILDCARD_ANSWER,
     "a.z.w.example.",
     TP_TYPE_MX,
     TP_DENIAL_OPTOUT,
     TP_DENIAL_WILDCARD_ANSWER,
     "w.example.",
     {"NSEC3 q04jkcevqvmu85r014c7dkba38o0ji5r -> "
      "r53bq7cc2uvmubfu5ocmm6pers9tk9en covers next closer z.w.example. (hash "
      "qlu7gtfaeh0ek0c05ksfhdpbcgglbe03)" OPTOUT_NOTE,
      NULL},
     TP_DENIAL_PROVEN},
    {"rfc/rfc5155-b5.txt",
     NO_ALT,
     TP_DENIAL_NODATA,
     "a.z.w.example.",
     TP_TYPE_AAAA,
     TP_DENIAL_OPTOUT,
     TP_DENIAL_WILDCARD_NODATA,
     "w.example.",
     {"NSEC3 k8udemvp1j2f7eg6jebps17vp3n8i58h -> "
      "kohar7mbb8dc2ce8a9qvl8hon4k53uhi matches closest encloser w.example.",
      "NSEC3 q04jkcevqvmu85r014c7dkba38o0ji5r -> "
      "r53bq7cc2uvmubfu5ocmm6pers9tk9en covers next closer z.w.example. (hash "
      "qlu7gtfaeh0ek0c05ksfhdpbcgglbe03)" OPTOUT_NOTE,
      "NSEC3 r53bq7cc2uvmubfu5ocmm6pers9tk9en -> "
      "t644ebqk9bibcna874givr6joj62mlhv matches wildcard *.w.example.",
      NULL},
     TP_DENIAL_PROVEN},
    {"rfc/rfc5155-b6.txt",
     NO_ALT,
     TP_DENIAL_NODATA,
     "example.",
     TP_TYPE_DS,
     TP_DENIAL_PROVEN,
     TP_DENIAL_NODATA,
     NULL,
     {"NSEC3 " H_EX " -> " H_NS1 " matches example.", NULL},
     TP_DENIAL_PROVEN},
};

/* Clear the opt-out flag of every NSEC3 RDATA ("NSEC3 1 1 " -> "NSEC3 1 0 ")
 * in presentation text; RRSIG ... NSEC3 lines are left alone. */
static void clear_optout(char *text)
{
    for (char *p = strstr(text, "NSEC3"); p != NULL;
         p = strstr(p + 5, "NSEC3")) {
        char *q = p + 5;

        if (*q != ' ' && *q != '\t')
            continue;
        while (*q == ' ' || *q == '\t')
            q++;
        if (q[0] != '1' || (q[1] != ' ' && q[1] != '\t'))
            continue;
        q++;
        while (*q == ' ' || *q == '\t')
            q++;
        if (q[0] == '1' && (q[1] == ' ' || q[1] == '\t'))
            q[0] = '0';
    }
}

/* Parse the records between two section markers (whole lines: the
 * header comment mentions the markers too) into list. */
static int parse_section(fx_t *f, const char *text, const char *from,
                         const char *to, tp_rrlist_t *list)
{
    const char *a = strstr(text, from);
    const char *b = a != NULL ? strstr(a, to) : NULL;
    uint8_t origin[TP_NAME_MAX];
    size_t origin_len;
    tp_text_error_t err;

    memset(list, 0, sizeof(*list));
    if (a == NULL || b == NULL ||
        tp_name_from_text("example.", 8, NULL, origin, &origin_len) != TP_OK)
        return -1;
    if (tp_zone_parse(a, (size_t)(b - a), origin, 3600, f->arena, list, &err) !=
        TP_OK) {
        fprintf(stderr, "line %u: %s\n", err.line, err.message);
        return -1;
    }
    return 0;
}

/* The RRSIG Labels field of the answer's signature over qtype. */
static unsigned answer_labels(const tp_rrlist_t *answer, uint16_t qtype)
{
    for (size_t i = 0; i < answer->count; i++) {
        tp_rdata_view_t v;

        if (answer->rrs[i].type == TP_TYPE_RRSIG &&
            tp_rdata_view(TP_TYPE_RRSIG, answer->rrs[i].rdata, &v) == TP_OK &&
            v.u.rrsig.type_covered == qtype)
            return v.u.rrsig.labels;
    }
    return 0;
}

/* Evaluate with the AUTHORITY records; expect status `want`, and with
 * check_facts the kind, every fact's text and the closest encloser. */
static void check_case(const rfc_case_t *c, fx_t *f, const tp_rrlist_t *auth,
                       tp_denial_status_t want, bool check_facts)
{
    size_t n_facts = 0;

    f->picked_count = 0;
    for (size_t i = 0; i < auth->count && i < FX_MAX_RRS; i++)
        f->picked[f->picked_count++] = auth->rrs[i];
    CU_ASSERT_EQUAL_FATAL(fx_eval(f, c->kind, c->qname, c->qtype), TP_OK);
    if (f->res.status != want)
        fprintf(stderr, "%s: status %s\n", c->file,
                tp_denial_status_name(f->res.status));
    CU_ASSERT_EQUAL(f->res.status, want);
    if (!check_facts)
        return;
    CU_ASSERT_EQUAL(f->res.kind, c->proved);
    while (c->facts[n_facts] != NULL)
        n_facts++;
    CU_ASSERT_EQUAL(f->res.fact_count, n_facts);
    for (size_t i = 0; i < n_facts && i < f->res.fact_count; i++) {
        const char *got = fx_fact_text(f, i);
        if (strcmp(got, c->facts[i]) != 0)
            fprintf(stderr, "%s fact %zu: %s\n", c->file, i, got);
        CU_ASSERT_STRING_EQUAL(got, c->facts[i]);
    }
    if (c->encloser != NULL)
        CU_ASSERT_STRING_EQUAL(fx_encloser(f), c->encloser);
}

/* Negative twins: drop each NSEC in turn; the parts it proved (and only
 * those) become missing, and the status becomes MISSING. */
static void check_twins(const rfc_case_t *c, fx_t *f, const tp_rrlist_t *auth)
{
    tp_denial_result_t full = f->res;

    if (full.status != TP_DENIAL_PROVEN)
        return;
    for (size_t drop = 0; drop < auth->count; drop++) {
        const tp_rr_t *gone = &auth->rrs[drop];

        if (gone->type != TP_TYPE_NSEC && gone->type != TP_TYPE_NSEC3)
            continue;
        f->picked_count = 0;
        for (size_t i = 0; i < auth->count && i < FX_MAX_RRS; i++)
            if (i != drop)
                f->picked[f->picked_count++] = auth->rrs[i];
        CU_ASSERT_EQUAL_FATAL(fx_eval(f, c->kind, c->qname, c->qtype), TP_OK);
        CU_ASSERT_EQUAL(f->res.status, TP_DENIAL_MISSING);
        if (f->res.mech == TP_DENIAL_MECH_NONE)
            continue; /* no record left: not even the mechanism is known */
        CU_ASSERT_EQUAL_FATAL(f->res.fact_count, full.fact_count);
        for (size_t k = 0; k < full.fact_count; k++) {
            bool was_proved_by_gone = full.facts[k].rr_index == drop;
            tp_denial_part_t want = full.facts[k].part;
            if (want == TP_DENIAL_PART_ENT) /* unknowable once it is gone */
                want = TP_DENIAL_PART_QNAME_MATCHED;
            if (f->res.facts[k].part != want)
                fprintf(stderr, "%s without record %zu: fact %zu is %s\n",
                        c->file, drop, k,
                        tp_denial_part_name(f->res.facts[k].part));
            CU_ASSERT_EQUAL(f->res.facts[k].part, want);
            CU_ASSERT_EQUAL(f->res.facts[k].ok, !was_proved_by_gone);
            if (was_proved_by_gone) {
                CU_ASSERT_EQUAL(f->res.facts[k].reason, TP_DENIAL_R_NO_RECORD);
                CU_ASSERT_EQUAL(f->res.facts[k].rr_index, TP_DENIAL_NO_RR);
            }
        }
    }
}

/* One response file: as published (status, facts) and, for RFC 5155,
 * once more with the opt-out flags cleared (status_clear); the negative
 * twins run on whichever evaluation is PROVEN. */
static void run_file(const rfc_case_t *c, char *text, bool is_5155)
{
    for (int pass = 0; pass < (is_5155 ? 2 : 1); pass++) {
        tp_rrlist_t answer, auth;
        fx_t f;

        if (pass == 1)
            clear_optout(text);
        memset(&f, 0, sizeof(f));
        f.arena = tp_arena_new(0);
        CU_ASSERT_PTR_NOT_NULL_FATAL(f.arena);
        tp_denial_input_init(&f.in);
        CU_ASSERT_EQUAL(parse_section(&f, text, "\n;; ANSWER\n",
                                      "\n;; AUTHORITY\n", &answer),
                        0);
        CU_ASSERT_EQUAL(parse_section(&f, text, "\n;; AUTHORITY\n",
                                      "\n;; ADDITIONAL", &auth),
                        0);
        if (c->kind == TP_DENIAL_WILDCARD_ANSWER) {
            f.in.wildcard_labels = answer_labels(&answer, c->qtype);
            CU_ASSERT_EQUAL(f.in.wildcard_labels, 2);
        }
        check_case(c, &f, &auth, pass == 0 ? c->status : c->status_clear,
                   pass == 0);
        check_twins(c, &f, &auth);
        fx_free(&f);
    }
}

static void test_rfc4035_responses(void)
{
    for (size_t n = 0; n < sizeof(cases) / sizeof(cases[0]); n++) {
        size_t len = 0;
        char *text = tp_test_read_file(cases[n].file, &len);

        CU_ASSERT_PTR_NOT_NULL_FATAL(text);
        run_file(&cases[n], text, false);
        free(text);
    }
}

/* RFC 5155 Appendix B responses (tests/data/rfc/rfc5155-b*.txt). */
static void test_rfc5155_responses(void)
{
    for (size_t n = 0; n < sizeof(cases5155) / sizeof(cases5155[0]); n++) {
        const rfc_case_t *c = &cases5155[n];
        size_t len = 0;
        char *text = tp_test_read_file(c->file, &len);

        if (text == NULL && c->alt_file != NULL)
            text = tp_test_read_file(c->alt_file, &len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(text);
        run_file(c, text, true);
        free(text);
    }
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("dnssec denial RFC responses", NULL, NULL);

    if (s == NULL ||
        !CU_add_test(s, "denial: RFC 4035 Appendix B responses",
                     test_rfc4035_responses) ||
        !CU_add_test(s, "denial: RFC 5155 Appendix B responses",
                     test_rfc5155_responses))
        return -1;
    return 0;
}
