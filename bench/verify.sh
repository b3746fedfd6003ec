#!/bin/sh
# Signature verification benchmark (issue 3): trustpath's code path
# (tp_rrsig_verify: parse the RRSIG, canonicalize the signed data, verify
# with a cached key) against `openssl speed` on the same machine, for
# algorithms 8 (RSA-2048), 13 (P-256) and 15 (Ed25519).
#
# Usage: bench/verify.sh [seconds]   (default 3; builds into build-bench/)
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${TP_BENCH_BUILD:-$src/build-bench}
secs=${1:-3}
data=$src/tests/data/dnssec

# An optimized build without sanitizers; only the libraries we need.
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    >/dev/null
cmake --build "$build" --target tp_dnssec -j2 >/dev/null
cc -std=c11 -O2 -D_DEFAULT_SOURCE -I"$src/include" \
    "$src/bench/verify/bench_verify.c" -o "$build/bench_verify" \
    "$build/libtp_dnssec.a" "$build/libtp_wire.a" "$build/libtp_util.a" \
    $(pkg-config --libs libcrypto)

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs"
echo "openssl: $(openssl version)"
echo "running openssl speed -seconds $secs rsa2048 ecdsap256 ed25519 ..."
speed=$(openssl speed -seconds "$secs" rsa2048 ecdsap256 ed25519 2>/dev/null)
o8=$(echo "$speed" | awk '/^rsa 2048 bits/ {print $NF}')
o13=$(echo "$speed" | awk '/\(nistp256\)/ {print $NF}')
o15=$(echo "$speed" | awk '/\(Ed25519\)/ {print $NF}')

echo "running trustpath ($secs s per algorithm) ..."
ours=$("$build/bench_verify" "$secs" "$data/bind-alg8.zone" \
    "$data/bind-alg13.zone" "$data/bind-alg15.zone")

printf '%-22s %14s %14s %7s\n' algorithm "openssl verify/s" "trustpath /s" ratio
for row in "8:RSASHA256 (2048):$o8" "13:ECDSAP256SHA256:$o13" \
    "15:ED25519:$o15"; do
    alg=${row%%:*}
    rest=${row#*:}
    name=${rest%%:*}
    ossl=${rest#*:}
    mine=$(echo "$ours" | sed -n "s/^alg=$alg .*verify_per_s=\([0-9]*\).*/\1/p")
    ratio=$(awk -v a="$mine" -v b="$ossl" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }')
    printf '%-22s %14s %14s %7s\n' "$alg $name" "$ossl" "$mine" "$ratio"
done
echo "$ours" | sed 's/^/detail: /'
