/* Domain names in uncompressed wire form: reading with RFC 1035 4.1.4
 * compression (prior-only pointers, so no loops), validation, label
 * arithmetic and RFC 4034 6.1 canonical ordering (RFC 4343 case folding). */
#include <string.h>

#include "trustpath/wire.h"

static uint8_t lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + ('a' - 'A')) : c;
}

/* One label-length octet: 00 = label, 11 = pointer, 01 and 10 reserved
 * (RFC 6891 retired the 01 "extended label" type). */
static tp_err_t fail(tp_rd_t *r, tp_err_t err)
{
    tp_rd_fail(r, err);
    return r->err;
}

tp_err_t tp_name_read(tp_rd_t *r, bool allow_compression,
                      uint8_t out[TP_NAME_MAX], size_t *len_out)
{
    size_t cur, limit, run_start, resume = 0, len = 0;
    unsigned hops = 0;

    if (r == NULL || out == NULL || len_out == NULL)
        return TP_EINVAL;
    if (r->err != TP_OK)
        return r->err;
    cur = run_start = r->pos;
    limit = r->end; /* before the first jump the name stays in our window */
    for (;;) {
        uint8_t c;

        if (cur >= limit)
            return fail(r, TP_ETRUNCATED);
        c = r->msg[cur];
        if ((c & 0xC0) == 0xC0) {
            size_t target;

            if (limit - cur < 2)
                return fail(r, TP_ETRUNCATED);
            if (!allow_compression)
                return fail(r, TP_EPOINTER);
            target = (size_t)(c & 0x3F) << 8 | r->msg[cur + 1];
            /* Only strictly backwards from where this run of labels began:
             * run_start strictly decreases, so no loop can form. */
            if (target >= run_start || ++hops > TP_MAX_PTR_HOPS)
                return fail(r, TP_EPOINTER);
            if (hops == 1)
                resume = cur + 2;
            cur = run_start = target;
            limit = r->msg_len;
            continue;
        }
        if ((c & 0xC0) != 0)
            return fail(r, TP_ELABELTYPE);
        if ((size_t)c + 1 > limit - cur)
            return fail(r, TP_ETRUNCATED);
        if (len + 1 + c > TP_NAME_MAX)
            return fail(r, TP_ENAMELEN);
        memcpy(out + len, r->msg + cur, (size_t)c + 1);
        len += (size_t)c + 1;
        cur += (size_t)c + 1;
        if (c == 0)
            break;
    }
    r->pos = hops != 0 ? resume : cur;
    *len_out = len;
    return TP_OK;
}

tp_err_t tp_name_check(const uint8_t *buf, size_t len, size_t *name_len_out)
{
    uint8_t scratch[TP_NAME_MAX];
    tp_rd_t r = tp_rd_init(buf, len);
    size_t n = 0;
    tp_err_t err;

    if (buf == NULL)
        return TP_EINVAL;
    err = tp_name_read(&r, false, scratch, &n);
    if (err == TP_OK && name_len_out != NULL)
        *name_len_out = n;
    return err;
}

size_t tp_name_len(const uint8_t *name)
{
    size_t n = 0;

    while (name[n] != 0)
        n += (size_t)name[n] + 1;
    return n + 1;
}

unsigned tp_name_labels(const uint8_t *name)
{
    unsigned count = 0;

    for (size_t n = 0; name[n] != 0; n += (size_t)name[n] + 1)
        count++;
    return count;
}

bool tp_name_is_wildcard(const uint8_t *name)
{
    return name[0] == 1 && name[1] == '*';
}

bool tp_name_is_root(const uint8_t *name)
{
    return name[0] == 0;
}

unsigned tp_name_rrsig_labels(const uint8_t *name)
{
    unsigned labels = tp_name_labels(name);

    return tp_name_is_wildcard(name) ? labels - 1 : labels;
}

bool tp_name_equal(const uint8_t *a, const uint8_t *b)
{
    size_t n = tp_name_len(a);

    if (n != tp_name_len(b))
        return false;
    /* Length octets are <= 63, below 'A', so folding them is harmless and
     * equal lengths at equal offsets follow from equal bytes. */
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

const uint8_t *tp_name_suffix(const uint8_t *name, unsigned labels)
{
    unsigned total = tp_name_labels(name);

    while (total > labels) {
        name += name[0] + 1;
        total--;
    }
    return name;
}

const uint8_t *tp_name_parent(const uint8_t *name)
{
    return name[0] == 0 ? name : name + name[0] + 1;
}

bool tp_name_is_subdomain(const uint8_t *name, const uint8_t *zone)
{
    unsigned zl = tp_name_labels(zone);

    if (tp_name_labels(name) < zl)
        return false;
    return tp_name_equal(tp_name_suffix(name, zl), zone);
}

/* Offsets of each label's length octet, leftmost first. */
static unsigned label_offsets(const uint8_t *name, uint8_t off[TP_NAME_MAX])
{
    unsigned count = 0;

    for (size_t n = 0; name[n] != 0; n += (size_t)name[n] + 1)
        off[count++] = (uint8_t)n;
    return count;
}

static int label_compare(const uint8_t *a, const uint8_t *b)
{
    size_t n = a[0] < b[0] ? a[0] : b[0];

    for (size_t i = 1; i <= n; i++) {
        uint8_t x = lower(a[i]), y = lower(b[i]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return (a[0] > b[0]) - (a[0] < b[0]);
}

int tp_name_compare(const uint8_t *a, const uint8_t *b)
{
    uint8_t oa[TP_NAME_MAX], ob[TP_NAME_MAX];
    unsigned na = label_offsets(a, oa), nb = label_offsets(b, ob);

    /* RFC 4034 6.1: compare from the rightmost label; labels as lowercased
     * octet strings; the name that runs out of labels first sorts first. */
    while (na > 0 && nb > 0) {
        int c = label_compare(a + oa[--na], b + ob[--nb]);
        if (c != 0)
            return c;
    }
    return (na > 0) - (nb > 0);
}

void tp_name_lower(uint8_t *name)
{
    for (size_t n = 0; name[n] != 0; n += (size_t)name[n] + 1)
        for (size_t i = 1; i <= name[n]; i++)
            name[n + i] = lower(name[n + i]);
}

size_t tp_name_copy_lower(const uint8_t *name, uint8_t out[TP_NAME_MAX])
{
    size_t n = tp_name_len(name);

    memmove(out, name, n);
    tp_name_lower(out);
    return n;
}

tp_err_t tp_name_prepend(const uint8_t *name, const uint8_t *label,
                         size_t label_len, uint8_t out[TP_NAME_MAX],
                         size_t *len_out)
{
    size_t n;

    if (name == NULL || out == NULL || len_out == NULL ||
        (label == NULL && label_len != 0) || label_len == 0)
        return TP_EINVAL;
    if (label_len > TP_LABEL_MAX)
        return TP_ELABEL;
    n = tp_name_len(name);
    if (n + 1 + label_len > TP_NAME_MAX)
        return TP_ENAMELEN;
    memmove(out + 1 + label_len, name, n); /* out may alias name */
    out[0] = (uint8_t)label_len;
    memcpy(out + 1, label, label_len);
    *len_out = n + 1 + label_len;
    return TP_OK;
}

uint8_t *tp_name_dup(tp_arena_t *arena, const uint8_t *name)
{
    if (arena == NULL || name == NULL)
        return NULL;
    return tp_arena_memdup(arena, name, tp_name_len(name));
}
