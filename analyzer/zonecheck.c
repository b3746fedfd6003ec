/* Checks of a zone's apex data that do not decide the chain: CDS/CDNSKEY
 * (RFC 7344, RFC 8078), the zone's own denial probes (NODATA and NXDOMAIN
 * proofs at the apex, RFC 4035 5.4, RFC 5155 8, RFC 9276), and signatures
 * that expire before the SOA EXPIRE timer (RFC 6781 4.4.2). */
#include <string.h>

#include "analyzer_int.h"

/* ---- CDS / CDNSKEY --------------------------------------------------------
 */

/* One server's CDS or CDNSKEY RRset. */
typedef struct cds_set {
    const char *server;
    tp_rr_t *rrs;
    size_t n;
    tp_rr_t *sigs;
    size_t nsigs;
} cds_set_t;

#define CDS_SERVERS_MAX 32

typedef struct cds_scan {
    cds_set_t sets[CDS_SERVERS_MAX];
    size_t count; /* servers that answered (with or without records) */
    size_t first; /* index of the first non-empty set, or count */
} cds_scan_t;

static void cds_collect(an_run_t *run, size_t i, uint16_t type, cds_scan_t *cs)
{
    const tp_an_zone_t *z = &run->a->zones[i];
    memset(cs, 0, sizeof *cs);
    size_t n;
    const an_ix_ent_t *at = an_ix_range(&run->an->by_qname, z->wire, &n);
    for (size_t k = 0; k < n; k++) {
        const an_resp_t *r = at[k].r;
        const tp_capture_query_t *q = r->q;
        if (!r->parsed || q->qtype != type ||
            !tp_name_equal(q->qname, z->wire) ||
            (q->zone != NULL && !tp_name_equal(q->zone, z->wire)) ||
            !r->msg.aa || r->msg.rcode != TP_RCODE_NOERROR ||
            cs->count >= CDS_SERVERS_MAX)
            continue;
        bool dup = false;
        for (size_t s = 0; s < cs->count; s++)
            dup |= strcmp(cs->sets[s].server, q->server) == 0;
        if (dup)
            continue;
        cds_set_t *set = &cs->sets[cs->count++];
        set->server = tp_arena_strdup(run->arena, q->server);
        set->n =
            an_select(run->arena, &r->msg.answer, z->wire, type, 0, &set->rrs);
        set->nsigs = an_select(run->arena, &r->msg.answer, z->wire,
                               TP_TYPE_RRSIG, type, &set->sigs);
    }
    cs->first = cs->count;
    for (size_t s = 0; s < cs->count && cs->first == cs->count; s++) {
        if (cs->sets[s].n > 0)
            cs->first = s;
    }
}

static const char *hex_upper(an_run_t *run, tp_bytes_t b)
{
    static const char digits[] = "0123456789ABCDEF";
    char *s = tp_arena_alloc(run->arena, b.len * 2 + 1);
    if (s == NULL)
        return "";
    for (size_t i = 0; i < b.len; i++) {
        s[2 * i] = digits[b.data[i] >> 4];
        s[2 * i + 1] = digits[b.data[i] & 15];
    }
    s[b.len * 2] = '\0';
    return s;
}

static bool cds_is_delete(const tp_rdata_view_t *v, uint16_t type)
{
    return type == TP_TYPE_CDS ? v->u.ds.algorithm == 0
                               : v->u.dnskey.algorithm == 0;
}

/* RFC 8078 4: exactly "0 0 0 00" / "0 3 0 AA==". */
static bool cds_delete_wellformed(const tp_rdata_view_t *v, uint16_t type)
{
    if (type == TP_TYPE_CDS)
        return v->u.ds.key_tag == 0 && v->u.ds.digest_type == 0 &&
               v->u.ds.digest.len == 1 && v->u.ds.digest.data[0] == 0;
    return v->u.dnskey.flags == 0 && v->u.dnskey.protocol == 3 &&
           v->u.dnskey.key.len == 1 && v->u.dnskey.key.data[0] == 0;
}

/* Does this CDS record equal a DS of the delegation? */
static bool cds_in_ds(an_run_t *run, const tp_an_delegation_t *d,
                      const tp_ds_t *c)
{
    const char *hex = hex_upper(run, c->digest);
    for (size_t k = 0; k < d->ds_count; k++) {
        const tp_an_ds_t *ds = &d->ds[k];
        if (ds->key_tag == c->key_tag && ds->algorithm == c->algorithm &&
            ds->digest_type == c->digest_type && ds->digest != NULL &&
            strcmp(ds->digest, hex) == 0)
            return true;
    }
    return false;
}

/* Does a (C)DS match a DNSKEY/CDNSKEY RDATA? */
static bool ds_names_key(const uint8_t *zone, const tp_ds_t *ds, tp_bytes_t key)
{
    tp_ds_result_t res;
    return tp_ds_match(zone, ds, key, &res) == TP_OK && res == TP_DS_MATCH;
}

static bool ds_view(const tp_an_ds_t *ds, uint8_t *buf, size_t cap,
                    tp_ds_t *out)
{
    size_t len = ds->digest != NULL ? strlen(ds->digest) / 2 : 0;
    if (len > cap)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned v = 0;
        for (size_t j = 0; j < 2; j++) {
            char c = ds->digest[2 * i + j];
            v = v * 16 + (unsigned)(c >= 'A' ? c - 'A' + 10 : c - '0');
        }
        buf[i] = (uint8_t)v;
    }
    out->key_tag = ds->key_tag;
    out->algorithm = ds->algorithm;
    out->digest_type = ds->digest_type;
    out->digest = tp_bytes(buf, len);
    return true;
}

/* Is the RRset signed by a key that the DS (or the anchor) names? */
static tp_err_t cds_signed(an_run_t *run, size_t i, const cds_set_t *set,
                           bool *ok)
{
    *ok = false;
    for (size_t s = 0; s < set->nsigs && !*ok; s++) {
        tp_sig_check_t chk;
        size_t key;
        tp_err_t err =
            an_verify(run, i, &set->sigs[s], set->rrs, set->n, &chk, &key);
        if (err != TP_OK)
            return err;
        *ok = chk.result == TP_SIG_VALID && key != TP_AN_NONE &&
              run->zs[i].key_trusted[key];
    }
    return TP_OK;
}

static bool same_set(const cds_set_t *a, const cds_set_t *b)
{
    return an_same_rdata(a->rrs, a->n, b->rrs, b->n);
}

/* Checks of one type (CDS or CDNSKEY): *problem when a finding above
 * notice was made, *deleting for a well-formed delete signal. */
static tp_err_t cds_type(an_run_t *run, size_t i, uint16_t type,
                         const cds_scan_t *cs, bool *problem, bool *deleting)
{
    tp_an_zone_t *z = &run->a->zones[i];
    const an_zone_t *zs = &run->zs[i];
    tp_an_node_t zn = an_node(TP_NODE_ZONE, i, TP_AN_NONE);
    const char *tn = type == TP_TYPE_CDS ? "CDS" : "CDNSKEY";
    if (cs->first == cs->count)
        return TP_OK;
    const cds_set_t *ref = &cs->sets[cs->first];
    for (size_t s = 0; s < cs->count; s++) {
        if (!same_set(&cs->sets[s], ref)) {
            *problem = true;
            an_diag(run, TP_DIAG_CDS_INCONSISTENT_BETWEEN_SERVERS, z->name,
                    cs->sets[s].server, zn,
                    "the %s RRset of %s on the servers listed differs from "
                    "the one on %s (%zu records)",
                    tn, z->name, ref->server, ref->n);
        }
    }
    /* Delete signal (RFC 8078 4). */
    size_t deletes = 0;
    bool wellformed = true;
    for (size_t k = 0; k < ref->n; k++) {
        tp_rdata_view_t v;
        if (tp_rdata_view(type, ref->rrs[k].rdata, &v) != TP_OK)
            continue;
        if (cds_is_delete(&v, type)) {
            deletes++;
            wellformed &= cds_delete_wellformed(&v, type);
        }
    }
    if (deletes > 0) {
        if (deletes != ref->n || !wellformed) {
            *problem = true;
            an_diag(run, TP_DIAG_CDS_DELETE_MALFORMED, z->name, NULL, zn,
                    "the %s RRset of %s has %zu delete record(s) among %zu "
                    "records%s",
                    tn, z->name, deletes, ref->n,
                    wellformed ? "" : ", not in the exact RFC 8078 form");
        } else {
            *deleting = true;
            an_diag(run, TP_DIAG_CDS_DELETE, z->name, NULL, zn,
                    "%s of %s asks the parent to delete the DS RRset", tn,
                    z->name);
        }
    }
    /* Signed by a key the DS names (RFC 7344 4.1); not while bootstrapping
     * an unsigned delegation. */
    if (z->status == TP_STATUS_SECURE && zs->entry == TP_STATUS_SECURE) {
        bool ok = false;
        tp_err_t err = cds_signed(run, i, ref, &ok);
        if (err != TP_OK)
            return err;
        if (!ok) {
            *problem = true;
            an_diag(run, TP_DIAG_CDS_NOT_SIGNED_BY_DS_KEY, z->name, ref->server,
                    zn,
                    "the %s RRset of %s has %zu RRSIG(s), none valid by a "
                    "key that a DS names",
                    tn, z->name, ref->nsigs);
        }
    }
    if (deletes > 0)
        return TP_OK;
    /* Against the parent's DS, and continuity of the chain (RFC 7344 4.1).
     */
    const tp_an_delegation_t *d = &z->delegation;
    bool same = true, continuous = false;
    size_t matched_ds = 0;
    for (size_t k = 0; k < ref->n; k++) {
        tp_rdata_view_t v;
        if (tp_rdata_view(type, ref->rrs[k].rdata, &v) != TP_OK)
            continue;
        if (type == TP_TYPE_CDS) {
            same &= cds_in_ds(run, d, &v.u.ds);
            if (v.u.ds.digest_type == TP_DIGEST_SHA1)
                an_diag(run, TP_DIAG_CDS_SHA1, z->name, NULL, zn,
                        "CDS %u (algorithm %u) of %s uses digest type 1",
                        v.u.ds.key_tag, v.u.ds.algorithm, z->name);
            for (size_t j = 0; j < z->dnskey_count; j++)
                continuous |=
                    z->dnskeys[j].self_signs && zs->keys[j] != NULL &&
                    ds_names_key(z->wire, &v.u.ds, tp_key_rdata(zs->keys[j]));
        } else {
            bool named = false;
            for (size_t j = 0; j < d->ds_count; j++) {
                uint8_t buf[TP_DS_DIGEST_MAX];
                tp_ds_t dv;
                if (ds_view(&d->ds[j], buf, sizeof buf, &dv) &&
                    ds_names_key(z->wire, &dv, ref->rrs[k].rdata)) {
                    named = true;
                    matched_ds++;
                }
            }
            same &= named;
            for (size_t j = 0; j < z->dnskey_count; j++)
                continuous |= z->dnskeys[j].self_signs && zs->keys[j] != NULL &&
                              tp_rdata_compare(tp_key_rdata(zs->keys[j]),
                                               ref->rrs[k].rdata) == 0;
        }
    }
    if (type == TP_TYPE_CDS)
        same &= ref->n == d->ds_count;
    else
        same &= matched_ds >= d->ds_count;
    if (!same) {
        *problem = true;
        an_diag(run,
                type == TP_TYPE_CDS ? TP_DIAG_CDS_INCONSISTENT_WITH_DS
                                    : TP_DIAG_CDNSKEY_INCONSISTENT_WITH_DS,
                z->name, NULL, zn,
                "the %s RRset of %s (%zu records) does not match the %zu DS "
                "record(s) at %s",
                tn, z->name, ref->n, d->ds_count,
                z->parent_index != TP_AN_NONE
                    ? run->a->zones[z->parent_index].name
                    : "the parent");
    }
    if (!continuous && z->dnskey_count > 0) {
        *problem = true;
        an_diag(run, TP_DIAG_CDS_BREAKS_CHAIN, z->name, NULL, zn,
                "no record of the %s RRset of %s names a key that signs "
                "the DNSKEY RRset",
                tn, z->name);
    }
    return TP_OK;
}

tp_err_t an_cds(an_run_t *run, size_t i)
{
    tp_an_zone_t *z = &run->a->zones[i];
    if (z->parent_index == TP_AN_NONE)
        return TP_OK;
    cds_scan_t *cds = tp_arena_alloc(run->arena, sizeof *cds);
    cds_scan_t *cdnskey = tp_arena_alloc(run->arena, sizeof *cdnskey);
    if (cds == NULL || cdnskey == NULL)
        return TP_ENOMEM;
    cds_collect(run, i, TP_TYPE_CDS, cds);
    cds_collect(run, i, TP_TYPE_CDNSKEY, cdnskey);
    bool problem = false, deleting = false;
    tp_err_t err = cds_type(run, i, TP_TYPE_CDS, cds, &problem, &deleting);
    if (err == TP_OK)
        err = cds_type(run, i, TP_TYPE_CDNSKEY, cdnskey, &problem, &deleting);
    if (err != TP_OK)
        return err;
    bool has_cds = cds->first < cds->count;
    bool has_cdnskey = cdnskey->first < cdnskey->count;
    tp_an_node_t zn = an_node(TP_NODE_ZONE, i, TP_AN_NONE);
    if (has_cds && has_cdnskey) {
        /* Same keys in both (RFC 7344 4): every CDS names a CDNSKEY and
         * every CDNSKEY is named by a CDS. */
        const cds_set_t *c = &cds->sets[cds->first];
        const cds_set_t *k = &cdnskey->sets[cdnskey->first];
        bool agree = true;
        bool del_c = false, del_k = false;
        for (size_t a = 0; a < c->n; a++) {
            tp_rdata_view_t v;
            if (tp_rdata_view(TP_TYPE_CDS, c->rrs[a].rdata, &v) != TP_OK)
                continue;
            if (v.u.ds.algorithm == 0) {
                del_c = true;
                continue;
            }
            bool hit = false;
            for (size_t b = 0; b < k->n && !hit; b++)
                hit = ds_names_key(z->wire, &v.u.ds, k->rrs[b].rdata);
            agree &= hit;
        }
        for (size_t b = 0; b < k->n; b++) {
            tp_rdata_view_t w;
            if (tp_rdata_view(TP_TYPE_CDNSKEY, k->rrs[b].rdata, &w) != TP_OK)
                continue;
            if (w.u.dnskey.algorithm == 0) {
                del_k = true;
                continue;
            }
            bool hit = false;
            for (size_t a = 0; a < c->n && !hit; a++) {
                tp_rdata_view_t v;
                hit =
                    tp_rdata_view(TP_TYPE_CDS, c->rrs[a].rdata, &v) == TP_OK &&
                    ds_names_key(z->wire, &v.u.ds, k->rrs[b].rdata);
            }
            agree &= hit;
        }
        agree &= del_c == del_k;
        if (!agree) {
            problem = true;
            an_diag(run, TP_DIAG_CDS_CDNSKEY_MISMATCH, z->name, NULL, zn,
                    "the CDS (%zu records) and CDNSKEY (%zu records) RRsets "
                    "of %s describe different keys",
                    c->n, k->n, z->name);
        }
    }
    if ((has_cds || has_cdnskey) && !problem && !deleting)
        an_diag(run, TP_DIAG_CDS_PUBLISHED, z->name, NULL, zn,
                "%s publishes %s%s%s, signed and matching its DS RRset",
                z->name, has_cds ? "CDS" : "",
                has_cds && has_cdnskey ? " and " : "",
                has_cdnskey ? "CDNSKEY" : "");
    return TP_OK;
}

/* ---- The zone's denial probes -------------------------------------------- */

static bool is_probe(const tp_capture_query_t *q)
{
    return q->purpose != NULL && (strcmp(q->purpose, "nodata-probe") == 0 ||
                                  strcmp(q->purpose, "nxdomain-probe") == 0);
}

tp_err_t an_zone_probes(an_run_t *run, size_t i)
{
    const tp_an_zone_t *z = &run->a->zones[i];
    if (z->status != TP_STATUS_SECURE)
        return TP_OK;
    size_t n;
    const an_ix_ent_t *in_zone = an_ix_range(&run->an->by_zone, z->wire, &n);
    for (size_t k = 0; k < n; k++) {
        const an_resp_t *r = in_zone[k].r;
        const tp_capture_query_t *q = r->q;
        if (!r->parsed || !is_probe(q) || q->zone == NULL ||
            !tp_name_equal(q->zone, z->wire) || !r->msg.aa ||
            r->msg.answer.count > 0 || tp_name_equal(q->qname, run->a->wire))
            continue;
        tp_denial_kind_t kind;
        if (r->msg.rcode == TP_RCODE_NXDOMAIN)
            kind = TP_DENIAL_NXDOMAIN;
        else if (r->msg.rcode == TP_RCODE_NOERROR)
            kind = TP_DENIAL_NODATA;
        else
            continue;
        size_t ni;
        tp_err_t err = an_negative(run, i, r, kind, q->qname, q->qtype, 0, &ni);
        if (err != TP_OK)
            return err;
    }
    return TP_OK;
}

/* ---- Signatures against the SOA EXPIRE timer ----------------------------- */

typedef struct soonest {
    int64_t exp;
    const tp_an_rrsig_t *sig;
    const char *what;
} soonest_t;

static void soonest_of(soonest_t *s, const tp_an_rrsig_t *v, size_t n,
                       size_t zi, const char *what)
{
    for (size_t k = 0; k < n; k++) {
        if (v[k].status != TP_LINK_VALID || v[k].zone_index != zi)
            continue;
        if (s->sig == NULL || v[k].expiration < s->exp) {
            s->exp = v[k].expiration;
            s->sig = &v[k];
            s->what = what;
        }
    }
}

static bool soa_expire(const an_run_t *run, const tp_an_zone_t *z,
                       uint32_t *out)
{
    size_t n;
    const an_ix_ent_t *at = an_ix_range(&run->an->by_qname, z->wire, &n);
    for (size_t k = 0; k < n; k++) {
        const an_resp_t *r = at[k].r;
        if (!r->parsed || !r->msg.aa || r->q->qtype != TP_TYPE_SOA ||
            !tp_name_equal(r->q->qname, z->wire))
            continue;
        for (size_t j = 0; j < r->msg.answer.count; j++) {
            const tp_rr_t *rr = &r->msg.answer.rrs[j];
            tp_rdata_view_t v;
            if (rr->type == TP_TYPE_SOA && tp_name_equal(rr->owner, z->wire) &&
                tp_rdata_view(TP_TYPE_SOA, rr->rdata, &v) == TP_OK) {
                *out = v.u.soa.expire;
                return true;
            }
        }
    }
    /* the SOA of a negative answer from the zone */
    const an_ix_ent_t *in_zone = an_ix_range(&run->an->by_zone, z->wire, &n);
    for (size_t k = 0; k < n; k++) {
        const an_resp_t *r = in_zone[k].r;
        if (!r->parsed || !r->msg.aa || r->q->zone == NULL ||
            !tp_name_equal(r->q->zone, z->wire))
            continue;
        for (size_t j = 0; j < r->msg.authority.count; j++) {
            const tp_rr_t *rr = &r->msg.authority.rrs[j];
            tp_rdata_view_t v;
            if (rr->type == TP_TYPE_SOA && tp_name_equal(rr->owner, z->wire) &&
                tp_rdata_view(TP_TYPE_SOA, rr->rdata, &v) == TP_OK) {
                *out = v.u.soa.expire;
                return true;
            }
        }
    }
    return false;
}

void an_soa_expire(an_run_t *run)
{
    tp_analysis_t *a = run->a;
    for (size_t i = 0; i < a->zone_count; i++) {
        const tp_an_zone_t *z = &a->zones[i];
        uint32_t expire;
        if (z->status != TP_STATUS_SECURE || !soa_expire(run, z, &expire))
            continue;
        soonest_t s = {0, NULL, NULL};
        soonest_of(&s, z->dnskey_rrsigs, z->dnskey_rrsig_count, i,
                   an_printf(run->arena, "%s/DNSKEY", z->name));
        for (size_t c = 0; c < a->zone_count; c++) {
            if (a->zones[c].parent_index == i)
                soonest_of(&s, a->zones[c].delegation.rrsigs,
                           a->zones[c].delegation.rrsig_count, i,
                           an_printf(run->arena, "%s/DS", a->zones[c].name));
        }
        for (size_t k = 0; k < a->rrset_count; k++)
            soonest_of(&s, a->rrsets[k].rrsigs, a->rrsets[k].rrsig_count, i,
                       an_printf(run->arena, "%s/%s", a->rrsets[k].name,
                                 an_type(run->arena, a->rrsets[k].type)));
        for (size_t k = 0; k < a->negative_count; k++) {
            const tp_an_negative_t *n = &a->negatives[k];
            for (size_t j = 0; j < n->record_count; j++)
                soonest_of(&s, n->records[j].rrsigs, n->records[j].rrsig_count,
                           i,
                           an_printf(run->arena, "%s/%s", n->records[j].name,
                                     an_type(run->arena, n->records[j].type)));
        }
        if (s.sig == NULL || s.exp - a->reference_time >= (int64_t)expire)
            continue;
        an_diag(run, TP_DIAG_RRSIG_EXPIRES_BEFORE_SOA_EXPIRE, z->name, NULL,
                an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                "the RRSIG over %s (key tag %u) expires at %s, %lld s from "
                "the reference time, within the SOA EXPIRE of %u s",
                s.what, s.sig->key_tag, an_time(run->arena, s.exp),
                (long long)(s.exp - a->reference_time), expire);
    }
}
