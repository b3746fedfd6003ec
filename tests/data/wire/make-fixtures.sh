#!/bin/sh
# Regenerate the wire fixtures: sign two small zones, serve them with NSD in
# a private network namespace (loopback only) and save raw responses.
# Needs root, bind9-utils, nsd, python3. Output: *.bin next to this script.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
ns=tpwire-$$
addr=127.0.0.53
nsd_pid=

cleanup() {
    if [ -n "$nsd_pid" ]; then
        kill "$nsd_pid" 2>/dev/null || true
        wait "$nsd_pid" 2>/dev/null || true
    fi
    ip netns delete "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

cd "$work"
cat > wire.test.zone <<'ZONE'
$TTL 3600
@          SOA   ns1.wire.test. hostmaster.wire.test. 2026010101 7200 3600 1209600 300
@          NS    ns1.wire.test.
@          NS    ns2.Wire.Test.
@          MX    10 mail.wire.test.
@          MX    20 MAIL2.wire.test.
ns1        A     192.0.2.53
ns2        AAAA  2001:db8::53
mail       A     192.0.2.25
mail2      A     192.0.2.26
host       A     192.0.2.1
host       AAAA  2001:db8::1
www        CNAME host.wire.test.
txt        TXT   "first string" "second; \"quoted\"" "" "\255\000"
MiXeD      TXT   "case is kept"
ptr        PTR   host.wire.test.
dname      DNAME target.example.
child      NS    ns.child.wire.test.
ns.child   A     192.0.2.99
ZONE
cat > nsec3.test.zone <<'ZONE'
$TTL 3600
@          SOA   ns1.nsec3.test. hostmaster.nsec3.test. 1 7200 3600 1209600 300
@          NS    ns1.nsec3.test.
ns1        A     192.0.2.53
a          A     192.0.2.10
ZONE

ksk=$(dnssec-keygen -q -a ECDSAP256SHA256 -f KSK wire.test)
dnssec-keygen -q -a ECDSAP256SHA256 wire.test >/dev/null
child=$(dnssec-keygen -q -a ECDSAP256SHA256 -f KSK child.wire.test)
dnssec-dsfromkey -2 "$child.key" >> wire.test.zone
dnssec-dsfromkey -2 -C "$ksk.key" >> wire.test.zone
sed -n 's/ DNSKEY / CDNSKEY /p' "$ksk.key" >> wire.test.zone
dnssec-signzone -q -o wire.test -s 20260101000000 -e 20360101000000 \
    -S -K . -f wire.test.signed wire.test.zone >/dev/null

dnssec-keygen -q -a RSASHA256 -b 2048 -f KSK nsec3.test >/dev/null
dnssec-keygen -q -a RSASHA256 -b 1024 nsec3.test >/dev/null
dnssec-signzone -q -o nsec3.test -3 aabbccdd -H 0 -s 20260101000000 \
    -e 20360101000000 -S -K . -f nsec3.test.signed nsec3.test.zone >/dev/null

cat > nsd.conf <<CONF
server:
    ip-address: $addr
    port: 53
    username: ""
    chroot: ""
    zonesdir: "$work"
    database: ""
    zonelistfile: "$work/zone.list"
    pidfile: "$work/nsd.pid"
    xfrdfile: "$work/xfrd.state"
    xfrdir: "$work"
    logfile: "$work/nsd.log"
    nsid: "ascii_tpwire-ns1"
    server-count: 1
remote-control:
    control-enable: no
zone:
    name: wire.test
    zonefile: wire.test.signed
zone:
    name: nsec3.test
    zonefile: nsec3.test.signed
CONF

ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip addr add "$addr/8" dev lo 2>/dev/null || true
ip netns exec "$ns" nsd -d -c nsd.conf &
nsd_pid=$!
sleep 2

q() { ip netns exec "$ns" python3 "$here/query.py" "$addr" "$@"; }
q wire.test DNSKEY "$here/dnskey.bin"
q wire.test SOA "$here/soa.bin"
q wire.test NS "$here/ns.bin"
q wire.test MX "$here/mx.bin"
q txt.wire.test TXT "$here/txt.bin"
q mixed.wire.test TXT "$here/txt-case.bin"
q www.wire.test A "$here/cname.bin"
q x.dname.wire.test A "$here/dname.bin"
q host.wire.test AAAA "$here/aaaa.bin"
q ptr.wire.test PTR "$here/ptr.bin"
q child.wire.test DS "$here/ds.bin"
q child.wire.test A "$here/referral.bin"
q wire.test CDS "$here/cds.bin"
q wire.test CDNSKEY "$here/cdnskey.bin"
q wire.test NSEC "$here/nsec.bin"
q nope.wire.test A "$here/nxdomain-nsec.bin"
q host.wire.test A "$here/nsid.bin" --nsid
q nsec3.test NSEC3PARAM "$here/nsec3param.bin"
q nope.nsec3.test A "$here/nxdomain-nsec3.bin"
echo "fixtures written to $here"
