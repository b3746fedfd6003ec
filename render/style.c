/* The one table that says how each status looks: colour, line style, pen
 * width, symbol and word. Colours are Okabe-Ito (bluish green, vermillion,
 * orange, reddish purple, grey): distinct under deuteranopia and
 * protanopia; line styles and widths differ too, so the picture also reads
 * in grey. Used by the diagram, the legend, the HTML page and the terminal.
 */
#include "render_int.h"

static const tp_style_t styles[TP_RS_COUNT] = {
    [TP_RS_SECURE] = {"secure", "valid: signature verifies, digest matches",
                      "#009E73", "#E3F4EE", "solid", "2", "\xE2\x9C\x94", '+',
                      "32"},
    [TP_RS_INSECURE] = {"insecure", "proven unsigned (no DS): not validated",
                        "#5F5F5F", "#F2F2F2", "dashed", "1.5", "\xE2\x97\x8B",
                        '-', "2"},
    [TP_RS_BOGUS] = {"bogus", "broken: validating resolvers answer SERVFAIL",
                     "#D55E00", "#FBE6D9", "bold", "3.5", "\xE2\x9C\x98", '!',
                     "1;31"},
    [TP_RS_INDETERMINATE] = {"indeterminate",
                             "not enough data to decide (no answer, "
                             "unsupported algorithm)",
                             "#B07800", "#FFF3D6", "dotted", "2", "?", '?',
                             "33"},
    [TP_RS_EXPIRED] = {"expired", "signature outside its validity period",
                       "#A64D8C", "#F6E6F1", "dashed", "3", "\xE2\x9C\x98", '!',
                       "35"},
    [TP_RS_NEUTRAL] = {"unknown", "not evaluated", "#303030", "#FFFFFF",
                       "solid", "1", "\xC2\xB7", '.', "0"},
};

static const tp_style_t warning_style = {
    "warning",      "works, but needs attention (e.g. expires soon)",
    "#B07800",      "#FFF3D6",
    "solid",        "2",
    "\xE2\x9A\xA0", '~',
    "1;33"};

const tp_style_t *tp_style_of(tp_rstat_t s)
{
    if ((unsigned)s >= TP_RS_COUNT)
        s = TP_RS_NEUTRAL;
    return &styles[s];
}

const tp_style_t *tp_style_warning(void)
{
    return &warning_style;
}

static int severity(tp_rstat_t s)
{
    static const int rank[TP_RS_COUNT] = {
        [TP_RS_NEUTRAL] = 0,       [TP_RS_SECURE] = 1,  [TP_RS_INSECURE] = 2,
        [TP_RS_INDETERMINATE] = 3, [TP_RS_EXPIRED] = 4, [TP_RS_BOGUS] = 5,
    };
    return (unsigned)s < TP_RS_COUNT ? rank[s] : 0;
}

tp_rstat_t tp_rstat_worst(tp_rstat_t a, tp_rstat_t b)
{
    return severity(a) >= severity(b) ? a : b;
}
