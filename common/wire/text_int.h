/* Internal interface of the presentation-format code (text_*.c): the
 * zone-file tokenizer (RFC 1035 section 5.1), error reporting, number and
 * TTL fields, and the RDATA parser entry point the zone parser shares with
 * tp_rdata_from_text. Not part of the public API. */
#ifndef TRUSTPATH_TEXT_INT_H
#define TRUSTPATH_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/text.h"

/* RDATA is at most 65535 octets (RFC 1035 3.2.1). */
#define TP_RDATA_MAX 65535

typedef enum tp_tok_kind {
    TP_TOK_WORD, /* a field: bare word or quoted string */
    TP_TOK_EOL,  /* end of an entry (newline outside parentheses) */
    TP_TOK_EOF
} tp_tok_kind_t;

/** One token, borrowed from the text. Escapes (\X, \DDD) are left in place
 * for the field decoder; quotes are stripped. */
typedef struct tp_tok {
    tp_tok_kind_t kind;
    const char *text;
    size_t len;
    bool quoted;
    bool at_line_start; /* began in column 0 outside parentheses */
    unsigned line;
} tp_tok_t;

typedef struct tp_lex {
    const char *text;
    size_t len;
    size_t pos;
    unsigned line;       /* current physical line, from 1 */
    unsigned paren_line; /* line of the open '(' (0: none open) */
    bool has_peek;
    tp_tok_t peek;
    tp_err_t failed;      /* sticky: a lexical error ends the text */
    tp_text_error_t *err; /* may be NULL */
} tp_lex_t;

void tp_lex_init(tp_lex_t *lex, const char *text, size_t len,
                 tp_text_error_t *err);
/** Next token; TP_ESYNTAX (with err filled) on a lexical error. */
TP_NODISCARD tp_err_t tp_lex_next(tp_lex_t *lex, tp_tok_t *out);
/** The token tp_lex_next would return, without consuming it. */
TP_NODISCARD tp_err_t tp_lex_peek(tp_lex_t *lex, tp_tok_t *out);

/** Drop the token tp_lex_peek returned. */
void tp_lex_skip(tp_lex_t *lex);

/** Record a failure (message formatted like printf) and return code. */
tp_err_t tp_text_fail(tp_text_error_t *err, unsigned line, tp_err_t code,
                      const char *fmt, ...) TP_PRINTF(4, 5);
/** Copy a token into dst as printable text for a message (truncated). */
void tp_text_quote(const tp_tok_t *tok, char *dst, size_t dst_len);

/** Decimal number 0..max, digits only. */
bool tp_text_u32(const char *text, size_t len, uint32_t max, uint32_t *out);
/** TTL: decimal seconds or BIND units (1w2d3h4m5s), at most 2^32-1. */
bool tp_text_ttl(const char *text, size_t len, uint32_t *out);

/* Field kinds of the RDATA formats; one table drives parsing and printing. */
typedef enum tp_field {
    TP_F_END = 0,
    TP_F_U8,
    TP_F_U16,
    TP_F_U32,
    TP_F_TTL,    /* 32 bits; unit letters accepted when parsing */
    TP_F_NAME,   /* uncompressed domain name */
    TP_F_A,      /* 4 octets, dotted quad */
    TP_F_AAAA,   /* 16 octets, RFC 4291 text */
    TP_F_STR,    /* one <character-string> */
    TP_F_STRS,   /* one or more <character-string>s up to the end */
    TP_F_TYPE,   /* 16-bit type as a mnemonic */
    TP_F_ALG,    /* 8-bit DNSSEC algorithm, number or mnemonic */
    TP_F_TIME,   /* RRSIG time, RFC 4034 3.2 */
    TP_F_BASE64, /* the rest, at least one octet */
    TP_F_HEX,    /* the rest, at least one octet */
    TP_F_SALT,   /* length octet + octets; "-" when empty (RFC 5155 3.3) */
    TP_F_B32,    /* length octet + octets in base32hex (RFC 5155 3.3) */
    TP_F_BITMAP  /* type bitmap up to the end (RFC 4034 4.1.2) */
} tp_field_t;

#define TP_FIELDS_MAX 10

typedef struct tp_rdata_format {
    uint16_t type;
    tp_field_t fields[TP_FIELDS_MAX]; /* TP_F_END terminated */
    const char *names;                /* field names for messages, '/' sep. */
} tp_rdata_format_t;

/** The format of `type`, or NULL: only the RFC 3597 form applies. */
const tp_rdata_format_t *tp_rdata_format(uint16_t type);
/** Name of field i of fmt for messages, copied into out. */
void tp_rdata_field_name(const tp_rdata_format_t *fmt, size_t i, char *out,
                         size_t out_len);

/** Parse the RDATA of `type` from lex up to the end of the entry (the EOL
 * or EOF token is consumed) and append the wire form to out. */
TP_NODISCARD tp_err_t tp_rdata_parse_lex(uint16_t type, tp_lex_t *lex,
                                         const uint8_t *origin, tp_buf_t *out);
/** Parse a domain name token: escapes, "@", relative names (an error when
 * origin is NULL). */
TP_NODISCARD tp_err_t tp_text_name(const tp_tok_t *tok, const uint8_t *origin,
                                   tp_text_error_t *err,
                                   uint8_t out[TP_NAME_MAX], size_t *len_out);

#endif /* TRUSTPATH_TEXT_INT_H */
