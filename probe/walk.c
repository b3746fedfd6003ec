/* The probe's walk: from the root to each name, zone cut by zone cut
 * (RFC 1034 section 4.3.2 referrals, asked one label at a time as in
 * RFC 9156 so names share their common ancestors), and what every server of
 * every zone on the way is asked. A zone's "jobs" are the questions all its
 * servers get; a server learned late (another referral, an NS answer, an
 * out-of-bailiwick address resolved) is sent every job already asked. */
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "probe_int.h"

#define NXD_LABEL_LEN 10

static bool push(probe_t *p, void **arr, size_t *count, size_t *cap,
                 size_t size)
{
    void *fresh;
    size_t ncap;

    if (*count < *cap)
        return true;
    ncap = *cap != 0 ? *cap * 2 : 4;
    fresh = tp_arena_array(p->arena, ncap, size);
    if (fresh == NULL) {
        p->fatal = TP_ENOMEM;
        return false;
    }
    if (*count != 0)
        memcpy(fresh, *arr, *count * size);
    *arr = fresh;
    *cap = ncap;
    return true;
}

/* ---- zones, servers, jobs ------------------------------------------------ */

static void zone_add_server(probe_t *p, zone_t *z, server_t *s, nsname_t *ns)
{
    void *arr = z->servers;

    if (s == NULL)
        return;
    for (size_t i = 0; i < z->server_count; i++)
        if (z->servers[i].server == s)
            return;
    if (!push(p, &arr, &z->server_count, &z->server_cap, sizeof(zserver_t)))
        return;
    z->servers = arr;
    z->servers[z->server_count].server = s;
    z->servers[z->server_count].ns = ns;
    z->server_count++;
    for (job_t *j = z->jobs; j != NULL; j = j->next)
        tp_probe_submit(p, s, z, ns, j);
}

static void zone_add_job(probe_t *p, zone_t *z, const uint8_t *qname,
                         uint16_t qtype, const char *purpose)
{
    job_t *j;

    for (j = z->jobs; j != NULL; j = j->next)
        if (j->qtype == qtype && tp_name_equal(j->qname, qname))
            return;
    j = tp_arena_alloc(p->arena, sizeof(*j));
    if (j == NULL || (j->qname = tp_name_dup(p->arena, qname)) == NULL) {
        p->fatal = TP_ENOMEM;
        return;
    }
    j->qtype = qtype;
    j->purpose = purpose;
    if (z->jobs_tail != NULL)
        z->jobs_tail->next = j;
    else
        z->jobs = j;
    z->jobs_tail = j;
    for (size_t i = 0; i < z->server_count; i++)
        tp_probe_submit(p, z->servers[i].server, z, z->servers[i].ns, j);
}

zone_t *tp_probe_zone_get(probe_t *p, const uint8_t *name, zone_t *parent)
{
    zone_t *z;

    for (z = p->zones; z != NULL; z = z->next)
        if (tp_name_equal(z->name, name))
            return z;
    if (parent != NULL && parent->depth + 1 > p->cfg->max_depth) {
        tp_probe_limit(p, TP_CAPTURE_LIMIT_DEPTH);
        return NULL;
    }
    z = tp_arena_alloc(p->arena, sizeof(*z));
    if (z == NULL || (z->name = tp_name_dup(p->arena, name)) == NULL) {
        p->fatal = TP_ENOMEM;
        return NULL;
    }
    tp_name_lower((uint8_t *)z->name);
    z->parent = parent;
    z->depth = parent != NULL ? parent->depth + 1 : 0;
    z->next = p->zones;
    p->zones = z;
    p->stats.zones++;
    return z;
}

static void random_label(uint8_t *label, size_t len)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    uint8_t raw[NXD_LABEL_LEN];

    if (getrandom(raw, len, 0) != (ssize_t)len)
        memset(raw, 0x5a, len); /* still a label; only less random */
    for (size_t i = 0; i < len; i++)
        label[i] = (uint8_t)alphabet[raw[i] % 36];
}

/* Everything asked at the apex of a zone a name of interest passes
 * through: the keys, the apex RRsets, and two negative probes whose
 * NSEC/NSEC3 proofs show how the zone denies existence. */
static void zone_make_full(probe_t *p, zone_t *z)
{
    uint8_t label[NXD_LABEL_LEN], nxd[TP_NAME_MAX];
    size_t nxd_len;
    char text[TP_NAME_TEXT_MAX];

    if (z->full)
        return;
    z->full = true;
    zone_add_job(p, z, z->name, TP_TYPE_DNSKEY, "dnskey");
    zone_add_job(p, z, z->name, TP_TYPE_SOA, "soa");
    zone_add_job(p, z, z->name, TP_TYPE_NS, "ns");
    zone_add_job(p, z, z->name, TP_TYPE_NSEC3PARAM, "nsec3param");
    if (!tp_name_is_root(z->name)) {
        zone_add_job(p, z, z->name, TP_TYPE_CDS, "cds");
        zone_add_job(p, z, z->name, TP_TYPE_CDNSKEY, "cdnskey");
    }
    zone_add_job(p, z, z->name, TP_PROBE_NODATA_TYPE, "nodata-probe");
    random_label(label, sizeof(label));
    if (tp_name_prepend(z->name, label, sizeof(label), nxd, &nxd_len) == TP_OK)
        zone_add_job(p, z, nxd, TP_TYPE_A, "nxdomain-probe");
    if (z->parent != NULL)
        zone_add_job(p, z->parent, z->name, TP_TYPE_DS, "ds");
    tp_name_to_text(z->name, text);
    tp_probe_progress(p, text, true);
}

/* ---- NS names and their addresses ---------------------------------------- */

static nsname_t *nsname_get(probe_t *p, const uint8_t *name)
{
    nsname_t *ns;

    for (ns = p->nsnames; ns != NULL; ns = ns->next)
        if (tp_name_equal(ns->name, name))
            return ns;
    ns = tp_arena_alloc(p->arena, sizeof(*ns));
    if (ns == NULL || (ns->name = tp_name_dup(p->arena, name)) == NULL) {
        p->fatal = TP_ENOMEM;
        return NULL;
    }
    tp_name_lower((uint8_t *)ns->name);
    ns->next = p->nsnames;
    p->nsnames = ns;
    return ns;
}

void tp_probe_zone_add_ns(probe_t *p, zone_t *z, const uint8_t *ns_name,
                          nsname_t **out)
{
    nsname_t *ns;
    void *arr;

    *out = NULL;
    for (size_t i = 0; i < z->ns_count; i++) {
        if (tp_name_equal(z->ns[i]->name, ns_name)) {
            *out = z->ns[i];
            return;
        }
    }
    if (z->ns_count >= p->cfg->max_ns_names) {
        tp_probe_limit(p, TP_CAPTURE_LIMIT_NS_NAMES);
        return;
    }
    if ((ns = nsname_get(p, ns_name)) == NULL)
        return;
    arr = z->ns;
    if (!push(p, &arr, &z->ns_count, &z->ns_cap, sizeof(nsname_t *)))
        return;
    z->ns = arr;
    z->ns[z->ns_count++] = ns;
    arr = ns->zones;
    if (!push(p, &arr, &ns->zone_count, &ns->zone_cap, sizeof(zone_t *)))
        return;
    ns->zones = arr;
    ns->zones[ns->zone_count++] = z;
    for (size_t i = 0; i < ns->addr_count; i++)
        zone_add_server(p, z, ns->addrs[i], ns);
    *out = ns;
}

void tp_probe_nsname_add_addr(probe_t *p, nsname_t *ns, int family,
                              const uint8_t *addr)
{
    server_t *s = tp_probe_server_get(p, family, addr);
    void *arr = ns->addrs;

    if (s == NULL)
        return;
    for (size_t i = 0; i < ns->addr_count; i++)
        if (ns->addrs[i] == s)
            return;
    if (!push(p, &arr, &ns->addr_count, &ns->addr_cap, sizeof(server_t *)))
        return;
    ns->addrs = arr;
    ns->addrs[ns->addr_count++] = s;
    for (size_t i = 0; i < ns->zone_count; i++)
        zone_add_server(p, ns->zones[i], s, ns);
}

/* ---- tasks: one name walked down from the root ------------------------- */

static void visit_start(probe_t *p, task_t *t, zone_t *z);

void tp_probe_task_start(probe_t *p, const uint8_t *name, unsigned cname_depth,
                         nsname_t *ns)
{
    task_t *t;

    for (t = p->tasks; t != NULL; t = t->next)
        if (tp_name_equal(t->name, name) && (t->ns == NULL) == (ns == NULL))
            return; /* already walked */
    t = tp_arena_alloc(p->arena, sizeof(*t));
    if (t == NULL || (t->name = tp_name_dup(p->arena, name)) == NULL) {
        p->fatal = TP_ENOMEM;
        return;
    }
    t->cname_depth = cname_depth;
    t->ns = ns;
    if (ns != NULL)
        ns->resolving = true;
    t->next = p->tasks;
    p->tasks = t;
    visit_start(p, t, p->root);
}

static void ask_types(probe_t *p, task_t *t, zone_t *z)
{
    const uint16_t *types = t->ns != NULL ? p->ns_types : p->types;
    size_t n = t->ns != NULL ? p->ns_type_count : p->type_count;

    for (size_t i = 0; i < n; i++)
        zone_add_job(p, z, t->name, types[i],
                     t->ns != NULL ? "ns-address" : "answer");
}

static memo_t *memo_find(const zone_t *z, const uint8_t *cand)
{
    for (memo_t *m = z->memos; m != NULL; m = m->next)
        if (tp_name_equal(m->cand, cand))
            return m;
    return NULL;
}

static void memo_add(probe_t *p, zone_t *z, const uint8_t *cand, zone_t *child,
                     bool nxdomain)
{
    memo_t *m;

    if (memo_find(z, cand) != NULL)
        return;
    m = tp_arena_alloc(p->arena, sizeof(*m));
    if (m == NULL || (m->cand = tp_name_dup(p->arena, cand)) == NULL) {
        p->fatal = TP_ENOMEM;
        return;
    }
    m->child = child;
    m->nxdomain = nxdomain;
    m->next = z->memos;
    z->memos = m;
}

/* Move a visit of z forward from the candidate with `labels` labels: ask
 * z whether it is a cut (NS, one label at a time), follow a cut already
 * known, or, at the name itself (or below an NXDOMAIN), ask the types. */
static void visit_step(probe_t *p, zone_t *z, visit_t *v, unsigned labels)
{
    task_t *t = v->task;

    for (;;) {
        memo_t *m;

        if (labels > tp_name_labels(t->name)) {
            v->done = true;
            ask_types(p, t, z);
            return;
        }
        v->cand = tp_name_suffix(t->name, labels);
        m = memo_find(z, v->cand);
        if (m == NULL) {
            zone_add_job(p, z, v->cand, TP_TYPE_NS, "referral");
            return;
        }
        if (m->child != NULL) {
            v->done = true;
            visit_start(p, t, m->child);
            return;
        }
        if (m->nxdomain)
            labels = tp_name_labels(t->name);
        labels++;
    }
}

static void visit_start(probe_t *p, task_t *t, zone_t *z)
{
    visit_t *v;

    if (z == NULL)
        return;
    for (v = z->visits; v != NULL; v = v->next)
        if (v->task == t)
            return;
    v = tp_arena_alloc(p->arena, sizeof(*v));
    if (v == NULL) {
        p->fatal = TP_ENOMEM;
        return;
    }
    v->task = t;
    v->next = z->visits;
    z->visits = v;
    if (t->ns == NULL)
        zone_make_full(p, z);
    visit_step(p, z, v, tp_name_labels(z->name) + 1);
}

/* ---- reading responses ----------------------------------------------------
 */

/* The name an NS RDATA holds (uncompressed), or NULL if it is not a name. */
static const uint8_t *ns_target(const tp_rr_t *rr)
{
    size_t len;

    if (rr->type != TP_TYPE_NS ||
        tp_name_check(rr->rdata.data, rr->rdata.len, &len) != TP_OK ||
        len != rr->rdata.len)
        return NULL;
    return rr->rdata.data;
}

static void learn_glue(probe_t *p, nsname_t *ns, const tp_rrlist_t *list)
{
    for (size_t i = 0; i < list->count; i++) {
        const tp_rr_t *rr = &list->rrs[i];

        if (rr->rclass != TP_CLASS_IN || !tp_name_equal(rr->owner, ns->name))
            continue;
        if (rr->type == TP_TYPE_A && rr->rdata.len == 4)
            tp_probe_nsname_add_addr(p, ns, AF_INET, rr->rdata.data);
        else if (rr->type == TP_TYPE_AAAA && rr->rdata.len == 16)
            tp_probe_nsname_add_addr(p, ns, AF_INET6, rr->rdata.data);
    }
}

/* Add the NS RRset of `owner` found in `list` to zone z, with the glue of
 * the additional section; NS names left without an address are resolved
 * from the root like any other name. */
static void learn_ns(probe_t *p, zone_t *z, const tp_rrlist_t *list,
                     const tp_msg_t *m)
{
    for (size_t i = 0; i < list->count; i++) {
        const tp_rr_t *rr = &list->rrs[i];
        const uint8_t *target = ns_target(rr);
        nsname_t *ns;

        if (target == NULL || !tp_name_equal(rr->owner, z->name))
            continue;
        tp_probe_zone_add_ns(p, z, target, &ns);
        if (ns == NULL)
            continue;
        learn_glue(p, ns, &m->additional);
        learn_glue(p, ns, &m->answer);
        if (ns->addr_count == 0 && !ns->resolving)
            tp_probe_task_start(p, ns->name, 0, ns);
    }
}

/* The child zone a response to (qname, NS) at z shows, or NULL: a referral
 * (NS in authority, no answer, not authoritative) or, when the parent's
 * server also serves the child, an authoritative NS answer at qname. */
static const uint8_t *cut_of(const zone_t *z, const pquery_t *pq,
                             const tp_msg_t *m, const tp_rrlist_t **ns_list)
{
    if (m->rcode != TP_RCODE_NOERROR || tp_name_equal(pq->qname, z->name))
        return NULL;
    if (m->answer.count == 0 && !m->aa) {
        for (size_t i = 0; i < m->authority.count; i++) {
            const tp_rr_t *rr = &m->authority.rrs[i];

            if (rr->type == TP_TYPE_NS &&
                tp_name_is_subdomain(rr->owner, z->name) &&
                !tp_name_equal(rr->owner, z->name) &&
                tp_name_is_subdomain(pq->qname, rr->owner)) {
                *ns_list = &m->authority;
                return rr->owner;
            }
        }
        return NULL;
    }
    if (m->aa && pq->qtype == TP_TYPE_NS) {
        for (size_t i = 0; i < m->answer.count; i++) {
            const tp_rr_t *rr = &m->answer.rrs[i];

            if (rr->type == TP_TYPE_NS && tp_name_equal(rr->owner, pq->qname)) {
                *ns_list = &m->answer;
                return rr->owner;
            }
        }
    }
    return NULL;
}

static void on_referral(probe_t *p, zone_t *z, const pquery_t *pq,
                        const tp_msg_t *m)
{
    const tp_rrlist_t *ns_list = NULL;
    const uint8_t *cut = cut_of(z, pq, m, &ns_list);
    zone_t *child;

    if (cut != NULL) {
        child = tp_probe_zone_get(p, cut, z);
        if (child == NULL)
            return;
        learn_ns(p, child, ns_list, m);
        memo_add(p, z, pq->qname, child, false);
    } else if (m->aa && (m->rcode == TP_RCODE_NOERROR ||
                         m->rcode == TP_RCODE_NXDOMAIN)) {
        /* Not a cut: authoritative data or denial at qname inside z. */
        memo_add(p, z, pq->qname, NULL, m->rcode == TP_RCODE_NXDOMAIN);
    } else {
        return; /* lame, refused, failed: other servers may tell */
    }
    for (visit_t *v = z->visits; v != NULL; v = v->next) {
        if (!v->done && v->cand != NULL && tp_name_equal(v->cand, pq->qname))
            visit_step(p, z, v, tp_name_labels(v->cand));
    }
}

static void on_answer_data(probe_t *p, zone_t *z, const pquery_t *pq,
                           const tp_msg_t *m)
{
    for (visit_t *v = z->visits; v != NULL; v = v->next) {
        task_t *t = v->task;

        if (!v->done || !tp_name_equal(t->name, pq->qname))
            continue;
        for (size_t i = 0; i < m->answer.count; i++) {
            const tp_rr_t *rr = &m->answer.rrs[i];
            size_t len;

            if (!tp_name_equal(rr->owner, t->name))
                continue;
            if (rr->type != TP_TYPE_CNAME || t->followed_cname ||
                tp_name_check(rr->rdata.data, rr->rdata.len, &len) != TP_OK ||
                len != rr->rdata.len)
                continue;
            if (t->cname_depth >= p->cfg->max_cname) {
                tp_probe_limit(p, TP_CAPTURE_LIMIT_CNAME);
            } else {
                t->followed_cname = true;
                tp_probe_task_start(p, rr->rdata.data, t->cname_depth + 1,
                                    t->ns);
            }
        }
        if (t->ns != NULL)
            learn_glue(p, t->ns, &m->answer);
    }
}

void tp_probe_on_response(probe_t *p, const pquery_t *pq, const tp_msg_t *m)
{
    zone_t *z = pq->zone;
    const char *why = pq->purpose != NULL ? pq->purpose : "";

    if (strcmp(why, "referral") == 0) {
        on_referral(p, z, pq, m);
    } else if (strcmp(why, "answer") == 0 || strcmp(why, "ns-address") == 0) {
        on_answer_data(p, z, pq, m);
    } else if (strcmp(why, "ns") == 0 && m->aa &&
               m->rcode == TP_RCODE_NOERROR) {
        learn_ns(p, z, &m->answer, m);
    }
}
