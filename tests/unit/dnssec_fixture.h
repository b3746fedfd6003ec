/* Helpers shared by the test_dnssec_*.c files: load a zone-file fixture of
 * tests/data/ with tp_zone_parse, read its pinned reference time ("; now:
 * N" in the header), gather RRsets and keys, and verify every RRSIG. Static
 * inline so each test file uses what it needs. */
#ifndef TRUSTPATH_TEST_DNSSEC_FIXTURE_H
#define TRUSTPATH_TEST_DNSSEC_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/arena.h"
#include "trustpath/dnssec.h"
#include "trustpath/text.h"
#include "trustpath/wire.h"

#define FX_MAX_SET  64
#define FX_MAX_KEYS 16

typedef struct fx_zone {
    tp_arena_t *arena;
    tp_rrlist_t rrs;
    int64_t now; /* from "; now: N", or -1 */
    tp_err_t err;
    tp_text_error_t text_err;
} fx_zone_t;

/* "; now: 1800000000" anywhere in the leading comment block. */
static inline int64_t fx_header_now(const char *text)
{
    const char *p = strstr(text, "; now:");

    if (p == NULL)
        return -1;
    return strtoll(p + 6, NULL, 10);
}

/** Load tests/data/<rel>; z->err says whether it parsed. */
static inline void fx_load(fx_zone_t *z, const char *rel)
{
    size_t len = 0;
    char *text = tp_test_read_file(rel, &len);

    memset(z, 0, sizeof(*z));
    z->now = -1;
    z->err = TP_EIO;
    z->arena = tp_arena_new(0);
    if (text == NULL || z->arena == NULL) {
        free(text);
        return;
    }
    z->now = fx_header_now(text);
    z->err =
        tp_zone_parse(text, len, NULL, 3600, z->arena, &z->rrs, &z->text_err);
    free(text);
}

/** Append the records of another fixture to z (same arena). */
static inline void fx_load_more(fx_zone_t *z, const char *rel)
{
    size_t len = 0;
    char *text = tp_test_read_file(rel, &len);

    if (z->err != TP_OK)
        return;
    z->err = text == NULL ? TP_EIO
                          : tp_zone_parse(text, len, NULL, 3600, z->arena,
                                          &z->rrs, &z->text_err);
    free(text);
}

static inline void fx_free(fx_zone_t *z)
{
    tp_arena_free(z->arena);
    memset(z, 0, sizeof(*z));
}

/** Wire form of a presentation name (absolute). */
static inline void fx_name(const char *text, uint8_t out[TP_NAME_MAX])
{
    size_t len = 0;

    if (tp_name_from_text(text, strlen(text), NULL, out, &len) != TP_OK)
        memset(out, 0, TP_NAME_MAX); /* the root: makes a test fail */
}

static inline uint16_t fx_covered(const tp_rr_t *rrsig)
{
    if (rrsig->rdata.len < 2)
        return 0;
    return (uint16_t)(rrsig->rdata.data[0] << 8 | rrsig->rdata.data[1]);
}

/** The n-th RR of `type` owned by `owner` (presentation), or NULL. For
 * RRSIG, `covered` selects the covered type (0: any). */
static inline const tp_rr_t *fx_find(const fx_zone_t *z, const char *owner,
                                     uint16_t type, uint16_t covered,
                                     size_t nth)
{
    uint8_t name[TP_NAME_MAX];

    fx_name(owner, name);
    for (size_t i = 0; i < z->rrs.count; i++) {
        const tp_rr_t *rr = &z->rrs.rrs[i];
        if (rr->type != type || !tp_name_equal(rr->owner, name))
            continue;
        if (type == TP_TYPE_RRSIG && covered != 0 && fx_covered(rr) != covered)
            continue;
        if (nth-- == 0)
            return rr;
    }
    return NULL;
}

/** Copy the RRset (owner, type, class) into out; returns its size. */
static inline size_t fx_rrset(const fx_zone_t *z, const uint8_t *owner,
                              uint16_t type, uint16_t rclass, tp_rr_t *out,
                              size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < z->rrs.count && n < max; i++) {
        const tp_rr_t *rr = &z->rrs.rrs[i];
        if (rr->type == type && rr->rclass == rclass &&
            tp_name_equal(rr->owner, owner))
            out[n++] = *rr;
    }
    return n;
}

/** Parsed keys of the DNSKEY RRset at owner (from the cache). */
static inline size_t fx_keys(const fx_zone_t *z, tp_keycache_t *cache,
                             const uint8_t *owner, const tp_key_t **keys,
                             size_t max)
{
    tp_rr_t set[FX_MAX_KEYS];
    size_t n =
        fx_rrset(z, owner, TP_TYPE_DNSKEY, TP_CLASS_IN, set, FX_MAX_KEYS);
    size_t k = 0;

    for (size_t i = 0; i < n && k < max; i++) {
        if (tp_keycache_get(cache, set[i].owner, set[i].rdata, &keys[k]) ==
            TP_OK)
            k++;
    }
    return k;
}

typedef struct fx_tally {
    size_t total;
    size_t by_result[TP_SIG_RESULT_COUNT];
    size_t errors;
} fx_tally_t;

/** Verify every RRSIG of the zone against the DNSKEYs at its signer, at
 * the zone's pinned time (or `now` if not -1), counting results. */
static inline void fx_verify_all(const fx_zone_t *z, int64_t now,
                                 fx_tally_t *tally)
{
    tp_keycache_t *cache = tp_keycache_new(0);
    tp_verify_ctx_t ctx;

    memset(tally, 0, sizeof(*tally));
    tp_verify_ctx_init(&ctx, now != -1 ? now : z->now);
    for (size_t i = 0; cache != NULL && i < z->rrs.count; i++) {
        const tp_rr_t *sig = &z->rrs.rrs[i];
        tp_rr_t set[FX_MAX_SET];
        const tp_key_t *keys[FX_MAX_KEYS];
        tp_rdata_view_t view;
        tp_sig_check_t check;
        size_t n, nkeys, which;

        if (sig->type != TP_TYPE_RRSIG)
            continue;
        tally->total++;
        if (tp_rdata_view(TP_TYPE_RRSIG, sig->rdata, &view) != TP_OK) {
            tally->errors++;
            continue;
        }
        n = fx_rrset(z, sig->owner, view.u.rrsig.type_covered, sig->rclass, set,
                     FX_MAX_SET);
        nkeys = fx_keys(z, cache, view.u.rrsig.signer, keys, FX_MAX_KEYS);
        tp_sig_input_t in = {sig, set, n, NULL, view.u.rrsig.signer};
        if (n == 0 || tp_rrsig_verify_keys(&ctx, &in, keys, nkeys, &check,
                                           &which) != TP_OK) {
            tally->errors++;
            continue;
        }
        tally->by_result[check.result]++;
    }
    tp_verify_ctx_clear(&ctx);
    tp_keycache_free(cache);
}

#endif /* TRUSTPATH_TEST_DNSSEC_FIXTURE_H */
