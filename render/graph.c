/* From an analysis to the scene: one cluster per zone, nodes for the DNSKEYs
 * (role, algorithm, tag, flags, size), the DS records in the parent, the
 * RRsets at the name and the negative answers with their NSEC/NSEC3 proofs,
 * and the links between them coloured by status (RFC 4035 section 5: DS ->
 * DNSKEY -> DNSKEY RRset -> data). Node ids are derived from the records,
 * so a key shared by several names is drawn once. */
#include <stdio.h>
#include <string.h>

#include "render_int.h"
#include "trustpath/dnssec.h"

#define ID_MAX 1400

tp_rstat_t tp_rstat_from_status(tp_status_t st)
{
    switch (st) {
    case TP_STATUS_SECURE:
        return TP_RS_SECURE;
    case TP_STATUS_INSECURE:
        return TP_RS_INSECURE;
    case TP_STATUS_BOGUS:
        return TP_RS_BOGUS;
    case TP_STATUS_INDETERMINATE:
    case TP_STATUS_LAME:
    case TP_STATUS_INCOMPLETE:
    case TP_STATUS_COUNT:
        break;
    }
    return TP_RS_INDETERMINATE;
}

tp_rstat_t tp_rstat_from_link(tp_link_status_t st)
{
    switch (st) {
    case TP_LINK_VALID:
        return TP_RS_SECURE;
    case TP_LINK_EXPIRED:
    case TP_LINK_NOT_YET_VALID:
        return TP_RS_EXPIRED;
    case TP_LINK_BAD_SIGNATURE:
    case TP_LINK_DIGEST_MISMATCH:
    case TP_LINK_INVALID:
        return TP_RS_BOGUS;
    case TP_LINK_UNSUPPORTED:
    case TP_LINK_OPT_OUT:
        return TP_RS_INSECURE;
    case TP_LINK_IGNORED:
        return TP_RS_NEUTRAL;
    case TP_LINK_NO_KEY:
    case TP_LINK_NOT_CHECKED:
    case TP_LINK_COUNT:
        break;
    }
    return TP_RS_INDETERMINATE;
}

/* "digest_mismatch" -> "digest mismatch". */
const char *tp_link_words(tp_link_status_t st, char *buf, size_t len)
{
    snprintf(buf, len, "%s", tp_link_status_str(st));
    for (char *p = buf; *p != '\0'; p++) {
        if (*p == '_')
            *p = ' ';
    }
    return buf;
}

static const char *role_title(const tp_an_dnskey_t *k)
{
    switch (k->role) {
    case TP_ROLE_KSK:
        return "KSK";
    case TP_ROLE_ZSK:
        return "ZSK";
    case TP_ROLE_CSK:
        return "CSK";
    case TP_ROLE_NONE:
        break;
    }
    return k->sep ? "KSK (unused)" : "DNSKEY (unused)";
}

static void id_dnskey(const tp_an_zone_t *z, const tp_an_dnskey_t *k, char *buf,
                      size_t len)
{
    if (k->missing || k->key == NULL)
        snprintf(buf, len, "k:%s:%u:%u:missing", z->name, k->algorithm, k->tag);
    else
        snprintf(buf, len, "k:%s:%u:%u:%u:%.16s", z->name, k->algorithm, k->tag,
                 k->flags, k->key);
}

static void id_ds(const tp_analysis_t *a, size_t zone, const tp_an_ds_t *d,
                  char *buf, size_t len)
{
    snprintf(buf, len, "ds:%s:%u:%u:%s", a->zones[zone].name, d->algorithm,
             d->key_tag, tp_link_status_str(d->status));
}

static void id_negative(const tp_an_negative_t *n, bool proof, char *buf,
                        size_t len)
{
    snprintf(buf, len, "%s:%s:%u:%s", proof ? "proof" : "neg", n->name, n->type,
             n->kind != NULL ? n->kind : "");
}

/* Scene node id of an analysis node (SIZE_MAX when it is not drawn). */
size_t tp_graph_node(const tp_gctx_t *g, tp_an_node_t n, size_t record)
{
    const tp_analysis_t *a = g->a;
    char id[ID_MAX];

    switch (n.kind) {
    case TP_NODE_DNSKEY:
        if (n.zone >= a->zone_count || n.index >= a->zones[n.zone].dnskey_count)
            return SIZE_MAX;
        id_dnskey(&a->zones[n.zone], &a->zones[n.zone].dnskeys[n.index], id,
                  sizeof(id));
        break;
    case TP_NODE_DS:
        if (n.zone >= a->zone_count ||
            n.index >= a->zones[n.zone].delegation.ds_count)
            return SIZE_MAX;
        id_ds(a, n.zone, &a->zones[n.zone].delegation.ds[n.index], id,
              sizeof(id));
        break;
    case TP_NODE_RRSET:
        if (n.index >= a->rrset_count)
            return SIZE_MAX;
        snprintf(id, sizeof(id), "rr:%s:%u", a->rrsets[n.index].name,
                 a->rrsets[n.index].type);
        break;
    case TP_NODE_NEGATIVE:
        if (n.index >= a->negative_count)
            return SIZE_MAX;
        id_negative(&a->negatives[n.index], record != TP_AN_NONE, id,
                    sizeof(id));
        break;
    case TP_NODE_ZONE:
        if (n.zone >= a->zone_count)
            return SIZE_MAX;
        snprintf(id, sizeof(id), "zone:%s", a->zones[n.zone].name);
        break;
    case TP_NODE_NONE:
    case TP_NODE_ANCHOR:
    case TP_NODE_SERVER:
    default:
        return SIZE_MAX;
    }
    return tp_scene_find(g->s, id);
}

static size_t cluster_of(const tp_gctx_t *g, size_t zone)
{
    return zone < g->a->zone_count ? g->zone_cluster[zone] : SIZE_MAX;
}

/* "served by 1 of 3 servers" when a record is missing from some. */
static tp_err_t servers_note(tp_gctx_t *g, size_t node, size_t have,
                             size_t zone)
{
    size_t all = zone < g->a->zone_count ? g->a->zones[zone].server_count : 0;
    char line[96];

    if (have == 0 || all == 0 || have >= all)
        return TP_OK;
    snprintf(line, sizeof(line), "served by %zu of %zu servers", have, all);
    return tp_scene_line(g->s, node, TP_LINE_WARN, line);
}

static tp_err_t servers_detail(tp_gctx_t *g, size_t node, const char **servers,
                               size_t count)
{
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < count; i++)
        err =
            tp_scene_detail(g->s, node, "served by", servers[i], TP_LINE_PLAIN);
    return err;
}

/* The key's signature state, server coverage and details. */
static tp_err_t key_state(tp_gctx_t *g, size_t zi, size_t ki, size_t n)
{
    const tp_an_zone_t *z = &g->a->zones[zi];
    const tp_an_dnskey_t *k = &z->dnskeys[ki];
    tp_err_t err = TP_OK;

    if (k->self_signs)
        err = tp_graph_expiry(
            g->s, n, g->a->reference_time, g->o->warn_expiry_s,
            tp_rrsig_earliest(z->dnskey_rrsigs, z->dnskey_rrsig_count, ki),
            "key set signature ");
    for (size_t i = 0; err == TP_OK && i < z->dnskey_rrsig_count; i++) {
        const tp_an_rrsig_t *r = &z->dnskey_rrsigs[i];

        if (r->key_index == ki ||
            (r->key_index == TP_AN_NONE && r->key_tag == k->tag &&
             r->algorithm == k->algorithm))
            err = tp_graph_sig_notes(g, n, r, 1);
    }
    if (err == TP_OK)
        err = servers_note(g, n, k->server_count, zi);
    if (err == TP_OK)
        err = tp_scene_detail(g->s, n, "zone", z->name, TP_LINE_PLAIN);
    if (err == TP_OK)
        err = tp_scene_detail(g->s, n, "role", tp_key_role_str(k->role),
                              TP_LINE_PLAIN);
    if (err == TP_OK)
        err = tp_scene_detail(g->s, n, "TTL", tp_scene_fmt(g->s, "%u", k->ttl),
                              TP_LINE_PLAIN);
    if (err == TP_OK)
        err = servers_detail(g, n, k->servers, k->server_count);
    return err;
}

static tp_err_t add_key(tp_gctx_t *g, size_t zi, size_t ki)
{
    const tp_an_zone_t *z = &g->a->zones[zi];
    const tp_an_dnskey_t *k = &z->dnskeys[ki];
    char id[ID_MAX], alg[16], line[160];
    size_t n;
    bool added;
    tp_err_t err;

    id_dnskey(z, k, id, sizeof(id));
    err = tp_scene_node(g->s, id, cluster_of(g, zi), TP_SN_DNSKEY,
                        k->missing ? TP_RS_NEUTRAL
                                   : tp_rstat_from_status(k->status),
                        &n, &added);
    if (err != TP_OK || !added)
        return err;
    tp_render_alg(k->algorithm, alg);
    if (k->missing) {
        g->s->nodes[n].flags |= TP_SNF_MISSING;
        g->s->nodes[n].title = tp_scene_fmt(g->s, "DNSKEY %u", k->tag);
        snprintf(line, sizeof(line), "%s (%u)", alg, k->algorithm);
        err = tp_scene_line(g->s, n, TP_LINE_PLAIN, line);
        if (err == TP_OK)
            err = tp_scene_line(g->s, n, TP_LINE_DIM, "named but not served");
        return err;
    }
    g->s->nodes[n].title = tp_scene_fmt(g->s, "%s %u", role_title(k), k->tag);
    if (k->sep || k->role == TP_ROLE_KSK || k->role == TP_ROLE_CSK)
        g->s->nodes[n].flags |= TP_SNF_SEP;
    if (k->is_anchor)
        g->s->nodes[n].flags |= TP_SNF_TRUST_ANCHOR;
    if (k->revoked)
        g->s->nodes[n].flags |= TP_SNF_REVOKED;
    if (k->bits != 0)
        snprintf(line, sizeof(line), "%s (%u) \xC2\xB7 %u bits", alg,
                 k->algorithm, k->bits);
    else
        snprintf(line, sizeof(line), "%s (%u)", alg, k->algorithm);
    err = tp_scene_line(g->s, n, TP_LINE_PLAIN, line);
    snprintf(line, sizeof(line), "tag %u \xC2\xB7 flags %u%s", k->tag, k->flags,
             k->sep ? " (SEP)" : "");
    if (err == TP_OK)
        err = tp_scene_line(g->s, n, TP_LINE_DIM, line);
    if (err == TP_OK && k->is_anchor)
        err = tp_scene_line(g->s, n, TP_LINE_DIM, "trust anchor");
    if (err == TP_OK && k->revoked)
        err = tp_scene_line(g->s, n, TP_LINE_BAD, "REVOKED");
    if (err == TP_OK)
        err = key_state(g, zi, ki, n);
    return err;
}

static tp_err_t add_ds(tp_gctx_t *g, size_t zi, size_t di)
{
    const tp_an_zone_t *z = &g->a->zones[zi];
    const tp_an_ds_t *d = &z->delegation.ds[di];
    size_t parent = z->parent_index != TP_AN_NONE ? z->parent_index : zi;
    char id[ID_MAX], alg[16], dig[16], line[160];
    size_t n;
    bool added;
    tp_err_t err;

    id_ds(g->a, zi, d, id, sizeof(id));
    err = tp_scene_node(g->s, id, cluster_of(g, parent), TP_SN_DS,
                        tp_rstat_from_link(d->status), &n, &added);
    if (err != TP_OK)
        return err;
    if (added) {
        g->s->nodes[n].title =
            tp_scene_fmt(g->s, "DS %u for %s", d->key_tag, z->name);
        tp_render_alg(d->algorithm, alg);
        snprintf(line, sizeof(line), "%s (%u)", alg, d->algorithm);
        err = tp_scene_line(g->s, n, TP_LINE_PLAIN, line);
        if (err == TP_OK)
            err = tp_graph_expiry(
                g->s, n, g->a->reference_time, g->o->warn_expiry_s,
                tp_rrsig_earliest(z->delegation.rrsigs,
                                  z->delegation.rrsig_count, TP_AN_NONE),
                "DS signature ");
    }
    tp_render_digest(d->digest_type, dig);
    snprintf(line, sizeof(line), "digest %s", dig);
    if (err == TP_OK)
        err = tp_scene_line(g->s, n, TP_LINE_DIM, line);
    if (err == TP_OK && d->status != TP_LINK_VALID) {
        char words[48];

        tp_rstat_t rs = tp_rstat_from_link(d->status);

        err =
            tp_scene_line(g->s, n,
                          rs == TP_RS_BOGUS || rs == TP_RS_EXPIRED ? TP_LINE_BAD
                          : rs == TP_RS_NEUTRAL                    ? TP_LINE_DIM
                                                : TP_LINE_WARN,
                          tp_link_words(d->status, words, sizeof(words)));
    }
    if (err == TP_OK)
        err = tp_scene_detail(g->s, n, dig, d->digest, TP_LINE_PLAIN);
    if (err == TP_OK && d->reason != NULL)
        err = tp_scene_detail(g->s, n, "problem", d->reason, TP_LINE_BAD);
    return err;
}

int64_t tp_rrsig_earliest(const tp_an_rrsig_t *sigs, size_t count,
                          size_t key_index)
{
    int64_t e = 0;

    for (size_t i = 0; i < count; i++) {
        if (key_index != TP_AN_NONE && sigs[i].key_index != key_index)
            continue;
        if (e == 0 || sigs[i].expiration < e)
            e = sigs[i].expiration;
    }
    return e;
}

tp_err_t tp_graph_expiry(tp_scene_t *s, size_t node, int64_t now,
                         int64_t warn_s, int64_t e, const char *what)
{
    char when[64], line[128], iso[32];
    bool near;
    tp_err_t err;

    if (e == 0 || node >= s->node_count)
        return TP_OK;
    tp_term_when(now, e, when, sizeof(when));
    tp_render_time(e, iso);
    near = e - now <= warn_s;
    snprintf(line, sizeof(line), "%s%s", what, when);
    if (near)
        s->nodes[node].flags |= TP_SNF_WARNING;
    err = tp_scene_line(s, node,
                        e < now ? TP_LINE_BAD
                        : near  ? TP_LINE_WARN
                                : TP_LINE_DIM,
                        line);
    if (err == TP_OK)
        err = tp_scene_detail(s, node, "signature expires", iso,
                              near ? TP_LINE_WARN : TP_LINE_PLAIN);
    return err;
}

static tp_err_t add_zone(tp_gctx_t *g, size_t zi)
{
    const tp_an_zone_t *z = &g->a->zones[zi];
    tp_scluster_t *c;
    tp_err_t err;
    char sub[512];
    size_t bad = 0;

    err = tp_scene_cluster(g->s, z->name, tp_zone_depth(z->name),
                           &g->zone_cluster[zi]);
    if (err != TP_OK)
        return err;
    c = &g->s->clusters[g->zone_cluster[zi]];
    c->status =
        tp_rstat_worst(c->status == TP_RS_NEUTRAL ? TP_RS_SECURE : c->status,
                       tp_rstat_from_status(z->status));
    snprintf(sub, sizeof(sub), "delegation %s \xC2\xB7 %zu server%s",
             tp_status_str(z->delegation.status), z->server_count,
             z->server_count == 1 ? "" : "s");
    /* servers that differ from the zone's verdict, named */
    for (size_t i = 0; i < z->server_count; i++) {
        const tp_an_server_t *sv = &z->servers[i];
        size_t used = strlen(sub);

        if (sv->problem == NULL &&
            ((sv->status != TP_STATUS_BOGUS && sv->status != TP_STATUS_LAME) ||
             sv->status == z->status))
            continue;
        if (++bad > 3) {
            snprintf(sub + used, sizeof(sub) - used, "\n+ more servers");
            break;
        }
        snprintf(sub + used, sizeof(sub) - used, "\nserver %s: %s%s%s%s",
                 sv->address, tp_status_str(sv->status),
                 sv->problem != NULL ? " (" : "",
                 sv->problem != NULL ? sv->problem : "",
                 sv->problem != NULL ? ")" : "");
    }
    c->subtitle = tp_scene_str(g->s, sub);
    if (c->subtitle == NULL)
        return TP_ENOMEM;
    for (size_t k = 0; err == TP_OK && k < z->dnskey_count; k++)
        err = add_key(g, zi, k);
    if (err == TP_OK && !z->is_signed && z->dnskey_count == 0) {
        char id[ID_MAX];
        size_t n;

        snprintf(id, sizeof(id), "zone:%s", z->name);
        err = tp_scene_node(g->s, id, g->zone_cluster[zi], TP_SN_NOTE,
                            tp_rstat_from_status(z->status), &n, NULL);
        if (err == TP_OK)
            g->s->nodes[n].title = "unsigned zone (no DNSKEY)";
    }
    return err;
}

/* DS -> "not served" key; where the chain breaks if the zone is bogus and
 * no signature or digest failure explains it better. */
static tp_err_t missing_key_edge(tp_gctx_t *g, size_t zi, const tp_an_ds_t *ds,
                                 size_t ds_node, size_t key_node)
{
    tp_rstat_t rs = tp_rstat_from_link(ds->status);
    bool failing = g->bogus_zone == zi && !g->strict &&
                   (rs == TP_RS_INDETERMINATE || rs == TP_RS_BOGUS);
    char words[48];

    tp_link_words(ds->status, words, sizeof(words));
    if (ds_node >= g->s->node_count)
        return TP_OK;
    if (failing && g->failing == NULL)
        g->failing = tp_scene_fmt(g->s, "%s \xE2\x86\x92 %s: %s",
                                  g->s->nodes[ds_node].title,
                                  g->s->nodes[key_node].title, words);
    return tp_scene_edge(g->s, ds_node, key_node, TP_SE_DS_KEY, rs, failing,
                         ds->status == TP_LINK_VALID ? NULL : words);
}

static tp_err_t add_delegation(tp_gctx_t *g, size_t zi)
{
    const tp_an_zone_t *z = &g->a->zones[zi];
    tp_err_t err = TP_OK;

    for (size_t d = 0; err == TP_OK && d < z->delegation.ds_count; d++)
        err = add_ds(g, zi, d);
    /* Keys named by a DS but not served get a dashed placeholder. */
    for (size_t d = 0; err == TP_OK && d < z->delegation.ds_count; d++) {
        const tp_an_ds_t *ds = &z->delegation.ds[d];
        char id[ID_MAX];
        size_t key_node;

        if (ds->key_index != TP_AN_NONE)
            continue;
        id_ds(g->a, zi, ds, id, sizeof(id));
        err =
            tp_graph_missing_key(g, zi, ds->algorithm, ds->key_tag, &key_node);
        if (err == TP_OK)
            err =
                missing_key_edge(g, zi, ds, tp_scene_find(g->s, id), key_node);
    }
    return err;
}

tp_err_t tp_graph_missing_key(tp_gctx_t *g, size_t zone, uint8_t alg,
                              uint16_t tag, size_t *node_out)
{
    const char *zname = zone < g->a->zone_count ? g->a->zones[zone].name : "?";
    char id[ID_MAX], algs[16], line[64];
    bool added;
    tp_err_t err;

    snprintf(id, sizeof(id), "k:%s:%u:%u:missing", zname, alg, tag);
    err = tp_scene_node(g->s, id, cluster_of(g, zone), TP_SN_DNSKEY,
                        TP_RS_NEUTRAL, node_out, &added);
    if (err != TP_OK || !added)
        return err;
    g->s->nodes[*node_out].flags |= TP_SNF_MISSING;
    g->s->nodes[*node_out].title = tp_scene_fmt(g->s, "DNSKEY %u", tag);
    tp_render_alg(alg, algs);
    snprintf(line, sizeof(line), "%s (%u)", algs, alg);
    err = tp_scene_line(g->s, *node_out, TP_LINE_PLAIN, line);
    if (err == TP_OK)
        err = tp_scene_line(g->s, *node_out, TP_LINE_DIM,
                            "named, but no server serves it");
    return err;
}

unsigned tp_zone_depth(const char *name)
{
    unsigned n = 0;

    if (name == NULL || strcmp(name, ".") == 0)
        return 0;
    for (const char *p = name; *p != '\0'; p++) {
        if (*p == '\\' && p[1] != '\0')
            p++;
        else if (*p == '.')
            n++;
    }
    return n;
}

/* The first zone, from the anchor down, whose own status is bogus: the
 * links into it are where the chain breaks. */
static size_t first_bogus_zone(const tp_analysis_t *a)
{
    if (a->status != TP_STATUS_BOGUS)
        return TP_AN_NONE;
    for (size_t i = 0; i < a->zone_count; i++) {
        if (a->zones[i].status == TP_STATUS_BOGUS ||
            a->zones[i].delegation.status == TP_STATUS_BOGUS)
            return i;
    }
    return TP_AN_NONE;
}

tp_err_t tp_scene_add_analysis(tp_scene_t *scene, const tp_analysis_t *a,
                               const tp_render_opts_t *opts,
                               const char **failing_out)
{
    tp_gctx_t g;
    tp_err_t err = TP_OK;

    if (scene == NULL || a == NULL || opts == NULL)
        return TP_EINVAL;
    memset(&g, 0, sizeof(g));
    g.s = scene;
    g.a = a;
    g.o = opts;
    g.bogus_zone = first_bogus_zone(a);
    g.strict = tp_graph_strict_failure(&g);
    g.zone_cluster = tp_arena_array(scene->arena, a->zone_count + 1,
                                    sizeof(*g.zone_cluster));
    if (g.zone_cluster == NULL)
        return TP_ENOMEM;
    for (size_t i = 0; err == TP_OK && i < a->zone_count; i++)
        err = add_zone(&g, i);
    for (size_t i = 0; err == TP_OK && i < a->zone_count; i++)
        err = add_delegation(&g, i);
    if (err == TP_OK)
        err = tp_graph_answers(&g);
    if (err == TP_OK)
        err = tp_graph_links(&g);
    if (err == TP_OK)
        err = tp_graph_diags(&g);
    if (failing_out != NULL)
        *failing_out = g.failing;
    return err;
}
