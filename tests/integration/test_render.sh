#!/bin/sh
# Render against the live testbed: `graph` and `print` for a secure, a bogus,
# an insecure and an NSEC3 name from samples/testbed/cases.tsv. DOT is
# checked structurally (clusters, node kinds, edge colours by status, the
# failing link), SVG and PNG are produced, and `print` is checked for a pipe
# and for a terminal (colour only there, or with --color).
# Needs root and the testbed up (ctest's testbed fixture does it); TRUSTPATH
# names the binary (default build-test/trustpath).
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
tb="$src/samples/testbed"
tp=${TRUSTPATH:-$src/build-test/trustpath}
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

fail=0
ok() { echo "ok - $1"; }
bad() {
    echo "not ok - $1"
    fail=1
}
check() { # check DESCRIPTION COMMAND...
    d=$1
    shift
    if "$@"; then ok "$d"; else bad "$d"; fi
}

tb_run="${TP_TESTBED_RUN:-$tb/run}"
[ -f "$tb_run/env" ] || {
    echo "testbed is not up (samples/testbed/up)" >&2
    exit 1
}
. "$tb_run/env"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

SECURE=www.secure-alg13.tp
BOGUS=www.ds-mismatch.tp
INSECURE=www.insecure.tp
NSEC3=www.nsec3.tp
for n in $SECURE $BOGUS $INSECURE $NSEC3; do
    grep -q "^$n	" "$TP_CASES" || {
        echo "case $n missing from $TP_CASES" >&2
        exit 1
    }
done

# One probe inside the namespace; everything else reads the capture.
"$tb/exec" "$tp" probe --root-hints "$TP_ROOT_HINTS" \
    --trust-anchor "$TP_TRUST_ANCHOR" -o "$tmp/cap.json" \
    $SECURE $BOGUS $INSECURE $NSEC3 nx.nsec3.tp
check "probe wrote a capture" test -s "$tmp/cap.json"

graph() { # graph NAME FORMAT OUT
    "$tp" graph -r "$tmp/cap.json" --trust-anchor "$TP_TRUST_ANCHOR" \
        "$1" -T "$2" -o "$3"
}
# DOT with one statement per line (agwrite wraps attribute lists).
flat() { tr -d '\n\t' <"$1" | sed 's/;/;\n/g' >"$1.flat"; }

# ---- DOT structure ---------------------------------------------------------
for n in $SECURE $BOGUS $INSECURE $NSEC3; do
    graph $n dot "$tmp/$n.dot"
    flat "$tmp/$n.dot"
    zones=$(grep -c 'subgraph cluster_[0-9]' "$tmp/$n.dot" || true)
    check "$n: one cluster per zone (., tp., child)" test "$zones" -eq 3
    check "$n: a node for the answer RRset" \
        grep -q "\"rr:$n.:1\"" "$tmp/$n.dot"
    check "$n: the root KSK is a trust anchor" \
        grep -Eq 'peripheries=2' "$tmp/$n.dot"
done

check "secure: no edge in the bogus colour" \
    sh -c "! grep -e '->' '$tmp/$SECURE.dot.flat' | grep -q '#D55E00'"
check "secure: DS -> DNSKEY edges are green" \
    grep -Eq '"ds:secure-alg13.tp.:[0-9]+:[0-9]+:valid" -> "k:secure-alg13.tp.:.*color="#009E73"' \
    "$tmp/$SECURE.dot.flat"
check "secure: the child's DS is valid" \
    grep -q '"ds:secure-alg13.tp.:13:[0-9]*:valid"' "$tmp/$SECURE.dot.flat"

check "bogus: exactly one failing link" \
    test "$(grep -c 'class=failing' "$tmp/$BOGUS.dot.flat")" -eq 1
check "bogus: the failing link is the DS -> KSK digest mismatch, thick red" \
    grep -Eq '"ds:ds-mismatch.tp.:13:[0-9]+:digest_mismatch" -> "k:ds-mismatch.tp.:.*class=failing.*color="#D55E00".*penwidth=4.5' \
    "$tmp/$BOGUS.dot.flat"
check "bogus: the child zone cluster is red" \
    grep -q 'zone bogus' "$tmp/$BOGUS.dot.flat"

check "insecure: no DS node for the child" \
    sh -c "! grep -q '\"ds:insecure.tp.' '$tmp/$INSECURE.dot.flat'"
check "insecure: a proof of no DS in the parent" \
    grep -q '"neg:insecure.tp.:43:' "$tmp/$INSECURE.dot.flat"
check "insecure: the delegation edge is dashed grey" \
    grep -Eq '"neg:insecure.tp.:43:[^"]*" -> "[^"]*insecure.tp.[^"]*".*color="#5F5F5F".*style=dashed' \
    "$tmp/$INSECURE.dot.flat"

"$tp" graph -r "$tmp/cap.json" --trust-anchor "$TP_TRUST_ANCHOR" \
    nx.nsec3.tp -T dot -o "$tmp/nx.dot"
flat "$tmp/nx.dot"
check "nsec3: an NSEC3 proof node" grep -q 'NSEC3 proof' "$tmp/nx.dot.flat"
check "nsec3: the NXDOMAIN node is dashed" \
    grep -Eq '"neg:nx.nsec3.tp.:1:nxdomain".*style="filled,rounded,dashed"' \
    "$tmp/nx.dot.flat"
check "nsec3: proof -> NXDOMAIN edge is green" \
    grep -Eq '"proof:nx.nsec3.tp.:1:nxdomain" -> "neg:nx.nsec3.tp.:1:nxdomain".*color="#009E73"' \
    "$tmp/nx.dot.flat"

# ---- Several names in one picture: shared zones drawn once ---------------
"$tp" graph -r "$tmp/cap.json" --trust-anchor "$TP_TRUST_ANCHOR" \
    -T dot -o "$tmp/all.dot"
check "all names: the root zone is drawn once" \
    test "$(grep -c 'id="z_\."' "$tmp/all.dot")" -eq 1

# ---- SVG and PNG -------------------------------------------------------------
graph $BOGUS svg "$tmp/bogus.svg"
check "svg: a drawing with node groups" grep -q 'class="node"' "$tmp/bogus.svg"
for n in $SECURE $BOGUS; do
    "$tp" graph -r "$tmp/cap.json" --trust-anchor "$TP_TRUST_ANCHOR" \
        $n -o "$tmp/$n.png"
    magic=$(od -An -tx1 -N8 "$tmp/$n.png" | tr -d ' \n')
    check "$n: PNG from the extension" test "$magic" = 89504e470d0a1a0a
    w=$(od -An -tu1 -j16 -N4 "$tmp/$n.png" |
        awk '{print $1*16777216+$2*65536+$3*256+$4}')
    h=$(od -An -tu1 -j20 -N4 "$tmp/$n.png" |
        awk '{print $1*16777216+$2*65536+$3*256+$4}')
    check "$n: PNG size ${w}x$h is sane" \
        test "$w" -ge 300 -a "$w" -le 4000 -a "$h" -ge 300 -a "$h" -le 4000
done

# ---- print -------------------------------------------------------------------
pr() { "$tp" print -r "$tmp/cap.json" --trust-anchor "$TP_TRUST_ANCHOR" "$@"; }
pr $BOGUS >"$tmp/bogus.txt"
check "print to a pipe: no escape sequences" \
    sh -c "! grep -q \"\$(printf '\\033')\" '$tmp/bogus.txt'"
check "print: verdict on the first line" \
    sh -c "head -n1 '$tmp/bogus.txt' | grep -q '^$BOGUS.  ✘ bogus'"
check "print: the finding sits under the DS it concerns" \
    awk '/DS [0-9]+ for ds-mismatch.tp./ {ds=NR} /error DS_DIGEST_MISMATCH/ {if (ds && NR > ds) found=1} END {exit !found}' \
    "$tmp/bogus.txt"
check "print: the fix is shown" grep -q 'fix: ' "$tmp/bogus.txt"
pr $SECURE >"$tmp/secure.txt"
check "print: secure verdict" \
    sh -c "head -n1 '$tmp/secure.txt' | grep -q '✔ secure'"
pr $INSECURE >"$tmp/insecure.txt"
check "print: insecure verdict" \
    sh -c "head -n1 '$tmp/insecure.txt' | grep -q 'insecure'"
pr --color $BOGUS >"$tmp/color.txt"
check "print --color: red bogus" \
    grep -q "$(printf '\033')\[1;31m✘ bogus" "$tmp/color.txt"
if command -v script >/dev/null; then
    script -qec "$tp print -r $tmp/cap.json --trust-anchor $TP_TRUST_ANCHOR $SECURE" \
        /dev/null >"$tmp/tty.txt" </dev/null
    check "print on a terminal: colour by default" \
        grep -q "$(printf '\033')\[32m✔ secure" "$tmp/tty.txt"
    script -qec "$tp print --no-color -r $tmp/cap.json --trust-anchor $TP_TRUST_ANCHOR $SECURE" \
        /dev/null >"$tmp/tty2.txt" </dev/null
    check "print --no-color on a terminal: plain" \
        sh -c "! grep -q \"\$(printf '\\033')\[\" '$tmp/tty2.txt'"
fi

# ---- errors ----------------------------------------------------------------
"$tp" graph -T jpeg -r "$tmp/cap.json" $SECURE >/dev/null 2>&1 && rc=0 || rc=$?
check "graph: unknown format is a usage error (64)" test "$rc" -eq 64

exit $fail
