/* RDATA and RRs as zone-file text, driven by the field table of
 * text_format.c: RRSIG times as YYYYMMDDHHmmSS (RFC 4034 3.2), NSEC3 salt
 * "-" when empty and next hashed owner in base32hex (RFC 5155 3.3), type
 * bitmaps as mnemonics or TYPEnnn. RDATA that does not fit its type's
 * format (or could not be read back to the same octets) is printed in the
 * RFC 3597 "\# len hex" form, so printing then parsing is always lossless. */
#include <arpa/inet.h>

#include "text_int.h"

/* Keep the buffer's NUL termination when dropping a partial field list. */
static void buf_truncate(tp_buf_t *out, size_t len)
{
    out->len = len;
    if (out->data != NULL)
        out->data[len] = 0;
}

static tp_err_t print_string(tp_bytes_t s, tp_buf_t *out)
{
    tp_err_t err = tp_buf_append_u8(out, '"');

    for (size_t i = 0; i < s.len && err == TP_OK; i++) {
        uint8_t c = s.data[i];

        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};

            err = tp_buf_append(out, esc, 2);
        } else if (c < 0x20 || c >= 0x7f) {
            err = tp_buf_printf(out, "\\%03u", (unsigned)c);
        } else {
            err = tp_buf_append_u8(out, c);
        }
    }
    return err != TP_OK ? err : tp_buf_append_u8(out, '"');
}

/* Accepts only the canonical encoding (RFC 4034 4.1.2: increasing windows,
 * lengths 1..32, no trailing zero octet) so the printed mnemonics encode
 * back to the same octets. */
static bool bitmap_is_canonical(const uint8_t *p, size_t len)
{
    int last = -1;

    while (len > 0) {
        unsigned win, n;

        if (len < 2)
            return false;
        win = p[0];
        n = p[1];
        if ((int)win <= last || n < 1 || n > 32 || len - 2 < n || p[1 + n] == 0)
            return false;
        last = (int)win;
        p += 2 + n;
        len -= 2 + n;
    }
    return true;
}

static tp_err_t print_bitmap(const uint8_t *p, size_t len, tp_buf_t *out)
{
    tp_err_t err = TP_OK;

    if (!bitmap_is_canonical(p, len))
        return TP_EMALFORMED;
    while (len > 0 && err == TP_OK) {
        unsigned win = p[0], n = p[1];

        for (unsigned i = 0; i < n * 8 && err == TP_OK; i++) {
            char buf[16];

            if ((p[2 + i / 8] & (0x80 >> (i % 8))) == 0)
                continue;
            err = tp_buf_printf(out, " %s",
                                tp_type_to_text((uint16_t)(win << 8 | i), buf));
        }
        p += 2 + n;
        len -= 2 + n;
    }
    return err;
}

static tp_err_t print_name(tp_rd_t *r, tp_buf_t *out)
{
    uint8_t name[TP_NAME_MAX];
    char text[TP_NAME_TEXT_MAX];
    size_t len;

    if (tp_name_read(r, false, name, &len) != TP_OK)
        return TP_EMALFORMED;
    tp_name_to_text(name, text);
    return tp_buf_append_str(out, text);
}

static tp_err_t print_address(tp_rd_t *r, int family, tp_buf_t *out)
{
    const uint8_t *a = tp_rd_take(r, family == AF_INET ? 4 : 16);
    char text[64];

    if (a == NULL || inet_ntop(family, a, text, sizeof(text)) == NULL)
        return TP_EMALFORMED;
    return tp_buf_append_str(out, text);
}

/* A length octet and that many octets. */
static tp_err_t take_counted(tp_rd_t *r, tp_bytes_t *s)
{
    size_t n = tp_rd_u8(r);
    const uint8_t *p = tp_rd_take(r, n);

    if (p == NULL)
        return TP_EMALFORMED;
    *s = tp_bytes(p, n);
    return TP_OK;
}

static tp_err_t print_counted(tp_rd_t *r, tp_field_t kind, tp_buf_t *out)
{
    tp_bytes_t s;

    if (take_counted(r, &s) != TP_OK)
        return TP_EMALFORMED;
    if (kind == TP_F_STR)
        return print_string(s, out);
    if (kind == TP_F_SALT)
        return s.len == 0 ? tp_buf_append_u8(out, '-') : tp_hex_encode(s, out);
    return s.len == 0 ? TP_EMALFORMED : tp_base32hex_encode(s, out);
}

static tp_err_t print_strings(tp_rd_t *r, tp_buf_t *out)
{
    tp_err_t err = print_counted(r, TP_F_STR, out);

    while (err == TP_OK && tp_rd_left(r) > 0) {
        err = tp_buf_append_u8(out, ' ');
        if (err == TP_OK)
            err = print_counted(r, TP_F_STR, out);
    }
    return err;
}

static tp_err_t print_rest(tp_rd_t *r, tp_field_t kind, tp_buf_t *out)
{
    size_t n = tp_rd_left(r);
    const uint8_t *p = tp_rd_take(r, n);

    if (p == NULL)
        return TP_EMALFORMED;
    if (kind == TP_F_BITMAP) {
        if (out->len > 0 && out->data[out->len - 1] == ' ')
            buf_truncate(out, out->len - 1); /* it adds its own blanks */
        return print_bitmap(p, n, out);
    }
    if (n == 0)
        return TP_EMALFORMED;
    return kind == TP_F_BASE64 ? tp_base64_encode(tp_bytes(p, n), out)
                               : tp_hex_encode(tp_bytes(p, n), out);
}

static tp_err_t print_field(tp_rd_t *r, tp_field_t kind, tp_buf_t *out)
{
    char buf[16];
    tp_err_t err;

    switch (kind) {
    case TP_F_U8:
    case TP_F_ALG:
        err = tp_buf_printf(out, "%u", (unsigned)tp_rd_u8(r));
        break;
    case TP_F_U16:
        err = tp_buf_printf(out, "%u", (unsigned)tp_rd_u16(r));
        break;
    case TP_F_U32:
    case TP_F_TTL:
        err = tp_buf_printf(out, "%lu", (unsigned long)tp_rd_u32(r));
        break;
    case TP_F_TYPE:
        err = tp_buf_append_str(out, tp_type_to_text(tp_rd_u16(r), buf));
        break;
    case TP_F_TIME: {
        char t[15];

        tp_rrsig_time_to_text(tp_rd_u32(r), t);
        err = tp_buf_append_str(out, t);
        break;
    }
    case TP_F_NAME:
        return print_name(r, out);
    case TP_F_A:
        return print_address(r, AF_INET, out);
    case TP_F_AAAA:
        return print_address(r, AF_INET6, out);
    case TP_F_STR:
    case TP_F_SALT:
    case TP_F_B32:
        return print_counted(r, kind, out);
    case TP_F_STRS:
        return print_strings(r, out);
    case TP_F_BASE64:
    case TP_F_HEX:
    case TP_F_BITMAP:
        return print_rest(r, kind, out);
    default:
        return TP_EINVAL;
    }
    return r->err != TP_OK ? TP_EMALFORMED : err;
}

static tp_err_t print_fields(const tp_rdata_format_t *fmt, tp_bytes_t rdata,
                             tp_buf_t *out)
{
    tp_rd_t r = tp_rd_init(rdata.data, rdata.len);
    tp_err_t err = TP_OK;

    for (size_t i = 0; fmt->fields[i] != TP_F_END && err == TP_OK; i++) {
        if (i > 0)
            err = tp_buf_append_u8(out, ' ');
        if (err == TP_OK)
            err = print_field(&r, fmt->fields[i], out);
    }
    if (err == TP_OK && tp_rd_finish(&r) != TP_OK)
        err = TP_EMALFORMED;
    return err;
}

static tp_err_t print_generic(tp_bytes_t rdata, tp_buf_t *out)
{
    tp_err_t err = tp_buf_printf(out, "\\# %zu", rdata.len);

    if (err == TP_OK && rdata.len > 0)
        err = tp_buf_append_u8(out, ' ');
    if (err == TP_OK && rdata.len > 0)
        err = tp_hex_encode(rdata, out);
    return err;
}

tp_err_t tp_rdata_to_text(uint16_t type, tp_bytes_t rdata, tp_buf_t *out)
{
    const tp_rdata_format_t *fmt = tp_rdata_format(type);

    if (out == NULL || (rdata.data == NULL && rdata.len != 0))
        return TP_EINVAL;
    if (fmt != NULL && rdata.len > 0) {
        size_t mark = out->len;
        tp_err_t err = print_fields(fmt, rdata, out);

        if (err != TP_EMALFORMED)
            return err;
        buf_truncate(out, mark);
    }
    return print_generic(rdata, out);
}

tp_err_t tp_rr_to_text(const tp_rr_t *rr, tp_buf_t *out)
{
    char owner[TP_NAME_TEXT_MAX], cbuf[16], tbuf[16];
    tp_err_t err;

    if (rr == NULL || rr->owner == NULL || out == NULL)
        return TP_EINVAL;
    tp_name_to_text(rr->owner, owner);
    /* A leading '$' would read back as a directive. */
    err = tp_buf_printf(out, "%s%s %lu %s %s ", owner[0] == '$' ? "\\" : "",
                        owner, (unsigned long)rr->ttl,
                        tp_class_to_text(rr->rclass, cbuf),
                        tp_type_to_text(rr->type, tbuf));
    if (err == TP_OK)
        err = tp_rdata_to_text(rr->type, rr->rdata, out);
    if (err == TP_OK)
        err = tp_buf_append_u8(out, '\n');
    return err;
}
