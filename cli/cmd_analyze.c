/* trustpath analyze CAPTURE [-o REPORT] [--at TIME] [--trust-anchor FILE]
 *                   [--warn-expiry DUR] [--pretty]
 * Reads a capture ("-" = stdin), analyzes every name it asked for, and
 * writes one JSON report per name (JSON Lines). Exit status 0, or
 * TP_EXIT_INCOMPLETE when every report was written but the probe that made
 * the capture stopped at one of its bounds (limits_hit; each report has an
 * ANALYSIS_PROBE_LIMIT diagnostic naming it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "trustpath/analysis.h"
#include "trustpath/capture.h"
#include "trustpath/report.h"

static void analyze_usage(FILE *out)
{
    fprintf(out,
            "usage: trustpath analyze CAPTURE [-o REPORT] [--at TIME]\n"
            "                         [--trust-anchor FILE] [--warn-expiry "
            "DUR] [--pretty]\n"
            "CAPTURE is a trustpath capture or a DNSViz probe file (plain or\n"
            "gzip); '-' reads standard input. The reference time is the\n"
            "capture's end time (a DNSViz file's analysis_end) unless --at\n"
            "is given.\n"
            "Exit status: 0 done, 3 done but the capture is incomplete (the\n"
            "probe stopped at a bound: its \"limits_hit\"), 1 failure, 64\n"
            "usage, 65 bad input.\n");
}

int tp_cmd_analyze(int argc, char **argv)
{
    const char *capture_path = NULL, *out_path = NULL, *anchor_path = NULL;
    const char *at = NULL;
    int64_t warn = 7 * 86400;
    bool pretty = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_val = i + 1 < argc;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            analyze_usage(stdout);
            return TP_EXIT_OK;
        } else if (strcmp(a, "-o") == 0 && has_val) {
            out_path = argv[++i];
        } else if (strcmp(a, "--at") == 0 && has_val) {
            at = argv[++i];
        } else if (strcmp(a, "--trust-anchor") == 0 && has_val) {
            anchor_path = argv[++i];
        } else if (strcmp(a, "--warn-expiry") == 0 && has_val) {
            if (!tp_cli_parse_duration(argv[++i], &warn)) {
                tp_cli_error("bad duration '%s'", argv[i]);
                return TP_EXIT_USAGE;
            }
        } else if (strcmp(a, "--pretty") == 0) {
            pretty = true;
        } else if (a[0] == '-' && a[1] != '\0') {
            tp_cli_error("analyze: unknown option '%s'", a);
            analyze_usage(stderr);
            return TP_EXIT_USAGE;
        } else if (capture_path == NULL) {
            capture_path = a;
        } else {
            tp_cli_error("analyze: one capture at a time");
            return TP_EXIT_USAGE;
        }
    }
    if (capture_path == NULL) {
        analyze_usage(stderr);
        return TP_EXIT_USAGE;
    }
    tp_capture_t *cap = NULL;
    int64_t ref_ms = 0;
    int rc = tp_cli_load_capture(capture_path, &cap, &ref_ms);
    if (rc != TP_EXIT_OK)
        return rc;
    tp_err_t err;
    tp_arena_t *anchor_arena = tp_arena_new(0);
    tp_rrlist_t anchors = {0};
    tp_analyzer_t *an = NULL;
    FILE *out = stdout;
    time_t ref = (time_t)(ref_ms / 1000);
    if (at != NULL && !tp_cli_parse_time(at, time(NULL), &ref)) {
        tp_cli_error("bad time '%s'", at);
        rc = TP_EXIT_USAGE;
        goto out;
    }
    if (anchor_arena == NULL) {
        rc = TP_EXIT_FAIL;
        goto out;
    }
    rc = tp_cli_load_anchors(anchor_path, cap->trust_anchors, anchor_arena,
                             &anchors);
    if (rc != TP_EXIT_OK)
        goto out;
    tp_analysis_opts_t opts;
    tp_analysis_opts_init(&opts, (int64_t)ref);
    opts.warn_expiry_s = warn;
    if ((err = tp_analyzer_new(cap, &anchors, &opts, &an)) != TP_OK) {
        tp_cli_error("analyze: %s", tp_err_str(err));
        rc = TP_EXIT_FAIL;
        goto out;
    }
    if (out_path != NULL && strcmp(out_path, "-") != 0) {
        out = fopen(out_path, "w");
        if (out == NULL) {
            tp_cli_error("cannot write %s", out_path);
            rc = TP_EXIT_FAIL;
            goto out;
        }
    }
    tp_report_opts_t ropts = {pretty, true};
    for (size_t i = 0; i < cap->name_count && rc == TP_EXIT_OK; i++) {
        tp_arena_t *arena = tp_arena_new(0);
        tp_analysis_t *a = NULL;
        tp_buf_t buf;
        tp_buf_init(&buf, 512u * 1024 * 1024);
        err = arena == NULL ? TP_ENOMEM
                            : tp_analyzer_run(an, cap->names[i], arena, &a);
        if (err == TP_OK)
            err = tp_report_json(a, &ropts, &buf);
        if (err == TP_OK && fwrite(buf.data, 1, buf.len, out) != buf.len)
            err = TP_EIO;
        if (err != TP_OK) {
            tp_cli_error("analyze: %s", tp_err_str(err));
            rc = TP_EXIT_FAIL;
        }
        tp_buf_clear(&buf);
        tp_arena_free(arena);
    }
    if (out != stdout && fclose(out) != 0 && rc == TP_EXIT_OK) {
        tp_cli_error("cannot write %s", out_path);
        rc = TP_EXIT_FAIL;
    }
    if (rc == TP_EXIT_OK && cap->limits_hit_count > 0) {
        tp_cli_warn("analyze: the capture is incomplete: the probe stopped "
                    "at %zu of its bounds (%s%s); see ANALYSIS_PROBE_LIMIT",
                    cap->limits_hit_count, cap->limits_hit[0],
                    cap->limits_hit_count > 1 ? ", ..." : "");
        rc = TP_EXIT_INCOMPLETE;
    }
out:
    tp_analyzer_free(an);
    tp_arena_free(anchor_arena);
    tp_capture_free(cap);
    return rc;
}
