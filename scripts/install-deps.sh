#!/bin/sh
# Installs the Debian 12 packages trustpath needs to build, test and run its
# local testbed. Only missing packages are installed; safe to run repeatedly.
set -eu

BUILD_PKGS="build-essential cmake pkg-config libc-ares-dev libssl-dev \
libgraphviz-dev libjson-c-dev libcunit1-dev"
# The testbed: real authoritative servers, a validating resolver, signing
# tools, and network namespaces.
TESTBED_PKGS="iproute2 bind9 bind9-utils bind9-dnsutils nsd knot knot-dnsutils \
unbound ldnsutils procps python3 jq time nftables"
# Fuzzing, formatting checks, and the benchmarks of bench/ (dnsviz, hyperfine,
# time, perf, valgrind).
DEV_PKGS="clang libclang-rt-14-dev clang-format chromium dnsviz hyperfine time \
linux-perf valgrind man-db groff-base"

case "${1:-all}" in
build) want="$BUILD_PKGS" ;;
*) want="$BUILD_PKGS $TESTBED_PKGS $DEV_PKGS" ;;
esac

missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages:$missing (run as root)" >&2
    exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "install-deps: done"
