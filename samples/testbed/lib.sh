# Shared settings for the testbed scripts (sourced by up, down, exec, verify).
# Every address lives in the private network namespace $TP_NETNS; nothing here
# ever sends a packet outside it.

TB_DIR=$(cd "$(dirname "$0")" && pwd)
TP_NETNS=${TP_NETNS:-trustpath}
RUN=${TP_TESTBED_RUN:-$TB_DIR/run}

# Addresses (all on lo inside the namespace).
ADDR_ROOT=127.53.0.1      # BIND, view "root": the root zone (also on ::1)
ADDR_ROOT6=::1
ADDR_TLD=127.53.1.1       # BIND, view "tld": tp. optout. [bulk.]
ADDR_BIND=127.53.1.2      # BIND, view "child": child zones
ADDR_BIND_STALE=127.53.1.3 # BIND, view "stale": an expired copy of stale-copy.tp.
ADDR_NSD=127.53.2.1       # NSD: child zones
ADDR_NSD_BULK=127.53.2.2  # NSD (same process): bulk-NNNNN.bulk. zones
ADDR_KNOT=127.53.3.1      # Knot: child zones
ADDR_DEAD=127.53.9.9      # nothing listens here (not even added to lo)
ADDR_RESOLVER=127.53.53.53 # validating unbound

ROOT_NS=a.root-servers.tp.

die() {
    echo "testbed: $*" >&2
    exit 1
}

need_root() {
    [ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, port 53)"
}

netns_exists() {
    ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$TP_NETNS"
}

in_ns() {
    ip netns exec "$TP_NETNS" "$@"
}
