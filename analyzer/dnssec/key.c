/* DNSKEY RDATA -> OpenSSL public key, built once (RFC 4034 2.1, RFC 3110
 * section 2 for RSA, RFC 6605 section 4 for ECDSA, RFC 8080 section 3 for
 * EdDSA). Only non-deprecated OpenSSL 3 calls: OSSL_PARAM_BLD +
 * EVP_PKEY_fromdata, EVP_PKEY_new_raw_public_key. */
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "dnssec_int.h"

/* Build a key of `type` ("RSA", "EC") from params; NULL if rejected. */
static EVP_PKEY *pkey_fromdata(const char *type, OSSL_PARAM_BLD *bld)
{
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *pctx = NULL;
    EVP_PKEY *pkey = NULL;

    if (params == NULL)
        return NULL;
    pctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
    if (pctx == NULL || EVP_PKEY_fromdata_init(pctx) != 1 ||
        EVP_PKEY_fromdata(pctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1)
        pkey = NULL;
    EVP_PKEY_CTX_free(pctx);
    OSSL_PARAM_free(params);
    return pkey;
}

static EVP_PKEY *rsa_pkey(tp_bytes_t key)
{
    tp_bytes_t e, n;
    BIGNUM *bn_e = NULL, *bn_n = NULL;
    OSSL_PARAM_BLD *bld = NULL;
    EVP_PKEY *pkey = NULL;

    if (!tp_alg_rsa_split(key, &e, &n) || e.len > 0x7fffffff ||
        n.len > 0x7fffffff)
        return NULL;
    bn_e = BN_bin2bn(e.data, (int)e.len, NULL);
    bn_n = BN_bin2bn(n.data, (int)n.len, NULL);
    bld = OSSL_PARAM_BLD_new();
    if (bn_e == NULL || bn_n == NULL || bld == NULL || BN_is_zero(bn_n))
        goto out;
    if (OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e) != 1)
        goto out;
    pkey = pkey_fromdata("RSA", bld);
out:
    OSSL_PARAM_BLD_free(bld);
    BN_free(bn_e);
    BN_free(bn_n);
    return pkey;
}

/* RFC 6605 section 4: the key field is X | Y; OpenSSL wants 0x04 | X | Y. */
static EVP_PKEY *ec_pkey(tp_bytes_t key, const char *group)
{
    uint8_t point[1 + 96];
    OSSL_PARAM_BLD *bld;
    EVP_PKEY *pkey = NULL;

    if (key.len > 96)
        return NULL;
    point[0] = 0x04; /* uncompressed point */
    memcpy(point + 1, key.data, key.len);
    bld = OSSL_PARAM_BLD_new();
    if (bld == NULL)
        return NULL;
    if (OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group,
                                        0) == 1 &&
        OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point,
                                         key.len + 1) == 1)
        pkey = pkey_fromdata("EC", bld);
    OSSL_PARAM_BLD_free(bld);
    return pkey;
}

/* Fill key->pkey, md, ecdsa, sig_len from the public key field. Leaves
 * status MALFORMED when the field does not decode. */
static tp_err_t build_pkey(tp_key_t *key, tp_bytes_t pub)
{
    const tp_alg_info_t *info = tp_alg_info(key->algorithm);
    const char *md_name = NULL;

    if (info == NULL || !info->supported) {
        key->status = TP_KEY_UNSUPPORTED_ALGORITHM;
        return TP_OK;
    }
    key->status = TP_KEY_MALFORMED;
    if (info->key_len != 0 && pub.len != info->key_len)
        return TP_OK;
    switch (key->algorithm) {
    case TP_ALG_RSASHA1:
    case TP_ALG_RSASHA1_NSEC3_SHA1:
        md_name = "SHA1";
        key->pkey = rsa_pkey(pub);
        break;
    case TP_ALG_RSASHA256:
        md_name = "SHA256";
        key->pkey = rsa_pkey(pub);
        break;
    case TP_ALG_RSASHA512:
        md_name = "SHA512";
        key->pkey = rsa_pkey(pub);
        break;
    case TP_ALG_ECDSAP256SHA256:
        md_name = "SHA256";
        key->ecdsa = true;
        key->pkey = ec_pkey(pub, "prime256v1");
        break;
    case TP_ALG_ECDSAP384SHA384:
        md_name = "SHA384";
        key->ecdsa = true;
        key->pkey = ec_pkey(pub, "secp384r1");
        break;
    case TP_ALG_ED25519:
        key->pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL,
                                                pub.data, pub.len);
        break;
    case TP_ALG_ED448:
        key->pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED448, NULL, pub.data,
                                                pub.len);
        break;
    default:
        break;
    }
    ERR_clear_error(); /* a rejected key leaves entries behind */
    if (key->pkey == NULL)
        return TP_OK;
    if (md_name != NULL) {
        key->md = EVP_MD_fetch(NULL, md_name, NULL);
        if (key->md == NULL) {
            ERR_clear_error();
            return TP_ECRYPTO;
        }
    }
    if (md_name != NULL) {
        key->tmpl = EVP_MD_CTX_new();
        if (key->tmpl == NULL)
            return TP_ENOMEM;
        if (EVP_DigestVerifyInit(key->tmpl, NULL, key->md, NULL, key->pkey) !=
            1) {
            ERR_clear_error();
            return TP_ECRYPTO;
        }
    }
    key->sig_len = info->sig_len != 0 ? info->sig_len
                                      : (size_t)EVP_PKEY_get_size(key->pkey);
    key->status = TP_KEY_OK;
    return TP_OK;
}

tp_err_t tp_key_new(const uint8_t *owner, tp_bytes_t rdata, tp_key_t **out)
{
    tp_key_t *key;
    tp_err_t err;

    if (owner == NULL || out == NULL || rdata.data == NULL)
        return TP_EINVAL;
    if (rdata.len < 4)
        return TP_EMALFORMED;
    key = calloc(1, sizeof(*key));
    if (key == NULL)
        return TP_ENOMEM;
    key->rdata = malloc(rdata.len);
    if (key->rdata == NULL) {
        free(key);
        return TP_ENOMEM;
    }
    memcpy(key->rdata, rdata.data, rdata.len);
    key->rdata_len = rdata.len;
    (void)tp_name_copy_lower(owner, key->owner);
    key->flags = (uint16_t)(rdata.data[0] << 8 | rdata.data[1]);
    key->protocol = rdata.data[2];
    key->algorithm = rdata.data[3];
    key->tag = tp_dnskey_tag(rdata);
    key->tag_pre_revoke = tp_dnskey_tag_pre_revoke(rdata);
    key->bits =
        tp_dnskey_bits(key->algorithm, tp_bytes(rdata.data + 4, rdata.len - 4));
    err = build_pkey(key, tp_bytes(key->rdata + 4, rdata.len - 4));
    if (err != TP_OK) {
        tp_key_free(key);
        return err;
    }
    *out = key;
    return TP_OK;
}

void tp_key_free(tp_key_t *key)
{
    if (key == NULL)
        return;
    EVP_MD_CTX_free(key->tmpl);
    EVP_PKEY_free(key->pkey);
    EVP_MD_free(key->md);
    free(key->rdata);
    free(key);
}

tp_key_status_t tp_key_status(const tp_key_t *key)
{
    return key->status;
}

uint16_t tp_key_flags(const tp_key_t *key)
{
    return key->flags;
}

uint8_t tp_key_protocol(const tp_key_t *key)
{
    return key->protocol;
}

uint8_t tp_key_algorithm(const tp_key_t *key)
{
    return key->algorithm;
}

uint16_t tp_key_tag(const tp_key_t *key)
{
    return key->tag;
}

uint16_t tp_key_tag_pre_revoke(const tp_key_t *key)
{
    return key->tag_pre_revoke;
}

unsigned tp_key_bits(const tp_key_t *key)
{
    return key->bits;
}

size_t tp_key_sig_len(const tp_key_t *key)
{
    return key->status == TP_KEY_OK ? key->sig_len : 0;
}

const uint8_t *tp_key_owner(const tp_key_t *key)
{
    return key->owner;
}

tp_bytes_t tp_key_rdata(const tp_key_t *key)
{
    return tp_bytes(key->rdata, key->rdata_len);
}
