/* The chain of trust, zone by zone from the trust anchor down, as a
 * validating resolver builds it (RFC 4035 5.1-5.2, RFC 6840 5): the zone
 * cuts, the DS RRset at the parent (or the proof that there is none), the
 * DNSKEY RRset of each server, the DS/anchor -> DNSKEY match and the
 * self-signature of the DNSKEY RRset by such a key. */
#include <string.h>

#include "analyzer_int.h"

/* A zone cut at name: some server was asked as an authority for it, or a
 * referral (non-authoritative NS records owned by name) points to it. */
static bool is_cut(const tp_analyzer_t *an, const uint8_t *name)
{
    size_t n;
    (void)an_ix_range(&an->by_zone, name, &n);
    if (n > 0)
        return true;
    const an_ix_ent_t *ref = an_ix_range(&an->by_ns_owner, name, &n);
    for (size_t k = 0; k < n; k++) {
        if (ref[k].r->parsed && !ref[k].r->msg.aa)
            return true;
    }
    return false;
}

/* The closest trust anchor enclosing name, or NULL. */
static const uint8_t *closest_anchor(const an_run_t *run, const uint8_t *name)
{
    const tp_rrlist_t *anc = run->an->anchors;
    const uint8_t *anchor = NULL;
    for (size_t i = 0; i < anc->count; i++) {
        const uint8_t *o = anc->rrs[i].owner;
        if (tp_name_is_subdomain(name, o) &&
            (anchor == NULL || tp_name_labels(o) > tp_name_labels(anchor)))
            anchor = o;
    }
    return anchor;
}

static size_t zone_find(const tp_analysis_t *a, const uint8_t *name)
{
    for (size_t i = 0; i < a->zone_count; i++) {
        if (tp_name_equal(a->zones[i].wire, name))
            return i;
    }
    return TP_AN_NONE;
}

tp_err_t an_chain_extend(an_run_t *run, const uint8_t *name, size_t *out)
{
    tp_analysis_t *a = run->a;
    const uint8_t *anchor = closest_anchor(run, name);
    unsigned top = anchor != NULL ? tp_name_labels(anchor) : 0;
    unsigned nl = tp_name_labels(name);
    size_t parent = TP_AN_NONE;
    *out = TP_AN_NONE;
    for (unsigned l = top; l <= nl; l++) {
        const uint8_t *s = tp_name_suffix(name, l);
        if (l != top && !is_cut(run->an, s))
            continue;
        size_t found = zone_find(a, s);
        if (found != TP_AN_NONE) {
            parent = found;
            continue;
        }
        size_t n1 = a->zone_count, n2 = a->zone_count;
        tp_an_zone_t *z =
            an_push(run->arena, (void **)&a->zones, &n1, sizeof *z);
        an_zone_t *zs = an_push(run->arena, (void **)&run->zs, &n2, sizeof *zs);
        if (z == NULL || zs == NULL)
            return TP_ENOMEM;
        a->zone_count = n1;
        z->wire = tp_name_dup(run->arena, s);
        z->name = an_name(run->arena, s);
        if (z->wire == NULL || z->name == NULL)
            return TP_ENOMEM;
        z->parent_index = parent;
        z->is_anchor_zone = l == top && anchor != NULL;
        z->status = TP_STATUS_INDETERMINATE;
        z->delegation.status = TP_STATUS_INDETERMINATE;
        z->delegation.negative_index = TP_AN_NONE;
        zs->entry = TP_STATUS_INDETERMINATE;
        parent = n1 - 1;
    }
    *out = parent;
    return TP_OK;
}

tp_err_t an_chain_zones(an_run_t *run)
{
    return an_chain_extend(run, run->a->wire, &run->a->answer_zone);
}

static size_t server_index(an_run_t *run, size_t zi,
                           const tp_capture_query_t *q)
{
    tp_an_zone_t *z = &run->a->zones[zi];
    for (size_t i = 0; i < z->server_count; i++) {
        if (strcmp(z->servers[i].address, q->server) == 0)
            return i;
    }
    tp_an_server_t *s =
        an_push(run->arena, (void **)&z->servers, &z->server_count, sizeof *s);
    if (s == NULL)
        return TP_AN_NONE;
    s->address = tp_arena_strdup(run->arena, q->server);
    s->name =
        q->server_name != NULL ? an_name(run->arena, q->server_name) : NULL;
    s->status = TP_STATUS_INDETERMINATE;
    return z->server_count - 1;
}

static bool is_query(const an_resp_t *r, const uint8_t *qname, uint16_t qtype,
                     const uint8_t *zone)
{
    const tp_capture_query_t *q = r->q;
    return q->qtype == qtype && tp_name_equal(q->qname, qname) &&
           (q->zone == NULL || tp_name_equal(q->zone, zone));
}

/* ---- DS ------------------------------------------------------------------ */

static void ds_classify(an_run_t *run, size_t i)
{
    tp_an_zone_t *z = &run->a->zones[i];
    tp_an_delegation_t *d = &z->delegation;
    tp_an_node_t none = an_node(TP_NODE_ZONE, i, TP_AN_NONE);
    for (size_t k = 0; k < d->ds_count; k++) {
        tp_an_ds_t *ds = &d->ds[k];
        tp_an_node_t me = an_node(TP_NODE_DS, i, k);
        const tp_alg_info_t *ai = tp_alg_info(ds->algorithm);
        ds->status = TP_LINK_NO_KEY;
        if (!tp_digest_is_supported(ds->digest_type)) {
            ds->status = TP_LINK_UNSUPPORTED;
            ds->reason = "digest type not supported";
            an_diag(run, TP_DIAG_DS_DIGEST_UNSUPPORTED, z->name, NULL, me,
                    "DS %u (algorithm %u) uses digest type %u, which cannot "
                    "be validated",
                    ds->key_tag, ds->algorithm, ds->digest_type);
        } else if (ai != NULL && ai->validate == TP_REQ_MUST_NOT) {
            ds->status = TP_LINK_IGNORED;
            ds->reason = "algorithm must not be validated (RFC 8624)";
            an_diag(run, TP_DIAG_ALGORITHM_VALIDATION_PROHIBITED, z->name, NULL,
                    me, "DS %u uses algorithm %u (%s)", ds->key_tag,
                    ds->algorithm, ai->mnemonic);
        } else if (!tp_alg_is_supported(ds->algorithm)) {
            ds->status = TP_LINK_UNSUPPORTED;
            ds->reason = "algorithm not supported";
            an_diag(run, TP_DIAG_DS_ALGORITHM_UNSUPPORTED, z->name, NULL, me,
                    "DS %u uses algorithm %u, which cannot be validated",
                    ds->key_tag, ds->algorithm);
        }
        if (ds->digest_type == TP_DIGEST_SHA1) {
            bool stronger = false;
            for (size_t j = 0; j < d->ds_count; j++) {
                stronger |= d->ds[j].key_tag == ds->key_tag &&
                            d->ds[j].algorithm == ds->algorithm &&
                            (d->ds[j].digest_type == TP_DIGEST_SHA256 ||
                             d->ds[j].digest_type == TP_DIGEST_SHA384);
            }
            an_diag(run, TP_DIAG_DS_DIGEST_SHA1, z->name, NULL, me,
                    "DS %u (algorithm %u) uses digest type 1 (SHA-1)",
                    ds->key_tag, ds->algorithm);
            if (stronger && ds->status == TP_LINK_NO_KEY) {
                ds->status = TP_LINK_IGNORED;
                ds->reason = "SHA-1 DS ignored beside a SHA-256 DS";
                an_diag(run, TP_DIAG_DS_SHA1_IGNORED, z->name, NULL, me,
                        "DS %u (algorithm %u, SHA-1) is ignored: a SHA-256 "
                        "DS exists for the same key",
                        ds->key_tag, ds->algorithm);
            }
        } else if (ds->digest_type == TP_DIGEST_GOST) {
            an_diag(run, TP_DIAG_DS_DIGEST_GOST, z->name, NULL, me,
                    "DS %u (algorithm %u) uses digest type 3 (GOST)",
                    ds->key_tag, ds->algorithm);
        }
        if (ds->status == TP_LINK_NO_KEY)
            run->zs[i].entry = TP_STATUS_SECURE; /* a usable DS */
    }
    (void)none;
}

static tp_err_t ds_store(an_run_t *run, size_t i, const tp_rr_t *rrs, size_t n)
{
    tp_an_delegation_t *d = &run->a->zones[i].delegation;
    for (size_t k = 0; k < n; k++) {
        tp_rdata_view_t v;
        if (tp_rdata_view(TP_TYPE_DS, rrs[k].rdata, &v) != TP_OK)
            continue;
        tp_an_ds_t *ds =
            an_push(run->arena, (void **)&d->ds, &d->ds_count, sizeof *ds);
        if (ds == NULL)
            return TP_ENOMEM;
        ds->key_tag = v.u.ds.key_tag;
        ds->algorithm = v.u.ds.algorithm;
        ds->digest_type = v.u.ds.digest_type;
        ds->ttl = rrs[k].ttl;
        ds->key_index = TP_AN_NONE;
        tp_buf_t hex;
        tp_buf_init(&hex, 1024);
        if (tp_hex_encode(v.u.ds.digest, &hex) == TP_OK) {
            char *s = tp_arena_strdup(run->arena, tp_buf_str(&hex));
            for (char *p = s; p != NULL && *p != '\0'; p++) {
                if (*p >= 'a' && *p <= 'f')
                    *p = (char)(*p - 'a' + 'A');
            }
            ds->digest = s;
        }
        tp_buf_clear(&hex);
    }
    return TP_OK;
}

typedef struct ds_scan {
    bool any_resp, ds_seen, ds_secure, no_ds_proven, nx;
    const tp_rr_t *ref;
    size_t ref_n;
} ds_scan_t;

static tp_err_t ds_sigs(an_run_t *run, size_t i, const an_resp_t *r,
                        const tp_rr_t *ds, size_t nds, ds_scan_t *st)
{
    tp_an_zone_t *z = &run->a->zones[i];
    size_t p = z->parent_index;
    tp_an_zone_t *pz = &run->a->zones[p];
    tp_rr_t *sigs = NULL;
    size_t ns = an_select(run->arena, &r->msg.answer, z->wire, TP_TYPE_RRSIG,
                          TP_TYPE_DS, &sigs);
    const char *server = tp_arena_strdup(run->arena, r->q->server);
    if (ns == 0 && pz->status == TP_STATUS_SECURE)
        an_diag(run, TP_DIAG_RRSIG_MISSING, pz->name, server,
                an_node(TP_NODE_DS, i, 0), "DS RRset of %s has no RRSIG",
                z->name);
    for (size_t k = 0; k < ns; k++) {
        tp_sig_check_t chk;
        size_t key;
        tp_err_t err = an_verify(run, p, &sigs[k], ds, nds, &chk, &key);
        if (err != TP_OK)
            return err;
        size_t idx;
        bool fresh;
        tp_an_rrsig_t *rec =
            an_rrsig_add(run, &z->delegation.rrsigs, &z->delegation.rrsig_count,
                         &sigs[k], &idx, &fresh);
        if (rec == NULL)
            continue;
        if (fresh) {
            rec->zone_index = p;
            rec->key_index = key;
            an_rrsig_fill(run, &sigs[k], ds[0].ttl, &chk, pz->name, server,
                          an_node(TP_NODE_DS, i, 0), rec);
        }
        (void)an_strs_add(run->arena, &rec->servers, &rec->server_count,
                          server);
        if (key == TP_AN_NONE)
            continue;
        if (chk.result == TP_SIG_VALID) {
            pz->dnskeys[key].signs_data = true;
            if (run->zs[p].key_secure[key])
                st->ds_secure = true;
        }
        for (size_t d = 0; d < z->delegation.ds_count; d++)
            an_link(run, TP_LINKKIND_RRSIG, an_node(TP_NODE_DNSKEY, p, key),
                    an_node(TP_NODE_DS, i, d), rec->status, rec->reason, idx,
                    TP_AN_NONE);
    }
    return TP_OK;
}

static tp_err_t ds_scan(an_run_t *run, size_t i, ds_scan_t *st)
{
    tp_an_zone_t *z = &run->a->zones[i];
    tp_an_zone_t *pz = &run->a->zones[z->parent_index];
    size_t n;
    const an_ix_ent_t *at = an_ix_range(&run->an->by_qname, z->wire, &n);
    for (size_t k = 0; k < n; k++) {
        const an_resp_t *r = at[k].r;
        if (!r->parsed || !is_query(r, z->wire, TP_TYPE_DS, pz->wire))
            continue;
        const tp_msg_t *m = &r->msg;
        if (m->rcode == TP_RCODE_NXDOMAIN) {
            st->nx = true;
            st->any_resp = true;
            continue;
        }
        if (m->rcode != TP_RCODE_NOERROR)
            continue;
        st->any_resp = true;
        tp_rr_t *ds = NULL;
        size_t nds =
            an_select(run->arena, &m->answer, z->wire, TP_TYPE_DS, 0, &ds);
        if (nds > 0) {
            st->ds_seen = true;
            if (st->ref == NULL) {
                st->ref = ds;
                st->ref_n = nds;
                tp_err_t err = ds_store(run, i, ds, nds);
                if (err != TP_OK)
                    return err;
            } else if (!an_same_rdata(ds, nds, st->ref, st->ref_n)) {
                an_diag(run, TP_DIAG_DS_INCONSISTENT_BETWEEN_SERVERS, z->name,
                        tp_arena_strdup(run->arena, r->q->server),
                        an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                        "the DS RRset of %s differs between the servers of %s",
                        z->name, pz->name);
            }
            tp_err_t err = ds_sigs(run, i, r, ds, nds, st);
            if (err != TP_OK)
                return err;
            continue;
        }
        tp_rr_t *ns = NULL;
        if (!m->aa && an_select(run->arena, &m->authority, z->wire, TP_TYPE_NS,
                                0, &ns) > 0) {
            an_diag(run, TP_DIAG_DS_QUERY_REFERRAL, pz->name,
                    tp_arena_strdup(run->arena, r->q->server),
                    an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                    "the DS query for %s was answered with a referral",
                    z->name);
            continue;
        }
        size_t neg;
        tp_err_t err = an_negative(run, z->parent_index, r, TP_DENIAL_REFERRAL,
                                   z->wire, TP_TYPE_DS, 0, &neg);
        if (err != TP_OK)
            return err;
        if (z->delegation.negative_index == TP_AN_NONE)
            z->delegation.negative_index = neg;
        const tp_an_negative_t *ng = &run->a->negatives[neg];
        if (ng->status == TP_STATUS_SECURE ||
            (ng->status == TP_STATUS_INSECURE &&
             ng->proof_status == TP_LINK_OPT_OUT))
            st->no_ds_proven = true;
    }
    return TP_OK;
}

static bool d_count_nonzero(const an_run_t *run, size_t i)
{
    return run->a->zones[i].delegation.ds_count > 0;
}

static tp_err_t chain_entry(an_run_t *run, size_t i)
{
    tp_an_zone_t *z = &run->a->zones[i];
    an_zone_t *zs = &run->zs[i];
    tp_an_node_t zn = an_node(TP_NODE_ZONE, i, TP_AN_NONE);
    if (z->parent_index == TP_AN_NONE) {
        zs->entry = z->is_anchor_zone ? TP_STATUS_SECURE : TP_STATUS_INSECURE;
        return TP_OK;
    }
    const tp_an_zone_t *pz = &run->a->zones[z->parent_index];
    tp_status_t ps = pz->status;
    ds_scan_t st = {0};
    const tp_analysis_opts_t *o = &run->an->opts;
    tp_err_t err;
    if (o->ds_override_zone != NULL &&
        tp_name_equal(o->ds_override_zone, z->wire)) {
        /* Pre-flight: exactly these DS, signed, from every server. */
        err = ds_store(run, i, o->ds_override, o->ds_override_count);
        st.any_resp = true;
        st.ds_seen = d_count_nonzero(run, i);
        st.ds_secure = st.ds_seen;
        st.no_ds_proven = !st.ds_seen;
    } else {
        err = ds_scan(run, i, &st);
    }
    if (err != TP_OK)
        return err;
    tp_an_delegation_t *d = &z->delegation;
    if (ps != TP_STATUS_SECURE) {
        zs->entry = ps == TP_STATUS_INSECURE ? TP_STATUS_INSECURE
                    : ps == TP_STATUS_BOGUS  ? TP_STATUS_BOGUS
                                             : TP_STATUS_INDETERMINATE;
        d->status = zs->entry;
        if (st.ds_seen)
            ds_classify(run, i), zs->entry = d->status;
        return TP_OK;
    }
    if (st.ds_seen) {
        zs->entry = TP_STATUS_INSECURE;
        ds_classify(run, i); /* SECURE if a usable DS exists */
        if (!st.ds_secure) {
            zs->entry = TP_STATUS_BOGUS;
            d->status = TP_STATUS_BOGUS;
        } else if (zs->entry == TP_STATUS_INSECURE) {
            d->status = TP_STATUS_INSECURE;
        }
    } else if (st.no_ds_proven) {
        zs->entry = d->status = TP_STATUS_INSECURE;
        an_diag(run, TP_DIAG_DELEGATION_INSECURE, z->name, NULL, zn,
                "%s proves that %s has no DS record", pz->name, z->name);
    } else if (st.nx) {
        zs->entry = TP_STATUS_INDETERMINATE;
        d->status = TP_STATUS_INCOMPLETE;
        an_diag(run, TP_DIAG_DELEGATION_INCOMPLETE, z->name, NULL, zn,
                "the servers of %s answer NXDOMAIN for %s", pz->name, z->name);
    } else if (st.any_resp) {
        zs->entry = d->status = TP_STATUS_BOGUS;
        an_diag(run, TP_DIAG_DS_ABSENCE_NOT_PROVEN, z->name, NULL, zn,
                "%s gives no DS for %s and no valid proof that none exists",
                pz->name, z->name);
    } else {
        zs->entry = d->status = TP_STATUS_INDETERMINATE;
        an_diag(run, TP_DIAG_ANALYSIS_NO_RESPONSE, z->name, NULL, zn,
                "no server of %s answered the DS query for %s", pz->name,
                z->name);
    }
    return TP_OK;
}

/* ---- DNSKEY ------------------------------------------------------------- */

static size_t key_add(an_run_t *run, size_t i, const tp_rr_t *rr,
                      const char *server)
{
    tp_an_zone_t *z = &run->a->zones[i];
    an_zone_t *zs = &run->zs[i];
    for (size_t k = 0; k < z->dnskey_count; k++) {
        if (zs->keys[k] != NULL &&
            tp_rdata_compare(tp_key_rdata(zs->keys[k]), rr->rdata) == 0) {
            (void)an_strs_add(run->arena, &z->dnskeys[k].servers,
                              &z->dnskeys[k].server_count, server);
            return k;
        }
    }
    const tp_key_t *key = NULL;
    if (tp_keycache_get(run->an->keys, z->wire, rr->rdata, &key) != TP_OK)
        return TP_AN_NONE;
    size_t n = z->dnskey_count;
    size_t n2 = n, n3 = n;
    tp_an_dnskey_t *k =
        an_push(run->arena, (void **)&z->dnskeys, &z->dnskey_count, sizeof *k);
    const tp_key_t **ks =
        an_push(run->arena, (void **)&zs->keys, &n2, sizeof *ks);
    bool *sec = an_push(run->arena, (void **)&zs->key_secure, &n3, sizeof *sec);
    size_t n4 = n;
    bool *tr = an_push(run->arena, (void **)&zs->key_trusted, &n4, sizeof *tr);
    if (k == NULL || ks == NULL || sec == NULL || tr == NULL)
        return TP_AN_NONE;
    *ks = key;
    tp_rdata_view_t v;
    if (tp_rdata_view(TP_TYPE_DNSKEY, rr->rdata, &v) == TP_OK) {
        tp_buf_t b64;
        tp_buf_init(&b64, 8192);
        if (tp_base64_encode(v.u.dnskey.key, &b64) == TP_OK)
            k->key = tp_arena_strdup(run->arena, tp_buf_str(&b64));
        tp_buf_clear(&b64);
        k->bits = tp_dnskey_bits(v.u.dnskey.algorithm, v.u.dnskey.key);
    }
    k->tag = tp_key_tag(key);
    k->flags = tp_key_flags(key);
    k->protocol = tp_key_protocol(key);
    k->algorithm = tp_key_algorithm(key);
    k->ttl = rr->ttl;
    k->revoked = tp_dnskey_is_revoked(k->flags);
    k->sep = tp_dnskey_is_sep(k->flags);
    k->zone_key = tp_dnskey_is_zone_key(k->flags);
    k->status = TP_STATUS_INDETERMINATE;
    (void)an_strs_add(run->arena, &k->servers, &k->server_count, server);
    return n;
}

static void ds_match(an_run_t *run, size_t i)
{
    tp_an_zone_t *z = &run->a->zones[i];
    an_zone_t *zs = &run->zs[i];
    tp_an_delegation_t *d = &z->delegation;
    for (size_t k = 0; k < d->ds_count; k++) {
        tp_an_ds_t *ds = &d->ds[k];
        tp_an_node_t me = an_node(TP_NODE_DS, i, k);
        if (ds->status != TP_LINK_NO_KEY)
            continue; /* unsupported or ignored */
        tp_ds_t view = {ds->key_tag, ds->algorithm, ds->digest_type, {0}};
        uint8_t dig[TP_DS_DIGEST_MAX];
        size_t dl = 0;
        if (ds->digest != NULL) {
            tp_buf_t b;
            tp_buf_init(&b, TP_DS_DIGEST_MAX * 2 + 8);
            if (tp_hex_decode(ds->digest, strlen(ds->digest), &b) == TP_OK &&
                b.len <= sizeof dig) {
                memcpy(dig, b.data, b.len);
                dl = b.len;
            }
            tp_buf_clear(&b);
        }
        view.digest = tp_bytes(dig, dl);
        tp_ds_result_t best = TP_DS_KEY_TAG_MISMATCH;
        size_t best_key = TP_AN_NONE;
        for (size_t j = 0; j < z->dnskey_count && best != TP_DS_MATCH; j++) {
            tp_ds_result_t res;
            if (zs->keys[j] == NULL ||
                tp_ds_match(z->wire, &view, tp_key_rdata(zs->keys[j]), &res) !=
                    TP_OK)
                continue;
            if (res == TP_DS_ALGORITHM_MISMATCH ||
                res == TP_DS_KEY_TAG_MISMATCH)
                continue;
            if (best_key == TP_AN_NONE || res == TP_DS_MATCH) {
                best = res;
                best_key = j;
            }
        }
        ds->key_index = best_key;
        if (best_key == TP_AN_NONE) {
            ds->status = TP_LINK_NO_KEY;
            ds->reason = "no DNSKEY with this key tag and algorithm";
            if (z->dnskey_count > 0)
                an_diag(run, TP_DIAG_DS_NO_MATCHING_DNSKEY, z->name, NULL, me,
                        "DS %u (algorithm %u) names no DNSKEY of %s",
                        ds->key_tag, ds->algorithm, z->name);
            continue;
        }
        tp_an_dnskey_t *key = &z->dnskeys[best_key];
        switch (best) {
        case TP_DS_MATCH:
            ds->status = TP_LINK_VALID;
            key->has_ds = true;
            if (zs->entry == TP_STATUS_SECURE)
                zs->key_trusted[best_key] = true;
            break;
        case TP_DS_DIGEST_MISMATCH:
        case TP_DS_DIGEST_LENGTH:
            ds->status = TP_LINK_DIGEST_MISMATCH;
            ds->reason = "digest does not match the DNSKEY";
            an_diag(run,
                    best == TP_DS_DIGEST_LENGTH ? TP_DIAG_DS_BAD_DIGEST_LENGTH
                                                : TP_DIAG_DS_DIGEST_MISMATCH,
                    z->name, NULL, me,
                    "DS %u (algorithm %u, digest type %u) does not match "
                    "DNSKEY %u of %s",
                    ds->key_tag, ds->algorithm, ds->digest_type, key->tag,
                    z->name);
            break;
        case TP_DS_MATCHES_REVOKED_KEY:
            ds->status = TP_LINK_INVALID;
            ds->reason = "the DNSKEY it names is revoked";
            an_diag(run, TP_DIAG_DS_KEY_REVOKED, z->name, NULL, me,
                    "DS %u names DNSKEY %u of %s, which is revoked",
                    ds->key_tag, key->tag, z->name);
            break;
        case TP_DS_KEY_NOT_ZONE_KEY:
            ds->status = TP_LINK_INVALID;
            ds->reason = "the DNSKEY it names lacks the Zone Key flag";
            an_diag(run, TP_DIAG_DNSKEY_NO_ZONE_BIT, z->name, NULL, me,
                    "DS %u names DNSKEY %u (flags %u) without the Zone Key "
                    "flag",
                    ds->key_tag, key->tag, key->flags);
            break;
        default:
            ds->status = TP_LINK_INVALID;
            ds->reason = tp_ds_result_name(best);
            an_diag(run, TP_DIAG_DNSKEY_BAD_PROTOCOL, z->name, NULL, me,
                    "DS %u names DNSKEY %u with protocol %u", ds->key_tag,
                    key->tag, key->protocol);
            break;
        }
        an_link(run, TP_LINKKIND_DS, me, an_node(TP_NODE_DNSKEY, i, best_key),
                ds->status, ds->reason, TP_AN_NONE, TP_AN_NONE);
    }
}

static void anchor_match(an_run_t *run, size_t i)
{
    tp_an_zone_t *z = &run->a->zones[i];
    an_zone_t *zs = &run->zs[i];
    const tp_rrlist_t *anc = run->an->anchors;
    for (size_t t = 0; t < anc->count; t++) {
        const tp_rr_t *rr = &anc->rrs[t];
        if (!tp_name_equal(rr->owner, z->wire))
            continue;
        tp_rdata_view_t v;
        if (rr->type == TP_TYPE_DS &&
            tp_rdata_view(TP_TYPE_DS, rr->rdata, &v) != TP_OK)
            continue;
        for (size_t j = 0; j < z->dnskey_count; j++) {
            bool match = false;
            if (zs->keys[j] == NULL)
                continue;
            if (rr->type == TP_TYPE_DNSKEY) {
                match =
                    tp_rdata_compare(rr->rdata, tp_key_rdata(zs->keys[j])) == 0;
            } else {
                tp_ds_result_t res;
                match = tp_ds_match(z->wire, &v.u.ds, tp_key_rdata(zs->keys[j]),
                                    &res) == TP_OK &&
                        res == TP_DS_MATCH;
            }
            if (!match)
                continue;
            z->dnskeys[j].is_anchor = true;
            if (z->dnskeys[j].revoked)
                an_diag(run, TP_DIAG_ANCHOR_REVOKED, z->name, NULL,
                        an_node(TP_NODE_DNSKEY, i, j),
                        "DNSKEY %u matches a trust anchor and is revoked",
                        z->dnskeys[j].tag);
            else
                zs->key_trusted[j] = true;
            an_link(run, TP_LINKKIND_ANCHOR, an_node(TP_NODE_ANCHOR, i, t),
                    an_node(TP_NODE_DNSKEY, i, j), TP_LINK_VALID, NULL,
                    TP_AN_NONE, TP_AN_NONE);
        }
    }
}

typedef struct key_scan {
    size_t responded;   /* DNSKEY responses (any content) */
    size_t validated;   /* servers whose DNSKEY RRset validated */
    const char **good;  /* those servers (validated of them) */
    const char **bogus; /* servers whose set did not */
    size_t bogus_count;
    const char **empty; /* servers that answered DNSKEY without keys */
    size_t empty_count;
} key_scan_t;

static void alg_coverage(an_run_t *run, size_t i, const bool *self_alg,
                         const char *server)
{
    tp_an_zone_t *z = &run->a->zones[i];
    const tp_an_delegation_t *d = &z->delegation;
    for (size_t k = 0; k < d->ds_count; k++) {
        uint8_t alg = d->ds[k].algorithm;
        if (d->ds[k].status == TP_LINK_UNSUPPORTED ||
            d->ds[k].status == TP_LINK_IGNORED || self_alg[alg])
            continue;
        an_diag(run, TP_DIAG_RRSIG_MISSING_FOR_ALGORITHM, z->name, server,
                an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                "the DS RRset has algorithm %u but no valid signature of "
                "that algorithm covers the DNSKEY RRset of %s",
                alg, z->name);
    }
}

static tp_err_t dnskey_server(an_run_t *run, size_t i, const an_resp_t *r,
                              key_scan_t *ks)
{
    tp_an_zone_t *z = &run->a->zones[i];
    an_zone_t *zs = &run->zs[i];
    const char *server = tp_arena_strdup(run->arena, r->q->server);
    tp_rr_t *rrs = NULL, *sigs = NULL;
    size_t n =
        an_select(run->arena, &r->msg.answer, z->wire, TP_TYPE_DNSKEY, 0, &rrs);
    size_t ns = an_select(run->arena, &r->msg.answer, z->wire, TP_TYPE_RRSIG,
                          TP_TYPE_DNSKEY, &sigs);
    size_t srv = server_index(run, i, r->q);
    if (n == 0)
        return TP_OK;
    size_t map[64];
    const tp_key_t *local[64];
    size_t nl = 0;
    for (size_t k = 0; k < n && nl < 64; k++) {
        size_t g = key_add(run, i, &rrs[k], server);
        if (g != TP_AN_NONE && zs->keys[g] != NULL) {
            map[nl] = g;
            local[nl++] = zs->keys[g];
        }
    }
    bool ok = false;
    bool self_alg[256] = {false};
    if (ns == 0 && zs->entry == TP_STATUS_SECURE)
        an_diag(run, TP_DIAG_RRSIG_MISSING, z->name, server,
                an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                "the DNSKEY RRset of %s has no RRSIG", z->name);
    for (size_t s = 0; s < ns; s++) {
        tp_sig_check_t chk;
        size_t li = SIZE_MAX;
        tp_sig_input_t in = {&sigs[s], rrs, n, NULL, z->wire};
        memset(&chk, 0, sizeof chk);
        tp_err_t err = an_verify_keys(run, &in, local, nl, &chk, &li);
        if (err == TP_ELIMIT) {
            run->budget_hit = true;
            chk.result = TP_SIG_RESULT_COUNT;
        } else if (err != TP_OK) {
            return err;
        }
        size_t g = li < nl ? map[li] : TP_AN_NONE;
        size_t idx;
        bool fresh;
        tp_an_rrsig_t *rec =
            an_rrsig_add(run, &z->dnskey_rrsigs, &z->dnskey_rrsig_count,
                         &sigs[s], &idx, &fresh);
        if (rec == NULL)
            continue;
        if (fresh) {
            rec->zone_index = i;
            rec->key_index = g;
            an_rrsig_fill(run, &sigs[s], rrs[0].ttl, &chk, z->name, server,
                          an_node(TP_NODE_ZONE, i, TP_AN_NONE), rec);
        }
        (void)an_strs_add(run->arena, &rec->servers, &rec->server_count,
                          server);
        if (g == TP_AN_NONE)
            continue;
        if (chk.result == TP_SIG_VALID) {
            z->dnskeys[g].self_signs = true;
            if (zs->key_trusted[g]) {
                ok = true;
                self_alg[z->dnskeys[g].algorithm] = true;
            }
        }
        for (size_t k = 0; k < nl; k++)
            an_link(run, TP_LINKKIND_RRSIG, an_node(TP_NODE_DNSKEY, i, g),
                    an_node(TP_NODE_DNSKEY, i, map[k]), rec->status,
                    rec->reason, idx, TP_AN_NONE);
    }
    if (r->q->response.len > 1232)
        an_diag(run, TP_DIAG_DNSKEY_RESPONSE_LARGE, z->name, server,
                an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                "the DNSKEY response of %s is %zu octets", z->name,
                r->q->response.len);
    /* Count servers, not responses: a server may be asked twice (DNSViz
     * asks with 4096 and with 512 octets). */
    (void)an_strs_add(run->arena, &zs->dnskey_srv, &zs->dnskey_servers, server);
    tp_status_t st = zs->entry;
    if (zs->entry == TP_STATUS_SECURE) {
        st = ok ? TP_STATUS_SECURE : TP_STATUS_BOGUS;
        if (ok) {
            (void)an_strs_add(run->arena, &ks->good, &ks->validated, server);
            for (size_t k = 0; k < nl; k++)
                zs->key_secure[map[k]] = true;
            alg_coverage(run, i, self_alg, server);
        } else {
            (void)an_strs_add(run->arena, &ks->bogus, &ks->bogus_count, server);
        }
    }
    if (srv != TP_AN_NONE)
        z->servers[srv].status = st;
    return TP_OK;
}

/* Whether other findings already say precisely why no DS key validates the
 * DNSKEY RRset: no RRSIG at all, the DS key's signature failed, a digest
 * mismatch, or a DS for a key that is not there (then raised from warning
 * to error: it breaks the chain). */
static bool ds_explains(an_run_t *run, size_t i)
{
    const tp_an_zone_t *z = &run->a->zones[i];
    const an_zone_t *zs = &run->zs[i];
    /* The DNSKEY RRset came without any RRSIG (RRSIG_MISSING says so), or
     * the DS key's own signature failed (expired, not yet valid, bad): that
     * finding is the precise one. */
    if (z->dnskey_rrsig_count == 0 &&
        tp_analysis_count_code(run->a, TP_DIAG_RRSIG_MISSING) > 0)
        return true;
    for (size_t r = 0; r < z->dnskey_rrsig_count; r++) {
        const tp_an_rrsig_t *sig = &z->dnskey_rrsigs[r];
        for (size_t k = 0; k < z->dnskey_count; k++) {
            if (zs->key_trusted[k] && sig->status != TP_LINK_VALID &&
                sig->key_tag == z->dnskeys[k].tag &&
                sig->algorithm == z->dnskeys[k].algorithm)
                return true;
        }
    }
    for (size_t k = 0; k < z->dnskey_count; k++) {
        if (zs->key_trusted[k])
            return false;
    }
    bool explained = false;
    tp_analysis_t *a = run->a;
    for (size_t d = 0; d < a->diag_count; d++) {
        tp_an_diag_t *g = &a->diags[d];
        if (g->zone == NULL || strcmp(g->zone, z->name) != 0)
            continue;
        if (g->code == TP_DIAG_DS_NO_MATCHING_DNSKEY) {
            g->severity = TP_SEV_ERROR;
            explained = true;
        } else if (g->code == TP_DIAG_DS_DIGEST_MISMATCH ||
                   g->code == TP_DIAG_DS_BAD_DIGEST_LENGTH ||
                   g->code == TP_DIAG_DS_KEY_REVOKED ||
                   g->code == TP_DIAG_DNSKEY_NO_ZONE_BIT) {
            explained = true;
        }
    }
    return explained;
}

/* The highest stub of the capture at or below zone (text), or NULL. */
static const char *stub_at_or_below(an_run_t *run, const uint8_t *zone)
{
    const tp_capture_t *cap = run->an->cap;
    const uint8_t *best = NULL;
    for (size_t k = 0; k < cap->stub_count; k++) {
        if (tp_name_is_subdomain(cap->stubs[k], zone) &&
            (best == NULL || tp_name_is_subdomain(best, cap->stubs[k])))
            best = cap->stubs[k];
    }
    return best != NULL ? an_name(run->arena, best) : NULL;
}

static void zone_verdict(an_run_t *run, size_t i, const key_scan_t *ks)
{
    tp_an_zone_t *z = &run->a->zones[i];
    an_zone_t *zs = &run->zs[i];
    tp_an_node_t zn = an_node(TP_NODE_ZONE, i, TP_AN_NONE);
    z->is_signed = z->dnskey_count > 0;
    const char *stub =
        ks->responded == 0 ? stub_at_or_below(run, z->wire) : NULL;
    if (stub != NULL && zs->entry != TP_STATUS_INSECURE &&
        zs->entry != TP_STATUS_BOGUS) {
        /* Not analysed by design (a DNSViz stub, or above one): say so
         * rather than "no response". */
        z->status = TP_STATUS_INDETERMINATE;
        an_diag(run, TP_DIAG_ANALYSIS_STUB, z->name, NULL, zn,
                "stub: not analysed: the capture has %s only as %s, without "
                "its DNSKEY RRset, so the chain of trust through it is "
                "indeterminate unless the trust anchor is below it",
                z->name,
                strcmp(stub, z->name) == 0 ? "a stub"
                                           : an_printf(run->arena,
                                                       "an ancestor of the "
                                                       "stub %s",
                                                       stub));
    } else if (zs->entry != TP_STATUS_SECURE) {
        z->status = zs->entry;
    } else if (ks->validated > 0) {
        z->status = TP_STATUS_SECURE;
    } else if (zs->dnskey_servers == 0 && ks->responded > 0) {
        z->status = TP_STATUS_BOGUS;
        an_diag(run, TP_DIAG_DNSKEY_RRSET_MISSING, z->name, NULL, zn,
                "%s has a DS at its parent but its servers return no DNSKEY "
                "RRset",
                z->name);
    } else if (zs->dnskey_servers == 0) {
        z->status = TP_STATUS_INDETERMINATE;
        an_diag(run, TP_DIAG_ANALYSIS_NO_RESPONSE, z->name, NULL, zn,
                "no server of %s answered the DNSKEY query", z->name);
    } else {
        z->status = TP_STATUS_BOGUS;
        bool anchored = false;
        for (size_t k = 0; k < z->dnskey_count; k++)
            anchored |= z->dnskeys[k].is_anchor;
        if (z->is_anchor_zone && !anchored)
            an_diag(run, TP_DIAG_ANCHOR_NO_MATCHING_KEY, z->name, NULL, zn,
                    "no DNSKEY of %s matches the configured trust anchors",
                    z->name);
        else if (z->is_anchor_zone)
            an_diag(run, TP_DIAG_ANCHOR_NOT_SIGNING, z->name, NULL, zn,
                    "no trust-anchor key of %s has a valid signature over "
                    "its DNSKEY RRset",
                    z->name);
        else if (!ds_explains(run, i))
            an_diag(run, TP_DIAG_DNSKEY_NOT_SIGNED_BY_DS_KEY, z->name, NULL, zn,
                    "no DNSKEY named by a DS of %s has a valid signature "
                    "over its DNSKEY RRset",
                    z->name);
    }
    for (size_t b = 0; ks->validated > 0 && b < ks->bogus_count; b++)
        an_diag(run, TP_DIAG_SERVERS_DISAGREE, z->name, ks->bogus[b], zn,
                "the DNSKEY RRset of %s validates on %zu server(s) but not "
                "on the servers listed",
                z->name, ks->validated);
    if (z->parent_index == TP_AN_NONE || zs->entry == TP_STATUS_SECURE)
        z->delegation.status = z->status;
    for (size_t k = 0; k < z->dnskey_count; k++) {
        tp_an_dnskey_t *key = &z->dnskeys[k];
        key->status = zs->key_secure[k]               ? TP_STATUS_SECURE
                      : z->status == TP_STATUS_SECURE ? TP_STATUS_BOGUS
                                                      : z->status;
    }
}

static void key_diags(an_run_t *run, size_t i)
{
    tp_an_zone_t *z = &run->a->zones[i];
    an_zone_t *zs = &run->zs[i];
    for (size_t k = 0; k < z->dnskey_count; k++) {
        tp_an_dnskey_t *key = &z->dnskeys[k];
        tp_an_node_t me = an_node(TP_NODE_DNSKEY, i, k);
        if (key->server_count < zs->dnskey_servers)
            an_diag(run, TP_DIAG_DNSKEY_MISSING_FROM_SERVERS, z->name, NULL, me,
                    "DNSKEY %u (algorithm %u) of %s is served by %zu of %zu "
                    "servers",
                    key->tag, key->algorithm, z->name, key->server_count,
                    zs->dnskey_servers);
        if (key->revoked) {
            an_diag(run, TP_DIAG_DNSKEY_REVOKED, z->name, NULL, me,
                    "DNSKEY %u (algorithm %u) of %s is revoked", key->tag,
                    key->algorithm, z->name);
            if (!key->self_signs)
                an_diag(run, TP_DIAG_DNSKEY_REVOKED_NOT_SELF_SIGNING, z->name,
                        NULL, me,
                        "revoked DNSKEY %u of %s does not sign the DNSKEY "
                        "RRset",
                        key->tag, z->name);
        }
        if (key->protocol != TP_DNSKEY_PROTOCOL)
            an_diag(run, TP_DIAG_DNSKEY_BAD_PROTOCOL, z->name, NULL, me,
                    "DNSKEY %u of %s has protocol %u", key->tag, z->name,
                    key->protocol);
        tp_rdata_view_t v;
        if (zs->keys[k] != NULL &&
            tp_rdata_view(TP_TYPE_DNSKEY, tp_key_rdata(zs->keys[k]), &v) ==
                TP_OK) {
            tp_keysize_t ksz =
                tp_dnskey_size_check(key->algorithm, v.u.dnskey.key);
            const tp_alg_info_t *ai = tp_alg_info(key->algorithm);
            if (ksz == TP_KEYSIZE_MALFORMED)
                an_diag(run, TP_DIAG_DNSKEY_BAD_LENGTH, z->name, NULL, me,
                        "DNSKEY %u (algorithm %u) of %s has a malformed "
                        "public key of %zu octets",
                        key->tag, key->algorithm, z->name, v.u.dnskey.key.len);
            else if (ai != NULL && ai->is_rsa && key->bits > 0 &&
                     key->bits < 2048)
                an_diag(run, TP_DIAG_DNSKEY_RSA_SHORT, z->name, NULL, me,
                        "DNSKEY %u of %s is a %u-bit RSA key", key->tag,
                        z->name, key->bits);
        }
        const tp_alg_info_t *ai = tp_alg_info(key->algorithm);
        if (ai == NULL)
            continue;
        if (key->algorithm == TP_ALG_RSASHA1 ||
            key->algorithm == TP_ALG_RSASHA1_NSEC3_SHA1)
            an_diag(run, TP_DIAG_ALGORITHM_SHA1_INSECURE, z->name, NULL, me,
                    "%s signs with algorithm %u (%s)", z->name, key->algorithm,
                    ai->mnemonic);
        else if (ai->validate == TP_REQ_MUST_NOT)
            an_diag(run, TP_DIAG_ALGORITHM_VALIDATION_PROHIBITED, z->name, NULL,
                    me, "%s signs with algorithm %u (%s)", z->name,
                    key->algorithm, ai->mnemonic);
        else if (ai->sign == TP_REQ_MUST_NOT)
            an_diag(run, TP_DIAG_ALGORITHM_MUST_NOT_SIGN, z->name, NULL, me,
                    "%s signs with algorithm %u (%s)", z->name, key->algorithm,
                    ai->mnemonic);
        else if (ai->sign == TP_REQ_NOT_RECOMMENDED)
            an_diag(run, TP_DIAG_ALGORITHM_NOT_RECOMMENDED, z->name, NULL, me,
                    "%s signs with algorithm %u (%s)", z->name, key->algorithm,
                    ai->mnemonic);
    }
}

/* RFC 6781 4.1.1: a DNSKEY RRset cached for its TTL must not outlive the
 * signatures that authenticate it. */
static void dnskey_ttl_check(an_run_t *run, size_t i)
{
    tp_an_zone_t *z = &run->a->zones[i];
    int64_t latest = 0;
    uint32_t ttl = 0;
    for (size_t r = 0; r < z->dnskey_rrsig_count; r++) {
        if (z->dnskey_rrsigs[r].status == TP_LINK_VALID &&
            z->dnskey_rrsigs[r].expiration > latest)
            latest = z->dnskey_rrsigs[r].expiration;
    }
    for (size_t k = 0; k < z->dnskey_count; k++)
        ttl = z->dnskeys[k].ttl > ttl ? z->dnskeys[k].ttl : ttl;
    int64_t left = latest - run->a->reference_time;
    if (latest != 0 && left >= 0 && (int64_t)ttl > left)
        an_diag(run, TP_DIAG_DNSKEY_TTL_EXCEEDS_VALIDITY, z->name, NULL,
                an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                "the DNSKEY RRset of %s has TTL %u s, but its last valid "
                "signature expires in %lld s (%s)",
                z->name, ttl, (long long)left, an_time(run->arena, latest));
}

static size_t zs_dnskey_servers(const an_run_t *run, size_t i)
{
    return run->zs[i].dnskey_servers;
}

tp_err_t an_chain_zone(an_run_t *run, size_t i)
{
    tp_an_zone_t *z = &run->a->zones[i];
    size_t nz, nq;
    const an_ix_ent_t *in_zone = an_ix_range(&run->an->by_zone, z->wire, &nz);
    const an_ix_ent_t *at = an_ix_range(&run->an->by_qname, z->wire, &nq);
    for (size_t k = 0; k < nz; k++)
        (void)server_index(run, i, in_zone[k].r->q);
    tp_err_t err = chain_entry(run, i);
    if (err != TP_OK)
        return err;
    key_scan_t ks = {0};
    /* Pass 1: every key any server serves; then DS and anchor matches. */
    for (size_t k = 0; k < nq; k++) {
        const an_resp_t *r = at[k].r;
        if (!r->parsed || r->msg.rcode != TP_RCODE_NOERROR ||
            !is_query(r, z->wire, TP_TYPE_DNSKEY, z->wire))
            continue;
        ks.responded++;
        tp_rr_t *rrs = NULL;
        size_t n = an_select(run->arena, &r->msg.answer, z->wire,
                             TP_TYPE_DNSKEY, 0, &rrs);
        const char *server = tp_arena_strdup(run->arena, r->q->server);
        for (size_t j = 0; j < n; j++)
            (void)key_add(run, i, &rrs[j], server);
        if (n == 0 && r->msg.aa)
            (void)an_strs_add(run->arena, &ks.empty, &ks.empty_count, server);
    }
    /* Servers are recounted in pass 2. */
    for (size_t j = 0; j < z->dnskey_count; j++)
        z->dnskeys[j].server_count = 0;
    ds_match(run, i);
    if (z->is_anchor_zone)
        anchor_match(run, i);
    for (size_t k = 0; k < nq; k++) {
        const an_resp_t *r = at[k].r;
        if (!r->parsed || r->msg.rcode != TP_RCODE_NOERROR ||
            !is_query(r, z->wire, TP_TYPE_DNSKEY, z->wire))
            continue;
        if ((err = dnskey_server(run, i, r, &ks)) != TP_OK)
            return err;
    }
    zone_verdict(run, i, &ks);
    key_diags(run, i);
    for (size_t e = 0; z->dnskey_count > 0 && e < ks.empty_count; e++) {
        bool has = false; /* a server may have answered twice */
        for (size_t k = 0; k < z->dnskey_count && !has; k++)
            has = an_strs_has(z->dnskeys[k].servers, z->dnskeys[k].server_count,
                              ks.empty[e]);
        if (!has)
            an_diag(run, TP_DIAG_DNSKEY_MISSING_FROM_SERVERS, z->name,
                    ks.empty[e], an_node(TP_NODE_ZONE, i, TP_AN_NONE),
                    "the servers listed answer the DNSKEY query for %s "
                    "without any key; %zu other server(s) serve %zu key(s)",
                    z->name, zs_dnskey_servers(run, i), z->dnskey_count);
    }
    if (z->status == TP_STATUS_SECURE) {
        an_note_set(run, z->dnskey_rrsigs, z->dnskey_rrsig_count,
                    an_printf(run->arena, "DNSKEY %s", z->name));
        dnskey_ttl_check(run, i);
    }
    if (z->delegation.rrsig_count > 0 && z->status == TP_STATUS_SECURE)
        an_note_set(run, z->delegation.rrsigs, z->delegation.rrsig_count,
                    an_printf(run->arena, "DS %s", z->name));
    an_servers(run, i);
    an_delegation_ns(run, i);
    /* The zone's own denial probes only where the name's data lives (the
     * answer zone here, CNAME targets' zones in answer.c): above it, the DS
     * proofs already exercise the parents' denial. */
    if (i == run->a->answer_zone && (err = an_zone_probes(run, i)) != TP_OK)
        return err;
    return an_cds(run, i);
}
