#!/bin/sh
# Compare DNSViz's conclusions with trustpath's on the same DNSViz probe file
# (issue 8): runs Debian's `dnsviz grok` and `trustpath analyze` on FILE and
# lists, side by side, the per-zone statuses (DNSViz: the delegation status
# of each zone), the per-RRset statuses of the analysed name, and the
# diagnostic codes each tool reports. Rows that differ are marked "<>".
# Every difference must be a trustpath bug or be explained in docs/dnsviz.md.
#
# Usage: bench/dnsviz-compare.sh FILE[.gz] ANCHOR
#   FILE    a `dnsviz probe` JSON file (plain or gzip)
#   ANCHOR  the trust anchor (DNSKEY or DS lines, zone-file format), used by
#           both tools (dnsviz grok -t, trustpath --trust-anchor)
# Environment: TRUSTPATH (default: build/trustpath), DNSVIZ (default: dnsviz).
# Needs jq. Touches no network: grok and analyze are offline.
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

# dnsviz grok reads plain JSON only.
if [ "$(head -c 2 "$file" | od -An -tx1 | tr -d ' \n')" = 1f8b ]; then
    gzip -dc "$file" >"$tmp/plain.json"
else
    cp "$file" "$tmp/plain.json"
fi

# Debian's dnsviz 0.9.4 needs a stand-in for pygraphviz.release (see
# bench/pycompat/sitecustomize.py); -P: the testbed's servers are on 127/8.
if ! PYTHONPATH="$src/bench/pycompat${PYTHONPATH:+:$PYTHONPATH}" \
    "$dnsviz" grok -r "$tmp/plain.json" -t "$anchor" -P -c \
    >"$tmp/grok.json" 2>"$tmp/grok.err"; then
    echo "dnsviz-compare: dnsviz grok failed:" >&2
    tail -3 "$tmp/grok.err" >&2
    exit 70
fi
if ! "$trustpath" analyze "$file" --trust-anchor "$anchor" \
    >"$tmp/tp.json" 2>"$tmp/tp.err"; then
    echo "dnsviz-compare: trustpath analyze failed:" >&2
    cat "$tmp/tp.err" >&2
    exit 70
fi

# One line per name analysed (trustpath writes JSON Lines).
jq -r '.name' "$tmp/tp.json" | while read -r name; do
    jq -c --arg n "$name" 'select(.name == $n)' "$tmp/tp.json" >"$tmp/one.json"
    echo "== $name"
    printf '%-4s %-28s %-14s %-14s\n' "" "zone" "dnsviz" "trustpath"
    # DNSViz has no delegation status for the root: its status comes from
    # the anchor, shown here as the status of the root's DNSKEY RRset.
    jq -r '.zones[] | "\(.name) \(.status)"' "$tmp/one.json" |
        while read -r zone ours; do
            theirs=$(jq -r --arg z "$zone" '
                (.[$z] // {}) as $e
                | if $z == "." then
                    ([$e.queries["./IN/DNSKEY"].answer[]?.status] | first)
                  else $e.delegation.status end
                | (. // "-") | ascii_downcase' "$tmp/grok.json")
            mark=""
            [ "$theirs" = "$ours" ] || mark="<>"
            printf '%-4s %-28s %-14s %-14s\n' "$mark" "$zone" "$theirs" "$ours"
        done
    printf '%-4s %-28s %-14s %-14s\n' "" "rrset" "dnsviz" "trustpath"
    # RRsets are matched by owner, type and records: servers that serve
    # different copies give one RRset each in both tools.
    jq -c '.rrsets[] | {name, type, status, records: (.records | sort)}' \
        "$tmp/one.json" | while read -r rr; do
        owner=$(echo "$rr" | jq -r .name)
        type=$(echo "$rr" | jq -r .type)
        ours=$(echo "$rr" | jq -r .status)
        theirs=$(jq -r --arg o "$owner" --arg k "$owner/IN/$type" \
            --argjson rr "$rr" '
            [.[$o].queries[$k].answer[]?
             | select((.rdata | sort) == $rr.records) | .status] | first
            | (. // "-") | ascii_downcase' "$tmp/grok.json")
        mark=""
        [ "$theirs" = "$ours" ] || mark="<>"
        printf '%-4s %-28s %-14s %-14s %s\n' "$mark" "$owner $type" \
            "$theirs" "$ours" "$(echo "$rr" | jq -r '.records | join(",")')"
    done
    # Diagnostic codes: the two tools name them differently, so these are
    # listed, not matched; docs/dnsviz.md maps them.
    echo "dnsviz codes:    $(jq -r '[.. | objects | select(has("code"))
        | .code] | unique | join(" ")' "$tmp/grok.json")"
    echo "trustpath codes: $(jq -r '[.diagnostics[].code] | unique
        | join(" ")' "$tmp/one.json")"
done
