/* Internal to the NSEC3 evaluator (nsec3.c: usable records, hashing,
 * lookups and the closest encloser proof of RFC 5155 8.3; nsec3_proof.c:
 * the proofs of RFC 5155 8.4-8.8 and 7.2.7). */
#ifndef TRUSTPATH_NSEC3_INT_H
#define TRUSTPATH_NSEC3_INT_H

#include "denial_int.h"

#define TP_N3_MAX_LEVELS 128 /* labels in a name, plus the root */

typedef struct tp_n3_rec {
    size_t index; /* into in->rrs */
    uint8_t flags;
    uint8_t hash[TP_NSEC3_HASH_MAX]; /* from the owner name */
    size_t hash_len;
    tp_bytes_t next;
    tp_bytes_t bitmap;
} tp_n3_rec_t;

typedef struct tp_n3_ctx {
    const tp_denial_input_t *in;
    tp_denial_result_t *out;
    tp_n3_rec_t *recs;
    size_t count;
    uint8_t alg;
    uint16_t iterations;
    tp_bytes_t salt;
} tp_n3_ctx_t;

/* The closest encloser proof of RFC 5155 8.3 for one name. */
typedef struct tp_n3_proof {
    const uint8_t *sname;
    bool sname_matched; /* sname itself exists: no proof possible */
    bool found;         /* an ancestor matched */
    unsigned ce_labels; /* the (likely) closest encloser */
    const tp_n3_rec_t *ce_rec;
    const tp_n3_rec_t *nc_rec; /* covers the next closer name, or NULL */
    /* H(the suffix of sname with L labels), when hashed[L] */
    uint8_t hashes[TP_N3_MAX_LEVELS + 1][TP_NSEC3_HASH_MAX];
    bool hashed[TP_N3_MAX_LEVELS + 1];
} tp_n3_proof_t;

/** Record bits: a type in the bitmap; a cut (NS without SOA); opt-out. */
bool tp_n3_has(const tp_n3_rec_t *rec, uint16_t type);
bool tp_n3_is_cut(const tp_n3_rec_t *rec);
bool tp_n3_is_optout(const tp_n3_rec_t *rec);

/** Fill c->recs (heap, the caller frees) with the usable NSEC3 records of
 * the input and take the chain parameters from the first; set-aside
 * records become notes (RFC 5155 8.1, 8.2). */
TP_NODISCARD tp_err_t tp_n3_collect(tp_n3_ctx_t *c, size_t n_nsec3);
/** H(name) within the hash budget; TP_ELIMIT (result set to BUDGET) when
 * it is spent. */
TP_NODISCARD tp_err_t tp_n3_hash_name(tp_n3_ctx_t *c, const uint8_t *name,
                                      uint8_t out[TP_NSEC3_HASH_MAX]);
/** The usable record whose owner hash equals / whose span covers hash. */
const tp_n3_rec_t *tp_n3_find_match(const tp_n3_ctx_t *c, const uint8_t *hash);
const tp_n3_rec_t *tp_n3_find_cover(const tp_n3_ctx_t *c, const uint8_t *hash);
/** tp_denial_fact_add with the hash of the name (hash may be NULL). */
tp_denial_fact_t *tp_n3_add_fact(tp_n3_ctx_t *c, tp_denial_part_t part,
                                 const uint8_t *name, const uint8_t *hash);
/** RFC 5155 8.3 for sname into p (which the caller allocates: it is big). */
TP_NODISCARD tp_err_t tp_n3_closest_encloser(tp_n3_ctx_t *c,
                                             const uint8_t *sname,
                                             tp_n3_proof_t *p);
void tp_n3_set_encloser(tp_denial_result_t *out, const uint8_t *qname,
                        unsigned labels);
/** Facts for the closest encloser and the next closer name. */
void tp_n3_ce_facts(tp_n3_ctx_t *c, const tp_n3_proof_t *p, bool need_optout);
/** qtype and CNAME absent from a matching record; a cut speaks only for
 * DS. */
void tp_n3_check_types(tp_n3_ctx_t *c, tp_denial_fact_t *f,
                       const tp_n3_rec_t *rec);
/** The wildcard at the closest encloser: covered, or (nodata) matched
 * without the type. */
TP_NODISCARD tp_err_t tp_n3_wildcard_part(tp_n3_ctx_t *c,
                                          const tp_n3_proof_t *p, bool nodata);

#endif /* TRUSTPATH_NSEC3_INT_H */
