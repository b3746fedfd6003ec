/* trustpath check NAME... [-f FILE] [--format text|json] [--at TIME]
 *   [--root-hints FILE] [--trust-anchor FILE] [-t TYPE] [--warn-expiry DUR]
 *   [--crit-expiry DUR]
 * Probe and analyze in one run. Exit codes (monitoring-plugin convention),
 * the worst over all names:
 *   0 OK        secure, no warning or error, nothing expires within
 *               --warn-expiry (default 7d);
 *   1 WARNING   secure with warnings or non-fatal errors (a lame server, a
 *               server that disagrees), insecure (no chain of trust), or
 *               the chain expires within --warn-expiry;
 *   2 CRITICAL  bogus, indeterminate although servers were reached, or the
 *               chain expires within --crit-expiry (default 2d);
 *   3 UNKNOWN   nothing could be probed or read: bad usage, unreadable
 *               file, the probe failed, or no server answered at all.
 * A duration of 0 turns the threshold off. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "trustpath/analysis.h"
#include "trustpath/capture.h"
#include "trustpath/defaults.h"
#include "trustpath/probe.h"
#include "trustpath/report.h"
#include "trustpath/text.h"

#define CHECK_OK           0
#define CHECK_WARNING      1
#define CHECK_CRITICAL     2
#define CHECK_UNKNOWN      3
#define MAX_NAMES          100000
#define MAX_FILE           (64u * 1024 * 1024)
#define CHECK_WARN_DEFAULT (7 * 86400) /* --warn-expiry 7d */
#define CHECK_CRIT_DEFAULT (2 * 86400) /* --crit-expiry 2d */

typedef struct check_args {
    const char *names[256];
    size_t name_count;
    const char *names_file, *format, *at, *hints_file, *anchor_file;
    uint16_t types[16];
    size_t type_count;
    int64_t warn_s, crit_s;
} check_args_t;

static void check_usage(FILE *out)
{
    fprintf(
        out,
        "usage: trustpath check NAME... | -f FILE [--format text|json]\n"
        "       [--at TIME] [--root-hints FILE] [--trust-anchor FILE]\n"
        "       [-t TYPE]... [--warn-expiry DUR] [--crit-expiry DUR]\n"
        "--warn-expiry (default 7d) and --crit-expiry (default 2d): the\n"
        "chain of trust expires within that time; 0 turns it off.\n"
        "exit: 0 OK, 1 WARNING (insecure, warnings, expiry), 2 CRITICAL\n"
        "(bogus, indeterminate, expiry), 3 UNKNOWN (nothing probed/read)\n");
}

static int parse(int argc, char **argv, check_args_t *a)
{
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        bool v = i + 1 < argc;
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            check_usage(stdout);
            return -1;
        } else if (strcmp(s, "-f") == 0 && v) {
            a->names_file = argv[++i];
        } else if (strcmp(s, "--format") == 0 && v) {
            a->format = argv[++i];
        } else if (strcmp(s, "--at") == 0 && v) {
            a->at = argv[++i];
        } else if (strcmp(s, "--root-hints") == 0 && v) {
            a->hints_file = argv[++i];
        } else if (strcmp(s, "--trust-anchor") == 0 && v) {
            a->anchor_file = argv[++i];
        } else if (strcmp(s, "-t") == 0 && v) {
            uint16_t t;
            ++i;
            if (a->type_count >= 16 ||
                tp_type_from_text(argv[i], strlen(argv[i]), &t) != TP_OK) {
                tp_cli_error("check: bad type '%s'", argv[i]);
                return CHECK_UNKNOWN;
            }
            a->types[a->type_count++] = t;
        } else if ((strcmp(s, "--warn-expiry") == 0 ||
                    strcmp(s, "--crit-expiry") == 0) &&
                   v) {
            int64_t *dst = s[2] == 'w' ? &a->warn_s : &a->crit_s;
            if (!tp_cli_parse_duration(argv[++i], dst)) {
                tp_cli_error("check: bad duration '%s'", argv[i]);
                return CHECK_UNKNOWN;
            }
        } else if (s[0] == '-' && s[1] != '\0') {
            tp_cli_error("check: unknown option '%s'", s);
            check_usage(stderr);
            return CHECK_UNKNOWN;
        } else if (a->name_count < 256) {
            a->names[a->name_count++] = s;
        }
    }
    if (strcmp(a->format, "text") != 0 && strcmp(a->format, "json") != 0) {
        tp_cli_error("check: unknown format '%s'", a->format);
        return CHECK_UNKNOWN;
    }
    return CHECK_OK;
}

static int add_name(tp_capture_t *cap, const char *text, size_t len,
                    uint8_t ***names, size_t *n)
{
    uint8_t w[TP_NAME_MAX];
    size_t wl;
    if (tp_name_from_text(text, len, NULL, w, &wl) != TP_OK) {
        tp_cli_error("check: bad name '%.*s'", (int)len, text);
        return CHECK_UNKNOWN;
    }
    uint8_t *copy = tp_name_dup(cap->arena, w);
    uint8_t **grown = realloc(*names, (*n + 1) * sizeof *grown);
    if (grown == NULL)
        return CHECK_UNKNOWN;
    *names = grown;
    if (copy == NULL)
        return CHECK_UNKNOWN;
    (*names)[(*n)++] = copy;
    return CHECK_OK;
}

static int names_from_file(tp_capture_t *cap, const char *path,
                           uint8_t ***names, size_t *n)
{
    size_t len;
    char *text = tp_cli_read_file(path, MAX_FILE, &len);
    if (text == NULL)
        return CHECK_UNKNOWN;
    int rc = CHECK_OK;
    for (char *line = text; *line != '\0' && rc == CHECK_OK;) {
        size_t end = strcspn(line, "\n");
        char *next = line + end + (line[end] == '\n');
        line[end] = '\0';
        while (*line == ' ' || *line == '\t')
            line++;
        size_t l = strcspn(line, " \t\r#;");
        if (l > 0 && *n < MAX_NAMES)
            rc = add_name(cap, line, l, names, n);
        line = next;
    }
    free(text);
    return rc;
}

static int state_of(const tp_analysis_t *a, const check_args_t *c)
{
    int st = CHECK_OK;
    switch (a->status) {
    case TP_STATUS_SECURE:
        break;
    case TP_STATUS_INSECURE:
        st = CHECK_WARNING;
        break;
    default: /* bogus; indeterminate with servers reached */
        return CHECK_CRITICAL;
    }
    if (tp_analysis_worst_severity(a) >= TP_SEV_WARNING)
        st = CHECK_WARNING;
    if (a->status == TP_STATUS_SECURE && a->earliest_expiration != 0) {
        int64_t left = a->earliest_expiration - a->reference_time;
        if (c->crit_s > 0 && left < c->crit_s)
            return CHECK_CRITICAL;
        if (c->warn_s > 0 && left < c->warn_s)
            st = CHECK_WARNING;
    }
    return st;
}

/* Whether any server answered anything at all in the capture. */
static bool any_response(const tp_capture_t *cap)
{
    for (size_t i = 0; i < cap->query_count; i++) {
        if (cap->queries[i].response.len > 0)
            return true;
    }
    return false;
}

static int worse(int a, int b)
{
    static const int rank[] = {0, 1, 3, 2}; /* OK < WARNING < UNKNOWN < CRIT */
    return rank[b] > rank[a] ? b : a;
}

int tp_cmd_check(int argc, char **argv)
{
    check_args_t c = {.format = "text",
                      .warn_s = CHECK_WARN_DEFAULT,
                      .crit_s = CHECK_CRIT_DEFAULT};
    int rc = parse(argc, argv, &c);
    if (rc != CHECK_OK)
        return rc < 0 ? TP_EXIT_OK : rc;
    tp_capture_t *cap = tp_capture_new();
    uint8_t **names = NULL;
    size_t n = 0, hl = 0;
    char *hints = NULL, *anchor_text = NULL;
    tp_arena_t *aarena = tp_arena_new(0);
    tp_rrlist_t anchors = {0};
    tp_analyzer_t *an = NULL;
    if (cap == NULL || aarena == NULL) {
        rc = CHECK_UNKNOWN;
        goto out;
    }
    for (size_t i = 0; i < c.name_count && rc == CHECK_OK; i++)
        rc = add_name(cap, c.names[i], strlen(c.names[i]), &names, &n);
    if (rc == CHECK_OK && c.names_file != NULL)
        rc = names_from_file(cap, c.names_file, &names, &n);
    if (rc == CHECK_OK && n == 0) {
        tp_cli_error("check: no name to check");
        rc = CHECK_UNKNOWN;
    }
    if (rc != CHECK_OK)
        goto out;
    if (c.hints_file != NULL &&
        (hints = tp_cli_read_file(c.hints_file, MAX_FILE, &hl)) == NULL) {
        rc = CHECK_UNKNOWN;
        goto out;
    }
    size_t al = 0;
    if (c.anchor_file != NULL && (anchor_text = tp_cli_read_file(
                                      c.anchor_file, MAX_FILE, &al)) == NULL) {
        rc = CHECK_UNKNOWN;
        goto out;
    }
    if (tp_cli_load_anchors(c.anchor_file, NULL, aarena, &anchors) !=
        TP_EXIT_OK) {
        rc = CHECK_UNKNOWN;
        goto out;
    }
    tp_probe_config_t cfg;
    tp_probe_config_init(&cfg);
    cfg.root_hints = hints != NULL ? hints : tp_default_root_hints();
    cfg.root_hints_len = hints != NULL ? hl : strlen(cfg.root_hints);
    cfg.trust_anchors =
        anchor_text != NULL ? anchor_text : tp_default_trust_anchor();
    cfg.trust_anchors_len =
        anchor_text != NULL ? al : strlen(cfg.trust_anchors);
    cfg.types = c.type_count > 0 ? c.types : NULL;
    cfg.type_count = c.type_count;
    tp_err_t err =
        tp_probe_run(&cfg, (const uint8_t *const *)names, n, cap, NULL);
    if (err != TP_OK) {
        tp_cli_error("check: probe failed: %s", tp_err_str(err));
        rc = CHECK_UNKNOWN;
        goto out;
    }
    time_t ref = (time_t)(cap->end_time_ms / 1000);
    if (c.at != NULL && !tp_cli_parse_time(c.at, time(NULL), &ref)) {
        tp_cli_error("check: bad time '%s'", c.at);
        rc = CHECK_UNKNOWN;
        goto out;
    }
    tp_analysis_opts_t opts;
    tp_analysis_opts_init(&opts, (int64_t)ref);
    opts.warn_expiry_s = c.warn_s;
    if (tp_analyzer_new(cap, &anchors, &opts, &an) != TP_OK) {
        rc = CHECK_UNKNOWN;
        goto out;
    }
    bool reached = any_response(cap);
    if (!reached)
        tp_cli_error("check: no server answered any query");
    bool json = strcmp(c.format, "json") == 0;
    tp_report_opts_t ro = {false, true};
    for (size_t i = 0; i < n; i++) {
        tp_arena_t *arena = tp_arena_new(0);
        tp_analysis_t *a = NULL;
        tp_buf_t b;
        tp_buf_init(&b, 512u * 1024 * 1024);
        err = arena == NULL ? TP_ENOMEM
                            : tp_analyzer_run(an, names[i], arena, &a);
        if (err == TP_OK)
            err = json ? tp_report_json(a, &ro, &b) : tp_report_text(a, &b);
        if (err == TP_OK) {
            fwrite(b.data, 1, b.len, stdout);
            rc = worse(rc, reached ? state_of(a, &c) : CHECK_UNKNOWN);
        } else {
            tp_cli_error("check: %s", tp_err_str(err));
            rc = worse(rc, CHECK_UNKNOWN);
        }
        tp_buf_clear(&b);
        tp_arena_free(arena);
    }
out:
    tp_analyzer_free(an);
    tp_arena_free(aarena);
    free(hints);
    free(anchor_text);
    free(names);
    tp_capture_free(cap);
    return rc;
}
