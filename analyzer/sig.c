/* Signatures in the analysis: verifying an RRset with a zone's keys,
 * recording each RRSIG once with its status, and the per-signature
 * diagnostics (RFC 4035 5.3, RFC 4034 3.1.5, RFC 6781 4.4.2). */
#include <stdlib.h>
#include <string.h>

#include "analyzer_int.h"

/* Sentinel result: the budget stopped the check. */
#define AN_SIG_NOT_CHECKED TP_SIG_RESULT_COUNT

tp_link_status_t an_sig_link(tp_sig_result_t r)
{
    switch (r) {
    case TP_SIG_VALID:
        return TP_LINK_VALID;
    case TP_SIG_EXPIRED:
        return TP_LINK_EXPIRED;
    case TP_SIG_NOT_YET_VALID:
        return TP_LINK_NOT_YET_VALID;
    case TP_SIG_BAD_SIGNATURE:
        return TP_LINK_BAD_SIGNATURE;
    case TP_SIG_NO_MATCHING_KEY:
        return TP_LINK_NO_KEY;
    case TP_SIG_UNSUPPORTED_ALGORITHM:
        return TP_LINK_UNSUPPORTED;
    case AN_SIG_NOT_CHECKED:
        return TP_LINK_NOT_CHECKED;
    default:
        return TP_LINK_INVALID;
    }
}

/* ---- Verifications shared by the names of a capture ---------------------
 *
 * The names of a capture share their parents' zones: for names under one
 * TLD, 8 of each name's 14 checks are the root's and the TLD's DNSKEY and DS
 * RRSIGs again. The outcome of tp_rrsig_verify_keys depends only on its
 * inputs and on the context's settings, so those, byte for byte, are the
 * key of a hash table that lives as long as the analyzer. */

/* Inputs larger than this are verified every time, not remembered. */
#define AN_MEMO_KEY_MAX ((size_t)1 << 20)

struct an_memo {
    uint64_t hash;
    const uint8_t *key; /* in an->arena; NULL: a free slot */
    size_t key_len;
    tp_sig_check_t chk; /* rrsig is re-read from the caller's RRSIG */
    size_t index;
    uint64_t crypto; /* cryptographic verifications the check cost */
};

void an_memo_init(tp_analyzer_t *an)
{
    tp_buf_init(&an->memo_key, AN_MEMO_KEY_MAX);
}

void an_memo_free(tp_analyzer_t *an)
{
    free(an->memo);
    tp_buf_clear(&an->memo_key);
}

static tp_err_t key_bytes(tp_buf_t *b, const void *data, size_t len)
{
    return len > 0 ? tp_buf_append(b, data, len) : TP_OK;
}

/* Owner (self-delimiting), type, class, TTL, RDATA length and RDATA: all a
 * check reads of an RR (the TTLs give its warnings). */
static tp_err_t key_rr(tp_buf_t *b, const tp_rr_t *rr)
{
    uint32_t f[4] = {rr->type, rr->rclass, rr->ttl, (uint32_t)rr->rdata.len};
    tp_err_t err = key_bytes(b, rr->owner, tp_name_len(rr->owner));
    if (err == TP_OK)
        err = key_bytes(b, f, sizeof f);
    if (err == TP_OK)
        err = key_bytes(b, rr->rdata.data, rr->rdata.len);
    return err;
}

static tp_err_t memo_key(const tp_verify_ctx_t *ctx, const tp_sig_input_t *in,
                         const tp_key_t *const *keys, size_t k, tp_buf_t *b)
{
    uint64_t f[7] = {
        (uint64_t)ctx->now,   ctx->max_keys_per_sig, ctx->verify_outside_window,
        ctx->max_signed_data, in->rr_count,          k,
        in->zone != NULL};
    tp_buf_reset(b);
    tp_err_t err = key_bytes(b, f, sizeof f);
    if (err == TP_OK && in->zone != NULL)
        err = key_bytes(b, in->zone, tp_name_len(in->zone));
    if (err == TP_OK)
        err = key_rr(b, in->rrsig);
    for (size_t i = 0; err == TP_OK && i < in->rr_count; i++)
        err = key_rr(b, &in->rrs[i]);
    if (err == TP_OK)
        err = key_bytes(b, keys, k * sizeof *keys);
    return err;
}

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

/* The slot holding key, or the free slot where it would go (memo_cap > 0). */
static an_memo_t *memo_slot(const tp_analyzer_t *an, uint64_t h,
                            const tp_buf_t *key)
{
    size_t mask = an->memo_cap - 1;
    for (size_t j = h & mask;; j = (j + 1) & mask) {
        an_memo_t *m = &an->memo[j];
        if (m->key == NULL || (m->hash == h && m->key_len == key->len &&
                               memcmp(m->key, key->data, key->len) == 0))
            return m;
    }
}

static bool memo_grow(tp_analyzer_t *an)
{
    size_t cap = an->memo_cap > 0 ? an->memo_cap * 2 : 256;
    an_memo_t *t = calloc(cap, sizeof *t);
    if (t == NULL)
        return false;
    for (size_t i = 0; i < an->memo_cap; i++) {
        if (an->memo[i].key == NULL)
            continue;
        size_t j = an->memo[i].hash & (cap - 1);
        while (t[j].key != NULL)
            j = (j + 1) & (cap - 1);
        t[j] = an->memo[i];
    }
    free(an->memo);
    an->memo = t;
    an->memo_cap = cap;
    return true;
}

/* Remember a check; best effort (without memory, the next one runs again). */
static void memo_store(tp_analyzer_t *an, uint64_t h, const tp_buf_t *key,
                       const tp_sig_check_t *chk, size_t index, uint64_t crypto)
{
    if ((an->memo_count + 1) * 2 > an->memo_cap && !memo_grow(an))
        return;
    an_memo_t *m = memo_slot(an, h, key);
    const uint8_t *copy = tp_arena_memdup(an->arena, key->data, key->len);
    if (copy == NULL)
        return;
    m->hash = h;
    m->key = copy;
    m->key_len = key->len;
    m->chk = *chk;
    memset(&m->chk.rrsig, 0, sizeof m->chk.rrsig); /* borrowed, not kept */
    m->index = index;
    m->crypto = crypto;
    an->memo_count++;
}

/* A remembered check may be replayed when the budget would have let it run:
 * each cryptographic operation is refused once crypto_done reaches it. */
static bool within_budget(const tp_verify_ctx_t *ctx, uint64_t crypto)
{
    return ctx->max_crypto == 0 || ctx->crypto_done + crypto <= ctx->max_crypto;
}

tp_err_t an_verify_keys(an_run_t *run, const tp_sig_input_t *in,
                        const tp_key_t *const *keys, size_t k,
                        tp_sig_check_t *chk, size_t *index_out)
{
    tp_analyzer_t *an = run->an;
    tp_verify_ctx_t *ctx = &run->vctx;
    tp_rdata_view_t v;
    /* A malformed RRSIG is refused before any cryptography: nothing to
     * save, and no view to give back. */
    if (in == NULL || in->rrsig == NULL || (in->rrs == NULL && in->rr_count) ||
        (keys == NULL && k > 0) ||
        tp_rdata_view(TP_TYPE_RRSIG, in->rrsig->rdata, &v) != TP_OK ||
        memo_key(ctx, in, keys, k, &an->memo_key) != TP_OK)
        return tp_rrsig_verify_keys(ctx, in, keys, k, chk, index_out);
    const tp_buf_t *key = &an->memo_key;
    uint64_t h = fnv1a(key->data, key->len);
    const an_memo_t *m = an->memo_cap > 0 ? memo_slot(an, h, key) : NULL;
    bool known = m != NULL && m->key != NULL;
    if (known && within_budget(ctx, m->crypto)) {
        *chk = m->chk;
        chk->rrsig = v.u.rrsig;
        *index_out = m->index;
        ctx->crypto_done += m->crypto;
        return TP_OK;
    }
    uint64_t before = ctx->crypto_done;
    tp_err_t err = tp_rrsig_verify_keys(ctx, in, keys, k, chk, index_out);
    if (err == TP_OK && !known)
        memo_store(an, h, key, chk, *index_out, ctx->crypto_done - before);
    return err;
}

tp_err_t an_verify(an_run_t *run, size_t zi, const tp_rr_t *sig,
                   const tp_rr_t *rrs, size_t n, tp_sig_check_t *chk,
                   size_t *key_out)
{
    const tp_an_zone_t *z = &run->a->zones[zi];
    const an_zone_t *zs = &run->zs[zi];
    const tp_key_t *keys[64];
    size_t map[64];
    size_t k = 0;
    for (size_t i = 0; i < z->dnskey_count && k < 64; i++) {
        if (zs->keys[i] != NULL) {
            keys[k] = zs->keys[i];
            map[k++] = i;
        }
    }
    tp_sig_input_t in = {sig, rrs, n, NULL, z->wire};
    size_t idx = SIZE_MAX;
    memset(chk, 0, sizeof *chk);
    *key_out = TP_AN_NONE;
    tp_err_t err = an_verify_keys(run, &in, keys, k, chk, &idx);
    if (err == TP_ELIMIT) {
        run->budget_hit = true;
        chk->result = AN_SIG_NOT_CHECKED;
        return TP_OK;
    }
    if (err != TP_OK)
        return err;
    if (idx < k)
        *key_out = map[idx];
    return TP_OK;
}

tp_an_rrsig_t *an_rrsig_add(an_run_t *run, tp_an_rrsig_t **list, size_t *count,
                            const tp_rr_t *sig_rr, size_t *index_out,
                            bool *is_new)
{
    tp_rdata_view_t v;
    *is_new = false;
    if (tp_rdata_view(TP_TYPE_RRSIG, sig_rr->rdata, &v) != TP_OK)
        return NULL;
    const tp_rrsig_t *s = &v.u.rrsig;
    int64_t now = run->a->reference_time;
    for (size_t i = 0; i < *count; i++) {
        tp_an_rrsig_t *r = &(*list)[i];
        if (r->key_tag == s->key_tag && r->algorithm == s->algorithm &&
            r->type_covered == s->type_covered &&
            r->expiration == an_sig_time(s->expiration, now) &&
            r->inception == an_sig_time(s->inception, now)) {
            *index_out = i;
            return r;
        }
    }
    tp_an_rrsig_t *r = an_push(run->arena, (void **)list, count, sizeof *r);
    if (r == NULL)
        return NULL;
    *index_out = *count - 1;
    *is_new = true;
    r->type_covered = s->type_covered;
    r->algorithm = s->algorithm;
    r->labels = s->labels;
    r->key_tag = s->key_tag;
    r->signer = an_name(run->arena, s->signer);
    r->ttl = sig_rr->ttl;
    r->original_ttl = s->original_ttl;
    r->inception = an_sig_time(s->inception, now);
    r->expiration = an_sig_time(s->expiration, now);
    r->zone_index = TP_AN_NONE;
    r->key_index = TP_AN_NONE;
    r->status = TP_LINK_INVALID;
    return r;
}

static void window_diags(an_run_t *run, const tp_an_rrsig_t *r,
                         const char *what, const char *zone, const char *server,
                         tp_an_node_t subject)
{
    tp_arena_t *ar = run->arena;
    const tp_analysis_opts_t *o = &run->an->opts;
    int64_t now = run->a->reference_time;
    int64_t left = r->expiration - now;
    if (o->warn_expiry_s > 0 && left >= 0 && left < o->warn_expiry_s)
        an_diag(run, TP_DIAG_RRSIG_EXPIRES_SOON, zone, server, subject,
                "%s expires at %s, in %lld h %lld min", what,
                an_time(ar, r->expiration), (long long)(left / 3600),
                (long long)(left % 3600 / 60));
    if (o->clock_skew_s > 0 && now - r->inception >= 0 &&
        now - r->inception < o->clock_skew_s)
        an_diag(run, TP_DIAG_RRSIG_INCEPTION_WITHIN_SKEW, zone, server, subject,
                "%s became valid at %s, %lld s before the reference time", what,
                an_time(ar, r->inception), (long long)(now - r->inception));
    int64_t span = r->expiration - r->inception;
    if (span < 2 * (int64_t)r->original_ttl)
        an_diag(run, TP_DIAG_RRSIG_VALIDITY_TOO_SHORT, zone, server, subject,
                "%s is valid for %lld s (%s to %s), less than twice its "
                "original TTL %u",
                what, (long long)span, an_time(ar, r->inception),
                an_time(ar, r->expiration), r->original_ttl);
    if (span > 180 * 86400)
        an_diag(run, TP_DIAG_RRSIG_VALIDITY_TOO_LONG, zone, server, subject,
                "%s is valid for %lld days", what, (long long)(span / 86400));
}

static tp_diag_code_t result_code(tp_sig_result_t r)
{
    switch (r) {
    case TP_SIG_EXPIRED:
        return TP_DIAG_RRSIG_EXPIRED;
    case TP_SIG_NOT_YET_VALID:
        return TP_DIAG_RRSIG_NOT_YET_VALID;
    case TP_SIG_INCEPTION_AFTER_EXPIRATION:
        return TP_DIAG_RRSIG_INCEPTION_AFTER_EXPIRATION;
    case TP_SIG_BAD_SIGNATURE:
        return TP_DIAG_RRSIG_BAD_SIGNATURE;
    case TP_SIG_SIGNER_NOT_ZONE:
    case TP_SIG_OWNER_NOT_IN_ZONE:
    case TP_SIG_KEY_OWNER_MISMATCH:
        return TP_DIAG_RRSIG_SIGNER_NOT_ZONE;
    case TP_SIG_LABELS_EXCEED_OWNER:
        return TP_DIAG_RRSIG_LABELS_EXCEED_OWNER;
    case TP_SIG_KEY_REVOKED:
    case TP_SIG_MATCHES_PRE_REVOKE:
        return TP_DIAG_RRSIG_KEY_REVOKED;
    case TP_SIG_KEY_NOT_ZONE_KEY:
        return TP_DIAG_RRSIG_KEY_NOT_ZONE_KEY;
    case TP_SIG_UNSUPPORTED_ALGORITHM:
        return TP_DIAG_RRSIG_ALGORITHM_UNSUPPORTED;
    case TP_SIG_MALFORMED_SIGNATURE:
        return TP_DIAG_RRSIG_BAD_LENGTH;
    case TP_SIG_MALFORMED_KEY:
    case TP_SIG_KEY_BAD_PROTOCOL:
        return TP_DIAG_DNSKEY_BAD_LENGTH;
    case TP_SIG_NO_MATCHING_KEY:
        return TP_DIAG_RRSIG_NO_MATCHING_DNSKEY;
    case AN_SIG_NOT_CHECKED:
        return TP_DIAG_ANALYSIS_BUDGET_EXCEEDED;
    default:
        return TP_DIAG_RRSIG_BAD_SIGNATURE;
    }
}

void an_rrsig_fill(an_run_t *run, const tp_rr_t *sig_rr, uint32_t rr_ttl,
                   const tp_sig_check_t *chk, const char *zone,
                   const char *server, tp_an_node_t subject, tp_an_rrsig_t *r)
{
    tp_arena_t *ar = run->arena;
    const char *owner = an_name(ar, sig_rr->owner);
    const char *what =
        an_printf(ar, "RRSIG %s/%s (key tag %u, algorithm %u)", owner,
                  an_type(ar, r->type_covered), r->key_tag, r->algorithm);
    r->status = an_sig_link(chk->result);
    if (r->status != TP_LINK_VALID) {
        r->reason = chk->result == AN_SIG_NOT_CHECKED
                        ? "not checked: work budget exhausted"
                        : tp_sig_result_str(chk->result);
    }
    switch (chk->result) {
    case TP_SIG_VALID:
        window_diags(run, r, what, zone, server, subject);
        break;
    case TP_SIG_EXPIRED:
        an_diag(run, TP_DIAG_RRSIG_EXPIRED, zone, server, subject,
                "%s expired at %s (reference time %s)", what,
                an_time(ar, r->expiration),
                an_time(ar, run->a->reference_time));
        break;
    case TP_SIG_NOT_YET_VALID:
        an_diag(run, TP_DIAG_RRSIG_NOT_YET_VALID, zone, server, subject,
                "%s is valid only from %s (reference time %s)", what,
                an_time(ar, r->inception), an_time(ar, run->a->reference_time));
        break;
    case TP_SIG_INCEPTION_AFTER_EXPIRATION:
        an_diag(run, TP_DIAG_RRSIG_INCEPTION_AFTER_EXPIRATION, zone, server,
                subject, "%s has inception %s after expiration %s", what,
                an_time(ar, r->inception), an_time(ar, r->expiration));
        break;
    case TP_SIG_UNSUPPORTED_ALGORITHM:
        an_diag(run, TP_DIAG_RRSIG_ALGORITHM_UNSUPPORTED, zone, server, subject,
                "%s uses algorithm %u, which cannot be validated", what,
                r->algorithm);
        break;
    case TP_SIG_NO_MATCHING_KEY: {
        /* A signer the capture has only as a stub: its keys are missing by
         * design, and ANALYSIS_STUB says so at the zone. */
        tp_rdata_view_t v;
        if (run->an->cap->stub_count > 0 &&
            tp_rdata_view(TP_TYPE_RRSIG, sig_rr->rdata, &v) == TP_OK &&
            tp_capture_is_stub(run->an->cap, v.u.rrsig.signer))
            break;
        an_diag(run, result_code(chk->result), zone, server, subject, "%s: %s",
                what, tp_sig_result_str(chk->result));
        break;
    }
    default:
        an_diag(run, result_code(chk->result), zone, server, subject, "%s: %s",
                what,
                chk->result == AN_SIG_NOT_CHECKED
                    ? "not checked, work budget exhausted"
                    : tp_sig_result_str(chk->result));
        break;
    }
    if (chk->result == TP_SIG_MALFORMED_RRSIG)
        return;
    if (chk->rr_ttl_exceeds_original || chk->rrsig_ttl_exceeds_original)
        an_diag(run, TP_DIAG_RRSIG_TTL_EXCEEDS_ORIGINAL, zone, server, subject,
                "%s: TTL %u (RRset %u) exceeds the original TTL %u", what,
                sig_rr->ttl, rr_ttl, r->original_ttl);
    if (chk->ttl_beyond_expiration && r->status == TP_LINK_VALID)
        an_diag(run, TP_DIAG_RRSIG_TTL_BEYOND_EXPIRATION, zone, server, subject,
                "%s expires at %s, before its TTL of %u s runs out", what,
                an_time(ar, r->expiration), rr_ttl);
    if (sig_rr->ttl != rr_ttl &&
        run->an->cap->source != TP_CAPTURE_SOURCE_RESOLVER)
        an_diag(run, TP_DIAG_RRSIG_TTL_MISMATCH, zone, server, subject,
                "%s has TTL %u but the RRset has TTL %u", what, sig_rr->ttl,
                rr_ttl);
}

void an_note_set(an_run_t *run, const tp_an_rrsig_t *sigs, size_t count,
                 const char *what)
{
    int64_t latest = 0;
    const tp_an_rrsig_t *best = NULL;
    for (size_t i = 0; i < count; i++) {
        if (sigs[i].status == TP_LINK_VALID && sigs[i].expiration > latest) {
            latest = sigs[i].expiration;
            best = &sigs[i];
        }
    }
    if (best == NULL)
        return;
    if (run->exp_min == 0 || latest < run->exp_min) {
        run->exp_min = latest;
        run->exp_what = an_printf(run->arena, "RRSIG over %s (key tag %u)",
                                  what, best->key_tag);
    }
}
