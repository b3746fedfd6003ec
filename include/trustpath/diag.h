/* The diagnostics catalogue: every finding the analyzer can report, in one
 * table. A code string is public and stable (users grep and alert on it):
 * rows are appended, never renamed or removed. Each row gives the family,
 * the default severity, the Extended DNS Error (RFC 8914) a validating
 * resolver would most likely return for it (TP_EDE_NONE when the finding
 * does not make a resolver fail), the RFC reference, a one-sentence meaning
 * and the fix. docs/diagnostics.md is generated from this table. */
#ifndef TRUSTPATH_DIAG_H
#define TRUSTPATH_DIAG_H

#include <stddef.h>

#include "trustpath/bytes.h"
#include "trustpath/err.h"

typedef enum {
    TP_SEV_NOTICE = 0, /* information: nothing to fix, or a good-to-know */
    TP_SEV_WARNING,    /* works today; a risk, a SHOULD, or a best practice */
    TP_SEV_ERROR       /* breaks validation or resolution somewhere */
} tp_severity_t;

/* Families group codes in the documentation and the renderers. */
typedef enum {
    TP_FAM_RRSIG,
    TP_FAM_DNSKEY,
    TP_FAM_DS,
    TP_FAM_ANCHOR,
    TP_FAM_DENIAL,
    TP_FAM_NSEC3,
    TP_FAM_DELEGATION,
    TP_FAM_SERVER,
    TP_FAM_CONSISTENCY,
    TP_FAM_CDS,
    TP_FAM_POLICY,
    TP_FAM_ZONEDATA,
    TP_FAM_ANALYSIS,
    TP_FAM_COUNT
} tp_diag_family_t;

/* RFC 8914 / IANA Extended DNS Error codes the catalogue refers to. */
#define TP_EDE_NONE                 (-1)
#define TP_EDE_OTHER                0
#define TP_EDE_UNSUPPORTED_ALG      1
#define TP_EDE_UNSUPPORTED_DIGEST   2
#define TP_EDE_INDETERMINATE        5
#define TP_EDE_BOGUS                6
#define TP_EDE_SIG_EXPIRED          7
#define TP_EDE_SIG_NOT_YET_VALID    8
#define TP_EDE_DNSKEY_MISSING       9
#define TP_EDE_RRSIGS_MISSING       10
#define TP_EDE_NO_ZONE_KEY_BIT      11
#define TP_EDE_NSEC_MISSING         12
#define TP_EDE_NOT_AUTHORITATIVE    20
#define TP_EDE_NO_REACHABLE_AUTH    22
#define TP_EDE_NETWORK_ERROR        23
#define TP_EDE_INVALID_DATA         24
#define TP_EDE_EXPIRED_BEFORE_VALID 25
#define TP_EDE_NSEC3_ITERATIONS     27

/* X(code, family, severity, ede, rfc, meaning, fix): family and severity
 * are the suffixes of TP_FAM_* and TP_SEV_*. */
#define TP_DIAG_MAP(X)                                                         \
    /* ---- RRSIG ----------------------------------------------------------   \
     */                                                                        \
    X(RRSIG_EXPIRED, RRSIG, ERROR, TP_EDE_SIG_EXPIRED, "RFC 4035 5.3.1",       \
      "The signature's expiration time is before the reference time.",         \
      "Re-sign the zone and check that the signer's automatic re-signing "     \
      "runs.")                                                                 \
    X(RRSIG_NOT_YET_VALID, RRSIG, ERROR, TP_EDE_SIG_NOT_YET_VALID,             \
      "RFC 4035 5.3.1",                                                        \
      "The signature's inception time is after the reference time.",           \
      "Check the signer's clock; back-date inception (e.g. one hour) when "    \
      "signing.")                                                              \
    X(RRSIG_INCEPTION_AFTER_EXPIRATION, RRSIG, ERROR,                          \
      TP_EDE_EXPIRED_BEFORE_VALID, "RFC 4034 3.1.5",                           \
      "The signature's inception is later than its expiration, "               \
      "so it is never valid.",                                                 \
      "Fix the signer's validity settings and re-sign.")                       \
    X(RRSIG_EXPIRES_SOON, RRSIG, WARNING, TP_EDE_NONE, "RFC 6781 4.4.2",       \
      "The signature expires within the warning threshold.",                   \
      "Make sure re-signing happens well before expiry (at least the TTL "     \
      "plus "                                                                  \
      "propagation time ahead).")                                              \
    X(RRSIG_INCEPTION_WITHIN_SKEW, RRSIG, WARNING, TP_EDE_NONE,                \
      "RFC 6781 4.4.2.1",                                                      \
      "The signature became valid only moments before the reference time; "    \
      "resolvers whose clock is slightly behind reject it.",                   \
      "Back-date signature inception by at least an hour.")                    \
    X(RRSIG_BAD_SIGNATURE, RRSIG, ERROR, TP_EDE_BOGUS, "RFC 4035 5.3.3",       \
      "The signature does not verify with the DNSKEY it names.",               \
      "Re-sign the RRset; check that no server serves stale or hand-edited "   \
      "data and that the zone was not changed after signing.")                 \
    X(RRSIG_SIGNER_NOT_ZONE, RRSIG, ERROR, TP_EDE_BOGUS, "RFC 4035 5.3.1",     \
      "The signer name is not the apex of the zone that holds the RRset.",     \
      "Sign the RRset with the keys of the zone it belongs to.")               \
    X(RRSIG_LABELS_EXCEED_OWNER, RRSIG, ERROR, TP_EDE_BOGUS, "RFC 4034 3.1.3", \
      "The Labels field is larger than the number of labels of the owner "     \
      "name.",                                                                 \
      "Re-sign the RRset with a correct signer.")                              \
    X(RRSIG_NO_MATCHING_DNSKEY, RRSIG, WARNING, TP_EDE_DNSKEY_MISSING,         \
      "RFC 4035 5.3.1",                                                        \
      "No DNSKEY in the zone's DNSKEY RRset has the signature's key tag and "  \
      "algorithm, so the signature cannot be checked.",                        \
      "Publish the signing key in the DNSKEY RRset, or remove the orphan "     \
      "signatures.")                                                           \
    X(RRSIG_KEY_REVOKED, RRSIG, ERROR, TP_EDE_BOGUS, "RFC 5011 2.1",           \
      "The RRset is signed by a key with the REVOKE flag, which validates "    \
      "nothing but the DNSKEY RRset.",                                         \
      "Sign the zone with a key that is not revoked.")                         \
    X(RRSIG_KEY_NOT_ZONE_KEY, RRSIG, ERROR, TP_EDE_NO_ZONE_KEY_BIT,            \
      "RFC 4034 2.1.1",                                                        \
      "The signing DNSKEY does not have the Zone Key flag, so it cannot sign " \
      "zone data.",                                                            \
      "Set flag 256 on the key (publish it as a zone key) and re-sign.")       \
    X(RRSIG_BAD_LENGTH, RRSIG, ERROR, TP_EDE_BOGUS, "RFC 6605 4, RFC 8080 3",  \
      "The signature length does not match its algorithm.",                    \
      "Re-sign the RRset; check the signer implementation.")                   \
    X(RRSIG_ALGORITHM_UNSUPPORTED, RRSIG, WARNING, TP_EDE_UNSUPPORTED_ALG,     \
      "RFC 4035 5.2",                                                          \
      "The signature uses an algorithm this validator cannot "                 \
      "verify; resolvers treat such data as insecure.",                        \
      "Sign with a widely implemented algorithm (13 or 8, or 15).")            \
    X(RRSIG_TTL_MISMATCH, RRSIG, WARNING, TP_EDE_NONE, "RFC 4035 2.2",         \
      "The RRSIG's TTL differs from the TTL of the RRset it covers.",          \
      "Serve the RRSIG with the same TTL as the RRset.")                       \
    X(RRSIG_TTL_EXCEEDS_ORIGINAL, RRSIG, WARNING, TP_EDE_NONE,                 \
      "RFC 4035 5.3.3",                                                        \
      "The RRset's or RRSIG's TTL is larger than the signature's Original "    \
      "TTL.",                                                                  \
      "Re-sign after changing TTLs; servers must not raise TTLs of signed "    \
      "data.")                                                                 \
    X(RRSIG_TTL_BEYOND_EXPIRATION, RRSIG, WARNING, TP_EDE_NONE,                \
      "RFC 4035 5.3.3",                                                        \
      "The reference time plus the TTL passes the signature's expiration, so " \
      "caches may keep the data after it expires.",                            \
      "Re-sign earlier: keep the remaining validity larger than the TTL.")     \
    X(RRSIG_VALIDITY_TOO_SHORT, RRSIG, WARNING, TP_EDE_NONE, "RFC 6781 4.4.2", \
      "The signature validity period is shorter than twice the Original TTL, " \
      "which leaves no safe re-signing margin.",                               \
      "Lengthen the validity period or lower the TTL.")                        \
    X(RRSIG_VALIDITY_TOO_LONG, RRSIG, NOTICE, TP_EDE_NONE, "RFC 6781 4.4.2.2", \
      "The signature validity period exceeds 180 days, which widens the "      \
      "replay "                                                                \
      "window.",                                                               \
      "Use validity periods of weeks, not months.")                            \
    X(RRSIG_EXPIRES_BEFORE_SOA_EXPIRE, RRSIG, NOTICE, TP_EDE_NONE,             \
      "RFC 6781 4.4.2",                                                        \
      "The signature expires before the SOA EXPIRE timer: a secondary that "   \
      "lost "                                                                  \
      "its primary would serve expired signatures.",                           \
      "Keep the signature validity longer than the SOA EXPIRE value.")         \
    X(RRSIG_MISSING, RRSIG, ERROR, TP_EDE_RRSIGS_MISSING, "RFC 4035 3.1.1",    \
      "An RRset from a signed zone came without any RRSIG.",                   \
      "Make every server sign (or serve the signed zone) and answer DO "       \
      "queries "                                                               \
      "with signatures.")                                                      \
    X(RRSIG_MISSING_FOR_ALGORITHM, RRSIG, WARNING, TP_EDE_NONE,                \
      "RFC 4035 2.2",                                                          \
      "An algorithm present in the zone's DNSKEY RRset has no signature over " \
      "this RRset.",                                                           \
      "Sign every RRset with every algorithm in the DNSKEY RRset (finish or "  \
      "roll back the algorithm rollover).")                                    \
    X(CHAIN_EXPIRES_SOON, RRSIG, WARNING, TP_EDE_NONE, "RFC 4035 5.3.1",       \
      "The earliest signature expiration on the chain of trust is within the " \
      "warning threshold: the name turns bogus then unless it is re-signed.",  \
      "Re-sign the zone named in the message before that time.")               \
    /* ---- DNSKEY ---------------------------------------------------------   \
     */                                                                        \
    X(DNSKEY_MISSING_FROM_SERVERS, DNSKEY, ERROR, TP_EDE_DNSKEY_MISSING,       \
      "RFC 4035 2.1",                                                          \
      "A DNSKEY is served by some of the zone's servers but not "              \
      "by others.",                                                            \
      "Synchronise the servers (zone transfer, multi-signer key exchange).")   \
    X(DNSKEY_RRSET_MISSING, DNSKEY, ERROR, TP_EDE_DNSKEY_MISSING,              \
      "RFC 4035 5.2",                                                          \
      "The parent has DS records but the zone answers without a DNSKEY "       \
      "RRset.",                                                                \
      "Publish the DNSKEY RRset, or remove the DS at the parent.")             \
    X(DNSKEY_NOT_SIGNED_BY_DS_KEY, DNSKEY, ERROR, TP_EDE_DNSKEY_MISSING,       \
      "RFC 4035 5.2",                                                          \
      "No key that a DS record points to has a valid signature "               \
      "over the DNSKEY RRset.",                                                \
      "Sign the DNSKEY RRset with the key the DS names, or upload a DS for "   \
      "the "                                                                   \
      "key that signs it.")                                                    \
    X(DNSKEY_REVOKED, DNSKEY, NOTICE, TP_EDE_NONE, "RFC 5011 2.1",             \
      "The key has the REVOKE flag set (a trust anchor rollover is in "        \
      "progress).",                                                            \
      "Nothing, if the rollover is intended; remove the key after the "        \
      "hold-down.")                                                            \
    X(DNSKEY_REVOKED_NOT_SELF_SIGNING, DNSKEY, ERROR, TP_EDE_NONE,             \
      "RFC 5011 2.1",                                                          \
      "A revoked key does not sign the DNSKEY RRset, so resolvers cannot "     \
      "accept "                                                                \
      "the revocation.",                                                       \
      "Sign the DNSKEY RRset with the revoked key as well.")                   \
    X(DNSKEY_BAD_LENGTH, DNSKEY, ERROR, TP_EDE_BOGUS,                          \
      "RFC 6605 4, RFC 8080 3",                                                \
      "The public key length does not match its algorithm (or is empty).",     \
      "Regenerate the key and re-publish it.")                                 \
    X(DNSKEY_RSA_SHORT, DNSKEY, WARNING, TP_EDE_NONE, "RFC 8624 3.1",          \
      "The RSA modulus is shorter than 2048 bits.",                            \
      "Use 2048-bit RSA keys, or better an elliptic-curve algorithm (13, "     \
      "15).")                                                                  \
    X(DNSKEY_NO_ZONE_BIT, DNSKEY, ERROR, TP_EDE_NO_ZONE_KEY_BIT,               \
      "RFC 4034 2.1.1",                                                        \
      "A DS record or signature points to a DNSKEY without the Zone Key "      \
      "flag.",                                                                 \
      "Publish the key with flags 256 or 257.")                                \
    X(DNSKEY_BAD_PROTOCOL, DNSKEY, ERROR, TP_EDE_BOGUS, "RFC 4034 2.1.2",      \
      "The DNSKEY's protocol field is not 3.",                                 \
      "Publish the key with protocol 3.")                                      \
    X(DNSKEY_NOT_AT_APEX, DNSKEY, ERROR, TP_EDE_NONE, "RFC 4035 2.1",          \
      "A DNSKEY RRset exists at a name that is not a zone apex.",              \
      "Remove the DNSKEY records from below the apex.")                        \
    X(DNSKEY_UNUSED, DNSKEY, NOTICE, TP_EDE_NONE, "RFC 7583 3",                \
      "The key has no DS and signs nothing (a stand-by or pre-published "      \
      "key).",                                                                 \
      "Nothing if intended; remove keys that are no longer part of a "         \
      "rollover.")                                                             \
    X(DNSKEY_RESPONSE_LARGE, DNSKEY, NOTICE, TP_EDE_NONE, "RFC 8901 8",        \
      "The DNSKEY response exceeds 1232 octets and may be truncated or "       \
      "fragmented over UDP.",                                                  \
      "Use fewer or smaller keys (an elliptic-curve algorithm).")              \
    X(DNSKEY_TTL_EXCEEDS_VALIDITY, DNSKEY, WARNING, TP_EDE_NONE,               \
      "RFC 6781 4.1.1",                                                        \
      "The DNSKEY TTL is longer than the remaining validity of the "           \
      "signatures "                                                            \
      "over the DNSKEY RRset.",                                                \
      "Lower the DNSKEY TTL or re-sign the DNSKEY RRset with a longer "        \
      "validity.")                                                             \
    /* ---- DS -------------------------------------------------------------   \
     */                                                                        \
    X(DS_DIGEST_MISMATCH, DS, ERROR, TP_EDE_BOGUS, "RFC 4035 5.2",             \
      "The DS digest does not match the DNSKEY with the same key tag and "     \
      "algorithm.",                                                            \
      "Upload a DS computed from the current key (e.g. from its CDS), or "     \
      "restore the key the DS was made from.")                                 \
    X(DS_NO_MATCHING_DNSKEY, DS, WARNING, TP_EDE_DNSKEY_MISSING,               \
      "RFC 4035 5.2",                                                          \
      "A DS record names a key tag and algorithm that no DNSKEY in the zone "  \
      "has.",                                                                  \
      "Remove stale DS records at the parent, or publish the key.")            \
    X(DS_ALGORITHM_UNSUPPORTED, DS, WARNING, TP_EDE_UNSUPPORTED_ALG,           \
      "RFC 4035 5.2",                                                          \
      "The DS algorithm cannot be validated; a resolver treats a delegation "  \
      "with only such DS records as insecure.",                                \
      "Roll the zone to a supported algorithm (13, 8 or 15).")                 \
    X(DS_DIGEST_UNSUPPORTED, DS, WARNING, TP_EDE_UNSUPPORTED_DIGEST,           \
      "RFC 4035 5.2",                                                          \
      "The DS digest type cannot be validated and is ignored.",                \
      "Publish a SHA-256 (digest type 2) DS record.")                          \
    X(DS_BAD_DIGEST_LENGTH, DS, ERROR, TP_EDE_BOGUS, "RFC 4509 2.2",           \
      "The digest length does not match the DS digest type.",                  \
      "Replace the DS record at the parent with a correct one.")               \
    X(DS_SHA1_IGNORED, DS, NOTICE, TP_EDE_NONE, "RFC 4509 3",                  \
      "A SHA-1 DS is ignored because a SHA-256 DS exists for the same key.",   \
      "Remove the SHA-1 DS record.")                                           \
    X(DS_DIGEST_SHA1, DS, WARNING, TP_EDE_NONE, "RFC 8624 3.3",                \
      "A DS record uses SHA-1, which must no longer be used to create DS "     \
      "records.",                                                              \
      "Replace it with a SHA-256 DS record.")                                  \
    X(DS_DIGEST_GOST, DS, WARNING, TP_EDE_NONE, "RFC 8624 3.3, RFC 9906",      \
      "A DS record uses GOST R 34.11-94, which must not be used and that "     \
      "many "                                                                  \
      "resolvers cannot check.",                                               \
      "Replace it with a SHA-256 DS record.")                                  \
    X(DS_KEY_REVOKED, DS, ERROR, TP_EDE_BOGUS, "RFC 5011 2.1",                 \
      "A DS record points to a revoked key.",                                  \
      "Remove this DS at the parent; upload a DS for the current KSK.")        \
    X(DS_QUERY_REFERRAL, DS, ERROR, TP_EDE_BOGUS, "RFC 4035 3.1.4.1",          \
      "A server answered the DS query with a referral instead of the "         \
      "parent's "                                                              \
      "answer.",                                                               \
      "Serve the parent zone authoritatively on that server.")                 \
    X(DS_ABSENCE_NOT_PROVEN, DS, ERROR, TP_EDE_NSEC_MISSING, "RFC 4035 5.2",   \
      "The parent is signed but neither gives a DS nor proves with a valid "   \
      "NSEC/NSEC3 that there is none.",                                        \
      "Fix the parent's denial of existence for the delegation.")              \
    X(DS_INCONSISTENT_BETWEEN_SERVERS, DS, WARNING, TP_EDE_NONE,               \
      "RFC 4035 5.2", "The parent's servers return different DS RRsets.",      \
      "Wait for the parent's servers to converge, or report it to the "        \
      "registry.")                                                             \
    /* ---- Trust anchor ---------------------------------------------------   \
     */                                                                        \
    X(ANCHOR_NO_MATCHING_KEY, ANCHOR, ERROR, TP_EDE_DNSKEY_MISSING,            \
      "RFC 4035 5",                                                            \
      "No key of the zone's DNSKEY RRset matches a configured trust anchor.",  \
      "Update the trust anchor (RFC 5011 or the IANA root anchors).")          \
    X(ANCHOR_NOT_SIGNING, ANCHOR, ERROR, TP_EDE_DNSKEY_MISSING, "RFC 4035 5",  \
      "No trust-anchor key has a valid signature over the zone's DNSKEY "      \
      "RRset.",                                                                \
      "Sign the DNSKEY RRset with the anchored key, or update the anchor.")    \
    X(ANCHOR_REVOKED, ANCHOR, WARNING, TP_EDE_NONE, "RFC 5011 2.1",            \
      "A key that matches a trust anchor is revoked.",                         \
      "Remove the revoked key from the configured trust anchors.")             \
    /* ---- Denial of existence ------------------------------------------- */ \
    X(DENIAL_MISSING, DENIAL, ERROR, TP_EDE_NSEC_MISSING, "RFC 4035 3.1.3",    \
      "A negative answer from a signed zone has no NSEC or NSEC3 records.",    \
      "Serve the signed zone with its NSEC/NSEC3 chain on every server.")      \
    X(DENIAL_SNAME_NOT_COVERED, DENIAL, ERROR, TP_EDE_BOGUS, "RFC 4035 5.4",   \
      "No NSEC or NSEC3 record covers the queried name of an NXDOMAIN "        \
      "answer.",                                                               \
      "Re-sign the zone so that its denial chain is complete.")                \
    X(DENIAL_NEXT_CLOSER_NOT_COVERED, DENIAL, ERROR, TP_EDE_BOGUS,             \
      "RFC 5155 8.4",                                                          \
      "No NSEC3 record covers the hash of the next closer name.",              \
      "Re-sign the zone so that its NSEC3 chain is complete.")                 \
    X(DENIAL_NO_CLOSEST_ENCLOSER, DENIAL, ERROR, TP_EDE_BOGUS, "RFC 5155 8.3", \
      "No NSEC3 record matches the closest encloser of the queried name.",     \
      "Re-sign the zone so that its NSEC3 chain is complete.")                 \
    X(DENIAL_WILDCARD_NOT_COVERED, DENIAL, ERROR, TP_EDE_BOGUS,                \
      "RFC 4035 5.4",                                                          \
      "The answer does not prove that no wildcard could have matched.",        \
      "Re-sign the zone so that its denial chain is complete.")                \
    X(DENIAL_NO_MATCHING_RECORD, DENIAL, ERROR, TP_EDE_BOGUS,                  \
      "RFC 4035 3.1.3.1",                                                      \
      "A NODATA answer has no NSEC or NSEC3 record matching the queried "      \
      "name.",                                                                 \
      "Re-sign the zone; check that the server includes the matching record.") \
    X(DENIAL_TYPE_IN_BITMAP, DENIAL, ERROR, TP_EDE_BOGUS,                      \
      "RFC 4035 5.4, RFC 6840 4.3",                                            \
      "A NODATA answer's NSEC/NSEC3 bitmap lists the queried type (or "        \
      "CNAME).",                                                               \
      "Re-sign the zone; the denial data is stale or wrong.")                  \
    X(DENIAL_SNAME_COVERED, DENIAL, ERROR, TP_EDE_BOGUS, "RFC 4035 3.1.3.1",   \
      "A NODATA answer comes with a record that denies the name itself.",      \
      "Re-sign the zone; the denial data contradicts the answer.")             \
    X(DENIAL_WILDCARD_EXPANSION_INVALID, DENIAL, ERROR, TP_EDE_BOGUS,          \
      "RFC 4035 5.3.4",                                                        \
      "A wildcard answer comes with no proof that the queried "                \
      "name does not exist.",                                                  \
      "Serve the NSEC/NSEC3 record that proves the wildcard expansion.")       \
    X(DENIAL_WILDCARD_COVERED, DENIAL, ERROR, TP_EDE_BOGUS,                    \
      "RFC 4035 3.1.3.3",                                                      \
      "A wildcard answer is contradicted by a record that denies the "         \
      "wildcard.",                                                             \
      "Re-sign the zone; the denial data is inconsistent.")                    \
    X(DENIAL_OPT_OUT_NOT_SET, DENIAL, ERROR, TP_EDE_BOGUS, "RFC 5155 8.6",     \
      "The proof relies on a covering NSEC3 record without the Opt-Out flag.", \
      "Re-sign the zone; the NSEC3 chain is incomplete.")                      \
    X(DENIAL_DS_PROOF_HAS_DS, DENIAL, ERROR, TP_EDE_BOGUS, "RFC 4035 5.2",     \
      "The proof that no DS exists lists DS in its type bitmap.",              \
      "Re-sign the parent zone; its denial data is stale.")                    \
    X(DENIAL_DS_PROOF_HAS_SOA, DENIAL, ERROR, TP_EDE_BOGUS, "RFC 6840 4.4",    \
      "The proof that no DS exists comes from the child zone (SOA in the "     \
      "bitmap), not from the parent.",                                         \
      "Make the parent's servers answer DS queries from the parent zone.")     \
    X(DENIAL_DS_PROOF_NO_NS, DENIAL, ERROR, TP_EDE_BOGUS, "RFC 6840 4.4",      \
      "The proof that no DS exists does not show a delegation (no NS in the "  \
      "bitmap).",                                                              \
      "Fix the delegation in the parent zone and re-sign it.")                 \
    X(DENIAL_FROM_ANCESTOR_DELEGATION, DENIAL, ERROR, TP_EDE_BOGUS,            \
      "RFC 6840 4.1",                                                          \
      "An NSEC/NSEC3 at a delegation point is used to deny a name below it.",  \
      "Re-sign the zone; the denial data is inconsistent.")                    \
    X(DENIAL_EXISTING_NAME_COVERED, DENIAL, ERROR, TP_EDE_BOGUS, "RFC 8198 5", \
      "A denial proof covers a name that exists according to another answer.", \
      "Re-sign the zone; resolvers using aggressive caching would hide the "   \
      "name.")                                                                 \
    X(DENIAL_EXISTING_TYPE_NOT_IN_BITMAP, DENIAL, ERROR, TP_EDE_BOGUS,         \
      "RFC 8198 5",                                                            \
      "A denial bitmap omits a type that exists according to another answer.", \
      "Re-sign the zone; resolvers using aggressive caching would hide the "   \
      "data.")                                                                 \
    X(DENIAL_PROOF_INVALID, DENIAL, ERROR, TP_EDE_BOGUS, "RFC 4035 5.4",       \
      "The negative answer's proof does not hold (see the message).",          \
      "Re-sign the zone so that its denial chain is complete and current.")    \
    X(NSEC_LAST_NEXT_NOT_APEX, DENIAL, ERROR, TP_EDE_NONE, "RFC 4034 4.1.1",   \
      "The last NSEC record's next name is not the zone apex.",                \
      "Re-sign the zone so that the NSEC chain closes at the apex.")           \
    X(NSEC_BITMAP_MALFORMED, DENIAL, ERROR, TP_EDE_BOGUS, "RFC 4034 4.1.2",    \
      "An NSEC/NSEC3 type bitmap is malformed.",                               \
      "Re-sign the zone with a correct signer.")                               \
    X(NSEC_BITMAP_INCOMPLETE, DENIAL, WARNING, TP_EDE_NONE, "RFC 4034 4.1.2",  \
      "An NSEC bitmap lacks NSEC or RRSIG, which every signed name has.",      \
      "Re-sign the zone with a correct signer.")                               \
    X(NSEC_TTL_MISMATCH, DENIAL, NOTICE, TP_EDE_NONE, "RFC 9077 3",            \
      "The NSEC/NSEC3 TTL is not the minimum of the SOA TTL and SOA MINIMUM.", \
      "Upgrade the signer or set the NSEC TTL to min(SOA TTL, SOA MINIMUM).")  \
    X(NSEC_COMPACT_DENIAL, DENIAL, NOTICE, TP_EDE_NONE, "RFC 9824",            \
      "The zone uses compact denial of existence (NODATA with NXNAME instead " \
      "of "                                                                    \
      "NXDOMAIN).",                                                            \
      "Nothing: this is a valid denial method.")                               \
    X(NSEC_MIXED_WITH_NSEC3, DENIAL, WARNING, TP_EDE_NONE, "RFC 5155 7.1",     \
      "Servers of the same zone deny with both NSEC and NSEC3.",               \
      "Use one denial method on every server.")                                \
    /* ---- NSEC3 parameters (RFC 5155, RFC 9276) ------------------------ */  \
    X(NSEC3_ITERATIONS_NONZERO, NSEC3, WARNING, TP_EDE_NONE, "RFC 9276 3.1",   \
      "NSEC3 uses additional hash iterations; they cost resolvers work and "   \
      "add "                                                                   \
      "no protection.",                                                        \
      "Set NSEC3 iterations to 0.")                                            \
    X(NSEC3_ITERATIONS_EXCESSIVE, NSEC3, ERROR, TP_EDE_NSEC3_ITERATIONS,       \
      "RFC 9276 3.2",                                                          \
      "NSEC3 iterations are above the limit of common "                        \
      "resolvers, which treat the answers as insecure or fail them.",          \
      "Set NSEC3 iterations to 0.")                                            \
    X(NSEC3_SALT_PRESENT, NSEC3, WARNING, TP_EDE_NONE, "RFC 9276 3.1",         \
      "NSEC3 uses a salt, which adds no protection.",                          \
      "Use an empty salt (\"-\").")                                            \
    X(NSEC3_OPT_OUT, NSEC3, NOTICE, TP_EDE_NONE, "RFC 9276 3.1, RFC 5155 6",   \
      "The NSEC3 chain uses Opt-Out: unsigned delegations in a span are not "  \
      "proven absent.",                                                        \
      "Turn Opt-Out off unless the zone has very many unsigned delegations.")  \
    X(NSEC3_UNSUPPORTED_HASH, NSEC3, WARNING, TP_EDE_UNSUPPORTED_ALG,          \
      "RFC 5155 8.1",                                                          \
      "An NSEC3 record uses an unknown hash algorithm and is ignored.",        \
      "Use hash algorithm 1 (SHA-1).")                                         \
    X(NSEC3_UNKNOWN_FLAGS, NSEC3, WARNING, TP_EDE_NONE, "RFC 5155 8.2",        \
      "An NSEC3 record has flags other than Opt-Out and is ignored.",          \
      "Re-sign the zone with a correct signer.")                               \
    X(NSEC3_BAD_OWNER, NSEC3, ERROR, TP_EDE_BOGUS, "RFC 5155 3",               \
      "An NSEC3 owner name is not a base32hex hash label under the zone "      \
      "apex.",                                                                 \
      "Re-sign the zone with a correct signer.")                               \
    X(NSEC3_BAD_HASH_LENGTH, NSEC3, ERROR, TP_EDE_BOGUS, "RFC 5155 3.1.7",     \
      "An NSEC3 next hashed owner does not have the hash length.",             \
      "Re-sign the zone with a correct signer.")                               \
    X(NSEC3_PARAMS_INCONSISTENT, NSEC3, WARNING, TP_EDE_NONE,                  \
      "RFC 5155 4, 7.1",                                                       \
      "NSEC3 records or NSEC3PARAM of the zone disagree on hash, iterations "  \
      "or "                                                                    \
      "salt.",                                                                 \
      "Re-sign the zone with one NSEC3 parameter set.")                        \
    /* ---- Delegation -----------------------------------------------------   \
     */                                                                        \
    X(DELEGATION_LAME, DELEGATION, ERROR, TP_EDE_NO_REACHABLE_AUTH,            \
      "RFC 1034 4.2.2",                                                        \
      "None of the zone's servers gives an authoritative answer.",             \
      "Configure the zone on the servers named in the delegation.")            \
    X(DELEGATION_INCOMPLETE, DELEGATION, ERROR, TP_EDE_NONE, "RFC 1034 4.2.2", \
      "The parent says the zone does not exist (NXDOMAIN) or has no "          \
      "delegation "                                                            \
      "for it.",                                                               \
      "Register the delegation (NS records) at the parent.")                   \
    X(DELEGATION_INSECURE, DELEGATION, NOTICE, TP_EDE_NONE, "RFC 4035 5.2",    \
      "The parent proves there is no DS record: the zone is unsigned as seen " \
      "from the parent.",                                                      \
      "To secure the zone, sign it and upload its DS (or publish CDS).")       \
    X(DELEGATION_NS_NOT_IN_CHILD, DELEGATION, WARNING, TP_EDE_NONE,            \
      "RFC 1034 4.2.2",                                                        \
      "An NS name in the parent's delegation is missing from the child's NS "  \
      "RRset.",                                                                \
      "Make the parent and child NS RRsets identical.")                        \
    X(DELEGATION_NS_NOT_IN_PARENT, DELEGATION, WARNING, TP_EDE_NONE,           \
      "RFC 1034 4.2.2",                                                        \
      "An NS name in the child's NS RRset is missing from the parent's "       \
      "delegation.",                                                           \
      "Make the parent and child NS RRsets identical.")                        \
    X(DELEGATION_GLUE_MISMATCH, DELEGATION, WARNING, TP_EDE_NONE,              \
      "RFC 1034 4.2.2",                                                        \
      "Glue addresses in the referral differ from the addresses the name "     \
      "server's own zone gives.",                                              \
      "Update the glue at the parent.")                                        \
    X(DELEGATION_GLUE_MISSING, DELEGATION, WARNING, TP_EDE_NONE, "RFC 9471 3", \
      "An in-domain name server has no glue in the referral.",                 \
      "Add glue address records at the parent.")                               \
    X(DELEGATION_NS_NO_ADDRESS, DELEGATION, ERROR, TP_EDE_NONE,                \
      "RFC 1034 4.2.2",                                                        \
      "A name server name has no address (NXDOMAIN or no A/AAAA).",            \
      "Add address records for the name server, or remove it from the NS "     \
      "set.")                                                                  \
    X(DELEGATION_NS_RESOLUTION_FAILED, DELEGATION, ERROR, TP_EDE_NONE,         \
      "RFC 1034 4.2.2", "The address of a name server could not be resolved.", \
      "Fix the zone holding the name server's address records.")               \
    X(DELEGATION_NS_CNAME, DELEGATION, ERROR, TP_EDE_NONE, "RFC 2181 10.3",    \
      "A name server name is an alias (CNAME).",                               \
      "Name the server by its canonical name in the NS records.")              \
    X(DELEGATION_NS_PRIVATE_ADDRESS, DELEGATION, WARNING, TP_EDE_NONE,         \
      "RFC 6890",                                                              \
      "A name server or glue address is private, loopback or link-local.",     \
      "Publish globally reachable addresses for the name server.")             \
    X(DELEGATION_SINGLE_SERVER, DELEGATION, NOTICE, TP_EDE_NONE,               \
      "RFC 1034 4.1", "The zone has only one name server address.",            \
      "Add at least one more name server on another network.")                 \
    X(DELEGATION_NO_IPV4, DELEGATION, NOTICE, TP_EDE_NONE, "RFC 3901 3",       \
      "No name server of the zone has an IPv4 address.",                       \
      "Add a name server reachable over IPv4.")                                \
    X(DELEGATION_NO_IPV6, DELEGATION, NOTICE, TP_EDE_NONE, "RFC 3901 3",       \
      "No name server of the zone has an IPv6 address.",                       \
      "Add a name server reachable over IPv6.")                                \
    /* ---- Server behaviour -----------------------------------------------   \
     */                                                                        \
    X(SERVER_TIMEOUT, SERVER, ERROR, TP_EDE_NO_REACHABLE_AUTH,                 \
      "RFC 1035 4.2.1",                                                        \
      "The server did not answer (every attempt timed out).",                  \
      "Check that the server runs and that firewalls let DNS through.")        \
    X(SERVER_NETWORK_ERROR, SERVER, ERROR, TP_EDE_NETWORK_ERROR,               \
      "RFC 1035 4.2",                                                          \
      "Sending to or receiving from the server failed (unreachable, "          \
      "connection refused).",                                                  \
      "Check the server's address and reachability.")                          \
    X(SERVER_TCP_FAILURE, SERVER, ERROR, TP_EDE_NETWORK_ERROR, "RFC 7766 5",   \
      "The server does not answer over TCP.",                                  \
      "Enable DNS over TCP on the server and in firewalls.")                   \
    X(SERVER_REFUSED, SERVER, ERROR, TP_EDE_NO_REACHABLE_AUTH,                 \
      "RFC 1035 4.1.1",                                                        \
      "The server answered REFUSED for the zone it is delegated.",             \
      "Configure the zone on the server (lame delegation).")                   \
    X(SERVER_SERVFAIL, SERVER, ERROR, TP_EDE_NO_REACHABLE_AUTH,                \
      "RFC 1035 4.1.1", "The server answered SERVFAIL.",                       \
      "Check the server's logs: the zone probably failed to load.")            \
    X(SERVER_BAD_RCODE, SERVER, ERROR, TP_EDE_NO_REACHABLE_AUTH,               \
      "RFC 1035 4.1.1",                                                        \
      "The server answered with an unexpected response code.",                 \
      "Check the server's configuration and logs.")                            \
    X(SERVER_MALFORMED_RESPONSE, SERVER, ERROR, TP_EDE_INVALID_DATA,           \
      "RFC 1035 4.1", "The server's response could not be parsed.",            \
      "Upgrade or fix the server software.")                                   \
    X(SERVER_FORMERR, SERVER, ERROR, TP_EDE_NO_REACHABLE_AUTH, "RFC 6891 7",   \
      "The server answered FORMERR to a query with EDNS.",                     \
      "Upgrade the server or the middlebox that rejects EDNS.")                \
    X(SERVER_NOT_AUTHORITATIVE, SERVER, ERROR, TP_EDE_NOT_AUTHORITATIVE,       \
      "RFC 1034 4.3.1",                                                        \
      "The server answers for the zone without the AA flag "                   \
      "(it is lame or recursive).",                                            \
      "Configure the zone on the server as primary or secondary.")             \
    X(SERVER_AUTHORITATIVE_REFERRAL, SERVER, WARNING, TP_EDE_NONE,             \
      "RFC 1034 4.3.2", "The server set the AA flag on a referral.",           \
      "Upgrade or fix the server software.")                                   \
    X(SERVER_UPWARD_REFERRAL, SERVER, ERROR, TP_EDE_NO_REACHABLE_AUTH,         \
      "RFC 1034 4.3.2",                                                        \
      "The server answered with a referral to a zone above "                   \
      "the one it is delegated.",                                              \
      "Configure the zone on the server (lame delegation).")                   \
    X(SERVER_NO_EDNS, SERVER, WARNING, TP_EDE_NONE, "RFC 6891 7",              \
      "The server answered an EDNS query without an OPT record.",              \
      "Upgrade the server software: EDNS is needed for DNSSEC.")               \
    X(SERVER_DNSSEC_DOWNGRADE, SERVER, ERROR, TP_EDE_RRSIGS_MISSING,           \
      "RFC 4035 3.2.1",                                                        \
      "The server cleared the DO bit or omitted DNSSEC records although the "  \
      "zone "                                                                  \
      "is signed.",                                                            \
      "Upgrade the server or fix the middlebox that strips DNSSEC records.")   \
    X(SERVER_TRUNCATED, SERVER, NOTICE, TP_EDE_NONE, "RFC 7766 5",             \
      "The UDP response was truncated (TC) and needed TCP.",                   \
      "Reduce the response size, or make sure TCP works everywhere.")          \
    X(SERVER_INCONSISTENT_NXDOMAIN, SERVER, WARNING, TP_EDE_NONE,              \
      "RFC 8020 2",                                                            \
      "The server says NXDOMAIN for one type and data for another at the "     \
      "same "                                                                  \
      "name, or data below a name it says does not exist.",                    \
      "Upgrade or fix the server software.")                                   \
    X(NEGATIVE_MISSING_SOA, SERVER, WARNING, TP_EDE_NONE, "RFC 2308 3",        \
      "A negative answer has no SOA record in its authority section.",         \
      "Upgrade or fix the server software.")                                   \
    X(NEGATIVE_SOA_NOT_APEX, SERVER, WARNING, TP_EDE_NONE, "RFC 2308 3",       \
      "The SOA of a negative answer is not owned by the zone apex.",           \
      "Upgrade or fix the server software.")                                   \
    /* ---- Consistency between servers ----------------------------------- */ \
    X(SERVERS_DISAGREE, CONSISTENCY, ERROR, TP_EDE_BOGUS, "RFC 4035 5",        \
      "Some servers give answers that validate and others give bogus ones; a " \
      "resolver's result depends on which server it asks.",                    \
      "Fix the servers named as bogus (stale zone, wrong keys, failed "        \
      "re-signing).")                                                          \
    X(SOA_SERIAL_MISMATCH, CONSISTENCY, WARNING, TP_EDE_NONE, "RFC 1996 3",    \
      "The zone's servers serve different SOA serials.",                       \
      "Check zone transfers and NOTIFY between primary and secondaries.")      \
    X(RRSET_INCONSISTENT, CONSISTENCY, WARNING, TP_EDE_NONE, "RFC 2181 5",     \
      "The zone's servers give different contents for the same RRset.",        \
      "Synchronise the servers.")                                              \
    /* ---- CDS / CDNSKEY --------------------------------------------------   \
     */                                                                        \
    X(CDS_INCONSISTENT_WITH_DS, CDS, WARNING, TP_EDE_NONE, "RFC 7344 4.1",     \
      "The CDS RRset differs from the parent's DS RRset: a DS change is "      \
      "pending.",                                                              \
      "Wait for the parent to pick up the CDS, or push the DS by hand.")       \
    X(CDNSKEY_INCONSISTENT_WITH_DS, CDS, WARNING, TP_EDE_NONE, "RFC 7344 4.1", \
      "The CDNSKEY RRset does not match the parent's DS RRset.",               \
      "Wait for the parent to pick up the CDNSKEY, or push the DS by hand.")   \
    X(CDS_CDNSKEY_MISMATCH, CDS, ERROR, TP_EDE_NONE, "RFC 7344 4",             \
      "The CDS and CDNSKEY RRsets describe different keys.",                   \
      "Publish CDS and CDNSKEY for the same keys.")                            \
    X(CDS_INCONSISTENT_BETWEEN_SERVERS, CDS, ERROR, TP_EDE_NONE, "RFC 7344 4", \
      "The zone's servers give different CDS or CDNSKEY RRsets.",              \
      "Synchronise the servers before the parent polls them.")                 \
    X(CDS_NOT_SIGNED_BY_DS_KEY, CDS, ERROR, TP_EDE_NONE, "RFC 7344 4.1",       \
      "The CDS/CDNSKEY RRset is unsigned or not signed by a key the current "  \
      "DS "                                                                    \
      "points to, so a parent will not accept it.",                            \
      "Sign the CDS/CDNSKEY RRset with the current KSK.")                      \
    X(CDS_BREAKS_CHAIN, CDS, ERROR, TP_EDE_NONE, "RFC 7344 4.1",               \
      "Applying the CDS RRset would break the chain: no key it names signs "   \
      "the "                                                                   \
      "DNSKEY RRset.",                                                         \
      "Publish CDS only for keys that sign the DNSKEY RRset.")                 \
    X(CDS_DELETE, CDS, NOTICE, TP_EDE_NONE, "RFC 8078 4",                      \
      "The zone publishes a delete signal: it asks the parent to remove its "  \
      "DS.",                                                                   \
      "Nothing if the zone is meant to go insecure; otherwise remove the "     \
      "CDS/CDNSKEY delete records.")                                           \
    X(CDS_DELETE_MALFORMED, CDS, ERROR, TP_EDE_NONE, "RFC 8078 4",             \
      "A CDS/CDNSKEY delete record is malformed or mixed with other records.", \
      "Publish exactly 'CDS 0 0 0 00' / 'CDNSKEY 0 3 0 AA==' and nothing "     \
      "else.")                                                                 \
    X(CDS_SHA1, CDS, WARNING, TP_EDE_NONE, "RFC 8624 3.3",                     \
      "A CDS record uses SHA-1.", "Publish SHA-256 CDS records.")              \
    X(CDS_PUBLISHED, CDS, NOTICE, TP_EDE_NONE, "RFC 7344 4",                   \
      "The zone publishes CDS/CDNSKEY records that are signed and agree with " \
      "the parent's DS RRset and the DNSKEY RRset.",                           \
      "Nothing: the parent can keep the DS in sync automatically.")            \
    /* ---- Algorithm policy (RFC 8624, RFC 9904, RFC 9905) ----------------   \
     */                                                                        \
    X(ALGORITHM_MUST_NOT_SIGN, POLICY, WARNING, TP_EDE_NONE,                   \
      "RFC 8624 3.1, RFC 9905 2",                                              \
      "The zone signs with an algorithm that must no longer be used for "      \
      "signing "                                                               \
      "(1, 3, 5, 6, 7 or 12).",                                                \
      "Roll to algorithm 13 or 15 (or 8).")                                    \
    X(ALGORITHM_NOT_RECOMMENDED, POLICY, NOTICE, TP_EDE_NONE, "RFC 8624 3.1",  \
      "The zone signs with an algorithm that is not recommended (10).",        \
      "Roll to algorithm 13 or 15 (or 8).")                                    \
    X(ALGORITHM_VALIDATION_PROHIBITED, POLICY, WARNING,                        \
      TP_EDE_UNSUPPORTED_ALG, "RFC 8624 3.1",                                  \
      "Resolvers must not validate this algorithm (1, 3, 6); "                 \
      "data signed only with it is insecure.",                                 \
      "Roll to algorithm 13 or 15 (or 8).")                                    \
    X(ALGORITHM_SHA1_INSECURE, POLICY, WARNING, TP_EDE_UNSUPPORTED_ALG,        \
      "RFC 9905 2",                                                            \
      "The zone depends on a SHA-1 algorithm (5 or 7), which resolver "        \
      "operators "                                                             \
      "are told to treat as insecure.",                                        \
      "Roll to algorithm 13 or 15 (or 8).")                                    \
    /* ---- Zone data ------------------------------------------------------   \
     */                                                                        \
    X(CNAME_WITH_OTHER_DATA, ZONEDATA, WARNING, TP_EDE_NONE, "RFC 2181 10.1",  \
      "A name has a CNAME and other data besides DNSSEC records.",             \
      "Remove the other records or the CNAME.")                                \
    X(CNAME_LOOP, ZONEDATA, ERROR, TP_EDE_NONE, "RFC 1034 3.6.2",              \
      "The CNAME chain loops or is too long.", "Fix the CNAME targets.")       \
    X(DNAME_NO_CNAME, ZONEDATA, WARNING, TP_EDE_NONE, "RFC 6672 3.1",          \
      "A DNAME answer came without the synthesised CNAME.",                    \
      "Upgrade the server software.")                                          \
    /* ---- The analysis itself --------------------------------------------   \
     */                                                                        \
    X(ANALYSIS_NO_RESPONSE, ANALYSIS, ERROR, TP_EDE_NO_REACHABLE_AUTH,         \
      "RFC 4035 5",                                                            \
      "The capture holds no usable response for a step of the chain, so its "  \
      "status is indeterminate.",                                              \
      "Re-run the probe when the servers answer; check connectivity.")         \
    X(ANALYSIS_BUDGET_EXCEEDED, ANALYSIS, WARNING, TP_EDE_INDETERMINATE,       \
      "RFC 9276 6",                                                            \
      "The analysis stopped a computation at its work budget, so the result "  \
      "is "                                                                    \
      "indeterminate.",                                                        \
      "Raise the budget if the zone is legitimate; large keys or iteration "   \
      "counts are the usual cause.")                                           \
    X(ANALYSIS_PROBE_INCOMPLETE, ANALYSIS, NOTICE, TP_EDE_NONE, "RFC 4035 5",  \
      "The capture lacks a query the analysis would have used (e.g. DNSKEY "   \
      "from "                                                                  \
      "some server).",                                                         \
      "Probe again with the default query set.")                               \
    X(ANALYSIS_STUB, ANALYSIS, WARNING, TP_EDE_INDETERMINATE, "RFC 4035 5",    \
      "The capture has this zone only as a stub (its servers were looked up "  \
      "but never queried, as in DNSViz files made without -a), so the chain "  \
      "through it is indeterminate unless the trust anchor is below it.",      \
      "Capture the whole chain (dnsviz probe -A -a .), or give a trust "       \
      "anchor at or below the first zone that was analysed.")                  \
    X(ANALYSIS_RESOLVER_SOURCE, ANALYSIS, NOTICE, TP_EDE_NONE, "RFC 4035 3.2", \
      "The answers came from a recursive resolver, not from the zones' "       \
      "servers: per-server behaviour, delegations (NS and glue at the "        \
      "parent), the AA bit and original TTLs cannot be checked, and "          \
      "\"insecure\" or \"missing\" is weaker evidence.",                       \
      "Probe the authoritative servers (trustpath probe, or dnsviz probe -A) " \
      "to check the servers themselves.")                                      \
    /* Rows added later (appended: the enum values stay stable). */            \
    X(ANALYSIS_PROBE_LIMIT, ANALYSIS, WARNING, TP_EDE_NONE, "RFC 1034 5.3.3",  \
      "The probe stopped early at one of its bounds (time budget, queries, "   \
      "referral depth, CNAME chain, NS names or capture size), so the "        \
      "evidence is incomplete and the verdict may rest on part of the data.",  \
      "Probe again with the bound raised (trustpath probe --deadline for the " \
      "time budget; the other bounds are fixed: ask fewer names or types per " \
      "run, or fix the loop or oversized data the message names).")            \
    X(SERVER_ANSWER_MISMATCH, SERVER, ERROR, TP_EDE_NO_REACHABLE_AUTH,         \
      "RFC 5452 3",                                                            \
      "The server answered with a wrong message ID or question; resolvers "    \
      "drop such answers, so the server looks unresponsive.",                  \
      "Fix the server software or the middlebox (NAT, load balancer, DNS "     \
      "proxy) that rewrites or mixes up responses.")

typedef enum {
#define TP_DIAG_ENUM(code, fam, sev, ede, rfc, meaning, fix) TP_DIAG_##code,
    TP_DIAG_MAP(TP_DIAG_ENUM)
#undef TP_DIAG_ENUM
    TP_DIAG_COUNT
} tp_diag_code_t;

typedef struct tp_diag_info {
    const char *code; /* "RRSIG_EXPIRED": stable, public */
    tp_diag_family_t family;
    tp_severity_t severity; /* default */
    int ede;                /* RFC 8914 code, or TP_EDE_NONE */
    const char *rfc;        /* "RFC 4035 5.3.1" */
    const char *meaning;    /* one sentence */
    const char *fix;        /* what an operator should do */
} tp_diag_info_t;

/** Catalogue row of code (static storage); NULL when code is out of range. */
const tp_diag_info_t *tp_diag_info(tp_diag_code_t code);
/** "RRSIG_EXPIRED" for TP_DIAG_RRSIG_EXPIRED; "UNKNOWN" out of range. */
const char *tp_diag_code_str(tp_diag_code_t code);
/** Look a code string up (case-sensitive); TP_ENOTFOUND if unknown. */
TP_NODISCARD tp_err_t tp_diag_from_str(const char *str,
                                       tp_diag_code_t *code_out);
/** "error", "warning", "notice". */
const char *tp_severity_str(tp_severity_t sev);
/** "rrsig", "dnskey", ... (lower case, stable). */
const char *tp_diag_family_str(tp_diag_family_t fam);
/** Human title of a family ("RRSIG: signatures"). */
const char *tp_diag_family_title(tp_diag_family_t fam);
/** Mnemonic of an EDE code ("Signature Expired"); "" for TP_EDE_NONE. */
const char *tp_ede_str(int ede);

/** The whole catalogue as Markdown (docs/diagnostics.md), appended to out. */
TP_NODISCARD tp_err_t tp_diag_catalogue_markdown(tp_buf_t *out);
/** The whole catalogue as a JSON array of objects, appended to out. */
TP_NODISCARD tp_err_t tp_diag_catalogue_json(tp_buf_t *out);

#endif /* TRUSTPATH_DIAG_H */
