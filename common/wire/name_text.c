/* Names in presentation form (RFC 1035 5.1): "\X" quotes a special
 * character, "\DDD" any octet; a name without a trailing dot is relative to
 * an origin and "@" is the origin itself. */
#include <string.h>

#include "trustpath/wire.h"

/* Characters that would end or change the meaning of a zone-file token. */
static bool is_special(uint8_t c)
{
    return c == '.' || c == ';' || c == '\\' || c == '(' || c == ')' ||
           c == '@' || c == '$' || c == '"';
}

void tp_name_to_text(const uint8_t *name, char out[TP_NAME_TEXT_MAX])
{
    static const char digits[] = "0123456789";
    size_t o = 0;

    if (name[0] == 0) {
        out[o++] = '.';
        out[o] = '\0';
        return;
    }
    /* Worst case 4 * 253 + 127 dots stays below TP_NAME_TEXT_MAX. */
    for (size_t n = 0; name[n] != 0; n += (size_t)name[n] + 1) {
        for (size_t i = 1; i <= name[n]; i++) {
            uint8_t c = name[n + i];
            if (c <= 0x20 || c >= 0x7F) {
                out[o++] = '\\';
                out[o++] = digits[c / 100];
                out[o++] = digits[c / 10 % 10];
                out[o++] = digits[c % 10];
            } else {
                if (is_special(c))
                    out[o++] = '\\';
                out[o++] = (char)c;
            }
        }
        out[o++] = '.';
    }
    out[o] = '\0';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* One possibly escaped character at text[*i]; advances *i. */
static tp_err_t unescape(const char *text, size_t len, size_t *i,
                         uint8_t *c_out)
{
    unsigned v;

    if (text[*i] != '\\') {
        *c_out = (uint8_t)text[(*i)++];
        return TP_OK;
    }
    if (++*i >= len)
        return TP_ESYNTAX;
    if (!is_digit(text[*i])) {
        *c_out = (uint8_t)text[(*i)++];
        return TP_OK;
    }
    if (len - *i < 3 || !is_digit(text[*i + 1]) || !is_digit(text[*i + 2]))
        return TP_ESYNTAX;
    v = (unsigned)(text[*i] - '0') * 100 + (unsigned)(text[*i + 1] - '0') * 10 +
        (unsigned)(text[*i + 2] - '0');
    if (v > 255)
        return TP_ESYNTAX;
    *c_out = (uint8_t)v;
    *i += 3;
    return TP_OK;
}

/* Labels of text into out (no root label); *absolute says whether the text
 * ended with an unescaped dot. */
static tp_err_t parse_labels(const char *text, size_t len, uint8_t *out,
                             size_t *len_out, bool *absolute)
{
    size_t i = 0, o = 0;

    *absolute = false;
    if (len == 1 && text[0] == '.') {
        *absolute = true;
        *len_out = 0;
        return TP_OK;
    }
    while (i < len) {
        size_t start = o++;

        while (i < len && text[i] != '.') {
            uint8_t c;
            tp_err_t err = unescape(text, len, &i, &c);
            if (err != TP_OK)
                return err;
            if (o - start - 1 == TP_LABEL_MAX)
                return TP_ELABEL;
            if (o >= TP_NAME_MAX - 1)
                return TP_ENAMELEN;
            out[o++] = c;
        }
        if (o - start == 1)
            return TP_ESYNTAX; /* empty label: "..", leading "." */
        out[start] = (uint8_t)(o - start - 1);
        if (i < len) {
            i++; /* the dot */
            *absolute = i == len;
        }
    }
    *len_out = o;
    return TP_OK;
}

tp_err_t tp_name_from_text(const char *text, size_t text_len,
                           const uint8_t *origin, uint8_t out[TP_NAME_MAX],
                           size_t *len_out)
{
    uint8_t buf[TP_NAME_MAX];
    size_t n, olen;
    bool absolute;
    tp_err_t err;

    if (text == NULL || out == NULL || len_out == NULL)
        return TP_EINVAL;
    if (text_len == 0)
        return TP_ESYNTAX;
    if (text_len == 1 && text[0] == '@') {
        if (origin == NULL)
            return TP_ESYNTAX;
        *len_out = tp_name_len(origin);
        memmove(out, origin, *len_out);
        return TP_OK;
    }
    err = parse_labels(text, text_len, buf, &n, &absolute);
    if (err != TP_OK)
        return err;
    if (absolute || origin == NULL) {
        olen = 1;
        origin = (const uint8_t *)"";
    } else {
        olen = tp_name_len(origin);
    }
    if (n + olen > TP_NAME_MAX)
        return TP_ENAMELEN;
    memcpy(out, buf, n);
    memmove(out + n, origin, olen);
    *len_out = n + olen;
    return TP_OK;
}
