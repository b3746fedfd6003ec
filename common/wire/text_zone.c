/* Zone-file entries (RFC 1035 section 5.1, RFC 2308 section 4): $ORIGIN and
 * $TTL, owner names ("@", relative, inherited from the previous entry when
 * the line starts with a blank), TTL and class in either order or absent,
 * then the type and its RDATA. Used for trust-anchor files (DS/DNSKEY lines
 * as unbound and BIND read them), root hints and test fixtures. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text_int.h"

typedef struct zone_ctx {
    tp_lex_t lex;
    tp_text_error_t *err;
    tp_arena_t *arena;
    tp_rrlist_t *out;
    tp_buf_t rdata;
    uint8_t origin[TP_NAME_MAX];
    bool has_origin;
    uint8_t owner[TP_NAME_MAX];
    size_t owner_len; /* 0: no owner yet */
    uint32_t ttl;     /* $TTL, or the caller's default */
    uint16_t rclass;  /* class of the previous entry (RFC 1035 5.1) */
} zone_ctx_t;

static const uint8_t *ctx_origin(const zone_ctx_t *z)
{
    return z->has_origin ? z->origin : NULL;
}

static tp_err_t fail_tok(zone_ctx_t *z, const tp_tok_t *tok, tp_err_t code,
                         const char *what)
{
    char shown[48];

    tp_text_quote(tok, shown, sizeof(shown));
    return tp_text_fail(z->err, tok->line, code, "%s '%s'", what, shown);
}

/* The entry must end here (comments and blanks aside). */
static tp_err_t expect_end(zone_ctx_t *z)
{
    tp_tok_t tok;
    tp_err_t err = tp_lex_next(&z->lex, &tok);

    if (err == TP_OK && tok.kind == TP_TOK_WORD)
        return fail_tok(z, &tok, TP_ESYNTAX, "unexpected field");
    return err;
}

static tp_err_t directive_arg(zone_ctx_t *z, const tp_tok_t *dir, tp_tok_t *arg)
{
    tp_err_t err = tp_lex_next(&z->lex, arg);

    if (err == TP_OK && arg->kind != TP_TOK_WORD)
        return fail_tok(z, dir, TP_ESYNTAX, "missing argument to");
    return err;
}

static tp_err_t directive(zone_ctx_t *z, const tp_tok_t *dir)
{
    tp_tok_t arg;
    tp_err_t err;

    if (dir->len == 7 && strncasecmp(dir->text, "$ORIGIN", 7) == 0) {
        uint8_t name[TP_NAME_MAX];
        size_t len;

        err = directive_arg(z, dir, &arg);
        if (err == TP_OK)
            err = tp_text_name(&arg, ctx_origin(z), z->err, name, &len);
        if (err != TP_OK)
            return err;
        memcpy(z->origin, name, len);
        z->has_origin = true;
        return expect_end(z);
    }
    if (dir->len == 4 && strncasecmp(dir->text, "$TTL", 4) == 0) {
        err = directive_arg(z, dir, &arg);
        if (err != TP_OK)
            return err;
        if (!tp_text_ttl(arg.text, arg.len, &z->ttl))
            return fail_tok(z, &arg, TP_ESYNTAX, "bad TTL");
        return expect_end(z);
    }
    if ((dir->len == 8 && strncasecmp(dir->text, "$INCLUDE", 8) == 0) ||
        (dir->len == 9 && strncasecmp(dir->text, "$GENERATE", 9) == 0))
        return fail_tok(z, dir, TP_EUNSUPPORTED, "unsupported directive");
    return fail_tok(z, dir, TP_ESYNTAX, "unknown directive");
}

static tp_err_t next_field(zone_ctx_t *z, tp_tok_t *tok, const char *missing)
{
    tp_err_t err = tp_lex_next(&z->lex, tok);

    if (err == TP_OK && tok->kind != TP_TOK_WORD)
        return tp_text_fail(z->err, tok->line, TP_ESYNTAX, "missing %s",
                            missing);
    return err;
}

/* [TTL] [CLASS] or [CLASS] [TTL], then the type; tok holds the first. */
static tp_err_t ttl_class_type(zone_ctx_t *z, tp_tok_t *tok, tp_rr_t *rr)
{
    bool has_ttl = false, has_class = false;
    tp_err_t err = TP_OK;

    rr->ttl = z->ttl;
    rr->rclass = z->rclass;
    for (int i = 0; i < 2 && err == TP_OK; i++) {
        if (!has_ttl && tok->len > 0 && isdigit((unsigned char)tok->text[0])) {
            if (!tp_text_ttl(tok->text, tok->len, &rr->ttl))
                return fail_tok(z, tok, TP_ESYNTAX, "bad TTL");
            has_ttl = true;
        } else if (!has_class && tp_class_from_text(tok->text, tok->len,
                                                    &rr->rclass) == TP_OK) {
            has_class = true;
        } else {
            break;
        }
        err = next_field(z, tok, "type");
    }
    if (err != TP_OK)
        return err;
    if (tp_type_from_text(tok->text, tok->len, &rr->type) != TP_OK)
        return fail_tok(z, tok, TP_ESYNTAX, "unknown type mnemonic");
    z->rclass = rr->rclass;
    return TP_OK;
}

static tp_err_t store(zone_ctx_t *z, tp_rr_t *rr, unsigned line)
{
    const void *data = z->rdata.len > 0 ? (const void *)z->rdata.data : "";
    uint8_t *owner = tp_arena_memdup(z->arena, z->owner, z->owner_len);
    uint8_t *rdata = tp_arena_memdup(z->arena, data, z->rdata.len);
    tp_err_t err = TP_ENOMEM;

    if (owner != NULL && rdata != NULL) {
        rr->owner = owner;
        rr->rdata = tp_bytes(rdata, z->rdata.len);
        rr->raw = rr->rdata;
        err = tp_rrlist_push(z->out, z->arena, rr);
    }
    if (err != TP_OK)
        return tp_text_fail(z->err, line, err, "cannot store the record: %s",
                            tp_err_str(err));
    return TP_OK;
}

static tp_err_t entry(zone_ctx_t *z, tp_tok_t *tok)
{
    unsigned line = tok->line;
    tp_rr_t rr;
    tp_err_t err;

    memset(&rr, 0, sizeof(rr));
    if (tok->at_line_start) {
        err = tp_text_name(tok, ctx_origin(z), z->err, z->owner, &z->owner_len);
        if (err != TP_OK) {
            z->owner_len = 0;
            return err;
        }
        err = next_field(z, tok, "type");
        if (err != TP_OK)
            return err;
    } else if (z->owner_len == 0) {
        return tp_text_fail(z->err, line, TP_ESYNTAX,
                            "no owner name: the first record's line starts "
                            "with a blank");
    }
    err = ttl_class_type(z, tok, &rr);
    if (err != TP_OK)
        return err;
    tp_buf_reset(&z->rdata);
    err = tp_rdata_parse_lex(rr.type, &z->lex, ctx_origin(z), &z->rdata);
    if (err != TP_OK)
        return err;
    return store(z, &rr, line);
}

tp_err_t tp_zone_parse(const char *text, size_t len, const uint8_t *origin,
                       uint32_t default_ttl, tp_arena_t *arena,
                       tp_rrlist_t *out, tp_text_error_t *err_out)
{
    zone_ctx_t ctx, *z = &ctx;
    tp_tok_t tok;
    tp_err_t err = TP_OK;

    if ((text == NULL && len != 0) || arena == NULL || out == NULL)
        return TP_EINVAL;
    if (err_out != NULL)
        memset(err_out, 0, sizeof(*err_out));
    memset(z, 0, sizeof(*z));
    tp_lex_init(&z->lex, text, len, err_out);
    z->err = err_out;
    z->arena = arena;
    z->out = out;
    z->ttl = default_ttl;
    z->rclass = TP_CLASS_IN;
    if (origin != NULL) {
        memcpy(z->origin, origin, tp_name_len(origin));
        z->has_origin = true;
    }
    tp_buf_init(&z->rdata, TP_RDATA_MAX);
    while (err == TP_OK) {
        err = tp_lex_next(&z->lex, &tok);
        if (err != TP_OK || tok.kind == TP_TOK_EOF)
            break;
        if (tok.kind == TP_TOK_EOL)
            continue;
        if (tok.at_line_start && !tok.quoted && tok.len > 0 &&
            tok.text[0] == '$')
            err = directive(z, &tok);
        else
            err = entry(z, &tok);
    }
    tp_buf_clear(&z->rdata);
    return err;
}
