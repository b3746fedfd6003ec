/* The JSON report (docs/report.md, docs/report.schema.json): one object
 * per analysed name, fields in a fixed order, names stable. */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "trustpath/civil.h"
#include "trustpath/report.h"
#include "trustpath/text.h"

void tp_report_time(int64_t t, char buf[32])
{
    tp_time_iso8601(t, buf);
}

static json_object *jstr(const char *s)
{
    return s != NULL ? json_object_new_string(s) : NULL;
}

static json_object *jtime(int64_t t)
{
    char buf[32];
    if (t == 0)
        return NULL;
    tp_report_time(t, buf);
    return json_object_new_string(buf);
}

static json_object *jstrs(const char *const *v, size_t n)
{
    json_object *arr = json_object_new_array();
    for (size_t i = 0; arr != NULL && i < n; i++)
        json_object_array_add(arr, json_object_new_string(v[i]));
    return arr;
}

static json_object *jtype(uint16_t type)
{
    char buf[16];
    return json_object_new_string(tp_type_to_text(type, buf));
}

static json_object *jindex(size_t i)
{
    return i == TP_AN_NONE ? NULL : json_object_new_int64((int64_t)i);
}

#define ADD(o, k, v) json_object_object_add((o), (k), (v))

static json_object *rrsig_json(const tp_an_rrsig_t *r, bool details)
{
    json_object *o = json_object_new_object();
    ADD(o, "type_covered", jtype(r->type_covered));
    ADD(o, "algorithm", json_object_new_int(r->algorithm));
    ADD(o, "key_tag", json_object_new_int(r->key_tag));
    ADD(o, "signer", jstr(r->signer));
    ADD(o, "labels", json_object_new_int(r->labels));
    ADD(o, "original_ttl", json_object_new_int64(r->original_ttl));
    ADD(o, "inception", jtime(r->inception));
    ADD(o, "expiration", jtime(r->expiration));
    ADD(o, "status", json_object_new_string(tp_link_status_str(r->status)));
    if (r->reason != NULL)
        ADD(o, "reason", jstr(r->reason));
    if (details) {
        ADD(o, "ttl", json_object_new_int64(r->ttl));
        ADD(o, "servers", jstrs(r->servers, r->server_count));
    }
    return o;
}

static json_object *rrsigs_json(const tp_an_rrsig_t *v, size_t n, bool details)
{
    json_object *arr = json_object_new_array();
    for (size_t i = 0; i < n; i++)
        json_object_array_add(arr, rrsig_json(&v[i], details));
    return arr;
}

static json_object *rrset_json(const tp_an_rrset_t *s, bool details)
{
    json_object *o = json_object_new_object();
    ADD(o, "name", jstr(s->name));
    ADD(o, "type", jtype(s->type));
    ADD(o, "status", json_object_new_string(tp_status_str(s->status)));
    ADD(o, "ttl", json_object_new_int64(s->ttl));
    ADD(o, "rrsigs", rrsigs_json(s->rrsigs, s->rrsig_count, details));
    if (details) {
        ADD(o, "records", jstrs(s->records, s->record_count));
        ADD(o, "servers", jstrs(s->servers, s->server_count));
        ADD(o, "wildcard", json_object_new_boolean(s->wildcard));
    }
    return o;
}

static json_object *server_json(const tp_an_server_t *s)
{
    json_object *o = json_object_new_object();
    ADD(o, "name", jstr(s->name));
    ADD(o, "address", jstr(s->address));
    ADD(o, "status", json_object_new_string(tp_status_str(s->status)));
    ADD(o, "responded", json_object_new_boolean(s->responded));
    ADD(o, "authoritative", json_object_new_boolean(s->authoritative));
    if (s->problem != NULL)
        ADD(o, "problem", jstr(s->problem));
    return o;
}

static json_object *servers_json(const tp_an_server_t *v, size_t n)
{
    json_object *arr = json_object_new_array();
    for (size_t i = 0; i < n; i++)
        json_object_array_add(arr, server_json(&v[i]));
    return arr;
}

static json_object *delegation_json(const tp_an_delegation_t *d, bool details)
{
    json_object *o = json_object_new_object();
    ADD(o, "status", json_object_new_string(tp_status_str(d->status)));
    json_object *ds = json_object_new_array();
    for (size_t i = 0; i < d->ds_count; i++) {
        const tp_an_ds_t *x = &d->ds[i];
        json_object *e = json_object_new_object();
        ADD(e, "key_tag", json_object_new_int(x->key_tag));
        ADD(e, "algorithm", json_object_new_int(x->algorithm));
        ADD(e, "digest_type", json_object_new_int(x->digest_type));
        ADD(e, "digest", jstr(x->digest));
        ADD(e, "status", json_object_new_string(tp_link_status_str(x->status)));
        if (x->reason != NULL)
            ADD(e, "reason", jstr(x->reason));
        if (details)
            ADD(e, "ttl", json_object_new_int64(x->ttl));
        json_object_array_add(ds, e);
    }
    ADD(o, "ds", ds);
    ADD(o, "rrsigs", rrsigs_json(d->rrsigs, d->rrsig_count, details));
    ADD(o, "no_ds_proof", jindex(d->negative_index));
    if (details) {
        ADD(o, "ns", jstrs(d->ns, d->ns_count));
        ADD(o, "glue", jstrs(d->glue, d->glue_count));
    }
    return o;
}

static json_object *dnskey_json(const tp_an_dnskey_t *k, bool details)
{
    json_object *o = json_object_new_object();
    ADD(o, "tag", json_object_new_int(k->tag));
    ADD(o, "algorithm", json_object_new_int(k->algorithm));
    ADD(o, "flags", json_object_new_int(k->flags));
    ADD(o, "role", json_object_new_string(tp_key_role_str(k->role)));
    ADD(o, "status", json_object_new_string(tp_status_str(k->status)));
    ADD(o, "bits", json_object_new_int((int)k->bits));
    ADD(o, "ttl", json_object_new_int64(k->ttl));
    ADD(o, "trust_anchor", json_object_new_boolean(k->is_anchor));
    ADD(o, "has_ds", json_object_new_boolean(k->has_ds));
    ADD(o, "revoked", json_object_new_boolean(k->revoked));
    if (details) {
        ADD(o, "protocol", json_object_new_int(k->protocol));
        ADD(o, "servers", jstrs(k->servers, k->server_count));
        ADD(o, "key", jstr(k->key));
    }
    return o;
}

static json_object *zone_json(const tp_an_zone_t *z, bool details)
{
    json_object *o = json_object_new_object();
    ADD(o, "name", jstr(z->name));
    ADD(o, "status", json_object_new_string(tp_status_str(z->status)));
    ADD(o, "parent", jindex(z->parent_index));
    ADD(o, "delegation", delegation_json(&z->delegation, details));
    json_object *keys = json_object_new_array();
    for (size_t i = 0; i < z->dnskey_count; i++)
        json_object_array_add(keys, dnskey_json(&z->dnskeys[i], details));
    ADD(o, "dnskeys", keys);
    ADD(o, "dnskey_rrsigs",
        rrsigs_json(z->dnskey_rrsigs, z->dnskey_rrsig_count, details));
    ADD(o, "servers", servers_json(z->servers, z->server_count));
    if (z->has_soa_serial)
        ADD(o, "soa_serial", json_object_new_int64(z->soa_serial));
    ADD(o, "trust_anchor", json_object_new_boolean(z->is_anchor_zone));
    return o;
}

static json_object *negative_json(const tp_an_negative_t *n, bool details)
{
    json_object *o = json_object_new_object();
    char rc[16];
    ADD(o, "name", jstr(n->name));
    ADD(o, "type", jtype(n->type));
    ADD(o, "kind", jstr(n->kind));
    ADD(o, "rcode", json_object_new_string(tp_rcode_to_text(n->rcode, rc)));
    ADD(o, "status", json_object_new_string(tp_status_str(n->status)));
    ADD(o, "mechanism", jstr(n->mechanism));
    ADD(o, "proof",
        json_object_new_string(tp_link_status_str(n->proof_status)));
    if (n->reason != NULL)
        ADD(o, "reason", jstr(n->reason));
    ADD(o, "facts", jstrs(n->facts, n->fact_count));
    ADD(o, "at_name", json_object_new_boolean(n->at_name));
    json_object *recs = json_object_new_array();
    for (size_t i = 0; i < n->record_count; i++)
        json_object_array_add(recs, rrset_json(&n->records[i], details));
    ADD(o, "records", recs);
    if (details)
        ADD(o, "servers", jstrs(n->servers, n->server_count));
    return o;
}

static json_object *diag_json(const tp_an_diag_t *d)
{
    const tp_diag_info_t *info = tp_diag_info(d->code);
    json_object *o = json_object_new_object();
    ADD(o, "code", json_object_new_string(tp_diag_code_str(d->code)));
    ADD(o, "severity", json_object_new_string(tp_severity_str(d->severity)));
    ADD(o, "zone", jstr(d->zone));
    ADD(o, "servers", jstrs(d->servers, d->server_count));
    ADD(o, "message", jstr(d->message));
    ADD(o, "rfc", jstr(info != NULL ? info->rfc : NULL));
    ADD(o, "fix", jstr(info != NULL ? info->fix : NULL));
    ADD(o, "ede",
        info != NULL && info->ede != TP_EDE_NONE
            ? json_object_new_int(info->ede)
            : NULL);
    return o;
}

static const char *node_kind(tp_an_node_kind_t k)
{
    static const char *const names[] = {"none",  "anchor",   "ds",   "dnskey",
                                        "rrset", "negative", "zone", "server"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "none";
}

static json_object *node_json(const tp_an_node_t *n)
{
    json_object *o = json_object_new_object();
    ADD(o, "kind", json_object_new_string(node_kind(n->kind)));
    ADD(o, "zone", jindex(n->zone));
    ADD(o, "index", jindex(n->index));
    return o;
}

static json_object *links_json(const tp_analysis_t *a)
{
    static const char *const kinds[] = {"anchor", "ds", "rrsig", "proof"};
    json_object *arr = json_object_new_array();
    for (size_t i = 0; i < a->link_count; i++) {
        const tp_an_link_t *l = &a->links[i];
        json_object *o = json_object_new_object();
        ADD(o, "kind", json_object_new_string(kinds[l->kind & 3]));
        ADD(o, "from", node_json(&l->from));
        ADD(o, "to", node_json(&l->to));
        ADD(o, "status", json_object_new_string(tp_link_status_str(l->status)));
        if (l->reason != NULL)
            ADD(o, "reason", jstr(l->reason));
        ADD(o, "rrsig", jindex(l->rrsig));
        json_object_array_add(arr, o);
    }
    return arr;
}

static json_object *report_object(const tp_analysis_t *a, bool details)
{
    json_object *o = json_object_new_object();
    ADD(o, "name", jstr(a->name));
    ADD(o, "status", json_object_new_string(tp_status_str(a->status)));
    ADD(o, "reference_time", jtime(a->reference_time));
    ADD(o, "earliest_expiration", jtime(a->earliest_expiration));
    json_object *zones = json_object_new_array();
    for (size_t i = 0; i < a->zone_count; i++)
        json_object_array_add(zones, zone_json(&a->zones[i], details));
    ADD(o, "zones", zones);
    json_object *rrsets = json_object_new_array();
    for (size_t i = 0; i < a->rrset_count; i++)
        json_object_array_add(rrsets, rrset_json(&a->rrsets[i], details));
    ADD(o, "rrsets", rrsets);
    json_object *diags = json_object_new_array();
    for (size_t i = 0; i < a->diag_count; i++)
        json_object_array_add(diags, diag_json(&a->diags[i]));
    ADD(o, "diagnostics", diags);
    ADD(o, "report_version", json_object_new_int(TP_REPORT_VERSION));
    ADD(o, "rcode", jstr(a->rcode));
    ADD(o, "earliest_expiration_of", jstr(a->earliest_expiration_of));
    ADD(o, "servers", servers_json(a->servers, a->server_count));
    json_object *negs = json_object_new_array();
    for (size_t i = 0; i < a->negative_count; i++)
        json_object_array_add(negs, negative_json(&a->negatives[i], details));
    ADD(o, "negatives", negs);
    if (details)
        ADD(o, "links", links_json(a));
    ADD(o, "signatures_checked",
        json_object_new_int64((int64_t)a->signatures_checked));
    return o;
}

tp_err_t tp_report_json(const tp_analysis_t *a, const tp_report_opts_t *opts,
                        tp_buf_t *out)
{
    if (a == NULL || out == NULL)
        return TP_EINVAL;
    bool pretty = opts != NULL && opts->pretty;
    bool details = opts == NULL || opts->details;
    json_object *o = report_object(a, details);
    if (o == NULL)
        return TP_ENOMEM;
    int flags = JSON_C_TO_STRING_NOSLASHESCAPE |
                (pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
                        : JSON_C_TO_STRING_PLAIN);
    const char *s = json_object_to_json_string_ext(o, flags);
    tp_err_t err = s != NULL ? tp_buf_append_str(out, s) : TP_ENOMEM;
    if (err == TP_OK)
        err = tp_buf_append_str(out, "\n");
    json_object_put(o);
    return err;
}

tp_err_t tp_report_text(const tp_analysis_t *a, tp_buf_t *out)
{
    if (a == NULL || out == NULL)
        return TP_EINVAL;
    char exp[32] = "-";
    if (a->earliest_expiration != 0)
        tp_report_time(a->earliest_expiration, exp);
    tp_err_t err = tp_buf_printf(out, "%s: %s (earliest expiration %s)\n",
                                 a->name, tp_status_str(a->status), exp);
    for (size_t i = 0; i < a->zone_count && err == TP_OK; i++) {
        const tp_an_zone_t *z = &a->zones[i];
        err = tp_buf_printf(out, "  zone %-24s %-13s delegation %s\n", z->name,
                            tp_status_str(z->status),
                            tp_status_str(z->delegation.status));
    }
    for (size_t i = 0; i < a->diag_count && err == TP_OK; i++) {
        const tp_an_diag_t *d = &a->diags[i];
        const tp_diag_info_t *info = tp_diag_info(d->code);
        if (d->severity == TP_SEV_NOTICE)
            continue;
        err = tp_buf_printf(out, "  %-7s %s: %s", tp_severity_str(d->severity),
                            tp_diag_code_str(d->code), d->message);
        for (size_t s = 0; s < d->server_count && err == TP_OK; s++)
            err =
                tp_buf_printf(out, "%s%s", s == 0 ? " [" : ", ", d->servers[s]);
        if (err == TP_OK && d->server_count > 0)
            err = tp_buf_append_str(out, "]");
        if (err == TP_OK && info != NULL)
            err = tp_buf_printf(out, "\n          fix: %s (%s)\n", info->fix,
                                info->rfc);
    }
    return err;
}
