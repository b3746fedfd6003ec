/* DEFLATE (RFC 1951) and gzip (RFC 1952) decoding, written from the RFCs.
 * Huffman codes are canonical, so a table of "how many codes of each
 * length" plus the symbols sorted by code is enough to decode one bit at a
 * time: simple, small and obviously bounded (at most 15 steps per symbol).
 * The whole output stays in memory, so it is also the history window:
 * a back-reference may reach anywhere into the current gzip member's
 * output, which is within the 32 KiB the RFC allows and never outside. */
#include "trustpath/inflate.h"

#include <stdlib.h>
#include <string.h>

#define MAX_BITS  15  /* longest Huffman code (RFC 1951 3.2.1) */
#define MAX_LIT   288 /* literal/length symbols in the fixed code */
#define MAX_DIST  32  /* distance symbols in the fixed code */
#define MAX_CLEN  19  /* code-length symbols */
#define MAX_LCODE 286 /* valid literal/length symbols: 0..285 */
#define MAX_DCODE 30  /* valid distance symbols: 0..29 */

typedef struct bits {
    const uint8_t *p;
    size_t len;
    size_t pos;    /* next byte to load */
    uint32_t hold; /* loaded, unread bits, least significant first */
    unsigned count;
} bits_t;

typedef struct huff {
    uint16_t count[MAX_BITS + 1]; /* number of codes of each length */
    uint16_t symbol[MAX_LIT];     /* symbols ordered by code */
} huff_t;

typedef struct inflater {
    bits_t in;
    tp_buf_t *out;
    size_t start; /* out->len when this stream began: the window's floor */
    const char *why;
} inflater_t;

static const uint16_t len_base[29] = {
    3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
    31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
                                      1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                      4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {
    1,    2,    3,    4,    5,    7,    9,    13,    17,    25,
    33,   49,   65,   97,   129,  193,  257,  385,   513,   769,
    1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0,  0,  1,  1,  2,  2,  3,  3,
                                       4, 4, 5,  5,  6,  6,  7,  7,  8,  8,
                                       9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
/* Order in which code-length code lengths are sent (RFC 1951 3.2.7). */
static const uint8_t clen_order[MAX_CLEN] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                             11, 4,  12, 3, 13, 2, 14, 1, 15};

/* CRC-32, four bits at a time (the table is the CRC of each nibble). */
static const uint32_t crc_nibble[16] = {
    0x00000000u, 0x1db71064u, 0x3b6e20c8u, 0x26d930acu,
    0x76dc4190u, 0x6b6b51f4u, 0x4db26158u, 0x5005713cu,
    0xedb88320u, 0xf00f9344u, 0xd6d6a3e8u, 0xcb61b38cu,
    0x9b64c2b0u, 0x86d3d2d4u, 0xa00ae278u, 0xbdbdf21cu};

bool tp_gzip_detect(const void *data, size_t len)
{
    const uint8_t *p = data;

    return p != NULL && len >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

uint32_t tp_crc32(uint32_t crc, const void *data, size_t len)
{
    const uint8_t *p = data;

    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= p[i];
        crc = (crc >> 4) ^ crc_nibble[crc & 15];
        crc = (crc >> 4) ^ crc_nibble[crc & 15];
    }
    return ~crc;
}

static tp_err_t fail(inflater_t *z, tp_err_t code, const char *why)
{
    if (z->why == NULL)
        z->why = why;
    return code;
}

/* Read n (0..16) bits, first bit least significant. */
static tp_err_t get_bits(inflater_t *z, unsigned n, unsigned *out)
{
    bits_t *b = &z->in;

    while (b->count < n) {
        if (b->pos >= b->len)
            return fail(z, TP_ETRUNCATED, "the DEFLATE stream ends early");
        b->hold |= (uint32_t)b->p[b->pos++] << b->count;
        b->count += 8;
    }
    *out = (unsigned)(b->hold & ((1u << n) - 1));
    b->hold >>= n;
    b->count -= n;
    return TP_OK;
}

/* Build a canonical code from n code lengths (0 = symbol unused).
 * Over-subscribed sets are invalid; incomplete ones are accepted (the RFC
 * needs that for a single distance code) and a bit sequence that reaches
 * no code is reported when it is met. */
static bool huff_build(huff_t *h, const uint8_t *lengths, unsigned n)
{
    uint16_t offs[MAX_BITS + 2];
    int left = 1;

    memset(h->count, 0, sizeof(h->count));
    for (unsigned s = 0; s < n; s++)
        h->count[lengths[s]]++;
    for (unsigned l = 1; l <= MAX_BITS; l++) {
        left = left * 2 - h->count[l];
        if (left < 0)
            return false;
    }
    offs[1] = 0;
    for (unsigned l = 1; l <= MAX_BITS; l++)
        offs[l + 1] = (uint16_t)(offs[l] + h->count[l]);
    for (unsigned s = 0; s < n; s++) {
        if (lengths[s] != 0)
            h->symbol[offs[lengths[s]]++] = (uint16_t)s;
    }
    return true;
}

/* Decode one symbol: codes are sent most significant bit first, and the
 * canonical codes of length l are consecutive, starting at `first`. */
static tp_err_t huff_decode(inflater_t *z, const huff_t *h, unsigned *out)
{
    unsigned code = 0, first = 0, index = 0, bit;
    tp_err_t err;

    for (unsigned l = 1; l <= MAX_BITS; l++) {
        if ((err = get_bits(z, 1, &bit)) != TP_OK)
            return err;
        code |= bit;
        if (code - first < h->count[l]) {
            *out = h->symbol[index + (code - first)];
            return TP_OK;
        }
        index += h->count[l];
        first = (first + h->count[l]) << 1;
        code <<= 1;
    }
    return fail(z, TP_EFORMAT, "a Huffman code matches no symbol");
}

/* Room for `extra` more output bytes within out->max. */
static tp_err_t out_reserve(inflater_t *z, size_t extra)
{
    tp_err_t err = tp_buf_reserve(z->out, extra);

    if (err == TP_ENOSPACE)
        return fail(z, TP_ELIMIT, "the output exceeds its size limit");
    return err;
}

static tp_err_t put_byte(inflater_t *z, uint8_t c)
{
    tp_err_t err = out_reserve(z, 1);

    if (err != TP_OK)
        return err;
    z->out->data[z->out->len++] = c;
    z->out->data[z->out->len] = 0;
    return TP_OK;
}

/* Copy len bytes from dist back; overlapping copies repeat the pattern.
 * When the limit cuts the copy, what fits is still written. */
static tp_err_t put_copy(inflater_t *z, size_t dist, size_t len)
{
    tp_buf_t *b = z->out;
    size_t room = b->max > b->len ? b->max - b->len : 0;
    size_t n = len < room ? len : room;
    tp_err_t err;

    if (dist > b->len - z->start)
        return fail(z, TP_EFORMAT, "a distance reaches before the output");
    if (n != 0 && (err = out_reserve(z, n)) != TP_OK)
        return err;
    for (size_t i = 0; i < n; i++)
        b->data[b->len + i] = b->data[b->len + i - dist];
    b->len += n;
    if (b->data != NULL)
        b->data[b->len] = 0;
    if (n < len)
        return fail(z, TP_ELIMIT, "the output exceeds its size limit");
    return TP_OK;
}

static tp_err_t block_stored(inflater_t *z)
{
    bits_t *b = &z->in;
    size_t len, nlen;
    tp_err_t err;

    /* get_bits leaves fewer than 8 bits held, all from the last loaded
     * byte: dropping them aligns the reader to the next byte boundary. */
    b->hold = 0;
    b->count = 0;
    if (b->len - b->pos < 4)
        return fail(z, TP_ETRUNCATED, "the DEFLATE stream ends early");
    len = (size_t)b->p[b->pos] | (size_t)b->p[b->pos + 1] << 8;
    nlen = (size_t)b->p[b->pos + 2] | (size_t)b->p[b->pos + 3] << 8;
    b->pos += 4;
    if (len != (~nlen & 0xffffu))
        return fail(z, TP_EFORMAT, "a stored block's LEN and NLEN disagree");
    if (b->len - b->pos < len)
        return fail(z, TP_ETRUNCATED, "the DEFLATE stream ends early");
    if ((err = out_reserve(z, len)) != TP_OK)
        return err;
    if (len != 0) {
        memcpy(z->out->data + z->out->len, b->p + b->pos, len);
        z->out->len += len;
        z->out->data[z->out->len] = 0;
    }
    b->pos += len;
    return TP_OK;
}

/* Literals and copies until the end-of-block symbol (256). */
static tp_err_t block_codes(inflater_t *z, const huff_t *lit,
                            const huff_t *dist)
{
    unsigned sym, extra, dsym;
    size_t len, d;
    tp_err_t err;

    for (;;) {
        if ((err = huff_decode(z, lit, &sym)) != TP_OK)
            return err;
        if (sym < 256) {
            if ((err = put_byte(z, (uint8_t)sym)) != TP_OK)
                return err;
            continue;
        }
        if (sym == 256)
            return TP_OK;
        sym -= 257;
        if (sym >= 29)
            return fail(z, TP_EFORMAT, "an invalid length symbol (286/287)");
        if ((err = get_bits(z, len_extra[sym], &extra)) != TP_OK)
            return err;
        len = len_base[sym] + (size_t)extra;
        if ((err = huff_decode(z, dist, &dsym)) != TP_OK)
            return err;
        if (dsym >= MAX_DCODE)
            return fail(z, TP_EFORMAT, "an invalid distance symbol (30/31)");
        if ((err = get_bits(z, dist_extra[dsym], &extra)) != TP_OK)
            return err;
        d = dist_base[dsym] + (size_t)extra;
        if ((err = put_copy(z, d, len)) != TP_OK)
            return err;
    }
}

static tp_err_t block_fixed(inflater_t *z)
{
    uint8_t lengths[MAX_LIT];
    huff_t lit, dist;
    unsigned s = 0;

    for (; s < 144; s++)
        lengths[s] = 8;
    for (; s < 256; s++)
        lengths[s] = 9;
    for (; s < 280; s++)
        lengths[s] = 7;
    for (; s < MAX_LIT; s++)
        lengths[s] = 8;
    (void)huff_build(&lit, lengths, MAX_LIT); /* complete by construction */
    for (s = 0; s < MAX_DIST; s++)
        lengths[s] = 5;
    (void)huff_build(&dist, lengths, MAX_DIST);
    return block_codes(z, &lit, &dist);
}

/* Read HLIT + HDIST code lengths with the code-length code. */
static tp_err_t read_lengths(inflater_t *z, const huff_t *clen, unsigned n,
                             uint8_t *lengths)
{
    unsigned i = 0, sym, rep, fill;
    tp_err_t err;

    while (i < n) {
        if ((err = huff_decode(z, clen, &sym)) != TP_OK)
            return err;
        if (sym < 16) {
            lengths[i++] = (uint8_t)sym;
            continue;
        }
        fill = 0;
        if (sym == 16) {
            if (i == 0)
                return fail(z, TP_EFORMAT,
                            "a repeat code has no previous length");
            fill = lengths[i - 1];
            err = get_bits(z, 2, &rep);
            rep += 3;
        } else if (sym == 17) {
            err = get_bits(z, 3, &rep);
            rep += 3;
        } else {
            err = get_bits(z, 7, &rep);
            rep += 11;
        }
        if (err != TP_OK)
            return err;
        if (rep > n - i)
            return fail(z, TP_EFORMAT, "code lengths repeat past the end");
        while (rep-- > 0)
            lengths[i++] = (uint8_t)fill;
    }
    return TP_OK;
}

static tp_err_t block_dynamic(inflater_t *z)
{
    uint8_t lengths[MAX_LCODE + MAX_DCODE];
    huff_t clen, lit, dist;
    unsigned hlit, hdist, hclen, v;
    tp_err_t err;

    if ((err = get_bits(z, 5, &hlit)) != TP_OK ||
        (err = get_bits(z, 5, &hdist)) != TP_OK ||
        (err = get_bits(z, 4, &hclen)) != TP_OK)
        return err;
    hlit += 257;
    hdist += 1;
    hclen += 4;
    if (hlit > MAX_LCODE || hdist > MAX_DCODE)
        return fail(z, TP_EFORMAT, "too many length or distance codes");
    memset(lengths, 0, MAX_CLEN);
    for (unsigned i = 0; i < hclen; i++) {
        if ((err = get_bits(z, 3, &v)) != TP_OK)
            return err;
        lengths[clen_order[i]] = (uint8_t)v;
    }
    if (!huff_build(&clen, lengths, MAX_CLEN))
        return fail(z, TP_EFORMAT, "the code-length code is over-subscribed");
    if ((err = read_lengths(z, &clen, hlit + hdist, lengths)) != TP_OK)
        return err;
    if (lengths[256] == 0)
        return fail(z, TP_EFORMAT, "the block has no end-of-block code");
    if (!huff_build(&lit, lengths, hlit) ||
        !huff_build(&dist, lengths + hlit, hdist))
        return fail(z, TP_EFORMAT, "a Huffman code is over-subscribed");
    return block_codes(z, &lit, &dist);
}

static tp_err_t inflate_stream(inflater_t *z)
{
    unsigned last = 0, type;
    tp_err_t err;

    while (!last) {
        if ((err = get_bits(z, 1, &last)) != TP_OK ||
            (err = get_bits(z, 2, &type)) != TP_OK)
            return err;
        if (type == 0)
            err = block_stored(z);
        else if (type == 1)
            err = block_fixed(z);
        else if (type == 2)
            err = block_dynamic(z);
        else
            err = fail(z, TP_EFORMAT, "a block has the reserved type 3");
        if (err != TP_OK)
            return err;
    }
    return TP_OK;
}

tp_err_t tp_inflate(tp_bytes_t in, tp_buf_t *out, size_t *used_out,
                    const char **why)
{
    inflater_t z;
    tp_err_t err;

    if (why != NULL)
        *why = NULL;
    if (used_out != NULL)
        *used_out = 0;
    if (out == NULL || (in.data == NULL && in.len != 0))
        return TP_EINVAL;
    memset(&z, 0, sizeof(z));
    z.in.p = in.data;
    z.in.len = in.len;
    z.out = out;
    z.start = out->len;
    err = inflate_stream(&z);
    if (used_out != NULL)
        *used_out = z.in.pos;
    if (why != NULL)
        *why = err == TP_ENOMEM ? "out of memory" : z.why;
    return err;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

#define GZ_FHCRC    0x02
#define GZ_FEXTRA   0x04
#define GZ_FNAME    0x08
#define GZ_FCOMMENT 0x10
#define GZ_RESERVED 0xe0

/* Skip a member header (RFC 1952 2.3); *pos moves to the DEFLATE data. */
static tp_err_t gzip_header(const uint8_t *p, size_t len, size_t *pos,
                            const char **why)
{
    size_t at = *pos, begin = *pos;
    uint8_t flags;

    if (len - at < 10) {
        *why = "the gzip header is cut short";
        return TP_ETRUNCATED;
    }
    if (p[at] != 0x1f || p[at + 1] != 0x8b) {
        *why = "not gzip data (no 1f 8b magic)";
        return TP_EFORMAT;
    }
    if (p[at + 2] != 8) {
        *why = "the gzip compression method is not DEFLATE (8)";
        return TP_EFORMAT;
    }
    flags = p[at + 3];
    if (flags & GZ_RESERVED) {
        *why = "the gzip header sets reserved flags";
        return TP_EFORMAT;
    }
    at += 10;
    if (flags & GZ_FEXTRA) {
        size_t xlen;
        if (len - at < 2) {
            *why = "the gzip header is cut short";
            return TP_ETRUNCATED;
        }
        xlen = (size_t)p[at] | (size_t)p[at + 1] << 8;
        at += 2;
        if (len - at < xlen) {
            *why = "the gzip header is cut short";
            return TP_ETRUNCATED;
        }
        at += xlen;
    }
    for (unsigned f = GZ_FNAME; f <= GZ_FCOMMENT; f <<= 1) {
        const uint8_t *nul;
        if (!(flags & f))
            continue;
        nul = memchr(p + at, 0, len - at);
        if (nul == NULL) {
            *why = "the gzip header is cut short";
            return TP_ETRUNCATED;
        }
        at = (size_t)(nul - p) + 1;
    }
    if (flags & GZ_FHCRC) {
        if (len - at < 2) {
            *why = "the gzip header is cut short";
            return TP_ETRUNCATED;
        }
        if ((tp_crc32(0, p + begin, at - begin) & 0xffffu) !=
            ((unsigned)p[at] | (unsigned)p[at + 1] << 8)) {
            *why = "the gzip header CRC16 does not match";
            return TP_EFORMAT;
        }
        at += 2;
    }
    *pos = at;
    return TP_OK;
}

tp_err_t tp_gunzip(tp_bytes_t in, tp_buf_t *out, const char **why)
{
    const char *dummy;
    size_t pos = 0;
    tp_err_t err;

    if (why == NULL)
        why = &dummy;
    *why = NULL;
    if (out == NULL || (in.data == NULL && in.len != 0))
        return TP_EINVAL;
    do {
        size_t start = out->len, used;

        if ((err = gzip_header(in.data, in.len, &pos, why)) != TP_OK)
            return err;
        err =
            tp_inflate(tp_bytes(in.data + pos, in.len - pos), out, &used, why);
        if (err != TP_OK)
            return err;
        pos += used;
        if (in.len - pos < 8) {
            *why = "the gzip trailer (CRC32, ISIZE) is cut short";
            return TP_ETRUNCATED;
        }
        if (le32(in.data + pos) !=
            (out->len > start ? tp_crc32(0, out->data + start, out->len - start)
                              : 0)) {
            *why = "the gzip CRC32 does not match the data";
            return TP_EFORMAT;
        }
        if (le32(in.data + pos + 4) != (uint32_t)(out->len - start)) {
            *why = "the gzip ISIZE does not match the data length";
            return TP_EFORMAT;
        }
        pos += 8;
        if (pos < in.len && !tp_gzip_detect(in.data + pos, in.len - pos)) {
            *why = "trailing bytes after the gzip data";
            return TP_EFORMAT;
        }
    } while (pos < in.len);
    return TP_OK;
}
