/* dnssec denial on the RFC responses as published: the presentation-format
 * fixtures tests/data/rfc/rfc4035-b*.txt (RFC 4035 Appendix B, NSEC) are
 * parsed with tp_zone_parse, the AUTHORITY section is handed to
 * tp_denial_evaluate as a whole (SOA, NS, DS and RRSIG records included:
 * denial must pick its own records) and every proof is checked part by part.
 * For each response, removing any one NSEC must turn exactly the parts it
 * proved into "missing". */
#include <stdio.h>

#include "denial_fixture.h"

typedef struct rfc_case {
    const char *file;
    tp_denial_kind_t kind;
    const char *qname; /* for REFERRAL: the delegation point */
    uint16_t qtype;
    tp_denial_status_t status;
    tp_denial_kind_t proved;
    const char *encloser; /* expected closest encloser, or NULL */
    const char *facts[4]; /* expected fact texts, NULL-terminated */
} rfc_case_t;

static const rfc_case_t cases[] = {
    {"rfc/rfc4035-b2.txt",
     TP_DENIAL_NXDOMAIN,
     "ml.example.",
     TP_TYPE_A,
     TP_DENIAL_PROVEN,
     TP_DENIAL_NXDOMAIN,
     "example.",
     {"NSEC b.example. -> ns1.example. covers ml.example.",
      "NSEC example. -> a.example. covers wildcard *.example.", NULL}},
    {"rfc/rfc4035-b3.txt",
     TP_DENIAL_NODATA,
     "ns1.example.",
     TP_TYPE_MX,
     TP_DENIAL_PROVEN,
     TP_DENIAL_NODATA,
     NULL,
     {"NSEC ns1.example. -> ns2.example. matches ns1.example.", NULL}},
    /* A referral to a signed zone carries DS, not a denial. */
    {"rfc/rfc4035-b4.txt",
     TP_DENIAL_REFERRAL,
     "a.example.",
     TP_TYPE_DS,
     TP_DENIAL_MISSING,
     TP_DENIAL_REFERRAL,
     NULL,
     {"missing: no NSEC proves no DS at delegation a.example.", NULL}},
    {"rfc/rfc4035-b5.txt",
     TP_DENIAL_REFERRAL,
     "b.example.",
     TP_TYPE_DS,
     TP_DENIAL_PROVEN,
     TP_DENIAL_REFERRAL,
     NULL,
     {"NSEC b.example. -> ns1.example. proves no DS at delegation b.example.",
      NULL}},
    {"rfc/rfc4035-b6.txt",
     TP_DENIAL_WILDCARD_ANSWER,
     "a.z.w.example.",
     TP_TYPE_MX,
     TP_DENIAL_PROVEN,
     TP_DENIAL_WILDCARD_ANSWER,
     "w.example.",
     {"NSEC x.y.w.example. -> xx.example. covers a.z.w.example.", NULL}},
    {"rfc/rfc4035-b7.txt",
     TP_DENIAL_NODATA,
     "a.z.w.example.",
     TP_TYPE_AAAA,
     TP_DENIAL_PROVEN,
     TP_DENIAL_WILDCARD_NODATA,
     "w.example.",
     {"NSEC x.y.w.example. -> xx.example. covers a.z.w.example.",
      "NSEC *.w.example. -> x.w.example. matches wildcard *.w.example.", NULL}},
    {"rfc/rfc4035-b8.txt",
     TP_DENIAL_NODATA,
     "example.",
     TP_TYPE_DS,
     TP_DENIAL_PROVEN,
     TP_DENIAL_NODATA,
     NULL,
     {"NSEC example. -> a.example. matches example.", NULL}},
};

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

static void check_case(const rfc_case_t *c, fx_t *f, const tp_rrlist_t *auth)
{
    size_t n_facts = 0;

    f->picked_count = 0;
    for (size_t i = 0; i < auth->count && i < FX_MAX_RRS; i++)
        f->picked[f->picked_count++] = auth->rrs[i];
    CU_ASSERT_EQUAL_FATAL(fx_eval(f, c->kind, c->qname, c->qtype), TP_OK);
    if (f->res.status != c->status)
        fprintf(stderr, "%s: status %s\n", c->file,
                tp_denial_status_name(f->res.status));
    CU_ASSERT_EQUAL(f->res.status, c->status);
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
        CU_ASSERT_EQUAL_FATAL(f->res.fact_count, full.fact_count);
        for (size_t k = 0; k < full.fact_count; k++) {
            bool was_proved_by_gone = full.facts[k].rr_index == drop;
            CU_ASSERT_EQUAL(f->res.facts[k].part, full.facts[k].part);
            CU_ASSERT_EQUAL(f->res.facts[k].ok, !was_proved_by_gone);
            if (was_proved_by_gone) {
                CU_ASSERT_EQUAL(f->res.facts[k].reason, TP_DENIAL_R_NO_RECORD);
                CU_ASSERT_EQUAL(f->res.facts[k].rr_index, TP_DENIAL_NO_RR);
            }
        }
    }
}

static void test_rfc4035_responses(void)
{
    for (size_t n = 0; n < sizeof(cases) / sizeof(cases[0]); n++) {
        const rfc_case_t *c = &cases[n];
        size_t len = 0;
        char *text = tp_test_read_file(c->file, &len);
        tp_rrlist_t answer, auth;
        fx_t f;

        CU_ASSERT_PTR_NOT_NULL_FATAL(text);
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
        check_case(c, &f, &auth);
        check_twins(c, &f, &auth);
        fx_free(&f);
        free(text);
    }
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("dnssec denial RFC responses", NULL, NULL);

    if (s == NULL || !CU_add_test(s, "denial: RFC 4035 Appendix B responses",
                                  test_rfc4035_responses))
        return -1;
    return 0;
}
