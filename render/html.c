/* The HTML report: one self-contained file (inline SVG, CSS and a little
 * JavaScript; no external, http or file:// references) with a summary per
 * name, the diagram, details of a node on hover or click, and the
 * diagnostics table with the fix and the RFC reference of each finding. */
#include <stdio.h>
#include <string.h>

#include "render_int.h"

static const char page_css[] =
    "*{box-sizing:border-box}"
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;margin:0;"
    "color:#222;background:#fff}"
    "header{padding:12px 20px;border-bottom:1px solid #ddd;background:#f7f7f7}"
    "h1{font-size:20px;margin:0 0 6px}"
    "h2{font-size:16px;margin:18px 0 8px}"
    "main{padding:0 20px 30px}"
    ".summary{display:flex;flex-wrap:wrap;gap:12px}"
    ".card{border:1px solid #ccc;border-left-width:8px;border-radius:6px;"
    "padding:8px 12px;min-width:260px}"
    ".card .name{font-weight:bold;font-size:15px}"
    ".card .verdict{font-size:18px;font-weight:bold;margin:4px 0}"
    ".muted{color:#5f5f5f;font-size:12px}"
    ".warn{color:#8a5d00;font-weight:bold}"
    "#diagram-wrap{display:flex;gap:14px;align-items:flex-start}"
    "#diagram{flex:1 1 auto;min-width:0;overflow:auto;border:1px solid #ddd;"
    "border-radius:6px;max-height:85vh}"
    "#diagram svg{max-width:100%;height:auto}"
    "#diagram g.node{cursor:pointer}"
    "#diagram g.node.sel polygon,#diagram g.node.sel ellipse,"
    "#diagram g.node.sel path{stroke-width:4px}"
    "#details{flex:0 0 340px;max-width:340px;border:1px solid #ddd;"
    "border-radius:6px;padding:10px;font-size:13px;position:sticky;top:8px;"
    "overflow-wrap:anywhere}"
    "#details table{border-collapse:collapse;width:100%}"
    "#details td{border-top:1px solid #eee;padding:3px 4px;vertical-align:top;"
    "overflow-wrap:anywhere}"
    "#details td.k{color:#5f5f5f;white-space:nowrap}"
    "table.diags{border-collapse:collapse;width:100%;font-size:13px}"
    "table.diags th,table.diags td{border:1px solid #ddd;padding:4px 6px;"
    "text-align:left;vertical-align:top}"
    "table.diags th{background:#f0f0f0}"
    "table.diags tr.error td.sev{color:#D55E00;font-weight:bold}"
    "table.diags tr.warning td.sev{color:#8a5d00;font-weight:bold}"
    "table.diags tr[data-node]{cursor:pointer}"
    "code{font-family:'DejaVu Sans Mono',monospace}"
    "@media print{#details{display:none}#diagram{max-height:none}}";

/* Hover shows a node's details, click pins them; a diagnostic row with a
 * node selects that node; report.html#<node id> opens with that node
 * selected (links can point at the broken key). No network, no libraries.
 */
static const char page_js[] =
    "(function(){"
    "var data=JSON.parse(document.getElementById('tp-nodes').textContent);"
    "var box=document.getElementById('details');var pinned=null;"
    "function esc(s){return String(s).replace(/[&<>\"']/g,function(c){"
    "return '&#'+c.charCodeAt(0)+';';});}"
    "function show(id){var d=data[id];if(!d){return;}"
    "var h='<b>'+esc(d.title)+'</b> <span style=\"color:'+d.color+'\">'+"
    "esc(d.status)+'</span><table>';"
    "d.rows.forEach(function(r){h+='<tr><td class=\"k\">'+esc(r[0])+"
    "'</td><td'+(r[2]?' class=\"warn\"':'')+'>'+esc(r[1])+'</td></tr>';});"
    "box.innerHTML=h+'</table>';}"
    "function sel(id){document.querySelectorAll('g.node.sel').forEach("
    "function(e){e.classList.remove('sel');});"
    "var n=document.getElementById(id);if(n){n.classList.add('sel');}}"
    "document.querySelectorAll('#diagram g.node').forEach(function(n){"
    "n.addEventListener('mouseenter',function(){if(!pinned){show(n.id);}});"
    "n.addEventListener('click',function(){pinned=n.id;sel(n.id);"
    "show(n.id);});});"
    "document.querySelectorAll('tr[data-node]').forEach(function(r){"
    "r.addEventListener('click',function(){var id=r.getAttribute("
    "'data-node');pinned=id;sel(id);show(id);var n=document.getElementById("
    "id);if(n){n.scrollIntoView({block:'center'});}});});"
    "if(location.hash.length>1){var h=decodeURIComponent(location.hash."
    "slice(1));if(data[h]){pinned=h;sel(h);show(h);}}"
    "document.body.setAttribute('data-tp-ready','1');"
    "})();";

static tp_err_t put(tp_buf_t *out, const char *s)
{
    return tp_buf_append_str(out, s);
}

static tp_err_t summary(const tp_hname_t *names, size_t count, tp_buf_t *out)
{
    tp_err_t err = put(out, "<section class=\"summary\" id=\"summary\">");

    for (size_t i = 0; err == TP_OK && i < count; i++) {
        const tp_hname_t *h = &names[i];
        const tp_style_t *st = tp_style_of(h->status);
        size_t errors = 0, warnings = 0;

        for (size_t k = 0; k < h->diag_count; k++) {
            if (strcmp(h->diags[k].severity, "error") == 0)
                errors++;
            else if (strcmp(h->diags[k].severity, "warning") == 0)
                warnings++;
        }
        err =
            tp_buf_printf(out,
                          "<div class=\"card\" style=\"border-left-color:%s\">"
                          "<div class=\"name\">",
                          st->color);
        if (err == TP_OK)
            err = tp_buf_append_html(out, h->name);
        if (err == TP_OK)
            err = tp_buf_printf(out,
                                "</div><div class=\"verdict\" "
                                "style=\"color:%s\">%s %s</div>"
                                "<div>%zu error%s, %zu warning%s</div>",
                                st->color, st->symbol, st->word, errors,
                                errors == 1 ? "" : "s", warnings,
                                warnings == 1 ? "" : "s");
        if (err == TP_OK && h->failing != NULL) {
            err = tp_buf_printf(out,
                                "<div class=\"breaks\" style=\"color:%s\">"
                                "<b>%s breaks at:</b> ",
                                tp_style_of(TP_RS_BOGUS)->color,
                                tp_style_of(TP_RS_BOGUS)->symbol);
            if (err == TP_OK)
                err = tp_buf_append_html(out, h->failing);
            if (err == TP_OK)
                err = put(out, "</div>");
        }
        if (err == TP_OK && h->earliest_expiration != NULL &&
            h->earliest_expiration[0] != '\0')
            err = tp_buf_printf(out,
                                "<div%s>earliest signature expiry: %s "
                                "(%s)</div>",
                                h->expiry_warning ? " class=\"warn\"" : "",
                                h->earliest_expiration,
                                h->expiry_note != NULL ? h->expiry_note : "");
        if (err == TP_OK && h->reference_time != NULL &&
            h->reference_time[0] != '\0')
            err =
                tp_buf_printf(out, "<div class=\"muted\">evaluated at %s</div>",
                              h->reference_time);
        if (err == TP_OK)
            err = put(out, "</div>");
    }
    if (err == TP_OK)
        err = put(out, "</section>");
    return err;
}

static tp_err_t cell(tp_buf_t *out, const char *cls, const char *text)
{
    tp_err_t err = tp_buf_printf(out, "<td class=\"%s\">", cls);

    if (err == TP_OK)
        err = tp_buf_append_html(out, text != NULL ? text : "");
    if (err == TP_OK)
        err = put(out, "</td>");
    return err;
}

static tp_err_t diag_row(const tp_hname_t *h, const tp_hdiag_t *d,
                         tp_buf_t *out)
{
    tp_err_t err = tp_buf_printf(out, "<tr class=\"%s\"", d->severity);

    if (err == TP_OK && d->node != NULL && d->node[0] != '\0') {
        err = put(out, " data-node=\"");
        if (err == TP_OK)
            err = tp_buf_append_html(out, d->node);
        if (err == TP_OK)
            err = put(out, "\"");
    }
    if (err == TP_OK)
        err = put(out, ">");
    if (err == TP_OK)
        err = cell(out, "sev", d->severity);
    if (err == TP_OK)
        err = put(out, "<td class=\"code\"><code>");
    if (err == TP_OK)
        err = tp_buf_append_html(out, d->code);
    if (err == TP_OK)
        err = put(out, "</code></td>");
    if (err == TP_OK)
        err = cell(out, "name", h->name);
    if (err == TP_OK)
        err = cell(out, "where", d->where);
    if (err == TP_OK)
        err = cell(out, "msg", d->message);
    if (err == TP_OK)
        err = cell(out, "fix", d->fix);
    if (err == TP_OK)
        err = cell(out, "rfc", d->rfc);
    if (err == TP_OK)
        err = cell(out, "servers", d->servers);
    if (err == TP_OK)
        err = put(out, "</tr>");
    return err;
}

static tp_err_t diagnostics(const tp_hname_t *names, size_t count,
                            tp_buf_t *out)
{
    size_t total = 0;
    tp_err_t err = put(out, "<h2>Diagnostics</h2>");

    for (size_t i = 0; i < count; i++)
        total += names[i].diag_count;
    if (err == TP_OK && total == 0)
        return put(out, "<p id=\"diagnostics\" class=\"muted\">No problems "
                        "found.</p>");
    if (err == TP_OK)
        err = put(out, "<table class=\"diags\" id=\"diagnostics\"><thead><tr>"
                       "<th>severity</th><th>code</th><th>name</th>"
                       "<th>where</th><th>what</th><th>fix</th>"
                       "<th>reference</th><th>servers</th></tr></thead>"
                       "<tbody>");
    for (size_t i = 0; err == TP_OK && i < count; i++) {
        for (size_t k = 0; err == TP_OK && k < names[i].diag_count; k++)
            err = diag_row(&names[i], &names[i].diags[k], out);
    }
    if (err == TP_OK)
        err = put(out, "</tbody></table>");
    return err;
}

/* {"id":{"title":..,"status":..,"color":..,"rows":[[k,v,warn],..]},..} */
static tp_err_t node_json(const tp_scene_t *scene, tp_buf_t *out)
{
    tp_err_t err = put(out, "<script type=\"application/json\" "
                            "id=\"tp-nodes\">{");

    for (size_t i = 0; err == TP_OK && i < scene->node_count; i++) {
        const tp_snode_t *n = &scene->nodes[i];
        const tp_style_t *st = tp_style_of(n->status);

        err = tp_buf_printf(out, "%s\"", i == 0 ? "" : ",");
        if (err == TP_OK)
            err = tp_buf_append_json(out, n->id);
        if (err == TP_OK)
            err = put(out, "\":{\"title\":\"");
        if (err == TP_OK)
            err = tp_buf_append_json(out, n->title);
        if (err == TP_OK)
            err = tp_buf_printf(out,
                                "\",\"status\":\"%s %s\",\"color\":\"%s\","
                                "\"rows\":[",
                                st->symbol, st->word, st->color);
        for (const tp_skv_t *kv = n->details; err == TP_OK && kv != NULL;
             kv = kv->next) {
            err = tp_buf_printf(out, "%s[\"", kv == n->details ? "" : ",");
            if (err == TP_OK)
                err = tp_buf_append_json(out, kv->key);
            if (err == TP_OK)
                err = put(out, "\",\"");
            if (err == TP_OK)
                err = tp_buf_append_json(out, kv->value);
            if (err == TP_OK)
                err = tp_buf_printf(out, "\",%d]",
                                    kv->kind == TP_LINE_WARN ||
                                        kv->kind == TP_LINE_BAD);
        }
        if (err == TP_OK)
            err = put(out, "]}");
    }
    if (err == TP_OK)
        err = put(out, "}</script>");
    return err;
}

/* Drop the XML prologue, DOCTYPE and comments before <svg, and the xmlns
 * declarations (HTML does not need them), so the page names no URL. */
static tp_err_t inline_svg(tp_bytes_t svg, tp_buf_t *out)
{
    static const char *const drop[] = {
        " xmlns=\"http://www.w3.org/2000/svg\"",
        " xmlns:xlink=\"http://www.w3.org/1999/xlink\"",
    };
    const char *p = (const char *)svg.data;
    const char *end = p + svg.len;
    const char *start = NULL;
    tp_err_t err = TP_OK;

    for (const char *q = p; q + 4 <= end; q++) {
        if (memcmp(q, "<svg", 4) == 0) {
            start = q;
            break;
        }
    }
    if (start == NULL)
        return TP_EINVAL;
    for (p = start; err == TP_OK && p < end;) {
        const char *next = end;
        size_t skip = 0;

        /* copy up to the next declaration to drop, then skip it */
        for (size_t k = 0; k < sizeof(drop) / sizeof(*drop); k++) {
            size_t dl = strlen(drop[k]);

            for (const char *q = p; q + dl <= next; q++) {
                if (memcmp(q, drop[k], dl) == 0) {
                    next = q;
                    skip = dl;
                    break;
                }
            }
        }
        err = tp_buf_append(out, p, (size_t)(next - p));
        p = next + skip;
    }
    return err;
}

static tp_err_t head(const tp_scene_t *scene, tp_buf_t *out)
{
    const char *title = scene->title != NULL && scene->title[0] != '\0'
                            ? scene->title
                            : "trustpath report";
    tp_err_t err = put(out, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
                            "<meta charset=\"utf-8\">"
                            "<meta name=\"viewport\" content=\"width=device-"
                            "width, initial-scale=1\"><title>");

    if (err == TP_OK)
        err = tp_buf_append_html(out, title);
    if (err == TP_OK)
        err = tp_buf_printf(out,
                            "</title><style>%s</style></head><body>"
                            "<header><h1>",
                            page_css);
    if (err == TP_OK)
        err = tp_buf_append_html(out, title);
    if (err == TP_OK)
        err = put(out, "</h1><div class=\"muted\">DNSSEC chain of trust "
                       "&middot; hover a box for details, click to pin it"
                       "</div></header><main>");
    return err;
}

tp_err_t tp_html_page(const tp_scene_t *scene, tp_bytes_t svg,
                      const tp_hname_t *names, size_t count, tp_buf_t *out)
{
    tp_err_t err;

    if (scene == NULL || out == NULL || (names == NULL && count != 0))
        return TP_EINVAL;
    err = head(scene, out);
    if (err == TP_OK)
        err = put(out, "<h2>Summary</h2>");
    if (err == TP_OK)
        err = summary(names, count, out);
    if (err == TP_OK)
        err = put(out, "<h2>Chain of trust</h2><div id=\"diagram-wrap\">"
                       "<div id=\"diagram\">");
    if (err == TP_OK)
        err = inline_svg(svg, out);
    if (err == TP_OK)
        err = put(out, "</div><aside id=\"details\"><span class=\"muted\">"
                       "Hover or click a box in the diagram to see its "
                       "details here.</span></aside></div>");
    if (err == TP_OK)
        err = diagnostics(names, count, out);
    if (err == TP_OK)
        err = put(out, "</main>");
    if (err == TP_OK)
        err = node_json(scene, out);
    if (err == TP_OK)
        err =
            tp_buf_printf(out, "<script>%s</script></body></html>\n", page_js);
    return err;
}
