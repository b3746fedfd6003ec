/* Output formats of `trustpath check`.
 *  text        one line per name as it finishes, then a summary line;
 *  json        the analysis report of each name, one per line (JSON Lines),
 *              with a "check" object (state, exit code, reason) added;
 *  nagios      Monitoring Plugins output: one status line with perfdata,
 *              then (several names) one line per name as long output;
 *  prometheus  text exposition format 0.0.4 for node_exporter's textfile
 *              collector, each metric family written once, HELP and TYPE
 *              first. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "trustpath/report.h"

#define BUF_MAX (256u * 1024 * 1024)

static const char *const state_words[] = {"OK", "WARNING", "CRITICAL",
                                          "UNKNOWN"};

const char *check_state_str(int state)
{
    return state >= 0 && state <= 3 ? state_words[state] : "UNKNOWN";
}

int check_worse(int a, int b)
{
    static const int rank[] = {0, 1, 3, 2}; /* OK < WARNING < UNKNOWN < CRIT */
    if (a < 0 || a > 3)
        a = CHECK_UNKNOWN;
    if (b < 0 || b > 3)
        b = CHECK_UNKNOWN;
    return rank[b] > rank[a] ? b : a;
}

bool check_format_parse(const char *word, check_format_t *out)
{
    static const char *const words[] = {"text", "json", "nagios", "prometheus"};
    for (int i = 0; i < 4; i++) {
        if (strcmp(word, words[i]) == 0) {
            *out = (check_format_t)i;
            return true;
        }
    }
    return false;
}

/* Prometheus metric families, written in this order at the end. */
enum {
    PM_STATUS,
    PM_VERDICT,
    PM_EXPIRY,
    PM_EXPIRY_TS,
    PM_DIAGS,
    PM_SERVERS,
    PM_COUNT
};

static const struct {
    const char *name, *type, *help;
} pm_families[PM_COUNT] = {
    {"trustpath_check_status", "gauge",
     "Check state of the name: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."},
    {"trustpath_dnssec_status", "gauge",
     "1 for the DNSSEC verdict of the name (secure, insecure, bogus, "
     "indeterminate, unknown), 0 for the others."},
    {"trustpath_expiry_seconds", "gauge",
     "Seconds from the check to the earliest signature expiration on the "
     "chain of trust."},
    {"trustpath_expiry_timestamp_seconds", "gauge",
     "Unix time of the earliest signature expiration on the chain of trust."},
    {"trustpath_diagnostics", "gauge",
     "Diagnostics reported for the name, by severity."},
    {"trustpath_servers_responding", "gauge",
     "Servers of the name's zone that answered."},
};

struct check_out {
    check_format_t fmt;
    FILE *out;
    int64_t warn_s, crit_s;
    size_t done;
    size_t by_state[4];
    int worst;
    bool any_expiry;
    int64_t min_left; /* smallest time to expiry over secure names */
    unsigned min_servers;
    bool any_servers;
    tp_buf_t lines[4]; /* nagios long output, by state */
    tp_buf_t pm[PM_COUNT];
    bool oom;
};

static void bprintf(check_out_t *o, tp_buf_t *b, const char *fmt, ...)
    TP_PRINTF(3, 4);

static void bprintf(check_out_t *o, tp_buf_t *b, const char *fmt, ...)
{
    char small[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        if (tp_buf_append(b, small, (size_t)n) != TP_OK)
            o->oom = true;
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        o->oom = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (tp_buf_append(b, big, (size_t)n) != TP_OK)
        o->oom = true;
    free(big);
}

check_out_t *check_out_new(check_format_t fmt, FILE *out, int64_t warn_s,
                           int64_t crit_s)
{
    check_out_t *o = calloc(1, sizeof *o);
    if (o == NULL)
        return NULL;
    o->fmt = fmt;
    o->out = out;
    o->warn_s = warn_s;
    o->crit_s = crit_s;
    o->worst = CHECK_OK;
    for (int i = 0; i < 4; i++)
        tp_buf_init(&o->lines[i], BUF_MAX);
    for (int i = 0; i < PM_COUNT; i++)
        tp_buf_init(&o->pm[i], BUF_MAX);
    return o;
}

void check_out_free(check_out_t *o)
{
    if (o == NULL)
        return;
    for (int i = 0; i < 4; i++)
        tp_buf_clear(&o->lines[i]);
    for (int i = 0; i < PM_COUNT; i++)
        tp_buf_clear(&o->pm[i]);
    free(o);
}

/* "29d 23h", "5h 12m", "40s", "expired 3d 2h ago" */
static void human_left(int64_t left, char *buf, size_t len)
{
    bool past = left < 0;
    int64_t s = past ? -left : left;
    if (s >= 86400)
        snprintf(buf, len, "%s%lldd %lldh%s", past ? "expired " : "in ",
                 (long long)(s / 86400), (long long)(s % 86400 / 3600),
                 past ? " ago" : "");
    else if (s >= 3600)
        snprintf(buf, len, "%s%lldh %lldm%s", past ? "expired " : "in ",
                 (long long)(s / 3600), (long long)(s % 3600 / 60),
                 past ? " ago" : "");
    else
        snprintf(buf, len, "%s%llds%s", past ? "expired " : "in ", (long long)s,
                 past ? " ago" : "");
}

/* The one-line description shared by text and nagios: "secure, expires
 * 2026-01-01T00:00:00Z (in 29d 23h): CODE: message". No '|' (Nagios
 * perfdata separator) and no newline. */
static void describe(const check_item_t *it, char *buf, size_t len)
{
    char when[40] = "", left[48] = "";
    size_t n;
    if (it->expires != 0) {
        tp_cli_format_time((time_t)it->expires, when, sizeof when);
        human_left(it->expires - it->reference_time, left, sizeof left);
        n = (size_t)snprintf(buf, len, "%s, expires %s (%s)", it->verdict, when,
                             left);
    } else {
        n = (size_t)snprintf(buf, len, "%s", it->verdict);
    }
    if (it->reason != NULL && n < len)
        snprintf(buf + n, len - n, ": %s", it->reason);
    for (char *p = buf; *p != '\0'; p++) {
        if (*p == '|')
            *p = '/';
        else if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    }
}

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void out_json(check_out_t *o, const check_item_t *it)
{
    FILE *f = o->out;
    if (it->analysis != NULL) {
        tp_buf_t b;
        tp_buf_init(&b, BUF_MAX);
        tp_report_opts_t ro = {false, true};
        if (tp_report_json(it->analysis, &ro, &b) == TP_OK && b.len > 2 &&
            b.data[b.len - 1] == '\n' && b.data[b.len - 2] == '}') {
            fwrite(b.data, 1, b.len - 2, f); /* reopen the object */
            fputc(',', f);
        } else {
            tp_cli_error("check: %s: cannot write the report", it->name);
            fputc('{', f);
        }
        tp_buf_clear(&b);
    } else {
        fputs("{\"name\":", f);
        json_str(f, it->name);
        fputs(",\"status\":\"indeterminate\",", f);
    }
    fprintf(f, "\"check\":{\"state\":\"%s\",\"exit\":%d,\"verdict\":",
            check_state_str(it->state), it->state);
    json_str(f, it->verdict);
    if (it->line > 0)
        fprintf(f, ",\"line\":%u", it->line);
    fputs(",\"reason\":", f);
    if (it->reason != NULL)
        json_str(f, it->reason);
    else
        fputs("null", f);
    if (it->extra != NULL) {
        fputs(",\"detail\":", f);
        json_str(f, it->extra);
    }
    fputs("}}\n", f);
}

/* A Prometheus label value: backslash, double quote and newline escaped. */
static void pm_label(check_out_t *o, tp_buf_t *b, const char *s)
{
    for (const char *p = s; *p != '\0'; p++) {
        if (*p == '\\')
            bprintf(o, b, "\\\\");
        else if (*p == '"')
            bprintf(o, b, "\\\"");
        else if (*p == '\n')
            bprintf(o, b, "\\n");
        else
            bprintf(o, b, "%c", *p);
    }
}

static void pm_sample(check_out_t *o, int fam, const char *name,
                      const char *lname, const char *lvalue, double v)
{
    tp_buf_t *b = &o->pm[fam];
    bprintf(o, b, "%s{name=\"", pm_families[fam].name);
    pm_label(o, b, name);
    bprintf(o, b, "\"");
    if (lname != NULL)
        bprintf(o, b, ",%s=\"%s\"", lname, lvalue);
    bprintf(o, b, "} %.17g\n", v);
}

static void out_prometheus(check_out_t *o, const check_item_t *it)
{
    static const char *const verdicts[] = {"secure", "insecure", "bogus",
                                           "indeterminate", "unknown"};
    static const char *const sevs[] = {"notice", "warning", "error"};
    pm_sample(o, PM_STATUS, it->name, NULL, NULL, it->state);
    for (int i = 0; i < 5; i++)
        pm_sample(o, PM_VERDICT, it->name, "status", verdicts[i],
                  strcmp(it->verdict, verdicts[i]) == 0 ? 1 : 0);
    if (it->expires != 0) {
        pm_sample(o, PM_EXPIRY, it->name, NULL, NULL,
                  (double)(it->expires - it->reference_time));
        pm_sample(o, PM_EXPIRY_TS, it->name, NULL, NULL, (double)it->expires);
    }
    for (int i = 2; i >= 0; i--)
        pm_sample(o, PM_DIAGS, it->name, "severity", sevs[i], it->counts[i]);
    if (it->analysis != NULL)
        pm_sample(o, PM_SERVERS, it->name, NULL, NULL, it->servers);
}

void check_out_item(check_out_t *o, const check_item_t *it)
{
    char desc[4096];
    o->done++;
    o->by_state[it->state & 3]++;
    o->worst = check_worse(o->worst, it->state);
    if (it->expires != 0 && strcmp(it->verdict, "secure") == 0) {
        int64_t left = it->expires - it->reference_time;
        if (!o->any_expiry || left < o->min_left)
            o->min_left = left;
        o->any_expiry = true;
    }
    if (it->analysis != NULL) {
        if (!o->any_servers || it->servers < o->min_servers)
            o->min_servers = it->servers;
        o->any_servers = true;
    }
    switch (o->fmt) {
    case CHECK_FMT_TEXT:
        describe(it, desc, sizeof desc);
        fprintf(o->out, "%-8s %s %s\n", check_state_str(it->state), it->name,
                desc);
        if (it->extra != NULL)
            fprintf(o->out, "%s", it->extra);
        fflush(o->out);
        break;
    case CHECK_FMT_JSON:
        out_json(o, it);
        fflush(o->out);
        break;
    case CHECK_FMT_NAGIOS:
        describe(it, desc, sizeof desc);
        bprintf(o, &o->lines[it->state & 3], "%s: %s %s\n",
                check_state_str(it->state), it->name, desc);
        break;
    case CHECK_FMT_PROMETHEUS:
        out_prometheus(o, it);
        break;
    }
}

static void nagios_perfdata(check_out_t *o, size_t total)
{
    FILE *f = o->out;
    fputs(" |", f);
    if (o->any_expiry) {
        fprintf(f, " 'days_to_expiry'=%.2f;", (double)o->min_left / 86400.0);
        if (o->warn_s > 0)
            fprintf(f, "%.2f:", (double)o->warn_s / 86400.0);
        fputc(';', f);
        if (o->crit_s > 0)
            fprintf(f, "%.2f:", (double)o->crit_s / 86400.0);
    }
    if (o->any_servers)
        fprintf(f, " 'servers'=%u;;1:;0", o->min_servers);
    if (total > 1 || o->done != 1)
        fprintf(f,
                " 'names'=%zu;;;0 'ok'=%zu;;;0 'warning'=%zu;;;0 "
                "'critical'=%zu;;;0 'unknown'=%zu;;;0",
                total, o->by_state[0], o->by_state[1], o->by_state[2],
                o->by_state[3]);
}

int check_out_finish(check_out_t *o, size_t total, bool interrupted,
                     int64_t now, double elapsed_s)
{
    int rc = o->worst;
    if (interrupted || o->done < total)
        rc = check_worse(rc, CHECK_UNKNOWN);
    char summary[512];
    int n = snprintf(summary, sizeof summary,
                     "%zu name%s: %zu OK, %zu WARNING, %zu CRITICAL, "
                     "%zu UNKNOWN",
                     total, total == 1 ? "" : "s", o->by_state[0],
                     o->by_state[1], o->by_state[2], o->by_state[3]);
    if ((interrupted || o->done < total) && n > 0 && (size_t)n < sizeof summary)
        snprintf(summary + n, sizeof summary - (size_t)n,
                 "; interrupted after %zu of %zu", o->done, total);
    switch (o->fmt) {
    case CHECK_FMT_TEXT:
        if (total > 1 || interrupted)
            fprintf(o->out, "summary: %s (exit %d, %.1f s)\n", summary, rc,
                    elapsed_s);
        break;
    case CHECK_FMT_JSON:
        if (total > 1 || interrupted)
            fprintf(stderr, "trustpath: summary: %s (exit %d, %.1f s)\n",
                    summary, rc, elapsed_s);
        break;
    case CHECK_FMT_NAGIOS: {
        /* Single name: its own line is the status line. */
        if (o->done == 1 && total == 1 && !interrupted) {
            const tp_buf_t *b = &o->lines[rc & 3];
            size_t skip = strlen(check_state_str(rc)) + 2; /* "OK: " */
            size_t end = b->len;
            while (end > 0 && b->data[end - 1] == '\n')
                end--;
            fprintf(o->out, "DNSSEC %s - ", check_state_str(rc));
            if (end > skip)
                fwrite(b->data + skip, 1, end - skip, o->out);
            nagios_perfdata(o, total);
            fputc('\n', o->out);
            break;
        }
        fprintf(o->out, "DNSSEC %s - %s", check_state_str(rc), summary);
        nagios_perfdata(o, total);
        fputc('\n', o->out);
        const int order[4] = {CHECK_CRITICAL, CHECK_UNKNOWN, CHECK_WARNING,
                              CHECK_OK};
        for (int i = 0; i < 4; i++) {
            const tp_buf_t *b = &o->lines[order[i]];
            if (b->len > 0)
                fwrite(b->data, 1, b->len, o->out);
        }
        break;
    }
    case CHECK_FMT_PROMETHEUS:
        for (int i = 0; i < PM_COUNT; i++) {
            if (o->pm[i].len == 0)
                continue;
            fprintf(o->out, "# HELP %s %s\n# TYPE %s %s\n", pm_families[i].name,
                    pm_families[i].help, pm_families[i].name,
                    pm_families[i].type);
            fwrite(o->pm[i].data, 1, o->pm[i].len, o->out);
        }
        fprintf(o->out,
                "# HELP trustpath_check_names Names checked in the last run, "
                "by state.\n# TYPE trustpath_check_names gauge\n");
        for (int i = 0; i < 4; i++) {
            char lower[16];
            const char *w = check_state_str(i);
            size_t k = 0;
            for (; w[k] != '\0' && k + 1 < sizeof lower; k++)
                lower[k] = (char)(w[k] - 'A' + 'a');
            lower[k] = '\0';
            fprintf(o->out, "trustpath_check_names{state=\"%s\"} %zu\n", lower,
                    o->by_state[i]);
        }
        fprintf(o->out,
                "# HELP trustpath_check_complete 1 if every name was checked, "
                "0 if the run was interrupted.\n"
                "# TYPE trustpath_check_complete gauge\n"
                "trustpath_check_complete %d\n"
                "# HELP trustpath_check_timestamp_seconds Unix time of the "
                "run.\n"
                "# TYPE trustpath_check_timestamp_seconds gauge\n"
                "trustpath_check_timestamp_seconds %lld\n"
                "# HELP trustpath_check_duration_seconds Duration of the "
                "run.\n"
                "# TYPE trustpath_check_duration_seconds gauge\n"
                "trustpath_check_duration_seconds %.3f\n",
                interrupted || o->done < total ? 0 : 1, (long long)now,
                elapsed_s);
        break;
    }
    if (o->oom)
        tp_cli_error("check: out of memory while writing the output");
    fflush(o->out);
    return rc;
}
