/* Internal interfaces of the analyzer (the analyzer sources only): the parsed
 * capture, the per-name run state, and helpers shared by the chain,
 * answer and diagnostic code. */
#ifndef TRUSTPATH_ANALYZER_INT_H
#define TRUSTPATH_ANALYZER_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/analysis.h"
#include "trustpath/capture.h"
#include "trustpath/denial.h"
#include "trustpath/dnssec.h"
#include "trustpath/wire.h"

/* CNAME hops followed from the name (RFC 1034 3.6.2 leaves it open; common
 * resolvers stop around 8 to 16). */
#define TP_AN_CNAME_MAX 16

/* One capture query, its response parsed once. */
typedef struct an_resp {
    const tp_capture_query_t *q;
    bool parsed;   /* msg is valid */
    tp_err_t perr; /* parse error when a response was there but bad */
    tp_msg_t msg;
} an_resp_t;

/* An index of the responses by one name of theirs (index.c): entries sorted
 * by name (ASCII case folded, so that equal names in tp_name_equal's sense
 * are adjacent), and within a name in capture order. */
typedef struct an_ix_ent {
    const uint8_t *name;
    const an_resp_t *r;
} an_ix_ent_t;

typedef struct an_ix {
    an_ix_ent_t *e;
    size_t n;
} an_ix_t;

/* One verification already done by this analyzer (sig.c). */
typedef struct an_memo an_memo_t;

struct tp_analyzer {
    const tp_capture_t *cap;
    const tp_rrlist_t *anchors;
    tp_analysis_opts_t opts;
    tp_arena_t *arena; /* parsed messages, memo keys */
    an_resp_t *resp;   /* parallel to cap->queries */
    size_t resp_count;
    tp_keycache_t *keys;
    /* Built once by tp_analyzer_new: the scans of a name look up their zone
     * or name here instead of walking every response of the capture (which
     * made a capture of N names cost O(N^2)). */
    an_ix_t by_zone;     /* q->zone (queries that have one) */
    an_ix_t by_qname;    /* q->qname */
    an_ix_t by_ns_owner; /* owners of NS records in the authority section */
    bool ipv6_answered;  /* some server answered over IPv6 */
    /* Verifications shared by the names of a capture (hash table, open
     * addressing, memo_cap a power of two; sig.c). */
    an_memo_t *memo;
    size_t memo_cap, memo_count;
    tp_buf_t memo_key; /* scratch: the key being looked up */
};

/* Internal state for each zone of the chain, parallel to a->zones. */
typedef struct an_zone {
    const tp_key_t **keys; /* parallel to zone->dnskeys (NULL: unusable) */
    bool *key_secure;      /* authenticated key */
    bool *key_trusted;     /* a secure usable DS or an anchor names it */
    /* Trust entering the zone: SECURE (usable DS from a secure parent, or
     * anchor), INSECURE, BOGUS or INDETERMINATE. */
    tp_status_t entry;
    size_t dnskey_servers;   /* servers that answered DNSKEY with data */
    const char **dnskey_srv; /* those servers, each once (dnskey_servers) */
} an_zone_t;

/* An NSEC/NSEC3 record used in a denial, for the cross-checks against
 * data other answers show (RFC 8198 5). */
typedef struct an_proof {
    const tp_rr_t *rr;
    size_t zone; /* zone index */
    size_t negative;
    const char *server;
} an_proof_t;

typedef struct an_run {
    tp_analyzer_t *an;
    tp_arena_t *arena;
    tp_analysis_t *a;
    an_zone_t *zs;
    tp_verify_ctx_t vctx;
    bool budget_hit;
    bool cname_broken; /* a CNAME target was not probed */
    an_proof_t *proofs;
    size_t proof_count;
    int64_t exp_min; /* earliest expiration so far (0: none) */
    const char *exp_what;
} an_run_t;

/* ---- index.c ------------------------------------------------------------ */

/** Build the indexes of an (after the responses are parsed). */
TP_NODISCARD tp_err_t an_index_build(tp_analyzer_t *an);
void an_index_free(tp_analyzer_t *an);
/** The entries of ix whose name equals name (tp_name_equal), in capture
 * order: *n of them from the returned pointer (*n is 0 when none). */
const an_ix_ent_t *an_ix_range(const an_ix_t *ix, const uint8_t *name,
                               size_t *n);

/* ---- util.c ------------------------------------------------------------- */

/** Append a zeroed element to *arr (count elements of size elem; the
 * capacity is implicit: powers of two from 4); returns it and increments
 * *count, NULL on OOM. */
void *an_push(tp_arena_t *arena, void **arr, size_t *count, size_t elem);
/** Add str to a string list unless present; false on OOM. */
bool an_strs_add(tp_arena_t *arena, const char ***list, size_t *count,
                 const char *str);
bool an_strs_has(const char *const *list, size_t count, const char *str);
/** Presentation text of a wire name, in the arena. */
const char *an_name(tp_arena_t *arena, const uint8_t *name);
/** Arena printf. */
const char *an_printf(tp_arena_t *arena, const char *fmt, ...) TP_PRINTF(2, 3);
/** Unix time of an RRSIG time field near the reference time. */
int64_t an_sig_time(uint32_t field, int64_t now);
/** "2026-11-21T23:50:00Z" in the arena. */
const char *an_time(tp_arena_t *arena, int64_t t);
/** Type mnemonic, static or arena. */
const char *an_type(tp_arena_t *arena, uint16_t type);

/** RRs of one section with owner and type (and for RRSIG: type covered
 * when covered != 0), copied into an arena array. */
size_t an_select(tp_arena_t *arena, const tp_rrlist_t *sec,
                 const uint8_t *owner, uint16_t type, uint16_t covered,
                 tp_rr_t **out);
/** Same RDATA multiset (order and duplicates ignored). */
bool an_same_rdata(const tp_rr_t *a, size_t na, const tp_rr_t *b, size_t nb);

/** Record a diagnostic (merged with an identical one: code, zone and
 * message; the server is added). server may be NULL. */
void an_diag(an_run_t *run, tp_diag_code_t code, const char *zone,
             const char *server, tp_an_node_t subject, const char *fmt, ...)
    TP_PRINTF(6, 7);
void an_link(an_run_t *run, tp_an_link_kind_t kind, tp_an_node_t from,
             tp_an_node_t to, tp_link_status_t status, const char *reason,
             size_t rrsig, size_t record);
tp_an_node_t an_node(tp_an_node_kind_t kind, size_t zone, size_t index);
/** Worse of two verdicts: bogus > indeterminate > insecure > secure. */
tp_status_t an_worse(tp_status_t a, tp_status_t b);

/** Map a verification result to a link status. */
tp_link_status_t an_sig_link(tp_sig_result_t r);
/** Judge one RRSIG record for the report: fills r from the parsed RRSIG,
 * status and reason, and emits the per-signature diagnostics (window,
 * TTLs, expiry threshold). zone is the zone text for diagnostics. */
void an_rrsig_fill(an_run_t *run, const tp_rr_t *sig_rr, uint32_t rr_ttl,
                   const tp_sig_check_t *chk, const char *zone,
                   const char *server, tp_an_node_t subject, tp_an_rrsig_t *r);
/** Find the RRSIG in the list (same tag, algorithm, type, window and
 * signer) or append an empty one (*is_new true: fill it). *index_out is
 * its index. NULL on OOM or an unparseable RRSIG. */
tp_an_rrsig_t *an_rrsig_add(an_run_t *run, tp_an_rrsig_t **list, size_t *count,
                            const tp_rr_t *sig_rr, size_t *index_out,
                            bool *is_new);
/** The verdict depends on this RRset staying valid: note the latest
 * expiration among its valid signatures as a candidate for the earliest
 * expiration of the chain. what describes the RRset. */
void an_note_set(an_run_t *run, const tp_an_rrsig_t *sigs, size_t count,
                 const char *what);

/* ---- chain.c ------------------------------------------------------------ */

/** Zones from the anchor down to the name; fills a->zones and answer_zone. */
TP_NODISCARD tp_err_t an_chain_zones(an_run_t *run);
/** Add the zones from the closest anchor down to name that are not there
 * yet (a CNAME target's chain); *out is the index of name's zone. New zones
 * are appended with their parent_index; run an_chain_zone on them. */
TP_NODISCARD tp_err_t an_chain_extend(an_run_t *run, const uint8_t *name,
                                      size_t *out);
/** Delegation, DS, DNSKEY and servers of zone i (parents first). */
TP_NODISCARD tp_err_t an_chain_zone(an_run_t *run, size_t i);
/** tp_rrsig_verify_keys with run's context, remembered for the analyzer's
 * lifetime: the same RRSIG, RRset, zone and keys (byte for byte; keys by
 * identity, as the analyzer's key cache keeps them until it is freed) give
 * the outcome of the first check without the cryptography. The budget
 * (ctx->crypto_done) is charged as if the check had run again, so
 * signatures_checked and the budget behave as without the memo. */
TP_NODISCARD tp_err_t an_verify_keys(an_run_t *run, const tp_sig_input_t *in,
                                     const tp_key_t *const *keys, size_t k,
                                     tp_sig_check_t *chk, size_t *index_out);
void an_memo_init(tp_analyzer_t *an);
void an_memo_free(tp_analyzer_t *an);
/** Verify an RRset with the keys of zone zi; on return *chk and *key_out
 * (TP_AN_NONE if no key matched). */
TP_NODISCARD tp_err_t an_verify(an_run_t *run, size_t zi, const tp_rr_t *sig,
                                const tp_rr_t *rrs, size_t n,
                                tp_sig_check_t *chk, size_t *key_out);

/* ---- answer.c ----------------------------------------------------------- */

/** RRsets and negative answers at the name from the answer zone. */
TP_NODISCARD tp_err_t an_answers(an_run_t *run);
/** Judge a denial (from one response's authority section) for zone zi;
 * appends a negative and returns its index in *out. */
TP_NODISCARD tp_err_t an_negative(an_run_t *run, size_t zi, const an_resp_t *r,
                                  tp_denial_kind_t kind, const uint8_t *qname,
                                  uint16_t qtype, unsigned wildcard_labels,
                                  size_t *out);

/* ---- zonecheck.c -------------------------------------------------------- */

/** CDS/CDNSKEY of zone i against its DS, DNSKEY and servers. */
TP_NODISCARD tp_err_t an_cds(an_run_t *run, size_t i);
/** The zone's NODATA and NXDOMAIN probes, judged as negatives. */
TP_NODISCARD tp_err_t an_zone_probes(an_run_t *run, size_t i);
/** After the run: signatures expiring within the SOA EXPIRE timer. */
void an_soa_expire(an_run_t *run);

/* ---- servers.c ---------------------------------------------------------- */

/** Per-server checks of zone i (responsiveness, authority, SOA serial). */
void an_servers(an_run_t *run, size_t i);
/** Delegation NS and glue checks of zone i. */
void an_delegation_ns(an_run_t *run, size_t i);

#endif /* TRUSTPATH_ANALYZER_INT_H */
