/* Borrowed byte ranges and bounded growable buffers. */
#ifndef TRUSTPATH_BYTES_H
#define TRUSTPATH_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/err.h"

/** A borrowed byte range: pointer and length never travel apart. */
typedef struct tp_bytes {
    const uint8_t *data;
    size_t len;
} tp_bytes_t;

static inline tp_bytes_t tp_bytes(const void *data, size_t len)
{
    tp_bytes_t b = {(const uint8_t *)data, len};
    return b;
}

/** Growable heap buffer with a mandatory maximum size (curl's dynbuf idea).
 * Always NUL-terminated after its content so text can be used as a string. */
typedef struct tp_buf {
    uint8_t *data;
    size_t len;
    size_t cap;
    size_t max;
} tp_buf_t;

/** Initialise an empty buffer that will refuse to grow past max bytes. */
void tp_buf_init(tp_buf_t *buf, size_t max);

/** Free the storage; leaves an empty, reusable buffer (same max). */
void tp_buf_clear(tp_buf_t *buf);

/** Forget the content, keep the storage. */
void tp_buf_reset(tp_buf_t *buf);

/** Make room for `extra` more bytes (plus the terminating NUL) without
 * changing the content; TP_ENOSPACE past the maximum, TP_ENOMEM. */
TP_NODISCARD tp_err_t tp_buf_reserve(tp_buf_t *buf, size_t extra);
TP_NODISCARD tp_err_t tp_buf_append(tp_buf_t *buf, const void *data,
                                    size_t len);
TP_NODISCARD tp_err_t tp_buf_append_str(tp_buf_t *buf, const char *str);
TP_NODISCARD tp_err_t tp_buf_append_u8(tp_buf_t *buf, uint8_t v);
/** Appends v in network byte order. */
TP_NODISCARD tp_err_t tp_buf_append_u16(tp_buf_t *buf, uint16_t v);
TP_NODISCARD tp_err_t tp_buf_append_u32(tp_buf_t *buf, uint32_t v);
TP_NODISCARD tp_err_t tp_buf_printf(tp_buf_t *buf, const char *fmt, ...)
    TP_PRINTF(2, 3);

/** @return the content as a NUL-terminated string ("" when empty). */
const char *tp_buf_str(const tp_buf_t *buf);

/** Base64 (RFC 4648 section 4), base32hex without padding (section 7, as
 * NSEC3 uses it) and hex. Encoders append to out; decoders append the bytes
 * and accept embedded whitespace. */
TP_NODISCARD tp_err_t tp_base64_encode(tp_bytes_t in, tp_buf_t *out);
TP_NODISCARD tp_err_t tp_base64_decode(const char *text, size_t len,
                                       tp_buf_t *out);
TP_NODISCARD tp_err_t tp_base32hex_encode(tp_bytes_t in, tp_buf_t *out);
TP_NODISCARD tp_err_t tp_base32hex_decode(const char *text, size_t len,
                                          tp_buf_t *out);
TP_NODISCARD tp_err_t tp_hex_encode(tp_bytes_t in, tp_buf_t *out);
TP_NODISCARD tp_err_t tp_hex_decode(const char *text, size_t len,
                                    tp_buf_t *out);

#endif /* TRUSTPATH_BYTES_H */
