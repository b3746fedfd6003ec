/* The cryptographic check of one signature: EVP_DigestVerify, one-shot for
 * every algorithm (EdDSA has no streaming mode, RFC 8080 section 4), with
 * the DNS ECDSA signature r|s turned into the DER OpenSSL expects (RFC 6605
 * section 4). A "no" from the cryptography is a result, not an error. */
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>

#include "dnssec_int.h"

#define DER_MAX (2 + 2 * (2 + 1 + 48)) /* SEQUENCE of two INTEGERs, P-384 */

/* One DER INTEGER (X.690 8.3) from an unsigned big-endian value. */
static size_t der_integer(const uint8_t *v, size_t len, uint8_t *out)
{
    size_t i = 0, n = 0;

    while (i + 1 < len && v[i] == 0)
        i++; /* minimal encoding: no leading zero octets */
    out[n++] = 0x02;
    out[n++] = (uint8_t)(len - i + ((v[i] & 0x80) != 0));
    if ((v[i] & 0x80) != 0)
        out[n++] = 0x00; /* keep it positive */
    memcpy(out + n, v + i, len - i);
    return n + len - i;
}

/* r|s (two halves of 32 or 48 octets) -> DER ECDSA-Sig-Value. Lengths stay
 * below 128, so every length is one octet. */
static size_t ecdsa_to_der(tp_bytes_t sig, uint8_t out[DER_MAX])
{
    size_t half = sig.len / 2;
    size_t n = 2;

    n += der_integer(sig.data, half, out + n);
    n += der_integer(sig.data + half, half, out + n);
    out[0] = 0x30;
    out[1] = (uint8_t)(n - 2);
    return n;
}

tp_err_t tp_key_verify_with(const tp_key_t *key, EVP_MD_CTX *mdctx,
                            tp_bytes_t data, tp_bytes_t sig, bool *valid_out)
{
    uint8_t der[DER_MAX];
    const uint8_t *sig_data = sig.data;
    size_t sig_len = sig.len;
    int rc;

    *valid_out = false;
    if (key->status != TP_KEY_OK)
        return TP_EINVAL;
    if (sig.len != key->sig_len || sig.len == 0)
        return TP_OK; /* wrong length: cannot be this key's signature */
    if (key->ecdsa) {
        sig_len = ecdsa_to_der(sig, der);
        sig_data = der;
    }
    if (key->tmpl != NULL ? EVP_MD_CTX_copy_ex(mdctx, key->tmpl) != 1
                          : (EVP_MD_CTX_reset(mdctx) != 1 ||
                             EVP_DigestVerifyInit(mdctx, NULL, key->md, NULL,
                                                  key->pkey) != 1)) {
        ERR_clear_error();
        return TP_ECRYPTO;
    }
    /* 1 = valid, 0 = invalid; a negative value here comes from signature
     * content OpenSSL cannot decode, which is also a "no". */
    rc = EVP_DigestVerify(mdctx, sig_data, sig_len, data.data, data.len);
    *valid_out = rc == 1;
    ERR_clear_error(); /* a failed verify leaves entries on the queue */
    return TP_OK;
}

tp_err_t tp_key_verify(const tp_key_t *key, tp_bytes_t data, tp_bytes_t sig,
                       bool *valid_out)
{
    EVP_MD_CTX *mdctx;
    tp_err_t err;

    if (key == NULL || valid_out == NULL || (data.data == NULL && data.len) ||
        sig.data == NULL)
        return TP_EINVAL;
    mdctx = EVP_MD_CTX_new();
    if (mdctx == NULL)
        return TP_ENOMEM;
    err = tp_key_verify_with(key, mdctx, data, sig, valid_out);
    EVP_MD_CTX_free(mdctx);
    return err;
}
