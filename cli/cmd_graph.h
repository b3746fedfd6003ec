/* What `graph` and `print` share: their common options and the way from
 * names (probed now) or a capture file (-r: a trustpath capture or a DNSViz
 * probe file, plain or gzip) to analyses ready to render. */
#ifndef TRUSTPATH_CLI_CMD_GRAPH_H
#define TRUSTPATH_CLI_CMD_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "trustpath/analysis.h"
#include "trustpath/capture.h"

#define TP_CLI_MAX_TYPES 32

typedef struct tp_cli_render_args {
    const char *capture;     /* -r CAPTURE, or NULL: probe the names */
    const char *hints_file;  /* --root-hints */
    const char *anchor_file; /* --trust-anchor */
    const char *at;          /* --at */
    int64_t warn_s;          /* --warn-expiry (default 7 days) */
    const char **names;      /* positional names (argv storage) */
    size_t name_count;
    uint16_t types[TP_CLI_MAX_TYPES]; /* -t TYPE */
    size_t type_count;
    uint32_t timeout_ms; /* --timeout (0 = probe default) */
    int family;          /* 4, 6 or 0 for both */
} tp_cli_render_args_t;

typedef struct tp_cli_render_input {
    tp_capture_t *cap;
    tp_arena_t *anchor_arena;
    tp_arena_t *arena; /* the analyses */
    tp_analyzer_t *an;
    const tp_analysis_t **analyses;
    size_t count;
    int64_t reference_ms; /* the capture's reference time (Unix ms) */
} tp_cli_render_input_t;

/** Consume the shared option at argv[*i] (advancing *i past its value).
 * Returns 1 when consumed, 0 when it is not a shared option, or an exit
 * code > 1 after printing an error (TP_EXIT_USAGE). */
int tp_cli_render_option(int argc, char **argv, int *i,
                         tp_cli_render_args_t *a);

/** Probe or read, then analyze every name. Returns an exit code (0 on
 * success) after printing one message on failure. */
int tp_cli_render_load(const tp_cli_render_args_t *a, const char *cmd,
                       tp_cli_render_input_t *out);

/** Free everything tp_cli_render_load made. */
void tp_cli_render_free(tp_cli_render_input_t *in);

#endif /* TRUSTPATH_CLI_CMD_GRAPH_H */
