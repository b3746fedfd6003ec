/* Internal declarations shared by the files of analyzer/dnssec. */
#ifndef TRUSTPATH_DNSSEC_INT_H
#define TRUSTPATH_DNSSEC_INT_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "trustpath/dnssec.h"

/* A parsed DNSKEY (key.c). */
struct tp_key {
    uint8_t owner[TP_NAME_MAX]; /* lowercased */
    uint8_t *rdata;             /* heap copy of the DNSKEY RDATA */
    size_t rdata_len;
    uint16_t flags;
    uint8_t protocol;
    uint8_t algorithm;
    uint16_t tag;
    uint16_t tag_pre_revoke;
    unsigned bits;
    size_t sig_len; /* expected signature octets */
    tp_key_status_t status;
    EVP_PKEY *pkey; /* NULL unless status is TP_KEY_OK */
    EVP_MD *md;     /* fetched once; NULL for EdDSA */
    /* RSA and ECDSA: a verify context initialised once with pkey and md;
     * each verification copies it instead of initialising again (fetching
     * the signature implementation dominates small-data verifies). NULL for
     * EdDSA, whose contexts are one-shot. */
    EVP_MD_CTX *tmpl;
    bool ecdsa; /* signature r|s must become DER */
};

/* Per-context scratch (verify.c). */
typedef struct tp_verify_priv {
    EVP_MD_CTX *mdctx;
    struct tp_span *spans; /* canonical RDATA offsets (signed_data.c) */
    size_t spans_cap;
    tp_buf_t canon; /* canonical RDATA of the set, back to back */
} tp_verify_priv_t;

/* One canonical RDATA inside a scratch buffer. */
typedef struct tp_span {
    size_t off;
    size_t len;
    const uint8_t *data; /* set once the buffer stops growing */
} tp_span_t;

/** Signed data built with caller-supplied scratch (signed_data.c). */
TP_NODISCARD tp_err_t tp_signed_data_build(const tp_rrsig_t *sig,
                                           const tp_rr_t *rrs, size_t count,
                                           tp_verify_priv_t *scratch,
                                           tp_buf_t *out, size_t *dup_out);

/** Release the scratch of tp_signed_data_build. */
void tp_verify_priv_clear(tp_verify_priv_t *priv);

/** Verify with an optional reusable EVP_MD_CTX (verify.c). */
TP_NODISCARD tp_err_t tp_key_verify_with(const tp_key_t *key, EVP_MD_CTX *mdctx,
                                         tp_bytes_t data, tp_bytes_t sig,
                                         bool *valid_out);

/** RFC 3110 section 2: split an RSA public key field into exponent and
 * modulus (borrowed); false when either is missing (algorithm.c). */
bool tp_alg_rsa_split(tp_bytes_t key, tp_bytes_t *e_out, tp_bytes_t *n_out);

/** Significant bits of an RSA modulus; 0 when the field does not decode. */
unsigned tp_alg_rsa_modulus_bits(tp_bytes_t key);

#endif /* TRUSTPATH_DNSSEC_INT_H */
