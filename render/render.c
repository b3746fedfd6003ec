/* The public face of the render module (render.h): option defaults, format
 * names, and the pipeline analyses -> scene -> Graphviz -> DOT/SVG/PNG, or
 * -> SVG -> HTML page. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "render_int.h"

#define SVG_MAX (256u * 1024u * 1024u)

static const char *const format_names[] = {"dot", "svg", "png", "html"};

void tp_render_opts_init(tp_render_opts_t *opts)
{
    memset(opts, 0, sizeof(*opts));
    opts->warn_expiry_s = 7 * 86400;
    opts->legend = true;
    opts->utf8 = true;
}

tp_err_t tp_render_format_parse(const char *text, tp_render_format_t *out)
{
    if (text == NULL || out == NULL)
        return TP_EINVAL;
    for (size_t i = 0; i < sizeof(format_names) / sizeof(*format_names); i++) {
        if (strcasecmp(text, format_names[i]) == 0) {
            *out = (tp_render_format_t)i;
            return TP_OK;
        }
    }
    if (strcasecmp(text, "htm") == 0 || strcasecmp(text, "gv") == 0) {
        *out =
            text[0] == 'h' || text[0] == 'H' ? TP_RENDER_HTML : TP_RENDER_DOT;
        return TP_OK;
    }
    return TP_ESYNTAX;
}

tp_err_t tp_render_format_from_path(const char *path, tp_render_format_t *out)
{
    const char *dot, *slash;

    if (path == NULL || out == NULL)
        return TP_EINVAL;
    dot = strrchr(path, '.');
    slash = strrchr(path, '/');
    if (dot == NULL || (slash != NULL && dot < slash))
        return TP_ENOTFOUND;
    return tp_render_format_parse(dot + 1, out) == TP_OK ? TP_OK : TP_ENOTFOUND;
}

const char *tp_render_format_name(tp_render_format_t format)
{
    if ((unsigned)format >= sizeof(format_names) / sizeof(*format_names))
        return "?";
    return format_names[format];
}

void tp_render_shutdown(void)
{
    tp_gv_shutdown();
}

static tp_err_t build_scene(const tp_analysis_t *const *analyses, size_t count,
                            const tp_render_opts_t *opts, tp_scene_t *scene,
                            const char **failing)
{
    tp_buf_t title;
    tp_err_t err = TP_OK;

    tp_buf_init(&title, 4096);
    scene->legend = opts->legend;
    for (size_t i = 0; err == TP_OK && i < count; i++) {
        if (analyses[i] == NULL) {
            err = TP_EINVAL;
            break;
        }
        err = tp_scene_add_analysis(scene, analyses[i], opts,
                                    failing != NULL ? &failing[i] : NULL);
        if (err == TP_OK && opts->title == NULL && i < 6)
            err = tp_buf_printf(&title, "%s%s", i == 0 ? "" : ", ",
                                analyses[i]->name);
    }
    if (err == TP_OK)
        err = tp_scene_order(scene);
    if (err == TP_OK && opts->title == NULL && count > 6)
        err = tp_buf_printf(&title, " and %zu more", count - 6);
    if (err == TP_OK && count > 0) {
        char when[32];

        tp_render_time(analyses[0]->reference_time, when);
        err = tp_buf_printf(&title, "%s%s \xC2\xB7 %s",
                            opts->title != NULL ? opts->title : "",
                            opts->title != NULL ? "" : "", when);
    }
    if (err == TP_OK) {
        scene->title = tp_scene_str(scene, tp_buf_str(&title));
        if (scene->title == NULL)
            err = TP_ENOMEM;
    }
    tp_buf_clear(&title);
    return err;
}

/* One row of the HTML diagnostics table, and the node it concerns. */
static void diag_row(tp_scene_t *scene, const tp_analysis_t *a,
                     const tp_render_opts_t *opts, const tp_an_diag_t *ad,
                     tp_hdiag_t *d)
{
    const tp_diag_info_t *info = tp_diag_info(ad->code);
    tp_gctx_t g = {scene, a, opts, NULL, TP_AN_NONE, NULL, false};
    tp_buf_t srv;
    size_t n;

    d->code = tp_diag_code_str(ad->code);
    d->severity = tp_severity_str(ad->severity);
    d->where = ad->zone != NULL ? ad->zone : "";
    d->message = ad->message;
    d->fix = info != NULL ? info->fix : "";
    d->rfc = info != NULL ? info->rfc : "";
    tp_buf_init(&srv, 4096);
    for (size_t s = 0; s < ad->server_count; s++) {
        if (tp_buf_printf(&srv, "%s%s", s == 0 ? "" : ", ", ad->servers[s]) !=
            TP_OK)
            break;
    }
    d->servers = tp_scene_str(scene, tp_buf_str(&srv));
    tp_buf_clear(&srv);
    n = ad->subject.kind == TP_NODE_ZONE || ad->subject.kind == TP_NODE_SERVER
            ? SIZE_MAX
            : tp_graph_node(&g, ad->subject, TP_AN_NONE);
    d->node = n != SIZE_MAX ? scene->nodes[n].id : NULL;
}

/* The neutral summary and diagnostics rows of the HTML page. */
static tp_err_t html_names(const tp_analysis_t *const *analyses, size_t count,
                           const tp_render_opts_t *opts, tp_scene_t *scene,
                           const char **failing, tp_hname_t *names)
{
    for (size_t i = 0; i < count; i++) {
        const tp_analysis_t *a = analyses[i];
        tp_hname_t *h = &names[i];
        tp_hdiag_t *d =
            tp_arena_array(scene->arena, a->diag_count + 1, sizeof(*d));
        char t[32], when[64];

        if (d == NULL)
            return TP_ENOMEM;
        memset(h, 0, sizeof(*h));
        h->name = a->name;
        h->status = tp_rstat_from_status(a->status);
        h->failing = failing[i];
        tp_render_time(a->reference_time, t);
        h->reference_time = tp_scene_str(scene, t);
        if (a->earliest_expiration != 0) {
            tp_render_time(a->earliest_expiration, t);
            h->earliest_expiration = tp_scene_fmt(
                scene, "%s%s%s", t, a->earliest_expiration_of ? ", " : "",
                a->earliest_expiration_of ? a->earliest_expiration_of : "");
            h->expiry_note = tp_scene_str(
                scene, tp_term_when(a->reference_time, a->earliest_expiration,
                                    when, sizeof(when)));
            h->expiry_warning = a->earliest_expiration - a->reference_time <=
                                opts->warn_expiry_s;
        }
        for (size_t k = 0; k < a->diag_count; k++)
            diag_row(scene, a, opts, &a->diags[k], &d[k]);
        h->diags = d;
        h->diag_count = a->diag_count;
    }
    return TP_OK;
}

static tp_err_t render_html(const tp_analysis_t *const *analyses, size_t count,
                            const tp_render_opts_t *opts, tp_scene_t *scene,
                            const char **failing, tp_buf_t *out)
{
    tp_buf_t svg;
    tp_hname_t *names;
    tp_err_t err;

    names = tp_arena_array(scene->arena, count + 1, sizeof(*names));
    if (names == NULL)
        return TP_ENOMEM;
    err = html_names(analyses, count, opts, scene, failing, names);
    if (err != TP_OK)
        return err;
    tp_buf_init(&svg, SVG_MAX);
    err = tp_gv_render(scene, TP_GV_SVG, &svg);
    if (err == TP_OK)
        err =
            tp_html_page(scene, tp_bytes(svg.data, svg.len), names, count, out);
    tp_buf_clear(&svg);
    return err;
}

tp_err_t tp_render_graph(const tp_analysis_t *const *analyses, size_t count,
                         tp_render_format_t format,
                         const tp_render_opts_t *opts, tp_buf_t *out)
{
    static const tp_gv_format_t gv[] = {TP_GV_DOT, TP_GV_SVG, TP_GV_PNG};
    tp_render_opts_t defaults;
    tp_scene_t scene;
    const char **failing;
    tp_err_t err;

    if ((analyses == NULL && count != 0) || out == NULL ||
        (unsigned)format > TP_RENDER_HTML)
        return TP_EINVAL;
    if (opts == NULL) {
        tp_render_opts_init(&defaults);
        opts = &defaults;
    }
    err = tp_scene_init(&scene);
    if (err != TP_OK)
        return err;
    failing = tp_arena_array(scene.arena, count + 1, sizeof(*failing));
    err = failing != NULL ? build_scene(analyses, count, opts, &scene, failing)
                          : TP_ENOMEM;
    if (err == TP_OK && format == TP_RENDER_HTML)
        err = render_html(analyses, count, opts, &scene, failing, out);
    else if (err == TP_OK)
        err = tp_gv_render(&scene, gv[format], out);
    tp_scene_clear(&scene);
    return err;
}
