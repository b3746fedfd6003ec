# Shared settings for the testbed scripts (sourced by up, down, exec, verify).
# Every address lives in the private network namespace $TP_NETNS; nothing here
# ever sends a packet outside it.
# shellcheck shell=bash disable=SC2034

TB_DIR=$(cd "$(dirname "$0")" && pwd)
TP_NETNS=${TP_NETNS:-trustpath}
# Generated state: run/ for the default namespace; another namespace gets its
# own directory unless TP_TESTBED_RUN says where (two testbeds must never
# share one, `down` of one would stop the other's servers).
if [ "$TP_NETNS" = trustpath ]; then
    RUN=${TP_TESTBED_RUN:-$TB_DIR/run}
else
    RUN=${TP_TESTBED_RUN:-/tmp/trustpath-testbed-$TP_NETNS}
fi

# Addresses (all on lo inside the namespace).
ADDR_ROOT=127.53.0.1      # BIND, view "root": the root zone (also on ::1)
ADDR_ROOT6=::1
ADDR_TLD=127.53.1.1       # BIND, view "tld": tp. optout. [bulk.]
ADDR_BIND=127.53.1.2      # BIND, view "child": child zones
ADDR_BIND_STALE=127.53.1.3 # BIND, view "stale": old or unsigned copies
ADDR_NSD=127.53.2.1       # NSD: child zones
ADDR_NSD_BULK=127.53.2.2  # NSD (same process): bulk-NNNNN.bulk. zones
ADDR_KNOT=127.53.3.1      # Knot: child zones
ADDR_DEAD=127.53.9.9      # nothing listens here (not even added to lo)
ADDR_RESOLVER=127.53.53.53 # validating unbound
# Optional hostile part (TP_TESTBED_HOSTILE=1, issue 9): tests/hostile/hostile_server.py.
ADDR_HOSTILE=127.53.8.1       # the misbehaving authoritative server
ADDR_HOSTILE_OTHER=127.53.8.2 # its "other address" (answers from the wrong source)

ROOT_NS=a.root-servers.tp.

die() {
    echo "testbed: $*" >&2
    exit 1
}

need_root() {
    [ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, port 53)"
}

# take_lock: serialises up and down (several engineers and the integration
# tests share one testbed). The lock lives outside run/, which down removes.
take_lock() {
    [ -z "${TB_LOCKED:-}" ] || return 0
    exec 9>"/tmp/trustpath-testbed.$TP_NETNS.lock"
    if ! flock -n 9; then
        echo "testbed: waiting for another up/down of $TP_NETNS to finish" >&2
        flock -w 300 9 || die "lock still held after 300 s"
    fi
    export TB_LOCKED=1
}

netns_exists() {
    ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$TP_NETNS"
}

in_ns() {
    ip netns exec "$TP_NETNS" "$@"
}
