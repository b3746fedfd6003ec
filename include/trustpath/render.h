/* Rendering analyses for people: the chain-of-trust diagram (DOT, SVG, PNG
 * through Graphviz, in process), a self-contained HTML report, and the
 * terminal view of `trustpath print`. Output goes into a caller's buffer;
 * nothing here reads files, the network or the clock. Output is
 * deterministic for the same input (tests compare it structurally). */
#ifndef TRUSTPATH_RENDER_H
#define TRUSTPATH_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/analysis.h"
#include "trustpath/bytes.h"
#include "trustpath/err.h"

typedef enum {
    TP_RENDER_DOT = 0, /* Graphviz source, before layout */
    TP_RENDER_SVG,
    TP_RENDER_PNG, /* at most 4000 pixels a side */
    TP_RENDER_HTML /* one file: summary, inline SVG, details, diagnostics */
} tp_render_format_t;

typedef struct tp_render_opts {
    /* Signatures expiring within this many seconds of the reference time
     * are drawn in warning style ("expires in 2 days"). Default 7 days. */
    int64_t warn_expiry_s;
    bool legend; /* draw the legend in the picture (default true) */
    bool color;  /* terminal view: ANSI colours (default false) */
    bool utf8;   /* terminal view: symbols rather than ASCII (default true) */
    const char *title; /* picture title; NULL: the names */
} tp_render_opts_t;

/** Fill opts with the defaults above. */
void tp_render_opts_init(tp_render_opts_t *opts);

/** "dot", "svg", "png", "html" (case-insensitive); TP_ESYNTAX otherwise. */
TP_NODISCARD tp_err_t tp_render_format_parse(const char *text,
                                             tp_render_format_t *out);
/** The format named by a file name's extension (".svg", ".htm", ...);
 * TP_ENOTFOUND when the extension names none. */
TP_NODISCARD tp_err_t tp_render_format_from_path(const char *path,
                                                 tp_render_format_t *out);
/** "dot", "svg", "png", "html". */
const char *tp_render_format_name(tp_render_format_t format);

/** Draw count analyses in one picture (zones, keys and DS records shared by
 * several names are drawn once) and append it to out in format. opts may be
 * NULL for the defaults. TP_EINVAL for bad arguments, TP_ENOSPACE when out's
 * maximum is too small, TP_EUNSUPPORTED when Graphviz lacks the layout or
 * the renderer. */
TP_NODISCARD tp_err_t tp_render_graph(const tp_analysis_t *const *analyses,
                                      size_t count, tp_render_format_t format,
                                      const tp_render_opts_t *opts,
                                      tp_buf_t *out);

/** The terminal view: per name, the chain as an indented tree from the
 * trust anchor down to the answer, with status words and symbols and each
 * diagnostic under the element it concerns. Colour only with opts->color. */
TP_NODISCARD tp_err_t tp_render_text(const tp_analysis_t *const *analyses,
                                     size_t count, const tp_render_opts_t *opts,
                                     tp_buf_t *out);

/** Release the process-wide Graphviz context (optional, at exit). */
void tp_render_shutdown(void);

#endif /* TRUSTPATH_RENDER_H */
