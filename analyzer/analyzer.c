/* The analyzer's entry points: parse a capture's responses once, then for
 * each name build the chain from the anchor down, judge the data at the
 * name, and settle the verdicts (RFC 4035 5, RFC 6840 5). */
#include <stdlib.h>
#include <string.h>

#include "analyzer_int.h"

tp_err_t tp_analyzer_new(const tp_capture_t *cap, const tp_rrlist_t *anchors,
                         const tp_analysis_opts_t *opts, tp_analyzer_t **out)
{
    if (cap == NULL || anchors == NULL || opts == NULL || out == NULL)
        return TP_EINVAL;
    *out = NULL;
    tp_analyzer_t *an = calloc(1, sizeof *an);
    if (an == NULL)
        return TP_ENOMEM;
    an->cap = cap;
    an->anchors = anchors;
    an->opts = *opts;
    an->arena = tp_arena_new(0);
    an->keys = tp_keycache_new(0);
    an_memo_init(an);
    an->resp =
        calloc(cap->query_count > 0 ? cap->query_count : 1, sizeof *an->resp);
    if (an->arena == NULL || an->keys == NULL || an->resp == NULL) {
        tp_analyzer_free(an);
        return TP_ENOMEM;
    }
    an->resp_count = cap->query_count;
    for (size_t i = 0; i < cap->query_count; i++) {
        an_resp_t *r = &an->resp[i];
        r->q = &cap->queries[i];
        if (r->q->response.len == 0)
            continue;
        r->perr = tp_msg_parse(r->q->response.data, r->q->response.len,
                               an->arena, &r->msg);
        r->parsed = r->perr == TP_OK && r->msg.qr;
    }
    if (an_index_build(an) != TP_OK) {
        tp_analyzer_free(an);
        return TP_ENOMEM;
    }
    *out = an;
    return TP_OK;
}

void tp_analyzer_free(tp_analyzer_t *an)
{
    if (an == NULL)
        return;
    an_index_free(an);
    an_memo_free(an);
    tp_keycache_free(an->keys);
    tp_arena_free(an->arena);
    free(an->resp);
    free(an);
}

static void answer_servers(an_run_t *run)
{
    tp_analysis_t *a = run->a;
    const tp_an_zone_t *z = &a->zones[a->answer_zone];
    a->servers =
        tp_arena_array(run->arena, z->server_count + 1, sizeof *a->servers);
    if (a->servers == NULL)
        return;
    a->server_count = z->server_count;
    for (size_t i = 0; i < z->server_count; i++)
        a->servers[i] = z->servers[i];
}

static void key_roles(tp_analysis_t *a)
{
    for (size_t i = 0; i < a->zone_count; i++) {
        for (size_t k = 0; k < a->zones[i].dnskey_count; k++) {
            tp_an_dnskey_t *key = &a->zones[i].dnskeys[k];
            /* The key a DS or anchor names is the entry point (KSK, or CSK
             * when it also signs data); other keys that sign data are
             * ZSKs even when they also sign the DNSKEY RRset. */
            bool entry = key->has_ds || key->is_anchor;
            key->role = entry && key->signs_data   ? TP_ROLE_CSK
                        : key->signs_data          ? TP_ROLE_ZSK
                        : entry || key->self_signs ? TP_ROLE_KSK
                                                   : TP_ROLE_NONE;
        }
    }
}

static void unused_keys(an_run_t *run)
{
    tp_analysis_t *a = run->a;
    for (size_t i = 0; i < a->zone_count; i++) {
        const tp_an_zone_t *z = &a->zones[i];
        for (size_t k = 0; k < z->dnskey_count; k++) {
            const tp_an_dnskey_t *key = &z->dnskeys[k];
            bool leaf = true;
            for (size_t j = 0; j < a->zone_count; j++)
                leaf &= a->zones[j].parent_index != i;
            if (key->role == TP_ROLE_NONE && !key->has_ds && !key->is_anchor &&
                !key->revoked && leaf && z->status == TP_STATUS_SECURE)
                an_diag(run, TP_DIAG_DNSKEY_UNUSED, z->name, NULL,
                        an_node(TP_NODE_DNSKEY, i, k),
                        "DNSKEY %u (algorithm %u, flags %u) of %s has no DS "
                        "and signs nothing that was queried",
                        key->tag, key->algorithm, key->flags, z->name);
        }
    }
}

/* The name's verdict: the answer zone's, refined by the data at the name
 * and along its CNAME chain (each RRset and negative answer judged in the
 * zone that holds it). When some servers give bogus data for the name and
 * others give data that validates, the verdict is the one a validating
 * resolver reaches: it retries the other servers after a validation
 * failure and ends secure. The bogus servers are never hidden: each gets
 * its per-server status and an error-level SERVERS_DISAGREE. */
/* Per-server statuses cover the answer zone's servers only: data judged in
 * another zone (a CNAME target) that is bogus keeps the name bogus. */
static bool bogus_outside_answer_zone(const tp_analysis_t *a)
{
    for (size_t i = 0; i < a->rrset_count; i++)
        if (a->rrsets[i].status == TP_STATUS_BOGUS &&
            a->rrsets[i].zone_index != a->answer_zone)
            return true;
    for (size_t i = 0; i < a->negative_count; i++)
        if (a->negatives[i].at_name &&
            a->negatives[i].status == TP_STATUS_BOGUS &&
            a->negatives[i].zone_index != a->answer_zone)
            return true;
    return false;
}

static void verdict(an_run_t *run)
{
    tp_analysis_t *a = run->a;
    const tp_an_zone_t *z = &a->zones[a->answer_zone];
    tp_status_t st = z->status;
    if (st == TP_STATUS_SECURE) {
        bool any = false;
        tp_status_t worst = TP_STATUS_SECURE;
        for (size_t i = 0; i < a->rrset_count; i++) {
            worst = an_worse(worst, a->rrsets[i].status);
            any = true;
        }
        for (size_t i = 0; i < a->negative_count; i++) {
            const tp_an_negative_t *n = &a->negatives[i];
            if (!n->at_name)
                continue;
            worst = an_worse(worst, n->status);
            any = true;
        }
        if (run->cname_broken)
            worst = an_worse(worst, TP_STATUS_INDETERMINATE);
        st = any ? worst : TP_STATUS_INDETERMINATE;
        if (!any)
            an_diag(run, TP_DIAG_ANALYSIS_NO_RESPONSE, z->name, NULL,
                    an_node(TP_NODE_NONE, TP_AN_NONE, TP_AN_NONE),
                    "no server of %s gave a usable answer for %s", z->name,
                    a->name);
    }
    /* Servers that disagree about the name itself. */
    size_t good = 0;
    for (size_t i = 0; i < a->server_count; i++)
        good += a->servers[i].status == TP_STATUS_SECURE;
    if (st == TP_STATUS_BOGUS && good > 0 && !run->cname_broken &&
        a->zones[a->answer_zone].status == TP_STATUS_SECURE &&
        !bogus_outside_answer_zone(a))
        st = TP_STATUS_SECURE;
    a->status = st;
    for (size_t i = 0; good > 0 && i < a->server_count; i++) {
        if (a->servers[i].status == TP_STATUS_BOGUS)
            an_diag(run, TP_DIAG_SERVERS_DISAGREE, z->name,
                    a->servers[i].address,
                    an_node(TP_NODE_SERVER, a->answer_zone, i),
                    "answers for %s validate on %zu server(s) of %s but are "
                    "bogus on the servers listed",
                    a->name, good, z->name);
    }
}

static int diag_cmp(const void *x, const void *y)
{
    const tp_an_diag_t *a = x, *b = y;
    if (a->severity != b->severity)
        return (int)b->severity - (int)a->severity;
    return 0;
}

static void sort_diags(tp_analysis_t *a)
{
    /* stable insertion sort: errors, warnings, notices; order of finding
     * kept within a severity */
    for (size_t i = 1; i < a->diag_count; i++) {
        tp_an_diag_t d = a->diags[i];
        size_t j = i;
        while (j > 0 && diag_cmp(&a->diags[j - 1], &d) > 0) {
            a->diags[j] = a->diags[j - 1];
            j--;
        }
        a->diags[j] = d;
    }
}

/* The probe's bounds (capture.h TP_CAPTURE_LIMIT_*): what each one is and
 * how to raise it. */
static const struct probe_limit {
    const char *name;
    const char *what;
    const char *raise;
} probe_limits[] = {
    {TP_CAPTURE_LIMIT_DEADLINE, "the time budget per name",
     "raise it with trustpath probe --deadline"},
    {TP_CAPTURE_LIMIT_QUERIES, "the number of queries per name",
     "the bound is fixed: probe fewer types (-t) or look for the referral "
     "or NS loop that needs so many queries"},
    {TP_CAPTURE_LIMIT_DEPTH, "the number of zone cuts from the root",
     "the bound is fixed: no real tree is that deep; look for a referral "
     "loop"},
    {TP_CAPTURE_LIMIT_CNAME, "the length of CNAME/DNAME chains",
     "the bound is fixed: shorten the chain or break its loop"},
    {TP_CAPTURE_LIMIT_NS_NAMES, "the number of NS names followed per zone",
     "the bound is fixed: the names past it were not asked; keep NS RRsets "
     "small"},
    {TP_CAPTURE_LIMIT_BYTES, "the response bytes kept per capture",
     "the bound is fixed: probe fewer names per run (check --batch)"},
};

/* One ANALYSIS_PROBE_LIMIT per bound the capture says the probe hit: the
 * evidence for every name of the run may be incomplete. */
static void probe_limit_diags(an_run_t *run)
{
    const tp_capture_t *cap = run->an->cap;
    for (size_t i = 0; i < cap->limits_hit_count; i++) {
        const char *hit = cap->limits_hit[i];
        const struct probe_limit *l = NULL;
        for (size_t k = 0; k < sizeof probe_limits / sizeof probe_limits[0];
             k++) {
            if (hit != NULL && strcmp(hit, probe_limits[k].name) == 0)
                l = &probe_limits[k];
        }
        if (l == NULL)
            an_diag(run, TP_DIAG_ANALYSIS_PROBE_LIMIT, NULL, NULL,
                    an_node(TP_NODE_NONE, TP_AN_NONE, TP_AN_NONE),
                    "the probe stopped at its bound \"%s\": the evidence for "
                    "%s is incomplete",
                    hit != NULL ? hit : "?", run->a->name);
        else if (strcmp(l->name, TP_CAPTURE_LIMIT_DEADLINE) == 0 &&
                 cap->options.deadline_ms > 0)
            an_diag(run, TP_DIAG_ANALYSIS_PROBE_LIMIT, NULL, NULL,
                    an_node(TP_NODE_NONE, TP_AN_NONE, TP_AN_NONE),
                    "the probe stopped at its bound \"%s\" (%s, %u ms): the "
                    "evidence for %s is incomplete; %s",
                    l->name, l->what, (unsigned)cap->options.deadline_ms,
                    run->a->name, l->raise);
        else
            an_diag(run, TP_DIAG_ANALYSIS_PROBE_LIMIT, NULL, NULL,
                    an_node(TP_NODE_NONE, TP_AN_NONE, TP_AN_NONE),
                    "the probe stopped at its bound \"%s\" (%s): the "
                    "evidence for %s is incomplete; %s",
                    l->name, l->what, run->a->name, l->raise);
    }
}

tp_err_t tp_analyzer_run(tp_analyzer_t *an, const uint8_t *name,
                         tp_arena_t *arena, tp_analysis_t **out)
{
    if (an == NULL || name == NULL || arena == NULL || out == NULL)
        return TP_EINVAL;
    an_run_t run;
    memset(&run, 0, sizeof run);
    run.an = an;
    run.arena = arena;
    tp_analysis_t *a = tp_arena_alloc(arena, sizeof *a);
    if (a == NULL)
        return TP_ENOMEM;
    run.a = a;
    a->wire = tp_name_dup(arena, name);
    a->name = an_name(arena, name);
    if (a->wire == NULL || a->name == NULL)
        return TP_ENOMEM;
    a->reference_time = an->opts.now;
    a->answer_zone = TP_AN_NONE;
    tp_verify_ctx_init(&run.vctx, an->opts.now);
    run.vctx.max_crypto = an->opts.max_crypto;
    tp_err_t err = an_chain_zones(&run);
    for (size_t i = 0; err == TP_OK && i < a->zone_count; i++)
        err = an_chain_zone(&run, i);
    if (err == TP_OK) {
        answer_servers(&run);
        err = an_answers(&run);
    }
    a->signatures_checked = run.vctx.crypto_done;
    tp_verify_ctx_clear(&run.vctx);
    if (err != TP_OK)
        return err;
    key_roles(a);
    unused_keys(&run);
    verdict(&run);
    an_soa_expire(&run);
    if (an->cap->source == TP_CAPTURE_SOURCE_RESOLVER)
        an_diag(&run, TP_DIAG_ANALYSIS_RESOLVER_SOURCE, NULL, NULL,
                an_node(TP_NODE_NONE, TP_AN_NONE, TP_AN_NONE),
                "the capture's answers for %s came from a recursive resolver: "
                "the authoritative servers, the delegations and the AA bit "
                "were not examined",
                a->name);
    probe_limit_diags(&run);
    if (run.budget_hit)
        an_diag(&run, TP_DIAG_ANALYSIS_BUDGET_EXCEEDED, NULL, NULL,
                an_node(TP_NODE_NONE, TP_AN_NONE, TP_AN_NONE),
                "signature checks stopped at the budget of %llu",
                (unsigned long long)an->opts.max_crypto);
    if (a->status == TP_STATUS_SECURE && run.exp_min != 0) {
        a->earliest_expiration = run.exp_min;
        a->earliest_expiration_of = run.exp_what;
        int64_t left = run.exp_min - a->reference_time;
        if (an->opts.warn_expiry_s > 0 && left < an->opts.warn_expiry_s)
            an_diag(&run, TP_DIAG_CHAIN_EXPIRES_SOON, NULL, NULL,
                    an_node(TP_NODE_NONE, TP_AN_NONE, TP_AN_NONE),
                    "the chain of %s stops validating at %s when the %s "
                    "expires",
                    a->name, an_time(arena, run.exp_min), run.exp_what);
    } else if (run.exp_min != 0) {
        a->earliest_expiration = run.exp_min;
        a->earliest_expiration_of = run.exp_what;
    }
    sort_diags(a);
    *out = a;
    return TP_OK;
}

tp_err_t tp_analyze(const tp_capture_t *cap, const tp_rrlist_t *anchors,
                    const tp_analysis_opts_t *opts, const uint8_t *name,
                    tp_arena_t *arena, tp_analysis_t **out)
{
    tp_analyzer_t *an = NULL;
    tp_err_t err = tp_analyzer_new(cap, anchors, opts, &an);
    if (err != TP_OK)
        return err;
    err = tp_analyzer_run(an, name, arena, out);
    tp_analyzer_free(an);
    return err;
}
