#!/bin/sh
# Regenerate the signed-zone fixtures of tests/data/dnssec/: a small zone
# signed on this machine with BIND's dnssec-signzone (algorithms 5, 7, 8,
# 10, 13, 14, 15, 16) and with ldns-signzone (8, 13, 15). Signatures are
# valid from 2026-01-01 to 2036-01-01; the tests pin their reference time
# inside that window (1800000000 = 2027-01-15T08:00:00Z), so the files
# never need regenerating. Keys are throw-away and not kept.
#
# Usage: tests/data/dnssec/make-fixtures.sh   (needs bind9-utils, ldnsutils)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
zone=example.test.
inception=20260101000000
expiration=20360101000000

cat >"$work/zone.in" <<'ZONE'
$ORIGIN example.test.
$TTL 3600
@       IN SOA  ns1.example.test. hostmaster.example.test. (
                2026010101 7200 3600 1209600 300 )
        IN NS   ns1.example.test.
        IN NS   ns2.example.test.
        IN MX   10 mail.example.test.
        IN MX   20 Backup-MX.example.test.
        IN TXT  "v=spf1 -all"
ns1     IN A    192.0.2.1
ns2     IN A    192.0.2.2
mail    IN A    192.0.2.25
www     IN A    192.0.2.80
www     IN A    192.0.2.81
www     IN AAAA 2001:db8::80
alias   IN CNAME www.example.test.
*.wild  IN A    192.0.2.99
*.wild  IN TXT  "wildcard"
srv     IN SRV  0 5 443 www.example.test.
ZONE

bind_sign() { # alg bits nsec3-flag
    alg=$1 bits=$2 nsec3=$3
    d="$work/bind-$alg"
    mkdir -p "$d"
    cp "$work/zone.in" "$d/zone"
    if [ -n "$bits" ]; then
        dnssec-keygen -q -K "$d" -a "$alg" -b "$bits" -f KSK "$zone" >/dev/null
        dnssec-keygen -q -K "$d" -a "$alg" -b "$bits" "$zone" >/dev/null
    else
        dnssec-keygen -q -K "$d" -a "$alg" -f KSK "$zone" >/dev/null
        dnssec-keygen -q -K "$d" -a "$alg" "$zone" >/dev/null
    fi
    for k in "$d"/K*.key; do
        echo "\$INCLUDE $k" >>"$d/zone"
    done
    # -O full: one record per line, absolute names; -3 -: NSEC3, no salt.
    if [ "$nsec3" = yes ]; then
        set -- -3 - -H 0
    else
        set --
    fi
    # In $d: dnssec-signzone writes its dsset- file to the current directory.
    (cd "$d" && dnssec-signzone -q -K "$d" -o "$zone" -O full \
        -s "$inception" -e "$expiration" -T 3600 "$@" -f "$d/signed" \
        "$d/zone" >/dev/null)
    out="$here/bind-alg$alg.zone"
    {
        echo "; Signed on this machine by $(dnssec-signzone -V 2>&1 | head -1)"
        echo "; dnssec-signzone -O full -s $inception -e $expiration" \
             "${nsec3:+(NSEC3: $nsec3)}; algorithm $alg${bits:+, $bits bits}"
        echo "; Source: tests/data/dnssec/make-fixtures.sh"
        echo "; now: 1800000000"
        echo "; expect: every RRSIG VALID"
        grep -v '^;' "$d/signed"
    } >"$out"
}

ldns_sign() { # alg-name alg-number
    name=$1 num=$2
    d="$work/ldns-$num"
    mkdir -p "$d"
    cp "$work/zone.in" "$d/zone"
    (
        cd "$d"
        ksk=$(ldns-keygen -k -a "$name" "$zone")
        zsk=$(ldns-keygen -a "$name" "$zone")
        ldns-signzone -i "$inception" -e "$expiration" -f signed zone \
            "$ksk" "$zsk" >/dev/null
    )
    out="$here/ldns-alg$num.zone"
    {
        echo "; Signed on this machine by ldns-signzone $(ldns-signzone -v 2>&1 | sed -n 's/.*version \([0-9.]*\).*/\1/p' | head -1)"
        echo "; ldns-signzone -i $inception -e $expiration; algorithm $num ($name)"
        echo "; Source: tests/data/dnssec/make-fixtures.sh"
        echo "; now: 1800000000"
        echo "; expect: every RRSIG VALID"
        grep -v '^;' "$d/signed"
    } >"$out"
}

bind_sign RSASHA1 2048 no
bind_sign NSEC3RSASHA1 2048 yes
bind_sign RSASHA256 2048 no
bind_sign RSASHA512 2048 no
bind_sign ECDSAP256SHA256 "" no
bind_sign ECDSAP384SHA384 "" yes
bind_sign ED25519 "" no
bind_sign ED448 "" no
# BIND names files by mnemonic; rename to numbers.
for pair in RSASHA1:5 NSEC3RSASHA1:7 RSASHA256:8 RSASHA512:10 \
    ECDSAP256SHA256:13 ECDSAP384SHA384:14 ED25519:15 ED448:16; do
    mv "$here/bind-alg${pair%%:*}.zone" "$here/bind-alg${pair##*:}.zone"
done

# A zone whose KSK has been revoked (RFC 5011 2.1): the DNSKEY RRset is also
# signed by the revoked key, whose tag now includes the REVOKE bit.
revoked_sign() {
    d="$work/revoked"
    mkdir -p "$d"
    cp "$work/zone.in" "$d/zone"
    ksk=$(dnssec-keygen -q -K "$d" -a ECDSAP256SHA256 -f KSK "$zone")
    dnssec-keygen -q -K "$d" -a ECDSAP256SHA256 -f KSK "$zone" >/dev/null
    dnssec-keygen -q -K "$d" -a ECDSAP256SHA256 "$zone" >/dev/null
    dnssec-revoke -r -K "$d" "$ksk" >/dev/null
    for k in "$d"/K*.key; do
        echo "\$INCLUDE $k" >>"$d/zone"
    done
    (cd "$d" && dnssec-signzone -q -K "$d" -o "$zone" -O full \
        -s "$inception" -e "$expiration" -T 3600 -f "$d/signed" \
        "$d/zone" >/dev/null)
    {
        echo "; Signed on this machine by $(dnssec-signzone -V 2>&1 | head -1)"
        echo "; dnssec-keygen x3 (2 KSK, 1 ZSK), dnssec-revoke on one KSK,"
        echo "; dnssec-signzone -O full -s $inception -e $expiration; algorithm 13"
        echo "; Source: tests/data/dnssec/make-fixtures.sh"
        echo "; now: 1800000000"
        echo "; expect: the RRSIG by the revoked KSK is KEY_REVOKED (its"
        echo ";         signature verifies); every other RRSIG VALID"
        grep -v '^;' "$d/signed"
    } >"$here/bind-revoked-alg13.zone"
}
revoked_sign

# Knot DNS (knotd 3.x; kzonesign is not packaged in Debian 12): a signing
# server in a private network namespace (unshare -n, loopback only: it
# never talks to anyone), its zone dumped with knotc zone-read. Knot picks
# the inception itself (about now minus 90 minutes), so the pinned "now" of
# these files is the generation time plus one day. Needs root for unshare.
knot_sign() { # policy-algorithm alg-number
    name=$1 num=$2
    d="$work/knot-$num"
    mkdir -p "$d/storage" "$d/kasp" "$d/run"
    cp "$work/zone.in" "$d/storage/example.test.zone"
    cat >"$d/knot.conf" <<KNOT
server:
    rundir: $d/run
    listen: 127.0.0.1@53535
database:
    storage: $d/storage
    kasp-db: $d/kasp
policy:
  - id: p
    algorithm: $name
    rrsig-lifetime: 3650d
    rrsig-refresh: 1d
template:
  - id: default
    storage: $d/storage
    zonefile-sync: -1
    journal-content: none
zone:
  - domain: $zone
    file: example.test.zone
    dnssec-signing: on
    dnssec-policy: p
KNOT
    unshare -n sh -c "ip link set lo up; exec knotd -d -c $d/knot.conf"
    tries=0
    until knotc -c "$d/knot.conf" zone-status "$zone" 2>/dev/null |
        grep -q 're-sign'; do
        tries=$((tries + 1))
        [ "$tries" -lt 30 ] || { echo "knotd did not sign" >&2; exit 1; }
        sleep 1
    done
    knotc -c "$d/knot.conf" zone-read "$zone" | sed 's/^\[[^]]*\] //' \
        >"$d/signed"
    knotc -c "$d/knot.conf" stop >/dev/null
    now=$(($(date +%s) + 86400))
    {
        echo "; Signed on this machine by knotd $(knotd -V | sed 's/.*version //')"
        echo "; policy algorithm $name ($num), rrsig-lifetime 3650d"
        echo "; Source: tests/data/dnssec/make-fixtures.sh"
        echo "; now: $now   (generation time + 1 day)"
        echo "; expect: every RRSIG VALID"
        cat "$d/signed"
    } >"$here/knot-alg$num.zone"
}
if command -v knotd >/dev/null && command -v unshare >/dev/null; then
    knot_sign ecdsap256sha256 13
    knot_sign ed25519 15
fi

ldns_sign RSASHA256 8
ldns_sign ECDSAP256SHA256 13
ldns_sign ED25519 15
echo "fixtures written to $here"
