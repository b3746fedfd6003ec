/* The analysis: from a capture, trust anchors and a reference time to the
 * verdict of a name, the chain of trust that leads to it (zones,
 * delegations, DS, DNSKEY, RRSIG, RRsets, negative answers and the links
 * between them, each with a status and a reason) and the diagnostics.
 * Decided as a validating resolver would (RFC 4035 section 5, RFC 6840),
 * per server and overall: when some servers are secure and others bogus,
 * both are reported and named.
 *
 * The analyzer is pure: no I/O, no clock. Everything an analysis points to
 * is owned by the arena the caller passes (one arena per name: free it after
 * rendering and memory stays flat however many names a run covers). Arrays
 * are (pointer, count) pairs; cross references are indexes, TP_AN_NONE when
 * absent. Field names follow the JSON report (report.h, docs/report.md). */
#ifndef TRUSTPATH_ANALYSIS_H
#define TRUSTPATH_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/arena.h"
#include "trustpath/capture.h"
#include "trustpath/diag.h"
#include "trustpath/err.h"
#include "trustpath/text.h"
#include "trustpath/wire.h"

#define TP_AN_NONE ((size_t)-1)

/* ---- Status words ------------------------------------------------------- */

/** Verdicts (RFC 4033 section 5) plus the two delegation-only states. */
typedef enum {
    TP_STATUS_SECURE = 0,    /* a chain of valid signatures from an anchor */
    TP_STATUS_INSECURE,      /* a proven break: no DS (valid denial), or only
                                unsupported algorithms/digests */
    TP_STATUS_BOGUS,         /* a chain should exist and does not validate */
    TP_STATUS_INDETERMINATE, /* not enough data (no server answered, budget) */
    TP_STATUS_LAME,          /* delegation: no server answers for the zone */
    TP_STATUS_INCOMPLETE,    /* delegation: the parent has no delegation */
    TP_STATUS_COUNT
} tp_status_t;

/** "secure", "insecure", "bogus", "indeterminate", "lame", "incomplete". */
const char *tp_status_str(tp_status_t status);

/** What one link (a DS over a DNSKEY, an RRSIG over an RRset with one key,
 * a denial proof) amounts to. */
typedef enum {
    TP_LINK_VALID = 0,
    TP_LINK_EXPIRED,         /* RRSIG expiration before the reference time */
    TP_LINK_NOT_YET_VALID,   /* RRSIG inception after the reference time */
    TP_LINK_BAD_SIGNATURE,   /* the cryptography says no */
    TP_LINK_DIGEST_MISMATCH, /* DS digest differs from the DNSKEY's */
    TP_LINK_INVALID,         /* a rule fails: signer, labels, revoked key,
                                no zone bit, lengths, empty window, proof
                                missing or contradicted */
    TP_LINK_NO_KEY,          /* the DNSKEY it names is not served */
    TP_LINK_UNSUPPORTED,     /* algorithm/digest not implemented: insecure */
    TP_LINK_IGNORED,         /* not used (SHA-1 DS beside SHA-256, an
                                algorithm resolvers must not validate) */
    TP_LINK_OPT_OUT,         /* denial proven only through opt-out */
    TP_LINK_NOT_CHECKED,     /* work budget exhausted */
    TP_LINK_COUNT
} tp_link_status_t;

/** "valid", "expired", "not_yet_valid", "bad_signature", "digest_mismatch",
 * "invalid", "no_key", "unsupported", "ignored", "opt_out", "not_checked". */
const char *tp_link_status_str(tp_link_status_t status);

/** Key roles, inferred from what each key signs (not from the SEP flag,
 * which validators ignore: RFC 6840 6.2). KSK: signs only the DNSKEY
 * RRset; ZSK: signs other data only; CSK: both; NONE: signs nothing
 * (stand-by, pre-published, or retired). */
typedef enum {
    TP_ROLE_NONE = 0,
    TP_ROLE_KSK,
    TP_ROLE_ZSK,
    TP_ROLE_CSK
} tp_key_role_t;

/** "none", "ksk", "zsk", "csk". */
const char *tp_key_role_str(tp_key_role_t role);

/* ---- Nodes -------------------------------------------------------------- */

/** A server seen for a zone, and the zone (for the answer zone: the name)
 * as seen through that server's data alone. */
typedef struct tp_an_server {
    const char *name;    /* NS name ("ns1.example."), or NULL if unknown */
    const char *address; /* "192.0.2.1" */
    tp_status_t status;  /* secure/insecure/bogus via this server alone;
                            lame: it never answered authoritatively;
                            indeterminate: it was not asked */
    bool responded;      /* at least one parseable response */
    bool authoritative;  /* at least one response with AA */
    const char *problem; /* "timeout", "REFUSED", ... or NULL */
} tp_an_server_t;

/** An RRSIG over an RRset, judged against the key it names. */
typedef struct tp_an_rrsig {
    uint16_t type_covered;
    uint8_t algorithm;
    uint8_t labels;
    uint16_t key_tag;
    const char *signer; /* presentation form */
    uint32_t ttl;
    uint32_t original_ttl;
    int64_t inception;  /* Unix seconds (RFC 1982 resolved near the */
    int64_t expiration; /* reference time) */
    tp_link_status_t status;
    const char *reason;   /* one sentence when not valid, else NULL */
    size_t zone_index;    /* signer zone in tp_analysis.zones, or NONE */
    size_t key_index;     /* key in that zone's dnskeys, or NONE */
    const char **servers; /* addresses that served this RRSIG */
    size_t server_count;
} tp_an_rrsig_t;

/** One RRset (same owner, type, class and data) as served by one or more
 * servers. */
typedef struct tp_an_rrset {
    const char *name; /* presentation form */
    uint16_t type;
    uint32_t ttl;
    tp_status_t status;
    size_t zone_index;    /* zone that holds it, or NONE */
    const char **records; /* RDATA in presentation form */
    size_t record_count;
    tp_an_rrsig_t *rrsigs;
    size_t rrsig_count;
    const char **servers;
    size_t server_count;
    bool wildcard;         /* expanded from a wildcard (RRSIG labels) */
    size_t negative_index; /* wildcard: the proof in negatives, or NONE */
} tp_an_rrset_t;

typedef struct tp_an_ds {
    uint16_t key_tag;
    uint8_t algorithm;
    uint8_t digest_type;
    const char *digest; /* upper-case hex */
    uint32_t ttl;
    tp_link_status_t status; /* against the DNSKEY it names */
    const char *reason;      /* when not valid */
    size_t key_index;        /* in the child zone's dnskeys, or NONE */
} tp_an_ds_t;

typedef struct tp_an_dnskey {
    uint16_t tag;
    uint16_t flags;
    uint8_t protocol;
    uint8_t algorithm;
    unsigned bits; /* key size, 0 if unknown */
    uint32_t ttl;
    tp_key_role_t role;
    tp_status_t status; /* secure: authenticated by a DS/anchor and its
                           self-signature, or by a secure key's signature
                           over the DNSKEY RRset */
    bool is_anchor;     /* matches a configured trust anchor */
    bool has_ds;        /* a DS with a matching digest names it */
    bool revoked;
    bool sep;
    bool zone_key;
    bool self_signs;      /* has a valid signature over the DNSKEY RRset */
    bool signs_data;      /* has a valid signature over other data */
    bool missing;         /* placeholder: named by a DS or RRSIG, not served */
    const char *key;      /* base64 public key */
    const char **servers; /* addresses that served it */
    size_t server_count;
} tp_an_dnskey_t;

typedef struct tp_an_delegation {
    tp_status_t status; /* secure, insecure, bogus, lame, incomplete,
                           indeterminate; the anchor zone: secure when its
                           DNSKEY RRset is signed by an anchor key */
    tp_an_ds_t *ds;
    size_t ds_count;
    tp_an_rrsig_t *rrsigs; /* over the DS RRset, by the parent's keys */
    size_t rrsig_count;
    size_t negative_index; /* proof that there is no DS, or NONE */
    const char **ns;       /* NS names in the parent's referral */
    size_t ns_count;
    const char **glue; /* "ns1.example. 192.0.2.1" */
    size_t glue_count;
} tp_an_delegation_t;

typedef struct tp_an_zone {
    const char *name;    /* presentation form, "." for the root */
    const uint8_t *wire; /* wire form */
    size_t parent_index; /* NONE for the top zone */
    tp_status_t status;  /* the zone's keys: secure, insecure, bogus,
                            indeterminate */
    bool is_anchor_zone; /* a trust anchor is configured here */
    bool is_signed;      /* the zone serves DNSKEY records */
    tp_an_delegation_t delegation;
    tp_an_dnskey_t *dnskeys;
    size_t dnskey_count;
    tp_an_rrsig_t *dnskey_rrsigs; /* over the DNSKEY RRset */
    size_t dnskey_rrsig_count;
    uint32_t dnskey_ttl;
    tp_an_server_t *servers;
    size_t server_count;
    bool has_soa_serial;
    uint32_t soa_serial; /* the most common serial among the servers */
} tp_an_zone_t;

/** A negative answer (NXDOMAIN or NODATA) and its denial proof; also used
 * for the proof of no DS at a delegation and for wildcard proofs. */
typedef struct tp_an_negative {
    const char *name; /* queried name */
    uint16_t type;    /* queried type */
    const char *kind; /* tp_denial_kind_name(): "nxdomain", "nodata",
                         "insecure-referral", "wildcard-answer", ... */
    uint16_t rcode;
    size_t zone_index;             /* zone that gave it */
    tp_status_t status;            /* secure: proof holds and every record is
                                      validly signed; insecure: zone insecure or
                                      opt-out; bogus; indeterminate */
    const char *mechanism;         /* "nsec", "nsec3", "none" */
    tp_link_status_t proof_status; /* VALID, OPT_OUT, INVALID, NOT_CHECKED */
    const char *reason;            /* when the proof fails */
    const char **facts;            /* "NSEC a.example. -> c.example. covers
                                      b.example." */
    size_t fact_count;
    tp_an_rrset_t *records; /* NSEC/NSEC3 RRsets with their RRSIGs */
    size_t record_count;
    tp_an_rrset_t *soa; /* the SOA of the answer, or NULL */
    const char **servers;
    size_t server_count;
    bool at_name; /* an answer about the name or a CNAME target (counts in
                     the verdict), not a DS proof or a zone probe */
} tp_an_negative_t;

/* ---- Links ----------------------------------------------------------------
 */

typedef enum {
    TP_NODE_NONE = 0,
    TP_NODE_ANCHOR,   /* zone = zone index, index = anchor number */
    TP_NODE_DS,       /* zone = child zone index, index = delegation.ds[] */
    TP_NODE_DNSKEY,   /* zone = zone index, index = dnskeys[] */
    TP_NODE_RRSET,    /* zone = NONE, index = tp_analysis.rrsets[] */
    TP_NODE_NEGATIVE, /* zone = NONE, index = tp_analysis.negatives[] */
    TP_NODE_ZONE,     /* zone = zone index, index = NONE */
    TP_NODE_SERVER    /* zone = zone index, index = servers[] */
} tp_an_node_kind_t;

typedef struct tp_an_node {
    tp_an_node_kind_t kind;
    size_t zone;
    size_t index;
} tp_an_node_t;

typedef enum {
    TP_LINKKIND_ANCHOR = 0, /* trust anchor -> DNSKEY (matches) */
    TP_LINKKIND_DS,         /* DS -> DNSKEY (digest) */
    TP_LINKKIND_RRSIG,      /* DNSKEY -> DNSKEY set / DS / RRset / NSEC */
    TP_LINKKIND_PROOF       /* negative answer's proof (to = NEGATIVE) */
} tp_an_link_kind_t;

/** "from authenticates to". For RRSIG links, `rrsig` says which signature:
 * the index in to's RRSIG list (DNSKEY: zone.dnskey_rrsigs, DS:
 * delegation.rrsigs, RRSET: rrsets[].rrsigs, NEGATIVE: the record
 * records[record].rrsigs). */
typedef struct tp_an_link {
    tp_an_link_kind_t kind;
    tp_an_node_t from;
    tp_an_node_t to;
    tp_link_status_t status;
    const char *reason; /* when not valid */
    size_t rrsig;       /* RRSIG links, else NONE */
    size_t record;      /* NEGATIVE targets: records[] index, else NONE */
} tp_an_link_t;

/* ---- Diagnostics ----------------------------------------------------------
 */

/** One finding. rfc, fix, ede and meaning come from tp_diag_info(code). */
typedef struct tp_an_diag {
    tp_diag_code_t code;
    tp_severity_t severity; /* the catalogue default unless raised */
    const char *zone;       /* presentation form, or NULL */
    const char **servers;   /* addresses that showed it (empty: all/none) */
    size_t server_count;
    const char *message;  /* names the concrete records, tags, times */
    tp_an_node_t subject; /* what it is about, kind NONE if nothing */
} tp_an_diag_t;

/* ---- The analysis of one name ------------------------------------------- */

typedef struct tp_analysis {
    const char *name;    /* presentation form */
    const uint8_t *wire; /* wire form */
    tp_status_t status;  /* the name's verdict */
    int64_t reference_time;
    /* Earliest expiration of any signature the verdict depends on (DS
     * RRSIGs at each parent, DNSKEY RRSIGs, answer RRSIGs, denial), 0 when
     * none; the signature is described in earliest_expiration_of. */
    int64_t earliest_expiration;
    const char *earliest_expiration_of; /* "RRSIG DNSKEY example. 31406" */
    const char *rcode;  /* "NOERROR", "NXDOMAIN", or NULL (no answer) */
    size_t answer_zone; /* index of the zone holding the name, or NONE */

    tp_an_zone_t *zones; /* from the anchor zone down to answer_zone */
    size_t zone_count;
    tp_an_rrset_t *rrsets; /* RRsets at the name (answers, CNAME chain) */
    size_t rrset_count;
    tp_an_negative_t *negatives; /* negative answers and no-DS proofs */
    size_t negative_count;
    tp_an_link_t *links;
    size_t link_count;
    tp_an_diag_t *diags; /* errors first, then warnings, then notices */
    size_t diag_count;
    /* The name as seen through each server of the answer zone. */
    tp_an_server_t *servers;
    size_t server_count;
    uint64_t signatures_checked; /* cryptographic verifications done */
} tp_analysis_t;

/* ---- Running it -----------------------------------------------------------
 */

typedef struct tp_analysis_opts {
    int64_t now;           /* reference time, Unix seconds (--at) */
    int64_t warn_expiry_s; /* RRSIG_EXPIRES_SOON and CHAIN_EXPIRES_SOON
                              threshold (default 7 days; 0 = off) */
    int64_t clock_skew_s;  /* RRSIG_INCEPTION_WITHIN_SKEW (default 300) */
    uint32_t nsec3_max_iterations; /* NSEC3 budget (denial.h default) */
    uint64_t max_crypto;          /* signature checks per name, 0 = unlimited */
    bool check_private_addresses; /* DELEGATION_NS_PRIVATE_ADDRESS (off
                                     for private testbeds) */
    const uint16_t *types;        /* types to judge at the name; NULL: the
                                     capture's types, else every type answered */
    size_t type_count;
    /* DS pre-flight: when ds_override_zone is set, the DS RRset of that zone
     * is taken to be exactly ds_override (ds_override_count records, type
     * DS, possibly none) as if its parent served it, validly signed, from
     * every server; what the parent really serves is not looked at. */
    const uint8_t *ds_override_zone; /* wire form, or NULL (off) */
    const tp_rr_t *ds_override;
    size_t ds_override_count;
} tp_analysis_opts_t;

/** Defaults for everything but now. */
void tp_analysis_opts_init(tp_analysis_opts_t *opts, int64_t now);

/** Trust anchors: DS and/or DNSKEY records in zone-file format (the
 * --trust-anchor file, or the capture's "trust_anchors"). Other record
 * types are skipped. Records go to out (arena-owned). TP_ESYNTAX with
 * err_out filled for bad text; TP_ENOTFOUND when no DS/DNSKEY is there. */
TP_NODISCARD tp_err_t tp_anchors_parse(const char *text, size_t len,
                                       tp_arena_t *arena, tp_rrlist_t *out,
                                       tp_text_error_t *err_out);

/** An analyzer over one capture: parses each response once, indexes the
 * responses by zone and name, caches parsed keys and remembers signature
 * checks, then analyzes names one by one (the names of a capture share
 * zones: the later ones reuse that work). One thread at a time: runs
 * update the caches. */
typedef struct tp_analyzer tp_analyzer_t;

/** cap and anchors are borrowed and must outlive the analyzer; opts is
 * copied. TP_EINVAL for NULL arguments or no anchors, TP_EMALFORMED never
 * (bad responses are findings), TP_ENOMEM. */
TP_NODISCARD tp_err_t tp_analyzer_new(const tp_capture_t *cap,
                                      const tp_rrlist_t *anchors,
                                      const tp_analysis_opts_t *opts,
                                      tp_analyzer_t **out);
void tp_analyzer_free(tp_analyzer_t *an); /* NULL is a no-op */

/** Analyze one name (wire form). *out and everything it points to live in
 * arena. A name the capture says nothing about gives an INDETERMINATE
 * analysis with ANALYSIS_NO_RESPONSE, not an error. */
TP_NODISCARD tp_err_t tp_analyzer_run(tp_analyzer_t *an, const uint8_t *name,
                                      tp_arena_t *arena, tp_analysis_t **out);

/** One-shot: tp_analyzer_new + tp_analyzer_run + tp_analyzer_free. */
TP_NODISCARD tp_err_t tp_analyze(const tp_capture_t *cap,
                                 const tp_rrlist_t *anchors,
                                 const tp_analysis_opts_t *opts,
                                 const uint8_t *name, tp_arena_t *arena,
                                 tp_analysis_t **out);

/* ---- DS as served by each parent server (pre-flight, after an upload) -- */

/** What one server of the parent said about a zone's DS RRset. */
typedef struct tp_ds_view {
    const char *server; /* address */
    bool answered;      /* a parseable NOERROR or NXDOMAIN response */
    size_t ds_count;    /* DS records served (0: none) */
    bool same;          /* the set equals the reference set */
} tp_ds_view_t;

/** For every server asked for the DS RRset of zone (wire form) in the
 * capture: whether it answered, how many DS records it served and whether
 * that set equals want (want_count records; when want is NULL, the set of
 * the first server that served DS records). The last response of a server
 * counts. Views live in arena, in the order the servers were asked.
 * TP_EINVAL for NULL arguments, TP_ENOMEM. */
TP_NODISCARD tp_err_t tp_analyzer_ds_views(tp_analyzer_t *an,
                                           const uint8_t *zone,
                                           const tp_rr_t *want,
                                           size_t want_count, tp_arena_t *arena,
                                           tp_ds_view_t **out,
                                           size_t *count_out);

/* ---- Helpers for renderers ------------------------------------------------
 */

/** Worst severity among the diagnostics, or -1 when there are none. */
int tp_analysis_worst_severity(const tp_analysis_t *a);
/** Number of diagnostics with this code (tests, monitoring). */
size_t tp_analysis_count_code(const tp_analysis_t *a, tp_diag_code_t code);
/** Zone by presentation name ("example."), or NULL. */
const tp_an_zone_t *tp_analysis_zone(const tp_analysis_t *a, const char *name);

#endif /* TRUSTPATH_ANALYSIS_H */
