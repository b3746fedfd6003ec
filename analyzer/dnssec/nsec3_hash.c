/* NSEC3 hashing and hash order: RFC 5155 section 5 (the iterated hash IH),
 * section 3.3 (base32hex owner labels), section 3.1.7 (the hash order and
 * the wrap-around of the last record), RFC 9276 (iteration and salt
 * advice). SHA-1 through OpenSSL 3's EVP interface only. */
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>

#include "trustpath/denial.h"

/* One SHA-1 pass over a || b into out (20 octets). */
static tp_err_t digest2(EVP_MD_CTX *ctx, const EVP_MD *md, const uint8_t *a,
                        size_t a_len, tp_bytes_t b,
                        uint8_t out[TP_NSEC3_HASH_MAX])
{
    unsigned int n = 0;

    if (EVP_DigestInit_ex2(ctx, md, NULL) != 1 ||
        EVP_DigestUpdate(ctx, a, a_len) != 1 ||
        (b.len > 0 && EVP_DigestUpdate(ctx, b.data, b.len) != 1) ||
        EVP_DigestFinal_ex(ctx, out, &n) != 1 || n != TP_NSEC3_SHA1_LEN)
        return TP_ECRYPTO;
    return TP_OK;
}

tp_err_t tp_nsec3_hash(const uint8_t *name, uint8_t hash_alg, tp_bytes_t salt,
                       uint16_t iterations, uint32_t max_iterations,
                       uint8_t out[TP_NSEC3_HASH_MAX], size_t *len_out)
{
    uint8_t lower[TP_NAME_MAX];
    uint8_t cur[TP_NSEC3_HASH_MAX];
    EVP_MD_CTX *ctx = NULL;
    EVP_MD *md = NULL;
    tp_err_t err = TP_ECRYPTO;
    size_t name_len;

    if (name == NULL || out == NULL || len_out == NULL ||
        (salt.data == NULL && salt.len > 0))
        return TP_EINVAL;
    if (hash_alg != TP_NSEC3_HASH_SHA1)
        return TP_EUNSUPPORTED;
    if (iterations > max_iterations)
        return TP_ELIMIT; /* RFC 9276 3.2: refuse the work, report it */
    name_len = tp_name_copy_lower(name, lower);
    ctx = EVP_MD_CTX_new();
    md = EVP_MD_fetch(NULL, "SHA1", NULL);
    if (ctx == NULL || md == NULL)
        goto out;
    /* IH(salt, x, 0) = H(x || salt); IH(salt, x, k) = H(IH(k-1) || salt). */
    err = digest2(ctx, md, lower, name_len, salt, cur);
    for (uint32_t i = 0; i < iterations && err == TP_OK; i++)
        err = digest2(ctx, md, cur, TP_NSEC3_SHA1_LEN, salt, cur);
    if (err == TP_OK) {
        memcpy(out, cur, TP_NSEC3_SHA1_LEN);
        *len_out = TP_NSEC3_SHA1_LEN;
    }
out:
    if (err != TP_OK)
        ERR_clear_error();
    EVP_MD_free(md);
    EVP_MD_CTX_free(ctx);
    return err;
}

static int b32hex_value(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'v')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'V')
        return c - 'A' + 10;
    return -1;
}

tp_err_t tp_nsec3_owner_hash(const uint8_t *owner, const uint8_t *zone,
                             uint8_t out[TP_NSEC3_HASH_MAX], size_t *len_out)
{
    uint32_t acc = 0;
    unsigned bits = 0;
    size_t n = 0;

    if (owner == NULL || zone == NULL || out == NULL || len_out == NULL)
        return TP_EINVAL;
    if (tp_name_labels(owner) != tp_name_labels(zone) + 1 ||
        !tp_name_equal(tp_name_parent(owner), zone))
        return TP_EINVAL;
    /* RFC 4648 7 without padding: each symbol is 5 bits; leftover bits must
     * be zero and fewer than 5 (a canonical encoding). */
    for (size_t i = 1; i <= owner[0]; i++) {
        int v = b32hex_value(owner[i]);

        if (v < 0)
            return TP_EMALFORMED;
        acc = (acc << 5 | (uint32_t)v) & 0xffff;
        bits += 5;
        if (bits >= 8) {
            if (n == TP_NSEC3_HASH_MAX)
                return TP_EMALFORMED;
            out[n++] = (uint8_t)(acc >> (bits - 8));
            bits -= 8;
        }
    }
    if (n == 0 || bits >= 5 || (acc & ((1u << bits) - 1)) != 0)
        return TP_EMALFORMED;
    *len_out = n;
    return TP_OK;
}

bool tp_nsec3_hash_covers(tp_bytes_t owner_hash, tp_bytes_t next_hash,
                          tp_bytes_t hash)
{
    int lo, hi;

    if (owner_hash.len == 0 || owner_hash.len != next_hash.len ||
        owner_hash.len != hash.len)
        return false;
    lo = memcmp(owner_hash.data, hash.data, hash.len);
    hi = memcmp(hash.data, next_hash.data, hash.len);
    if (memcmp(owner_hash.data, next_hash.data, hash.len) < 0)
        return lo < 0 && hi < 0;
    /* The last record of the chain (next <= owner) wraps around: it covers
     * everything after its owner and everything before its next. */
    return lo < 0 || hi < 0;
}

unsigned tp_nsec3_policy(uint16_t iterations, size_t salt_len)
{
    unsigned bits = 0;

    if (iterations > 0)
        bits |= TP_NSEC3_POLICY_ITERATIONS;
    if (salt_len > 0)
        bits |= TP_NSEC3_POLICY_SALT;
    if (iterations > TP_NSEC3_ITER_BIND_MAX)
        bits |= TP_NSEC3_POLICY_BIND_INSECURE;
    if (iterations > TP_NSEC3_ITER_UNBOUND_MAX)
        bits |= TP_NSEC3_POLICY_UNBOUND_INSECURE;
    return bits;
}
