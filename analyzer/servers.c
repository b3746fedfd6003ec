/* Server behaviour and delegation data of one zone: responsiveness,
 * authority, response codes, EDNS and DO (RFC 1034 4.3, RFC 6891 7, RFC
 * 4035 3.2.1, RFC 7766), SOA serial agreement (RFC 1996), and the parent's
 * NS and glue against the child's (RFC 1034 4.2.2, RFC 9471). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "analyzer_int.h"
#include "trustpath/text.h"

typedef struct srv_tally {
    size_t sent, answered, aa, timeouts, refused, servfail, other_rcode,
        malformed, neterr, tcp_fail, noedns, do_cleared, truncated, formerr,
        aa_referral, upward, mismatch;
    const char *mismatch_detail; /* the probe's note on the first one */
    bool has_serial;
    uint32_t serial;
} srv_tally_t;

static void tally(const an_resp_t *r, const uint8_t *zone, srv_tally_t *t)
{
    const tp_capture_query_t *q = r->q;
    t->sent++;
    switch (q->outcome) {
    case TP_OUTCOME_TIMEOUT:
        t->timeouts++;
        break;
    case TP_OUTCOME_CONN_REFUSED:
    case TP_OUTCOME_NET_UNREACHABLE:
    case TP_OUTCOME_ERROR:
        t->neterr++;
        break;
    case TP_OUTCOME_MALFORMED:
        t->malformed++;
        break;
    case TP_OUTCOME_MISMATCH:
        /* wrong ID or question: the probe dropped it, as resolvers do */
        t->mismatch++;
        if (t->mismatch_detail == NULL)
            t->mismatch_detail = q->detail;
        break;
    case TP_OUTCOME_TRUNCATED:
        /* TC to a query that offered less than 1232 octets (DNSViz's
         * 512-octet truncation probe, or no EDNS) is the expected answer
         * to a large response (RFC 6891 7), not a finding. */
        if (q->flags.edns && q->flags.udp_size >= 1232)
            t->truncated++;
        break;
    default:
        break;
    }
    if (q->transport == TP_TRANSPORT_TCP && q->outcome != TP_OUTCOME_RESPONSE)
        t->tcp_fail++;
    if (!r->parsed) {
        if (q->response.len > 0 && q->outcome == TP_OUTCOME_RESPONSE)
            t->malformed++;
        return;
    }
    const tp_msg_t *m = &r->msg;
    t->answered++;
    if (m->aa)
        t->aa++;
    if (m->rcode == TP_RCODE_REFUSED)
        t->refused++;
    else if (m->rcode == TP_RCODE_SERVFAIL)
        t->servfail++;
    else if (m->rcode == TP_RCODE_FORMERR && q->flags.edns)
        t->formerr++;
    else if (m->rcode != TP_RCODE_NOERROR && m->rcode != TP_RCODE_NXDOMAIN)
        t->other_rcode++;
    /* referrals: NS in authority, no answer (RFC 1034 4.3.2) */
    if (m->rcode == TP_RCODE_NOERROR && m->answer.count == 0) {
        for (size_t k = 0; k < m->authority.count; k++) {
            const tp_rr_t *rr = &m->authority.rrs[k];
            if (rr->type != TP_TYPE_NS)
                continue;
            if (!tp_name_is_subdomain(rr->owner, zone)) {
                t->upward++; /* a referral to the zone's ancestors */
            } else if (!tp_name_equal(rr->owner, zone) && m->aa) {
                t->aa_referral++; /* a delegation below, with AA */
            }
            break;
        }
    }
    if (q->flags.edns && !m->edns.present && m->rcode != TP_RCODE_REFUSED &&
        m->rcode != TP_RCODE_SERVFAIL)
        t->noedns++;
    if (q->flags.do_bit && m->edns.present && !m->edns.do_bit)
        t->do_cleared++;
    if (q->qtype == TP_TYPE_SOA && tp_name_equal(q->qname, zone)) {
        for (size_t k = 0; k < m->answer.count; k++) {
            tp_rdata_view_t v;
            if (m->answer.rrs[k].type == TP_TYPE_SOA &&
                tp_rdata_view(TP_TYPE_SOA, m->answer.rrs[k].rdata, &v) ==
                    TP_OK) {
                t->has_serial = true;
                t->serial = v.u.soa.serial;
            }
        }
    }
}

static void server_diags(an_run_t *run, size_t i, size_t s,
                         const srv_tally_t *t)
{
    tp_an_zone_t *z = &run->a->zones[i];
    tp_an_server_t *sv = &z->servers[s];
    tp_an_node_t me = an_node(TP_NODE_SERVER, i, s);
    const char *who = sv->address;
    const char *label = sv->name != NULL ? sv->name : sv->address;
    sv->responded = t->answered > 0;
    sv->authoritative = t->aa > 0;
    if (t->mismatch > 0) {
        if (t->answered == 0)
            sv->problem = "wrong answers";
        an_diag(run, TP_DIAG_SERVER_ANSWER_MISMATCH, z->name, who, me,
                "%s (%s) answered %zu of %zu queries for %s with a wrong "
                "message ID or question (%s); they were dropped",
                label, sv->address, t->mismatch, t->sent, z->name,
                t->mismatch_detail != NULL ? t->mismatch_detail
                                           : "answer did not match");
    }
    if (t->answered == 0) {
        sv->status = TP_STATUS_LAME;
        if (t->timeouts > 0) {
            sv->problem = "timeout";
            an_diag(run, TP_DIAG_SERVER_TIMEOUT, z->name, who, me,
                    "%s (%s) did not answer any of %zu queries for %s", label,
                    sv->address, t->sent, z->name);
        } else if (t->neterr > 0) {
            sv->problem = "network error";
            an_diag(run, TP_DIAG_SERVER_NETWORK_ERROR, z->name, who, me,
                    "queries to %s (%s) for %s failed at the network level",
                    label, sv->address, z->name);
        } else if (t->malformed > 0) {
            sv->problem = "malformed";
            an_diag(run, TP_DIAG_SERVER_MALFORMED_RESPONSE, z->name, who, me,
                    "%s (%s) sent only malformed responses", label,
                    sv->address);
        }
        return;
    }
    if (t->refused > 0) {
        sv->problem = "REFUSED";
        an_diag(run, TP_DIAG_SERVER_REFUSED, z->name, who, me,
                "%s (%s) answered REFUSED to %zu of %zu queries for %s", label,
                sv->address, t->refused, t->sent, z->name);
    }
    if (t->servfail > 0) {
        sv->problem = "SERVFAIL";
        an_diag(run, TP_DIAG_SERVER_SERVFAIL, z->name, who, me,
                "%s (%s) answered SERVFAIL to %zu of %zu queries for %s", label,
                sv->address, t->servfail, t->sent, z->name);
    }
    if (t->formerr > 0)
        an_diag(run, TP_DIAG_SERVER_FORMERR, z->name, who, me,
                "%s (%s) answered FORMERR to %zu EDNS queries for %s", label,
                sv->address, t->formerr, z->name);
    if (t->upward > 0) {
        sv->problem = "upward referral";
        an_diag(run, TP_DIAG_SERVER_UPWARD_REFERRAL, z->name, who, me,
                "%s (%s) answered %zu queries for %s with a referral "
                "upwards",
                label, sv->address, t->upward, z->name);
    }
    if (t->aa_referral > 0)
        an_diag(run, TP_DIAG_SERVER_AUTHORITATIVE_REFERRAL, z->name, who, me,
                "%s (%s) set AA on %zu referrals from %s", label, sv->address,
                t->aa_referral, z->name);
    if (t->other_rcode > 0)
        an_diag(run, TP_DIAG_SERVER_BAD_RCODE, z->name, who, me,
                "%s (%s) answered with unexpected response codes", label,
                sv->address);
    /* A resolver's answers say nothing of the authorities' AA bits. */
    bool resolver = run->an->cap->source == TP_CAPTURE_SOURCE_RESOLVER;
    if (!resolver && t->aa == 0 && t->refused == 0 && t->servfail == 0) {
        sv->problem = "not authoritative";
        an_diag(run, TP_DIAG_SERVER_NOT_AUTHORITATIVE, z->name, who, me,
                "%s (%s) never set AA in its answers for %s", label,
                sv->address, z->name);
    }
    if (!resolver && t->aa == 0)
        sv->status = TP_STATUS_LAME;
    if (t->timeouts > 0 && t->timeouts < t->sent)
        an_diag(run, TP_DIAG_SERVER_TIMEOUT, z->name, who, me,
                "%s (%s) did not answer %zu of %zu queries for %s", label,
                sv->address, t->timeouts, t->sent, z->name);
    if (t->tcp_fail > 0)
        an_diag(run, TP_DIAG_SERVER_TCP_FAILURE, z->name, who, me,
                "%s (%s) failed %zu queries over TCP", label, sv->address,
                t->tcp_fail);
    if (t->noedns > 0)
        an_diag(run, TP_DIAG_SERVER_NO_EDNS, z->name, who, me,
                "%s (%s) answered EDNS queries without OPT", label,
                sv->address);
    if (t->do_cleared > 0 && z->is_signed)
        an_diag(run, TP_DIAG_SERVER_DNSSEC_DOWNGRADE, z->name, who, me,
                "%s (%s) cleared the DO bit in %zu answers", label, sv->address,
                t->do_cleared);
    if (t->truncated > 0)
        an_diag(run, TP_DIAG_SERVER_TRUNCATED, z->name, who, me,
                "%s (%s) truncated %zu answers", label, sv->address,
                t->truncated);
}

void an_servers(an_run_t *run, size_t i)
{
    tp_an_zone_t *z = &run->a->zones[i];
    size_t authoritative = 0;
    uint32_t serials[64];
    size_t serial_n[64], ns = 0, n;
    const an_ix_ent_t *in_zone = an_ix_range(&run->an->by_zone, z->wire, &n);
    for (size_t s = 0; s < z->server_count; s++) {
        srv_tally_t t = {0};
        for (size_t k = 0; k < n; k++) {
            const an_resp_t *r = in_zone[k].r;
            if (strcmp(r->q->server, z->servers[s].address) == 0)
                tally(r, z->wire, &t);
        }
        server_diags(run, i, s, &t);
        authoritative += t.aa > 0;
        if (t.has_serial) {
            size_t k = 0;
            while (k < ns && serials[k] != t.serial)
                k++;
            if (k == ns && ns < 64) {
                serials[ns] = t.serial;
                serial_n[ns++] = 0;
            }
            if (k < 64)
                serial_n[k]++;
        }
    }
    if (ns > 0) {
        size_t best = 0;
        for (size_t k = 1; k < ns; k++)
            best = serial_n[k] > serial_n[best] ? k : best;
        z->has_soa_serial = true;
        z->soa_serial = serials[best];
    }
    if (ns > 1) {
        char list[256] = "";
        size_t used = 0;
        for (size_t k = 0; k < ns && used < sizeof list - 16; k++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%u",
                                     k ? ", " : "", serials[k]);
        an_diag(run, TP_DIAG_SOA_SERIAL_MISMATCH, z->name, NULL,
                an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                "the servers of %s serve SOA serials %s", z->name, list);
    }
    size_t v4 = 0;
    for (size_t k = 0; k < z->server_count; k++)
        v4 += strchr(z->servers[k].address, ':') == NULL;
    if (z->server_count > 0 && v4 == 0)
        an_diag(run, TP_DIAG_DELEGATION_NO_IPV4, z->name, NULL,
                an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                "the %zu server addresses of %s are all IPv6", z->server_count,
                z->name);
    /* No IPv6 name server: only worth saying when the probe used IPv6 and
     * some server in the capture answered over it. */
    if (z->server_count > 0 && v4 == z->server_count &&
        run->an->cap->options.ipv6 && run->an->ipv6_answered)
        an_diag(run, TP_DIAG_DELEGATION_NO_IPV6, z->name, NULL,
                an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                "the %zu server addresses of %s are all IPv4", z->server_count,
                z->name);
    if (z->server_count > 0 && authoritative == 0 &&
        run->an->cap->source != TP_CAPTURE_SOURCE_RESOLVER) {
        an_diag(run, TP_DIAG_DELEGATION_LAME, z->name, NULL,
                an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                "none of the %zu servers of %s answered authoritatively",
                z->server_count, z->name);
        if (z->delegation.status == TP_STATUS_INSECURE ||
            z->delegation.status == TP_STATUS_INDETERMINATE)
            z->delegation.status = TP_STATUS_LAME;
    }
}

/* RFC 6890 special-purpose ranges a public name server must not use:
 * 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16; ::1,
 * fc00::/7, fe80::/10. */
static bool private_address(const tp_rr_t *rr)
{
    const uint8_t *a = rr->rdata.data;
    if (rr->type == TP_TYPE_A && rr->rdata.len == 4)
        return a[0] == 0 || a[0] == 10 || a[0] == 127 ||
               (a[0] == 100 && (a[1] & 0xc0) == 64) ||
               (a[0] == 169 && a[1] == 254) ||
               (a[0] == 172 && (a[1] & 0xf0) == 16) ||
               (a[0] == 192 && a[1] == 168);
    if (rr->type == TP_TYPE_AAAA && rr->rdata.len == 16) {
        static const uint8_t loop[16] = {[15] = 1};
        return memcmp(a, loop, 16) == 0 || (a[0] & 0xfe) == 0xfc ||
               (a[0] == 0xfe && (a[1] & 0xc0) == 0x80);
    }
    return false;
}

/* "name address" pairs and the address text of an A/AAAA record. */
static const char *addr_text(an_run_t *run, const tp_rr_t *rr)
{
    tp_buf_t b;
    tp_buf_init(&b, 256);
    const char *out = NULL;
    if (tp_rdata_to_text(rr->type, rr->rdata, &b) == TP_OK)
        out = tp_arena_strdup(run->arena, tp_buf_str(&b));
    tp_buf_clear(&b);
    return out;
}

/* A set of strings in insertion order, hashed (open addressing, at most
 * half full), in the arena: NS name sets are a hostile server's to size
 * (hundreds of names), so membership is not a walk along a list. */
typedef struct strset {
    const char **v; /* insertion order (an_push capacity) */
    size_t n;
    size_t *slot; /* index + 1, 0 = empty; cap a power of two */
    size_t cap;
} strset_t;

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return h;
}

static size_t strset_find(const strset_t *set, const char *str)
{
    if (set->cap == 0 || str == NULL)
        return TP_AN_NONE;
    size_t mask = set->cap - 1;
    for (size_t i = (size_t)str_hash(str) & mask;; i = (i + 1) & mask) {
        size_t slot = set->slot[i];
        if (slot == 0)
            return TP_AN_NONE;
        if (strcmp(set->v[slot - 1], str) == 0)
            return slot - 1;
    }
}

static bool strset_add(tp_arena_t *arena, strset_t *set, const char *str,
                       size_t *index_out)
{
    size_t at = strset_find(set, str);
    if (index_out != NULL)
        *index_out = at;
    if (str == NULL || at != TP_AN_NONE)
        return true;
    if ((set->n + 1) * 2 > set->cap) { /* load factor at most 1/2 */
        size_t ncap = set->cap == 0 ? 16 : set->cap * 2;
        size_t *slot = tp_arena_array(arena, ncap, sizeof *slot);
        if (slot == NULL)
            return false;
        memset(slot, 0, ncap * sizeof *slot);
        for (size_t k = 0; k < set->n; k++) {
            size_t i = (size_t)str_hash(set->v[k]) & (ncap - 1);
            while (slot[i] != 0)
                i = (i + 1) & (ncap - 1);
            slot[i] = k + 1;
        }
        set->slot = slot;
        set->cap = ncap;
    }
    const char **v = an_push(arena, (void **)&set->v, &set->n, sizeof *v);
    if (v == NULL)
        return false;
    *v = str;
    size_t i = (size_t)str_hash(str) & (set->cap - 1);
    while (set->slot[i] != 0)
        i = (i + 1) & (set->cap - 1);
    set->slot[i] = set->n;
    if (index_out != NULL)
        *index_out = set->n - 1;
    return true;
}

/* Addresses kept per NS name and source: a referral or a zone's answer
 * may carry thousands of A/AAAA records (RFC 1035 leaves it to the message
 * size); real name servers have a handful. */
#define NS_ADDR_MAX 64

/* The addresses of one NS name of the zone, as text ("192.0.2.1"). */
typedef struct ns_addrs {
    const char **glue; /* in the parent's referrals */
    size_t glue_n;
    const char **child; /* in the zone's own authoritative answers */
    size_t child_n;
    const char *child_private; /* first private one of child, or NULL */
} ns_addrs_t;

/* The NS names of the zone (the parent's and the child's) and theirs
 * addresses, parallel. */
typedef struct ns_map {
    strset_t names;
    ns_addrs_t *addrs;
    size_t addrs_n;
} ns_map_t;

static bool ns_map_add(an_run_t *run, ns_map_t *map, const char *name)
{
    size_t at;
    if (!strset_add(run->arena, &map->names, name, &at))
        return false;
    while (map->addrs_n < map->names.n) {
        if (an_push(run->arena, (void **)&map->addrs, &map->addrs_n,
                    sizeof *map->addrs) == NULL)
            return false;
    }
    return true;
}

static const ns_addrs_t *ns_map_get(const ns_map_t *map, const char *name)
{
    size_t at = strset_find(&map->names, name);
    return at != TP_AN_NONE && at < map->addrs_n ? &map->addrs[at] : NULL;
}

/* Add addr to a list of at most NS_ADDR_MAX; true when it was added. */
static bool addr_list_add(an_run_t *run, const char ***list, size_t *n,
                          const char *addr)
{
    if (*n >= NS_ADDR_MAX || an_strs_has(*list, *n, addr))
        return false;
    const char **slot = an_push(run->arena, (void **)list, n, sizeof *slot);
    if (slot == NULL)
        return false;
    *slot = addr;
    return true;
}

/* A list of addresses, comma-separated, or NULL when empty. */
static const char *addrs_join(an_run_t *run, const char *const *l, size_t n)
{
    char buf[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof buf - 1; i++) {
        int w = snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "",
                         l[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return n > 0 ? tp_arena_strdup(run->arena, buf) : NULL;
}

/* The same addresses in both lists (order ignored; each list is short). */
static bool same_addrs(const ns_addrs_t *e)
{
    for (size_t i = 0; i < e->glue_n; i++) {
        if (!an_strs_has(e->child, e->child_n, e->glue[i]))
            return false;
    }
    for (size_t i = 0; i < e->child_n; i++) {
        if (!an_strs_has(e->glue, e->glue_n, e->child[i]))
            return false;
    }
    return true;
}

/* NS names that are aliases, and NS names with no address at all. */
static void ns_targets(an_run_t *run, size_t i, const char *const *names,
                       size_t n, const ns_map_t *map)
{
    tp_an_zone_t *z = &run->a->zones[i];
    tp_an_node_t zn = an_node(TP_NODE_ZONE, i, TP_AN_NONE);
    for (size_t k = 0; k < n; k++) {
        uint8_t w[TP_NAME_MAX];
        size_t wl;
        if (tp_name_from_text(names[k], strlen(names[k]), NULL, w, &wl) !=
            TP_OK)
            continue;
        bool alias = false, asked = false, has_addr = false, failed = false;
        const char *target = NULL;
        size_t nat;
        const an_ix_ent_t *at = an_ix_range(&run->an->by_qname, w, &nat);
        for (size_t r = 0; r < nat; r++) {
            const an_resp_t *rp = at[r].r;
            if (rp->q->qtype != TP_TYPE_A && rp->q->qtype != TP_TYPE_AAAA)
                continue;
            if (!rp->parsed || rp->msg.rcode == TP_RCODE_SERVFAIL ||
                rp->msg.rcode == TP_RCODE_REFUSED) {
                failed = true;
                continue;
            }
            const tp_msg_t *m = &rp->msg;
            if (rp->q->qtype == TP_TYPE_A || rp->q->qtype == TP_TYPE_AAAA)
                asked |= m->aa && (m->rcode == TP_RCODE_NXDOMAIN ||
                                   m->rcode == TP_RCODE_NOERROR);
            for (size_t j = 0; j < m->answer.count; j++) {
                const tp_rr_t *rr = &m->answer.rrs[j];
                if (!tp_name_equal(rr->owner, w))
                    continue;
                if (rr->type == TP_TYPE_CNAME) {
                    tp_rdata_view_t v;
                    alias = true;
                    if (tp_rdata_view(TP_TYPE_CNAME, rr->rdata, &v) == TP_OK)
                        target = an_name(run->arena, v.u.name);
                } else if (rr->type == TP_TYPE_A || rr->type == TP_TYPE_AAAA) {
                    has_addr = true;
                }
            }
        }
        if (alias)
            an_diag(run, TP_DIAG_DELEGATION_NS_CNAME, z->name, NULL, zn,
                    "name server %s of %s is an alias (CNAME %s)", names[k],
                    z->name, target != NULL ? target : "?");
        const ns_addrs_t *e = ns_map_get(map, names[k]);
        size_t ng = e != NULL ? e->glue_n : 0, nc = e != NULL ? e->child_n : 0;
        if (failed && !asked && !alias && !has_addr && ng == 0 && nc == 0)
            an_diag(run, TP_DIAG_DELEGATION_NS_RESOLUTION_FAILED, z->name, NULL,
                    zn,
                    "the address of name server %s of %s could not be "
                    "resolved: every query for it failed",
                    names[k], z->name);
        if (asked && !alias && !has_addr && ng == 0 && nc == 0)
            an_diag(run, TP_DIAG_DELEGATION_NS_NO_ADDRESS, z->name, NULL, zn,
                    "name server %s of %s has no A or AAAA record", names[k],
                    z->name);
    }
}

/* The next response of the union of two ranges in capture order (each is
 * in capture order, a response may be in both). */
static const an_resp_t *next_in_order(const an_ix_ent_t *a, size_t na,
                                      size_t *ja, const an_ix_ent_t *b,
                                      size_t nb, size_t *jb)
{
    if (*jb >= nb || (*ja < na && a[*ja].r < b[*jb].r))
        return a[(*ja)++].r;
    const an_resp_t *r = b[(*jb)++].r;
    if (*ja < na && a[*ja].r == r)
        (*ja)++;
    return r;
}

/* Whether a parent's response is a referral to zone: NS records owned by
 * the zone in its authority section. */
static bool is_referral(const tp_msg_t *m, const uint8_t *zone)
{
    for (size_t j = 0; j < m->authority.count; j++) {
        const tp_rr_t *rr = &m->authority.rrs[j];
        if (rr->type == TP_TYPE_NS && tp_name_equal(rr->owner, zone))
            return true;
    }
    return false;
}

/* The responses that can matter for the delegation of zone i: the
 * parent's with NS records owned by the zone in the authority section
 * (referrals), and the zone's own, merged in capture order. */
typedef struct deleg_walk {
    const an_ix_ent_t *ref, *own;
    size_t nref, nown, jref, jown;
} deleg_walk_t;

static void walk_start(an_run_t *run, const uint8_t *zone, deleg_walk_t *w)
{
    memset(w, 0, sizeof *w);
    w->ref = an_ix_range(&run->an->by_ns_owner, zone, &w->nref);
    w->own = an_ix_range(&run->an->by_zone, zone, &w->nown);
}

static const an_resp_t *walk_next(deleg_walk_t *w)
{
    while (w->jref < w->nref || w->jown < w->nown) {
        const an_resp_t *r =
            next_in_order(w->ref, w->nref, &w->jref, w->own, w->nown, &w->jown);
        if (r->parsed)
            return r;
    }
    return NULL;
}

/* The NS names of the parent's referrals (into d->ns) and of the zone's
 * own NS answers (into *child), all of them into map. */
static void deleg_names(an_run_t *run, size_t i, strset_t *parent,
                        strset_t *child, ns_map_t *map)
{
    const tp_an_zone_t *z = &run->a->zones[i];
    const tp_an_zone_t *pz = &run->a->zones[z->parent_index];
    deleg_walk_t w;
    walk_start(run, z->wire, &w);
    for (const an_resp_t *r; (r = walk_next(&w)) != NULL;) {
        const tp_msg_t *m = &r->msg;
        const tp_capture_query_t *q = r->q;
        bool from_parent = q->zone != NULL && tp_name_equal(q->zone, pz->wire);
        bool from_child = q->zone != NULL && tp_name_equal(q->zone, z->wire) &&
                          m->aa && q->qtype == TP_TYPE_NS &&
                          tp_name_equal(q->qname, z->wire);
        if (!from_parent && !from_child)
            continue;
        const tp_rrlist_t *sec = from_parent ? &m->authority : &m->answer;
        for (size_t j = 0; j < sec->count; j++) {
            const tp_rr_t *rr = &sec->rrs[j];
            tp_rdata_view_t v;
            if (rr->type != TP_TYPE_NS || !tp_name_equal(rr->owner, z->wire) ||
                tp_rdata_view(TP_TYPE_NS, rr->rdata, &v) != TP_OK)
                continue;
            char text[TP_NAME_TEXT_MAX];
            tp_name_to_text(v.u.name, text);
            strset_t *set = from_parent ? parent : child;
            if (strset_find(set, text) != TP_AN_NONE)
                continue;
            const char *nsname = tp_arena_strdup(run->arena, text);
            if (nsname == NULL || !strset_add(run->arena, set, nsname, NULL) ||
                !ns_map_add(run, map, nsname))
                return;
        }
    }
}

/* The addresses of the NS names in map: the parent's glue (also into
 * d->glue as "name address") and the zone's own A/AAAA records for them,
 * at most NS_ADDR_MAX of each per name. Records of other owners are not
 * looked at beyond their name (a response may hold thousands). */
static void deleg_addrs(an_run_t *run, size_t i, ns_map_t *map)
{
    tp_an_zone_t *z = &run->a->zones[i];
    tp_an_delegation_t *d = &z->delegation;
    const tp_an_zone_t *pz = &run->a->zones[z->parent_index];
    bool private_seen = false;
    deleg_walk_t w;
    walk_start(run, z->wire, &w);
    for (const an_resp_t *r; (r = walk_next(&w)) != NULL;) {
        const tp_msg_t *m = &r->msg;
        const tp_capture_query_t *q = r->q;
        bool from_parent = q->zone != NULL &&
                           tp_name_equal(q->zone, pz->wire) &&
                           is_referral(m, z->wire);
        bool from_child =
            q->zone != NULL && tp_name_equal(q->zone, z->wire) && m->aa;
        if (!from_parent && !from_child)
            continue;
        for (int sec = 0; sec < 2; sec++) {
            /* the parent's glue is in the additional section; the child
             * answers for its names' addresses in both */
            if (from_parent && !from_child && sec == 0)
                continue;
            const tp_rrlist_t *l = sec ? &m->additional : &m->answer;
            for (size_t j = 0; j < l->count; j++) {
                const tp_rr_t *rr = &l->rrs[j];
                if (rr->type != TP_TYPE_A && rr->type != TP_TYPE_AAAA)
                    continue;
                char owner[TP_NAME_TEXT_MAX];
                tp_name_to_text(rr->owner, owner);
                size_t at = strset_find(&map->names, owner);
                if (at == TP_AN_NONE || at >= map->addrs_n)
                    continue;
                ns_addrs_t *e = &map->addrs[at];
                const char *nm = map->names.v[at];
                bool glue = from_parent && sec == 1 && e->glue_n < NS_ADDR_MAX;
                bool own = from_child &&
                           tp_name_is_subdomain(rr->owner, z->wire) &&
                           e->child_n < NS_ADDR_MAX;
                if (!glue && !own)
                    continue;
                const char *addr = addr_text(run, rr);
                if (addr == NULL)
                    continue;
                if (own && addr_list_add(run, &e->child, &e->child_n, addr) &&
                    e->child_private == NULL && private_address(rr))
                    e->child_private = addr;
                if (!glue || !addr_list_add(run, &e->glue, &e->glue_n, addr))
                    continue;
                const char **slot = an_push(run->arena, (void **)&d->glue,
                                            &d->glue_count, sizeof *slot);
                if (slot != NULL)
                    *slot = an_printf(run->arena, "%s %s", nm, addr);
                if (run->an->opts.check_private_addresses &&
                    private_address(rr) && !private_seen) {
                    private_seen = true;
                    an_diag(run, TP_DIAG_DELEGATION_NS_PRIVATE_ADDRESS, z->name,
                            NULL, an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                            "glue %s %s for %s is a private or "
                            "special-purpose address",
                            nm, addr, z->name);
                }
            }
        }
    }
    for (size_t k = 0; run->an->opts.check_private_addresses && !private_seen &&
                       k < map->addrs_n;
         k++) {
        /* the child's private addresses of its own name servers */
        if (map->addrs[k].child_private == NULL)
            continue;
        private_seen = true;
        an_diag(run, TP_DIAG_DELEGATION_NS_PRIVATE_ADDRESS, z->name, NULL,
                an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                "name server %s of %s has the private or special-purpose "
                "address %s",
                map->names.v[k], z->name, map->addrs[k].child_private);
    }
}

void an_delegation_ns(an_run_t *run, size_t i)
{
    tp_an_zone_t *z = &run->a->zones[i];
    if (z->parent_index == TP_AN_NONE)
        return;
    /* A resolver returns no referrals: the parent's NS and glue, and the
     * authorities' own NS addresses, are not in the capture. */
    if (run->an->cap->source == TP_CAPTURE_SOURCE_RESOLVER)
        return;
    tp_an_delegation_t *d = &z->delegation;
    const tp_an_zone_t *pz = &run->a->zones[z->parent_index];
    strset_t parent = {0}, child = {0};
    ns_map_t map = {{0}, NULL, 0};
    deleg_names(run, i, &parent, &child, &map);
    d->ns = parent.v;
    d->ns_count = parent.n;
    deleg_addrs(run, i, &map);
    tp_an_node_t zn = an_node(TP_NODE_ZONE, i, TP_AN_NONE);
    for (size_t k = 0; child.n > 0 && k < parent.n; k++) {
        if (strset_find(&child, parent.v[k]) == TP_AN_NONE)
            an_diag(run, TP_DIAG_DELEGATION_NS_NOT_IN_CHILD, z->name, NULL, zn,
                    "%s is in the parent's NS RRset for %s but not in the "
                    "child's",
                    parent.v[k], z->name);
    }
    for (size_t k = 0; parent.n > 0 && k < child.n; k++) {
        if (strset_find(&parent, child.v[k]) == TP_AN_NONE)
            an_diag(run, TP_DIAG_DELEGATION_NS_NOT_IN_PARENT, z->name, NULL, zn,
                    "%s is in the child's NS RRset for %s but not in the "
                    "parent's",
                    child.v[k], z->name);
    }
    for (size_t k = 0; k < parent.n; k++) {
        uint8_t w[TP_NAME_MAX];
        size_t wl;
        const ns_addrs_t *e = ns_map_get(&map, parent.v[k]);
        if (e == NULL ||
            tp_name_from_text(parent.v[k], strlen(parent.v[k]), NULL, w, &wl) !=
                TP_OK ||
            !tp_name_is_subdomain(w, z->wire))
            continue;
        if (e->glue_n == 0)
            an_diag(run, TP_DIAG_DELEGATION_GLUE_MISSING, z->name, NULL, zn,
                    "the referral for %s has no glue for in-domain server %s",
                    z->name, parent.v[k]);
        else if (e->child_n > 0 && !same_addrs(e))
            an_diag(run, TP_DIAG_DELEGATION_GLUE_MISMATCH, z->name, NULL, zn,
                    "glue for %s in the referral from %s is %s; %s itself "
                    "says %s",
                    parent.v[k], pz->name, addrs_join(run, e->glue, e->glue_n),
                    z->name, addrs_join(run, e->child, e->child_n));
    }
    ns_targets(run, i, parent.v, parent.n, &map);
    for (size_t k = 0; k < child.n; k++) {
        if (strset_find(&parent, child.v[k]) == TP_AN_NONE)
            ns_targets(run, i, &child.v[k], 1, &map);
    }
    if (z->server_count == 1)
        an_diag(run, TP_DIAG_DELEGATION_SINGLE_SERVER, z->name, NULL, zn,
                "%s has a single name server address (%s)", z->name,
                z->servers[0].address);
}
