/* The answer part of the scene (RRsets at the name, negative answers and
 * their NSEC/NSEC3 proofs), the links between all nodes coloured by status,
 * the failing link of a bogus chain, and diagnostics as marks on the
 * element they concern. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "render_int.h"
#include "trustpath/text.h"

#define ID_MAX      1400
#define RECORDS_MAX 3  /* RDATA lines shown in a label */
#define RDATA_CHARS 44 /* longer RDATA is cut in the label (not details) */

static tp_err_t rrsig_details(tp_gctx_t *g, size_t node,
                              const tp_an_rrsig_t *sigs, size_t count)
{
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < count; i++) {
        const tp_an_rrsig_t *r = &sigs[i];
        char inc[32], exp[32], words[48];
        const char *v;

        tp_render_time(r->inception, inc);
        tp_render_time(r->expiration, exp);
        v = tp_scene_fmt(g->s, "%s alg %u tag %u, %s .. %s: %s%s%s", r->signer,
                         r->algorithm, r->key_tag, inc, exp,
                         tp_link_words(r->status, words, sizeof(words)),
                         r->reason != NULL ? " - " : "",
                         r->reason != NULL ? r->reason : "");
        err = v != NULL
                  ? tp_scene_detail(g->s, node, "RRSIG", v,
                                    r->status == TP_LINK_VALID ? TP_LINE_PLAIN
                                                               : TP_LINE_BAD)
                  : TP_ENOMEM;
    }
    return err;
}

/* A signature that fails, and from which servers: per-server differences
 * become annotations on the one node, never copies of it. */
tp_err_t tp_graph_sig_notes(tp_gctx_t *g, size_t node,
                            const tp_an_rrsig_t *sigs, size_t count)
{
    tp_err_t err = TP_OK;
    size_t shown = 0;

    for (size_t i = 0; err == TP_OK && i < count && shown < 3; i++) {
        const tp_an_rrsig_t *r = &sigs[i];
        tp_rstat_t rs = tp_rstat_from_link(r->status);
        char words[48], line[160];
        int n;

        if (r->status == TP_LINK_VALID || rs == TP_RS_NEUTRAL)
            continue;
        n = snprintf(line, sizeof(line), "%s RRSIG (key %u)",
                     tp_link_words(r->status, words, sizeof(words)),
                     r->key_tag);
        for (size_t k = 0;
             k < r->server_count && k < 2 && n > 0 && (size_t)n < sizeof(line);
             k++)
            n += snprintf(line + n, sizeof(line) - (size_t)n, "%s%s",
                          k == 0 ? " from " : ", ", r->servers[k]);
        if (r->server_count > 2 && n > 0 && (size_t)n < sizeof(line))
            snprintf(line + n, sizeof(line) - (size_t)n, " +%zu",
                     r->server_count - 2);
        err = tp_scene_line(g->s, node,
                            rs == TP_RS_BOGUS || rs == TP_RS_EXPIRED
                                ? TP_LINE_BAD
                                : TP_LINE_WARN,
                            line);
        shown++;
    }
    return err;
}

/* The served key an RRSIG names (by zone, algorithm and tag), when the
 * analysis did not pair them (e.g. the signature was rejected early). */
static size_t served_key(const tp_gctx_t *g, const tp_an_rrsig_t *r)
{
    const tp_an_zone_t *z = &g->a->zones[r->zone_index];

    for (size_t k = 0; k < z->dnskey_count; k++) {
        const tp_an_dnskey_t *key = &z->dnskeys[k];
        tp_an_node_t n = {TP_NODE_DNSKEY, r->zone_index, k};

        if (!key->missing && key->tag == r->key_tag &&
            key->algorithm == r->algorithm)
            return tp_graph_node(g, n, TP_AN_NONE);
    }
    return SIZE_MAX;
}

/* Signatures the analysis left without a key link: from the served key
 * with that tag if there is one, else from a dashed "not served" key. */
static tp_err_t orphan_sigs(tp_gctx_t *g, size_t node,
                            const tp_an_rrsig_t *sigs, size_t count)
{
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < count; i++) {
        tp_rstat_t rs = tp_rstat_from_link(sigs[i].status);
        bool failing = g->a->status == TP_STATUS_BOGUS &&
                       g->bogus_zone == TP_AN_NONE &&
                       (rs == TP_RS_BOGUS || rs == TP_RS_EXPIRED);
        char words[48];
        size_t key;

        if (sigs[i].key_index != TP_AN_NONE ||
            sigs[i].zone_index >= g->a->zone_count)
            continue;
        key = served_key(g, &sigs[i]);
        if (key == SIZE_MAX)
            err = tp_graph_missing_key(g, sigs[i].zone_index, sigs[i].algorithm,
                                       sigs[i].key_tag, &key);
        if (err == TP_OK)
            err = tp_scene_edge(
                g->s, key, node, TP_SE_SIGNS, rs, failing,
                sigs[i].status == TP_LINK_VALID
                    ? NULL
                    : tp_link_words(sigs[i].status, words, sizeof(words)));
        if (err == TP_OK && failing && g->failing == NULL)
            g->failing = tp_scene_fmt(g->s, "%s \xE2\x86\x92 %s: %s",
                                      g->s->nodes[key].title,
                                      g->s->nodes[node].title, words);
    }
    return err;
}

/* "from 127.53.1.3" when only some of the zone's servers sent this copy. */
static tp_err_t from_servers(tp_gctx_t *g, size_t node, const char **servers,
                             size_t count, size_t zone, tp_rstat_t st)
{
    char line[160];
    int n = 0;

    if (count == 0 || zone >= g->a->zone_count ||
        count >= g->a->zones[zone].server_count)
        return TP_OK;
    for (size_t k = 0; k < count && k < 3 && n >= 0 && (size_t)n < sizeof(line);
         k++)
        n += snprintf(line + n, sizeof(line) - (size_t)n, "%s%s",
                      k == 0 ? "from " : ", ", servers[k]);
    if (n >= 0 && (size_t)n < sizeof(line))
        snprintf(line + n, sizeof(line) - (size_t)n, ": %s",
                 tp_style_of(st)->word);
    return tp_scene_line(
        g->s, node,
        st == TP_RS_SECURE || st == TP_RS_INSECURE ? TP_LINE_DIM : TP_LINE_BAD,
        line);
}

static tp_err_t rrset_lines(tp_gctx_t *g, size_t n, const tp_an_rrset_t *r)
{
    char line[RDATA_CHARS + 8];
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < r->record_count; i++) {
        if (i == RECORDS_MAX) {
            snprintf(line, sizeof(line), "+%zu more",
                     r->record_count - RECORDS_MAX);
            err = tp_scene_line(g->s, n, TP_LINE_DIM, line);
            break;
        }
        snprintf(line, sizeof(line), "%.*s%s", RDATA_CHARS, r->records[i],
                 strlen(r->records[i]) > RDATA_CHARS ? "\xE2\x80\xA6" : "");
        err = tp_scene_line(g->s, n, TP_LINE_PLAIN, line);
    }
    if (err == TP_OK)
        err = from_servers(g, n, r->servers, r->server_count, r->zone_index,
                           tp_rstat_from_status(r->status));
    if (err == TP_OK && r->wildcard)
        err = tp_scene_line(g->s, n, TP_LINE_DIM, "from a wildcard");
    if (err == TP_OK)
        err = tp_graph_expiry(
            g->s, n, g->a->reference_time, g->o->warn_expiry_s,
            tp_rrsig_earliest(r->rrsigs, r->rrsig_count, TP_AN_NONE),
            "signature ");
    if (err == TP_OK)
        err = tp_graph_sig_notes(g, n, r->rrsigs, r->rrsig_count);
    return err;
}

/* One node per name and type: copies that differ between servers add
 * lines (their records, which servers sent them) to the same node. */
static tp_err_t add_rrset(tp_gctx_t *g, size_t ri)
{
    const tp_an_rrset_t *r = &g->a->rrsets[ri];
    char id[ID_MAX], type[16];
    size_t n;
    bool added;
    tp_err_t err;

    snprintf(id, sizeof(id), "rr:%s:%u", r->name, r->type);
    err = tp_scene_node(
        g->s, id,
        r->zone_index < g->a->zone_count ? g->zone_cluster[r->zone_index]
                                         : SIZE_MAX,
        TP_SN_RRSET, tp_rstat_from_status(r->status), &n, &added);
    if (err != TP_OK)
        return err;
    tp_render_type(r->type, type);
    if (added)
        g->s->nodes[n].title = tp_scene_fmt(g->s, "%s %s", r->name, type);
    err = rrset_lines(g, n, r);
    if (err == TP_OK)
        err = tp_scene_detail(g->s, n, "TTL", tp_scene_fmt(g->s, "%u", r->ttl),
                              TP_LINE_PLAIN);
    for (size_t i = 0; err == TP_OK && i < r->record_count; i++)
        err = tp_scene_detail(g->s, n, type, r->records[i], TP_LINE_PLAIN);
    if (err == TP_OK)
        err = rrsig_details(g, n, r->rrsigs, r->rrsig_count);
    for (size_t i = 0; err == TP_OK && i < r->server_count; i++)
        err =
            tp_scene_detail(g->s, n, "served by", r->servers[i], TP_LINE_PLAIN);
    if (err == TP_OK)
        err = orphan_sigs(g, n, r->rrsigs, r->rrsig_count);
    return err;
}

static const char *negative_title(tp_gctx_t *g, const tp_an_negative_t *ng,
                                  tp_snode_kind_t *kind)
{
    char type[16];

    tp_render_type(ng->type, type);
    if (ng->kind != NULL && strcmp(ng->kind, "insecure-referral") == 0) {
        *kind = TP_SN_NODATA;
        return tp_scene_fmt(g->s, "no DS for %s", ng->name);
    }
    if (ng->kind != NULL && strcmp(ng->kind, "wildcard-answer") == 0) {
        *kind = TP_SN_NODATA;
        return tp_scene_fmt(g->s, "%s %s: no exact match (wildcard)", ng->name,
                            type);
    }
    if (ng->rcode == TP_RCODE_NXDOMAIN ||
        (ng->kind != NULL && strcmp(ng->kind, "nxdomain") == 0)) {
        *kind = TP_SN_NXDOMAIN;
        return tp_scene_fmt(g->s, "%s: no such name", ng->name);
    }
    *kind = TP_SN_NODATA;
    return tp_scene_fmt(g->s, "%s %s: no data", ng->name, type);
}

/* "0 iterations \xC2\xB7 no salt" from the first NSEC3 record's text
 * (RFC 5155 3.3: algorithm, flags, iterations, salt, ...). */
static tp_err_t nsec3_params(tp_gctx_t *g, size_t n, const tp_an_negative_t *ng)
{
    unsigned alg, flags, iterations;
    char salt[64];

    if (ng->record_count == 0 || ng->records[0].record_count == 0 ||
        sscanf(ng->records[0].records[0], "%u %u %u %63s", &alg, &flags,
               &iterations, salt) != 4)
        return TP_OK;
    return tp_scene_line(
        g->s, n, iterations != 0 ? TP_LINE_WARN : TP_LINE_DIM,
        tp_scene_fmt(g->s, "%u iteration%s \xC2\xB7 %s%s%s%s", iterations,
                     iterations == 1 ? "" : "s",
                     strcmp(salt, "-") == 0 ? "no salt" : "salt ",
                     strcmp(salt, "-") == 0 ? "" : salt,
                     (flags & 1u) != 0 ? " \xC2\xB7 " : "",
                     (flags & 1u) != 0 ? "opt-out flag" : ""));
}

static tp_err_t add_proof(tp_gctx_t *g, const tp_an_negative_t *ng,
                          size_t cluster, size_t neg_node)
{
    char id[ID_MAX];
    size_t n;
    bool added, nsec3 = strcmp(ng->mechanism, "nsec3") == 0;
    tp_err_t err;

    snprintf(id, sizeof(id), "proof:%s:%u:%s", ng->name, ng->type,
             ng->kind != NULL ? ng->kind : "");
    err = tp_scene_node(g->s, id, cluster, nsec3 ? TP_SN_NSEC3 : TP_SN_NSEC,
                        tp_rstat_from_link(ng->proof_status), &n, &added);
    if (err != TP_OK || !added)
        return err;
    g->s->nodes[n].title = nsec3 ? "NSEC3 proof" : "NSEC proof";
    if (ng->proof_status == TP_LINK_OPT_OUT)
        g->s->nodes[n].flags |= TP_SNF_OPTOUT;
    err = tp_scene_line(g->s, n, TP_LINE_DIM,
                        tp_scene_fmt(g->s, "%zu record%s", ng->record_count,
                                     ng->record_count == 1 ? "" : "s"));
    if (err == TP_OK && nsec3)
        err = nsec3_params(g, n, ng);
    if (err == TP_OK && !nsec3 && ng->proof_status == TP_LINK_OPT_OUT)
        err = tp_scene_line(g->s, n, TP_LINE_DIM, "opt-out");
    for (size_t i = 0; err == TP_OK && i < ng->fact_count; i++)
        err = tp_scene_detail(g->s, n, "proves", ng->facts[i], TP_LINE_PLAIN);
    for (size_t i = 0; err == TP_OK && i < ng->record_count; i++) {
        const tp_an_rrset_t *rec = &ng->records[i];

        for (size_t k = 0; err == TP_OK && k < rec->record_count; k++)
            err = tp_scene_detail(
                g->s, n, nsec3 ? "NSEC3" : "NSEC",
                tp_scene_fmt(g->s, "%s %s", rec->name, rec->records[k]),
                TP_LINE_PLAIN);
        if (err == TP_OK)
            err = rrsig_details(g, n, rec->rrsigs, rec->rrsig_count);
        if (err == TP_OK)
            err = orphan_sigs(g, n, rec->rrsigs, rec->rrsig_count);
    }
    if (err == TP_OK && ng->reason != NULL)
        err = tp_scene_detail(g->s, n, "problem", ng->reason, TP_LINE_BAD);
    (void)neg_node;
    return err;
}

static tp_err_t add_negative(tp_gctx_t *g, size_t ni)
{
    const tp_an_negative_t *ng = &g->a->negatives[ni];
    size_t cluster = ng->zone_index < g->a->zone_count
                         ? g->zone_cluster[ng->zone_index]
                         : SIZE_MAX;
    tp_snode_kind_t kind;
    const char *title = negative_title(g, ng, &kind);
    char id[ID_MAX];
    size_t n;
    bool added;
    tp_err_t err;

    if (title == NULL)
        return TP_ENOMEM;
    snprintf(id, sizeof(id), "neg:%s:%u:%s", ng->name, ng->type,
             ng->kind != NULL ? ng->kind : "");
    err = tp_scene_node(g->s, id, cluster, kind,
                        tp_rstat_from_status(ng->status), &n, &added);
    if (err != TP_OK || !added)
        return err;
    g->s->nodes[n].title = title;
    if (strcmp(ng->mechanism, "none") == 0)
        err = tp_scene_line(g->s, n, TP_LINE_DIM, "no NSEC/NSEC3 proof");
    if (err == TP_OK && ng->soa != NULL)
        err =
            tp_graph_expiry(g->s, n, g->a->reference_time, g->o->warn_expiry_s,
                            tp_rrsig_earliest(ng->soa->rrsigs,
                                              ng->soa->rrsig_count, TP_AN_NONE),
                            "SOA signature ");
    if (err == TP_OK)
        err = tp_scene_detail(g->s, n, "kind", ng->kind, TP_LINE_PLAIN);
    if (err == TP_OK && ng->reason != NULL)
        err = tp_scene_detail(g->s, n, "problem", ng->reason, TP_LINE_BAD);
    if (err == TP_OK && strcmp(ng->mechanism, "none") != 0)
        err = add_proof(g, ng, cluster, n);
    return err;
}

/* An insecure delegation: the proof of no DS leads into the child zone. */
static tp_err_t delegation_edges(tp_gctx_t *g)
{
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < g->a->zone_count; i++) {
        const tp_an_zone_t *z = &g->a->zones[i];
        tp_an_node_t neg = {TP_NODE_NEGATIVE, TP_AN_NONE,
                            z->delegation.negative_index};
        size_t from = tp_graph_node(g, neg, TP_AN_NONE), to = SIZE_MAX;
        size_t cluster = g->zone_cluster[i];

        if (from == SIZE_MAX)
            continue;
        for (size_t k = 0; k < g->s->node_count && to == SIZE_MAX; k++) {
            if (g->s->nodes[k].cluster == cluster)
                to = k;
        }
        if (to != SIZE_MAX)
            err = tp_scene_edge(g->s, from, to, TP_SE_DELEGATION,
                                tp_rstat_from_status(z->delegation.status),
                                false, "delegation without DS");
    }
    return err;
}

bool tp_negative_shown(const tp_analysis_t *a, size_t ni)
{
    const tp_an_negative_t *n;

    if (ni >= a->negative_count)
        return false;
    n = &a->negatives[ni];
    if (strcasecmp(n->name, a->name) == 0)
        return true;
    for (size_t i = 0; i < a->zone_count; i++) {
        if (a->zones[i].delegation.negative_index == ni)
            return true;
    }
    for (size_t i = 0; i < a->rrset_count; i++) {
        if (a->rrsets[i].negative_index == ni ||
            strcasecmp(a->rrsets[i].name, n->name) == 0)
            return true;
    }
    return false;
}

/* CNAME -> the RRsets and negative answers at its target; a wildcard
 * proof -> the expanded RRset it supports. */
static tp_err_t answer_edges(tp_gctx_t *g)
{
    const tp_analysis_t *a = g->a;
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < a->rrset_count; i++) {
        const tp_an_rrset_t *r = &a->rrsets[i];
        tp_an_node_t me = {TP_NODE_RRSET, TP_AN_NONE, i};
        size_t from = tp_graph_node(g, me, TP_AN_NONE);

        if (from == SIZE_MAX)
            continue;
        if (r->negative_index != TP_AN_NONE) {
            tp_an_node_t ng = {TP_NODE_NEGATIVE, TP_AN_NONE, r->negative_index};
            size_t proof = tp_graph_node(g, ng, TP_AN_NONE);

            if (proof != SIZE_MAX)
                err = tp_scene_edge(g->s, proof, from, TP_SE_PROOF,
                                    tp_rstat_from_status(
                                        a->negatives[r->negative_index].status),
                                    false, "wildcard");
        }
        if (r->type != TP_TYPE_CNAME || r->record_count == 0)
            continue;
        for (size_t k = 0; err == TP_OK && k < a->rrset_count; k++) {
            tp_an_node_t to = {TP_NODE_RRSET, TP_AN_NONE, k};
            size_t n = tp_graph_node(g, to, TP_AN_NONE);

            if (n != SIZE_MAX && n != from &&
                strcasecmp(a->rrsets[k].name, r->records[0]) == 0)
                err = tp_scene_edge(g->s, from, n, TP_SE_ALIAS, TP_RS_NEUTRAL,
                                    false, "alias");
        }
        for (size_t k = 0; err == TP_OK && k < a->negative_count; k++) {
            tp_an_node_t to = {TP_NODE_NEGATIVE, TP_AN_NONE, k};
            size_t n = tp_graph_node(g, to, TP_AN_NONE);

            if (n != SIZE_MAX &&
                strcasecmp(a->negatives[k].name, r->records[0]) == 0)
                err = tp_scene_edge(g->s, from, n, TP_SE_ALIAS, TP_RS_NEUTRAL,
                                    false, "alias");
        }
    }
    return err;
}

tp_err_t tp_graph_answers(tp_gctx_t *g)
{
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < g->a->negative_count; i++) {
        if (tp_negative_shown(g->a, i))
            err = add_negative(g, i);
    }
    for (size_t i = 0; err == TP_OK && i < g->a->rrset_count; i++)
        err = add_rrset(g, i);
    if (err == TP_OK)
        err = delegation_edges(g);
    if (err == TP_OK)
        err = answer_edges(g);
    return err;
}

/* Is this link where a bogus chain breaks? strict: only signature or
 * digest failures; otherwise also missing keys and unchecked links. */
static bool is_failing(const tp_gctx_t *g, const tp_an_link_t *l, bool strict)
{
    tp_rstat_t st = tp_rstat_from_link(l->status);
    bool bad = st == TP_RS_BOGUS || st == TP_RS_EXPIRED ||
               (!strict && st == TP_RS_INDETERMINATE);

    if (!bad || g->a->status != TP_STATUS_BOGUS)
        return false;
    if (g->bogus_zone != TP_AN_NONE)
        return (l->to.kind == TP_NODE_DNSKEY || l->to.kind == TP_NODE_DS) &&
               l->to.zone == g->bogus_zone;
    return l->to.kind == TP_NODE_RRSET || l->to.kind == TP_NODE_NEGATIVE;
}

static tp_sedge_kind_t edge_kind(tp_an_link_kind_t k)
{
    switch (k) {
    case TP_LINKKIND_DS:
        return TP_SE_DS_KEY;
    case TP_LINKKIND_PROOF:
        return TP_SE_PROOF;
    case TP_LINKKIND_ANCHOR:
    case TP_LINKKIND_RRSIG:
        break;
    }
    return TP_SE_SIGNS;
}

/* A secure self-signature is drawn only for a key that signs no other key
 * (a CSK alone): otherwise the KSK -> ZSK edge already says it. */
static bool skip_self(const tp_gctx_t *g, const tp_an_link_t *l)
{
    if (l->status != TP_LINK_VALID)
        return false;
    for (size_t i = 0; i < g->a->link_count; i++) {
        const tp_an_link_t *o = &g->a->links[i];

        if (o->kind == TP_LINKKIND_RRSIG && o->from.kind == TP_NODE_DNSKEY &&
            o->from.zone == l->from.zone && o->from.index == l->from.index &&
            o->to.kind == TP_NODE_DNSKEY && o->to.index != l->from.index)
            return true;
    }
    return false;
}

static tp_err_t add_link(tp_gctx_t *g, const tp_an_link_t *l, bool strict)
{
    size_t from, to;
    char words[48];
    bool failing = is_failing(g, l, strict);

    if (l->kind == TP_LINKKIND_ANCHOR)
        return TP_OK; /* drawn as the key's double outline */
    if (l->kind == TP_LINKKIND_PROOF) {
        from = tp_graph_node(g, l->to, 0); /* the proof node */
        to = tp_graph_node(g, l->to, TP_AN_NONE);
    } else {
        from = tp_graph_node(g, l->from, TP_AN_NONE);
        to = tp_graph_node(g, l->to, l->record);
    }
    if (from == SIZE_MAX || to == SIZE_MAX)
        return TP_OK;
    if (from == to && skip_self(g, l))
        return TP_OK;
    if (failing && g->failing == NULL) {
        g->failing = tp_scene_fmt(
            g->s, "%s \xE2\x86\x92 %s: %s%s%s", g->s->nodes[from].title,
            g->s->nodes[to].title,
            tp_link_words(l->status, words, sizeof(words)),
            l->reason != NULL ? " - " : "", l->reason != NULL ? l->reason : "");
    }
    return tp_scene_edge(g->s, from, to, edge_kind(l->kind),
                         tp_rstat_from_link(l->status), failing,
                         l->status == TP_LINK_VALID
                             ? NULL
                             : tp_link_words(l->status, words, sizeof(words)));
}

bool tp_graph_strict_failure(const tp_gctx_t *g)
{
    for (size_t i = 0; i < g->a->link_count; i++) {
        if (is_failing(g, &g->a->links[i], true))
            return true;
    }
    return false;
}

tp_err_t tp_graph_links(tp_gctx_t *g)
{
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < g->a->link_count; i++)
        err = add_link(g, &g->a->links[i], g->strict);
    return err;
}

/* Diagnostics become marks: errors a red line with the code, warnings a
 * warning line; the full text goes into the details. Zone-level findings
 * are counted in the zone's title. */
tp_err_t tp_graph_diags(tp_gctx_t *g)
{
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < g->a->diag_count; i++) {
        const tp_an_diag_t *d = &g->a->diags[i];
        size_t n = tp_graph_node(g, d->subject, TP_AN_NONE);
        const char *code = tp_diag_code_str(d->code);

        if (n == SIZE_MAX || d->severity == TP_SEV_NOTICE)
            continue;
        g->s->nodes[n].flags |=
            d->severity == TP_SEV_ERROR ? TP_SNF_ERROR : TP_SNF_WARNING;
        err = tp_scene_line(
            g->s, n, d->severity == TP_SEV_ERROR ? TP_LINE_BAD : TP_LINE_WARN,
            code);
        if (err == TP_OK)
            err = tp_scene_detail(
                g->s, n, tp_severity_str(d->severity),
                tp_scene_fmt(g->s, "%s: %s", code,
                             d->message != NULL ? d->message : ""),
                TP_LINE_BAD);
    }
    return err;
}
