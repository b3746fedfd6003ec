/* Graphviz back end: turns a scene into a cgraph graph (one cluster per
 * zone, root at the top), lays it out with dot in process and renders DOT,
 * SVG or PNG into memory. One gvContext serves the whole process. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "render_int.h"

#define GV_FONT      "DejaVu Sans"
#define GV_DIM_COLOR "#5F5F5F"
#define GV_MAX_OUT   (256u * 1024u * 1024u)

static GVC_t *gv_context;

/* Graphviz 2.42 takes char * for strings it only reads or copies. */
static char *mut(const char *s)
{
    return (char *)(uintptr_t)s;
}

void tp_gv_set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, mut(name), mut(value), mut(""));
}

static void set_html(Agraph_t *g, void *obj, const char *name, const char *html)
{
    char *h = agstrdup_html(g, mut(html));

    agsafeset(obj, mut(name), h, mut(""));
    agstrfree(g, h);
}

void tp_gv_shutdown(void)
{
    if (gv_context != NULL)
        gvFreeContext(gv_context);
    gv_context = NULL;
}

static tp_err_t line_html(tp_buf_t *b, const tp_sline_t *line)
{
    const tp_style_t *w = tp_style_warning();
    const tp_style_t *bad = tp_style_of(TP_RS_BOGUS);
    tp_err_t err = TP_OK;

    switch (line->kind) {
    case TP_LINE_PLAIN:
        err = tp_buf_append_str(b, "<TR><TD>");
        break;
    case TP_LINE_DIM:
        err = tp_buf_printf(b, "<TR><TD><FONT COLOR=\"%s\" POINT-SIZE=\"9\">",
                            GV_DIM_COLOR);
        break;
    case TP_LINE_WARN:
        err = tp_buf_printf(b, "<TR><TD><FONT COLOR=\"%s\"><B>%s ", w->color,
                            w->symbol);
        break;
    case TP_LINE_BAD:
        err = tp_buf_printf(b, "<TR><TD><FONT COLOR=\"%s\"><B>%s ", bad->color,
                            bad->symbol);
        break;
    }
    if (err == TP_OK)
        err = tp_buf_append_html(b, line->text);
    if (err != TP_OK)
        return err;
    if (line->kind == TP_LINE_WARN || line->kind == TP_LINE_BAD)
        return tp_buf_append_str(b, "</B></FONT></TD></TR>");
    if (line->kind == TP_LINE_DIM)
        return tp_buf_append_str(b, "</FONT></TD></TR>");
    return tp_buf_append_str(b, "</TD></TR>");
}

/* The node label: a bold title with the status mark, then the lines. */
static tp_err_t node_label(const tp_snode_t *n, tp_buf_t *b)
{
    const tp_style_t *st = tp_style_of(n->status);
    tp_err_t err;

    err = tp_buf_append_str(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                               "CELLSPACING=\"0\" CELLPADDING=\"1\"><TR><TD>");
    if (err == TP_OK && n->status != TP_RS_NEUTRAL)
        err = tp_buf_printf(b, "<FONT COLOR=\"%s\">%s</FONT> ", st->color,
                            st->symbol);
    if (err == TP_OK && (n->flags & TP_SNF_WARNING) != 0)
        err = tp_buf_printf(b, "<FONT COLOR=\"%s\">%s</FONT> ",
                            tp_style_warning()->color,
                            tp_style_warning()->symbol);
    if (err == TP_OK)
        err = tp_buf_append_str(b, "<B>");
    if (err == TP_OK)
        err = tp_buf_append_html(b, n->title);
    if (err == TP_OK)
        err = tp_buf_append_str(b, "</B></TD></TR>");
    for (size_t i = 0; err == TP_OK && i < n->line_count; i++)
        err = line_html(b, &n->lines[i]);
    if (err == TP_OK)
        err = tp_buf_append_str(b, "</TABLE>");
    return err;
}

static const char *node_shape(const tp_snode_t *n)
{
    switch (n->kind) {
    case TP_SN_DNSKEY:
    case TP_SN_DS:
        return "ellipse";
    case TP_SN_NSEC:
    case TP_SN_NSEC3:
        return "note";
    case TP_SN_NOTE:
        return "plaintext";
    case TP_SN_RRSET:
    case TP_SN_NODATA:
    case TP_SN_NXDOMAIN:
        break;
    }
    return "box";
}

static void node_style(const tp_snode_t *n, Agnode_t *an)
{
    const tp_style_t *st = tp_style_of(n->status);
    bool missing = (n->flags & TP_SNF_MISSING) != 0;
    bool dashed =
        missing || n->kind == TP_SN_NODATA || n->kind == TP_SN_NXDOMAIN;
    bool rounded = n->kind != TP_SN_DNSKEY && n->kind != TP_SN_DS;
    char style[64];

    snprintf(style, sizeof(style), "filled%s%s", rounded ? ",rounded" : "",
             dashed ? ",dashed" : "");
    tp_gv_set(an, "style", style);
    tp_gv_set(an, "shape", node_shape(n));
    tp_gv_set(an, "color", missing ? GV_DIM_COLOR : st->color);
    tp_gv_set(an, "fillcolor", missing ? "#FFFFFF" : st->fill);
    if ((n->flags & TP_SNF_SEP) != 0 && !missing)
        tp_gv_set(an, "fillcolor", "#E6E6E6");
    tp_gv_set(an, "penwidth",
              (n->flags & TP_SNF_REVOKED) != 0 ? "4"
              : n->status == TP_RS_BOGUS       ? "2.5"
                                               : "1.5");
    if ((n->flags & TP_SNF_TRUST_ANCHOR) != 0)
        tp_gv_set(an, "peripheries", "2");
    if ((n->flags & TP_SNF_OPTOUT) != 0)
        tp_gv_set(an, "fillcolor", "#DDDDDD");
    tp_gv_set(an, "id", n->id);
}

static tp_err_t add_nodes(const tp_scene_t *scene, Agraph_t *g, Agraph_t *top,
                          Agraph_t **sub, Agnode_t **nodes)
{
    tp_buf_t label;
    tp_err_t err = TP_OK;

    tp_buf_init(&label, 1u << 20);
    for (size_t i = 0; err == TP_OK && i < scene->node_count; i++) {
        const tp_snode_t *n = &scene->nodes[i];
        Agraph_t *parent =
            n->cluster < scene->cluster_count ? sub[n->cluster] : top;

        nodes[i] = agnode(parent, mut(n->id), 1);
        if (nodes[i] == NULL) {
            err = TP_ENOMEM;
            break;
        }
        tp_buf_reset(&label);
        err = node_label(n, &label);
        if (err == TP_OK) {
            set_html(g, nodes[i], "label", tp_buf_str(&label));
            node_style(n, nodes[i]);
        }
    }
    tp_buf_clear(&label);
    return err;
}

/* "<b>zone</b>  <mark> zone status" over dim subtitle lines, left aligned. */
static tp_err_t cluster_label(const tp_scluster_t *c, tp_buf_t *b)
{
    const tp_style_t *st = tp_style_of(c->status);
    tp_err_t err;

    err = tp_buf_append_str(b, "<TABLE BORDER=\"0\" CELLPADDING=\"1\" "
                               "CELLSPACING=\"0\"><TR><TD ALIGN=\"LEFT\"><B>");
    if (err == TP_OK)
        err = tp_buf_append_html(b, c->name);
    if (err == TP_OK && strcmp(c->name, ".") == 0)
        err = tp_buf_append_str(b, " (root)");
    if (err == TP_OK)
        err = tp_buf_append_str(b, "</B>");
    if (err == TP_OK && c->status != TP_RS_NEUTRAL)
        err = tp_buf_printf(b, "  <FONT COLOR=\"%s\">%s zone %s</FONT>",
                            st->color, st->symbol, st->word);
    if (err == TP_OK)
        err = tp_buf_append_str(b, "</TD></TR>");
    for (const char *p = c->subtitle != NULL ? c->subtitle : "";
         err == TP_OK && *p != '\0';) {
        size_t n = strcspn(p, "\n");
        char part[512];

        snprintf(part, sizeof(part), "%.*s", (int)n, p);
        err = tp_buf_printf(b,
                            "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" "
                            "COLOR=\"%s\">",
                            GV_DIM_COLOR);
        if (err == TP_OK)
            err = tp_buf_append_html(b, part);
        if (err == TP_OK)
            err = tp_buf_append_str(b, "</FONT></TD></TR>");
        p += n;
        if (*p == '\n')
            p++;
    }
    if (err == TP_OK)
        err = tp_buf_append_str(b, "</TABLE>");
    return err;
}

static tp_err_t add_clusters(const tp_scene_t *scene, Agraph_t *g,
                             Agraph_t *top, Agraph_t **sub)
{
    tp_buf_t b;
    tp_err_t err = TP_OK;

    tp_buf_init(&b, 1u << 16);
    for (size_t i = 0; err == TP_OK && i < scene->cluster_count; i++) {
        const tp_scluster_t *c = &scene->clusters[i];
        const tp_style_t *st = tp_style_of(c->status);
        char name[64];

        snprintf(name, sizeof(name), "cluster_%zu", i);
        sub[i] = agsubg(top, name, 1);
        if (sub[i] == NULL) {
            err = TP_ENOMEM;
            break;
        }
        tp_buf_reset(&b);
        err = cluster_label(c, &b);
        if (err != TP_OK)
            break;
        set_html(g, sub[i], "label", tp_buf_str(&b));
        tp_gv_set(sub[i], "id", c->id);
        tp_gv_set(sub[i], "style", "rounded,filled");
        tp_gv_set(sub[i], "color", st->color);
        tp_gv_set(sub[i], "pencolor", st->color);
        tp_gv_set(sub[i], "labelloc", "t");
        tp_gv_set(sub[i], "fontsize", "12");
        tp_gv_set(sub[i], "fillcolor", "#FCFCFC");
        tp_gv_set(sub[i], "penwidth", c->status == TP_RS_BOGUS ? "2" : "1");
        tp_gv_set(sub[i], "labeljust", "l");
    }
    tp_buf_clear(&b);
    return err;
}

static void edge_style(const tp_sedge_t *e, Agedge_t *ae)
{
    const tp_style_t *st = tp_style_of(e->status);
    char label[512];

    tp_gv_set(ae, "color", st->color);
    tp_gv_set(ae, "style", st->style);
    tp_gv_set(ae, "penwidth", st->penwidth);
    tp_gv_set(ae, "class", st->word);
    if (e->kind == TP_SE_PROOF)
        tp_gv_set(ae, "arrowhead", "odot");
    if (e->kind == TP_SE_DS_KEY)
        tp_gv_set(ae, "arrowhead", "empty");
    label[0] = '\0';
    if (e->label != NULL)
        snprintf(label, sizeof(label), "%s", e->label);
    if (e->failing) {
        const tp_style_t *bad = tp_style_of(TP_RS_BOGUS);

        tp_gv_set(ae, "color", bad->color);
        tp_gv_set(ae, "style", "bold");
        tp_gv_set(ae, "penwidth", TP_STYLE_FAILING_PENWIDTH);
        tp_gv_set(ae, "class", "failing");
        tp_gv_set(ae, "fontcolor", bad->color);
        snprintf(label, sizeof(label), "%s %s", bad->symbol,
                 e->label != NULL && e->label[0] != '\0' ? e->label
                                                         : "chain breaks here");
    }
    if (label[0] != '\0') {
        tp_gv_set(ae, "label", label);
        if (!e->failing)
            tp_gv_set(ae, "fontcolor", st->color);
    }
}

static tp_err_t add_edges(const tp_scene_t *scene, Agraph_t *g,
                          Agnode_t **nodes)
{
    for (size_t i = 0; i < scene->edge_count; i++) {
        const tp_sedge_t *e = &scene->edges[i];
        char name[32];
        Agedge_t *ae;

        snprintf(name, sizeof(name), "e%zu", i);
        ae = agedge(g, nodes[e->tail], nodes[e->head], name, 1);
        if (ae == NULL)
            return TP_ENOMEM;
        edge_style(e, ae);
        tp_gv_set(ae, "id", name);
        if (e->kind == TP_SE_ORDER)
            tp_gv_set(ae, "style", "invis");
        if (e->kind == TP_SE_DELEGATION &&
            scene->nodes[e->head].cluster < scene->cluster_count) {
            char lhead[32];

            snprintf(lhead, sizeof(lhead), "cluster_%zu",
                     scene->nodes[e->head].cluster);
            tp_gv_set(ae, "lhead", lhead);
        }
        if (e->kind == TP_SE_DELEGATION) {
            tp_gv_set(ae, "arrowhead", "none");
            tp_gv_set(ae, "minlen", "2");
        }
    }
    return TP_OK;
}

static void graph_defaults(Agraph_t *g)
{
    tp_gv_set(g, "rankdir", "TB");
    tp_gv_set(g, "compound", "true");
    tp_gv_set(g, "newrank", "true");
    tp_gv_set(g, "nodesep", "0.3");
    tp_gv_set(g, "ranksep", "0.45");
    tp_gv_set(g, "fontname", GV_FONT);
    tp_gv_set(g, "fontsize", "12");
    tp_gv_set(g, "bgcolor", "white");
    tp_gv_set(g, "pad", "0.2");
    agattr(g, AGNODE, mut("fontname"), mut(GV_FONT));
    agattr(g, AGNODE, mut("fontsize"), mut("11"));
    agattr(g, AGNODE, mut("margin"), mut("0.12,0.04"));
    agattr(g, AGEDGE, mut("fontname"), mut(GV_FONT));
    agattr(g, AGEDGE, mut("fontsize"), mut("10"));
    agattr(g, AGEDGE, mut("arrowsize"), mut("0.8"));
}

/* The title sits above the chain: an outer cluster without a border holds
 * the zones (the graph's own label is the legend, at the bottom). */
static tp_err_t title_cluster(const tp_scene_t *scene, Agraph_t *g,
                              Agraph_t **top)
{
    if (scene->title == NULL || scene->title[0] == '\0') {
        *top = g;
        return TP_OK;
    }
    *top = agsubg(g, mut("cluster_title"), 1);
    if (*top == NULL)
        return TP_ENOMEM;
    tp_gv_set(*top, "label", scene->title);
    tp_gv_set(*top, "labelloc", "t");
    tp_gv_set(*top, "labeljust", "c");
    tp_gv_set(*top, "fontsize", "16");
    tp_gv_set(*top, "pencolor", "white");
    tp_gv_set(*top, "id", "title");
    return TP_OK;
}

/* Build the whole graph; caller closes it. */
static tp_err_t build(const tp_scene_t *scene, Agraph_t **g_out)
{
    Agraph_t *g = agopen(mut("trustpath"), Agdirected, NULL);
    Agraph_t **sub = NULL;
    Agnode_t **nodes = NULL;
    Agraph_t *top = g;
    tp_err_t err = TP_ENOMEM;

    if (g == NULL)
        return TP_ENOMEM;
    graph_defaults(g);
    sub = calloc(scene->cluster_count + 1, sizeof(*sub));
    nodes = calloc(scene->node_count + 1, sizeof(*nodes));
    if (sub == NULL || nodes == NULL)
        goto out;
    err = title_cluster(scene, g, &top);
    if (err == TP_OK)
        err = add_clusters(scene, g, top, sub);
    if (err == TP_OK)
        err = add_nodes(scene, g, top, sub, nodes);
    if (err == TP_OK)
        err = add_edges(scene, g, nodes);
    if (err == TP_OK && scene->legend)
        err = tp_gv_legend(g);
out:
    free(sub);
    free(nodes);
    if (err != TP_OK) {
        agclose(g);
        return err;
    }
    *g_out = g;
    return TP_OK;
}

/* DOT source without layout: stable and readable (agwrite). */
static tp_err_t write_dot(Agraph_t *g, tp_buf_t *out)
{
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    tp_err_t err;

    if (f == NULL)
        return TP_ENOMEM;
    if (agwrite(g, f) != 0) {
        fclose(f);
        free(mem);
        return TP_EIO;
    }
    if (fclose(f) != 0) {
        free(mem);
        return TP_EIO;
    }
    err = tp_buf_append(out, mem, len);
    free(mem);
    return err;
}

static tp_err_t render_laid_out(Agraph_t *g, tp_gv_format_t format,
                                tp_buf_t *out)
{
    char *data = NULL;
    unsigned int len = 0;
    tp_err_t err;

    if (format == TP_GV_PNG) {
        char size[32];

        snprintf(size, sizeof(size), "%.2f,%.2f",
                 (double)TP_GV_PNG_MAX_PX / TP_GV_PNG_DPI,
                 (double)TP_GV_PNG_MAX_PX / TP_GV_PNG_DPI);
        tp_gv_set(g, "size", size);
        tp_gv_set(g, "dpi", "96");
    }
    if (gv_context == NULL)
        gv_context = gvContext();
    if (gv_context == NULL)
        return TP_ENOMEM;
    if (gvLayout(gv_context, g, "dot") != 0)
        return TP_EUNSUPPORTED;
    if (gvRenderData(gv_context, g, format == TP_GV_PNG ? "png" : "svg", &data,
                     &len) != 0 ||
        data == NULL) {
        gvFreeLayout(gv_context, g);
        return TP_EUNSUPPORTED;
    }
    err = len <= GV_MAX_OUT ? tp_buf_append(out, data, len) : TP_ENOSPACE;
    gvFreeRenderData(data);
    gvFreeLayout(gv_context, g);
    return err;
}

tp_err_t tp_gv_render(const tp_scene_t *scene, tp_gv_format_t format,
                      tp_buf_t *out)
{
    Agraph_t *g = NULL;
    tp_err_t err;

    if (scene == NULL || out == NULL)
        return TP_EINVAL;
    err = build(scene, &g);
    if (err != TP_OK)
        return err;
    if (format == TP_GV_DOT)
        err = write_dot(g, out);
    else
        err = render_laid_out(g, format, out);
    agclose(g);
    return err;
}
