/* RRSIG checks, RFC 4035 section 5.3.1: everything that can fail before the
 * cryptography, each with its own result, then the validity window (RFC
 * 4034 section 3.1.5 in RFC 1982 serial arithmetic), then the signature
 * itself over the signed data of signed_data.c. Also the TTL warnings of
 * RFC 4035 sections 2.2 and 5.3.3. */
#include <stdlib.h>
#include <string.h>

#include "dnssec_int.h"

#define DEFAULT_MAX_KEYS_PER_SIG 8
#define DEFAULT_MAX_SIGNED_DATA  (1u << 20)

static const struct {
    const char *name;
    const char *text;
} results[TP_SIG_RESULT_COUNT] = {
    {"VALID", "the signature validates the RRset"},
    {"MALFORMED_RRSIG", "the RRSIG RDATA does not parse"},
    {"TYPE_MISMATCH", "the RRSIG covers another type than the RRset"},
    {"OWNER_MISMATCH", "the RRSIG owner or class differs from the RRset"},
    {"SIGNER_NOT_ZONE", "the signer name is not the zone holding the RRset"},
    {"OWNER_NOT_IN_ZONE", "the RRset owner is not at or below the signer"},
    {"LABELS_EXCEED_OWNER",
     "the RRSIG Labels field exceeds the owner's label count"},
    {"KEY_OWNER_MISMATCH", "the DNSKEY owner is not the signer name"},
    {"ALGORITHM_MISMATCH", "the RRSIG and DNSKEY algorithms differ"},
    {"KEY_TAG_MISMATCH", "the RRSIG key tag is not the DNSKEY's tag"},
    {"KEY_BAD_PROTOCOL", "the DNSKEY protocol field is not 3"},
    {"KEY_NOT_ZONE_KEY", "the DNSKEY does not have the ZONE flag"},
    {"KEY_REVOKED", "the DNSKEY has the REVOKE flag"},
    {"UNSUPPORTED_ALGORITHM", "the algorithm cannot be validated here"},
    {"MALFORMED_KEY", "the DNSKEY public key does not decode"},
    {"MALFORMED_SIGNATURE", "the signature length is wrong for the key"},
    {"INCEPTION_AFTER_EXPIRATION",
     "the signature inception is after its expiration"},
    {"NOT_YET_VALID", "the signature inception is in the future"},
    {"EXPIRED", "the signature has expired"},
    {"BAD_SIGNATURE", "the signature does not verify"},
    {"NO_MATCHING_KEY", "no DNSKEY matches the signer, algorithm and tag"},
    {"MATCHES_PRE_REVOKE",
     "only a revoked DNSKEY's pre-revocation key tag matches"},
};

const char *tp_sig_result_name(tp_sig_result_t result)
{
    if ((unsigned)result >= TP_SIG_RESULT_COUNT)
        return "UNKNOWN";
    return results[result].name;
}

const char *tp_sig_result_str(tp_sig_result_t result)
{
    if ((unsigned)result >= TP_SIG_RESULT_COUNT)
        return "unknown result";
    return results[result].text;
}

int tp_serial_compare(uint32_t a, uint32_t b)
{
    uint32_t d = a - b; /* RFC 1982 3.2, with SERIAL_BITS = 32 */

    if (d == 0)
        return 0;
    return d < 0x80000000u || d == 0x80000000u ? 1 : -1;
}

tp_sig_result_t tp_rrsig_check_window(uint32_t inception, uint32_t expiration,
                                      int64_t now)
{
    uint32_t t = (uint32_t)((uint64_t)now & 0xffffffffu);

    if (tp_serial_compare(inception, expiration) > 0)
        return TP_SIG_INCEPTION_AFTER_EXPIRATION;
    if (tp_serial_compare(t, inception) < 0)
        return TP_SIG_NOT_YET_VALID;
    if (tp_serial_compare(t, expiration) > 0)
        return TP_SIG_EXPIRED;
    return TP_SIG_VALID;
}

void tp_verify_ctx_init(tp_verify_ctx_t *ctx, int64_t now)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->now = now;
    ctx->max_keys_per_sig = DEFAULT_MAX_KEYS_PER_SIG;
    ctx->max_signed_data = DEFAULT_MAX_SIGNED_DATA;
    tp_buf_init(&ctx->scratch, ctx->max_signed_data);
}

void tp_verify_ctx_clear(tp_verify_ctx_t *ctx)
{
    tp_verify_priv_t *priv = ctx->priv;

    if (priv != NULL) {
        EVP_MD_CTX_free(priv->mdctx);
        tp_verify_priv_clear(priv);
        free(priv);
    }
    tp_buf_clear(&ctx->scratch);
    ctx->priv = NULL;
    ctx->crypto_done = 0;
}

static tp_err_t ctx_priv(tp_verify_ctx_t *ctx, tp_verify_priv_t **out)
{
    tp_verify_priv_t *priv = ctx->priv;

    if (priv == NULL) {
        priv = calloc(1, sizeof(*priv));
        if (priv == NULL)
            return TP_ENOMEM;
        priv->mdctx = EVP_MD_CTX_new();
        if (priv->mdctx == NULL) {
            free(priv);
            return TP_ENOMEM;
        }
        tp_buf_init(&priv->canon, DEFAULT_MAX_SIGNED_DATA);
        ctx->priv = priv;
    }
    priv->canon.max = ctx->max_signed_data;
    *out = priv;
    return TP_OK;
}

static tp_err_t check_input(const tp_sig_input_t *in, tp_sig_check_t *out)
{
    if (in == NULL || out == NULL || in->rrsig == NULL || in->rrs == NULL ||
        in->rr_count == 0 || in->rrsig->owner == NULL ||
        in->rrs[0].owner == NULL || in->rrsig->type != TP_TYPE_RRSIG)
        return TP_EINVAL;
    for (size_t i = 1; i < in->rr_count; i++) {
        if (in->rrs[i].owner == NULL || in->rrs[i].type != in->rrs[0].type ||
            in->rrs[i].rclass != in->rrs[0].rclass ||
            !tp_name_equal(in->rrs[i].owner, in->rrs[0].owner))
            return TP_EINVAL;
    }
    return TP_OK;
}

/* The TTL warnings; they never change the result. */
static void ttl_warnings(const tp_verify_ctx_t *ctx, const tp_sig_input_t *in,
                         tp_sig_check_t *out)
{
    uint32_t max_ttl = 0;

    for (size_t i = 0; i < in->rr_count; i++) {
        if (in->rrs[i].ttl > max_ttl)
            max_ttl = in->rrs[i].ttl;
    }
    out->rr_ttl_exceeds_original = max_ttl > out->rrsig.original_ttl;
    out->rrsig_ttl_exceeds_original = in->rrsig->ttl > out->rrsig.original_ttl;
    out->ttl_beyond_expiration =
        tp_serial_compare((uint32_t)((uint64_t)ctx->now + max_ttl),
                          out->rrsig.expiration) > 0;
}

/* Parse the RRSIG and run the checks that need no key. */
static tp_sig_result_t rrsig_checks(const tp_sig_input_t *in,
                                    tp_sig_check_t *out)
{
    const tp_rr_t *rr0 = &in->rrs[0];
    tp_rdata_view_t view;

    if (tp_rdata_view(TP_TYPE_RRSIG, in->rrsig->rdata, &view) != TP_OK)
        return TP_SIG_MALFORMED_RRSIG;
    out->rrsig = view.u.rrsig;
    if (out->rrsig.type_covered != rr0->type)
        return TP_SIG_TYPE_MISMATCH;
    if (in->rrsig->rclass != rr0->rclass ||
        !tp_name_equal(in->rrsig->owner, rr0->owner))
        return TP_SIG_OWNER_MISMATCH;
    if (in->zone != NULL && !tp_name_equal(out->rrsig.signer, in->zone))
        return TP_SIG_SIGNER_NOT_ZONE;
    if (!tp_name_is_subdomain(rr0->owner, out->rrsig.signer))
        return TP_SIG_OWNER_NOT_IN_ZONE;
    if (out->rrsig.labels > tp_name_rrsig_labels(rr0->owner))
        return TP_SIG_LABELS_EXCEED_OWNER;
    out->is_wildcard = out->rrsig.labels < tp_name_rrsig_labels(rr0->owner);
    return TP_SIG_VALID;
}

/* RFC 4035 5.3.1 items about the key, and whether the key can be used. */
static tp_sig_result_t key_checks(const tp_key_t *key, const tp_rrsig_t *sig)
{
    if (!tp_name_equal(key->owner, sig->signer))
        return TP_SIG_KEY_OWNER_MISMATCH;
    if (key->algorithm != sig->algorithm)
        return TP_SIG_ALGORITHM_MISMATCH;
    if (key->tag != sig->key_tag)
        return TP_SIG_KEY_TAG_MISMATCH;
    if (key->protocol != TP_DNSKEY_PROTOCOL)
        return TP_SIG_KEY_BAD_PROTOCOL;
    if (!tp_dnskey_is_zone_key(key->flags))
        return TP_SIG_KEY_NOT_ZONE_KEY;
    if (tp_dnskey_is_revoked(key->flags))
        return TP_SIG_KEY_REVOKED;
    if (key->status == TP_KEY_UNSUPPORTED_ALGORITHM)
        return TP_SIG_UNSUPPORTED_ALGORITHM;
    if (key->status != TP_KEY_OK)
        return TP_SIG_MALFORMED_KEY;
    if (sig->signature.len != key->sig_len)
        return TP_SIG_MALFORMED_SIGNATURE;
    return TP_SIG_VALID;
}

/* The cryptography can run with this key (even if a flag forbids its use). */
static bool key_usable(const tp_key_t *key, const tp_rrsig_t *sig)
{
    return key->status == TP_KEY_OK && sig->signature.len == key->sig_len;
}

static tp_err_t run_crypto(tp_verify_ctx_t *ctx, const tp_sig_input_t *in,
                           tp_sig_check_t *out)
{
    tp_verify_priv_t *priv = NULL;
    tp_err_t err;

    if (ctx->max_crypto != 0 && ctx->crypto_done >= ctx->max_crypto)
        return TP_ELIMIT;
    err = ctx_priv(ctx, &priv);
    if (err != TP_OK)
        return err;
    tp_buf_reset(&ctx->scratch);
    ctx->scratch.max = ctx->max_signed_data;
    err = tp_signed_data_build(&out->rrsig, in->rrs, in->rr_count, priv,
                               &ctx->scratch, &out->duplicates_dropped);
    if (err != TP_OK)
        return err;
    ctx->crypto_done++;
    err = tp_key_verify_with(in->key, priv->mdctx,
                             tp_bytes(ctx->scratch.data, ctx->scratch.len),
                             out->rrsig.signature, &out->crypto_valid);
    if (err == TP_OK)
        out->crypto_checked = true;
    return err;
}

tp_err_t tp_rrsig_verify(tp_verify_ctx_t *ctx, const tp_sig_input_t *in,
                         tp_sig_check_t *out)
{
    tp_sig_result_t r, window;
    tp_err_t err;

    if (ctx == NULL || check_input(in, out) != TP_OK || in->key == NULL)
        return TP_EINVAL;
    memset(out, 0, sizeof(*out));
    r = rrsig_checks(in, out);
    if (r == TP_SIG_MALFORMED_RRSIG) {
        out->result = r;
        return TP_OK;
    }
    ttl_warnings(ctx, in, out);
    if (r == TP_SIG_VALID)
        r = key_checks(in->key, &out->rrsig);
    window = tp_rrsig_check_window(out->rrsig.inception, out->rrsig.expiration,
                                   ctx->now);
    if (r == TP_SIG_VALID)
        r = window;
    out->result = r;
    /* Past every structural check, the cryptography decides; with
     * verify_outside_window it also runs for a window failure or a revoked
     * key, so a report can say "expired, otherwise valid". */
    if (r != TP_SIG_VALID && !(ctx->verify_outside_window &&
                               (r == window || r == TP_SIG_KEY_REVOKED) &&
                               key_usable(in->key, &out->rrsig)))
        return TP_OK;
    err = run_crypto(ctx, in, out);
    if (err == TP_OK && r == TP_SIG_VALID && !out->crypto_valid)
        out->result = TP_SIG_BAD_SIGNATURE;
    return err;
}

static bool is_window_result(tp_sig_result_t r)
{
    return r == TP_SIG_INCEPTION_AFTER_EXPIRATION ||
           r == TP_SIG_NOT_YET_VALID || r == TP_SIG_EXPIRED;
}

static bool is_candidate(const tp_key_t *key, const tp_rrsig_t *sig)
{
    return key != NULL && key->algorithm == sig->algorithm &&
           key->tag == sig->key_tag && tp_name_equal(key->owner, sig->signer);
}

static bool is_pre_revoke(const tp_key_t *key, const tp_rrsig_t *sig)
{
    return key != NULL && tp_dnskey_is_revoked(key->flags) &&
           key->algorithm == sig->algorithm &&
           key->tag_pre_revoke == sig->key_tag &&
           tp_name_equal(key->owner, sig->signer);
}

/* No candidate key: report the pre-revoke match, else no key. */
static void no_candidate(const tp_key_t *const *keys, size_t key_count,
                         tp_sig_check_t *out, size_t *index_out)
{
    out->result = TP_SIG_NO_MATCHING_KEY;
    for (size_t i = 0; i < key_count; i++) {
        if (is_pre_revoke(keys[i], &out->rrsig)) {
            out->result = TP_SIG_MATCHES_PRE_REVOKE;
            *index_out = i;
            return;
        }
    }
}

tp_err_t tp_rrsig_verify_keys(tp_verify_ctx_t *ctx, const tp_sig_input_t *in,
                              const tp_key_t *const *keys, size_t key_count,
                              tp_sig_check_t *out, size_t *index_out)
{
    tp_sig_input_t one;
    tp_sig_check_t first, cur;
    size_t tried = 0, first_index = SIZE_MAX;
    tp_sig_result_t r;

    if (ctx == NULL || index_out == NULL || check_input(in, out) != TP_OK ||
        (keys == NULL && key_count != 0))
        return TP_EINVAL;
    *index_out = SIZE_MAX;
    memset(out, 0, sizeof(*out));
    r = rrsig_checks(in, out);
    if (r == TP_SIG_VALID)
        r = tp_rrsig_check_window(out->rrsig.inception, out->rrsig.expiration,
                                  ctx->now);
    if (r != TP_SIG_MALFORMED_RRSIG)
        ttl_warnings(ctx, in, out);
    if (r != TP_SIG_VALID &&
        !(ctx->verify_outside_window && is_window_result(r))) {
        out->result = r;
        return TP_OK;
    }
    one = *in;
    for (size_t i = 0; i < key_count; i++) {
        if (!is_candidate(keys[i], &out->rrsig))
            continue;
        if (ctx->max_keys_per_sig != 0 && tried >= ctx->max_keys_per_sig)
            return TP_ELIMIT; /* more candidates, none verified yet */
        tried++;
        one.key = keys[i];
        tp_err_t err = tp_rrsig_verify(ctx, &one, &cur);
        if (err != TP_OK)
            return err;
        if (cur.result == TP_SIG_VALID) {
            *out = cur;
            *index_out = i;
            return TP_OK;
        }
        if (first_index == SIZE_MAX) {
            first = cur;
            first_index = i;
        }
    }
    if (first_index == SIZE_MAX) {
        if (r != TP_SIG_VALID)
            out->result = r;
        else
            no_candidate(keys, key_count, out, index_out);
        return TP_OK;
    }
    *out = first;
    *index_out = first_index;
    return TP_OK;
}
