/* Zone-file tokenizer (RFC 1035 section 5.1): fields separated by blanks,
 * ";" comments, "(" ")" continuing an entry over lines, quoted strings and
 * backslash escapes. Escapes stay in the token for the field decoders; the
 * tokenizer only makes sure an escaped character never ends a field. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text_int.h"

void tp_lex_init(tp_lex_t *lex, const char *text, size_t len,
                 tp_text_error_t *err)
{
    memset(lex, 0, sizeof(*lex));
    lex->text = text;
    lex->len = text != NULL ? len : 0;
    lex->line = 1;
    lex->err = err;
}

tp_err_t tp_text_fail(tp_text_error_t *err, unsigned line, tp_err_t code,
                      const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return code;
    err->line = line;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return code;
}

void tp_text_quote(const tp_tok_t *tok, char *dst, size_t dst_len)
{
    size_t n = 0, keep = tok->len;
    bool cut = false;

    if (dst_len < 8) {
        if (dst_len > 0)
            dst[0] = '\0';
        return;
    }
    if (keep > dst_len - 1) {
        keep = dst_len - 4;
        cut = true;
    }
    for (size_t i = 0; i < keep; i++) {
        unsigned char c = (unsigned char)tok->text[i];

        dst[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    if (cut) {
        memcpy(dst + n, "...", 3);
        n += 3;
    }
    dst[n] = '\0';
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Characters that end an unquoted field. */
static bool is_delim(char c)
{
    return is_blank(c) || c == '\n' || c == ';' || c == '(' || c == ')' ||
           c == '"';
}

static tp_err_t lex_fail(tp_lex_t *lex, const char *what)
{
    return tp_text_fail(lex->err, lex->line, TP_ESYNTAX, "%s", what);
}

/* A quoted string; pos is just past the opening quote. */
static tp_err_t lex_quoted(tp_lex_t *lex, tp_tok_t *out)
{
    size_t start = lex->pos;

    while (lex->pos < lex->len) {
        char c = lex->text[lex->pos];

        if (c == '"') {
            out->text = lex->text + start;
            out->len = lex->pos - start;
            out->quoted = true;
            lex->pos++;
            return TP_OK;
        }
        if (c == '\0')
            return lex_fail(lex, "NUL byte in text");
        if (c == '\n')
            break;
        if (c == '\\') {
            lex->pos++;
            if (lex->pos >= lex->len || lex->text[lex->pos] == '\n' ||
                lex->text[lex->pos] == '\0')
                break;
        }
        lex->pos++;
    }
    return lex_fail(lex, "unterminated quoted string");
}

static tp_err_t lex_word(tp_lex_t *lex, tp_tok_t *out)
{
    size_t start = lex->pos;

    while (lex->pos < lex->len && !is_delim(lex->text[lex->pos])) {
        char c = lex->text[lex->pos];

        if (c == '\0')
            return lex_fail(lex, "NUL byte in text");
        if (c == '\\') {
            lex->pos++;
            if (lex->pos >= lex->len)
                return lex_fail(lex, "backslash at end of input");
            if (lex->text[lex->pos] == '\n' || lex->text[lex->pos] == '\0')
                return lex_fail(lex, "backslash at end of line");
        }
        lex->pos++;
    }
    out->text = lex->text + start;
    out->len = lex->pos - start;
    out->quoted = false;
    return TP_OK;
}

static tp_err_t lex_scan(tp_lex_t *lex, tp_tok_t *out)
{
    memset(out, 0, sizeof(*out));
    for (;;) {
        char c;

        if (lex->pos >= lex->len) {
            out->kind = TP_TOK_EOF;
            out->line = lex->line;
            if (lex->paren_line != 0)
                return tp_text_fail(lex->err, lex->paren_line, TP_ESYNTAX,
                                    "unterminated parenthesis (opened on "
                                    "line %u)",
                                    lex->paren_line);
            return TP_OK;
        }
        c = lex->text[lex->pos];
        if (is_blank(c)) {
            lex->pos++;
        } else if (c == ';') {
            while (lex->pos < lex->len && lex->text[lex->pos] != '\n')
                lex->pos++;
        } else if (c == '\n') {
            unsigned line = lex->line;

            lex->pos++;
            lex->line++;
            if (lex->paren_line == 0) {
                out->kind = TP_TOK_EOL;
                out->line = line;
                return TP_OK;
            }
        } else if (c == '(') {
            if (lex->paren_line != 0)
                return lex_fail(lex, "nested parenthesis");
            lex->paren_line = lex->line;
            lex->pos++;
        } else if (c == ')') {
            if (lex->paren_line == 0)
                return lex_fail(lex, "')' without '('");
            lex->paren_line = 0;
            lex->pos++;
        } else if (c == '\0') {
            return lex_fail(lex, "NUL byte in text");
        } else {
            break;
        }
    }
    out->kind = TP_TOK_WORD;
    out->line = lex->line;
    out->at_line_start = lex->paren_line == 0 &&
                         (lex->pos == 0 || lex->text[lex->pos - 1] == '\n');
    if (lex->text[lex->pos] == '"') {
        lex->pos++;
        return lex_quoted(lex, out);
    }
    return lex_word(lex, out);
}

tp_err_t tp_lex_next(tp_lex_t *lex, tp_tok_t *out)
{
    if (lex->has_peek) {
        *out = lex->peek;
        lex->has_peek = false;
        return TP_OK;
    }
    if (lex->failed != TP_OK)
        return lex->failed;
    lex->failed = lex_scan(lex, out);
    return lex->failed;
}

tp_err_t tp_lex_peek(tp_lex_t *lex, tp_tok_t *out)
{
    if (!lex->has_peek) {
        if (lex->failed != TP_OK)
            return lex->failed;
        lex->failed = lex_scan(lex, &lex->peek);
        if (lex->failed != TP_OK)
            return lex->failed;
        lex->has_peek = true;
    }
    *out = lex->peek;
    return TP_OK;
}

void tp_lex_skip(tp_lex_t *lex)
{
    lex->has_peek = false;
}
