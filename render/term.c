/* Small text helpers shared by the renderers: HTML and JSON escaping,
 * terminal colour (ECMA-48 SGR sequences, only when the caller asks for
 * them) and human-readable time distances ("expires in 2 days"). */
#include <stdio.h>
#include <string.h>

#include "render_int.h"
#include "trustpath/civil.h"
#include "trustpath/dnssec.h"
#include "trustpath/text.h"

tp_err_t tp_buf_append_html(tp_buf_t *out, const char *s)
{
    tp_err_t err = TP_OK;
    const char *run = s;

    if (s == NULL)
        return TP_OK;
    for (; err == TP_OK && *s != '\0'; s++) {
        const char *rep = NULL;

        switch (*s) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        err = tp_buf_append(out, run, (size_t)(s - run));
        if (err == TP_OK)
            err = tp_buf_append_str(out, rep);
        run = s + 1;
    }
    if (err == TP_OK)
        err = tp_buf_append(out, run, strlen(run));
    return err;
}

tp_err_t tp_buf_append_json(tp_buf_t *out, const char *s)
{
    tp_err_t err = TP_OK;

    if (s == NULL)
        return TP_OK;
    for (; err == TP_OK && *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\')
            err = tp_buf_printf(out, "\\%c", c);
        else if (c < 0x20 || c == '<' || c == '>' || c == '&')
            err = tp_buf_printf(out, "\\u%04x", c);
        else
            err = tp_buf_append_u8(out, c);
    }
    return err;
}

tp_err_t tp_term_put(tp_buf_t *out, bool color, const char *sgr,
                     const char *text)
{
    tp_err_t err;

    if (!color || sgr == NULL || strcmp(sgr, "0") == 0)
        return tp_buf_append_str(out, text);
    err = tp_buf_printf(out, "\x1b[%sm", sgr);
    if (err == TP_OK)
        err = tp_buf_append_str(out, text);
    if (err == TP_OK)
        err = tp_buf_append_str(out, "\x1b[0m");
    return err;
}

tp_err_t tp_term_status(tp_buf_t *out, bool color, bool utf8, tp_rstat_t s)
{
    const tp_style_t *st = tp_style_of(s);
    char text[64];

    if (utf8)
        snprintf(text, sizeof(text), "%s %s", st->symbol, st->word);
    else
        snprintf(text, sizeof(text), "%c %s", st->ascii, st->word);
    return tp_term_put(out, color, st->ansi, text);
}

/* "3 days" / "1 hour": the largest unit that fits, rounded down. */
static void span(int64_t secs, char *buf, size_t len)
{
    static const struct {
        int64_t secs;
        const char *unit;
    } units[] = {{86400, "day"}, {3600, "hour"}, {60, "minute"}, {1, "second"}};

    size_t i = 0;

    while (i + 1 < sizeof(units) / sizeof(*units) && secs < units[i].secs)
        i++;
    int64_t n = secs / units[i].secs;
    snprintf(buf, len, "%lld %s%s", (long long)n, units[i].unit,
             n == 1 ? "" : "s");
}

const char *tp_term_when(int64_t now, int64_t then, char *buf, size_t len)
{
    char s[48];

    if (then >= now) {
        span(then - now, s, sizeof(s));
        snprintf(buf, len, "expires in %s", s);
    } else {
        span(now - then, s, sizeof(s));
        snprintf(buf, len, "expired %s ago", s);
    }
    return buf;
}

void tp_render_time(int64_t t, char buf[32])
{
    tp_time_iso8601(t, buf);
}

void tp_render_alg(uint8_t alg, char buf[16])
{
    char tmp[16];

    snprintf(buf, 16, "%s", tp_alg_to_text(alg, tmp));
}

void tp_render_digest(uint8_t digest, char buf[16])
{
    char tmp[16];

    snprintf(buf, 16, "%s", tp_digest_to_text(digest, tmp));
}

void tp_render_type(uint16_t type, char buf[16])
{
    char tmp[16];

    snprintf(buf, 16, "%s", tp_type_to_text(type, tmp));
}
