/* The bounded reader every wire parser goes through: reads never pass `end`,
 * and the first failure is sticky so a whole record is checked once. */
#include "trustpath/wire.h"

tp_rd_t tp_rd_init(const uint8_t *msg, size_t len)
{
    static const uint8_t empty[1];
    tp_rd_t r = {msg, len, 0, len, TP_OK};

    /* Never a NULL base: pointer arithmetic on it would be undefined. */
    if (msg == NULL) {
        r.msg = empty;
        r.msg_len = r.end = 0;
        if (len != 0)
            r.err = TP_EINVAL;
    }
    return r;
}

void tp_rd_fail(tp_rd_t *r, tp_err_t err)
{
    if (r->err == TP_OK)
        r->err = err;
}

size_t tp_rd_left(const tp_rd_t *r)
{
    if (r->err != TP_OK || r->pos > r->end)
        return 0;
    return r->end - r->pos;
}

const uint8_t *tp_rd_take(tp_rd_t *r, size_t n)
{
    const uint8_t *p;

    if (r->err == TP_OK && n > tp_rd_left(r))
        tp_rd_fail(r, TP_ETRUNCATED);
    if (r->err != TP_OK)
        return NULL;
    p = r->msg + r->pos;
    r->pos += n;
    return p;
}

uint8_t tp_rd_u8(tp_rd_t *r)
{
    const uint8_t *p = tp_rd_take(r, 1);

    return p != NULL ? p[0] : 0;
}

uint16_t tp_rd_u16(tp_rd_t *r)
{
    const uint8_t *p = tp_rd_take(r, 2);

    if (p == NULL)
        return 0;
    return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

uint32_t tp_rd_u32(tp_rd_t *r)
{
    const uint8_t *p = tp_rd_take(r, 4);

    if (p == NULL)
        return 0;
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

tp_rd_t tp_rd_sub(tp_rd_t *r, size_t len)
{
    tp_rd_t sub = *r;

    if (tp_rd_take(r, len) == NULL) {
        sub.end = sub.pos;
        sub.err = r->err;
        return sub;
    }
    sub.end = sub.pos + len;
    return sub;
}

tp_err_t tp_rd_finish(const tp_rd_t *r)
{
    if (r->err != TP_OK)
        return r->err;
    return r->pos == r->end ? TP_OK : TP_ETRAILING;
}
