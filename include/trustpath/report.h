/* The report: an analysis (analysis.h) as JSON, one object per name (JSON
 * Lines), with the fields documented in docs/report.md and
 * docs/report.schema.json, and as a short text summary for `check`. Field
 * names are stable: new fields may be added, none renamed or removed. */
#ifndef TRUSTPATH_REPORT_H
#define TRUSTPATH_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "trustpath/analysis.h"
#include "trustpath/bytes.h"
#include "trustpath/err.h"

#define TP_REPORT_VERSION 1 /* "report_version" in every object */

typedef struct tp_report_opts {
    bool pretty;  /* indent (two spaces) instead of one line */
    bool details; /* add the detail fields (records, links, facts); the
                     section 5 minimum is always there */
} tp_report_opts_t;

/** Append the JSON object for a, followed by one newline, to out.
 * opts may be NULL (one line, with details). */
TP_NODISCARD tp_err_t tp_report_json(const tp_analysis_t *a,
                                     const tp_report_opts_t *opts,
                                     tp_buf_t *out);

/** Append a few human lines: the verdict, the failing link, the
 * diagnostics (errors and warnings) with their fixes. */
TP_NODISCARD tp_err_t tp_report_text(const tp_analysis_t *a, tp_buf_t *out);

/** ISO 8601 UTC ("2026-11-21T23:50:00Z") of Unix time t into buf. Pure
 * (no libc time zone state). */
void tp_report_time(int64_t t, char buf[32]);

#endif /* TRUSTPATH_REPORT_H */
