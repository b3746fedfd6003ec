/* RDATA from presentation text: the field table of text_format.c read token
 * by token (RFC 1035 5.1, RFC 4034 sections 2.2, 3.2, 4.2 and 5.3, RFC 5155
 * 3.3 and 4.3), and the RFC 3597 section 5 generic form "\# len hex" for
 * any type. Base64, hex and bitmap fields run to the end of the entry and
 * may be split by blanks, newlines in parentheses and comments. */
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text_int.h"

#define GATHER_MAX (4 * (TP_RDATA_MAX + 3)) /* base64 of a whole RDATA */

typedef struct parse_ctx {
    tp_lex_t *lex;
    const uint8_t *origin;
    tp_buf_t *out;
    const tp_rdata_format_t *fmt;
    size_t field; /* index of the field being read, for messages */
} parse_ctx_t;

static tp_err_t fail_tok(parse_ctx_t *c, const tp_tok_t *tok, const char *what)
{
    char shown[48], name[48];

    tp_text_quote(tok, shown, sizeof(shown));
    name[0] = '\0';
    if (c->fmt != NULL)
        tp_rdata_field_name(c->fmt, c->field, name, sizeof(name));
    return tp_text_fail(c->lex->err, tok->line, TP_ESYNTAX, "%s %s '%s'", what,
                        name, shown);
}

/* Output errors: the RDATA limit, or memory. */
static tp_err_t fail_out(parse_ctx_t *c, unsigned line, tp_err_t err)
{
    if (err == TP_ENOSPACE)
        return tp_text_fail(c->lex->err, line, TP_ESYNTAX,
                            "RDATA longer than 65535 octets");
    return tp_text_fail(c->lex->err, line, err, "%s", tp_err_str(err));
}

static tp_err_t need_word(parse_ctx_t *c, tp_tok_t *tok)
{
    char name[48] = "field";
    tp_err_t err = tp_lex_next(c->lex, tok);

    if (err != TP_OK || tok->kind == TP_TOK_WORD)
        return err;
    if (c->fmt != NULL)
        tp_rdata_field_name(c->fmt, c->field, name, sizeof(name));
    return tp_text_fail(c->lex->err, tok->line, TP_ESYNTAX,
                        "RDATA too short: missing %s", name);
}

/* Concatenate the remaining fields of the entry into text. */
static tp_err_t gather_rest(parse_ctx_t *c, tp_buf_t *text, unsigned *line)
{
    tp_tok_t tok;
    tp_err_t err;

    *line = c->lex->line;
    for (;;) {
        err = tp_lex_peek(c->lex, &tok);
        if (err != TP_OK)
            return err;
        if (tok.kind != TP_TOK_WORD)
            return TP_OK;
        tp_lex_skip(c->lex);
        *line = tok.line;
        err = tp_buf_append(text, tok.text, tok.len);
        if (err != TP_OK)
            return fail_out(c, tok.line, err);
    }
}

static tp_err_t parse_number(parse_ctx_t *c, tp_field_t kind)
{
    static const uint32_t max[] = {[TP_F_U8] = UINT8_MAX,
                                   [TP_F_U16] = UINT16_MAX,
                                   [TP_F_U32] = UINT32_MAX};
    tp_tok_t tok;
    uint32_t v;
    tp_err_t err = need_word(c, &tok);

    if (err != TP_OK)
        return err;
    if (kind == TP_F_TTL) {
        if (!tp_text_ttl(tok.text, tok.len, &v))
            return fail_tok(c, &tok, "bad");
    } else if (!tp_text_u32(tok.text, tok.len, max[kind], &v)) {
        return fail_tok(c, &tok, "bad number for");
    }
    if (kind == TP_F_U8)
        err = tp_buf_append_u8(c->out, (uint8_t)v);
    else if (kind == TP_F_U16)
        err = tp_buf_append_u16(c->out, (uint16_t)v);
    else
        err = tp_buf_append_u32(c->out, v);
    return err != TP_OK ? fail_out(c, tok.line, err) : TP_OK;
}

/* RFC 4034 Appendix A.1 mnemonics (and later registrations). */
static const struct {
    uint8_t number;
    const char *name;
} algorithms[] = {
    {1, "RSAMD5"},
    {2, "DH"},
    {3, "DSA"},
    {5, "RSASHA1"},
    {6, "DSA-NSEC3-SHA1"},
    {7, "RSASHA1-NSEC3-SHA1"},
    {8, "RSASHA256"},
    {10, "RSASHA512"},
    {12, "ECC-GOST"},
    {13, "ECDSAP256SHA256"},
    {14, "ECDSAP384SHA384"},
    {15, "ED25519"},
    {16, "ED448"},
    {252, "INDIRECT"},
    {253, "PRIVATEDNS"},
    {254, "PRIVATEOID"},
};

static tp_err_t parse_alg(parse_ctx_t *c)
{
    tp_tok_t tok;
    uint32_t v;
    tp_err_t err = need_word(c, &tok);

    if (err != TP_OK)
        return err;
    if (!tp_text_u32(tok.text, tok.len, UINT8_MAX, &v)) {
        size_t i, n = sizeof(algorithms) / sizeof(algorithms[0]);

        for (i = 0; i < n; i++)
            if (strlen(algorithms[i].name) == tok.len &&
                strncasecmp(algorithms[i].name, tok.text, tok.len) == 0)
                break;
        if (i == n)
            return fail_tok(c, &tok, "unknown");
        v = algorithms[i].number;
    }
    err = tp_buf_append_u8(c->out, (uint8_t)v);
    return err != TP_OK ? fail_out(c, tok.line, err) : TP_OK;
}

static tp_err_t parse_name(parse_ctx_t *c)
{
    uint8_t name[TP_NAME_MAX];
    size_t len;
    tp_tok_t tok;
    tp_err_t err = need_word(c, &tok);

    if (err == TP_OK)
        err = tp_text_name(&tok, c->origin, c->lex->err, name, &len);
    if (err == TP_OK && (err = tp_buf_append(c->out, name, len)) != TP_OK)
        return fail_out(c, tok.line, err);
    return err;
}

static tp_err_t parse_address(parse_ctx_t *c, int family)
{
    uint8_t addr[16];
    char text[64];
    tp_tok_t tok;
    tp_err_t err = need_word(c, &tok);

    if (err != TP_OK)
        return err;
    if (tok.len >= sizeof(text))
        return fail_tok(c, &tok, "bad");
    memcpy(text, tok.text, tok.len);
    text[tok.len] = '\0';
    if (inet_pton(family, text, addr) != 1)
        return fail_tok(c, &tok, "bad");
    err = tp_buf_append(c->out, addr, family == AF_INET ? 4 : 16);
    return err != TP_OK ? fail_out(c, tok.line, err) : TP_OK;
}

/* One <character-string>: \X is X, \DDD is the octet DDD (RFC 1035 5.1). */
static tp_err_t append_string(parse_ctx_t *c, const tp_tok_t *tok)
{
    uint8_t s[255];
    size_t n = 0;
    tp_err_t err;

    for (size_t i = 0; i < tok->len; i++) {
        unsigned v = (unsigned char)tok->text[i];

        if (v == '\\' && i + 1 < tok->len) {
            i++;
            v = (unsigned char)tok->text[i];
            if (isdigit((int)v)) {
                if (i + 2 >= tok->len ||
                    !isdigit((unsigned char)tok->text[i + 1]) ||
                    !isdigit((unsigned char)tok->text[i + 2]))
                    return fail_tok(c, tok, "truncated \\DDD escape in");
                v = (v - '0') * 100 + (unsigned)(tok->text[i + 1] - '0') * 10 +
                    (unsigned)(tok->text[i + 2] - '0');
                if (v > 255)
                    return fail_tok(c, tok, "\\DDD escape above 255 in");
                i += 2;
            }
        }
        if (n == sizeof(s))
            return fail_tok(c, tok, "over 255 octets in");
        s[n++] = (uint8_t)v;
    }
    err = tp_buf_append_u8(c->out, (uint8_t)n);
    if (err == TP_OK)
        err = tp_buf_append(c->out, s, n);
    return err != TP_OK ? fail_out(c, tok->line, err) : TP_OK;
}

static tp_err_t parse_strings(parse_ctx_t *c, bool many)
{
    tp_tok_t tok;
    tp_err_t err = need_word(c, &tok);

    while (err == TP_OK) {
        err = append_string(c, &tok);
        if (err != TP_OK || !many)
            return err;
        err = tp_lex_peek(c->lex, &tok);
        if (err != TP_OK || tok.kind != TP_TOK_WORD)
            return err;
        tp_lex_skip(c->lex);
    }
    return err;
}

static tp_err_t parse_type(parse_ctx_t *c)
{
    uint16_t type;
    tp_tok_t tok;
    tp_err_t err = need_word(c, &tok);

    if (err != TP_OK)
        return err;
    if (tp_type_from_text(tok.text, tok.len, &type) != TP_OK)
        return fail_tok(c, &tok, "unknown type mnemonic for");
    err = tp_buf_append_u16(c->out, type);
    return err != TP_OK ? fail_out(c, tok.line, err) : TP_OK;
}

static tp_err_t parse_time(parse_ctx_t *c)
{
    uint32_t t;
    tp_tok_t tok;
    tp_err_t err = need_word(c, &tok);

    if (err != TP_OK)
        return err;
    if (tp_rrsig_time_from_text(tok.text, tok.len, &t) != TP_OK)
        return fail_tok(c, &tok, "bad time for");
    err = tp_buf_append_u32(c->out, t);
    return err != TP_OK ? fail_out(c, tok.line, err) : TP_OK;
}

/* Base64 or hex running to the end of the entry, at least one octet. */
static tp_err_t parse_rest(parse_ctx_t *c, tp_field_t kind)
{
    tp_buf_t text;
    tp_tok_t tok;
    unsigned line;
    size_t before = c->out->len;
    tp_err_t err = tp_lex_peek(c->lex, &tok);

    if (err != TP_OK)
        return err;
    if (tok.kind != TP_TOK_WORD)
        return need_word(c, &tok); /* reports the missing field */
    tp_buf_init(&text, GATHER_MAX);
    err = gather_rest(c, &text, &line);
    if (err == TP_OK) {
        const char *s = tp_buf_str(&text);

        err = kind == TP_F_BASE64 ? tp_base64_decode(s, text.len, c->out)
                                  : tp_hex_decode(s, text.len, c->out);
        if (err == TP_ESYNTAX)
            err = fail_tok(
                c, &tok, kind == TP_F_BASE64 ? "bad base64 in" : "bad hex in");
        else if (err != TP_OK)
            err = fail_out(c, line, err);
        else if (c->out->len == before)
            err = fail_tok(c, &tok, "empty");
    }
    tp_buf_clear(&text);
    return err;
}

/* Salt or next hashed owner: one field, preceded by its length octet. */
static tp_err_t parse_counted(parse_ctx_t *c, tp_field_t kind)
{
    tp_buf_t bin;
    tp_tok_t tok;
    tp_err_t err = need_word(c, &tok);

    if (err != TP_OK)
        return err;
    tp_buf_init(&bin, 255);
    if (kind == TP_F_SALT && tok.len == 1 && tok.text[0] == '-')
        err = TP_OK; /* empty salt */
    else if (kind == TP_F_SALT)
        err = tp_hex_decode(tok.text, tok.len, &bin);
    else
        err = tp_base32hex_decode(tok.text, tok.len, &bin);
    if (err == TP_ENOSPACE)
        err = fail_tok(c, &tok, "over 255 octets in");
    else if (err != TP_OK || (kind == TP_F_B32 && bin.len == 0))
        err = fail_tok(c, &tok, "bad");
    else if ((err = tp_buf_append_u8(c->out, (uint8_t)bin.len)) == TP_OK)
        err = tp_buf_append(c->out, bin.data, bin.len);
    if (err == TP_ENOSPACE || err == TP_ENOMEM)
        err = fail_out(c, tok.line, err);
    tp_buf_clear(&bin);
    return err;
}

/* Type bitmap (RFC 4034 4.1.2): windows in increasing order, each as long
 * as its highest set bit needs. */
static tp_err_t parse_bitmap(parse_ctx_t *c)
{
    uint8_t bits[8192];
    tp_tok_t tok;
    tp_err_t err;

    memset(bits, 0, sizeof(bits));
    for (;;) {
        uint16_t type;

        err = tp_lex_peek(c->lex, &tok);
        if (err != TP_OK)
            return err;
        if (tok.kind != TP_TOK_WORD)
            break;
        tp_lex_skip(c->lex);
        if (tp_type_from_text(tok.text, tok.len, &type) != TP_OK)
            return fail_tok(c, &tok, "unknown type mnemonic in");
        bits[type >> 3] |= (uint8_t)(0x80 >> (type & 7));
    }
    for (unsigned w = 0; w < 256; w++) {
        const uint8_t *win = bits + w * 32;
        unsigned len = 32;

        while (len > 0 && win[len - 1] == 0)
            len--;
        if (len == 0)
            continue;
        err = tp_buf_append_u8(c->out, (uint8_t)w);
        if (err == TP_OK)
            err = tp_buf_append_u8(c->out, (uint8_t)len);
        if (err == TP_OK)
            err = tp_buf_append(c->out, win, len);
        if (err != TP_OK)
            return fail_out(c, tok.line, err);
    }
    return TP_OK;
}

static tp_err_t parse_field(parse_ctx_t *c, tp_field_t kind)
{
    switch (kind) {
    case TP_F_U8:
    case TP_F_U16:
    case TP_F_U32:
    case TP_F_TTL:
        return parse_number(c, kind);
    case TP_F_NAME:
        return parse_name(c);
    case TP_F_A:
        return parse_address(c, AF_INET);
    case TP_F_AAAA:
        return parse_address(c, AF_INET6);
    case TP_F_STR:
    case TP_F_STRS:
        return parse_strings(c, kind == TP_F_STRS);
    case TP_F_TYPE:
        return parse_type(c);
    case TP_F_ALG:
        return parse_alg(c);
    case TP_F_TIME:
        return parse_time(c);
    case TP_F_BASE64:
    case TP_F_HEX:
        return parse_rest(c, kind);
    case TP_F_SALT:
    case TP_F_B32:
        return parse_counted(c, kind);
    case TP_F_BITMAP:
        return parse_bitmap(c);
    case TP_F_END:
        break;
    }
    return TP_EINVAL;
}

/* RFC 3597 section 5: "\#", the RDATA length, then hex (maybe none). */
static tp_err_t parse_generic(parse_ctx_t *c)
{
    tp_tok_t tok;
    uint32_t declared;
    size_t before = c->out->len;
    tp_err_t err;

    tp_lex_skip(c->lex); /* the "\#" */
    err = tp_lex_next(c->lex, &tok);
    if (err != TP_OK)
        return err;
    if (tok.kind != TP_TOK_WORD)
        return tp_text_fail(c->lex->err, tok.line, TP_ESYNTAX,
                            "RFC 3597 \\# without RDATA length");
    if (!tp_text_u32(tok.text, tok.len, TP_RDATA_MAX, &declared))
        return tp_text_fail(c->lex->err, tok.line, TP_ESYNTAX,
                            "bad RFC 3597 RDATA length");
    err = tp_lex_peek(c->lex, &tok);
    if (err == TP_OK && tok.kind == TP_TOK_WORD) {
        tp_buf_t text;
        unsigned line;

        tp_buf_init(&text, GATHER_MAX);
        err = gather_rest(c, &text, &line);
        if (err == TP_OK) {
            err = tp_hex_decode(tp_buf_str(&text), text.len, c->out);
            if (err == TP_ESYNTAX)
                err = tp_text_fail(c->lex->err, line, err,
                                   "bad hex in RFC 3597 RDATA");
            else if (err != TP_OK)
                err = fail_out(c, line, err);
        }
        tp_buf_clear(&text);
    }
    if (err == TP_OK && c->out->len - before != declared)
        err = tp_text_fail(c->lex->err, tok.line, TP_ESYNTAX,
                           "RFC 3597 RDATA has %zu octets, length says %u",
                           c->out->len - before, (unsigned)declared);
    return err;
}

static bool is_generic_marker(const tp_tok_t *tok)
{
    return tok->kind == TP_TOK_WORD && !tok->quoted && tok->len == 2 &&
           tok->text[0] == '\\' && tok->text[1] == '#';
}

tp_err_t tp_rdata_parse_lex(uint16_t type, tp_lex_t *lex, const uint8_t *origin,
                            tp_buf_t *out)
{
    parse_ctx_t c = {lex, origin, out, tp_rdata_format(type), 0};
    tp_tok_t tok;
    tp_err_t err = tp_lex_peek(lex, &tok);

    if (err != TP_OK)
        return err;
    if (is_generic_marker(&tok)) {
        c.fmt = NULL;
        err = parse_generic(&c);
    } else if (c.fmt == NULL) {
        char buf[16];

        return tp_text_fail(lex->err, tok.line, TP_ESYNTAX,
                            "type %s has no presentation format here; use "
                            "the RFC 3597 form \\# <length> <hex>",
                            tp_type_to_text(type, buf));
    } else {
        for (; c.fmt->fields[c.field] != TP_F_END && err == TP_OK; c.field++)
            err = parse_field(&c, c.fmt->fields[c.field]);
    }
    if (err != TP_OK)
        return err;
    err = tp_lex_next(lex, &tok);
    if (err == TP_OK && tok.kind == TP_TOK_WORD) {
        char shown[48];

        tp_text_quote(&tok, shown, sizeof(shown));
        return tp_text_fail(lex->err, tok.line, TP_ESYNTAX,
                            "trailing data '%s' after the RDATA", shown);
    }
    return err;
}

tp_err_t tp_rdata_from_text(uint16_t type, const char *text, size_t len,
                            const uint8_t *origin, tp_arena_t *arena,
                            tp_bytes_t *out, tp_text_error_t *err_out)
{
    tp_lex_t lex;
    tp_buf_t buf;
    tp_tok_t tok;
    tp_err_t err;

    if ((text == NULL && len != 0) || arena == NULL || out == NULL)
        return TP_EINVAL;
    tp_lex_init(&lex, text, len, err_out);
    tp_buf_init(&buf, TP_RDATA_MAX);
    err = tp_rdata_parse_lex(type, &lex, origin, &buf);
    /* Only one entry: after the RDATA nothing but blanks may follow. */
    while (err == TP_OK && (err = tp_lex_next(&lex, &tok)) == TP_OK &&
           tok.kind != TP_TOK_EOF)
        if (tok.kind == TP_TOK_WORD)
            err = tp_text_fail(err_out, tok.line, TP_ESYNTAX,
                               "more than one RDATA in the text");
    if (err == TP_OK) {
        const void *src = buf.len > 0 ? (const void *)buf.data : "";
        void *copy = tp_arena_memdup(arena, src, buf.len);

        if (copy == NULL)
            err = tp_text_fail(err_out, lex.line, TP_ENOMEM, "out of memory");
        else
            *out = tp_bytes(copy, buf.len);
    }
    tp_buf_clear(&buf);
    return err;
}
