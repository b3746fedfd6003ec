/* The DNSSEC cryptographic core: key tags and flags (RFC 4034 2.1, App. B,
 * RFC 5011), DS digests and DS-to-DNSKEY matching (RFC 4034 5, RFC 4509),
 * the algorithm and digest policy table (RFC 8624 as carried into the IANA
 * registries by RFC 9904, RFC 9905), DNSKEY -> OpenSSL key, the signed data
 * of an RRSIG (RFC 4034 3.1.8.1, 6.2, 6.3, RFC 4035 5.3.2, RFC 6840 5.1) and
 * RRSIG verification (RFC 4035 5.3, RFC 1982 validity window).
 *
 * Pure functions: no I/O, no clock (the reference time is an argument). What
 * is learned about a signature or a DS is a result enum (data); tp_err_t
 * only means the work could not be done (no memory, malformed input that
 * cannot even be looked at, budget exhausted, OpenSSL failure).
 * Denial of existence (NSEC/NSEC3) lives in denial.h. */
#ifndef TRUSTPATH_DNSSEC_H
#define TRUSTPATH_DNSSEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/bytes.h"
#include "trustpath/err.h"
#include "trustpath/wire.h"

/* ---- Numbers ------------------------------------------------------------ */

/* DNS Security Algorithm Numbers (IANA). */
enum tp_dnssec_alg {
    TP_ALG_DELETE = 0, /* CDS/CDNSKEY delete (RFC 8078) */
    TP_ALG_RSAMD5 = 1,
    TP_ALG_DH = 2,
    TP_ALG_DSA = 3,
    TP_ALG_RSASHA1 = 5,
    TP_ALG_DSA_NSEC3_SHA1 = 6,
    TP_ALG_RSASHA1_NSEC3_SHA1 = 7,
    TP_ALG_RSASHA256 = 8,
    TP_ALG_RSASHA512 = 10,
    TP_ALG_ECC_GOST = 12,
    TP_ALG_ECDSAP256SHA256 = 13,
    TP_ALG_ECDSAP384SHA384 = 14,
    TP_ALG_ED25519 = 15,
    TP_ALG_ED448 = 16,
    TP_ALG_SM2SM3 = 17,
    TP_ALG_ECC_GOST12 = 23,
    TP_ALG_INDIRECT = 252,
    TP_ALG_PRIVATEDNS = 253,
    TP_ALG_PRIVATEOID = 254
};

/* DS RR Type Digest Algorithms (IANA). */
enum tp_ds_digest {
    TP_DIGEST_SHA1 = 1,
    TP_DIGEST_SHA256 = 2,
    TP_DIGEST_GOST = 3,
    TP_DIGEST_SHA384 = 4,
    TP_DIGEST_GOST12 = 5,
    TP_DIGEST_SM3 = 6
};

#define TP_DNSKEY_PROTOCOL 3  /* RFC 4034 2.1.2: anything else is invalid */
#define TP_DS_DIGEST_MAX   48 /* SHA-384 */

/* ---- DNSKEY flags and key tags (RFC 4034 2.1.1, App. B; RFC 5011 2.1) -- */

static inline bool tp_dnskey_is_zone_key(uint16_t flags)
{
    return (flags & TP_DNSKEY_FLAG_ZONE) != 0;
}

static inline bool tp_dnskey_is_sep(uint16_t flags)
{
    return (flags & TP_DNSKEY_FLAG_SEP) != 0;
}

static inline bool tp_dnskey_is_revoked(uint16_t flags)
{
    return (flags & TP_DNSKEY_FLAG_REVOKE) != 0;
}

/** Key tag of a DNSKEY RDATA (RFC 4034 App. B), computed over whatever bytes
 * are given (a tag is only a hint). Algorithm 1 uses App. B.1: the 16 bits
 * before the last octet of the modulus; 0 if the key is shorter than 3
 * octets. RDATA shorter than 4 octets gives 0. */
uint16_t tp_dnskey_tag(tp_bytes_t rdata);

/** The tag the key had before its REVOKE bit was set (RFC 5011 2.1: the tag
 * changes with the flags). Equals tp_dnskey_tag for an unrevoked key. */
uint16_t tp_dnskey_tag_pre_revoke(tp_bytes_t rdata);

/* ---- Algorithm and digest policy ---------------------------------------- */

/** Requirement levels of RFC 8624 sections 3.1-3.3 (kept by RFC 9904 in the
 * IANA registries), lowest first so that "< TP_REQ_MAY" reads "discouraged".
 */
typedef enum {
    TP_REQ_NONE = 0, /* the RFCs say nothing (unassigned, reserved) */
    TP_REQ_MUST_NOT,
    TP_REQ_NOT_RECOMMENDED,
    TP_REQ_MAY,
    TP_REQ_RECOMMENDED,
    TP_REQ_MUST
} tp_req_t;

/** One row of the DNSKEY/RRSIG algorithm table. Static storage. */
typedef struct tp_alg_info {
    uint8_t number;
    const char *mnemonic; /* "RSASHA256" (IANA); "ALG<n>" never appears */
    bool supported;       /* trustpath can verify signatures made with it */
    bool is_rsa;          /* key size from the modulus (RFC 3110) */
    tp_req_t sign;        /* RFC 8624 3.1 "DNSSEC signing", after RFC 9905 */
    tp_req_t validate;    /* RFC 8624 3.1 "DNSSEC validation" */
    /* Signing with it is deprecated (MUST NOT or NOT RECOMMENDED), or the
     * algorithm is deprecated outright; rfc says where. */
    bool deprecated;
    const char *rfc;   /* the governing rule, e.g. "RFC 9905 section 2" */
    uint16_t key_len;  /* exact public key octets, 0 = variable (RSA) */
    uint16_t sig_len;  /* exact signature octets, 0 = modulus size (RSA) */
    uint16_t min_bits; /* RSA modulus range allowed by its RFC, else 0 */
    uint16_t max_bits;
} tp_alg_info_t;

/** One row of the DS digest table. Static storage. */
typedef struct tp_digest_info {
    uint8_t number;
    const char *mnemonic; /* "SHA-256" */
    bool supported;       /* trustpath can compute it */
    tp_req_t create;      /* RFC 8624 3.3 "DNSSEC delegation" (creating DS) */
    tp_req_t validate;    /* RFC 8624 3.3 "DNSSEC validation" */
    bool deprecated;      /* creating DS with it is MUST NOT */
    const char *rfc;
    uint16_t len; /* digest octets, 0 if unknown */
} tp_digest_info_t;

/** The row for `alg`, or NULL for a number with no row (unassigned). */
const tp_alg_info_t *tp_alg_info(uint8_t alg);

/** The row for `digest`, or NULL (unassigned). */
const tp_digest_info_t *tp_digest_info(uint8_t digest);

/** Whether RRSIGs of this algorithm can be verified here (5, 7, 8, 10, 13,
 * 14, 15, 16). A zone whose DS RRset has no usable row is insecure, not
 * bogus (RFC 4035 5.2, RFC 6840 5.2). */
bool tp_alg_is_supported(uint8_t alg);
bool tp_digest_is_supported(uint8_t digest);

/** A DS that a validator here could use: algorithm and digest supported. */
bool tp_ds_is_usable(uint8_t alg, uint8_t digest);

/** IANA mnemonic, or "ALG<n>" / "DIGEST<n>" written into buf. */
const char *tp_alg_to_text(uint8_t alg, char buf[16]);
const char *tp_digest_to_text(uint8_t digest, char buf[16]);

/** Key size in bits for display (RSA: significant bits of the modulus; EC:
 * the curve; Ed25519 256, Ed448 456); 0 when it cannot be told (unknown
 * algorithm, malformed key). key is the DNSKEY public key field. */
unsigned tp_dnskey_bits(uint8_t alg, tp_bytes_t key);

/** Does the public key field fit its algorithm? */
typedef enum {
    TP_KEYSIZE_OK = 0,
    TP_KEYSIZE_UNKNOWN_ALG, /* no rule to check against */
    TP_KEYSIZE_MALFORMED,   /* wrong fixed length, bad RFC 3110 encoding */
    TP_KEYSIZE_TOO_SMALL,   /* RSA modulus below the algorithm's minimum */
    TP_KEYSIZE_TOO_LARGE    /* RSA modulus above the maximum */
} tp_keysize_t;

tp_keysize_t tp_dnskey_size_check(uint8_t alg, tp_bytes_t key);

/* ---- DS (RFC 4034 5.1.4, RFC 4509 2) --------------------------------------
 */

/** digest = H(canonical owner | DNSKEY RDATA) for digest type 1, 2 or 4.
 * owner is a validated wire name (lowercased here). out receives len_out
 * octets. TP_EUNSUPPORTED for other digest types, TP_ECRYPTO if OpenSSL
 * fails. */
TP_NODISCARD tp_err_t tp_ds_digest(const uint8_t *owner, tp_bytes_t rdata,
                                   uint8_t digest_type,
                                   uint8_t out[TP_DS_DIGEST_MAX],
                                   size_t *len_out);

/** What a DS says about one DNSKEY. Checked in this order. */
typedef enum {
    TP_DS_MATCH = 0,
    TP_DS_ALGORITHM_MISMATCH,
    TP_DS_KEY_TAG_MISMATCH,    /* tag differs (and not a pre-revoke tag) */
    TP_DS_DIGEST_UNSUPPORTED,  /* digest type not computable here */
    TP_DS_DIGEST_LENGTH,       /* DS digest field has the wrong length */
    TP_DS_DIGEST_MISMATCH,     /* tag and algorithm equal, digest differs */
    TP_DS_MATCHES_REVOKED_KEY, /* digest matches the key with REVOKE
                                  cleared: the key was revoked after the DS
                                  was made (RFC 5011) */
    TP_DS_KEY_NOT_ZONE_KEY,    /* digest matches, ZONE flag clear */
    TP_DS_KEY_BAD_PROTOCOL     /* digest matches, protocol != 3 */
} tp_ds_result_t;

/** Compare one DS with one DNSKEY (owner = the DNSKEY owner = the DS
 * owner). A matching digest over a key without the ZONE flag or with the
 * wrong protocol is reported as such (RFC 4034 5.2 / 2.1.2). Errors only
 * for a DNSKEY RDATA shorter than 4 octets (TP_EMALFORMED) or a crypto
 * failure. */
TP_NODISCARD tp_err_t tp_ds_match(const uint8_t *owner, const tp_ds_t *ds,
                                  tp_bytes_t dnskey_rdata, tp_ds_result_t *out);

const char *tp_ds_result_name(tp_ds_result_t result); /* "DIGEST_MISMATCH" */

/* ---- Parsed keys ----------------------------------------------------------
 */

/** A DNSKEY turned into an OpenSSL key once, then reused for every
 * signature it is tried on. Opaque. Created for any DNSKEY RDATA of at
 * least 4 octets; whether it can verify anything is its status. */
typedef struct tp_key tp_key_t;

typedef enum {
    TP_KEY_OK = 0,
    TP_KEY_UNSUPPORTED_ALGORITHM, /* not in tp_alg_is_supported */
    TP_KEY_MALFORMED              /* the key field does not decode, or
                                     OpenSSL rejects it (EC point not on the
                                     curve, RSA exponent length wrong) */
} tp_key_status_t;

/** Build a key. owner is the DNSKEY owner (the zone apex), copied. On TP_OK
 * *out is a new key (caller frees with tp_key_free), whatever its status.
 * TP_EMALFORMED if rdata is shorter than 4 octets, TP_ENOMEM. */
TP_NODISCARD tp_err_t tp_key_new(const uint8_t *owner, tp_bytes_t rdata,
                                 tp_key_t **out);
void tp_key_free(tp_key_t *key); /* NULL is a no-op */

tp_key_status_t tp_key_status(const tp_key_t *key);
uint16_t tp_key_flags(const tp_key_t *key);
uint8_t tp_key_protocol(const tp_key_t *key);
uint8_t tp_key_algorithm(const tp_key_t *key);
uint16_t tp_key_tag(const tp_key_t *key);
uint16_t tp_key_tag_pre_revoke(const tp_key_t *key);
unsigned tp_key_bits(const tp_key_t *key);
/** Expected signature octets for this key (RSA: modulus octets), 0 if the
 * key is not usable. */
size_t tp_key_sig_len(const tp_key_t *key);
/** Borrowed: the lowercased owner name and the DNSKEY RDATA (a copy the key
 * owns). */
const uint8_t *tp_key_owner(const tp_key_t *key);
tp_bytes_t tp_key_rdata(const tp_key_t *key);

/** A cache of parsed keys keyed by (owner, RDATA): the EVP_PKEY of a DNSKEY
 * is built once per analysis run however many RRSIGs it is tried on. */
typedef struct tp_keycache tp_keycache_t;

/** max_keys bounds the cache (0 picks 4096); NULL on OOM. */
tp_keycache_t *tp_keycache_new(size_t max_keys);
void tp_keycache_free(tp_keycache_t *cache); /* frees every key it made */
/** The cached key for (owner, rdata), built on first use. Borrowed: valid
 * until tp_keycache_free. TP_ELIMIT when the cache is full. */
TP_NODISCARD tp_err_t tp_keycache_get(tp_keycache_t *cache,
                                      const uint8_t *owner, tp_bytes_t rdata,
                                      const tp_key_t **out);
size_t tp_keycache_count(const tp_keycache_t *cache);

/* ---- Signed data (RFC 4034 3.1.8.1, 6.2, 6.3; RFC 4035 5.3.2) ------------ */

/** Append to out the octets an RRSIG signs: its RDATA up to the signer
 * name, the signer lowercased, then every RR of the set in canonical form:
 * owner lowercased (rebuilt as "*." + the rightmost sig->labels labels when
 * sig->labels is smaller than the owner's label count), type, class, the
 * RRSIG's original TTL, RDLENGTH, canonical RDATA (tp_rdata_canonical),
 * sorted as octet strings with duplicates dropped. rrs[0] gives owner, type
 * and class; the others must agree (TP_EINVAL otherwise). TP_EMALFORMED if
 * sig->labels exceeds the owner's labels. dup_out (may be NULL) receives the
 * number of duplicate RRs dropped. Scratch memory is heap, freed here. */
TP_NODISCARD tp_err_t tp_rrsig_signed_data(const tp_rrsig_t *sig,
                                           const tp_rr_t *rrs, size_t count,
                                           tp_buf_t *out, size_t *dup_out);

/* ---- RRSIG verification (RFC 4035 5.3) ---------------------------------- */

/** Why an RRSIG does or does not validate an RRset with a key. Never a bare
 * bool: every reason is reportable. Checks run in enum order after
 * MALFORMED_RRSIG; the first failing one is the result. */
typedef enum {
    TP_SIG_VALID = 0,
    TP_SIG_MALFORMED_RRSIG,       /* RRSIG RDATA does not parse */
    TP_SIG_TYPE_MISMATCH,         /* type covered != RRset type */
    TP_SIG_OWNER_MISMATCH,        /* RRSIG owner/class != RRset owner/class */
    TP_SIG_SIGNER_NOT_ZONE,       /* signer name != the zone (4035 5.3.1) */
    TP_SIG_OWNER_NOT_IN_ZONE,     /* RRset owner not at or below the signer */
    TP_SIG_LABELS_EXCEED_OWNER,   /* Labels > owner labels (4034 3.1.3) */
    TP_SIG_KEY_OWNER_MISMATCH,    /* DNSKEY owner != signer name */
    TP_SIG_ALGORITHM_MISMATCH,    /* RRSIG algorithm != DNSKEY algorithm */
    TP_SIG_KEY_TAG_MISMATCH,      /* RRSIG key tag != DNSKEY tag */
    TP_SIG_KEY_BAD_PROTOCOL,      /* DNSKEY protocol != 3 (4034 2.1.2) */
    TP_SIG_KEY_NOT_ZONE_KEY,      /* ZONE flag clear (4034 2.1.1) */
    TP_SIG_KEY_REVOKED,           /* REVOKE flag set (RFC 5011 2.1); only
                                     the DNSKEY RRset may be self-signed by a
                                     revoked key and even that validates
                                     nothing */
    TP_SIG_UNSUPPORTED_ALGORITHM, /* not verifiable here: insecure, not
                                     bogus (4035 5.2) */
    TP_SIG_MALFORMED_KEY,         /* key field does not decode */
    TP_SIG_MALFORMED_SIGNATURE,   /* signature length wrong for the key */
    TP_SIG_INCEPTION_AFTER_EXPIRATION, /* window empty (RFC 1982 order) */
    TP_SIG_NOT_YET_VALID,              /* now before inception */
    TP_SIG_EXPIRED,                    /* now after expiration */
    TP_SIG_BAD_SIGNATURE,              /* the cryptography says no */
    /* Only from tp_rrsig_verify_keys: */
    TP_SIG_NO_MATCHING_KEY,    /* no key with the signer, algorithm, tag */
    TP_SIG_MATCHES_PRE_REVOKE, /* only a revoked key's pre-revoke tag
                                  matches (DNSViz: MATCH_PRE_REVOKE) */
    TP_SIG_RESULT_COUNT
} tp_sig_result_t;

/** "BAD_SIGNATURE" etc. (the enum name without TP_SIG_), static. */
const char *tp_sig_result_name(tp_sig_result_t result);
/** One sentence for humans, static. */
const char *tp_sig_result_str(tp_sig_result_t result);

/** Reusable state for many verifications: reference time, budget, scratch
 * buffers (no allocation per signature after warm-up). Caller's storage;
 * tp_verify_ctx_init then adjust the public fields; tp_verify_ctx_clear. */
typedef struct tp_verify_ctx {
    int64_t now; /* reference time, Unix seconds; compared mod 2^32 */
    /* Budget: cryptographic verifications this context may still do; 0
     * means unlimited. When a check would exceed it, TP_ELIMIT. */
    uint64_t max_crypto;
    uint64_t crypto_done;      /* counter, read it for reports */
    unsigned max_keys_per_sig; /* tp_rrsig_verify_keys: candidate keys
                                  tried per RRSIG (key tag collisions);
                                  default 8 */
    /* Run the cryptography even when the only failures are the window or
     * a revoked key, so a report can say "expired, otherwise valid" or
     * "revoked key, self-signature valid". Default false. */
    bool verify_outside_window;
    size_t max_signed_data; /* cap on one signed-data buffer, bytes */
    tp_buf_t scratch;       /* private */
    void *priv;             /* private */
} tp_verify_ctx_t;

void tp_verify_ctx_init(tp_verify_ctx_t *ctx, int64_t now);
void tp_verify_ctx_clear(tp_verify_ctx_t *ctx);

/** One verification: an RRSIG record, the RRset it claims to cover (same
 * owner, type and class; the RRs as received, any case, any order,
 * duplicates allowed), the key, and the zone the RRset was found in. */
typedef struct tp_sig_input {
    const tp_rr_t *rrsig; /* type RRSIG; its owner/class/TTL are checked */
    const tp_rr_t *rrs;
    size_t rr_count;     /* >= 1 */
    const tp_key_t *key; /* tp_rrsig_verify: required; _keys: ignored */
    const uint8_t *zone; /* apex of the zone holding the RRset, or NULL to
                            skip SIGNER_NOT_ZONE / OWNER_NOT_IN_ZONE */
} tp_sig_input_t;

typedef struct tp_sig_check {
    tp_sig_result_t result;
    tp_rrsig_t rrsig;    /* parsed view (borrows the RRSIG RDATA) */
    bool crypto_checked; /* the cryptography ran */
    bool crypto_valid;   /* ... and said yes (also when result is a
                            window failure and verify_outside_window) */
    bool is_wildcard;    /* Labels < owner labels: the RRset was expanded
                            from a wildcard (4035 5.3.4 needs a denial) */
    /* Warnings, independent of result (RFC 4035 5.3.3, 2.2): */
    bool rr_ttl_exceeds_original;    /* some RR TTL > Original TTL */
    bool rrsig_ttl_exceeds_original; /* the RRSIG's own TTL > Original TTL */
    bool ttl_beyond_expiration;      /* now + min TTL passes expiration */
    size_t duplicates_dropped;       /* identical RRs in the set */
} tp_sig_check_t;

/** Check one RRSIG against one key and RRset: every rule before the
 * cryptography, the window against ctx->now, then EVP_DigestVerify. out is
 * always filled on TP_OK. Errors: TP_EINVAL (NULL, rr_count 0, an RR whose
 * owner/type/class differs from rrs[0]), TP_ENOMEM, TP_ENOSPACE (signed data
 * over ctx->max_signed_data), TP_ELIMIT (budget), TP_ECRYPTO. */
TP_NODISCARD tp_err_t tp_rrsig_verify(tp_verify_ctx_t *ctx,
                                      const tp_sig_input_t *in,
                                      tp_sig_check_t *out);

/** Try every key of keys[] whose owner, algorithm and tag fit the RRSIG (key
 * tags collide: RFC 4035 5.3.1), at most ctx->max_keys_per_sig of them.
 * Result: VALID with *index_out the key that verified, else the result of
 * the first candidate (index_out set to it), NO_MATCHING_KEY or
 * MATCHES_PRE_REVOKE (index_out SIZE_MAX / the revoked key). The pre-crypto
 * RRSIG checks (type, owner, signer, labels, window) are reported even when
 * no key matches. */
TP_NODISCARD tp_err_t tp_rrsig_verify_keys(
    tp_verify_ctx_t *ctx, const tp_sig_input_t *in, const tp_key_t *const *keys,
    size_t key_count, tp_sig_check_t *out, size_t *index_out);

/** The RFC 4034 3.1.5 window on its own: VALID, NOT_YET_VALID, EXPIRED or
 * INCEPTION_AFTER_EXPIRATION. Times compare in RFC 1982 serial arithmetic
 * (32 bits) with now reduced mod 2^32, so 2106 wraps correctly. */
tp_sig_result_t tp_rrsig_check_window(uint32_t inception, uint32_t expiration,
                                      int64_t now);

/** RFC 1982 comparison of 32-bit serials: <0, 0, >0. Undefined pairs
 * (distance exactly 2^31) compare as a > b. */
int tp_serial_compare(uint32_t a, uint32_t b);

/** Verify raw signature octets (DNS format: ECDSA r|s, RSA PKCS#1 v1.5,
 * EdDSA) over data with key. *valid_out says what the cryptography found.
 * For benchmarks and tests; tp_rrsig_verify is the real entry point. */
TP_NODISCARD tp_err_t tp_key_verify(const tp_key_t *key, tp_bytes_t data,
                                    tp_bytes_t sig, bool *valid_out);

#endif /* TRUSTPATH_DNSSEC_H */
