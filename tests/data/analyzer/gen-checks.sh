#!/bin/bash
# Regenerates the checks-*.signed fixtures of tests/unit/test_analyzer_checks.c
# (fresh keys each time: the tests do not depend on key tags). Zones under
# the anchor zone test. (ECDSAP256SHA256, NSEC, validity 2026-01-01 to
# 2028-01-01), each showing one situation:
#   cds.test.     CDS and CDNSKEY for the KSK the DS names (consistent)
#   cdsnew.test.  CDS (SHA-1 and SHA-256) and CDNSKEY for a stand-by KSK that
#                 has no DS and signs nothing
#   cdsdel.test.  the RFC 8078 delete signal (CDS 0 0 0 00, CDNSKEY 0 3 0 AA==)
#   cdsbad.test.  a delete CDS mixed with a real CDS; CDNSKEY for the ZSK
#   ns.test.      parent NS {ns1,ns2}, glue 127.0.0.10/11; child NS
#                 {ns1,ns3,alias}, ns1 A 127.0.0.12, ns3 A 10.1.2.3, alias is
#                 a CNAME
#   cname.test.   www CNAME www.tgt.test. (another zone); loop1 <-> loop2;
#                 dn DNAME tgt.test.
#   tgt.test.     www A 192.0.2.7
#   den.test.     two versions signed with the same keys: v1 (serial 1: www A
#                 192.0.2.1, c TXT) and v2 (serial 2: www A 192.0.2.2, b A,
#                 c TXT and A)
set -eu
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
S=20260101000000
E=20280101000000
keys() { # ZONE -> sets KSK ZSK (file prefixes)
    KSK=$(dnssec-keygen -q -a 13 -f KSK "$1")
    ZSK=$(dnssec-keygen -q -a 13 "$1")
}
sign() { # ZONEFILE ORIGIN OUT [extra key files to include, not sign]
    dnssec-signzone -q -P -s $S -e $E -o "$2" -f "$3" "$1" >/dev/null
}
soa() { echo "\$TTL 3600"; echo "$1 IN SOA ns1.$1 admin.$1 ${2:-1} 7200 3600 864000 300"; }

# ---- children ----
keys cds.test.
{ soa cds.test.; echo "cds.test. NS ns1.test."; echo "www.cds.test. A 192.0.2.1"
  cat $KSK.key $ZSK.key
  dnssec-dsfromkey -C -2 $KSK.key; dnssec-dsfromkey -C -2 $KSK.key | sed 's/ CDS .*//' >/dev/null
  sed -e 's/ DNSKEY / CDNSKEY /' -e '/^;/d' $KSK.key; } > cds.zone
dnssec-dsfromkey -2 $KSK.key > ds.cds
sign cds.zone cds.test. cds.signed

keys cdsnew.test.
K2=$(dnssec-keygen -q -a 13 -f KSK cdsnew.test.)
{ soa cdsnew.test.; echo "cdsnew.test. NS ns1.test."; echo "www.cdsnew.test. A 192.0.2.1"
  cat $KSK.key $ZSK.key $K2.key
  dnssec-dsfromkey -C -1 $K2.key; dnssec-dsfromkey -C -2 $K2.key
  sed -e 's/ DNSKEY / CDNSKEY /' -e '/^;/d' $K2.key; } > cdsnew.zone
dnssec-dsfromkey -2 $KSK.key > ds.cdsnew
# sign with KSK and ZSK only: K2 is published, not used (-P keeps it unsigned)
mv $K2.private $K2.unused
sign cdsnew.zone cdsnew.test. cdsnew.signed

keys cdsdel.test.
{ soa cdsdel.test.; echo "cdsdel.test. NS ns1.test."; echo "www.cdsdel.test. A 192.0.2.1"
  cat $KSK.key $ZSK.key
  echo "cdsdel.test. CDS 0 0 0 00"; echo "cdsdel.test. CDNSKEY 0 3 0 AA=="; } > cdsdel.zone
dnssec-dsfromkey -2 $KSK.key > ds.cdsdel
sign cdsdel.zone cdsdel.test. cdsdel.signed

keys cdsbad.test.
{ soa cdsbad.test.; echo "cdsbad.test. NS ns1.test."; echo "www.cdsbad.test. A 192.0.2.1"
  cat $KSK.key $ZSK.key
  echo "cdsbad.test. CDS 0 0 0 00"; dnssec-dsfromkey -C -2 $KSK.key
  sed -e 's/ DNSKEY / CDNSKEY /' -e '/^;/d' $ZSK.key; } > cdsbad.zone
dnssec-dsfromkey -2 $KSK.key > ds.cdsbad
sign cdsbad.zone cdsbad.test. cdsbad.signed

keys ns.test.
{ soa ns.test.; printf '%s\n' "ns.test. NS ns1.ns.test." "ns.test. NS ns3.ns.test." \
  "ns.test. NS alias.ns.test." "ns1.ns.test. A 127.0.0.12" "ns3.ns.test. A 10.1.2.3" \
  "alias.ns.test. CNAME ns1.ns.test." "www.ns.test. A 192.0.2.1"
  cat $KSK.key $ZSK.key; } > ns.zone
dnssec-dsfromkey -2 $KSK.key > ds.ns
sign ns.zone ns.test. ns.signed

keys cname.test.
{ soa cname.test.; printf '%s\n' "cname.test. NS ns1.test." "www.cname.test. CNAME www.tgt.test." \
  "loop1.cname.test. CNAME loop2.cname.test." "loop2.cname.test. CNAME loop1.cname.test." \
  "dn.cname.test. DNAME tgt.test."
  cat $KSK.key $ZSK.key; } > cname.zone
dnssec-dsfromkey -2 $KSK.key > ds.cname
sign cname.zone cname.test. cname.signed

keys tgt.test.
{ soa tgt.test.; echo "tgt.test. NS ns1.test."; echo "www.tgt.test. A 192.0.2.7"
  cat $KSK.key $ZSK.key; } > tgt.zone
dnssec-dsfromkey -2 $KSK.key > ds.tgt
sign tgt.zone tgt.test. tgt.signed

keys den.test.
{ soa den.test. 1; printf '%s\n' "den.test. NS ns1.test." "www.den.test. A 192.0.2.1" \
  "c.den.test. TXT \"c\""; cat $KSK.key $ZSK.key; } > den1.zone
{ soa den.test. 2; printf '%s\n' "den.test. NS ns1.test." "www.den.test. A 192.0.2.2" \
  "b.den.test. A 192.0.2.3" "c.den.test. TXT \"c\"" "c.den.test. A 192.0.2.4"
  cat $KSK.key $ZSK.key; } > den2.zone
dnssec-dsfromkey -2 $KSK.key > ds.den
sign den1.zone den.test. den1.signed
sign den2.zone den.test. den2.signed

# ---- the anchor zone test. ----
keys test.
{ soa test.; printf '%s\n' "test. NS ns1.test." "ns1.test. A 127.0.0.1"
  for c in cds cdsnew cdsdel cdsbad cname tgt den; do echo "$c.test. NS ns1.test."; done
  printf '%s\n' "ns.test. NS ns1.ns.test." "ns.test. NS ns2.ns.test." \
    "ns1.ns.test. A 127.0.0.10" "ns2.ns.test. A 127.0.0.11"
  cat ds.*
  cat $KSK.key $ZSK.key; } > test.zone
sign test.zone test. test.signed
dnssec-dsfromkey -2 $KSK.key | sed 's/^/; trust anchor of tests\/unit\/test_analyzer_checks.c\n/' > "$out/checks-anchor.ds"

for f in test cds cdsnew cdsdel cdsbad ns cname tgt den1 den2; do
    { echo "; $f: generated by gen-checks.sh (dnssec-signzone, ECDSAP256SHA256)"
      cat $f.signed; } > "$out/checks-$f.signed"
done
