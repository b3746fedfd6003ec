/* DS digests and DS-to-DNSKEY matching: RFC 4034 section 5.1.4 (digest =
 * H(canonical owner | DNSKEY RDATA)), RFC 4509 section 2 (SHA-256), RFC 6605
 * section 2 (SHA-384), RFC 5011 section 2.1 (a revoked key's old DS). */
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>

#include "dnssec_int.h"

static const EVP_MD *digest_md(uint8_t digest_type)
{
    switch (digest_type) {
    case TP_DIGEST_SHA1:
        return EVP_sha1();
    case TP_DIGEST_SHA256:
        return EVP_sha256();
    case TP_DIGEST_SHA384:
        return EVP_sha384();
    default:
        return NULL;
    }
}

/* H(owner | rdata) with the flags field optionally replaced. */
static tp_err_t digest_with_flags(const uint8_t *owner, tp_bytes_t rdata,
                                  uint8_t digest_type, const uint8_t *flags,
                                  uint8_t out[TP_DS_DIGEST_MAX],
                                  size_t *len_out)
{
    const EVP_MD *md = digest_md(digest_type);
    uint8_t lower[TP_NAME_MAX];
    size_t owner_len;
    unsigned int n = 0;
    EVP_MD_CTX *ctx;
    tp_err_t err = TP_ECRYPTO;

    if (md == NULL)
        return TP_EUNSUPPORTED;
    owner_len = tp_name_copy_lower(owner, lower);
    ctx = EVP_MD_CTX_new();
    if (ctx == NULL)
        return TP_ENOMEM;
    if (EVP_DigestInit_ex(ctx, md, NULL) != 1 ||
        EVP_DigestUpdate(ctx, lower, owner_len) != 1)
        goto out;
    if (flags != NULL) {
        if (EVP_DigestUpdate(ctx, flags, 2) != 1 ||
            EVP_DigestUpdate(ctx, rdata.data + 2, rdata.len - 2) != 1)
            goto out;
    } else if (EVP_DigestUpdate(ctx, rdata.data, rdata.len) != 1) {
        goto out;
    }
    if (EVP_DigestFinal_ex(ctx, out, &n) != 1 || n > TP_DS_DIGEST_MAX)
        goto out;
    *len_out = n;
    err = TP_OK;
out:
    if (err != TP_OK)
        ERR_clear_error();
    EVP_MD_CTX_free(ctx);
    return err;
}

tp_err_t tp_ds_digest(const uint8_t *owner, tp_bytes_t rdata,
                      uint8_t digest_type, uint8_t out[TP_DS_DIGEST_MAX],
                      size_t *len_out)
{
    if (owner == NULL || out == NULL || len_out == NULL ||
        (rdata.data == NULL && rdata.len != 0))
        return TP_EINVAL;
    if (rdata.len < 4)
        return TP_EMALFORMED;
    return digest_with_flags(owner, rdata, digest_type, NULL, out, len_out);
}

/* The DS was made before the key's REVOKE bit was set (RFC 5011 2.1)? */
static tp_err_t match_pre_revoke(const uint8_t *owner, const tp_ds_t *ds,
                                 tp_bytes_t rdata, bool *match_out)
{
    uint8_t flags[2] = {rdata.data[0],
                        (uint8_t)(rdata.data[1] & ~TP_DNSKEY_FLAG_REVOKE)};
    uint8_t digest[TP_DS_DIGEST_MAX];
    size_t len = 0;
    tp_err_t err;

    *match_out = false;
    err = digest_with_flags(owner, rdata, ds->digest_type, flags, digest, &len);
    if (err != TP_OK)
        return err;
    *match_out =
        len == ds->digest.len && memcmp(digest, ds->digest.data, len) == 0;
    return TP_OK;
}

static tp_ds_result_t key_checks(tp_bytes_t rdata)
{
    if (rdata.data[2] != TP_DNSKEY_PROTOCOL)
        return TP_DS_KEY_BAD_PROTOCOL;
    if (!tp_dnskey_is_zone_key((uint16_t)(rdata.data[0] << 8 | rdata.data[1])))
        return TP_DS_KEY_NOT_ZONE_KEY;
    return TP_DS_MATCH;
}

tp_err_t tp_ds_match(const uint8_t *owner, const tp_ds_t *ds,
                     tp_bytes_t dnskey_rdata, tp_ds_result_t *out)
{
    const tp_digest_info_t *info;
    uint8_t digest[TP_DS_DIGEST_MAX];
    size_t len = 0;
    bool revoked_match = false;
    tp_err_t err;

    if (owner == NULL || ds == NULL || out == NULL || dnskey_rdata.data == NULL)
        return TP_EINVAL;
    if (dnskey_rdata.len < 4)
        return TP_EMALFORMED;
    info = tp_digest_info(ds->digest_type);
    if (ds->algorithm != dnskey_rdata.data[3]) {
        *out = TP_DS_ALGORITHM_MISMATCH;
        return TP_OK;
    }
    if (info == NULL || !info->supported) {
        *out = ds->key_tag == tp_dnskey_tag(dnskey_rdata) ||
                       ds->key_tag == tp_dnskey_tag_pre_revoke(dnskey_rdata)
                   ? TP_DS_DIGEST_UNSUPPORTED
                   : TP_DS_KEY_TAG_MISMATCH;
        return TP_OK;
    }
    if (ds->key_tag != tp_dnskey_tag(dnskey_rdata)) {
        *out = TP_DS_KEY_TAG_MISMATCH;
        if (!tp_dnskey_is_revoked(
                (uint16_t)(dnskey_rdata.data[0] << 8 | dnskey_rdata.data[1])) ||
            ds->key_tag != tp_dnskey_tag_pre_revoke(dnskey_rdata))
            return TP_OK;
        err = match_pre_revoke(owner, ds, dnskey_rdata, &revoked_match);
        if (err == TP_OK && revoked_match)
            *out = TP_DS_MATCHES_REVOKED_KEY;
        return err;
    }
    if (ds->digest.len != info->len) {
        *out = TP_DS_DIGEST_LENGTH;
        return TP_OK;
    }
    err = tp_ds_digest(owner, dnskey_rdata, ds->digest_type, digest, &len);
    if (err != TP_OK)
        return err;
    if (len != ds->digest.len || memcmp(digest, ds->digest.data, len) != 0) {
        *out = TP_DS_DIGEST_MISMATCH;
        return TP_OK;
    }
    *out = key_checks(dnskey_rdata);
    return TP_OK;
}

const char *tp_ds_result_name(tp_ds_result_t result)
{
    static const char *const names[] = {
        "MATCH",
        "ALGORITHM_MISMATCH",
        "KEY_TAG_MISMATCH",
        "DIGEST_UNSUPPORTED",
        "DIGEST_LENGTH",
        "DIGEST_MISMATCH",
        "MATCHES_REVOKED_KEY",
        "KEY_NOT_ZONE_KEY",
        "KEY_BAD_PROTOCOL",
    };

    if ((size_t)result >= sizeof(names) / sizeof(names[0]))
        return "UNKNOWN";
    return names[result];
}
