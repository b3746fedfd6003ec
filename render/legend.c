/* The legend drawn in the picture itself, as an HTML-like table in the
 * graph's bottom label (so it takes no rank from the chain and never
 * stretches it). Line samples, colours and words come from the style
 * table, so the legend cannot disagree with the drawing. */
#include <stdint.h>
#include <stdio.h>

#include <graphviz/cgraph.h>

#include "render_int.h"

/* A line sample drawn with box-drawing characters: solid, dashed, dotted,
 * heavy; matched to each status' Graphviz style. */
static const char *line_sample(const tp_style_t *st, bool failing)
{
    if (failing || st->style[0] == 'b') /* bold: heavy line */
        return "\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81"
               "\xE2\x96\xB6";
    if (st->style[0] == 'd' && st->style[1] == 'a' && st->penwidth[0] >= '3')
        return "\xE2\x94\x81 \xE2\x94\x81 \xE2\x94\x81 \xE2\x96\xB6"; /* heavy
                                                                         dash */
    if (st->style[0] == 'd' && st->style[1] == 'a')
        return "\xE2\x94\x80 \xE2\x94\x80 \xE2\x94\x80 \xE2\x96\xB6"; /* dashed
                                                                       */
    if (st->style[0] == 'd')
        return "\xC2\xB7 \xC2\xB7 \xC2\xB7 \xC2\xB7 \xE2\x96\xB6"; /* dotted */
    return "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
           "\xE2\x96\xB6";
}

static const char *const box_rows[] = {
    "<B>ellipse</B>: DNSKEY &#8212; grey fill = KSK/CSK (signs the key set)",
    "double outline = trust anchor &#183; thick outline = revoked",
    "dashed = key named by a DS or RRSIG but not served",
    "<B>DS n for zone</B>: digest of the child's key n, kept in the parent",
    "<B>box</B>: records at the name &#183; dashed box: no such name / no data",
    "<B>folded note</B>: NSEC / NSEC3 proof of non-existence",
    "outline colour = status of the element",
};

static tp_err_t status_rows(tp_buf_t *b)
{
    static const tp_rstat_t order[] = {TP_RS_SECURE, TP_RS_INSECURE,
                                       TP_RS_BOGUS, TP_RS_INDETERMINATE,
                                       TP_RS_EXPIRED};
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i <= sizeof(order) / sizeof(*order);
         i++) {
        bool failing = i == sizeof(order) / sizeof(*order);
        const tp_style_t *st = tp_style_of(failing ? TP_RS_BOGUS : order[i]);

        err = tp_buf_printf(
            b,
            "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\" POINT-SIZE=\"%s\">"
            "%s%s%s</FONT></TD><TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">%s%s "
            "%s%s</FONT></TD><TD ALIGN=\"LEFT\">%s</TD></TR>",
            st->color, failing ? "14" : "12", failing ? "<B>" : "",
            line_sample(st, failing), failing ? "</B>" : "", st->color,
            failing ? "<B>" : "", st->symbol,
            failing ? "failing link" : st->word, failing ? "</B>" : "",
            failing ? "where the chain breaks: fix this first" : st->meaning);
    }
    if (err == TP_OK)
        err =
            tp_buf_printf(b,
                          "<TR><TD></TD><TD ALIGN=\"LEFT\"><FONT "
                          "COLOR=\"%s\">%s warning</FONT></TD><TD "
                          "ALIGN=\"LEFT\">%s</TD></TR>",
                          tp_style_warning()->color, tp_style_warning()->symbol,
                          tp_style_warning()->meaning);
    return err;
}

tp_err_t tp_gv_legend(Agraph_t *g)
{
    tp_buf_t b;
    tp_err_t err;
    char *h;

    tp_buf_init(&b, 1u << 16);
    err = tp_buf_append_str(
        &b, "<TABLE BORDER=\"1\" COLOR=\"#BBBBBB\" CELLBORDER=\"0\" "
            "CELLSPACING=\"2\" CELLPADDING=\"2\" BGCOLOR=\"#FAFAFA\">"
            "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"><B>How to read this "
            "picture</B></TD><TD ALIGN=\"LEFT\">arrow A \xE2\x86\x92 B: A "
            "vouches for B (signs it, or its DS matches the key)</TD>"
            "<TD ALIGN=\"LEFT\" VALIGN=\"TOP\" ROWSPAN=\"8\" BALIGN=\"LEFT\">");
    for (size_t i = 0; err == TP_OK && i < sizeof(box_rows) / sizeof(*box_rows);
         i++)
        err = tp_buf_printf(&b, "%s<BR/>", box_rows[i]);
    if (err == TP_OK)
        err = tp_buf_append_str(&b, "</TD></TR>");
    if (err == TP_OK)
        err = status_rows(&b);
    if (err == TP_OK)
        err = tp_buf_append_str(&b, "</TABLE>");
    if (err == TP_OK) {
        h = agstrdup_html(g, (char *)(uintptr_t)tp_buf_str(&b));
        if (h == NULL) {
            err = TP_ENOMEM;
        } else {
            agsafeset(g, (char *)(uintptr_t) "label", h,
                      (char *)(uintptr_t) "");
            agstrfree(g, h);
            tp_gv_set(g, "labelloc", "b");
            tp_gv_set(g, "labeljust", "l");
            tp_gv_set(g, "fontsize", "10");
        }
    }
    tp_buf_clear(&b);
    return err;
}
