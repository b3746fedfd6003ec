/* Base64 (RFC 4648 4), base32hex without padding (RFC 4648 7, as NSEC3
 * owner names and next-hashed fields use it, RFC 5155 3.3) and hex. */
#include <ctype.h>
#include <string.h>

#include "trustpath/bytes.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b32hex[] = "0123456789abcdefghijklmnopqrstuv";
static const char hexdig[] = "0123456789abcdef";

tp_err_t tp_base64_encode(tp_bytes_t in, tp_buf_t *out)
{
    tp_err_t err = TP_OK;
    size_t i;

    for (i = 0; i + 2 < in.len && err == TP_OK; i += 3) {
        uint32_t v = (uint32_t)in.data[i] << 16 |
                     (uint32_t)in.data[i + 1] << 8 | in.data[i + 2];
        char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], b64[(v >> 6) & 63],
                     b64[v & 63]};
        err = tp_buf_append(out, q, 4);
    }
    if (err == TP_OK && i < in.len) {
        uint32_t v = (uint32_t)in.data[i] << 16;
        char q[4] = {0, 0, '=', '='};
        if (i + 1 < in.len)
            v |= (uint32_t)in.data[i + 1] << 8;
        q[0] = b64[v >> 18];
        q[1] = b64[(v >> 12) & 63];
        if (i + 1 < in.len)
            q[2] = b64[(v >> 6) & 63];
        err = tp_buf_append(out, q, 4);
    }
    return err;
}

static int b64_value(char c)
{
    const char *p = c != 0 ? strchr(b64, c) : NULL;

    return p != NULL ? (int)(p - b64) : -1;
}

tp_err_t tp_base64_decode(const char *text, size_t len, tp_buf_t *out)
{
    uint32_t acc = 0;
    unsigned bits = 0, pad = 0, symbols = 0;

    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        int v;

        if (isspace((unsigned char)c))
            continue;
        if (c == '=') {
            pad++;
            symbols++;
            continue;
        }
        v = b64_value(c);
        if (v < 0 || pad != 0)
            return TP_ESYNTAX; /* bad symbol, or data after padding */
        symbols++;
        acc = acc << 6 | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            tp_err_t err = tp_buf_append_u8(out, (uint8_t)(acc >> bits));
            if (err != TP_OK)
                return err;
        }
    }
    if (symbols % 4 != 0 || pad > 2)
        return TP_ESYNTAX;
    return TP_OK;
}

tp_err_t tp_base32hex_encode(tp_bytes_t in, tp_buf_t *out)
{
    uint32_t acc = 0;
    unsigned bits = 0;

    for (size_t i = 0; i < in.len; i++) {
        acc = acc << 8 | in.data[i];
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            tp_err_t err =
                tp_buf_append_u8(out, (uint8_t)b32hex[(acc >> bits) & 31]);
            if (err != TP_OK)
                return err;
        }
    }
    if (bits > 0)
        return tp_buf_append_u8(out, (uint8_t)b32hex[(acc << (5 - bits)) & 31]);
    return TP_OK;
}

tp_err_t tp_base32hex_decode(const char *text, size_t len, tp_buf_t *out)
{
    uint32_t acc = 0;
    unsigned bits = 0;

    for (size_t i = 0; i < len; i++) {
        int c = tolower((unsigned char)text[i]);
        const char *p;

        if (isspace(c))
            continue;
        if (c == '=')
            break;
        p = c != 0 ? strchr(b32hex, c) : NULL;
        if (p == NULL)
            return TP_ESYNTAX;
        acc = acc << 5 | (uint32_t)(p - b32hex);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            tp_err_t err = tp_buf_append_u8(out, (uint8_t)(acc >> bits));
            if (err != TP_OK)
                return err;
        }
    }
    /* Leftover bits must be zero padding (fewer than 5 of them). */
    if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0)
        return TP_ESYNTAX;
    return TP_OK;
}

tp_err_t tp_hex_encode(tp_bytes_t in, tp_buf_t *out)
{
    for (size_t i = 0; i < in.len; i++) {
        char pair[2] = {hexdig[in.data[i] >> 4], hexdig[in.data[i] & 15]};
        tp_err_t err = tp_buf_append(out, pair, 2);
        if (err != TP_OK)
            return err;
    }
    return TP_OK;
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

tp_err_t tp_hex_decode(const char *text, size_t len, tp_buf_t *out)
{
    int high = -1;

    for (size_t i = 0; i < len; i++) {
        int v;

        if (isspace((unsigned char)text[i]))
            continue;
        v = hex_value((unsigned char)text[i]);
        if (v < 0)
            return TP_ESYNTAX;
        if (high < 0) {
            high = v;
            continue;
        }
        tp_err_t err = tp_buf_append_u8(out, (uint8_t)(high << 4 | v));
        if (err != TP_OK)
            return err;
        high = -1;
    }
    return high < 0 ? TP_OK : TP_ESYNTAX;
}
