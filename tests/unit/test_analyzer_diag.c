/* analyzer: the diagnostics catalogue is well formed, and
 * docs/diagnostics.md is exactly what the catalogue generates. Run with
 * TP_UPDATE_DOCS=1 to rewrite docs/diagnostics.md. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/diag.h"

static void test_codes_unique_and_upper_case(void)
{
    CU_ASSERT_TRUE(TP_DIAG_COUNT >= 120);
    for (int i = 0; i < TP_DIAG_COUNT; i++) {
        const tp_diag_info_t *d = tp_diag_info((tp_diag_code_t)i);
        CU_ASSERT_PTR_NOT_NULL_FATAL(d);
        for (const char *p = d->code; *p != '\0'; p++)
            CU_ASSERT_TRUE(isupper((unsigned char)*p) ||
                           isdigit((unsigned char)*p) || *p == '_');
        for (int j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(d->code,
                                       tp_diag_code_str((tp_diag_code_t)j));
        CU_ASSERT_EQUAL(strncmp(d->rfc, "RFC ", 4), 0);
        size_t ml = strlen(d->meaning), fl = strlen(d->fix);
        CU_ASSERT_TRUE(ml > 10 && d->meaning[ml - 1] == '.');
        CU_ASSERT_TRUE(fl > 5 && d->fix[fl - 1] == '.');
        CU_ASSERT_TRUE(d->ede == TP_EDE_NONE || tp_ede_str(d->ede)[0] != '\0');
        tp_diag_code_t back;
        CU_ASSERT_EQUAL(tp_diag_from_str(d->code, &back), TP_OK);
        CU_ASSERT_EQUAL(back, (tp_diag_code_t)i);
    }
}

static void test_known_rows(void)
{
    const tp_diag_info_t *d = tp_diag_info(TP_DIAG_RRSIG_EXPIRED);
    CU_ASSERT_STRING_EQUAL(d->code, "RRSIG_EXPIRED");
    CU_ASSERT_EQUAL(d->severity, TP_SEV_ERROR);
    CU_ASSERT_EQUAL(d->ede, 7);
    CU_ASSERT_EQUAL(tp_diag_info(TP_DIAG_NSEC3_ITERATIONS_EXCESSIVE)->ede, 27);
    CU_ASSERT_EQUAL(tp_diag_info(TP_DIAG_DS_SHA1_IGNORED)->severity,
                    TP_SEV_NOTICE);
    tp_diag_code_t c;
    CU_ASSERT_EQUAL(tp_diag_from_str("NO_SUCH_CODE", &c), TP_ENOTFOUND);
    CU_ASSERT_PTR_NULL(tp_diag_info(TP_DIAG_COUNT));
    CU_ASSERT_STRING_EQUAL(tp_severity_str(TP_SEV_WARNING), "warning");
}

static void test_docs_up_to_date(void)
{
    tp_buf_t md;
    tp_buf_init(&md, 1u << 20);
    CU_ASSERT_EQUAL_FATAL(tp_diag_catalogue_markdown(&md), TP_OK);
    const char *src = getenv("TP_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/diagnostics.md",
             src != NULL ? src : TP_TEST_DATA_DIR "/../..");
    const char *upd = getenv("TP_UPDATE_DOCS");
    if (upd != NULL && strcmp(upd, "1") == 0) {
        FILE *f = fopen(path, "w");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        CU_ASSERT_EQUAL(fwrite(md.data, 1, md.len, f), md.len);
        fclose(f);
    }
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char *text = calloc(1, md.len + 2);
    size_t got = fread(text, 1, md.len + 1, f);
    fclose(f);
    CU_ASSERT_EQUAL(got, md.len);
    CU_ASSERT_TRUE(got == md.len && memcmp(text, md.data, md.len) == 0);
    if (got != md.len || memcmp(text, md.data, md.len) != 0)
        fprintf(stderr, "docs/diagnostics.md is stale: run this test with "
                        "TP_UPDATE_DOCS=1\n");
    free(text);
    tp_buf_clear(&md);

    tp_buf_t js;
    tp_buf_init(&js, 1u << 20);
    CU_ASSERT_EQUAL(tp_diag_catalogue_json(&js), TP_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(tp_buf_str(&js), "\"RRSIG_EXPIRED\""));
    tp_buf_clear(&js);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("analyzer: diagnostics catalogue", NULL, NULL);
    if (s == NULL ||
        CU_add_test(s, "codes are unique, upper case, complete",
                    test_codes_unique_and_upper_case) == NULL ||
        CU_add_test(s, "known rows", test_known_rows) == NULL ||
        CU_add_test(s, "docs/diagnostics.md is generated from the table",
                    test_docs_up_to_date) == NULL)
        return -1;
    return 0;
}
