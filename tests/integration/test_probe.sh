#!/bin/bash
# Integration test of `trustpath probe` against the running testbed
# (samples/testbed/up): probes names inside the testbed's namespace and
# asserts on the capture: every server address of every zone on the path was
# asked, DNSKEY came from each, DS and its denial from the parent's servers,
# the negative probes carry NSEC/NSEC3 proofs, the dead address never
# answered, the lame server said REFUSED, and each run kept its time bound.
# Env: TRUSTPATH (the binary). Prints measured times and query counts.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
testbed=$(cd "$here/../../samples/testbed" && pwd)
run="${TP_TESTBED_RUN:-$testbed/run}"
: "${TRUSTPATH:?set TRUSTPATH to the trustpath binary}"
[ -f "$run/root.hints" ] || { echo "testbed not up ($run/root.hints missing)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

probe() { # OUT NAME... (extra options before the names)
    local out=$1
    shift
    "$testbed/exec" "$TRUSTPATH" probe -q -v --root-hints "$run/root.hints" \
        --trust-anchor "$run/root.key" -o "$out" "$@"
}

# 1. A secure three-level delegation, timed end to end (process included).
start=$(date +%s%N)
probe "$work/deep.json" www.a.b.deep.tp 2>"$work/deep.err"
end=$(date +%s%N)
deep_wall_ms=$(( (end - start) / 1000000 ))
cat "$work/deep.err"
echo "deep: wall ${deep_wall_ms} ms (incl. ip netns exec and process start)"

# 2. Every case of the testbed in one run, short timeouts.
cut -f1 "$testbed/cases.tsv" | tail -n +2 >"$work/names.txt"
probe "$work/all.json" --timeout 300 --retries 1 --deadline 20 \
    -f "$work/names.txt" 2>"$work/all.err"
cat "$work/all.err"

# 3. A CNAME into another zone, alone: the target's zone must be walked.
probe "$work/cname.json" www.cname.tp 2>/dev/null

python3 - "$work" "$run/root.hints" "$deep_wall_ms" <<'PY'
import base64, json, sys

work, hints_path, deep_wall_ms = sys.argv[1], sys.argv[2], int(sys.argv[3])
A, NS, CNAME, SOA, AAAA, DS, NSEC, DNSKEY, NSEC3 = 1, 2, 5, 6, 28, 43, 47, 48, 50
failures = []

def check(cond, what):
    if not cond:
        failures.append(what)

def name_at(buf, pos):
    labels, jumped, end, hops = [], False, pos, 0
    while True:
        n = buf[pos]
        if n & 0xC0 == 0xC0:
            if not jumped:
                end = pos + 2
            pos, jumped, hops = ((n & 0x3F) << 8) | buf[pos + 1], True, hops + 1
            assert hops < 64
            continue
        pos += 1
        if n == 0:
            break
        labels.append(buf[pos:pos + n].decode('ascii', 'replace').lower())
        pos += n
    return '.'.join(labels) + '.' if labels else '.', (pos if not jumped else end)

def parse(b64):
    buf = base64.b64decode(b64)
    m = {'rcode': buf[3] & 15, 'aa': bool(buf[2] & 4), 'tc': bool(buf[2] & 2)}
    counts = [int.from_bytes(buf[i:i + 2], 'big') for i in (4, 6, 8, 10)]
    pos = 12
    for _ in range(counts[0]):
        _, pos = name_at(buf, pos)
        pos += 4
    for sec, n in zip(('an', 'ns', 'ar'), counts[1:]):
        rrs = []
        for _ in range(n):
            owner, pos = name_at(buf, pos)
            t = int.from_bytes(buf[pos:pos + 2], 'big')
            rdlen = int.from_bytes(buf[pos + 8:pos + 10], 'big')
            rstart = pos + 10
            rdata = buf[rstart:rstart + rdlen]
            target = name_at(buf, rstart)[0] if t in (NS, CNAME) else None
            rrs.append({'owner': owner, 'type': t, 'rdata': rdata, 'target': target})
            pos = rstart + rdlen
        m[sec] = rrs
    return m

def load(path):
    cap = json.load(open(path))
    check(cap['trustpath_capture'] == 1, path + ': version')
    for q in cap['queries']:
        q['msg'] = parse(q['response']) if 'response' in q else None
        check(len(q['attempts']) >= 1, path + ': query without attempts')
    return cap

def span_ms(cap):
    from datetime import datetime
    f = lambda s: datetime.strptime(s, '%Y-%m-%dT%H:%M:%S.%fZ')
    return (f(cap['end']) - f(cap['start'])).total_seconds() * 1000

def addr_text(rr):
    import ipaddress
    return str(ipaddress.ip_address(rr['rdata']))

def zone_servers(cap, zone, parent_servers_of):
    """Addresses of a zone from the delegation data: the parent's referral
    glue (or the root hints) plus address answers for its NS names."""
    if zone == '.':
        addrs = set()
        for line in open(hints_path):
            f = line.split()
            if len(f) >= 4 and f[-2] in ('A', 'AAAA'):
                addrs.add(f[-1])
        return addrs
    names, addrs = set(), set()
    for q in cap['queries']:
        m = q['msg']
        if not m or q['purpose'] != 'referral':
            continue
        for rr in m['ns'] + m['an']:
            if rr['type'] == NS and rr['owner'] == zone:
                names.add(rr['target'])
    for q in cap['queries']:
        m = q['msg']
        if not m:
            continue
        for rr in m['ar'] + (m['an'] if q['purpose'] == 'ns-address' else []):
            if rr['owner'] in names and rr['type'] in (A, AAAA):
                addrs.add(addr_text(rr))
    return addrs

def asked(cap, zone, qtype, qname=None):
    return [q for q in cap['queries'] if q['zone'] == zone and q['qtype'] == qtype
            and (qname is None or q['qname'] == qname)]

def has_denial(m):
    return any(rr['type'] in (NSEC, NSEC3) for rr in m['ns'])

# --- 1. secure three-level name --------------------------------------------
deep = load(work + '/deep.json')
path = ['.', 'tp.', 'deep.tp.', 'b.deep.tp.', 'a.b.deep.tp.']
deep_ms = span_ms(deep)
print('deep: %d queries, capture span %.1f ms' % (len(deep['queries']), deep_ms))
check(deep_ms < 1000, 'deep: probe took %.1f ms (bound 1000)' % deep_ms)
check(deep_wall_ms < 2000, 'deep: wall %d ms (bound 2000)' % deep_wall_ms)
for i, zone in enumerate(path):
    servers = zone_servers(deep, zone, None)
    check(servers, 'deep: no server known for ' + zone)
    dnskey_from = {q['server'] for q in asked(deep, zone, 'DNSKEY', zone)
                   if q['msg'] and any(rr['type'] == DNSKEY for rr in q['msg']['an'])}
    check(servers <= dnskey_from, 'deep: %s DNSKEY missing from %s' % (zone, servers - dnskey_from))
    asked_any = {q['server'] for q in deep['queries'] if q['zone'] == zone}
    check(servers <= asked_any, 'deep: %s servers not asked: %s' % (zone, servers - asked_any))
    for kind in ('SOA', 'NS', 'NSEC3PARAM', 'TYPE65280'):
        got = {q['server'] for q in asked(deep, zone, kind, zone)}
        check(servers <= got, 'deep: %s %s not asked at %s' % (zone, kind, servers - got))
    nx = [q for q in deep['queries'] if q['zone'] == zone and q['purpose'] == 'nxdomain-probe']
    check(nx and all(q['msg'] and q['msg']['rcode'] == 3 and has_denial(q['msg']) for q in nx),
          'deep: %s NXDOMAIN probe without NSEC/NSEC3' % zone)
    nd = [q for q in deep['queries'] if q['zone'] == zone and q['purpose'] == 'nodata-probe']
    check(nd and all(q['msg'] and q['msg']['rcode'] == 0 and not q['msg']['an']
                     and has_denial(q['msg']) for q in nd),
          'deep: %s NODATA probe without NSEC/NSEC3' % zone)
    if i > 0:
        parent = path[i - 1]
        pservers = zone_servers(deep, parent, None)
        ds_from = {q['server'] for q in asked(deep, parent, 'DS', zone)
                   if q['msg'] and any(rr['type'] == DS for rr in q['msg']['an'])}
        check(pservers <= ds_from, 'deep: DS %s missing from parent servers %s' % (zone, pservers - ds_from))
        if zone != '.':
            check(not asked(deep, zone, 'CDS', zone) == [], 'deep: no CDS asked at ' + zone)
answers = [q for q in deep['queries'] if q['qname'] == 'www.a.b.deep.tp.' and q['qtype'] in ('A', 'AAAA')]
check({q['qtype'] for q in answers} == {'A', 'AAAA'}, 'deep: A and AAAA not both asked')
check(all(q['zone'] == 'a.b.deep.tp.' for q in answers), 'deep: name asked in the wrong zone')
check('::1' in {q['server'] for q in deep['queries']}, 'deep: the IPv6 root address was not asked')

# --- 2. every case -------------------------------------------------------------
allc = load(work + '/all.json')
all_ms = span_ms(allc)
print('all: %d names, %d queries, capture span %.1f ms' % (len(allc['names']), len(allc['queries']), all_ms))
check(all_ms < 20000 + 500, 'all: exceeded its deadline (%.1f ms)' % all_ms)
check(all_ms < 5000, 'all: took %.1f ms (bound 5000 with 300 ms timeouts)' % all_ms)
dead = [q for q in allc['queries'] if q['server'] == '127.53.9.9']
check(dead, 'all: the dead address 127.53.9.9 was never asked')
check(all(q['outcome'] in ('timeout', 'connection-refused') for q in dead),
      'all: the dead address has outcomes %s' % {q['outcome'] for q in dead})
print('all: dead 127.53.9.9: %d queries, outcomes %s' % (
    len(dead), sorted({q['outcome'] for q in dead})))
lame = [q for q in allc['queries'] if q['zone'] == 'lame.tp.' and q['server'] == '127.53.2.1']
check(lame and all(q['msg'] and q['msg']['rcode'] == 5 for q in lame),
      'all: lame server 127.53.2.1 did not answer REFUSED')
good = [q for q in allc['queries'] if q['zone'] == 'lame.tp.' and q['server'] == '127.53.1.2'
        and q['qtype'] == 'DNSKEY']
check(good and good[0]['msg']['rcode'] == 0, 'all: the good server of lame.tp. was not asked')
for zone, parent, kind in (('insecure.tp.', 'tp.', NSEC), ('insecure-optout.optout.', 'optout.', NSEC3)):
    ds = asked(allc, parent, 'DS', zone)
    pservers = zone_servers(allc, parent, None)
    check(ds and {q['server'] for q in ds} >= pservers, 'all: DS %s not asked at all of %s' % (zone, pservers))
    check(all(q['msg'] and not any(rr['type'] == DS for rr in q['msg']['an'])
              and any(rr['type'] == kind for rr in q['msg']['ns']) for q in ds),
          'all: no DS denial (type %d) for %s' % (kind, zone))
stale = {q['server'] for q in asked(allc, 'stale-copy.tp.', 'DNSKEY')}
check(stale >= {'127.53.2.1', '127.53.1.3'}, 'all: stale-copy.tp. servers not both asked: %s' % stale)
check(not any(q['outcome'] == 'mismatch' for q in allc['queries']), 'all: mismatched answers')

# --- 3. CNAME into another zone ---------------------------------------------------
cn = load(work + '/cname.json')
check(asked(cn, 'secure-alg13.tp.', 'DNSKEY'), 'cname: the target zone secure-alg13.tp. was not walked')
check([q for q in cn['queries'] if q['qname'] == 'www.secure-alg13.tp.' and q['qtype'] == 'A'
       and q['msg'] and q['msg']['an']], 'cname: the CNAME target was not asked')

for f in failures:
    print('FAIL:', f)
print('test_probe: %s (%d failures)' % ('ok' if not failures else 'FAILED', len(failures)))
sys.exit(1 if failures else 0)
PY
