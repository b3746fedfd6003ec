/* Hand-built analyses for the render tests: a three-zone chain (". ->
 * com. -> example.com.") in four situations: secure, bogus (the DS of
 * example.com. does not match its key), insecure (no DS, proven by NSEC3)
 * and a secure NSEC3 NXDOMAIN. Everything is static or in the fixture. */
#ifndef TRUSTPATH_TEST_RENDER_FIXTURE_H
#define TRUSTPATH_TEST_RENDER_FIXTURE_H

#include <string.h>

#include "trustpath/analysis.h"

#define FX_NOW ((int64_t)1800000000)
#define FX_DAY ((int64_t)86400)

typedef enum {
    FX_SECURE,
    FX_BOGUS,
    FX_INSECURE,
    FX_NSEC3
} fx_case_t;

typedef struct fx {
    tp_analysis_t a;
    tp_an_zone_t zones[3];
    tp_an_dnskey_t keys[3][2];
    tp_an_ds_t ds[3];
    tp_an_rrsig_t key_sigs[3];
    tp_an_rrsig_t ds_sigs[3];
    tp_an_rrsig_t rr_sig;
    tp_an_rrset_t rrset;
    tp_an_rrsig_t nsec_sig;
    tp_an_rrset_t nsec_rec;
    tp_an_negative_t neg;
    tp_an_link_t links[24];
    tp_an_diag_t diags[2];
    tp_an_server_t servers[3];
} fx_t;

static const char *fx_records[] = {"192.0.2.80"};
static const char *fx_nsec3[] = {
    "1 0 0 - 0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM A RRSIG"};
static const char *fx_facts[] = {"NSEC3 covers the next closer name"};

static tp_an_rrsig_t fx_sig(uint16_t covered, uint8_t alg, uint16_t tag,
                            const char *signer, size_t zone, size_t key,
                            int64_t exp, tp_link_status_t st)
{
    tp_an_rrsig_t r;

    memset(&r, 0, sizeof(r));
    r.type_covered = covered;
    r.algorithm = alg;
    r.key_tag = tag;
    r.signer = signer;
    r.inception = FX_NOW - 7 * FX_DAY;
    r.expiration = exp;
    r.status = st;
    r.zone_index = zone;
    r.key_index = key;
    return r;
}

static void fx_key(tp_an_dnskey_t *k, uint16_t tag, uint16_t flags,
                   tp_key_role_t role, const char *key)
{
    memset(k, 0, sizeof(*k));
    k->tag = tag;
    k->flags = flags;
    k->protocol = 3;
    k->algorithm = 13;
    k->bits = 256;
    k->ttl = 3600;
    k->role = role;
    k->status = TP_STATUS_SECURE;
    k->sep = (flags & 1) != 0;
    k->zone_key = true;
    k->self_signs = role == TP_ROLE_KSK || role == TP_ROLE_CSK;
    k->signs_data = role == TP_ROLE_ZSK || role == TP_ROLE_CSK;
    k->key = key;
}

static tp_an_node_t fx_node(tp_an_node_kind_t kind, size_t zone, size_t index)
{
    tp_an_node_t n = {kind, zone, index};
    return n;
}

static void fx_link(fx_t *f, tp_an_link_kind_t kind, tp_an_node_t from,
                    tp_an_node_t to, tp_link_status_t st)
{
    tp_an_link_t *l = &f->links[f->a.link_count++];

    l->kind = kind;
    l->from = from;
    l->to = to;
    l->status = st;
    l->reason = st == TP_LINK_VALID ? NULL : "the digest differs";
    l->rrsig = TP_AN_NONE;
    l->record = TP_AN_NONE;
}

static void fx_zone(fx_t *f, size_t i, const char *name, size_t parent)
{
    tp_an_zone_t *z = &f->zones[i];

    z->name = name;
    z->parent_index = parent;
    z->status = TP_STATUS_SECURE;
    z->is_signed = true;
    z->delegation.status = TP_STATUS_SECURE;
    z->delegation.negative_index = TP_AN_NONE;
    z->dnskeys = f->keys[i];
    z->servers = &f->servers[i];
    z->server_count = 1;
    f->servers[i].address = i == 0   ? "10.53.0.1"
                            : i == 1 ? "10.53.0.2"
                                     : "10.53.0.3";
    f->servers[i].status = TP_STATUS_SECURE;
    f->servers[i].responded = true;
    f->servers[i].authoritative = true;
}

/* The chain ". -> com. -> example.com." with keys, DS and signatures. */
static void fx_chain(fx_t *f)
{
    static const char *names[] = {".", "com.", "example.com."};

    for (size_t i = 0; i < 3; i++) {
        fx_zone(f, i, names[i], i == 0 ? TP_AN_NONE : i - 1);
        fx_key(&f->keys[i][0], (uint16_t)(1000 * (i + 1)), 257,
               i == 2 ? TP_ROLE_CSK : TP_ROLE_KSK,
               i == 0   ? "AAAArootksk"
               : i == 1 ? "AAAAcomksk"
                        : "AAAAexcsk");
        f->zones[i].dnskey_count = 1;
        if (i < 2) {
            fx_key(&f->keys[i][1], (uint16_t)(1000 * (i + 1) + 1), 256,
                   TP_ROLE_ZSK, i == 0 ? "AAAArootzsk" : "AAAAcomzsk");
            f->zones[i].dnskey_count = 2;
        }
        f->key_sigs[i] = fx_sig(48, 13, (uint16_t)(1000 * (i + 1)), names[i], i,
                                0, FX_NOW + 20 * FX_DAY, TP_LINK_VALID);
        f->zones[i].dnskey_rrsigs = &f->key_sigs[i];
        f->zones[i].dnskey_rrsig_count = 1;
        for (size_t k = 0; k < f->zones[i].dnskey_count; k++)
            fx_link(f, TP_LINKKIND_RRSIG, fx_node(TP_NODE_DNSKEY, i, 0),
                    fx_node(TP_NODE_DNSKEY, i, k), TP_LINK_VALID);
        if (i == 0) {
            f->keys[0][0].is_anchor = true;
            f->zones[0].is_anchor_zone = true;
            fx_link(f, TP_LINKKIND_ANCHOR, fx_node(TP_NODE_ANCHOR, 0, 0),
                    fx_node(TP_NODE_DNSKEY, 0, 0), TP_LINK_VALID);
            continue;
        }
        memset(&f->ds[i], 0, sizeof(f->ds[i]));
        f->ds[i].key_tag = (uint16_t)(1000 * (i + 1));
        f->ds[i].algorithm = 13;
        f->ds[i].digest_type = 2;
        f->ds[i].digest = "ABCDEF";
        f->ds[i].status = TP_LINK_VALID;
        f->ds[i].key_index = 0;
        f->zones[i].delegation.ds = &f->ds[i];
        f->zones[i].delegation.ds_count = 1;
        f->keys[i][0].has_ds = true;
        f->ds_sigs[i] = fx_sig(43, 13, (uint16_t)(1000 * i + 1), names[i - 1],
                               i - 1, 1, FX_NOW + 10 * FX_DAY, TP_LINK_VALID);
        f->zones[i].delegation.rrsigs = &f->ds_sigs[i];
        f->zones[i].delegation.rrsig_count = 1;
        fx_link(f, TP_LINKKIND_RRSIG, fx_node(TP_NODE_DNSKEY, i - 1, 1),
                fx_node(TP_NODE_DS, i, 0), TP_LINK_VALID);
        fx_link(f, TP_LINKKIND_DS, fx_node(TP_NODE_DS, i, 0),
                fx_node(TP_NODE_DNSKEY, i, 0), TP_LINK_VALID);
    }
}

static void fx_answer(fx_t *f)
{
    tp_an_rrset_t *r = &f->rrset;

    r->name = "www.example.com.";
    r->type = 1;
    r->ttl = 300;
    r->status = TP_STATUS_SECURE;
    r->zone_index = 2;
    r->records = fx_records;
    r->record_count = 1;
    r->negative_index = TP_AN_NONE;
    f->rr_sig = fx_sig(1, 13, 3000, "example.com.", 2, 0, FX_NOW + 2 * FX_DAY,
                       TP_LINK_VALID);
    r->rrsigs = &f->rr_sig;
    r->rrsig_count = 1;
    f->a.rrsets = r;
    f->a.rrset_count = 1;
    fx_link(f, TP_LINKKIND_RRSIG, fx_node(TP_NODE_DNSKEY, 2, 0),
            fx_node(TP_NODE_RRSET, TP_AN_NONE, 0), TP_LINK_VALID);
}

static void fx_negative(fx_t *f, size_t zone, const char *name, uint16_t type,
                        const char *kind, uint16_t rcode)
{
    tp_an_negative_t *n = &f->neg;
    size_t signer_key = zone == 1 ? 1 : 0;

    n->name = name;
    n->type = type;
    n->kind = kind;
    n->rcode = rcode;
    n->zone_index = zone;
    n->status = TP_STATUS_SECURE;
    n->mechanism = "nsec3";
    n->proof_status = TP_LINK_VALID;
    n->facts = fx_facts;
    n->fact_count = 1;
    f->nsec_rec.name = "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.com.";
    f->nsec_rec.type = 50;
    f->nsec_rec.records = fx_nsec3;
    f->nsec_rec.record_count = 1;
    f->nsec_sig =
        fx_sig(50, 13, f->keys[zone][signer_key].tag, f->zones[zone].name, zone,
               signer_key, FX_NOW + 12 * FX_DAY, TP_LINK_VALID);
    f->nsec_rec.rrsigs = &f->nsec_sig;
    f->nsec_rec.rrsig_count = 1;
    n->records = &f->nsec_rec;
    n->record_count = 1;
    f->a.negatives = n;
    f->a.negative_count = 1;
    fx_link(f, TP_LINKKIND_PROOF, fx_node(TP_NODE_ZONE, zone, TP_AN_NONE),
            fx_node(TP_NODE_NEGATIVE, TP_AN_NONE, 0), TP_LINK_VALID);
    f->links[f->a.link_count - 1].record = TP_AN_NONE;
    fx_link(f, TP_LINKKIND_RRSIG, fx_node(TP_NODE_DNSKEY, zone, signer_key),
            fx_node(TP_NODE_NEGATIVE, TP_AN_NONE, 0), TP_LINK_VALID);
    f->links[f->a.link_count - 1].record = 0;
}

/* Remove the DS of example.com.: an insecure delegation proven by NSEC3. */
static void fx_make_insecure(fx_t *f)
{
    size_t kept = 0;

    for (size_t i = 0; i < f->a.link_count; i++) {
        const tp_an_link_t *l = &f->links[i];
        bool drop = (l->to.kind == TP_NODE_DS && l->to.zone == 2) ||
                    (l->from.kind == TP_NODE_DS && l->from.zone == 2) ||
                    l->from.zone == 2 || l->to.zone == 2;

        if (!drop)
            f->links[kept++] = *l;
    }
    f->a.link_count = kept;
    f->zones[2].delegation.ds_count = 0;
    f->zones[2].delegation.rrsig_count = 0;
    f->zones[2].delegation.status = TP_STATUS_INSECURE;
    f->zones[2].delegation.negative_index = 0;
    f->zones[2].status = TP_STATUS_INSECURE;
    f->zones[2].is_signed = false;
    f->zones[2].dnskey_count = 0;
    f->zones[2].dnskey_rrsig_count = 0;
    f->servers[2].status = TP_STATUS_INSECURE;
    fx_negative(f, 1, "example.com.", 43, "insecure-referral", 0);
    f->rrset.status = TP_STATUS_INSECURE;
    f->rrset.rrsig_count = 0;
    f->a.status = TP_STATUS_INSECURE;
}

static void fx_build(fx_t *f, fx_case_t c)
{
    memset(f, 0, sizeof(*f));
    f->a.name = c == FX_NSEC3 ? "nx.example.com." : "www.example.com.";
    f->a.status = TP_STATUS_SECURE;
    f->a.reference_time = FX_NOW;
    f->a.earliest_expiration = FX_NOW + 2 * FX_DAY;
    f->a.earliest_expiration_of = "RRSIG A www.example.com. 3000";
    f->a.rcode = c == FX_NSEC3 ? "NXDOMAIN" : "NOERROR";
    f->a.answer_zone = 2;
    f->a.zones = f->zones;
    f->a.zone_count = 3;
    f->a.links = f->links;
    f->a.diags = f->diags;
    fx_chain(f);
    if (c == FX_NSEC3) {
        fx_negative(f, 2, "nx.example.com.", 1, "nxdomain", 3);
        f->a.earliest_expiration = FX_NOW + 10 * FX_DAY;
    } else {
        fx_answer(f);
    }
    if (c == FX_BOGUS) {
        f->ds[2].status = TP_LINK_DIGEST_MISMATCH;
        f->ds[2].reason = "the digest differs";
        f->zones[2].status = TP_STATUS_BOGUS;
        f->zones[2].delegation.status = TP_STATUS_BOGUS;
        f->keys[2][0].status = TP_STATUS_BOGUS;
        f->rrset.status = TP_STATUS_BOGUS;
        f->a.status = TP_STATUS_BOGUS;
        for (size_t i = 0; i < f->a.link_count; i++) {
            if (f->links[i].kind == TP_LINKKIND_DS &&
                f->links[i].to.zone == 2) {
                f->links[i].status = TP_LINK_DIGEST_MISMATCH;
                f->links[i].reason = "the digest differs";
            }
        }
        f->diags[0].code = TP_DIAG_DS_DIGEST_MISMATCH;
        f->diags[0].severity = TP_SEV_ERROR;
        f->diags[0].zone = "example.com.";
        f->diags[0].message = "DS 3000 does not match DNSKEY 3000";
        f->diags[0].subject = fx_node(TP_NODE_DS, 2, 0);
        f->a.diag_count = 1;
    }
    if (c == FX_INSECURE)
        fx_make_insecure(f);
    if (c != FX_BOGUS) {
        f->diags[0].code = TP_DIAG_RRSIG_EXPIRES_SOON;
        f->diags[0].severity = TP_SEV_WARNING;
        f->diags[0].zone = "example.com.";
        f->diags[0].message = "RRSIG A www.example.com. expires in 2 days";
        f->diags[0].subject = fx_node(TP_NODE_RRSET, TP_AN_NONE, 0);
        f->a.diag_count = c == FX_SECURE ? 1 : 0;
    }
}

#endif /* TRUSTPATH_TEST_RENDER_FIXTURE_H */
