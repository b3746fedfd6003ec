#!/bin/sh
# The HTML report in a real browser: Debian's chromium, headless, in a new
# network namespace with nothing but a down loopback (so nothing could leave
# the machine anyway). Checks that the page renders and its script ran, that
# the diagram and the diagnostics table are there, and, from Chromium's own
# network log, that the page made no request at all. A control page with an
# external image proves that the check can fail.
# Needs root, chromium and the testbed up; TRUSTPATH names the binary.
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
tb="$src/samples/testbed"
tp=${TRUSTPATH:-$src/build-test/trustpath}
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

command -v chromium >/dev/null || {
    echo "chromium is not installed (scripts/install-deps.sh)" >&2
    exit 1
}
tb_run="${TP_TESTBED_RUN:-$tb/run}"
[ -f "$tb_run/env" ] || {
    echo "testbed is not up (samples/testbed/up)" >&2
    exit 1
}
. "$tb_run/env"

fail=0
ok() { echo "ok - $1"; }
bad() {
    echo "not ok - $1"
    fail=1
}
check() {
    d=$1
    shift
    if "$@"; then ok "$d"; else bad "$d"; fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# browser PAGE NETLOG DUMP [extra flags]: load a file:// page headless.
browser() {
    page=$1 netlog=$2 dump=$3
    shift 3
    rm -rf "$tmp/profile"
    unshare -n chromium --headless --no-sandbox --disable-gpu \
        --disable-background-networking --disable-component-update \
        --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
        --log-net-log="$netlog" "$@" --dump-dom "file://$page" \
        >"$dump" 2>"$tmp/chromium.err" || true
}

# Requests a page made: Chromium's own background services log requests
# with initiator "not an origin"; anything a file:// page loads has an
# initiator ("null" for the opaque file origin).
page_requests() {
    python3 - "$1" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
n = 0
for e in log.get("events", []):
    p = e.get("params") or {}
    if names.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in p \
            and p.get("initiator") not in (None, "not an origin"):
        print("page request:", p["url"], file=sys.stderr)
        n += 1
print(n)
PY
}

"$tb/exec" "$tp" probe --root-hints "$TP_ROOT_HINTS" \
    --trust-anchor "$TP_TRUST_ANCHOR" -o "$tmp/cap.json" \
    www.ds-mismatch.tp www.secure-alg13.tp
"$tp" graph -r "$tmp/cap.json" --trust-anchor "$TP_TRUST_ANCHOR" \
    -o "$tmp/report.html"
check "graph -o x.html writes HTML" \
    sh -c "head -c 15 '$tmp/report.html' | grep -q '<!DOCTYPE html>'"
check "the file names no URL" \
    sh -c "! grep -Eq 'https?://|file://|src=|<link|url\\(' '$tmp/report.html'"

browser "$tmp/report.html" "$tmp/net.json" "$tmp/dom.html"
check "chromium rendered the page" test -s "$tmp/dom.html"
check "the page's script ran" grep -q 'data-tp-ready="1"' "$tmp/dom.html"
check "the diagram is inline SVG" grep -q '<svg' "$tmp/dom.html"
check "the diagram has nodes" grep -q 'class="node"' "$tmp/dom.html"
check "the diagnostics table is there" \
    grep -q '<table class="diags" id="diagnostics">' "$tmp/dom.html"
check "the table names the broken DS" grep -q 'DS_DIGEST_MISMATCH' "$tmp/dom.html"
check "the summary says where the chain breaks" \
    grep -q 'breaks at:' "$tmp/dom.html"
check "both names are summarised" \
    test "$(grep -o 'class="card"' "$tmp/dom.html" | wc -l)" -eq 2
check "the network log was written" test -s "$tmp/net.json"
check "the page made no network request" \
    test "$(page_requests "$tmp/net.json")" -eq 0

# report.html#<node id> opens with that node's details shown (the script
# builds the details panel from the embedded node data).
ds_id=$(grep -o '"ds:ds-mismatch\.tp\.:[^"]*"' "$tmp/report.html" | head -n1 |
    tr -d '"')
check "the broken DS has a node id" test -n "$ds_id"
browser "$tmp/report.html#$ds_id" "$tmp/net-hash.json" "$tmp/dom-hash.html"
check "a node's details open from the URL fragment" \
    grep -q '<aside id="details"><b>DS [0-9]* for ds-mismatch.tp.</b>' \
    "$tmp/dom-hash.html"
check "the details show the problem" \
    grep -q 'digest does not match' "$tmp/dom-hash.html"

# Control: a page with an external image must be caught.
printf '<!DOCTYPE html><html><body><img src="http://192.0.2.1/x.png">' \
    >"$tmp/control.html"
printf '</body></html>\n' >>"$tmp/control.html"
browser "$tmp/control.html" "$tmp/net-control.json" "$tmp/dom-control.html"
check "control: the request check catches an external image" \
    test "$(page_requests "$tmp/net-control.json" 2>/dev/null)" -ge 1

# A screenshot, kept when TP_RENDER_SHOTS names a directory.
rm -rf "$tmp/profile"
unshare -n chromium --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
    --window-size=1400,1200 --screenshot="$tmp/report.png" \
    "file://$tmp/report.html" >/dev/null 2>&1 || true
check "screenshot taken" test -s "$tmp/report.png"
if [ -n "${TP_RENDER_SHOTS:-}" ]; then
    mkdir -p "$TP_RENDER_SHOTS"
    cp "$tmp/report.png" "$tmp/report.html" "$TP_RENDER_SHOTS/"
fi

exit $fail
