/* The message parser (RFC 1035 4.1): header, question and the three
 * sections, with every name and RDATA decompressed into the arena and the
 * OPT pseudo-RR lifted into tp_edns_t (RFC 6891). Counts are claims checked
 * against the bytes left, never allocation sizes. */
#include <string.h>

#include "trustpath/wire.h"
#include "wire_int.h"

#define HEADER_LEN   12
#define MIN_QUESTION 5  /* root name, QTYPE, QCLASS */
#define MIN_RR       11 /* root owner, TYPE, CLASS, TTL, RDLENGTH */

enum section {
    ANSWER,
    AUTHORITY,
    ADDITIONAL
};

typedef struct parse {
    tp_rd_t r;
    tp_arena_t *arena;
    tp_msg_t *msg;
    size_t rrs_left; /* records the header still promises */
} parse_t;

static void read_header(tp_rd_t *r, tp_msg_t *m)
{
    m->id = tp_rd_u16(r);
    m->flags = tp_rd_u16(r);
    m->qdcount = tp_rd_u16(r);
    m->ancount = tp_rd_u16(r);
    m->nscount = tp_rd_u16(r);
    m->arcount = tp_rd_u16(r);
    m->qr = (m->flags & 0x8000) != 0;
    m->opcode = (uint8_t)(m->flags >> 11 & 0xF);
    m->aa = (m->flags & 0x0400) != 0;
    m->tc = (m->flags & 0x0200) != 0;
    m->rd = (m->flags & 0x0100) != 0;
    m->ra = (m->flags & 0x0080) != 0;
    m->ad = (m->flags & 0x0020) != 0;
    m->cd = (m->flags & 0x0010) != 0;
    m->rcode = m->flags & 0xF;
}

static tp_err_t read_question(parse_t *p)
{
    uint8_t name[TP_NAME_MAX];
    size_t n;
    tp_err_t err;

    for (unsigned i = 0; i < p->msg->qdcount; i++) {
        err = tp_name_read(&p->r, true, name, &n);
        uint16_t qtype = tp_rd_u16(&p->r), qclass = tp_rd_u16(&p->r);
        if (err != TP_OK || p->r.err != TP_OK)
            return p->r.err;
        if (i > 0)
            continue; /* RFC 9619: one question; later ones are ignored */
        p->msg->qname = tp_name_dup(p->arena, name);
        if (p->msg->qname == NULL)
            return TP_ENOMEM;
        p->msg->has_question = true;
        p->msg->qtype = qtype;
        p->msg->qclass = qclass;
    }
    return TP_OK;
}

/* rr->raw: the octets as sent when decompression changed them, else the
 * same arena copy as rr->rdata. Either way it outlives the wire buffer. */
static tp_err_t keep_raw(parse_t *p, tp_bytes_t raw, tp_rr_t *rr)
{
    if (raw.len == rr->rdata.len &&
        (raw.len == 0 || memcmp(raw.data, rr->rdata.data, raw.len) == 0)) {
        rr->raw = rr->rdata;
        return TP_OK;
    }
    rr->raw.data = tp_arena_memdup(p->arena, raw.data, raw.len);
    rr->raw.len = raw.len;
    return rr->raw.data != NULL ? TP_OK : TP_ENOMEM;
}

static tp_err_t read_rr(parse_t *p, tp_rr_t *rr)
{
    uint8_t owner[TP_NAME_MAX];
    size_t n, rdlen;
    tp_bytes_t raw;
    tp_rd_t sub;
    tp_err_t err;

    if (p->rrs_left * MIN_RR > tp_rd_left(&p->r))
        return TP_ECOUNT;
    p->rrs_left--;
    err = tp_name_read(&p->r, true, owner, &n);
    rr->type = tp_rd_u16(&p->r);
    rr->rclass = tp_rd_u16(&p->r);
    rr->ttl = tp_rd_u32(&p->r);
    rdlen = tp_rd_u16(&p->r);
    if (err != TP_OK || p->r.err != TP_OK)
        return p->r.err;
    if (rdlen > tp_rd_left(&p->r))
        return TP_ERDLENGTH;
    raw = tp_bytes(p->r.msg + p->r.pos, rdlen);
    sub = tp_rd_sub(&p->r, rdlen);
    err = tp_rdata_expand(&sub, rr->type, p->arena, &rr->rdata);
    if (err != TP_OK)
        return err;
    rr->owner = tp_name_dup(p->arena, owner);
    if (rr->owner == NULL)
        return TP_ENOMEM;
    return keep_raw(p, raw, rr);
}

static tp_err_t read_section(parse_t *p, enum section which, unsigned count)
{
    tp_msg_t *m = p->msg;
    tp_rrlist_t *lists[] = {&m->answer, &m->authority, &m->additional};
    tp_err_t err;

    for (unsigned i = 0; i < count; i++) {
        tp_rr_t rr;

        err = read_rr(p, &rr);
        if (err != TP_OK)
            return err;
        if (rr.type != TP_TYPE_OPT) {
            err = tp_rrlist_push(lists[which], p->arena, &rr);
        } else if (which != ADDITIONAL || m->edns.present) {
            err = TP_EMALFORMED; /* RFC 6891 6.1.1: one OPT, in additional */
        } else {
            err = tp_edns_parse(&rr, &m->edns);
            m->rcode = (uint16_t)(m->edns.ext_rcode << 4 | (m->flags & 0xF));
        }
        if (err != TP_OK)
            return err;
    }
    return TP_OK;
}

static tp_err_t parse_body(parse_t *p)
{
    tp_msg_t *m = p->msg;
    size_t need;
    tp_err_t err;

    read_header(&p->r, m);
    if (p->r.err != TP_OK)
        return p->r.err;
    p->rrs_left = (size_t)m->ancount + m->nscount + m->arcount;
    need = (size_t)m->qdcount * MIN_QUESTION + p->rrs_left * MIN_RR;
    if (need > tp_rd_left(&p->r))
        return TP_ECOUNT;
    err = read_question(p);
    if (err == TP_OK)
        err = read_section(p, ANSWER, m->ancount);
    if (err == TP_OK)
        err = read_section(p, AUTHORITY, m->nscount);
    if (err == TP_OK)
        err = read_section(p, ADDITIONAL, m->arcount);
    if (err == TP_OK)
        err = tp_rd_finish(&p->r);
    return err;
}

tp_err_t tp_msg_parse(const uint8_t *wire, size_t len, tp_arena_t *arena,
                      tp_msg_t *out)
{
    parse_t p;
    tp_err_t err;

    if (wire == NULL || arena == NULL || out == NULL)
        return TP_EINVAL;
    memset(out, 0, sizeof(*out));
    p.r = tp_rd_init(wire, len);
    p.arena = arena;
    p.msg = out;
    p.rrs_left = 0;
    err = parse_body(&p);
    if (err != TP_OK)
        memset(out, 0, sizeof(*out)); /* nothing half-parsed escapes */
    return err;
}
