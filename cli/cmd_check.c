/* trustpath check NAME... | -f FILE  [--format text|json|nagios|prometheus]
 *   [--warn-expiry DUR] [--crit-expiry DUR] [--require-secure]
 *   [--ignore CODE]... [--ds FILE] [--batch N] [--at TIME]
 *   [--root-hints FILE] [--trust-anchor FILE] [-t TYPE]... [-q]
 * Probe, analyze and judge names for monitoring. States (and exit codes,
 * the worst over all names; see trustpath(1)):
 *   0 OK        secure, no warning or error, nothing expires within
 *               --warn-expiry (default 7d);
 *   1 WARNING   secure with warnings or non-fatal errors (a lame server, a
 *               server that disagrees), insecure (no chain of trust; with
 *               --require-secure: CRITICAL), or the chain expires within
 *               --warn-expiry;
 *   2 CRITICAL  bogus, indeterminate although servers were reached, the
 *               name does not exist, or the chain expires within
 *               --crit-expiry (default 2d);
 *   3 UNKNOWN   nothing could be probed or read: bad usage, unreadable
 *               file, invalid name, the probe failed, no server answered,
 *               or the run was interrupted before every name was checked;
 *               or the probe run of the name stopped at one of its bounds
 *               (ANALYSIS_PROBE_LIMIT, unless --ignore'd) and the name is
 *               not CRITICAL (TP_EXIT_INCOMPLETE).
 * A duration of 0 turns the threshold off.
 *
 * Names are probed in batches of --batch names (default 64) that share one
 * probe run (the root and the TLDs are asked once per batch), analyzed,
 * written and freed: memory stays flat however long the list. With more
 * than one batch, a second thread probes batch k+1 while batch k is
 * analyzed and written, so at most two batches are held at once; with 8
 * names or more in a batch, two worker threads analyze it (the analysis is
 * the larger stage: signature checks) while this thread writes each name
 * as soon as it is ready. Names are written in the same order as without
 * the threads. */
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"
#include "commands.h"
#include "trustpath/analysis.h"
#include "trustpath/capture.h"
#include "trustpath/defaults.h"
#include "trustpath/dnssec.h"
#include "trustpath/probe.h"
#include "trustpath/report.h"
#include "trustpath/text.h"

/* A name whose probe stopped at a bound is UNKNOWN: the shared exit code
 * for an incomplete result. */
_Static_assert(TP_EXIT_INCOMPLETE == CHECK_UNKNOWN,
               "incomplete is UNKNOWN for check");

#define MAX_FILE           (64u * 1024 * 1024)
#define MAX_IGNORE         64
#define MAX_TYPES          16
#define BATCH_DEFAULT      64
#define BATCH_MAX          4096
#define CHECK_WARN_DEFAULT (7 * 86400) /* --warn-expiry 7d */
#define CHECK_CRIT_DEFAULT (2 * 86400) /* --crit-expiry 2d */

typedef struct check_args {
    tp_cli_names_t names;
    const char *names_file, *at, *hints_file, *anchor_file, *ds_file;
    const char *capture; /* -r FILE */
    check_format_t fmt;
    uint16_t types[MAX_TYPES];
    size_t type_count;
    int64_t warn_s, crit_s;
    bool require_secure, quiet;
    tp_diag_code_t ignore[MAX_IGNORE];
    size_t ignore_count;
    size_t batch;
} check_args_t;

/* Shared run state: the reference inputs and the pre-flight DS set. */
typedef struct check_run {
    check_args_t *args;
    tp_probe_config_t cfg;
    tp_rrlist_t anchors;
    char *hints, *anchor_text;
    size_t hints_len, anchor_len;
    bool at_given;
    time_t at;
    tp_arena_t *ds_arena;
    tp_arena_t *ds_arena_anchors; /* trust anchors */
    tp_rrlist_t ds;               /* --ds: the DS records to evaluate */
    uint8_t ds_zone[TP_NAME_MAX];
    char ds_zone_text[TP_NAME_TEXT_MAX];
    check_out_t *out;
    size_t done, total; /* names reported so far, names asked for */
    uint64_t last_progress_ms;
    bool progress;
    tp_capture_t *cap; /* -r: the capture file, analyzed instead of a probe */
    int64_t cap_ref_ms;
    /* The output and the progress bar (the prober thread draws it, this
     * one writes names and counts them in done). */
    pthread_mutex_t out_lock;
} check_run_t;

/* Ctrl-C seen: set by the handler, read by both threads (a lock-free atomic
 * may be used in a signal handler, C11 7.14.1.1). */
static atomic_int g_stop;
static volatile sig_atomic_t g_exit_now; /* exit status on a second one */

static void on_sigint(int sig)
{
    (void)sig;
    if (atomic_load(&g_stop)) {
        static const char m[] = "\ntrustpath: interrupted\n";
        if (write(STDERR_FILENO, m, sizeof m - 1) < 0) {
            /* nothing more to do */
        }
        _exit(g_exit_now);
    }
    atomic_store(&g_stop, 1);
    static const char m[] =
        "\ntrustpath: interrupted: finishing the names in progress "
        "(Ctrl-C again to quit now)\n";
    if (write(STDERR_FILENO, m, sizeof m - 1) < 0) {
        /* nothing more to do */
    }
}

static void check_usage(FILE *out)
{
    fprintf(
        out,
        "usage: trustpath check NAME... | -f FILE [options]\n"
        "Probe names, validate their chain of trust and report for\n"
        "monitoring (Nagios/Icinga, Prometheus, CI, cron).\n"
        "\n"
        "  -f FILE              names, one per line ('#' comments, '-' = "
        "stdin)\n"
        "  -r FILE              judge a capture file (trustpath or DNSViz)\n"
        "                       instead of probing; names default to its own\n"
        "  --format FMT         text (default: one line per name), json (one\n"
        "                       report per line), nagios (plugin output and\n"
        "                       perfdata), prometheus (textfile collector)\n"
        "  --warn-expiry DUR    WARNING when a signature on the chain expires\n"
        "                       within DUR (default 7d; 0 = off)\n"
        "  --crit-expiry DUR    CRITICAL within DUR (default 2d; 0 = off)\n"
        "  --require-secure     an insecure name is CRITICAL (default "
        "WARNING)\n"
        "  --ignore CODE        drop this diagnostic code (repeatable)\n"
        "  --ds FILE            pre-flight: judge the chain as if the parent\n"
        "                       published exactly these DS records (or DS\n"
        "                       computed with SHA-256 from these DNSKEYs)\n"
        "  --batch N            names per probe run (default 64)\n"
        "  --at TIME            judge at TIME (ISO 8601, @unix, +7d)\n"
        "  --root-hints FILE    root servers (named.root format)\n"
        "  --trust-anchor FILE  DS/DNSKEY trust anchors (zone-file format)\n"
        "  -t TYPE              record type at the name (repeatable)\n"
        "  -q                   no progress bar\n"
        "DUR: 90, 90s, 15m, 36h, 7d, 2w.\n"
        "exit: 0 OK, 1 WARNING (insecure, warnings, expiry within\n"
        "--warn-expiry), 2 CRITICAL (bogus, indeterminate, no such name,\n"
        "expiry within --crit-expiry), 3 UNKNOWN (bad usage or input, no\n"
        "answer, interrupted, or the probe stopped at one of its bounds:\n"
        "ANALYSIS_PROBE_LIMIT, the result is incomplete, unless the name is\n"
        "CRITICAL); several names: the worst of them.\n");
}

static int usage_error(const char *fmt, ...) TP_PRINTF(1, 2);

static int usage_error(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    tp_cli_error("check: %s (see trustpath check --help)", msg);
    return CHECK_UNKNOWN;
}

static int parse(int argc, char **argv, check_args_t *a)
{
    const char *format = "text";
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        bool v = i + 1 < argc;
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            check_usage(stdout);
            return -1;
        } else if (strcmp(s, "-r") == 0 && v) {
            a->capture = argv[++i];
        } else if (strcmp(s, "-f") == 0 && v) {
            if (a->names_file != NULL)
                return usage_error("-f given twice");
            a->names_file = argv[++i];
        } else if (strcmp(s, "--format") == 0 && v) {
            format = argv[++i];
        } else if (strcmp(s, "--at") == 0 && v) {
            a->at = argv[++i];
        } else if (strcmp(s, "--root-hints") == 0 && v) {
            a->hints_file = argv[++i];
        } else if (strcmp(s, "--trust-anchor") == 0 && v) {
            a->anchor_file = argv[++i];
        } else if (strcmp(s, "--ds") == 0 && v) {
            a->ds_file = argv[++i];
        } else if (strcmp(s, "--require-secure") == 0) {
            a->require_secure = true;
        } else if (strcmp(s, "-q") == 0 || strcmp(s, "--quiet") == 0) {
            a->quiet = true;
        } else if (strcmp(s, "--ignore") == 0 && v) {
            tp_diag_code_t code;
            ++i;
            if (tp_diag_from_str(argv[i], &code) != TP_OK)
                return usage_error("--ignore: unknown diagnostic code '%s'",
                                   argv[i]);
            if (a->ignore_count >= MAX_IGNORE)
                return usage_error("too many --ignore");
            a->ignore[a->ignore_count++] = code;
        } else if (strcmp(s, "--batch") == 0 && v) {
            char *end;
            unsigned long n = strtoul(argv[++i], &end, 10);
            if (*end != '\0' || n == 0 || n > BATCH_MAX)
                return usage_error("--batch: expected 1 to 4096, not '%s'",
                                   argv[i]);
            a->batch = n;
        } else if (strcmp(s, "-t") == 0 && v) {
            uint16_t t;
            ++i;
            if (a->type_count >= MAX_TYPES ||
                tp_type_from_text(argv[i], strlen(argv[i]), &t) != TP_OK)
                return usage_error("bad type '%s'", argv[i]);
            a->types[a->type_count++] = t;
        } else if ((strcmp(s, "--warn-expiry") == 0 ||
                    strcmp(s, "--crit-expiry") == 0) &&
                   v) {
            int64_t *dst = s[2] == 'w' ? &a->warn_s : &a->crit_s;
            if (!tp_cli_parse_duration(argv[++i], dst) || *dst < 0)
                return usage_error("bad duration '%s'", argv[i]);
        } else if (s[0] == '-' && s[1] != '\0') {
            if (v)
                return usage_error("unknown option '%s'", s);
            return usage_error("unknown option, or no value for '%s'", s);
        } else if (!tp_cli_names_add(&a->names, s, strlen(s), NULL, 0)) {
            tp_cli_error("check: out of memory");
            return CHECK_UNKNOWN;
        }
    }
    if (!check_format_parse(format, &a->fmt))
        return usage_error("unknown format '%s' (text, json, nagios, "
                           "prometheus)",
                           format);
    return CHECK_OK;
}

static bool ignored(const check_args_t *c, tp_diag_code_t code)
{
    for (size_t i = 0; i < c->ignore_count; i++) {
        if (c->ignore[i] == code)
            return true;
    }
    return false;
}

static const char *an_reason(tp_arena_t *arena, const tp_an_diag_t *d)
{
    char line[1024];
    snprintf(line, sizeof line, "%s: %s", tp_diag_code_str(d->code),
             d->message != NULL ? d->message : "");
    return tp_arena_strdup(arena, line);
}

/* The state of one analyzed name, and the first problem worth a line. */
static int judge(const check_args_t *c, const tp_analysis_t *a, bool reached,
                 check_item_t *it, tp_arena_t *arena)
{
    const tp_an_diag_t *first = NULL, *limit = NULL;
    int worst_sev = -1;
    for (size_t i = 0; i < a->diag_count; i++) {
        const tp_an_diag_t *d = &a->diags[i];
        if (ignored(c, d->code))
            continue;
        if (d->code == TP_DIAG_ANALYSIS_PROBE_LIMIT && limit == NULL)
            limit = d;
        if (d->severity <= TP_SEV_ERROR)
            it->counts[d->severity]++;
        if ((int)d->severity > worst_sev)
            worst_sev = (int)d->severity;
        if (d->severity >= TP_SEV_WARNING &&
            (first == NULL || d->severity > first->severity))
            first = d;
    }
    if (first != NULL)
        it->reason = an_reason(arena, first);
    int st = CHECK_OK;
    bool nx = a->rcode != NULL && strcmp(a->rcode, "NXDOMAIN") == 0;
    if (!reached) {
        it->reason = "no server answered";
        return CHECK_UNKNOWN;
    }
    switch (a->status) {
    case TP_STATUS_SECURE:
        break;
    case TP_STATUS_INSECURE:
        st = c->require_secure ? CHECK_CRITICAL : CHECK_WARNING;
        if (it->reason == NULL)
            it->reason =
                c->require_secure
                    ? "insecure, and --require-secure is set"
                    : "no chain of trust (a proven insecure delegation)";
        break;
    default: /* bogus; indeterminate with servers reached */
        return CHECK_CRITICAL;
    }
    if (nx) {
        if (it->reason == NULL)
            it->reason = "the name does not exist (NXDOMAIN)";
        return CHECK_CRITICAL;
    }
    if (worst_sev >= TP_SEV_WARNING)
        st = check_worse(st, CHECK_WARNING);
    if (a->status == TP_STATUS_SECURE && a->earliest_expiration != 0) {
        int64_t left = a->earliest_expiration - a->reference_time;
        if (c->crit_s > 0 && left < c->crit_s)
            return CHECK_CRITICAL;
        if (c->warn_s > 0 && left < c->warn_s)
            st = check_worse(st, CHECK_WARNING);
    }
    if (limit != NULL && check_worse(st, CHECK_UNKNOWN) != st) {
        /* The probe stopped at a bound: what was not seen may change the
         * verdict, so nothing better than UNKNOWN (CRITICAL stays). */
        it->reason = an_reason(arena, limit);
        st = TP_EXIT_INCOMPLETE;
    }
    return st;
}

/* ---- DS pre-flight ------------------------------------------------------ */

/* Read --ds: DS records, or DNSKEY records turned into SHA-256 DS, all with
 * one owner (the zone whose delegation is judged), an ancestor of name. */
static int load_ds(check_run_t *r, const uint8_t *name)
{
    const char *path = r->args->ds_file;
    size_t len = 0;
    char *text = tp_cli_read_file(path, MAX_FILE, &len);
    if (text == NULL)
        return CHECK_UNKNOWN;
    tp_rrlist_t in = {0};
    tp_text_error_t terr = {0};
    r->ds_arena = tp_arena_new(0);
    tp_err_t err = r->ds_arena == NULL ? TP_ENOMEM
                                       : tp_zone_parse(text, len, name, 3600,
                                                       r->ds_arena, &in, &terr);
    free(text);
    if (err != TP_OK) {
        tp_cli_error("%s: line %u: %s", path, terr.line,
                     terr.message[0] ? terr.message : tp_err_str(err));
        return CHECK_UNKNOWN;
    }
    const uint8_t *owner = NULL;
    for (size_t i = 0; i < in.count; i++) {
        const tp_rr_t *rr = &in.rrs[i];
        if (rr->type != TP_TYPE_DS && rr->type != TP_TYPE_DNSKEY)
            continue;
        if (owner != NULL && !tp_name_equal(owner, rr->owner)) {
            tp_cli_error("%s: records for more than one zone", path);
            return CHECK_UNKNOWN;
        }
        owner = rr->owner;
        tp_rr_t ds = *rr;
        if (rr->type == TP_TYPE_DNSKEY) {
            uint8_t dig[TP_DS_DIGEST_MAX];
            size_t dl = 0;
            if (rr->rdata.len < 4 ||
                tp_ds_digest(rr->owner, rr->rdata, TP_DIGEST_SHA256, dig,
                             &dl) != TP_OK) {
                tp_cli_error("%s: cannot compute a DS from a DNSKEY", path);
                return CHECK_UNKNOWN;
            }
            uint8_t *rd = tp_arena_alloc(r->ds_arena, 4 + dl);
            if (rd == NULL)
                return CHECK_UNKNOWN;
            uint16_t tag = tp_dnskey_tag(rr->rdata);
            rd[0] = (uint8_t)(tag >> 8);
            rd[1] = (uint8_t)tag;
            rd[2] = rr->rdata.data[3]; /* algorithm */
            rd[3] = TP_DIGEST_SHA256;
            memcpy(rd + 4, dig, dl);
            ds.type = TP_TYPE_DS;
            ds.rdata = tp_bytes(rd, 4 + dl);
            ds.raw = ds.rdata;
        }
        if (tp_rrlist_push(&r->ds, r->ds_arena, &ds) != TP_OK)
            return CHECK_UNKNOWN;
    }
    if (owner == NULL) {
        tp_cli_error("%s: no DS or DNSKEY record", path);
        return CHECK_UNKNOWN;
    }
    memcpy(r->ds_zone, owner, tp_name_len(owner));
    tp_name_to_text(r->ds_zone, r->ds_zone_text);
    if (!tp_name_is_subdomain(name, owner) || tp_name_labels(owner) == 0) {
        char nt[TP_NAME_TEXT_MAX];
        tp_name_to_text(name, nt);
        tp_cli_error("%s: the records are for %s, which is not %s or one of "
                     "its parents below the root",
                     path, r->ds_zone_text, nt);
        return CHECK_UNKNOWN;
    }
    return CHECK_OK;
}

static void bput(tp_buf_t *b, bool *oom, const char *fmt, ...) TP_PRINTF(3, 4);

static void bput(tp_buf_t *b, bool *oom, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0 &&
        tp_buf_append(b, line,
                      (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) !=
            TP_OK)
        *oom = true;
}

/* The DS RRset of zone as each parent server serves it, in one line. */
static void ds_served(tp_analyzer_t *an, const uint8_t *zone,
                      const char *zone_text, const tp_rr_t *want,
                      size_t want_count, tp_arena_t *arena, tp_buf_t *b,
                      bool *oom)
{
    tp_ds_view_t *v = NULL;
    size_t n = 0, same = 0, answered = 0, served = 0;
    if (tp_analyzer_ds_views(an, zone, want, want_count, arena, &v, &n) !=
        TP_OK)
        return;
    for (size_t i = 0; i < n; i++) {
        answered += v[i].answered;
        same += v[i].same;
        served += v[i].answered && v[i].ds_count > 0;
    }
    if (n == 0) {
        bput(b, oom, "  parent: no server was asked for the DS of %s\n",
             zone_text);
        return;
    }
    if (want != NULL)
        bput(b, oom,
             "  now: %zu of %zu parent servers serve exactly these DS "
             "records for %s%s\n",
             same, n, zone_text, same == n ? " (the upload is complete)" : "");
    else
        bput(b, oom,
             "  parent: %zu of %zu servers serve DS for %s; %zu serve the "
             "same set%s\n",
             served, n, zone_text, same,
             same == n && served == n ? " (consistent)" : "");
    for (size_t i = 0; i < n; i++) {
        if (v[i].same && n == same)
            continue;
        bput(b, oom, "    %s: %s\n", v[i].server,
             !v[i].answered       ? "no answer"
             : v[i].ds_count == 0 ? "no DS"
             : v[i].same          ? "same DS set"
                                  : "a different DS set");
    }
    (void)answered;
}

/* The pre-flight lines: each DS of the hypothesis and what it matches. */
static void ds_explain(const tp_analysis_t *h, const char *zone_text,
                       size_t ds_total, tp_buf_t *b, bool *oom)
{
    const tp_an_zone_t *z = tp_analysis_zone(h, zone_text);
    bput(b, oom,
         "  pre-flight: if the parent published exactly these %zu DS "
         "record%s for %s:\n",
         ds_total, ds_total == 1 ? "" : "s", zone_text);
    if (z == NULL) {
        bput(b, oom, "    %s is not a zone on the chain of %s\n", zone_text,
             h->name);
        return;
    }
    const tp_an_delegation_t *d = &z->delegation;
    const tp_an_dnskey_t *via = NULL;
    for (size_t i = 0; i < d->ds_count; i++) {
        const tp_an_ds_t *ds = &d->ds[i];
        const tp_an_dnskey_t *k =
            ds->key_index != TP_AN_NONE ? &z->dnskeys[ds->key_index] : NULL;
        bput(b, oom, "    DS %u %u %u %.16s%s: %s", ds->key_tag, ds->algorithm,
             ds->digest_type, ds->digest ? ds->digest : "",
             ds->digest && strlen(ds->digest) > 16 ? "..." : "",
             tp_link_status_str(ds->status));
        if (k != NULL)
            bput(b, oom, ", key %u (%s, algorithm %u%s)", k->tag,
                 tp_key_role_str(k->role), k->algorithm,
                 k->self_signs ? ", signs the DNSKEY set" : "");
        if (ds->reason != NULL)
            bput(b, oom, ": %s", ds->reason);
        bput(b, oom, "\n");
        if (ds->status == TP_LINK_VALID && k != NULL && k->self_signs &&
            via == NULL)
            via = k;
    }
    char when[40] = "-";
    if (h->earliest_expiration != 0)
        tp_cli_format_time((time_t)h->earliest_expiration, when, sizeof when);
    if (h->status == TP_STATUS_SECURE && via != NULL)
        bput(b, oom,
             "  verdict: the chain would validate (secure) through key %u "
             "(algorithm %u) until %s (%s)\n",
             via->tag, via->algorithm, when,
             h->earliest_expiration_of ? h->earliest_expiration_of : "-");
    else
        bput(b, oom, "  verdict: the chain would NOT validate: %s\n",
             tp_status_str(h->status));
}

/* ---- The run ------------------------------------------------------------ */

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void progress_draw(check_run_t *r, size_t queries, bool force)
{
    uint64_t t = now_ms();
    if (!force && t - r->last_progress_ms < 100)
        return;
    r->last_progress_ms = t;
    const int width = 30;
    int fill = r->total ? (int)((r->done * (size_t)width) / r->total) : 0;
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r[%s] %zu/%zu names, %zu queries ", bar, r->done,
            r->total, queries);
    fflush(stderr);
}

/* Called by the probe, in the prober thread when batches overlap. */
static void on_progress(void *arg, const tp_probe_progress_t *p)
{
    check_run_t *r = arg;
    pthread_mutex_lock(&r->out_lock);
    progress_draw(r, p->completed, false);
    pthread_mutex_unlock(&r->out_lock);
}

static void progress_clear(check_run_t *r)
{
    if (r->progress)
        fprintf(stderr, "\r%*s\r", 70, "");
}

static void emit(check_run_t *r, const check_item_t *it)
{
    pthread_mutex_lock(&r->out_lock);
    progress_clear(r);
    check_out_item(r->out, it);
    r->done++;
    pthread_mutex_unlock(&r->out_lock);
    g_exit_now = check_worse(g_exit_now, check_worse(it->state, CHECK_UNKNOWN));
}

static void emit_unknown(check_run_t *r, const tp_cli_name_t *n,
                         const char *reason)
{
    check_item_t it = {.name = n->text,
                       .line = n->line,
                       .state = CHECK_UNKNOWN,
                       .verdict = "unknown",
                       .reason = reason};
    emit(r, &it);
}

static bool any_response(const tp_capture_t *cap)
{
    for (size_t i = 0; i < cap->query_count; i++) {
        if (cap->queries[i].response.len > 0)
            return true;
    }
    return false;
}

/* One name analyzed, not yet judged nor written. */
typedef struct analyzed {
    tp_arena_t *arena; /* a and h live here */
    tp_analysis_t *a;  /* the name as served */
    tp_analysis_t *h;  /* with --ds: the hypothesis, else NULL */
    tp_err_t err;
} analyzed_t;

/* Analyze one name (no output: it may run in a worker thread). */
static void analyze_one(tp_analyzer_t *an, tp_analyzer_t *pre,
                        const tp_cli_name_t *n, analyzed_t *x)
{
    x->arena = tp_arena_new(0);
    x->a = x->h = NULL;
    x->err = x->arena == NULL ? TP_ENOMEM
                              : tp_analyzer_run(an, n->wire, x->arena, &x->a);
    if (x->err == TP_OK && pre != NULL)
        x->err = tp_analyzer_run(pre, n->wire, x->arena, &x->h);
}

/* Judge and write one analyzed name, then free its analysis. */
static void report_one(check_run_t *r, tp_analyzer_t *an,
                       const tp_cli_name_t *n, bool reached, analyzed_t *x)
{
    check_args_t *c = r->args;
    tp_arena_t *arena = x->arena;
    tp_analysis_t *a = x->a, *h = x->h;
    if (x->err != TP_OK) {
        tp_cli_error("check: %s: %s", n->text, tp_err_str(x->err));
        emit_unknown(r, n, "the analysis failed");
        tp_arena_free(arena);
        return;
    }
    const tp_analysis_t *j = h != NULL ? h : a; /* what is judged */
    check_item_t it = {.name = n->text,
                       .line = n->line,
                       .verdict = tp_status_str(j->status),
                       .reference_time = j->reference_time,
                       .expires = j->earliest_expiration,
                       .expires_of = j->earliest_expiration_of,
                       .analysis = j};
    if (j->status != TP_STATUS_SECURE)
        it.expires = 0; /* no chain to expire */
    it.state = judge(c, j, reached, &it, arena);
    for (size_t i = 0; i < j->server_count; i++)
        it.servers += j->servers[i].responded;
    it.servers_total = (unsigned)j->server_count;
    tp_buf_t extra;
    bool oom = false;
    tp_buf_init(&extra, 1u << 20);
    if (h != NULL && an != NULL) {
        ds_explain(h, r->ds_zone_text, r->ds.count, &extra, &oom);
        ds_served(an, r->ds_zone, r->ds_zone_text, r->ds.rrs, r->ds.count,
                  arena, &extra, &oom);
        bput(&extra, &oom, "  now: the chain as served is %s\n",
             tp_status_str(a->status));
    } else if (r->total == 1 && an != NULL && a->answer_zone != TP_AN_NONE &&
               a->zones[a->answer_zone].parent_index != TP_AN_NONE) {
        const tp_an_zone_t *z = &a->zones[a->answer_zone];
        ds_served(an, z->wire, z->name, NULL, 0, arena, &extra, &oom);
    }
    if (extra.len > 0 && !oom)
        it.extra = tp_buf_str(&extra);
    emit(r, &it);
    tp_buf_clear(&extra);
    tp_arena_free(arena);
}

/* Analyze, judge and write one name of a probed batch. */
static void check_one(check_run_t *r, tp_analyzer_t *an, tp_analyzer_t *pre,
                      const tp_cli_name_t *n, bool reached)
{
    analyzed_t x;
    analyze_one(an, pre, n, &x);
    report_one(r, an, n, reached, &x);
}

/* ---- Batches: probe, then analyze and report ---------------------------- */

/* Names [from, to) of the list, probed together. */
typedef struct batch {
    size_t from, to;
    const uint8_t **wires; /* the valid names */
    size_t nw;
    bool no_memory;    /* not even the list of names: every name unknown */
    tp_capture_t *cap; /* NULL when nothing was probed */
    int64_t ref_ms;    /* the capture's end: the reference time */
    tp_err_t probe_err;
    const char *fail; /* why every valid name is unknown, or NULL */
} batch_t;

/* Probe a batch (or take the -r capture). Touches only b and what the
 * probe reads, so that it can run in the prober thread; the errors are
 * written by batch_report, in order with the names. */
static void batch_probe(check_run_t *r, size_t from, size_t to, batch_t *b)
{
    const tp_cli_names_t *names = &r->args->names;
    memset(b, 0, sizeof *b);
    b->from = from;
    b->to = to;
    b->wires = calloc(to - from, sizeof *b->wires);
    if (b->wires == NULL) {
        b->no_memory = true;
        return;
    }
    for (size_t i = from; i < to; i++) {
        if (!names->v[i].bad)
            b->wires[b->nw++] = names->v[i].wire;
    }
    if (b->nw == 0)
        return;
    if (r->cap != NULL) { /* -r: one batch, the file's capture */
        b->cap = r->cap;
        r->cap = NULL;
        b->ref_ms = r->cap_ref_ms;
        return;
    }
    if ((b->cap = tp_capture_new()) == NULL) {
        b->fail = "out of memory";
        return;
    }
    b->probe_err = tp_probe_run(&r->cfg, b->wires, b->nw, b->cap, NULL);
    if (b->probe_err != TP_OK)
        b->fail = "the probe failed";
    b->ref_ms = b->cap->end_time_ms;
}

static void batch_opts(const check_run_t *r, const batch_t *b,
                       tp_analysis_opts_t *opts)
{
    time_t ref = r->at_given ? r->at : (time_t)(b->ref_ms / 1000);
    tp_analysis_opts_init(opts, (int64_t)ref);
    opts->warn_expiry_s = r->args->warn_s;
}

/* The analyzer of a batch, and with --ds the one of the hypothesis. */
static const char *batch_analyzers(check_run_t *r, const batch_t *b,
                                   tp_analyzer_t **an, tp_analyzer_t **pre)
{
    tp_analysis_opts_t opts;
    batch_opts(r, b, &opts);
    if (tp_analyzer_new(b->cap, &r->anchors, &opts, an) != TP_OK)
        return "the analysis failed";
    if (r->ds.count > 0) {
        opts.ds_override_zone = r->ds_zone;
        opts.ds_override = r->ds.rrs;
        opts.ds_override_count = r->ds.count;
        if (tp_analyzer_new(b->cap, &r->anchors, &opts, pre) != TP_OK)
            return "the analysis failed";
    }
    return NULL;
}

/* The analysis is the larger stage (mostly signature checks, each name its
 * own). With enough names, two worker threads analyze a batch, name k by
 * worker k % 2, each with its own analyzer (an analyzer is for one thread
 * at a time), while this thread writes each name as soon as it is ready, in
 * order. */
#define CREW_WORKERS   2
#define CREW_MIN_NAMES 8

typedef struct crew {
    const check_run_t *r;
    const batch_t *b;
    const size_t *idx; /* list indices of the valid names */
    size_t n;
    analyzed_t *out; /* parallel to idx */
    bool *ready;     /* parallel to idx, under mu */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} crew_t;

typedef struct worker {
    crew_t *crew;
    size_t first;      /* analyzes idx[first], idx[first + CREW_WORKERS]... */
    tp_analyzer_t *an; /* NULL: make its own */
    pthread_t tid;
} worker_t;

static void *worker_main(void *arg)
{
    worker_t *w = arg;
    crew_t *c = w->crew;
    tp_analyzer_t *own = NULL;
    tp_err_t err = TP_OK;
    if (w->an == NULL) {
        tp_analysis_opts_t opts;
        batch_opts(c->r, c->b, &opts);
        err = tp_analyzer_new(c->b->cap, &c->r->anchors, &opts, &own);
    }
    for (size_t k = w->first; k < c->n; k += CREW_WORKERS) {
        analyzed_t *x = &c->out[k];
        if (err == TP_OK) {
            analyze_one(w->an != NULL ? w->an : own, NULL,
                        &c->r->args->names.v[c->idx[k]], x);
        } else {
            memset(x, 0, sizeof *x);
            x->err = err;
        }
        pthread_mutex_lock(&c->mu);
        c->ready[k] = true;
        pthread_cond_broadcast(&c->cv);
        pthread_mutex_unlock(&c->mu);
    }
    tp_analyzer_free(own);
    return NULL;
}

/* Start the workers (SIGINT blocked: Ctrl-C stays with this thread); false
 * when none could start. */
static bool crew_start(crew_t *c, worker_t *w, tp_analyzer_t *an)
{
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    size_t started = 0;
    for (size_t i = 0; i < CREW_WORKERS; i++) {
        w[i] = (worker_t){.crew = c, .first = i, .an = i == 0 ? an : NULL};
        if (pthread_create(&w[i].tid, NULL, worker_main, &w[i]) != 0)
            break;
        started++;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (started == CREW_WORKERS)
        return true;
    /* A worker missing: the others finish their names, then all is redone
     * without them (no name is written twice: none is written yet). */
    for (size_t i = 0; i < started; i++)
        pthread_join(w[i].tid, NULL);
    for (size_t k = 0; k < c->n; k++) {
        if (c->ready[k])
            tp_arena_free(c->out[k].arena);
    }
    return false;
}

static bool crew_run(check_run_t *r, const batch_t *b, tp_analyzer_t *an,
                     bool reached, const size_t *idx, size_t n)
{
    crew_t c = {.r = r, .b = b, .idx = idx, .n = n};
    worker_t w[CREW_WORKERS];
    c.out = calloc(n, sizeof *c.out);
    c.ready = calloc(n, sizeof *c.ready);
    bool ok = c.out != NULL && c.ready != NULL &&
              pthread_mutex_init(&c.mu, NULL) == 0;
    if (ok && pthread_cond_init(&c.cv, NULL) != 0) {
        pthread_mutex_destroy(&c.mu);
        ok = false;
    }
    if (ok && !crew_start(&c, w, an)) {
        pthread_cond_destroy(&c.cv);
        pthread_mutex_destroy(&c.mu);
        ok = false;
    }
    if (!ok) {
        free(c.out);
        free(c.ready);
        return false;
    }
    for (size_t k = 0; k < n; k++) {
        pthread_mutex_lock(&c.mu);
        while (!c.ready[k])
            pthread_cond_wait(&c.cv, &c.mu);
        pthread_mutex_unlock(&c.mu);
        /* an is worker 0's: report_one uses it only for --ds or a single
         * name, which never come here */
        report_one(r, NULL, &r->args->names.v[idx[k]], reached, &c.out[k]);
    }
    for (size_t i = 0; i < CREW_WORKERS; i++)
        pthread_join(w[i].tid, NULL);
    pthread_cond_destroy(&c.cv);
    pthread_mutex_destroy(&c.mu);
    free(c.out);
    free(c.ready);
    return true;
}

/* Analyze and write the valid names of a batch, in order. */
static void batch_names(check_run_t *r, const batch_t *b, tp_analyzer_t *an,
                        tp_analyzer_t *pre, bool reached)
{
    const tp_cli_names_t *names = &r->args->names;
    size_t *idx = calloc(b->to - b->from, sizeof *idx), n = 0;
    for (size_t i = b->from; idx != NULL && i < b->to; i++) {
        if (!names->v[i].bad)
            idx[n++] = i;
    }
    bool done = idx != NULL && pre == NULL && n >= CREW_MIN_NAMES &&
                crew_run(r, b, an, reached, idx, n);
    for (size_t i = b->from; !done && i < b->to; i++) {
        if (!names->v[i].bad)
            check_one(r, an, pre, &names->v[i], reached);
    }
    free(idx);
}

/* Report each name of a probed batch (invalid names first, as they are
 * known before the probe), then free the batch. */
static void batch_report(check_run_t *r, batch_t *b)
{
    tp_cli_names_t *names = &r->args->names;
    for (size_t i = b->from; i < b->to; i++) {
        if (b->no_memory)
            emit_unknown(r, &names->v[i], "out of memory");
        else if (names->v[i].bad)
            emit_unknown(r, &names->v[i], "invalid name");
    }
    tp_analyzer_t *an = NULL, *pre = NULL;
    const char *fail = b->fail;
    if (b->probe_err != TP_OK)
        tp_cli_error("check: probe failed: %s", tp_err_str(b->probe_err));
    if (fail == NULL && b->cap != NULL)
        fail = batch_analyzers(r, b, &an, &pre);
    if (fail == NULL && b->cap != NULL) {
        bool reached = any_response(b->cap);
        if (!reached)
            tp_cli_error("check: no server answered any query");
        batch_names(r, b, an, pre, reached);
    }
    for (size_t i = b->from; fail != NULL && i < b->to; i++) {
        if (!names->v[i].bad)
            emit_unknown(r, &names->v[i], fail);
    }
    tp_analyzer_free(pre);
    tp_analyzer_free(an);
    tp_capture_free(b->cap);
    free(b->wires);
}

/* One batch after the other, until the list ends or Ctrl-C. */
static void batches_serial(check_run_t *r)
{
    size_t step = r->args->batch;
    for (size_t from = 0; from < r->total && !atomic_load(&g_stop);
         from += step) {
        size_t to = from + step < r->total ? from + step : r->total;
        batch_t b;
        batch_probe(r, from, to, &b);
        batch_report(r, &b);
    }
}

/* Two stages: the prober thread probes the batches in order and hands each
 * over through one slot; this thread reports them in that order. The
 * prober starts a batch only once the slot is empty, so at most two
 * batches live at once (one reported, one probed). After Ctrl-C it starts
 * none; the batches already probed are reported, like the one in progress
 * without the thread. */
typedef struct pipeline {
    check_run_t *r;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    batch_t slot;
    bool full;     /* slot holds a probed batch */
    bool finished; /* the prober will hand over nothing more */
} pipeline_t;

static void *prober_main(void *arg)
{
    pipeline_t *p = arg;
    size_t step = p->r->args->batch, total = p->r->total;
    for (size_t from = 0; from < total; from += step) {
        pthread_mutex_lock(&p->mu);
        while (p->full)
            pthread_cond_wait(&p->cv, &p->mu);
        pthread_mutex_unlock(&p->mu);
        if (atomic_load(&g_stop))
            break;
        batch_t b;
        batch_probe(p->r, from, from + step < total ? from + step : total, &b);
        pthread_mutex_lock(&p->mu);
        p->slot = b;
        p->full = true;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    pthread_mutex_lock(&p->mu);
    p->finished = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Start the prober with SIGINT blocked, so that Ctrl-C reaches this thread
 * as without it. */
static bool prober_start(pipeline_t *p, pthread_t *tid)
{
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    bool ok = pthread_create(tid, NULL, prober_main, p) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ok;
}

static void batches_pipelined(check_run_t *r)
{
    pipeline_t p = {.r = r};
    pthread_t tid;
    if (pthread_mutex_init(&p.mu, NULL) != 0)
        goto serial;
    if (pthread_cond_init(&p.cv, NULL) != 0) {
        pthread_mutex_destroy(&p.mu);
        goto serial;
    }
    if (!prober_start(&p, &tid)) {
        pthread_cond_destroy(&p.cv);
        pthread_mutex_destroy(&p.mu);
        goto serial;
    }
    for (;;) {
        pthread_mutex_lock(&p.mu);
        while (!p.full && !p.finished)
            pthread_cond_wait(&p.cv, &p.mu);
        bool got = p.full;
        batch_t b = p.slot;
        p.full = false;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
        if (!got)
            break;
        batch_report(r, &b);
    }
    pthread_join(tid, NULL);
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
    return;
serial:
    batches_serial(r);
}

/* -r FILE: read the capture once (cli/capture_load.c); its names when
 * none are given; all names in one batch. */
static int capture_input(check_run_t *r)
{
    check_args_t *c = r->args;
    if (tp_cli_load_capture(c->capture, &r->cap, &r->cap_ref_ms) != TP_EXIT_OK)
        return CHECK_UNKNOWN;
    for (size_t i = 0;
         c->names.count == 0 && c->names_file == NULL && i < r->cap->name_count;
         i++) {
        char text[TP_NAME_TEXT_MAX];
        tp_name_to_text(r->cap->names[i], text);
        if (!tp_cli_names_add(&c->names, text, strlen(text), NULL, 0))
            return CHECK_UNKNOWN;
    }
    c->batch = c->names.count > 0 ? c->names.count : 1;
    return CHECK_OK;
}

static int setup(check_run_t *r)
{
    check_args_t *c = r->args;
    if (c->hints_file != NULL &&
        (r->hints = tp_cli_read_file(c->hints_file, MAX_FILE, &r->hints_len)) ==
            NULL)
        return CHECK_UNKNOWN;
    if (c->anchor_file != NULL &&
        (r->anchor_text = tp_cli_read_file(c->anchor_file, MAX_FILE,
                                           &r->anchor_len)) == NULL)
        return CHECK_UNKNOWN;
    if (tp_cli_load_anchors(c->anchor_file, NULL, r->ds_arena_anchors,
                            &r->anchors) != TP_EXIT_OK)
        return CHECK_UNKNOWN;
    if (c->at != NULL) {
        if (!tp_cli_parse_time(c->at, time(NULL), &r->at)) {
            tp_cli_error("check: bad time '%s'", c->at);
            return CHECK_UNKNOWN;
        }
        r->at_given = true;
    }
    tp_probe_config_init(&r->cfg);
    r->cfg.root_hints = r->hints != NULL ? r->hints : tp_default_root_hints();
    r->cfg.root_hints_len =
        r->hints != NULL ? r->hints_len : strlen(r->cfg.root_hints);
    r->cfg.trust_anchors =
        r->anchor_text != NULL ? r->anchor_text : tp_default_trust_anchor();
    r->cfg.trust_anchors_len =
        r->anchor_text != NULL ? r->anchor_len : strlen(r->cfg.trust_anchors);
    r->cfg.types = c->type_count > 0 ? c->types : NULL;
    r->cfg.type_count = c->type_count;
    if (r->progress) {
        r->cfg.progress = on_progress;
        r->cfg.progress_arg = r;
    }
    return CHECK_OK;
}

int tp_cmd_check(int argc, char **argv)
{
    check_args_t c = {.warn_s = CHECK_WARN_DEFAULT,
                      .crit_s = CHECK_CRIT_DEFAULT,
                      .batch = BATCH_DEFAULT};
    check_run_t r = {.args = &c, .out_lock = PTHREAD_MUTEX_INITIALIZER};
    int rc = parse(argc, argv, &c), input_rc = CHECK_OK;
    uint64_t t0 = now_ms();
    if (rc != CHECK_OK) {
        tp_cli_names_free(&c.names);
        return rc < 0 ? TP_EXIT_OK : rc;
    }
    if (c.names_file != NULL && !tp_cli_names_read(&c.names, c.names_file))
        input_rc = CHECK_UNKNOWN; /* unreadable: still check the others */
    if (c.capture != NULL && (rc = capture_input(&r)) != CHECK_OK)
        goto out;
    for (size_t i = 0; i < c.names.count; i++)
        if (c.names.v[i].bad)
            input_rc = CHECK_UNKNOWN;
    if (c.names.count == 0) {
        if (input_rc == CHECK_OK)
            tp_cli_error("check: no name to check (see trustpath check "
                         "--help)");
        rc = CHECK_UNKNOWN;
        goto out;
    }
    if (c.ds_file != NULL && (c.names.count != 1 || c.names.v[0].bad)) {
        tp_cli_error("check: --ds takes exactly one valid name");
        rc = CHECK_UNKNOWN;
        goto out;
    }
    r.total = c.names.count;
    r.progress = !c.quiet && isatty(STDERR_FILENO) && r.total > 1;
    r.ds_arena_anchors = tp_arena_new(0);
    if (r.ds_arena_anchors == NULL) {
        rc = CHECK_UNKNOWN;
        goto out;
    }
    if ((rc = setup(&r)) != CHECK_OK)
        goto out;
    if (c.ds_file != NULL && (rc = load_ds(&r, c.names.v[0].wire)) != CHECK_OK)
        goto out;
    r.out = check_out_new(c.fmt, stdout, c.warn_s, c.crit_s);
    if (r.out == NULL) {
        rc = CHECK_UNKNOWN;
        goto out;
    }
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    atomic_store(&g_stop, 0);
    g_exit_now = CHECK_UNKNOWN;
    sigaction(SIGINT, &sa, &old);
    if (r.total > c.batch && r.cap == NULL)
        batches_pipelined(&r);
    else
        batches_serial(&r);
    progress_clear(&r);
    rc =
        check_out_finish(r.out, r.total, atomic_load(&g_stop) != 0,
                         (int64_t)time(NULL), (double)(now_ms() - t0) / 1000.0);
    sigaction(SIGINT, &old, NULL);
    rc = check_worse(rc, input_rc);
out:
    check_out_free(r.out);
    tp_arena_free(r.ds_arena);
    tp_arena_free(r.ds_arena_anchors);
    free(r.hints);
    free(r.anchor_text);
    tp_cli_names_free(&c.names);
    tp_capture_free(r.cap);
    pthread_mutex_destroy(&r.out_lock);
    return rc;
}
