/* trustpath graph NAME... | -r CAPTURE [-T dot|svg|png|html] [-o FILE]
 * Draws the chain of trust of one or more names in one picture. The format
 * comes from -T, else from the extension of -o, else DOT. Also holds the
 * input pipeline shared with `print` (cmd_graph.h): probe the names now,
 * or read a capture, then analyze each name. */
#include "cmd_graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "trustpath/defaults.h"
#include "trustpath/probe.h"
#include "trustpath/render.h"
#include "trustpath/text.h"
#include "trustpath/wire.h"

#define MAX_TEXT   (4u * 1024u * 1024u)
#define MAX_OUTPUT (512u * 1024u * 1024u)

int tp_cli_render_option(int argc, char **argv, int *i, tp_cli_render_args_t *a)
{
    const char *opt = argv[*i];
    const char *val = *i + 1 < argc ? argv[*i + 1] : NULL;
    const char **slot = NULL;

    if (strcmp(opt, "-4") == 0 || strcmp(opt, "-6") == 0) {
        a->family = opt[1] - '0';
        return 1;
    }
    if (strcmp(opt, "-r") == 0)
        slot = &a->capture;
    else if (strcmp(opt, "--root-hints") == 0)
        slot = &a->hints_file;
    else if (strcmp(opt, "--trust-anchor") == 0)
        slot = &a->anchor_file;
    else if (strcmp(opt, "--at") == 0)
        slot = &a->at;
    else if (strcmp(opt, "-t") != 0 && strcmp(opt, "--warn-expiry") != 0 &&
             strcmp(opt, "--timeout") != 0)
        return 0;
    if (val == NULL) {
        tp_cli_error("option %s needs a value", opt);
        return TP_EXIT_USAGE;
    }
    (*i)++;
    if (slot != NULL) {
        *slot = val;
        return 1;
    }
    if (strcmp(opt, "-t") == 0) {
        if (a->type_count == TP_CLI_MAX_TYPES ||
            tp_type_from_text(val, strlen(val), &a->types[a->type_count]) !=
                TP_OK) {
            tp_cli_error("bad or too many types: '%s'", val);
            return TP_EXIT_USAGE;
        }
        a->type_count++;
        return 1;
    }
    if (strcmp(opt, "--timeout") == 0) {
        int64_t s;

        if (!tp_cli_parse_duration(val, &s) || s <= 0 || s > 600) {
            tp_cli_error("bad timeout '%s'", val);
            return TP_EXIT_USAGE;
        }
        a->timeout_ms = (uint32_t)(s * 1000);
        return 1;
    }
    if (!tp_cli_parse_duration(val, &a->warn_s)) {
        tp_cli_error("bad duration '%s'", val);
        return TP_EXIT_USAGE;
    }
    return 1;
}

/* A trustpath capture, or a DNSViz probe file (then the reference time is
 * DNSViz's analysis end). */
static int read_capture(const char *path, tp_cli_render_input_t *in)
{
    return tp_cli_load_capture(path, &in->cap, &in->reference_ms);
}

static int probe_names(const tp_cli_render_args_t *a, const uint8_t **names,
                       size_t count, tp_capture_t **cap)
{
    tp_probe_config_t cfg;
    char *hints = NULL, *anchors = NULL;
    size_t hl = 0, al = 0;
    int rc = TP_EXIT_OK;
    tp_err_t err;

    *cap = tp_capture_new();
    if (*cap == NULL)
        return TP_EXIT_FAIL;
    if (a->hints_file != NULL &&
        (hints = tp_cli_read_file(a->hints_file, MAX_TEXT, &hl)) == NULL)
        return TP_EXIT_INPUT;
    if (a->anchor_file != NULL &&
        (anchors = tp_cli_read_file(a->anchor_file, MAX_TEXT, &al)) == NULL) {
        free(hints);
        return TP_EXIT_INPUT;
    }
    tp_probe_config_init(&cfg);
    cfg.root_hints = hints != NULL ? hints : tp_default_root_hints();
    cfg.root_hints_len = hints != NULL ? hl : strlen(cfg.root_hints);
    cfg.trust_anchors = anchors != NULL ? anchors : tp_default_trust_anchor();
    cfg.trust_anchors_len = anchors != NULL ? al : strlen(cfg.trust_anchors);
    cfg.types = a->type_count != 0 ? a->types : NULL;
    cfg.type_count = a->type_count;
    if (a->family != 0) {
        cfg.ipv4 = a->family == 4;
        cfg.ipv6 = a->family == 6;
    }
    if (a->timeout_ms != 0)
        cfg.timeout_ms = a->timeout_ms;
    err = tp_probe_run(&cfg, names, count, *cap, NULL);
    if (err != TP_OK) {
        tp_cli_error("probe failed: %s", tp_err_str(err));
        rc = TP_EXIT_FAIL;
    }
    free(hints);
    free(anchors);
    return rc;
}

/* The names to analyze: the command line's, else the capture's. */
static int wire_names(const tp_cli_render_args_t *a, tp_arena_t *arena,
                      const uint8_t ***out, size_t *count)
{
    const uint8_t **names =
        tp_arena_array(arena, a->name_count + 1, sizeof(*names));

    if (names == NULL)
        return TP_EXIT_FAIL;
    for (size_t i = 0; i < a->name_count; i++) {
        uint8_t w[TP_NAME_MAX];
        size_t wl;

        if (tp_name_from_text(a->names[i], strlen(a->names[i]), NULL, w, &wl) !=
            TP_OK) {
            tp_cli_error("bad name '%s'", a->names[i]);
            return TP_EXIT_USAGE;
        }
        names[i] = tp_arena_memdup(arena, w, wl);
        if (names[i] == NULL)
            return TP_EXIT_FAIL;
    }
    *out = names;
    *count = a->name_count;
    return TP_EXIT_OK;
}

static int analyze_all(const tp_cli_render_args_t *a, const char *cmd,
                       const uint8_t *const *names, size_t count,
                       tp_cli_render_input_t *in)
{
    tp_rrlist_t anchors;
    tp_analysis_opts_t opts;
    time_t ref = (time_t)((in->reference_ms != 0 ? in->reference_ms
                                                 : in->cap->end_time_ms) /
                          1000);
    int rc;

    memset(&anchors, 0, sizeof(anchors));
    if (a->at != NULL && !tp_cli_parse_time(a->at, time(NULL), &ref)) {
        tp_cli_error("%s: bad time '%s'", cmd, a->at);
        return TP_EXIT_USAGE;
    }
    rc = tp_cli_load_anchors(a->anchor_file, in->cap->trust_anchors,
                             in->anchor_arena, &anchors);
    if (rc != TP_EXIT_OK)
        return rc;
    tp_analysis_opts_init(&opts, (int64_t)ref);
    opts.warn_expiry_s = a->warn_s;
    if (a->type_count != 0) {
        opts.types = a->types;
        opts.type_count = a->type_count;
    }
    if (tp_analyzer_new(in->cap, &anchors, &opts, &in->an) != TP_OK) {
        tp_cli_error("%s: cannot start the analysis", cmd);
        return TP_EXIT_FAIL;
    }
    in->analyses = tp_arena_array(in->arena, count + 1, sizeof(*in->analyses));
    if (in->analyses == NULL)
        return TP_EXIT_FAIL;
    for (size_t i = 0; i < count; i++) {
        tp_analysis_t *an = NULL;
        tp_err_t err = tp_analyzer_run(in->an, names[i], in->arena, &an);

        if (err != TP_OK) {
            tp_cli_error("%s: analysis failed: %s", cmd, tp_err_str(err));
            return TP_EXIT_FAIL;
        }
        in->analyses[in->count++] = an;
    }
    return TP_EXIT_OK;
}

int tp_cli_render_load(const tp_cli_render_args_t *a, const char *cmd,
                       tp_cli_render_input_t *in)
{
    const uint8_t **names = NULL;
    size_t count = 0;
    int rc;

    memset(in, 0, sizeof(*in));
    in->arena = tp_arena_new(0);
    in->anchor_arena = tp_arena_new(0);
    if (in->arena == NULL || in->anchor_arena == NULL)
        return TP_EXIT_FAIL;
    if (a->capture == NULL && a->name_count == 0) {
        tp_cli_error("%s: give names to probe or -r CAPTURE", cmd);
        return TP_EXIT_USAGE;
    }
    rc = wire_names(a, in->arena, &names, &count);
    if (rc == TP_EXIT_OK && a->capture != NULL)
        rc = read_capture(a->capture, in);
    else if (rc == TP_EXIT_OK)
        rc = probe_names(a, names, count, &in->cap);
    if (rc == TP_EXIT_OK && a->capture == NULL)
        in->reference_ms = in->cap->end_time_ms;
    if (rc != TP_EXIT_OK)
        return rc;
    if (count == 0) {
        names = (const uint8_t **)in->cap->names;
        count = in->cap->name_count;
    }
    if (count == 0) {
        tp_cli_error("%s: the capture names no name", cmd);
        return TP_EXIT_INPUT;
    }
    return analyze_all(a, cmd, names, count, in);
}

void tp_cli_render_free(tp_cli_render_input_t *in)
{
    tp_analyzer_free(in->an);
    tp_arena_free(in->arena);
    tp_arena_free(in->anchor_arena);
    tp_capture_free(in->cap);
    memset(in, 0, sizeof(*in));
}

static void graph_usage(FILE *out)
{
    fprintf(
        out,
        "usage: trustpath graph NAME... | -r CAPTURE [NAME...]\n"
        "                       [-T dot|svg|png|html] [-o FILE]\n"
        "                       [--root-hints FILE] [--trust-anchor FILE]\n"
        "                       [--at TIME] [--warn-expiry DUR] [-t TYPE]\n"
        "                       [-4|-6] [--timeout DUR] [--no-legend]\n"
        "Draws the chain of trust of the names (probed now, or read from\n"
        "CAPTURE) in one picture. The format is -T, else the extension of\n"
        "FILE, else dot. PNG goes to a file or a pipe, never a terminal.\n");
}

static int write_output(const char *path, const tp_buf_t *b)
{
    FILE *f = stdout;

    if (path != NULL && strcmp(path, "-") != 0 &&
        (f = fopen(path, "wb")) == NULL) {
        tp_cli_error("cannot write %s", path);
        return TP_EXIT_FAIL;
    }
    if (fwrite(b->data, 1, b->len, f) != b->len ||
        (f != stdout ? fclose(f) : fflush(f)) != 0) {
        tp_cli_error("cannot write %s", path != NULL ? path : "output");
        return TP_EXIT_FAIL;
    }
    return TP_EXIT_OK;
}

typedef struct graph_args {
    tp_cli_render_args_t in;
    const char *format, *out;
    bool no_legend;
} graph_args_t;

/* Returns -1 for --help (exit 0), else an exit code. */
static int parse(int argc, char **argv, graph_args_t *g)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = tp_cli_render_option(argc, argv, &i, &g->in);

        if (r > 1)
            return r;
        if (r == 1)
            continue;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            graph_usage(stdout);
            return -1;
        } else if ((strcmp(a, "-T") == 0 || strcmp(a, "-o") == 0) &&
                   i + 1 < argc) {
            *(a[1] == 'T' ? &g->format : &g->out) = argv[++i];
        } else if (strncmp(a, "-T", 2) == 0 && a[2] != '\0') {
            g->format = a + 2;
        } else if (strcmp(a, "--no-legend") == 0) {
            g->no_legend = true;
        } else if (a[0] == '-' && a[1] != '\0') {
            tp_cli_error("graph: unknown option '%s'", a);
            graph_usage(stderr);
            return TP_EXIT_USAGE;
        } else {
            g->in.names[g->in.name_count++] = a;
        }
    }
    return TP_EXIT_OK;
}

static int pick_format(const graph_args_t *g, tp_render_format_t *fmt)
{
    *fmt = TP_RENDER_DOT;
    if (g->format != NULL) {
        if (tp_render_format_parse(g->format, fmt) != TP_OK) {
            tp_cli_error("graph: unknown format '%s' (dot, svg, png, html)",
                         g->format);
            return TP_EXIT_USAGE;
        }
    } else if (g->out != NULL &&
               tp_render_format_from_path(g->out, fmt) != TP_OK) {
        *fmt = TP_RENDER_DOT;
    }
    return TP_EXIT_OK;
}

int tp_cmd_graph(int argc, char **argv)
{
    graph_args_t g;
    tp_cli_render_input_t in;
    tp_render_format_t fmt;
    tp_render_opts_t ro;
    tp_buf_t out;
    tp_err_t err;
    int rc;

    memset(&g, 0, sizeof(g));
    g.in.warn_s = 7 * 86400;
    g.in.names = calloc((size_t)argc + 1, sizeof(*g.in.names));
    if (g.in.names == NULL)
        return TP_EXIT_FAIL;
    rc = parse(argc, argv, &g);
    if (rc == TP_EXIT_OK)
        rc = pick_format(&g, &fmt);
    if (rc != TP_EXIT_OK) {
        free(g.in.names);
        return rc < 0 ? TP_EXIT_OK : rc;
    }
    if ((g.out == NULL || strcmp(g.out, "-") == 0) && fmt == TP_RENDER_PNG &&
        isatty(STDOUT_FILENO) == 1) {
        tp_cli_error("graph: PNG is binary; use -o FILE or a pipe");
        free(g.in.names);
        return TP_EXIT_USAGE;
    }
    rc = tp_cli_render_load(&g.in, "graph", &in);
    tp_buf_init(&out, MAX_OUTPUT);
    if (rc == TP_EXIT_OK) {
        tp_render_opts_init(&ro);
        ro.warn_expiry_s = g.in.warn_s;
        ro.legend = !g.no_legend;
        err = tp_render_graph(in.analyses, in.count, fmt, &ro, &out);
        if (err != TP_OK) {
            tp_cli_error("graph: cannot render %s: %s",
                         tp_render_format_name(fmt), tp_err_str(err));
            rc = TP_EXIT_FAIL;
        }
    }
    if (rc == TP_EXIT_OK)
        rc = write_output(g.out, &out);
    tp_buf_clear(&out);
    tp_cli_render_free(&in);
    tp_render_shutdown();
    free(g.in.names);
    return rc;
}
