/* trustpath probe NAME... [-f FILE] [-o CAPTURE] [--root-hints FILE]
 *   [--trust-anchor FILE] [-t TYPE]... [-4|-6] [--timeout MS]
 *   [--retries N] [--deadline S] [--compact] [-q] [-v]
 * Collects a capture (docs/capture.md) with the probe. Exit status 0, or
 * PROBE_EXIT_INCOMPLETE when the capture was written but a bound of the
 * probe (deadline, query cap, ...) stopped part of the walk. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "trustpath/capture.h"
#include "trustpath/defaults.h"
#include "trustpath/probe.h"
#include "trustpath/text.h"
#include "trustpath/wire.h"

/* The capture was written, but a bound stopped part of the walk (the
 * value `check` uses for UNKNOWN). */
#define PROBE_EXIT_INCOMPLETE TP_EXIT_INCOMPLETE

#define MAX_NAMES      100000
#define MAX_TYPES      32
#define MAX_INPUT_FILE (16u << 20)

enum {
    OPT_ROOT_HINTS = 256,
    OPT_TRUST_ANCHOR,
    OPT_TIMEOUT,
    OPT_RETRIES,
    OPT_DEADLINE,
    OPT_COMPACT
};

typedef struct probe_args {
    const char *names_file;
    const char *input; /* -r: convert this capture file, probe nothing */
    const char *output;
    const char *root_hints_file;
    const char *anchor_file;
    uint16_t types[MAX_TYPES];
    size_t type_count;
    bool only4, only6, compact, quiet, verbose;
    long timeout_ms, retries, deadline_s;
} probe_args_t;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: trustpath probe NAME... [-f FILE] [-o CAPTURE]\n"
            "         [--root-hints FILE] [--trust-anchor FILE] [-t TYPE]...\n"
            "         [-4|-6] [--timeout MS] [--retries N] [--deadline S]\n"
            "         [--compact] [-q] [-v]\n"
            "       trustpath probe -r FILE [-o CAPTURE] [--compact]\n"
            "\n"
            "Walk from the root to each NAME and ask every server of every\n"
            "zone on the way; write the capture (JSON) to CAPTURE or stdout.\n"
            "  -f FILE            more names, one per line ('#' comments)\n"
            "  -t TYPE            type to ask at each name (default A, AAAA)\n"
            "  -4 / -6            IPv4 / IPv6 servers only\n"
            "  --timeout MS       per attempt (default 1000)\n"
            "  --retries N        after a timeout (default 2)\n"
            "  --deadline S       time budget per name (default 30)\n"
            "  --compact          one-line JSON\n"
            "  -q                 no progress line; -v prints totals\n"
            "  -r FILE            probe nothing: convert FILE (a DNSViz probe\n"
            "                     file, plain or gzip, or a capture) to a\n"
            "                     capture\n"
            "\n"
            "Bounds (recorded in the capture's \"limits_hit\"): the deadline,\n"
            "4000 queries per name, 24 zone cuts, CNAME chains of 8, 13 NS\n"
            "names per zone, 64 MiB of responses. Exit status: 0 done, 3 the\n"
            "capture was written but a bound stopped part of the walk, 1\n"
            "failure, 64 usage, 65 bad input.\n");
}

static bool parse_long(const char *text, long min, long max, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static int parse_args(int argc, char **argv, probe_args_t *a)
{
    static const struct option longopts[] = {
        {"root-hints", required_argument, NULL, OPT_ROOT_HINTS},
        {"trust-anchor", required_argument, NULL, OPT_TRUST_ANCHOR},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"retries", required_argument, NULL, OPT_RETRIES},
        {"deadline", required_argument, NULL, OPT_DEADLINE},
        {"compact", no_argument, NULL, OPT_COMPACT},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:r:t:46qvh", longopts, NULL)) !=
           -1) {
        switch (c) {
        case 'f':
            a->names_file = optarg;
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'r':
            a->input = optarg;
            break;
        case OPT_ROOT_HINTS:
            a->root_hints_file = optarg;
            break;
        case OPT_TRUST_ANCHOR:
            a->anchor_file = optarg;
            break;
        case '4':
            a->only4 = true;
            break;
        case '6':
            a->only6 = true;
            break;
        case 'q':
            a->quiet = true;
            break;
        case 'v':
            a->verbose = true;
            break;
        case OPT_COMPACT:
            a->compact = true;
            break;
        case 't':
            if (a->type_count == MAX_TYPES ||
                tp_type_from_text(optarg, strlen(optarg),
                                  &a->types[a->type_count]) != TP_OK) {
                tp_cli_error("-t %s: unknown record type", optarg);
                return TP_EXIT_USAGE;
            }
            a->type_count++;
            break;
        case OPT_TIMEOUT:
            if (!parse_long(optarg, 1, 600000, &a->timeout_ms)) {
                tp_cli_error("--timeout %s: expected 1..600000 ms", optarg);
                return TP_EXIT_USAGE;
            }
            break;
        case OPT_RETRIES:
            if (!parse_long(optarg, 0, 10, &a->retries)) {
                tp_cli_error("--retries %s: expected 0..10", optarg);
                return TP_EXIT_USAGE;
            }
            break;
        case OPT_DEADLINE:
            if (!parse_long(optarg, 1, 3600, &a->deadline_s)) {
                tp_cli_error("--deadline %s: expected 1..3600 s", optarg);
                return TP_EXIT_USAGE;
            }
            break;
        case 'h':
            usage(stdout);
            return -1;
        default:
            usage(stderr);
            return TP_EXIT_USAGE;
        }
    }
    if (a->only4 && a->only6) {
        tp_cli_error("-4 and -6 exclude each other");
        return TP_EXIT_USAGE;
    }
    return TP_EXIT_OK;
}

/* Names from the command line and the -f file (shared with check). A bad
 * name has been reported with its file and line; probe refuses to start. */
static int collect_names(int argc, char **argv, const char *file,
                         tp_cli_names_t *names, const uint8_t ***wires)
{
    for (int i = optind; i < argc; i++)
        if (!tp_cli_names_add(names, argv[i], strlen(argv[i]), NULL, 0))
            goto oom;
    if (file != NULL && !tp_cli_names_read(names, file))
        return TP_EXIT_INPUT;
    if (names->count > MAX_NAMES) {
        tp_cli_error("more than %d names", MAX_NAMES);
        return TP_EXIT_USAGE;
    }
    if (names->count == 0) {
        tp_cli_error("no name to probe (see trustpath probe --help)");
        return TP_EXIT_USAGE;
    }
    *wires = malloc(names->count * sizeof(**wires));
    if (*wires == NULL)
        goto oom;
    for (size_t i = 0; i < names->count; i++) {
        if (names->v[i].bad)
            return TP_EXIT_INPUT;
        (*wires)[i] = names->v[i].wire;
    }
    return TP_EXIT_OK;
oom:
    tp_cli_error("out of memory");
    return TP_EXIT_FAIL;
}

/* Read a zone-file option (or take the built-in text) and check it parses,
 * so a bad file is reported with its line number. */
static char *load_zone_text(const char *path, const char *builtin,
                            size_t *len_out, int *rc)
{
    static const uint8_t root[1] = {0};
    tp_arena_t *arena = tp_arena_new(0);
    tp_rrlist_t rrs = {0};
    tp_text_error_t terr = {0};
    char *text;
    size_t len;

    if (path != NULL)
        text = tp_cli_read_file(path, MAX_INPUT_FILE, &len);
    else if ((text = strdup(builtin)) != NULL)
        len = strlen(text);
    if (text == NULL || arena == NULL) {
        *rc = path != NULL ? TP_EXIT_INPUT : TP_EXIT_FAIL;
        tp_arena_free(arena);
        free(text);
        return NULL;
    }
    if (tp_zone_parse(text, len, root, 3600, arena, &rrs, &terr) != TP_OK) {
        tp_cli_error("%s:%u: %s", path != NULL ? path : "(built-in)", terr.line,
                     terr.message);
        *rc = TP_EXIT_INPUT;
        free(text);
        text = NULL;
    }
    tp_arena_free(arena);
    *len_out = len;
    return text;
}

static void on_progress(void *arg, const tp_probe_progress_t *p)
{
    (void)arg;
    fprintf(stderr,
            "\rprobe: %zu queries, %zu in flight, %zu zones, "
            "%zu servers, %.1f s%s",
            p->completed, p->in_flight + p->queued, p->zones, p->servers,
            (double)p->elapsed_ms / 1000.0,
            p->event != NULL && strcmp(p->event, "done") == 0 ? "\n" : "   ");
}

static int write_capture(const tp_capture_t *cap, const probe_args_t *a)
{
    tp_buf_t out;
    FILE *f;
    bool to_stdout = a->output == NULL || strcmp(a->output, "-") == 0;
    int rc = TP_EXIT_OK;

    tp_buf_init(&out, SIZE_MAX / 2);
    if (tp_capture_to_json(cap, !a->compact, &out) != TP_OK) {
        tp_cli_error("cannot serialise the capture: out of memory");
        tp_buf_clear(&out);
        return TP_EXIT_FAIL;
    }
    f = to_stdout ? stdout : fopen(a->output, "wb");
    if (f != NULL) {
        bool ok = fwrite(out.data, 1, out.len, f) == out.len;
        ok = (to_stdout ? fflush(f) : fclose(f)) == 0 && ok;
        if (!ok)
            f = NULL;
    }
    if (f == NULL) {
        tp_cli_error("cannot write %s: %s", to_stdout ? "stdout" : a->output,
                     strerror(errno));
        rc = TP_EXIT_FAIL;
    }
    tp_buf_clear(&out);
    return rc;
}

int tp_cmd_probe(int argc, char **argv)
{
    probe_args_t a = {.timeout_ms = 1000, .retries = 2, .deadline_s = 30};
    tp_probe_config_t cfg;
    tp_probe_stats_t stats;
    tp_capture_t *cap = NULL;
    tp_cli_names_t names = {0};
    const uint8_t **wires = NULL;
    size_t hints_len = 0, anchor_len = 0;
    char *hints = NULL, *anchor = NULL;
    tp_err_t err;
    int rc = parse_args(argc, argv, &a);

    if (rc != TP_EXIT_OK)
        return rc < 0 ? TP_EXIT_OK : rc;
    if (a.input != NULL) { /* -r: convert, e.g. a DNSViz file */
        if (optind < argc || a.names_file != NULL) {
            tp_cli_error("-r FILE takes no names to probe");
            return TP_EXIT_USAGE;
        }
        rc = tp_cli_load_capture(a.input, &cap, NULL);
        if (rc == TP_EXIT_OK)
            rc = write_capture(cap, &a);
        tp_capture_free(cap);
        return rc;
    }
    rc = collect_names(argc, argv, a.names_file, &names, &wires);
    if (rc == TP_EXIT_OK)
        hints = load_zone_text(a.root_hints_file, tp_default_root_hints(),
                               &hints_len, &rc);
    if (rc == TP_EXIT_OK)
        anchor = load_zone_text(a.anchor_file, tp_default_trust_anchor(),
                                &anchor_len, &rc);
    if (rc == TP_EXIT_OK && (cap = tp_capture_new()) == NULL) {
        tp_cli_error("out of memory");
        rc = TP_EXIT_FAIL;
    }
    if (rc != TP_EXIT_OK)
        goto out;
    if (tp_capture_set_tool(cap, "trustpath " TP_VERSION) != TP_OK)
        goto oom;
    tp_probe_config_init(&cfg);
    cfg.root_hints = hints;
    cfg.root_hints_len = hints_len;
    cfg.trust_anchors = anchor;
    cfg.trust_anchors_len = anchor_len;
    cfg.types = a.type_count != 0 ? a.types : NULL;
    cfg.type_count = a.type_count;
    cfg.ipv4 = !a.only6;
    cfg.ipv6 = !a.only4;
    cfg.timeout_ms = (uint32_t)a.timeout_ms;
    cfg.retries = (uint32_t)a.retries;
    cfg.deadline_ms = (uint32_t)a.deadline_s * 1000u;
    if (!a.quiet && isatty(STDERR_FILENO))
        cfg.progress = on_progress;
    err = tp_probe_run(&cfg, wires, names.count, cap, &stats);
    if (err == TP_ESYNTAX) {
        tp_cli_error("%s: no usable root server address%s",
                     a.root_hints_file ? a.root_hints_file : "root hints",
                     a.only4 || a.only6 ? " for this address family" : "");
        rc = TP_EXIT_INPUT;
        goto out;
    }
    if (err != TP_OK) {
        tp_cli_error("probe failed: %s", tp_err_str(err));
        rc = TP_EXIT_FAIL;
        goto out;
    }
    if (a.verbose)
        fprintf(stderr,
                "probe: names=%zu queries=%zu attempts=%zu responses=%zu "
                "timeouts=%zu tcp=%zu dropped=%zu skipped=%zu zones=%zu "
                "servers=%zu elapsed_ms=%.1f%s\n",
                names.count, stats.queries, stats.attempts, stats.responses,
                stats.timeouts, stats.tcp, stats.dropped, stats.skipped,
                stats.zones, stats.servers, (double)stats.elapsed_us / 1000.0,
                stats.deadline_hit ? " deadline=hit" : "");
    if (stats.deadline_hit)
        tp_cli_warn("deadline of %ld s per name reached: the capture is "
                    "incomplete",
                    a.deadline_s);
    for (size_t i = 0; i < cap->limits_hit_count; i++)
        if (strcmp(cap->limits_hit[i], TP_CAPTURE_LIMIT_DEADLINE) != 0)
            tp_cli_warn("probe bound hit: %s (the capture is incomplete)",
                        cap->limits_hit[i]);
    rc = write_capture(cap, &a);
    if (rc == TP_EXIT_OK && cap->limits_hit_count != 0)
        rc = PROBE_EXIT_INCOMPLETE;
    goto out;
oom:
    tp_cli_error("out of memory");
    rc = TP_EXIT_FAIL;
out:
    tp_capture_free(cap);
    free(wires);
    tp_cli_names_free(&names);
    free(hints);
    free(anchor);
    return rc;
}
