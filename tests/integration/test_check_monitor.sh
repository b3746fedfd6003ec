#!/bin/bash
# Integration test of `trustpath check` as a monitoring tool, against the
# running testbed (samples/testbed/up):
#   - a names file with secure, expiring, bogus, insecure and unresolvable
#     names (plus a comment, a blank line, a duplicate and an invalid name)
#     gives the expected state per name and the expected exit code in every
#     format (text, json, nagios, prometheus);
#   - the Nagios output follows the Monitoring Plugins guidelines (status
#     line, perfdata syntax), the Prometheus output passes a strict parser
#     of the text exposition format written here;
#   - --require-secure, --ignore, --warn-expiry/--crit-expiry;
#   - bad input: unreadable file, unknown option or format, invalid and
#     duplicate names (the message names the line);
#   - DS pre-flight (--ds): a correct DS, the child's KSK as DNSKEY, a DS for
#     a key that is not published, a DS with a wrong digest;
#   - Ctrl-C (SIGINT) in a batch: what is done is written, exit 3.
# Env: TRUSTPATH (the binary); TP_TESTBED_RUN / TP_NETNS (the testbed).
set -u
here=$(cd "$(dirname "$0")" && pwd)
testbed=$(cd "$here/../../samples/testbed" && pwd)
run="${TP_TESTBED_RUN:-$testbed/run}"
: "${TRUSTPATH:?set TRUSTPATH to the trustpath binary}"
[ -f "$run/root.hints" ] && [ -f "$run/env" ] ||
    { echo "testbed not up ($run/env missing)"; exit 1; }
. "$run/env"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
failed() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok: $*"; }

tp() { "$testbed/exec" "$TRUSTPATH" "$@"; }
common=(--root-hints "$run/root.hints" --trust-anchor "$run/root.key" -q)

cat >"$work/names" <<'EOF'
# monitored names
www.secure-alg13.tp
www.expiring-soon.tp    # expires in 2 days

www.ds-mismatch.tp
www.insecure.tp
www.nosuchtld
bad..name
www.secure-alg13.tp.
EOF
# expected state per name (presentation form)
cat >"$work/want" <<'EOF'
www.secure-alg13.tp. OK
www.expiring-soon.tp. CRITICAL
www.ds-mismatch.tp. CRITICAL
www.insecure.tp. WARNING
www.nosuchtld. CRITICAL
bad..name UNKNOWN
EOF

expect_rc() { # expect_rc WANT GOT WHAT
    [ "$2" -eq "$1" ] && ok "$3: exit $2" || failed "$3: exit $2, expected $1"
}

# ---- text ----------------------------------------------------------------
tp check "${common[@]}" -f "$work/names" >"$work/text" 2>"$work/text.err"
expect_rc 2 $? "text batch"
awk '$1 != "summary:" {print $2, $1}' "$work/text" | sort >"$work/got"
sort "$work/want" | diff - "$work/got" >/dev/null &&
    ok "text: one line per name with the expected state" ||
    { failed "text: states differ"; diff <(sort "$work/want") "$work/got"; }
grep -q '^summary: 6 names: 1 OK, 1 WARNING, 3 CRITICAL, 1 UNKNOWN (exit 2' \
    "$work/text" && ok "text: summary line" || failed "text: summary line"
grep -q "names:8: invalid name 'bad..name'" "$work/text.err" &&
    ok "invalid name: message names the line" ||
    failed "invalid name: no message naming line 8"
grep -q "names:9: duplicate name 'www.secure-alg13.tp.' (already at .*names:2)" \
    "$work/text.err" && ok "duplicate: message names both lines" ||
    failed "duplicate: no message naming the lines"
grep -q '^CRITICAL www.ds-mismatch.tp. bogus: DS_DIGEST_MISMATCH: ' "$work/text" &&
    ok "text: the first error" || failed "text: first error of the bogus name"
grep -qE '^OK +www.secure-alg13.tp. secure, expires [0-9T:-]+Z \(in 29d' \
    "$work/text" && ok "text: earliest expiry" || failed "text: expiry"

# ---- json ----------------------------------------------------------------
tp check "${common[@]}" --format json -f "$work/names" >"$work/json" 2>/dev/null
expect_rc 2 $? "json batch"
python3 - "$work/json" "$work/want" <<'PY' || fail=1
import json, sys
want = dict(l.split() for l in open(sys.argv[2]))
got = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    got[r["name"]] = r["check"]["state"]
    assert r["check"]["exit"] == ["OK", "WARNING", "CRITICAL", "UNKNOWN"].index(r["check"]["state"])
if got != want:
    print("FAIL: json states", got, want); sys.exit(1)
print("ok: json: one report per line, check.state per name")
PY

# ---- nagios --------------------------------------------------------------
nagios_ok() { # nagios_ok FILE WANT_STATE LONG_LINES
    python3 - "$@" <<'PY'
import re, sys
path, want, nlong = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(path).read().split("\n")
assert lines[-1] == "", "output ends with a newline"
lines = lines[:-1]
m = re.fullmatch(r"DNSSEC (OK|WARNING|CRITICAL|UNKNOWN) - ([^|]+?) \| (.+)", lines[0])
if not m:
    sys.exit(f"FAIL: nagios status line: {lines[0]!r}")
if m.group(1) != want:
    sys.exit(f"FAIL: nagios state {m.group(1)}, expected {want}")
num = r"-?[0-9]+(\.[0-9]+)?"
rng = rf"(@?(~|{num})?(:({num})?)?)?"
perf = re.compile(rf"('[^'=]+'|[^'= ]+)={num}(s|ms|us|%|B|KB|MB|TB|c)?(;{rng}(;{rng}(;({num})?(;({num})?)?)?)?)?")
labels = []
for tok in m.group(3).split(" "):
    if not perf.fullmatch(tok):
        sys.exit(f"FAIL: nagios perfdata token {tok!r}")
    labels.append(tok.split("=")[0].strip("'"))
if len(labels) != len(set(labels)):
    sys.exit("FAIL: nagios perfdata labels repeat")
if "days_to_expiry" not in labels or "servers" not in labels:
    sys.exit(f"FAIL: nagios perfdata lacks days_to_expiry/servers: {labels}")
long = lines[1:]
if len(long) != nlong:
    sys.exit(f"FAIL: nagios long output has {len(long)} lines, expected {nlong}")
for l in long:
    if not re.match(r"(OK|WARNING|CRITICAL|UNKNOWN): \S+ ", l) or "|" in l:
        sys.exit(f"FAIL: nagios long output line {l!r}")
print(f"ok: nagios: {want}, perfdata {' '.join(labels)}, {nlong} long lines")
PY
}
tp check "${common[@]}" --format nagios -f "$work/names" >"$work/nagios" 2>/dev/null
expect_rc 2 $? "nagios batch"
nagios_ok "$work/nagios" CRITICAL 6 || fail=1
head -2 "$work/nagios" | sed -n 2p | grep -q '^CRITICAL: ' &&
    ok "nagios: worst names first" || failed "nagios: long output order"
tp check "${common[@]}" --format nagios www.secure-alg13.tp >"$work/n1"
expect_rc 0 $? "nagios single OK"
nagios_ok "$work/n1" OK 0 || fail=1
grep -qE "^DNSSEC OK - www.secure-alg13.tp. secure, expires .* \| 'days_to_expiry'=(29|30)\.[0-9]+;7\.00:;2\.00: 'servers'=1;;1:;0$" \
    "$work/n1" && ok "nagios: single-name line and thresholds" ||
    failed "nagios single: $(cat "$work/n1")"
tp check "${common[@]}" --format nagios www.lame.tp >"$work/n2"
expect_rc 1 $? "nagios single WARNING (lame server)"
nagios_ok "$work/n2" WARNING 0 || fail=1

# ---- prometheus ----------------------------------------------------------
tp check "${common[@]}" --format prometheus -f "$work/names" >"$work/prom" 2>/dev/null
expect_rc 2 $? "prometheus batch"
python3 - "$work/prom" "$work/want" <<'PY' || fail=1
# A strict parser of the Prometheus text exposition format (0.0.4): every
# line is a HELP, a TYPE or a sample; metric and label names match the
# grammar; label values use only the \\ \" \n escapes; HELP and TYPE come
# once per family, before its samples; samples of a family are contiguous;
# no sample repeats; values are floats.
import re, sys
NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LNAME = r"[a-zA-Z_][a-zA-Z0-9_]*"
LVAL = r'"(?:[^"\\\n]|\\[\\"n])*"'
SAMPLE = re.compile(rf"({NAME})(?:\{{((?:{LNAME}={LVAL})(?:,{LNAME}={LVAL})*,?)?\}})? (\S+)(?: (-?[0-9]+))?")
FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?Inf|NaN")
text = open(sys.argv[1]).read()
if not text.endswith("\n"):
    sys.exit("FAIL: prometheus: no final newline")
helps, types, seen, done, cur = {}, {}, set(), set(), None
status = {}
for n, line in enumerate(text[:-1].split("\n"), 1):
    if line.startswith("# HELP "):
        m = re.fullmatch(rf"# HELP ({NAME}) (.*)", line)
        if not m or m.group(1) in helps:
            sys.exit(f"FAIL: prometheus line {n}: bad or repeated HELP")
        helps[m.group(1)] = m.group(2)
        continue
    if line.startswith("# TYPE "):
        m = re.fullmatch(rf"# TYPE ({NAME}) (counter|gauge|histogram|summary|untyped)", line)
        if not m or m.group(1) in types:
            sys.exit(f"FAIL: prometheus line {n}: bad or repeated TYPE")
        types[m.group(1)] = m.group(2)
        continue
    if line.startswith("#") or line == "":
        sys.exit(f"FAIL: prometheus line {n}: unexpected {line!r}")
    m = SAMPLE.fullmatch(line)
    if not m or not FLOAT.fullmatch(m.group(3)):
        sys.exit(f"FAIL: prometheus line {n}: bad sample {line!r}")
    name = m.group(1)
    if name not in types or name not in helps:
        sys.exit(f"FAIL: prometheus line {n}: {name} before its HELP/TYPE")
    if name != cur:
        if name in done:
            sys.exit(f"FAIL: prometheus line {n}: {name} not contiguous")
        if cur: done.add(cur)
        cur = name
    labels = tuple(sorted(re.findall(rf"({LNAME})=({LVAL})", m.group(2) or "")))
    if len({k for k, _ in labels}) != len(labels):
        sys.exit(f"FAIL: prometheus line {n}: repeated label")
    if (name, labels) in seen:
        sys.exit(f"FAIL: prometheus line {n}: repeated sample")
    seen.add((name, labels))
    if name == "trustpath_check_status":
        status[dict(labels)["name"].strip('"')] = int(float(m.group(3)))
want = {k: ["OK", "WARNING", "CRITICAL", "UNKNOWN"].index(v)
        for k, v in (l.split() for l in open(sys.argv[2]))}
if status != want:
    sys.exit(f"FAIL: prometheus status {status} != {want}")
for fam in ("trustpath_dnssec_status", "trustpath_expiry_seconds",
            "trustpath_diagnostics", "trustpath_check_names"):
    if fam not in types:
        sys.exit(f"FAIL: prometheus: no {fam}")
print(f"ok: prometheus: {len(seen)} samples in {len(types)} families parse strictly")
PY
if command -v promtool >/dev/null 2>&1; then
    promtool check metrics <"$work/prom" && ok "promtool check metrics" ||
        failed "promtool check metrics"
fi

# ---- thresholds and switches ---------------------------------------------
state_of() { awk -v n="$1" '$2 == n {print $1}' "$2"; }
tp check "${common[@]}" --require-secure www.insecure.tp >"$work/o" 2>&1
expect_rc 2 $? "--require-secure: insecure is CRITICAL"
tp check "${common[@]}" www.lame.tp >"$work/o" 2>&1
expect_rc 1 $? "lame server: WARNING"
tp check "${common[@]}" --ignore SERVER_REFUSED --ignore DELEGATION_NO_IPV6 \
    www.lame.tp >"$work/o" 2>&1
expect_rc 0 $? "--ignore SERVER_REFUSED: OK"
tp check "${common[@]}" --crit-expiry 1d www.expiring-soon.tp >"$work/o" 2>&1
expect_rc 1 $? "--crit-expiry 1d: expiring in 2d is WARNING"
tp check "${common[@]}" --crit-expiry 0 --warn-expiry 0 www.expiring-soon.tp \
    >"$work/o" 2>&1
expect_rc 0 $? "thresholds off: expiring name is OK"
tp check "${common[@]}" --format json --at +29d www.secure-alg13.tp \
    >"$work/o" 2>/dev/null
expect_rc 2 $? "--at +29d: the 30-day signatures are within --crit-expiry"
# the earliest expiry covers the DS RRSIG at the parent and the DNSKEY set
python3 - "$work/o" <<'PY' || fail=1
import json, sys
r = json.loads(open(sys.argv[1]).readline())
times = []
def walk(o):
    if isinstance(o, dict):
        if "expiration" in o and "type_covered" in o:
            times.append(o["expiration"])
        for v in o.values(): walk(v)
    elif isinstance(o, list):
        for v in o: walk(v)
walk(r)
if not times or r["earliest_expiration"] != min(times):
    sys.exit(f"FAIL: earliest_expiration {r['earliest_expiration']} is not the minimum of {len(times)} RRSIGs")
print(f"ok: earliest_expiration is the minimum over {len(times)} RRSIGs of the chain")
PY

# ---- bad input -----------------------------------------------------------
tp check "${common[@]}" -f "$work/missing" >"$work/o" 2>"$work/e"
expect_rc 3 $? "unreadable names file"
grep -q "cannot open $work/missing" "$work/e" && ok "unreadable: message names the file" ||
    failed "unreadable: message"
tp check "${common[@]}" -f "$work/missing" www.secure-alg13.tp >"$work/o" 2>"$work/e"
expect_rc 3 $? "unreadable file plus a good name"
grep -q '^OK ' "$work/o" && ok "the good name is still checked" || failed "good name not checked"
tp check --bogus-option www.secure-alg13.tp >"$work/o" 2>"$work/e"
expect_rc 3 $? "unknown option"
grep -q "unknown option '--bogus-option'" "$work/e" && ok "unknown option: message" ||
    failed "unknown option message"
tp check --format xml www.secure-alg13.tp >"$work/o" 2>"$work/e"
expect_rc 3 $? "unknown format"
grep -q "unknown format 'xml'" "$work/e" && ok "unknown format: message" || failed "format message"
tp check --ignore NO_SUCH_CODE www.secure-alg13.tp >"$work/o" 2>"$work/e"
expect_rc 3 $? "unknown --ignore code"
printf 'www.secure-alg13.tp\nwww.secure-alg8.tp extra\n' |
    tp check "${common[@]}" -f - >"$work/o" 2>"$work/e"
expect_rc 3 $? "names from stdin with a bad line"
grep -q "stdin:2: invalid name" "$work/e" && grep -q '^OK .*www.secure-alg13.tp.' "$work/o" &&
    ok "stdin: bad line named, valid name checked" || failed "stdin names"

# ---- DS pre-flight ---------------------------------------------------------
kdir="$run/keys/secure-alg13.tp"
ksk="$kdir/$(cat "$kdir/ksk.name").key"
"$testbed/exec" dnssec-dsfromkey -2 "$ksk" >"$work/ds-good"
tp check "${common[@]}" --ds "$work/ds-good" www.secure-alg13.tp >"$work/o" 2>&1
expect_rc 0 $? "pre-flight: correct DS"
grep -q "would validate (secure) through key $(awk '{print $4}' "$work/ds-good")" "$work/o" &&
    grep -q "1 of 1 parent servers serve exactly these DS" "$work/o" &&
    ok "pre-flight: key named, parent serves the set" || { failed "pre-flight good"; cat "$work/o"; }
tp check "${common[@]}" --ds "$ksk" www.secure-alg13.tp >"$work/o" 2>&1
expect_rc 0 $? "pre-flight: DS computed from the KSK DNSKEY"
"$testbed/exec" dnssec-keygen -q -K "$work" -a ECDSAP256SHA256 -f KSK secure-alg13.tp >/dev/null
"$testbed/exec" dnssec-dsfromkey -2 "$work"/Ksecure-alg13.tp.*.key >"$work/ds-nokey"
tp check "${common[@]}" --ds "$work/ds-nokey" www.secure-alg13.tp >"$work/o" 2>&1
expect_rc 2 $? "pre-flight: DS for a key that is not published"
grep -q "would NOT validate: bogus" "$work/o" && grep -q "0 of 1 parent servers" "$work/o" &&
    ok "pre-flight: unpublished key is bogus" || { failed "pre-flight nokey"; cat "$work/o"; }
python3 - "$work/ds-good" >"$work/ds-bad" <<'PY'
import sys
f = open(sys.argv[1]).read().split()
d = f[-1]
f[-1] = ("0" if d[0] != "0" else "1") + d[1:]
print(" ".join(f))
PY
tp check "${common[@]}" --ds "$work/ds-bad" www.secure-alg13.tp >"$work/o" 2>&1
expect_rc 2 $? "pre-flight: wrong digest"
grep -q "digest_mismatch" "$work/o" && grep -q "would NOT validate" "$work/o" &&
    ok "pre-flight: wrong digest found" || { failed "pre-flight digest"; cat "$work/o"; }
tp check "${common[@]}" --format json --ds "$work/ds-good" www.ds-mismatch.tp >"$work/o" 2>&1
expect_rc 3 $? "pre-flight: DS of another zone is refused"

# ---- Ctrl-C in a batch -----------------------------------------------------
if [ "${TP_BULK:-0}" -ge 200 ]; then
    for i in $(seq 1 "$TP_BULK"); do printf 'www.bulk-%05d.bulk\n' "$i"; done >"$work/bulk"
    "$testbed/exec" bash -c "'$TRUSTPATH' check ${common[*]} --batch 8 -f '$work/bulk' >'$work/int' 2>'$work/int.err' & pid=\$!; sleep 1; kill -INT \$pid; wait \$pid"
    rc=$?
    expect_rc 3 $rc "SIGINT during a batch"
    done_n=$(grep -c '^OK ' "$work/int")
    grep -q "interrupted after $done_n of $TP_BULK" "$work/int" && [ "$done_n" -gt 0 ] &&
        [ "$done_n" -lt "$TP_BULK" ] && ok "SIGINT: $done_n names written, summary says so" ||
        { failed "SIGINT summary"; tail -2 "$work/int"; }
else
    echo "skip: SIGINT test needs TP_TESTBED_BULK >= 200"
fi

# ---- man page ----------------------------------------------------------------
man1="$here/../../docs/trustpath.1"
if command -v man >/dev/null 2>&1; then
    warn=$(MANWIDTH=80 man -l "$man1" 2>&1 >"$work/man.txt")
    [ -z "$warn" ] && grep -q 'trustpath_check_status' "$work/man.txt" &&
        grep -q -- '--require-secure' "$work/man.txt" &&
        ok "man -l docs/trustpath.1 renders without warnings" ||
        failed "man page: $warn"
else
    echo "skip: man not installed (scripts/install-deps.sh dev)"
fi

[ "$fail" -eq 0 ] && echo "test_check_monitor: all passed" || echo "test_check_monitor: FAILED"
exit "$fail"
