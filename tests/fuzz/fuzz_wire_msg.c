/* libFuzzer target for the message parser: parse, then for every RR check
 * the typed view, the canonical form and name helpers against each other,
 * re-encode the parsed message without compression and parse it again; the
 * result must be identical. Any broken invariant aborts. tests/fuzz/replay.c
 * supplies main() when built without libFuzzer. */
#include <stdlib.h>
#include <string.h>

#include "trustpath/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)  \
    do {             \
        if (!(cond)) \
            abort(); \
    } while (0)

static bool inside(const uint8_t *p, tp_bytes_t b)
{
    return p != NULL && p >= b.data && p < b.data + b.len;
}

static void check_name(const uint8_t *name, size_t room)
{
    char text[TP_NAME_TEXT_MAX];
    uint8_t back[TP_NAME_MAX], low[TP_NAME_MAX];
    size_t n, len;

    CHECK(tp_name_check(name, room, &len) == TP_OK);
    CHECK(len == tp_name_len(name) && len <= TP_NAME_MAX);
    tp_name_to_text(name, text);
    CHECK(strlen(text) < TP_NAME_TEXT_MAX);
    CHECK(tp_name_from_text(text, strlen(text), NULL, back, &n) == TP_OK);
    CHECK(n == len && memcmp(back, name, len) == 0);
    CHECK(tp_name_copy_lower(name, low) == len);
    CHECK(tp_name_equal(name, low) && tp_name_compare(name, low) == 0);
    CHECK(tp_name_is_subdomain(name, tp_name_parent(name)));
    CHECK(tp_name_rrsig_labels(name) <= tp_name_labels(name));
}

static void check_view(const tp_rr_t *rr)
{
    tp_rdata_view_t v;

    if (tp_rdata_view(rr->type, rr->rdata, &v) != TP_OK)
        return; /* the table is looser than some views (NSEC3 hash len) */
    CHECK(v.type == rr->type);
    switch (rr->type) {
    case TP_TYPE_RRSIG:
        CHECK(v.u.rrsig.signed_part.data == rr->rdata.data);
        CHECK(v.u.rrsig.signed_part.len + v.u.rrsig.signature.len ==
              rr->rdata.len);
        CHECK(inside(v.u.rrsig.signer, rr->rdata));
        break;
    case TP_TYPE_NSEC:
        CHECK(inside(v.u.nsec.next, rr->rdata));
        CHECK(tp_bitmap_check(v.u.nsec.bitmap) == TP_OK ||
              !tp_bitmap_has(v.u.nsec.bitmap, TP_TYPE_A));
        break;
    case TP_TYPE_SOA:
        CHECK(inside(v.u.soa.mname, rr->rdata));
        CHECK(inside(v.u.soa.rname, rr->rdata));
        break;
    case TP_TYPE_TXT: {
        tp_bytes_t rest = v.u.txt, s;
        while (tp_txt_next(&rest, &s))
            ;
        CHECK(rest.len == 0);
        break;
    }
    default:
        break;
    }
}

static void check_rr(const tp_rr_t *rr, tp_buf_t *canon)
{
    tp_buf_t again;

    check_name(rr->owner, tp_name_len(rr->owner));
    check_view(rr);
    /* The parser validated the RDATA with the same table. */
    tp_buf_reset(canon);
    CHECK(tp_rdata_canonical(rr->type, rr->rdata, canon) == TP_OK);
    CHECK(canon->len == rr->rdata.len);
    /* Canonical form is idempotent. */
    tp_buf_init(&again, 70000);
    CHECK(tp_rdata_canonical(rr->type, tp_bytes(canon->data, canon->len),
                             &again) == TP_OK);
    CHECK(again.len == canon->len &&
          (again.len == 0 || memcmp(again.data, canon->data, again.len) == 0));
    CHECK(tp_rdata_compare(tp_bytes(canon->data, canon->len),
                           tp_bytes(again.data, again.len)) == 0);
    tp_buf_clear(&again);
}

static bool encode_rr(tp_buf_t *out, const tp_rr_t *rr)
{
    return tp_buf_append(out, rr->owner, tp_name_len(rr->owner)) == TP_OK &&
           tp_buf_append_u16(out, rr->type) == TP_OK &&
           tp_buf_append_u16(out, rr->rclass) == TP_OK &&
           tp_buf_append_u32(out, rr->ttl) == TP_OK &&
           tp_buf_append_u16(out, (uint16_t)rr->rdata.len) == TP_OK &&
           tp_buf_append(out, rr->rdata.data, rr->rdata.len) == TP_OK;
}

/* The parsed message, re-encoded without compression; false if it does
 * not fit a message (decompression can push RDATA past 65535). */
static bool encode(const tp_msg_t *m, tp_buf_t *out)
{
    const tp_rrlist_t *lists[] = {&m->answer, &m->authority, &m->additional};
    const tp_edns_t *e = &m->edns;
    bool ok = tp_buf_append_u16(out, m->id) == TP_OK &&
              tp_buf_append_u16(out, m->flags) == TP_OK &&
              tp_buf_append_u16(out, m->has_question ? 1 : 0) == TP_OK &&
              tp_buf_append_u16(out, (uint16_t)m->answer.count) == TP_OK &&
              tp_buf_append_u16(out, (uint16_t)m->authority.count) == TP_OK &&
              tp_buf_append_u16(out, (uint16_t)(m->additional.count +
                                                (e->present ? 1 : 0))) == TP_OK;

    if (ok && m->has_question)
        ok = tp_buf_append(out, m->qname, tp_name_len(m->qname)) == TP_OK &&
             tp_buf_append_u16(out, m->qtype) == TP_OK &&
             tp_buf_append_u16(out, m->qclass) == TP_OK;
    for (int s = 0; s < 3 && ok; s++)
        for (size_t i = 0; i < lists[s]->count && ok; i++)
            ok = lists[s]->rrs[i].rdata.len <= 65535 &&
                 encode_rr(out, &lists[s]->rrs[i]);
    if (ok && e->present) {
        tp_rr_t opt = {(const uint8_t *)"",
                       TP_TYPE_OPT,
                       e->udp_size,
                       (uint32_t)e->ext_rcode << 24 |
                           (uint32_t)e->version << 16 |
                           (e->do_bit ? 0x8000u : 0),
                       e->options,
                       e->options};
        ok = encode_rr(out, &opt);
    }
    return ok;
}

static void check_same_list(const tp_rrlist_t *a, const tp_rrlist_t *b)
{
    CHECK(a->count == b->count);
    for (size_t i = 0; i < a->count; i++) {
        const tp_rr_t *x = &a->rrs[i], *y = &b->rrs[i];
        size_t n = tp_name_len(x->owner);
        CHECK(n == tp_name_len(y->owner) && memcmp(x->owner, y->owner, n) == 0);
        CHECK(x->type == y->type && x->rclass == y->rclass &&
              x->ttl == y->ttl && x->rdata.len == y->rdata.len);
        CHECK(x->rdata.len == 0 ||
              memcmp(x->rdata.data, y->rdata.data, x->rdata.len) == 0);
    }
}

static void check_round_trip(const tp_msg_t *m)
{
    tp_buf_t wire;
    tp_arena_t *arena;
    tp_msg_t again;

    if (m->qdcount > 1)
        return; /* extra questions are dropped by design */
    tp_buf_init(&wire, 1u << 24);
    arena = tp_arena_new(0);
    CHECK(arena != NULL);
    if (encode(m, &wire)) {
        CHECK(tp_msg_parse(wire.data, wire.len, arena, &again) == TP_OK);
        CHECK(again.id == m->id && again.flags == m->flags &&
              again.rcode == m->rcode);
        CHECK(again.has_question == m->has_question);
        if (m->has_question)
            CHECK(memcmp(again.qname, m->qname, tp_name_len(m->qname)) == 0 &&
                  again.qtype == m->qtype && again.qclass == m->qclass);
        check_same_list(&m->answer, &again.answer);
        check_same_list(&m->authority, &again.authority);
        check_same_list(&m->additional, &again.additional);
        CHECK(again.edns.present == m->edns.present &&
              again.edns.do_bit == m->edns.do_bit &&
              again.edns.has_nsid == m->edns.has_nsid &&
              again.edns.has_ede == m->edns.has_ede &&
              again.edns.ede_code == m->edns.ede_code);
    }
    tp_arena_free(arena);
    tp_buf_clear(&wire);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tp_arena_t *arena = tp_arena_new(0);
    const tp_rrlist_t *lists[3];
    tp_buf_t canon;
    tp_msg_t m;

    if (arena == NULL)
        return 0;
    if (tp_msg_parse(data, size, arena, &m) != TP_OK) {
        CHECK(m.answer.count == 0 && !m.has_question);
        tp_arena_free(arena);
        return 0;
    }
    CHECK(m.answer.count <= m.ancount && m.authority.count <= m.nscount &&
          m.additional.count <= m.arcount);
    if (m.has_question)
        check_name(m.qname, tp_name_len(m.qname));
    lists[0] = &m.answer;
    lists[1] = &m.authority;
    lists[2] = &m.additional;
    tp_buf_init(&canon, 70000);
    for (int s = 0; s < 3; s++) {
        for (size_t i = 0; i < lists[s]->count; i++) {
            const tp_rr_t *rr = &lists[s]->rrs[i];
            check_rr(rr, &canon);
            if (i > 0) {
                const uint8_t *prev = lists[s]->rrs[i - 1].owner;
                int c = tp_name_compare(prev, rr->owner);
                CHECK(c == -tp_name_compare(rr->owner, prev));
                CHECK((c == 0) == tp_name_equal(prev, rr->owner));
            }
        }
    }
    tp_buf_clear(&canon);
    check_round_trip(&m);
    tp_arena_free(arena);
    return 0;
}
