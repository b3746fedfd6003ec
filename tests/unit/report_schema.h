/* Validation of reports against docs/report.schema.json for the analyzer
 * tests: every report a test produces goes through check_report(), in each
 * output form (one line and pretty, with and without details). */
#ifndef TRUSTPATH_TEST_REPORT_SCHEMA_H
#define TRUSTPATH_TEST_REPORT_SCHEMA_H

#include <stdio.h>
#include <stdlib.h>

#include "runner.h"
#include "schema_check.h"
#include "trustpath/report.h"

/* The schema document, parsed once per process (freed at exit). */
static json_object *report_schema_doc;

static inline void report_schema_free(void)
{
    json_object_put(report_schema_doc);
    report_schema_doc = NULL;
}

static inline json_object *report_schema(void)
{
    if (report_schema_doc != NULL)
        return report_schema_doc;
    char *text = tp_test_read_file("../../docs/report.schema.json", NULL);
    if (text == NULL)
        return NULL;
    report_schema_doc = json_tokener_parse(text);
    free(text);
    if (report_schema_doc != NULL)
        atexit(report_schema_free);
    return report_schema_doc;
}

/* Validate one JSON text; on failure print why and the text's start. */
static inline bool report_valid_text(const char *text)
{
    json_object *schema = report_schema();
    char err[512];
    if (schema == NULL) {
        fprintf(stderr, "docs/report.schema.json: cannot read or parse\n");
        return false;
    }
    if (schema_validate_text(schema, text, err, sizeof err))
        return true;
    fprintf(stderr, "report does not match the schema: %s\n  %.300s\n", err,
            text);
    return false;
}

static inline void check_report(const tp_analysis_t *a)
{
    static const tp_report_opts_t forms[] = {
        {false, true}, {true, true}, {false, false}, {true, false}};
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        tp_buf_t b;
        tp_buf_init(&b, 1u << 26);
        CU_ASSERT_EQUAL(tp_report_json(a, &forms[i], &b), TP_OK);
        CU_ASSERT_TRUE(report_valid_text(tp_buf_str(&b)));
        tp_buf_clear(&b);
    }
}

#endif /* TRUSTPATH_TEST_REPORT_SCHEMA_H */
