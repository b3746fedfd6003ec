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
        aa_referral, upward;
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

static bool in_list(const char *const *l, size_t n, const char *s)
{
    return an_strs_has(l, n, s);
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

typedef struct ns_addrs {
    const char **pairs; /* "ns1.example. 192.0.2.1" */
    size_t count;
} ns_addrs_t;

static void addrs_add(an_run_t *run, ns_addrs_t *l, const tp_rr_t *rr,
                      const char *owner)
{
    const char *addr = addr_text(run, rr);
    if (addr != NULL)
        (void)an_strs_add(run->arena, &l->pairs, &l->count,
                          an_printf(run->arena, "%s %s", owner, addr));
}

/* Addresses of one name in a pair list, comma-separated, or NULL. */
static const char *addrs_of(an_run_t *run, const ns_addrs_t *l,
                            const char *name, size_t *n_out)
{
    size_t len = strlen(name), n = 0;
    char buf[512] = "";
    for (size_t i = 0; i < l->count; i++) {
        if (strncmp(l->pairs[i], name, len) == 0 && l->pairs[i][len] == ' ') {
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s",
                     n ? ", " : "", l->pairs[i] + len + 1);
            n++;
        }
    }
    *n_out = n;
    return n > 0 ? tp_arena_strdup(run->arena, buf) : NULL;
}

static bool same_addrs(const ns_addrs_t *a, const ns_addrs_t *b,
                       const char *name)
{
    size_t len = strlen(name);
    for (int pass = 0; pass < 2; pass++) {
        const ns_addrs_t *x = pass ? b : a, *y = pass ? a : b;
        for (size_t i = 0; i < x->count; i++) {
            if (strncmp(x->pairs[i], name, len) == 0 &&
                x->pairs[i][len] == ' ' &&
                !an_strs_has(y->pairs, y->count, x->pairs[i]))
                return false;
        }
    }
    return true;
}

/* NS names that are aliases, and NS names with no address at all. */
static void ns_targets(an_run_t *run, size_t i, const char *const *names,
                       size_t n, const ns_addrs_t *glue,
                       const ns_addrs_t *child)
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
        size_t ng = 0, nc = 0;
        (void)addrs_of(run, glue, names[k], &ng);
        (void)addrs_of(run, child, names[k], &nc);
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
    const char **child = NULL;
    size_t child_n = 0;
    ns_addrs_t glue = {NULL, 0}, caddr = {NULL, 0}, cpriv = {NULL, 0};
    bool private_seen = false;
    /* Only two kinds of response can matter: the parent's with NS records
     * owned by the zone in the authority section (referrals), and the zone's
     * own. Both lists are in capture order: merge them. */
    size_t nref, nown, jref = 0, jown = 0;
    const an_ix_ent_t *ref = an_ix_range(&run->an->by_ns_owner, z->wire, &nref);
    const an_ix_ent_t *own = an_ix_range(&run->an->by_zone, z->wire, &nown);
    while (jref < nref || jown < nown) {
        const an_resp_t *r = next_in_order(ref, nref, &jref, own, nown, &jown);
        if (!r->parsed)
            continue;
        const tp_msg_t *m = &r->msg;
        const tp_capture_query_t *q = r->q;
        bool from_parent = q->zone != NULL && tp_name_equal(q->zone, pz->wire);
        bool from_child =
            q->zone != NULL && tp_name_equal(q->zone, z->wire) && m->aa;
        if (from_child) {
            /* the child's own addresses for its name servers */
            for (int sec = 0; sec < 2; sec++) {
                const tp_rrlist_t *l = sec ? &m->additional : &m->answer;
                for (size_t j = 0; j < l->count; j++) {
                    const tp_rr_t *rr = &l->rrs[j];
                    if ((rr->type == TP_TYPE_A || rr->type == TP_TYPE_AAAA) &&
                        tp_name_is_subdomain(rr->owner, z->wire)) {
                        const char *o = an_name(run->arena, rr->owner);
                        addrs_add(run, &caddr, rr, o);
                        if (private_address(rr))
                            addrs_add(run, &cpriv, rr, o);
                    }
                }
            }
        }
        const tp_rrlist_t *sec = from_parent ? &m->authority : &m->answer;
        if (!from_parent && !(from_child && q->qtype == TP_TYPE_NS &&
                              tp_name_equal(q->qname, z->wire)))
            continue;
        bool referral = false;
        for (size_t j = 0; j < sec->count; j++) {
            const tp_rr_t *rr = &sec->rrs[j];
            tp_rdata_view_t v;
            if (rr->type != TP_TYPE_NS || !tp_name_equal(rr->owner, z->wire) ||
                tp_rdata_view(TP_TYPE_NS, rr->rdata, &v) != TP_OK)
                continue;
            const char *nsname = an_name(run->arena, v.u.name);
            referral = true;
            if (from_parent)
                (void)an_strs_add(run->arena, &d->ns, &d->ns_count, nsname);
            else
                (void)an_strs_add(run->arena, &child, &child_n, nsname);
        }
        if (!from_parent || !referral)
            continue;
        for (size_t j = 0; j < m->additional.count; j++) {
            const tp_rr_t *rr = &m->additional.rrs[j];
            if (rr->type != TP_TYPE_A && rr->type != TP_TYPE_AAAA)
                continue;
            const char *owner = an_name(run->arena, rr->owner);
            const char *addr = addr_text(run, rr);
            if (addr == NULL)
                continue;
            (void)an_strs_add(run->arena, &d->glue, &d->glue_count,
                              an_printf(run->arena, "%s %s", owner, addr));
            addrs_add(run, &glue, rr, owner);
            if (run->an->opts.check_private_addresses && private_address(rr) &&
                !private_seen) {
                private_seen = true;
                an_diag(run, TP_DIAG_DELEGATION_NS_PRIVATE_ADDRESS, z->name,
                        NULL, an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                        "glue %s %s for %s is a private or special-purpose "
                        "address",
                        owner, addr, z->name);
            }
        }
    }
    tp_an_node_t zn = an_node(TP_NODE_ZONE, i, TP_AN_NONE);
    for (size_t k = 0; child_n > 0 && k < d->ns_count; k++) {
        if (!in_list(child, child_n, d->ns[k]))
            an_diag(run, TP_DIAG_DELEGATION_NS_NOT_IN_CHILD, z->name, NULL, zn,
                    "%s is in the parent's NS RRset for %s but not in the "
                    "child's",
                    d->ns[k], z->name);
    }
    for (size_t k = 0; d->ns_count > 0 && k < child_n; k++) {
        if (!in_list(d->ns, d->ns_count, child[k]))
            an_diag(run, TP_DIAG_DELEGATION_NS_NOT_IN_PARENT, z->name, NULL, zn,
                    "%s is in the child's NS RRset for %s but not in the "
                    "parent's",
                    child[k], z->name);
    }
    for (size_t k = 0; k < d->ns_count; k++) {
        uint8_t w[TP_NAME_MAX];
        size_t wl;
        if (tp_name_from_text(d->ns[k], strlen(d->ns[k]), NULL, w, &wl) !=
                TP_OK ||
            !tp_name_is_subdomain(w, z->wire))
            continue;
        size_t ng = 0, nc = 0;
        const char *g = addrs_of(run, &glue, d->ns[k], &ng);
        const char *c = addrs_of(run, &caddr, d->ns[k], &nc);
        if (ng == 0)
            an_diag(run, TP_DIAG_DELEGATION_GLUE_MISSING, z->name, NULL, zn,
                    "the referral for %s has no glue for in-domain server %s",
                    z->name, d->ns[k]);
        else if (nc > 0 && !same_addrs(&glue, &caddr, d->ns[k]))
            an_diag(run, TP_DIAG_DELEGATION_GLUE_MISMATCH, z->name, NULL, zn,
                    "glue for %s in the referral from %s is %s; %s itself "
                    "says %s",
                    d->ns[k], pz->name, g, z->name, c);
    }
    for (size_t k = 0; run->an->opts.check_private_addresses && !private_seen &&
                       k < cpriv.count;
         k++) {
        /* the child's private addresses of its own name servers */
        const char *sp = strchr(cpriv.pairs[k], ' ');
        size_t nl = sp != NULL ? (size_t)(sp - cpriv.pairs[k]) : 0;
        bool is_ns = false;
        for (size_t j = 0; j < child_n && !is_ns; j++)
            is_ns = strlen(child[j]) == nl &&
                    strncmp(child[j], cpriv.pairs[k], nl) == 0;
        for (size_t j = 0; j < d->ns_count && !is_ns; j++)
            is_ns = strlen(d->ns[j]) == nl &&
                    strncmp(d->ns[j], cpriv.pairs[k], nl) == 0;
        if (!is_ns)
            continue;
        private_seen = true;
        an_diag(run, TP_DIAG_DELEGATION_NS_PRIVATE_ADDRESS, z->name, NULL, zn,
                "name server %.*s of %s has the private or special-purpose "
                "address %s",
                (int)nl, cpriv.pairs[k], z->name, sp + 1);
    }
    ns_targets(run, i, d->ns, d->ns_count, &glue, &caddr);
    for (size_t k = 0; k < child_n; k++) {
        if (!in_list(d->ns, d->ns_count, child[k]))
            ns_targets(run, i, &child[k], 1, &glue, &caddr);
    }
    if (z->server_count == 1)
        an_diag(run, TP_DIAG_DELEGATION_SINGLE_SERVER, z->name, NULL, zn,
                "%s has a single name server address (%s)", z->name,
                z->servers[0].address);
}
