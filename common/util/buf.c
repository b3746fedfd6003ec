/* Bounded growable buffer: every buffer has a maximum, so hostile input can
 * never make one grow without limit. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustpath/bytes.h"

void tp_buf_init(tp_buf_t *buf, size_t max)
{
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->max = max;
}

void tp_buf_clear(tp_buf_t *buf)
{
    free(buf->data);
    tp_buf_init(buf, buf->max);
}

void tp_buf_reset(tp_buf_t *buf)
{
    buf->len = 0;
    if (buf->data != NULL)
        buf->data[0] = 0;
}

tp_err_t tp_buf_reserve(tp_buf_t *buf, size_t extra)
{
    size_t need, cap;
    uint8_t *p;

    if (extra > buf->max || buf->len > buf->max - extra)
        return TP_ENOSPACE;
    need = buf->len + extra + 1;
    if (need <= buf->cap)
        return TP_OK;
    cap = buf->cap != 0 ? buf->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    if (cap > buf->max + 1)
        cap = buf->max + 1;
    p = realloc(buf->data, cap);
    if (p == NULL)
        return TP_ENOMEM;
    buf->data = p;
    buf->cap = cap;
    return TP_OK;
}

tp_err_t tp_buf_append(tp_buf_t *buf, const void *data, size_t len)
{
    tp_err_t err = tp_buf_reserve(buf, len);

    if (err != TP_OK)
        return err;
    if (len != 0)
        memcpy(buf->data + buf->len, data, len);
    buf->len += len;
    buf->data[buf->len] = 0;
    return TP_OK;
}

tp_err_t tp_buf_append_str(tp_buf_t *buf, const char *str)
{
    return tp_buf_append(buf, str, strlen(str));
}

tp_err_t tp_buf_append_u8(tp_buf_t *buf, uint8_t v)
{
    return tp_buf_append(buf, &v, 1);
}

tp_err_t tp_buf_append_u16(tp_buf_t *buf, uint16_t v)
{
    uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};

    return tp_buf_append(buf, b, sizeof(b));
}

tp_err_t tp_buf_append_u32(tp_buf_t *buf, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8),
                    (uint8_t)v};

    return tp_buf_append(buf, b, sizeof(b));
}

tp_err_t tp_buf_printf(tp_buf_t *buf, const char *fmt, ...)
{
    va_list ap;
    int n;
    tp_err_t err;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return TP_EINVAL;
    err = tp_buf_reserve(buf, (size_t)n);
    if (err != TP_OK)
        return err;
    va_start(ap, fmt);
    vsnprintf((char *)buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
    return TP_OK;
}

const char *tp_buf_str(const tp_buf_t *buf)
{
    return buf->data != NULL ? (const char *)buf->data : "";
}
