/* RDATA through the descriptor table: decompression at parse time (RFC 3597
 * section 4), canonical form (RFC 4034 6.2, RFC 6840 5.1) and canonical
 * order (RFC 4034 6.3). */
#include <string.h>

#include "trustpath/wire.h"
#include "wire_int.h"

/* RDATA never exceeds what RDLENGTH can describe. */
#define RDATA_MAX 65535

typedef struct walk {
    tp_rd_t *r;
    bool from_message; /* names may hold pointers where the table allows */
    bool canonical;    /* lowercase the names the table marks */
    tp_buf_t *out;     /* NULL: validate only */
} walk_t;

static tp_err_t emit(walk_t *w, const uint8_t *p, size_t n)
{
    if (w->out == NULL || n == 0)
        return TP_OK;
    return tp_buf_append(w->out, p, n);
}

static tp_err_t walk_name(walk_t *w, uint8_t kind)
{
    uint8_t name[TP_NAME_MAX];
    size_t n;
    bool compressed = w->from_message && kind == TP_F_NAME_CZ;
    tp_err_t err = tp_name_read(w->r, compressed, name, &n);

    if (err != TP_OK)
        return err;
    if (w->canonical && kind != TP_F_NAME_KEEP)
        tp_name_lower(name);
    return emit(w, name, n);
}

static tp_err_t walk_charstr(walk_t *w)
{
    uint8_t n = tp_rd_u8(w->r);
    const uint8_t *p = tp_rd_take(w->r, n);

    if (p == NULL)
        return w->r->err;
    return emit(w, p - 1, (size_t)n + 1);
}

static tp_err_t walk_field(walk_t *w, const tp_field_t *f)
{
    const uint8_t *p;
    size_t n;
    tp_err_t err;

    switch ((tp_field_kind_t)f->kind) {
    case TP_F_NAME_CZ:
    case TP_F_NAME_LC:
    case TP_F_NAME_KEEP:
        return walk_name(w, f->kind);
    case TP_F_FIXED:
        p = tp_rd_take(w->r, f->len);
        return p != NULL ? emit(w, p, f->len) : w->r->err;
    case TP_F_CHARSTR:
        return walk_charstr(w);
    case TP_F_CHARSTRS:
        do {
            err = walk_charstr(w);
        } while (err == TP_OK && tp_rd_left(w->r) > 0);
        return err;
    case TP_F_REST:
        n = tp_rd_left(w->r);
        p = tp_rd_take(w->r, n);
        return p != NULL ? emit(w, p, n) : w->r->err;
    case TP_F_END:
        break;
    }
    return TP_OK;
}

static tp_err_t walk(walk_t *w, uint16_t type)
{
    const tp_rdesc_t *d = tp_rdesc_find(type);

    for (const tp_field_t *f = d->f; f->kind != TP_F_END; f++) {
        tp_err_t err = walk_field(w, f);
        if (err != TP_OK)
            return err;
    }
    return tp_rd_finish(w->r);
}

static bool may_compress(uint16_t type)
{
    const tp_rdesc_t *d = tp_rdesc_find(type);

    for (const tp_field_t *f = d->f; f->kind != TP_F_END; f++)
        if (f->kind == TP_F_NAME_CZ)
            return true;
    return false;
}

tp_err_t tp_rdata_expand(tp_rd_t *r, uint16_t type, tp_arena_t *arena,
                         tp_bytes_t *out)
{
    const uint8_t *start;
    size_t raw_len;
    tp_buf_t buf;
    walk_t w = {r, true, false, NULL};
    tp_err_t err;

    if (r == NULL || arena == NULL || out == NULL)
        return TP_EINVAL;
    if (r->err != TP_OK)
        return r->err;
    start = r->msg + r->pos;
    raw_len = tp_rd_left(r);
    if (!may_compress(type)) {
        /* Nothing to expand: validate, then copy the octets as they are. */
        err = walk(&w, type);
        if (err != TP_OK)
            return err;
        out->data = tp_arena_memdup(arena, start, raw_len);
        out->len = raw_len;
        return out->data != NULL || raw_len == 0 ? TP_OK : TP_ENOMEM;
    }
    tp_buf_init(&buf, RDATA_MAX);
    w.out = &buf;
    err = walk(&w, type);
    if (err == TP_ENOSPACE)
        err = TP_EMALFORMED; /* expands past what RDLENGTH can carry */
    if (err == TP_OK) {
        out->data = tp_arena_memdup(arena, buf.data, buf.len);
        out->len = buf.len;
        if (out->data == NULL && buf.len != 0)
            err = TP_ENOMEM;
    }
    tp_buf_clear(&buf);
    return err;
}

tp_err_t tp_rdata_canonical(uint16_t type, tp_bytes_t rdata, tp_buf_t *out)
{
    tp_rd_t r = tp_rd_init(rdata.data, rdata.len);
    walk_t w = {&r, false, true, out};
    size_t mark;
    tp_err_t err;

    if (out == NULL || (rdata.data == NULL && rdata.len != 0))
        return TP_EINVAL;
    mark = out->len;
    err = walk(&w, type);
    if (err != TP_OK && out->data != NULL) {
        out->len = mark; /* append all or nothing */
        out->data[mark] = 0;
    }
    return err;
}

int tp_rdata_compare(tp_bytes_t a, tp_bytes_t b)
{
    size_t n = a.len < b.len ? a.len : b.len;
    int c = n != 0 ? memcmp(a.data, b.data, n) : 0;

    if (c != 0)
        return c < 0 ? -1 : 1;
    return (a.len > b.len) - (a.len < b.len);
}
