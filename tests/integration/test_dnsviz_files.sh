#!/bin/sh
# DNSViz probe files through the CLI (issue 8). Needs no network and no
# testbed: every input is a file under tests/data/dnsviz.
#   - for each testbed case (tests/data/dnsviz/pairs), `trustpath analyze`
#     of the DNSViz file and of trustpath's own capture of the same case
#     (same testbed run), both with the run's root.key, give the same
#     verdict, the testbed's, and the same status for every zone and
#     delegation;
#   - graph, print, check and probe -r read DNSViz files (gzip too), and the
#     reference time is the file's analysis_end unless --at is given;
#   - malformed, truncated and wrong-version files give one clear message
#     and exit status 65 (check: 3 UNKNOWN).
# TRUSTPATH names the binary (default build-test/trustpath).
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
tp=${TRUSTPATH:-$src/build-test/trustpath}
data="$src/tests/data/dnsviz"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

fail=0
ok() { echo "ok - $1"; }
bad() {
    echo "not ok - $1"
    fail=1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# verdict REPORT.jsonl: "status zone=status/delegation ..." of each report
summary() {
    python3 -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    zones = " ".join("%s=%s/%s" % (z["name"], z["status"],
                                   z["delegation"]["status"])
                     for z in r["zones"])
    print(r["name"], r["status"], zones)
' "$1"
}

# ---- pairs: same verdicts --------------------------------------------------
for v in "$data"/pairs/*.dnsviz.json; do
    n=$(basename "$v" .dnsviz.json)
    t="$data/pairs/$n.trustpath.json"
    "$tp" analyze "$v" --trust-anchor "$data/pairs/root.key" >"$tmp/$n.v" ||
        { bad "$n: analyze of the DNSViz file"; continue; }
    "$tp" analyze "$t" --trust-anchor "$data/pairs/root.key" >"$tmp/$n.t" ||
        { bad "$n: analyze of the trustpath capture"; continue; }
    sv=$(summary "$tmp/$n.v")
    st=$(summary "$tmp/$n.t")
    if [ "$sv" = "$st" ]; then
        ok "$n: same verdict and zones ($sv)"
    else
        bad "$n: DNSViz file gives '$sv', trustpath capture '$st'"
    fi
done
# and the verdicts are the testbed's (cases.tsv, "trustpath" column)
tail -n +2 "$src/samples/testbed/cases.tsv" | cut -f3,8 |
    while read -r zone want; do
        n=${zone%.tp}
        got=$(summary "$tmp/$n.v" | cut -d' ' -f2)
        [ "$got" = "$want" ] && ok "$n: $got" ||
            { bad "$n: verdict $got, expected $want"; echo 1 >"$tmp/failed"; }
    done
[ ! -f "$tmp/failed" ] || fail=1

# ---- the other commands ------------------------------------------------------
a="$data/secure-alg13.anchor"
"$tp" graph -r "$data/secure-alg13.json.gz" --trust-anchor "$a" -T dot \
    -o "$tmp/g.dot" && grep -q 'cluster' "$tmp/g.dot" &&
    ok "graph -r reads a gzip DNSViz file" || bad "graph -r DNSViz gzip"
"$tp" print -r "$data/secure-alg13.json" --trust-anchor "$a" --no-color \
    >"$tmp/p.txt" && grep -q 'secure' "$tmp/p.txt" &&
    ok "print -r reads a DNSViz file" || bad "print -r DNSViz"
rc=0
"$tp" check -r "$data/ds-mismatch.json" \
    --trust-anchor "$data/ds-mismatch.anchor" >"$tmp/c.txt" || rc=$?
[ "$rc" = 2 ] && grep -q '^CRITICAL' "$tmp/c.txt" &&
    ok "check -r on a bogus DNSViz file: CRITICAL (2)" ||
    bad "check -r bogus DNSViz file: exit $rc"
"$tp" probe -r "$data/secure-alg13.json.gz" -o "$tmp/conv.json" &&
    "$tp" analyze "$tmp/conv.json" --trust-anchor "$a" >"$tmp/conv.jsonl" &&
    "$tp" analyze "$data/secure-alg13.json.gz" --trust-anchor "$a" \
        >"$tmp/direct.jsonl" && cmp -s "$tmp/conv.jsonl" "$tmp/direct.jsonl" &&
    ok "probe -r writes a capture that analyzes as the DNSViz file does" ||
    bad "probe -r DNSViz -> capture"
# reference time: the file's analysis_end, or --at
ref=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["reference_time"])' "$tmp/direct.jsonl")
[ "$ref" = "2026-11-22T00:50:09Z" ] && ok "reference time = analysis_end ($ref)" ||
    bad "reference time $ref, expected 2026-11-22T00:50:09Z"
"$tp" analyze "$data/secure-alg13.json" --trust-anchor "$a" \
    --at 2030-01-01 >"$tmp/late.jsonl"
summary "$tmp/late.jsonl" | grep -q ' bogus ' &&
    ok "--at after the signatures expire: bogus" || bad "--at ignored"
# recursive file: the notice, no authority findings
"$tp" analyze "$data/recursive-ds-mismatch.json" \
    --trust-anchor "$data/recursive-ds-mismatch.anchor" >"$tmp/rec.jsonl"
grep -q ANALYSIS_RESOLVER_SOURCE "$tmp/rec.jsonl" &&
    ! grep -q -e DELEGATION_LAME -e SERVER_NOT_AUTHORITATIVE "$tmp/rec.jsonl" &&
    ok "recursive file: resolver notice, no lame/AA findings" ||
    bad "recursive file findings"
# stub
"$tp" analyze "$data/stub-secure-alg13.json" --trust-anchor "$a" >"$tmp/stub.jsonl"
grep -q ANALYSIS_STUB "$tmp/stub.jsonl" &&
    ! grep -q ANALYSIS_NO_RESPONSE "$tmp/stub.jsonl" &&
    ok "stub: ANALYSIS_STUB, not ANALYSIS_NO_RESPONSE" || bad "stub findings"

# ---- bad files ---------------------------------------------------------------
printf '{"www.a.": {"type": "authoritative", "stub": false, "queries": [}' \
    >"$tmp/syntax.json"
printf '{"_meta._dnsviz.": {"version": 2.0, "names": ["a."]}}' >"$tmp/v2.json"
printf '{"_meta._dnsviz.": {"version": 1.2, "names": ["a."]}, "a.": {"type": "authoritative", "stub": false, "analysis_start": "yesterday"}}' \
    >"$tmp/field.json"
head -c 400 "$data/secure-alg13.json.gz" >"$tmp/cut.json.gz"
expect_error() { # FILE MESSAGE-FRAGMENT
    for cmd in analyze "graph -T dot -r" "print -r" "probe -r"; do
        rc=0
        # shellcheck disable=SC2086
        "$tp" $cmd "$1" >/dev/null 2>"$tmp/err" || rc=$?
        if [ "$rc" = 65 ] && grep -q -- "$2" "$tmp/err" &&
            [ "$(wc -l <"$tmp/err")" = 1 ]; then
            ok "$cmd $(basename "$1"): exit 65, '$2'"
        else
            bad "$cmd $(basename "$1"): exit $rc, $(cat "$tmp/err")"
        fi
    done
    rc=0
    "$tp" check -r "$1" >/dev/null 2>"$tmp/err" || rc=$?
    [ "$rc" = 3 ] && grep -q -- "$2" "$tmp/err" &&
        ok "check -r $(basename "$1"): exit 3" ||
        bad "check -r $(basename "$1"): exit $rc"
}
expect_error "$tmp/syntax.json" 'JSON syntax error'
expect_error "$tmp/v2.json" 'unsupported DNSViz probe format 2.0'
expect_error "$tmp/field.json" 'analysis_start'
expect_error "$tmp/cut.json.gz" 'gzip'

exit $fail
