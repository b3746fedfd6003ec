/* Authenticated denial of existence: NSEC (RFC 4034 section 4, RFC 4035
 * sections 3.1.3 and 5.4, RFC 6840 section 4, RFC 9824 compact denial) and
 * NSEC3 (RFC 5155 sections 5, 7.2 and 8, RFC 9276).
 *
 * Pure functions, no I/O. The caller passes the NSEC/NSEC3 records of one
 * response (their signatures are checked elsewhere, with dnssec.h), the
 * QNAME, QTYPE and the apex of the zone that signed them. Every evaluation
 * returns, part by part, which record proved what ("NSEC a.example. ->
 * c.example. covers b.example.") or which part is missing or contradicted,
 * so the report and the diagram can show it.
 *
 * Return values: tp_err_t says whether the work could be done (TP_EINVAL,
 * TP_ECRYPTO, TP_ENOMEM, TP_ENOSPACE); whether the denial holds is data in
 * tp_denial_result_t. An NSEC3 iteration count above the budget is a result
 * (TP_DENIAL_BUDGET), never an error and never a long computation. */
#ifndef TRUSTPATH_DENIAL_H
#define TRUSTPATH_DENIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/bytes.h"
#include "trustpath/err.h"
#include "trustpath/wire.h"

/* ---- NSEC3 hashing (RFC 5155 section 5) --------------------------------- */

#define TP_NSEC3_HASH_SHA1   1    /* the only hash algorithm defined */
#define TP_NSEC3_FLAG_OPTOUT 0x01 /* RFC 5155 section 3.1.2.1 */
#define TP_NSEC3_SHA1_LEN    20
#define TP_NSEC3_HASH_MAX    64 /* room for a future, longer hash */

/* Type numbers denial needs that wire.h does not name. */
#define TP_TYPE_NXNAME 128 /* RFC 9824: "this name does not exist" */

/* RFC 9276 section 3.2 thresholds of two validators, for the report. */
#define TP_NSEC3_ITER_BIND_MAX    50  /* BIND 9.20: insecure above */
#define TP_NSEC3_ITER_UNBOUND_MAX 150 /* Unbound default: insecure above */
/* Default budget: RFC 5155 section 10.3's largest limit (4096-bit keys). */
#define TP_NSEC3_ITER_BUDGET_DEFAULT  2500
#define TP_DENIAL_HASH_BUDGET_DEFAULT 512 /* hash computations per call */

/** IH(salt, x, k) of RFC 5155 section 5: SHA-1 over the lowercased wire
 * name and salt, then `iterations` more rounds over (hash, salt). name must
 * be a validated wire name. TP_EUNSUPPORTED for an unknown hash algorithm,
 * TP_ELIMIT when iterations > max_iterations (nothing is computed),
 * TP_ECRYPTO when OpenSSL fails. out receives *len_out octets (20 for
 * SHA-1). */
TP_NODISCARD tp_err_t tp_nsec3_hash(const uint8_t *name, uint8_t hash_alg,
                                    tp_bytes_t salt, uint16_t iterations,
                                    uint32_t max_iterations,
                                    uint8_t out[TP_NSEC3_HASH_MAX],
                                    size_t *len_out);

/** The hash an NSEC3 owner name carries: its first label decoded from
 * base32hex (RFC 4648 section 7, no padding, either case). The owner must
 * be exactly one label below zone (TP_EINVAL otherwise); TP_EMALFORMED when
 * the label is not base32hex or decodes to more than TP_NSEC3_HASH_MAX. */
TP_NODISCARD tp_err_t tp_nsec3_owner_hash(const uint8_t *owner,
                                          const uint8_t *zone,
                                          uint8_t out[TP_NSEC3_HASH_MAX],
                                          size_t *len_out);

/** RFC 5155 section 3.1.7 order: does the span (owner_hash, next_hash)
 * strictly contain hash? Hashes compare as unsigned big-endian strings; the
 * last NSEC3 (next <= owner) wraps around. Lengths must be equal (false
 * otherwise). A span whose owner equals its next (a one-record chain)
 * covers every hash but its own. */
bool tp_nsec3_hash_covers(tp_bytes_t owner_hash, tp_bytes_t next_hash,
                          tp_bytes_t hash);

/* Bits of tp_nsec3_policy(): the RFC 9276 observations about the chain's
 * parameters. Findings for the analyzer to report, not errors. */
#define TP_NSEC3_POLICY_ITERATIONS    0x01 /* > 0 (RFC 9276 3.1: MUST 0) */
#define TP_NSEC3_POLICY_SALT          0x02 /* non-empty (SHOULD be) */
#define TP_NSEC3_POLICY_BIND_INSECURE 0x04 /* > TP_NSEC3_ITER_BIND_MAX */
#define TP_NSEC3_POLICY_UNBOUND_INSECURE \
    0x08 /* > TP_NSEC3_ITER_UNBOUND_MAX  \
          */

/** RFC 9276 assessment of an NSEC3 iteration count and salt length. */
unsigned tp_nsec3_policy(uint16_t iterations, size_t salt_len);

/* ---- NSEC order (RFC 4034 section 6.1) ----------------------------------- */

/** Does the NSEC (owner -> next) cover name: owner < name < next in
 * canonical order, or, for the last NSEC of the chain (next <= owner, next
 * being the apex), owner < name with name inside the zone of apex? Names
 * equal to owner are matched, not covered. */
bool tp_nsec_covers(const uint8_t *owner, const uint8_t *next,
                    const uint8_t *name, const uint8_t *apex);

/* ---- Proofs ---------------------------------------------------------------
 */

#define TP_DENIAL_KIND_MAP(X)                                           \
    X(TP_DENIAL_NXDOMAIN, "nxdomain", "name error")                     \
    X(TP_DENIAL_NODATA, "nodata", "no data")                            \
    X(TP_DENIAL_WILDCARD_ANSWER, "wildcard-answer",                     \
      "wildcard expansion (no closer match)")                           \
    X(TP_DENIAL_WILDCARD_NODATA, "wildcard-nodata", "wildcard no data") \
    X(TP_DENIAL_REFERRAL, "insecure-referral",                          \
      "no DS at a delegation (insecure referral)")                      \
    X(TP_DENIAL_ENT_NODATA, "ent-nodata", "no data at an empty non-terminal")

/** What is to be proved (input), and what was proved (result->kind).
 * Asked for NODATA, the result may say ENT_NODATA or WILDCARD_NODATA when
 * the records prove that form instead (ENT_NODATA as input means NODATA).
 * TP_DENIAL_REFERRAL: qname is the delegation point, qtype is ignored (DS
 * is implied). */
typedef enum {
#define TP_DENIAL_ENUM3(code, name, text) code,
    TP_DENIAL_KIND_MAP(TP_DENIAL_ENUM3)
#undef TP_DENIAL_ENUM3
    TP_DENIAL_KIND_COUNT
} tp_denial_kind_t;

#define TP_DENIAL_STATUS_MAP(X)                                               \
    X(TP_DENIAL_PROVEN, "proven", "every part of the proof is present")       \
    X(TP_DENIAL_OPTOUT, "opt-out",                                            \
      "proven only through an opt-out span: insecure, not secure")            \
    X(TP_DENIAL_MISSING, "missing", "a required part of the proof is absent") \
    X(TP_DENIAL_CONTRADICTED, "contradicted",                                 \
      "a record shows the name or type exists, or cannot prove this")         \
    X(TP_DENIAL_BUDGET, "budget",                                             \
      "NSEC3 iterations or hash count above the budget: not evaluated")

/** The outcome. PROVEN: a validator accepts the denial (for REFERRAL: the
 * delegation is provably unsigned). OPTOUT: the denial rests on an opt-out
 * NSEC3 (RFC 5155 sections 6, 8.6, 9.2): insecure. MISSING and
 * CONTRADICTED: bogus. BUDGET: indeterminate (the analyzer decides, RFC
 * 9276 section 3.2). */
typedef enum {
#define TP_DENIAL_ENUM3(code, name, text) code,
    TP_DENIAL_STATUS_MAP(TP_DENIAL_ENUM3)
#undef TP_DENIAL_ENUM3
    TP_DENIAL_STATUS_COUNT
} tp_denial_status_t;

#define TP_DENIAL_PART_MAP(X)                                                  \
    X(TP_DENIAL_PART_QNAME_COVERED, "qname-covered", "covers")                 \
    X(TP_DENIAL_PART_WILDCARD_COVERED, "wildcard-covered", "covers wildcard")  \
    X(TP_DENIAL_PART_QNAME_MATCHED, "qname-matched", "matches")                \
    X(TP_DENIAL_PART_ENT, "empty-non-terminal",                                \
      "proves the empty non-terminal")                                         \
    X(TP_DENIAL_PART_CLOSEST_ENCLOSER, "closest-encloser",                     \
      "matches closest encloser")                                              \
    X(TP_DENIAL_PART_NEXT_CLOSER, "next-closer", "covers next closer")         \
    X(TP_DENIAL_PART_WILDCARD_MATCHED, "wildcard-matched", "matches wildcard") \
    X(TP_DENIAL_PART_DELEGATION, "delegation", "proves no DS at delegation")

/** The role one record plays in a proof (or the role no record filled). */
typedef enum {
#define TP_DENIAL_ENUM3(code, name, text) code,
    TP_DENIAL_PART_MAP(TP_DENIAL_ENUM3)
#undef TP_DENIAL_ENUM3
    TP_DENIAL_PART_COUNT
} tp_denial_part_t;

#define TP_DENIAL_REASON_MAP(X)                                                \
    X(TP_DENIAL_R_NONE, "none", "")                                            \
    X(TP_DENIAL_R_NO_RECORD, "no-record", "no usable record proves this part") \
    X(TP_DENIAL_R_TYPE_PRESENT, "type-present",                                \
      "the type bitmap lists the queried type")                                \
    X(TP_DENIAL_R_CNAME_PRESENT, "cname-present",                              \
      "the type bitmap lists CNAME (RFC 6840 4.3)")                            \
    X(TP_DENIAL_R_NAME_EXISTS, "name-exists",                                  \
      "a record matches a name that must not exist")                           \
    X(TP_DENIAL_R_DELEGATION, "delegation",                                    \
      "the record is at a delegation (NS without SOA): it cannot prove "       \
      "names below the cut or types other than DS (RFC 6840 4.1, 4.4)")        \
    X(TP_DENIAL_R_DNAME, "dname",                                              \
      "the record has the DNAME bit: it cannot prove names below it "          \
      "(RFC 6840 4.1)")                                                        \
    X(TP_DENIAL_R_SOA_PRESENT, "soa-present",                                  \
      "SOA bit set: this is the child apex's record, not the parent's")        \
    X(TP_DENIAL_R_DS_PRESENT, "ds-present", "the type bitmap lists DS")        \
    X(TP_DENIAL_R_NS_ABSENT, "ns-absent",                                      \
      "the type bitmap lacks NS: the name is not a delegation")                \
    X(TP_DENIAL_R_OPTOUT, "opt-out",                                           \
      "covered by an opt-out NSEC3: unsigned delegations may exist there")     \
    X(TP_DENIAL_R_ENCLOSER, "encloser",                                        \
      "the records show a closer encloser than the wildcard's")                \
    X(TP_DENIAL_R_NOT_OPTOUT, "not-opt-out",                                   \
      "the next closer name is covered without opt-out: it does not exist")    \
    X(TP_DENIAL_R_ITERATIONS, "iterations",                                    \
      "NSEC3 iterations above the budget")                                     \
    X(TP_DENIAL_R_HASH_BUDGET, "hash-budget",                                  \
      "too many NSEC3 hash computations")                                      \
    X(TP_DENIAL_R_UNKNOWN_HASH, "unknown-hash",                                \
      "unknown NSEC3 hash algorithm: ignored (RFC 5155 8.1)")                  \
    X(TP_DENIAL_R_BAD_FLAGS, "bad-flags",                                      \
      "NSEC3 flags other than opt-out: ignored (RFC 5155 8.2)")                \
    X(TP_DENIAL_R_PARAMS_MISMATCH, "params-mismatch",                          \
      "NSEC3 hash algorithm, iterations or salt differ from the other "        \
      "NSEC3 records of the zone (RFC 5155 8.2)")                              \
    X(TP_DENIAL_R_MALFORMED, "malformed", "malformed RDATA or owner name")     \
    X(TP_DENIAL_R_OUT_OF_ZONE, "out-of-zone",                                  \
      "the owner name is not in the zone")                                     \
    X(TP_DENIAL_R_WRONG_RCODE, "wrong-rcode",                                  \
      "the records prove a different kind of denial")

/** Why a part failed or a record was set aside. */
typedef enum {
#define TP_DENIAL_ENUM3(code, name, text) code,
    TP_DENIAL_REASON_MAP(TP_DENIAL_ENUM3)
#undef TP_DENIAL_ENUM3
    TP_DENIAL_REASON_COUNT
} tp_denial_reason_t;

typedef enum {
    TP_DENIAL_MECH_NONE = 0, /* no NSEC or NSEC3 was usable */
    TP_DENIAL_MECH_NSEC,
    TP_DENIAL_MECH_NSEC3
} tp_denial_mech_t;

#define TP_DENIAL_NO_RR     ((size_t)-1) /* fact.rr_index when none applies */
#define TP_DENIAL_FACTS_MAX 6
#define TP_DENIAL_NOTES_MAX 16

/** One part of a proof: the record (rr_index into the caller's list) and
 * what it shows about `name`. ok false: the part is missing (rr_index is
 * TP_DENIAL_NO_RR) or the record contradicts (rr_index names it). */
typedef struct tp_denial_fact {
    tp_denial_part_t part;
    bool ok;
    tp_denial_reason_t reason; /* TP_DENIAL_R_NONE when ok */
    size_t rr_index;
    uint8_t name[TP_NAME_MAX]; /* the name this part is about (wire form) */
    /* NSEC3: H(name) and its length; 0 for NSEC. */
    uint8_t hash[TP_NSEC3_HASH_MAX];
    size_t hash_len;
} tp_denial_fact_t;

/** A record that was set aside, and why (unknown hash, bad flags, ...). */
typedef struct tp_denial_note {
    size_t rr_index;
    tp_denial_reason_t reason;
} tp_denial_note_t;

typedef struct tp_denial_result {
    tp_denial_kind_t kind; /* what the records prove (see tp_denial_kind_t) */
    tp_denial_status_t status;
    tp_denial_reason_t
        reason; /* why the status is what it is; NONE if proven */
    tp_denial_mech_t mech;
    /* Facts in proof order: every required part, proven or not. */
    tp_denial_fact_t facts[TP_DENIAL_FACTS_MAX];
    size_t fact_count;
    /* Records set aside; note_count may exceed TP_DENIAL_NOTES_MAX (only
     * the first ones are kept). */
    tp_denial_note_t notes[TP_DENIAL_NOTES_MAX];
    size_t note_count;

    bool has_closest_encloser;
    uint8_t closest_encloser[TP_NAME_MAX];
    bool opt_out;    /* an opt-out NSEC3 was used in the proof */
    bool compact;    /* RFC 9824 compact denial (NXNAME) recognised */
    bool mixed;      /* both NSEC and NSEC3 records were given */
    bool delegation; /* the matching record is at a cut (NS, no SOA) */

    /* NSEC3 chain parameters (from the first usable NSEC3), for RFC 9276. */
    bool has_nsec3_params;
    uint8_t nsec3_hash_alg;
    uint16_t nsec3_iterations;
    uint8_t nsec3_salt[255];
    size_t nsec3_salt_len;
    bool nsec3_params_consistent; /* false: some NSEC3 differ (R_PARAMS_...) */
    unsigned nsec3_policy;        /* tp_nsec3_policy() bits */
    unsigned hashes_computed;
} tp_denial_result_t;

/** What to prove and with which records. Fill with tp_denial_input_init,
 * then set the fields. All pointers are borrowed for the call. */
typedef struct tp_denial_input {
    tp_denial_kind_t kind;
    const uint8_t *qname; /* for REFERRAL: the delegation point */
    uint16_t qtype;
    const uint8_t *zone; /* apex of the zone that signed the records */
    const tp_rr_t *rrs;  /* records of the response; types other than */
    size_t rr_count;     /* NSEC and NSEC3 are skipped */
    /* WILDCARD_ANSWER and WILDCARD_NODATA: the RRSIG Labels field of the
     * expanded answer (the wildcard is "*." + that many rightmost labels of
     * qname). For WILDCARD_NODATA, 0 lets the records decide. */
    unsigned wildcard_labels;
    uint32_t max_iterations; /* NSEC3 iterations budget */
    uint32_t max_hashes;     /* NSEC3 hash computations per call */
} tp_denial_input_t;

/** Zero the input and set the default budgets. */
void tp_denial_input_init(tp_denial_input_t *in);

/** Evaluate the proof in->kind for in->qname / in->qtype with in->rrs.
 * TP_EINVAL: a NULL pointer, a kind out of range, or qname not at or below
 * zone. TP_ECRYPTO: the hash could not be computed. TP_ENOMEM. Otherwise
 * TP_OK and the verdict in *out (overwritten). Work is bounded: one pass
 * over the records per lookup, at most in->max_hashes NSEC3 hashes. See
 * docs/denial.md for the rules and the decisions taken. */
TP_NODISCARD tp_err_t tp_denial_evaluate(const tp_denial_input_t *in,
                                         tp_denial_result_t *out);

/** Append one line describing a fact, e.g.
 * "NSEC a.example. -> c.example. covers b.example.",
 * "NSEC3 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom -> 2t7b4g4vsa5smi47k61mv5bv1a22bojr
 * matches closest encloser example.",
 * "missing: no NSEC3 covers next closer c.x.w.example.
 * (hash 0va5bpr2ou0vk0lbqeeljri88laipsfh)"; the hash is shown for
 * covered names and missing parts; a failed part ends with ": <reason>".
 * rrs/rr_count are the input's records. */
TP_NODISCARD tp_err_t tp_denial_fact_to_text(const tp_denial_fact_t *fact,
                                             const tp_rr_t *rrs,
                                             size_t rr_count, tp_buf_t *out);

/** Stable identifiers and one-line descriptions (static storage). */
const char *tp_denial_kind_name(tp_denial_kind_t kind);
const char *tp_denial_status_name(tp_denial_status_t status);
const char *tp_denial_part_name(tp_denial_part_t part);
const char *tp_denial_reason_name(tp_denial_reason_t reason);
const char *tp_denial_reason_str(tp_denial_reason_t reason);

#endif /* TRUSTPATH_DENIAL_H */
