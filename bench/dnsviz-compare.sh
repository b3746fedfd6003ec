#!/bin/sh
# Compare DNSViz's conclusions with trustpath's on the same DNSViz probe file
# (issue 8): runs Debian's `dnsviz grok` (0.9.4) and `trustpath analyze` on
# FILE and lists, side by side,
#   - each zone's status (DNSViz: the delegation status; the root: the
#     status of its DNSKEY RRset, which the anchor decides),
#   - each DNSKEY's status (alg/tag) and each answer RRset's status,
#   - the diagnostic codes, matched through the table below (DNSViz code ->
#     the trustpath codes that report the same finding).
# Rows that differ are marked "<>" (status), "<" (DNSViz only) or ">"
# (trustpath only). Every difference is a trustpath bug or is explained in
# docs/dnsviz.md ("Differences with dnsviz grok").
#
# Usage: bench/dnsviz-compare.sh FILE[.gz] ANCHOR
#   FILE    a `dnsviz probe` JSON file (plain or gzip)
#   ANCHOR  the trust anchor (DNSKEY or DS lines, zone-file format), used by
#           both tools (dnsviz grok/print -t, trustpath --trust-anchor)
# Environment: TRUSTPATH (default: build/trustpath), DNSVIZ (default: dnsviz).
# Needs jq. Touches no network: grok, print and analyze are offline.
#
# `dnsviz grok -t` 0.9.4 crashes (KeyError in _serialize_rrset_info) on
# files where a zone is unsigned; then the statuses come from `dnsviz print
# -t` (its [.], [-], [!] marks) and the codes from `dnsviz grok` without -t.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
trustpath=${TRUSTPATH:-$src/build/trustpath}
dnsviz=${DNSVIZ:-dnsviz}

[ $# -eq 2 ] || {
    echo "usage: $0 FILE[.gz] ANCHOR" >&2
    exit 64
}
file=$1
anchor=$2
for f in "$file" "$anchor"; do
    [ -r "$f" ] || {
        echo "dnsviz-compare: cannot read $f" >&2
        exit 66
    }
done
command -v jq >/dev/null || {
    echo "dnsviz-compare: jq is required" >&2
    exit 69
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# DNSViz code -> trustpath codes that state the same finding (any of them
# counts as a match). Kept in step with docs/dnsviz.md.
cat >"$tmp/map.tsv" <<'EOF'
NO_SEP	DNSKEY_NOT_SIGNED_BY_DS_KEY SERVERS_DISAGREE DS_DIGEST_MISMATCH DS_NO_MATCHING_DNSKEY DS_KEY_REVOKED RRSIG_EXPIRED RRSIG_NOT_YET_VALID RRSIG_BAD_SIGNATURE RRSIG_MISSING DNSKEY_NO_ZONE_BIT
MISSING_SEP_FOR_ALG	RRSIG_MISSING_FOR_ALGORITHM DS_ALGORITHM_UNSUPPORTED DS_NO_MATCHING_DNSKEY DNSKEY_NOT_SIGNED_BY_DS_KEY SERVERS_DISAGREE
MISSING_RRSIG_FOR_ALG_DS	DS_ALGORITHM_UNSUPPORTED DS_NO_MATCHING_DNSKEY RRSIG_MISSING_FOR_ALGORITHM
MISSING_RRSIG_FOR_ALG_DNSKEY	RRSIG_MISSING_FOR_ALGORITHM
MISSING_RRSIG	RRSIG_MISSING
DIGEST_INVALID	DS_DIGEST_MISMATCH
EXPIRATION_IN_PAST	RRSIG_EXPIRED
INCEPTION_IN_FUTURE	RRSIG_NOT_YET_VALID
EXPIRATION_WITHIN_CLOCK_SKEW	RRSIG_EXPIRES_SOON
INCEPTION_WITHIN_CLOCK_SKEW	RRSIG_INCEPTION_WITHIN_SKEW
SIGNATURE_INVALID	RRSIG_BAD_SIGNATURE
SIGNER_NOT_ZONE	RRSIG_SIGNER_NOT_ZONE
RRSIG_LABELS_EXCEED_RRSET_OWNER_LABELS	RRSIG_LABELS_EXCEED_OWNER
RRSET_TTL_MISMATCH	RRSIG_TTL_MISMATCH
ORIGINAL_TTL_EXCEEDED_RRSET	RRSIG_TTL_EXCEEDS_ORIGINAL
ORIGINAL_TTL_EXCEEDED_RRSIG	RRSIG_TTL_EXCEEDS_ORIGINAL
TTL_BEYOND_EXPIRATION	RRSIG_TTL_BEYOND_EXPIRATION
ALGORITHM_NOT_SUPPORTED	RRSIG_ALGORITHM_UNSUPPORTED DS_ALGORITHM_UNSUPPORTED
ALGORITHM_VALIDATION_PROHIBITED	ALGORITHM_VALIDATION_PROHIBITED
ALGORITHM_PROHIBITED	ALGORITHM_MUST_NOT_SIGN ALGORITHM_SHA1_INSECURE ALGORITHM_VALIDATION_PROHIBITED
ALGORITHM_NOT_RECOMMENDED	ALGORITHM_NOT_RECOMMENDED ALGORITHM_SHA1_INSECURE
DNSKEY_REVOKED_RRSIG	RRSIG_KEY_REVOKED
DNSKEY_MISSING_FROM_SERVERS	DNSKEY_MISSING_FROM_SERVERS
DNSKEY_NOT_AT_ZONE_APEX	DNSKEY_NOT_AT_APEX
DNSKEY_ZERO_LENGTH	DNSKEY_BAD_LENGTH
DNSKEY_BAD_LENGTH_GOST	DNSKEY_BAD_LENGTH
DNSKEY_BAD_LENGTH_ECDSA256	DNSKEY_BAD_LENGTH
DNSKEY_BAD_LENGTH_ECDSA384	DNSKEY_BAD_LENGTH
DNSKEY_BAD_LENGTH_ED25519	DNSKEY_BAD_LENGTH
DNSKEY_BAD_LENGTH_ED448	DNSKEY_BAD_LENGTH
RRSIG_BAD_LENGTH_GOST	RRSIG_BAD_LENGTH
RRSIG_BAD_LENGTH_ECDSA256	RRSIG_BAD_LENGTH
RRSIG_BAD_LENGTH_ECDSA384	RRSIG_BAD_LENGTH
RRSIG_BAD_LENGTH_ED25519	RRSIG_BAD_LENGTH
RRSIG_BAD_LENGTH_ED448	RRSIG_BAD_LENGTH
REVOKED_NOT_SIGNING	DNSKEY_REVOKED_NOT_SELF_SIGNING
NO_TRUST_ANCHOR_SIGNING	ANCHOR_NOT_SIGNING ANCHOR_NO_MATCHING_KEY
REFERRAL_FOR_DS_QUERY	DS_QUERY_REFERRAL
DS_DIGEST_ALGORITHM_IGNORED	DS_SHA1_IGNORED
DS_DIGEST_ALGORITHM_MAYBE_IGNORED	DS_DIGEST_SHA1
DIGEST_ALGORITHM_NOT_SUPPORTED	DS_DIGEST_UNSUPPORTED
DIGEST_ALGORITHM_PROHIBITED	DS_DIGEST_SHA1 DS_DIGEST_GOST
DNSKEY_REVOKED_DS	DS_KEY_REVOKED
SNAME_NOT_COVERED	DENIAL_SNAME_NOT_COVERED
NEXT_CLOSEST_ENCLOSER_NOT_COVERED	DENIAL_NEXT_CLOSER_NOT_COVERED
WILDCARD_NOT_COVERED	DENIAL_WILDCARD_NOT_COVERED
NO_CLOSEST_ENCLOSER	DENIAL_NO_CLOSEST_ENCLOSER
OPT_OUT_FLAG_NOT_SET	DENIAL_OPT_OUT_NOT_SET
REFERRAL_WITH_SOA	DENIAL_DS_PROOF_HAS_SOA
REFERRAL_WITH_DS	DENIAL_DS_PROOF_HAS_DS
REFERRAL_WITHOUT_NS	DENIAL_DS_PROOF_NO_NS
STYPE_IN_BITMAP	DENIAL_TYPE_IN_BITMAP
NO_NSEC_MATCHING_SNAME	DENIAL_NO_MATCHING_RECORD
NO_NSEC3_MATCHING_SNAME	DENIAL_NO_MATCHING_RECORD
SNAME_COVERED	DENIAL_SNAME_COVERED
WILDCARD_EXPANSION_INVALID	DENIAL_WILDCARD_EXPANSION_INVALID
WILDCARD_COVERED	DENIAL_WILDCARD_COVERED
EXISTING_NAME_COVERED	DENIAL_EXISTING_NAME_COVERED
EXISTING_TYPE_NOT_IN_BITMAP	DENIAL_EXISTING_TYPE_NOT_IN_BITMAP
LAST_NSEC_NEXT_NOT_ZONE	NSEC_LAST_NEXT_NOT_APEX
UNSUPPORTED_NSEC3_ALGORITHM	NSEC3_UNSUPPORTED_HASH
NONZERO_NSEC3_ITERATION_COUNT	NSEC3_ITERATIONS_NONZERO NSEC3_ITERATIONS_EXCESSIVE
NONEMPTY_NSEC3_SALT	NSEC3_SALT_PRESENT
INVALID_NSEC3_OWNER_NAME	NSEC3_BAD_OWNER
INVALID_NSEC3_HASH	NSEC3_BAD_HASH_LENGTH
MISSING_NSEC_FOR_NXDOMAIN	DENIAL_MISSING
MISSING_NSEC_FOR_NODATA	DENIAL_MISSING
MISSING_NSEC_FOR_WILDCARD	DENIAL_MISSING
MISSING_SOA_FOR_NXDOMAIN	NEGATIVE_MISSING_SOA
MISSING_SOA_FOR_NODATA	NEGATIVE_MISSING_SOA
SOA_NOT_OWNER_FOR_NXDOMAIN	NEGATIVE_SOA_NOT_APEX
SOA_NOT_OWNER_FOR_NODATA	NEGATIVE_SOA_NOT_APEX
UPWARD_REFERRAL	SERVER_UPWARD_REFERRAL
INCONSISTENT_NXDOMAIN	SERVER_INCONSISTENT_NXDOMAIN
NOT_AUTHORITATIVE	SERVER_NOT_AUTHORITATIVE
AUTHORITATIVE_REFERRAL	SERVER_AUTHORITATIVE_REFERRAL
TIMEOUT	SERVER_TIMEOUT
NETWORK_ERROR	SERVER_NETWORK_ERROR
FORMERR	SERVER_FORMERR SERVER_MALFORMED_RESPONSE
INVALID_RCODE	SERVER_REFUSED SERVER_SERVFAIL SERVER_BAD_RCODE
RESPONSE_ERROR	SERVER_MALFORMED_RESPONSE SERVER_BAD_RCODE
SERVER_UNRESPONSIVE_UDP	SERVER_TIMEOUT SERVER_NETWORK_ERROR
SERVER_UNRESPONSIVE_TCP	SERVER_TCP_FAILURE
SERVER_INVALID_RESPONSE_UDP	SERVER_REFUSED SERVER_SERVFAIL SERVER_BAD_RCODE SERVER_MALFORMED_RESPONSE
SERVER_INVALID_RESPONSE_TCP	SERVER_TCP_FAILURE SERVER_REFUSED SERVER_SERVFAIL SERVER_BAD_RCODE
SERVER_NOT_AUTHORITATIVE	SERVER_NOT_AUTHORITATIVE DELEGATION_LAME
EDNS_IGNORED	SERVER_NO_EDNS
EDNS_SUPPORT_NO_OPT	SERVER_NO_EDNS
DNSSEC_DOWNGRADE_DO_CLEARED	SERVER_DNSSEC_DOWNGRADE
ERROR_WITH_REQUEST_FLAG	SERVER_BAD_RCODE SERVER_FORMERR SERVER_SERVFAIL
ERROR_WITHOUT_REQUEST_FLAG	SERVER_BAD_RCODE SERVER_SERVFAIL
ERROR_WITH_EDNS	SERVER_FORMERR SERVER_NO_EDNS
ERROR_WITH_EDNS_VERSION	SERVER_FORMERR
ERROR_WITH_EDNS_FLAG	SERVER_FORMERR
ERROR_WITHOUT_EDNS_FLAG	SERVER_FORMERR
ERROR_WITH_EDNS_OPTION	SERVER_FORMERR
ERROR_WITHOUT_EDNS_OPTION	SERVER_FORMERR
PMTU_EXCEEDED	SERVER_TRUNCATED SERVER_TCP_FAILURE
DNSSEC_DOWNGRADE_EDNS_DISABLED	SERVER_DNSSEC_DOWNGRADE
NO_NS_IN_PARENT_NXDOMAIN	DELEGATION_INCOMPLETE
NO_NS_IN_PARENT_NODATA	DELEGATION_INCOMPLETE
NS_NAME_NOT_IN_CHILD	DELEGATION_NS_NOT_IN_CHILD
NS_NAME_NOT_IN_PARENT	DELEGATION_NS_NOT_IN_PARENT
ERROR_RESOLVING_NS_NAME	DELEGATION_NS_RESOLUTION_FAILED
NO_ADDRESS_FOR_NS_NAME	DELEGATION_NS_NO_ADDRESS
MISSING_GLUE_FOR_NS_NAME	DELEGATION_GLUE_MISSING
GLUE_MISMATCH	DELEGATION_GLUE_MISMATCH
MISSING_GLUE_IPV4	DELEGATION_GLUE_MISMATCH DELEGATION_GLUE_MISSING
MISSING_GLUE_IPV6	DELEGATION_GLUE_MISMATCH DELEGATION_GLUE_MISSING
EXTRA_GLUE_IPV4	DELEGATION_GLUE_MISMATCH
EXTRA_GLUE_IPV6	DELEGATION_GLUE_MISMATCH
NS_NAME_PRIVATE_IP	DELEGATION_NS_PRIVATE_ADDRESS
GLUE_PRIVATE_IP	DELEGATION_NS_PRIVATE_ADDRESS
NO_NS_ADDRESSES_FOR_IPV4	DELEGATION_NO_IPV4
NO_NS_ADDRESSES_FOR_IPV6	DELEGATION_NO_IPV6
CDNSKEY_INCONSISTENT_WITH_DS	CDNSKEY_INCONSISTENT_WITH_DS
CDS_INCONSISTENT_WITH_DS	CDS_INCONSISTENT_WITH_DS
MULTIPLE_CDNSKEY	CDS_INCONSISTENT_BETWEEN_SERVERS
MULTIPLE_CDS	CDS_INCONSISTENT_BETWEEN_SERVERS
CDNSKEY_SIGNER_INVALID	CDS_NOT_SIGNED_BY_DS_KEY
CDS_SIGNER_INVALID	CDS_NOT_SIGNED_BY_DS_KEY
CDNSKEY_INCONSISTENT_WITH_CDS	CDS_CDNSKEY_MISMATCH
CDNSKEY_INCORRECT_DELETE_VALUES	CDS_DELETE_MALFORMED
CDS_INCORRECT_DELETE_VALUES	CDS_DELETE_MALFORMED
CDNSKEY_DELETE_MULTIPLE_RECORDS	CDS_DELETE_MALFORMED
CDS_DELETE_MULTIPLE_RECORDS	CDS_DELETE_MALFORMED
CNAME_WITH_OTHER_DATA	CNAME_WITH_OTHER_DATA
CNAME_LOOP	CNAME_LOOP
DNAME_NO_CNAME	DNAME_NO_CNAME
EOF

# dnsviz reads plain JSON only.
if [ "$(head -c 2 "$file" | od -An -tx1 | tr -d ' \n')" = 1f8b ]; then
    gzip -dc "$file" >"$tmp/plain.json"
else
    cp "$file" "$tmp/plain.json"
fi

# Debian's dnsviz 0.9.4 needs a stand-in for pygraphviz.release (see
# bench/pycompat/sitecustomize.py); -P: the testbed's servers are on 127/8.
dv() {
    PYTHONPATH="$src/bench/pycompat${PYTHONPATH:+:$PYTHONPATH}" "$dnsviz" "$@"
}
via_print=no
if ! dv grok -r "$tmp/plain.json" -t "$anchor" -P -c \
    >"$tmp/grok.json" 2>"$tmp/grok.err"; then
    if grep -q KeyError "$tmp/grok.err" &&
        dv grok -r "$tmp/plain.json" -P -c >"$tmp/grok.json" 2>/dev/null &&
        dv print -r "$tmp/plain.json" -t "$anchor" -P >"$tmp/print.txt" \
            2>/dev/null; then
        via_print=yes
        echo "(dnsviz grok -t crashed (0.9.4 KeyError): statuses from" \
            "dnsviz print -t, codes from dnsviz grok)"
    else
        echo "dnsviz-compare: dnsviz grok failed:" >&2
        tail -3 "$tmp/grok.err" >&2
        exit 70
    fi
fi
if ! "$trustpath" analyze "$file" --trust-anchor "$anchor" \
    >"$tmp/tp.json" 2>"$tmp/tp.err"; then
    echo "dnsviz-compare: trustpath analyze failed:" >&2
    cat "$tmp/tp.err" >&2
    exit 70
fi

# print -t marks: "name [zone][delegation]" lines, then "  [s]  TYPE: rdata"
# (DNSKEY: "alg/tag/flags [s], ..."). Writes "kind<TAB>key<TAB>status".
if [ "$via_print" = yes ]; then
    awk '
    function st(m) {
        if (m == ".") return "secure"
        if (m == "-") return "insecure"
        if (m == "!") return "bogus"
        return "-"
    }
    /^[^ ]/ {
        name = $1; if (name != ".") name = name "."
        next
    }
    /^  \[.[!?]?\] +[A-Z0-9]+: / {
        type = $2; sub(/:$/, "", type)
        mark = substr($0, 4, 1)
        rdata = $0; sub(/^  \[.[!?]?\] +[A-Z0-9]+: /, "", rdata)
        if (type == "DNSKEY") {
            n = split(rdata, keys, ", ")
            for (i = 1; i <= n; i++) {
                split(keys[i], f, "/"); m = keys[i]; sub(/^.*\[/, "", m)
                print "dnskey\t" name " " f[1] "/" f[2] "\t" st(substr(m, 1, 1))
            }
            if (name == ".") print "zone\t.\t" st(mark)
        } else if (type != "DS" && rdata != "NODATA" && rdata != "NXDOMAIN") {
            print "rrset\t" name " " type " " rdata "\t" st(mark)
        }
    }' "$tmp/print.txt" >"$tmp/print.tsv"
fi
from_print() { # KIND KEY
    awk -F '\t' -v k="$1" -v key="$2" \
        '$1 == k && $2 == key { print $3; exit }' "$tmp/print.tsv"
}

row() { # MARK-IF-DIFFERENT LABEL DNSVIZ TRUSTPATH [EXTRA]
    mark=""
    [ "$2" = "$3" ] || mark="<>"
    printf '%-3s %-34s %-11s %-11s %s\n' "$mark" "$1" "$2" "$3" "${4:-}"
}

jq -r '.name' "$tmp/tp.json" | while read -r name; do
    jq -c --arg n "$name" 'select(.name == $n)' "$tmp/tp.json" >"$tmp/one.json"
    echo "== $name: dnsviz vs trustpath"
    printf '%-3s %-34s %-11s %-11s\n' "" "zone (delegation)" "dnsviz" "trustpath"
    jq -r '.zones[] | "\(.name) \(.status)"' "$tmp/one.json" |
        while read -r zone ours; do
            if [ "$via_print" = yes ] && [ "$zone" = . ]; then
                theirs=$(from_print zone .)
            else
                theirs=$(jq -r --arg z "$zone" '
                (.[$z] // {}) as $e
                | if $z == "." then
                    ([$e.queries["./IN/DNSKEY"].answer[]?.status] | first)
                  else $e.delegation.status end
                | (. // "-") | ascii_downcase' "$tmp/grok.json")
            fi
            row "$zone" "${theirs:--}" "$ours"
        done
    printf '%-3s %-34s %-11s %-11s\n' "" "dnskey (zone alg/tag)" "dnsviz" "trustpath"
    jq -r '.zones[] | .name as $z | .dnskeys[]
        | "\($z) \(.algorithm)/\(.tag) \(.status)"' "$tmp/one.json" |
        while read -r zone key ours; do
            if [ "$via_print" = yes ]; then
                theirs=$(from_print dnskey "$zone $key")
            else
                theirs=$(jq -r --arg z "$zone" --arg k "$key" '
                [(.[$z].dnskey // [])[] | select(.id == $k) | .status]
                | first | (. // "-") | ascii_downcase' "$tmp/grok.json")
            fi
            row "$zone $key" "${theirs:--}" "$ours"
        done
    printf '%-3s %-34s %-11s %-11s\n' "" "rrset" "dnsviz" "trustpath"
    # RRsets are matched by owner, type and records: servers that serve
    # different copies give one RRset each in both tools.
    jq -c '.rrsets[] | {name, type, status, records: (.records | sort)}' \
        "$tmp/one.json" | while read -r rr; do
        owner=$(echo "$rr" | jq -r .name)
        type=$(echo "$rr" | jq -r .type)
        ours=$(echo "$rr" | jq -r .status)
        recs=$(echo "$rr" | jq -r '.records | join(",")')
        if [ "$via_print" = yes ]; then
            theirs=$(from_print rrset "$owner $type $recs")
        else
            # a CNAME is stored under the query that met it (name/IN/A)
            theirs=$(jq -r --arg o "$owner" --argjson rr "$rr" '
                [.[$o].queries[]?.answer[]?
                 | select(.type == $rr.type and (.rdata | sort) == $rr.records)
                 | .status] | first
                | (. // "-") | ascii_downcase' "$tmp/grok.json")
        fi
        row "$owner $type" "${theirs:--}" "$ours" "$recs"
    done
    # Codes: "=" the same finding in both (through the table), "<" DNSViz
    # only, ">" trustpath only (with its severity), "?" no table entry.
    jq -r '[.. | objects | select(has("code")) | .code] | unique | .[]' \
        "$tmp/grok.json" >"$tmp/dv.codes"
    jq -r '[.diagnostics[] | "\(.code) \(.severity)"] | unique | .[]' \
        "$tmp/one.json" >"$tmp/tp.codes"
    printf '%-3s %-34s %s\n' "" "dnsviz code" "trustpath code(s)"
    : >"$tmp/matched"
    while read -r code; do
        alts=$(awk -F '\t' -v c="$code" '$1 == c { print $2 }' "$tmp/map.tsv")
        if [ -z "$alts" ]; then
            printf '%-3s %-34s %s\n' "?" "$code" "(not in the table)"
            continue
        fi
        hit=""
        for t in $alts; do
            if grep -q "^$t " "$tmp/tp.codes"; then
                hit="$hit $t"
                echo "$t" >>"$tmp/matched"
            fi
        done
        if [ -n "$hit" ]; then
            printf '%-3s %-34s %s\n' "=" "$code" "${hit# }"
        else
            printf '%-3s %-34s %s\n' "<" "$code" "- (would be: $alts)"
        fi
    done <"$tmp/dv.codes"
    while read -r t sev; do
        grep -qx "$t" "$tmp/matched" ||
            printf '%-3s %-34s %s\n' ">" "-" "$t ($sev)"
    done <"$tmp/tp.codes"
done
