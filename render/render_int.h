/* Internal interfaces of the render module: the status style table, the
 * "scene" (a neutral picture model built from an analysis: clusters, nodes,
 * edges, details), its Graphviz back end, the HTML page writer and the
 * terminal helpers. Only the files in render/ include this header. */
#ifndef TRUSTPATH_RENDER_INT_H
#define TRUSTPATH_RENDER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/analysis.h"
#include "trustpath/arena.h"
#include "trustpath/bytes.h"
#include "trustpath/err.h"
#include "trustpath/render.h"

/* ---- Status styles (style.c) -------------------------------------------
 * One table decides how each status looks everywhere: diagram, legend,
 * HTML and terminal. Colours are from the Okabe-Ito palette (safe for the
 * common colour-vision deficiencies) and every status also has its own line
 * style and width, so a grey print still tells them apart. */
typedef enum tp_rstat {
    TP_RS_SECURE,
    TP_RS_INSECURE,
    TP_RS_BOGUS,
    TP_RS_INDETERMINATE,
    TP_RS_EXPIRED,
    TP_RS_NEUTRAL, /* not judged (e.g. an unsigned RRset in an insecure zone) */
    TP_RS_COUNT
} tp_rstat_t;

typedef struct tp_style {
    const char *word;     /* "secure" */
    const char *meaning;  /* legend text */
    const char *color;    /* outline, edge and text colour "#RRGGBB" */
    const char *fill;     /* light tint for node backgrounds */
    const char *style;    /* Graphviz edge style: solid, dashed, dotted */
    const char *penwidth; /* Graphviz edge pen width */
    const char *symbol;   /* UTF-8 mark: check, cross, ... */
    char ascii;           /* the mark in plain ASCII */
    const char *ansi;     /* SGR parameters for terminals, "1;31" */
} tp_style_t;

/** Style of status s (any out-of-range value maps to NEUTRAL). Static. */
const tp_style_t *tp_style_of(tp_rstat_t s);
/** Style of the warning mark (a node or link that works but needs care). */
const tp_style_t *tp_style_warning(void);
/** Pen width of the failing link of a bogus chain. */
#define TP_STYLE_FAILING_PENWIDTH "4.5"
/** "worse" of two statuses for merging: bogus > expired > indeterminate >
 * insecure > secure > neutral. */
tp_rstat_t tp_rstat_worst(tp_rstat_t a, tp_rstat_t b);

/* ---- Scene (scene.c) -----------------------------------------------------
 * A picture of one or more analyses, independent of Graphviz. Nodes are
 * keyed by a stable id (merging duplicates); insertion order is kept, so
 * output is deterministic. Strings are owned by the scene's arena. */
typedef enum tp_snode_kind {
    TP_SN_DNSKEY,
    TP_SN_DS,
    TP_SN_RRSET,
    TP_SN_NODATA,
    TP_SN_NXDOMAIN,
    TP_SN_NSEC,
    TP_SN_NSEC3,
    TP_SN_NOTE /* a response-level problem without an RRset */
} tp_snode_kind_t;

enum {
    TP_SNF_TRUST_ANCHOR = 1u << 0,
    TP_SNF_REVOKED = 1u << 1,
    TP_SNF_MISSING = 1u << 2, /* referenced (DS/RRSIG) but not served */
    TP_SNF_SEP = 1u << 3,     /* KSK or CSK: drawn with a grey fill */
    TP_SNF_WARNING = 1u << 4,
    TP_SNF_ERROR = 1u << 5,
    TP_SNF_OPTOUT = 1u << 6
};

typedef enum tp_line_kind {
    TP_LINE_PLAIN,
    TP_LINE_DIM,
    TP_LINE_WARN,
    TP_LINE_BAD
} tp_line_kind_t;

#define TP_SCENE_LINES_MAX 8

typedef struct tp_sline {
    tp_line_kind_t kind;
    const char *text;
} tp_sline_t;

/* One key/value row of the details shown on click in the HTML page. */
typedef struct tp_skv {
    const char *key;
    const char *value;
    tp_line_kind_t kind;
    struct tp_skv *next;
} tp_skv_t;

typedef struct tp_scluster {
    const char *id;   /* "z_example.com." */
    const char *name; /* zone name as text */
    tp_rstat_t status;
    const char *subtitle; /* e.g. "delegation: secure" */
    unsigned depth;       /* labels: orders clusters root first */
} tp_scluster_t;

typedef struct tp_snode {
    const char *id;
    size_t cluster; /* index into clusters, or SIZE_MAX for none */
    tp_snode_kind_t kind;
    unsigned flags;
    tp_rstat_t status;
    const char *title;
    tp_sline_t lines[TP_SCENE_LINES_MAX];
    size_t line_count;
    tp_skv_t *details, *details_tail;
} tp_snode_t;

typedef enum tp_sedge_kind {
    TP_SE_DS_KEY,     /* DS matches DNSKEY */
    TP_SE_SIGNS,      /* DNSKEY signs an RRset, key or DS */
    TP_SE_PROOF,      /* NSEC/NSEC3 proves a negative answer */
    TP_SE_DELEGATION, /* parent zone to child zone */
    TP_SE_ORDER,      /* invisible: keeps a zone's nodes below its entry */
    TP_SE_ALIAS       /* CNAME -> its target */
} tp_sedge_kind_t;

typedef struct tp_sedge {
    size_t tail, head; /* node indexes */
    tp_sedge_kind_t kind;
    tp_rstat_t status;
    bool failing; /* the link that breaks a bogus chain */
    const char *label;
} tp_sedge_t;

typedef struct tp_scene {
    tp_arena_t *arena;
    tp_scluster_t *clusters;
    size_t cluster_count, cluster_cap;
    tp_snode_t *nodes;
    size_t node_count, node_cap;
    tp_sedge_t *edges;
    size_t edge_count, edge_cap;
    const char *title;
    bool legend;
} tp_scene_t;

TP_NODISCARD tp_err_t tp_scene_init(tp_scene_t *scene);
void tp_scene_clear(tp_scene_t *scene);
/** Copy a string into the scene's arena ("" for NULL). NULL on OOM. */
const char *tp_scene_str(tp_scene_t *scene, const char *s);
/** printf into the scene's arena. NULL on OOM. */
const char *tp_scene_fmt(tp_scene_t *scene, const char *fmt, ...)
    TP_PRINTF(2, 3);
/** Find or add the cluster of a zone; *index_out receives its index. */
TP_NODISCARD tp_err_t tp_scene_cluster(tp_scene_t *scene, const char *zone,
                                       unsigned depth, size_t *index_out);
/** Keep every zone below the zone above it: a node nothing points to (an
 * unsigned RRset) gets an invisible edge from its cluster's entry node
 * (the first one reached from another cluster). Call once, at the end. */
TP_NODISCARD tp_err_t tp_scene_order(tp_scene_t *scene);
/** Find the node with this id; returns its index or SIZE_MAX. */
size_t tp_scene_find(const tp_scene_t *scene, const char *id);
/** Find or add a node; *added_out (may be NULL) tells whether it is new.
 * A merged node keeps its first title and lines; its status becomes the
 * worst of both. */
TP_NODISCARD tp_err_t tp_scene_node(tp_scene_t *scene, const char *id,
                                    size_t cluster, tp_snode_kind_t kind,
                                    tp_rstat_t status, size_t *index_out,
                                    bool *added_out);
/** Append a label line (ignored beyond TP_SCENE_LINES_MAX; duplicates of an
 * existing line are dropped so merged nodes do not repeat themselves). */
TP_NODISCARD tp_err_t tp_scene_line(tp_scene_t *scene, size_t node,
                                    tp_line_kind_t kind, const char *text);
/** Append a details row (for the HTML view). */
TP_NODISCARD tp_err_t tp_scene_detail(tp_scene_t *scene, size_t node,
                                      const char *key, const char *value,
                                      tp_line_kind_t kind);
/** Add an edge, or merge it with an existing one of the same tail, head and
 * kind (the worse status wins; failing sticks). */
TP_NODISCARD tp_err_t tp_scene_edge(tp_scene_t *scene, size_t tail, size_t head,
                                    tp_sedge_kind_t kind, tp_rstat_t status,
                                    bool failing, const char *label);

/* ---- Graphviz back end (gv.c, legend.c) ---------------------------------- */
typedef enum tp_gv_format {
    TP_GV_DOT,
    TP_GV_SVG,
    TP_GV_PNG
} tp_gv_format_t;

/** Largest PNG side in pixels; larger drawings are scaled down. */
#define TP_GV_PNG_MAX_PX 4000
#define TP_GV_PNG_DPI    96

/** Lay out the scene with dot and render it to out (format bytes). */
TP_NODISCARD tp_err_t tp_gv_render(const tp_scene_t *scene,
                                   tp_gv_format_t format, tp_buf_t *out);
/** Free the process-wide Graphviz context (a later render makes a new one).
 */
void tp_gv_shutdown(void);

struct Agraph_s;
/** Add the legend cluster to graph g. */
TP_NODISCARD tp_err_t tp_gv_legend(struct Agraph_s *g);
/** Set a Graphviz attribute (copies are made by cgraph). */
void tp_gv_set(void *obj, const char *name, const char *value);

/* ---- HTML page (html.c) -----------------------------------------------
 * Neutral inputs so the page writer does not depend on the analysis
 * structures: graph.c fills them. */
typedef struct tp_hdiag {
    const char *code;     /* "RRSIG_EXPIRED" */
    const char *severity; /* "error", "warning", "notice" */
    const char *where;    /* zone or element, as text */
    const char *node;     /* scene node id it concerns, or NULL */
    const char *message;
    const char *fix;
    const char *rfc;
    const char *servers; /* "192.0.2.1, 192.0.2.2" or "" */
} tp_hdiag_t;

typedef struct tp_hname {
    const char *name;
    tp_rstat_t status;
    const char *reference_time;      /* ISO 8601 or "" */
    const char *earliest_expiration; /* ISO 8601 or "" */
    const char *expiry_note;         /* "expires in 2 days" or "" */
    const char *failing;             /* where a bogus chain breaks, or NULL */
    bool expiry_warning;
    const tp_hdiag_t *diags;
    size_t diag_count;
} tp_hname_t;

/** Write the self-contained page: summary, diagram (svg, as produced by
 * tp_gv_render), node details (from the scene) and diagnostics. */
TP_NODISCARD tp_err_t tp_html_page(const tp_scene_t *scene, tp_bytes_t svg,
                                   const tp_hname_t *names, size_t count,
                                   tp_buf_t *out);

/* ---- Text helpers (term.c) ----------------------------------------------- */
/** Append s with HTML/XML special characters escaped. */
TP_NODISCARD tp_err_t tp_buf_append_html(tp_buf_t *out, const char *s);
/** Append s as the body of a JSON string (no quotes), safe inside a
 * <script> element (escapes '<', '>' and '&'). */
TP_NODISCARD tp_err_t tp_buf_append_json(tp_buf_t *out, const char *s);
/** Append text in the status' terminal colour when color is true. */
TP_NODISCARD tp_err_t tp_term_put(tp_buf_t *out, bool color, const char *sgr,
                                  const char *text);
/** Append "<symbol> word" for a status, coloured when color is true; the
 * ASCII mark replaces the symbol when utf8 is false. */
TP_NODISCARD tp_err_t tp_term_status(tp_buf_t *out, bool color, bool utf8,
                                     tp_rstat_t s);
/** "expires in 2 days", "expired 3 hours ago": human distance between the
 * reference time and an expiry, written into buf. */
const char *tp_term_when(int64_t now, int64_t then, char *buf, size_t len);

/* ---- From analyses to scenes (graph.c, graph_links.c, render.c) ---------- */
typedef struct tp_gctx {
    tp_scene_t *s;
    const tp_analysis_t *a;
    const tp_render_opts_t *o;
    size_t *zone_cluster; /* analysis zone -> scene cluster */
    size_t bogus_zone;    /* first zone that breaks the chain, or NONE */
    const char *failing;  /* "DS 3000 ... -> KSK 3000: digest mismatch" */
    bool strict;          /* a signature or digest failure breaks it */
} tp_gctx_t;

tp_rstat_t tp_rstat_from_status(tp_status_t st);
tp_rstat_t tp_rstat_from_link(tp_link_status_t st);
/** "digest_mismatch" -> "digest mismatch" in buf. */
const char *tp_link_words(tp_link_status_t st, char *buf, size_t len);
/** Mnemonics copied into buf (16 bytes): "ECDSAP256SHA256", "SHA-256",
 * "DNSKEY" (or ALG<n> / DIGEST<n> / TYPE<n>). */
void tp_render_alg(uint8_t alg, char buf[16]);
void tp_render_digest(uint8_t digest, char buf[16]);
void tp_render_type(uint16_t type, char buf[16]);
/** Whether negative answer ni belongs in the picture: the name's own
 * negative answers, proofs of no DS and wildcard proofs; the zone-level
 * probes (random NXDOMAIN/NODATA names) are evidence, not the chain. */
bool tp_negative_shown(const tp_analysis_t *a, size_t ni);
/** Labels of a presentation-form name ("." is 0). */
unsigned tp_zone_depth(const char *name);
/** ISO 8601 UTC of Unix time t ("2026-11-22T00:00:00Z"). */
void tp_render_time(int64_t t, char buf[32]);
/** Scene node index of an analysis node (record: the NSEC/NSEC3 record
 * index for negative answers, selecting the proof node), or SIZE_MAX. */
size_t tp_graph_node(const tp_gctx_t *g, tp_an_node_t n, size_t record);
/** Add a label line and detail row about an expiration ("what" prefixes
 * the line); marks the node with a warning when within warn_s. */
TP_NODISCARD tp_err_t tp_graph_expiry(tp_scene_t *s, size_t node, int64_t now,
                                      int64_t warn_s, int64_t expiration,
                                      const char *what);
/** Earliest expiration among sigs (only those by key_index unless it is
 * TP_AN_NONE); 0 when there is none. */
int64_t tp_rrsig_earliest(const tp_an_rrsig_t *sigs, size_t count,
                          size_t key_index);
/** Dashed placeholder for a key an RRSIG or DS names but no server serves. */
TP_NODISCARD tp_err_t tp_graph_missing_key(tp_gctx_t *g, size_t zone,
                                           uint8_t alg, uint16_t tag,
                                           size_t *node_out);
/** Annotate node with its failing signatures and the servers that sent
 * them (at most three lines). */
TP_NODISCARD tp_err_t tp_graph_sig_notes(tp_gctx_t *g, size_t node,
                                         const tp_an_rrsig_t *sigs,
                                         size_t count);
/** Whether a link with a signature or digest failure breaks the chain (else
 * missing keys and unchecked links are the failing links). */
bool tp_graph_strict_failure(const tp_gctx_t *g);
TP_NODISCARD tp_err_t tp_graph_answers(tp_gctx_t *g);
TP_NODISCARD tp_err_t tp_graph_links(tp_gctx_t *g);
TP_NODISCARD tp_err_t tp_graph_diags(tp_gctx_t *g);
/** Add one analysis to the scene (zones, keys, DS, answers, links).
 * failing_out (may be NULL) receives a description of the link where a
 * bogus chain breaks, or NULL (scene-owned). */
TP_NODISCARD tp_err_t tp_scene_add_analysis(tp_scene_t *scene,
                                            const tp_analysis_t *a,
                                            const tp_render_opts_t *opts,
                                            const char **failing_out);

#endif /* TRUSTPATH_RENDER_INT_H */
