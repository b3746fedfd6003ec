#!/bin/sh
# Regenerates the example pictures of the README from the local testbed:
# secure.png, bogus.png, insecure.png and nsec3.png (and the HTML report of
# all four). Needs root and the testbed up (samples/testbed/up).
#   TRUSTPATH=path/to/trustpath samples/images/make-examples.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tb="$here/../testbed"
tp=${TRUSTPATH:-$here/../../build-test/trustpath}
. "$tb/run/env"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$tb/exec" "$tp" probe --root-hints "$TP_ROOT_HINTS" \
    --trust-anchor "$TP_TRUST_ANCHOR" -o "$tmp/cap.json" \
    www.secure-alg13.tp www.ds-mismatch.tp www.insecure.tp www.nsec3.tp
draw() { # draw NAME FILE
    "$tp" graph -r "$tmp/cap.json" --trust-anchor "$TP_TRUST_ANCHOR" \
        "$1" -o "$here/$2"
    echo "wrote $here/$2"
}
draw www.secure-alg13.tp secure.png
draw www.ds-mismatch.tp bogus.png
draw www.insecure.tp insecure.png
draw www.nsec3.tp nsec3.png
"$tp" graph -r "$tmp/cap.json" --trust-anchor "$TP_TRUST_ANCHOR" \
    -o "$here/report.html"
echo "wrote $here/report.html"
