/* The parsed-key cache: one tp_key_t (and so one EVP_PKEY) per distinct
 * (owner, DNSKEY RDATA) for a whole analysis run. Open addressing on an
 * FNV-1a hash; bounded by max_keys. */
#include <stdlib.h>
#include <string.h>

#include "dnssec_int.h"

#define DEFAULT_MAX_KEYS 4096

struct tp_keycache {
    tp_key_t **slots; /* power-of-two table, NULL = empty */
    size_t cap;
    size_t count;
    size_t max_keys;
};

static uint64_t fnv1a(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3u;
    }
    return h;
}

static uint64_t key_hash(const uint8_t *owner_lower, tp_bytes_t rdata)
{
    uint64_t h = 0xcbf29ce484222325u;

    h = fnv1a(h, owner_lower, tp_name_len(owner_lower));
    return fnv1a(h, rdata.data, rdata.len);
}

tp_keycache_t *tp_keycache_new(size_t max_keys)
{
    tp_keycache_t *cache = calloc(1, sizeof(*cache));

    if (cache == NULL)
        return NULL;
    cache->max_keys = max_keys != 0 ? max_keys : DEFAULT_MAX_KEYS;
    return cache;
}

void tp_keycache_free(tp_keycache_t *cache)
{
    if (cache == NULL)
        return;
    for (size_t i = 0; i < cache->cap; i++)
        tp_key_free(cache->slots[i]);
    free(cache->slots);
    free(cache);
}

size_t tp_keycache_count(const tp_keycache_t *cache)
{
    return cache != NULL ? cache->count : 0;
}

static size_t find_slot(tp_key_t *const *slots, size_t cap,
                        const uint8_t *owner_lower, tp_bytes_t rdata)
{
    size_t i = (size_t)key_hash(owner_lower, rdata) & (cap - 1);

    for (;; i = (i + 1) & (cap - 1)) {
        const tp_key_t *k = slots[i];
        if (k == NULL)
            return i;
        if (k->rdata_len == rdata.len &&
            memcmp(k->rdata, rdata.data, rdata.len) == 0 &&
            tp_name_equal(k->owner, owner_lower))
            return i;
    }
}

/* Keep the load factor at or below one half. */
static tp_err_t grow(tp_keycache_t *cache)
{
    size_t cap = cache->cap != 0 ? cache->cap * 2 : 16;
    tp_key_t **slots;

    if (cache->count + 1 <= cache->cap / 2)
        return TP_OK;
    slots = calloc(cap, sizeof(*slots));
    if (slots == NULL)
        return TP_ENOMEM;
    for (size_t i = 0; i < cache->cap; i++) {
        tp_key_t *k = cache->slots[i];
        if (k != NULL)
            slots[find_slot(slots, cap, k->owner,
                            tp_bytes(k->rdata, k->rdata_len))] = k;
    }
    free(cache->slots);
    cache->slots = slots;
    cache->cap = cap;
    return TP_OK;
}

tp_err_t tp_keycache_get(tp_keycache_t *cache, const uint8_t *owner,
                         tp_bytes_t rdata, const tp_key_t **out)
{
    uint8_t lower[TP_NAME_MAX];
    size_t i;
    tp_key_t *key = NULL;
    tp_err_t err;

    if (cache == NULL || owner == NULL || out == NULL || rdata.data == NULL)
        return TP_EINVAL;
    (void)tp_name_copy_lower(owner, lower);
    if (cache->cap != 0) {
        i = find_slot(cache->slots, cache->cap, lower, rdata);
        if (cache->slots[i] != NULL) {
            *out = cache->slots[i];
            return TP_OK;
        }
    }
    if (cache->count >= cache->max_keys)
        return TP_ELIMIT;
    err = grow(cache);
    if (err == TP_OK)
        err = tp_key_new(lower, rdata, &key);
    if (err != TP_OK)
        return err;
    i = find_slot(cache->slots, cache->cap, lower, rdata);
    cache->slots[i] = key;
    cache->count++;
    *out = key;
    return TP_OK;
}
