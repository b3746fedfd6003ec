/* Scalar fields of the presentation format: decimal numbers, TTLs with the
 * BIND unit letters (1w2d3h4m5s), and domain names with the RFC 1035 5.1
 * rules ("@", names relative to the origin, \X and \DDD escapes). */
#include <ctype.h>
#include <string.h>

#include "text_int.h"

bool tp_text_u32(const char *text, size_t len, uint32_t max, uint32_t *out)
{
    uint64_t v = 0;

    if (len == 0 || len > 10)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(text[i] - '0');
    }
    if (v > max)
        return false;
    *out = (uint32_t)v;
    return true;
}

static uint32_t unit_seconds(char c)
{
    switch (tolower((unsigned char)c)) {
    case 's':
        return 1;
    case 'm':
        return 60;
    case 'h':
        return 3600;
    case 'd':
        return 86400;
    case 'w':
        return 604800;
    default:
        return 0;
    }
}

bool tp_text_ttl(const char *text, size_t len, uint32_t *out)
{
    uint64_t total = 0;
    size_t i = 0;

    if (tp_text_u32(text, len, UINT32_MAX, out))
        return true;
    if (len == 0)
        return false;
    while (i < len) {
        uint64_t v = 0;
        size_t start = i;
        uint32_t unit;

        while (i < len && text[i] >= '0' && text[i] <= '9' && i - start < 10)
            v = v * 10 + (uint64_t)(text[i++] - '0');
        if (i == start || i == len)
            return false; /* every number needs its unit letter */
        unit = unit_seconds(text[i++]);
        if (unit == 0)
            return false;
        total += v * unit;
        if (total > UINT32_MAX)
            return false;
    }
    *out = (uint32_t)total;
    return true;
}

/* true when the text ends with a dot that is not escaped. */
static bool is_absolute(const char *text, size_t len)
{
    bool last_dot = false;

    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\\') {
            i += (i + 1 < len && isdigit((unsigned char)text[i + 1])) ? 3 : 1;
            last_dot = false;
        } else {
            last_dot = text[i] == '.';
        }
    }
    return last_dot;
}

tp_err_t tp_text_name(const tp_tok_t *tok, const uint8_t *origin,
                      tp_text_error_t *err, uint8_t out[TP_NAME_MAX],
                      size_t *len_out)
{
    char shown[48];
    tp_err_t rc;

    tp_text_quote(tok, shown, sizeof(shown));
    if (tok->len == 0)
        return tp_text_fail(err, tok->line, TP_ESYNTAX, "empty domain name");
    if (origin == NULL && !is_absolute(tok->text, tok->len))
        return tp_text_fail(err, tok->line, TP_ESYNTAX,
                            "relative name '%s' without $ORIGIN", shown);
    rc = tp_name_from_text(tok->text, tok->len, origin, out, len_out);
    switch (rc) {
    case TP_OK:
        return TP_OK;
    case TP_ELABEL:
        return tp_text_fail(err, tok->line, rc,
                            "label longer than 63 octets in '%s'", shown);
    case TP_ENAMELEN:
        return tp_text_fail(err, tok->line, rc,
                            "name longer than 255 octets: '%s'", shown);
    case TP_ENOMEM:
        return tp_text_fail(err, tok->line, rc, "out of memory");
    default:
        return tp_text_fail(err, tok->line, TP_ESYNTAX, "bad domain name '%s'",
                            shown);
    }
}
