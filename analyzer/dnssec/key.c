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

/* How each supported algorithm's key is built and which digest it signs
 * (RFC 3110 / 5702: RSA; RFC 6605: ECDSA; RFC 8080: EdDSA, no digest). */
typedef enum {
    KIND_RSA,
    KIND_EC,
    KIND_RAW
} key_kind_t;

static const struct {
    uint8_t alg;
    key_kind_t kind;
    const char *md;    /* NULL: EdDSA hashes internally */
    const char *group; /* EC group name */
    int raw_type;      /* EVP_PKEY_ED25519 / EVP_PKEY_ED448 */
} key_rows[] = {
    {TP_ALG_RSASHA1, KIND_RSA, "SHA1", NULL, 0},
    {TP_ALG_RSASHA1_NSEC3_SHA1, KIND_RSA, "SHA1", NULL, 0},
    {TP_ALG_RSASHA256, KIND_RSA, "SHA256", NULL, 0},
    {TP_ALG_RSASHA512, KIND_RSA, "SHA512", NULL, 0},
    {TP_ALG_ECDSAP256SHA256, KIND_EC, "SHA256", "prime256v1", 0},
    {TP_ALG_ECDSAP384SHA384, KIND_EC, "SHA384", "secp384r1", 0},
    {TP_ALG_ED25519, KIND_RAW, NULL, NULL, EVP_PKEY_ED25519},
    {TP_ALG_ED448, KIND_RAW, NULL, NULL, EVP_PKEY_ED448},
};

/* The digest and, for RSA/ECDSA, a verify context initialised once that
 * each verification copies. A failure here means OpenSSL refuses the key:
 * it stays unusable (MALFORMED), which is a finding, not an error. */
static bool prepare_verify(tp_key_t *key, const char *md_name)
{
    if (md_name == NULL)
        return true;
    key->md = EVP_MD_fetch(NULL, md_name, NULL);
    key->tmpl = EVP_MD_CTX_new();
    return key->md != NULL && key->tmpl != NULL &&
           EVP_DigestVerifyInit(key->tmpl, NULL, key->md, NULL, key->pkey) == 1;
}

/* Fill key->pkey, md, tmpl, ecdsa, sig_len from the public key field; the
 * status says whether the key can verify anything. */
static void build_pkey(tp_key_t *key, tp_bytes_t pub)
{
    const tp_alg_info_t *info = tp_alg_info(key->algorithm);
    size_t row = 0, rows = sizeof(key_rows) / sizeof(key_rows[0]);

    while (row < rows && key_rows[row].alg != key->algorithm)
        row++;
    if (info == NULL || !info->supported || row == rows) {
        key->status = TP_KEY_UNSUPPORTED_ALGORITHM;
        return;
    }
    key->status = TP_KEY_MALFORMED;
    if (info->key_len != 0 && pub.len != info->key_len)
        return;
    switch (key_rows[row].kind) {
    case KIND_RSA:
        key->pkey = rsa_pkey(pub);
        break;
    case KIND_EC:
        key->ecdsa = true;
        key->pkey = ec_pkey(pub, key_rows[row].group);
        break;
    case KIND_RAW:
        key->pkey = EVP_PKEY_new_raw_public_key(key_rows[row].raw_type, NULL,
                                                pub.data, pub.len);
        break;
    }
    if (key->pkey != NULL && prepare_verify(key, key_rows[row].md)) {
        key->sig_len = info->sig_len != 0
                           ? info->sig_len
                           : (size_t)EVP_PKEY_get_size(key->pkey);
        key->status = TP_KEY_OK;
    }
    ERR_clear_error(); /* a rejected key leaves entries behind */
}

tp_err_t tp_key_new(const uint8_t *owner, tp_bytes_t rdata, tp_key_t **out)
{
    tp_key_t *key;

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
    build_pkey(key, tp_bytes(key->rdata + 4, rdata.len - 4));
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
