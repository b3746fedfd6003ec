#!/bin/bash
# Integration test of trustpath against tests/hostile/hostile_server.py: for
# each hostile behaviour, `trustpath probe` then `trustpath analyze` must
# finish within the budget, record evidence that names the problem, keep the
# sane parent server's evidence, stay clean under ASan/UBSan, and (manyrr,
# ns500) stay below a peak-memory bound. Both exit 3 (incomplete) exactly
# when the probe hit a bound (limits_hit), and the report then names it
# (ANALYSIS_PROBE_LIMIT); wrongid/wrongq give SERVER_ANSWER_MISMATCH.
#
# Self-contained by default: runs in its own network namespace
# (tp-hostile-PID) with the hostile server on 127.53.8.1 (behaviours),
# 127.53.8.2 (its "other address") and 127.53.8.3 (the sane unsigned
# root/TLD/suffix zones, the only root hint). HOSTILE_VIA_TESTBED=1 uses the
# testbed's hostile part instead (TP_TESTBED_HOSTILE=1 samples/testbed/up;
# TP_NETNS and TP_TESTBED_RUN as for the testbed scripts): the behaviour
# zones are then delegated from the signed TLD tp. Needs root and
# /usr/bin/time (Debian's `time`).
# Env: TRUSTPATH (the binary), HOSTILE_ONLY="ptrloop ns500" (a subset),
#      HOSTILE_RSS_MB (peak RSS bound, default 128; the ASan build is the
#      worst case).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
: "${TRUSTPATH:?set TRUSTPATH to the trustpath binary}"
TRUSTPATH=$(cd "$(dirname "$TRUSTPATH")" && pwd)/$(basename "$TRUSTPATH")
[ "$(id -u)" -eq 0 ] || { echo "test_hostile: needs root (network namespace)"; exit 77; }
[ -x /usr/bin/time ] || { echo "test_hostile: /usr/bin/time missing (apt-get install time)"; exit 1; }
work=$(mktemp -d)
server_pid= ns=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    if [ -n "$ns" ]; then
        # Whatever still runs in our own namespace (the server) goes too.
        for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    fi
    rm -rf "$work"
    return 0 # under set -e a failing trap would replace the exit status
}
trap cleanup EXIT

if [ "${HOSTILE_VIA_TESTBED:-0}" = 1 ]; then
    # The testbed's hostile part (TP_TESTBED_HOSTILE=1 samples/testbed/up):
    # <behaviour>.tp delegated from the signed TLD tp. (127.53.1.1).
    tb=$src/samples/testbed
    run=${TP_TESTBED_RUN:-$tb/run}
    grep -q "^TP_HOSTILE='1'" "$run/env" 2>/dev/null ||
        { echo "test_hostile: testbed not up with TP_TESTBED_HOSTILE=1"; exit 1; }
    in_ns() { "$tb/exec" "$@"; }
    HOST=127.53.8.1 PARENT=127.53.1.1 SUFFIX=tp.
    cp "$run/root.hints" "$work/hints"
    cp "$run/root.key" "$work/anchor"
else
    ns=tp-hostile-$$
    ip netns add "$ns"
    ip netns exec "$ns" ip link set lo up
    in_ns() { ip netns exec "$ns" "$@"; }
    HOST=127.53.8.1 OTHER=127.53.8.2 PARENT=127.53.8.3 SUFFIX=hostile.test.
    # Not through in_ns (a function: $! would be a subshell's PID).
    ip netns exec "$ns" python3 "$src/tests/hostile/hostile_server.py" \
        --address $HOST --other-address $OTHER --parent-address $PARENT \
        --suffix $SUFFIX --max-lifetime 1200 >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 50); do
        grep -q serving "$work/server.log" 2>/dev/null && break
        sleep 0.1
    done
    grep -q serving "$work/server.log" || { cat "$work/server.log"; exit 1; }
    printf '.\t3600\tIN\tNS\tparent.invalid.\nparent.invalid.\t3600\tIN\tA\t%s\n' \
        $PARENT >"$work/hints"
    cp "$src/tests/data/analyzer/anchor.ds" "$work/anchor"
fi

DEADLINE=10 # seconds per name; a run may take this plus process start
SLACK=5
behaviours=${HOSTILE_ONLY:-$(python3 "$src/tests/hostile/hostile_server.py" --list | cut -f1)}
# The testbed's signed hostile zones (absurd keys and signatures, NSEC3 with
# 2,500 iterations behind a DS) come on top.
if [ "${HOSTILE_VIA_TESTBED:-0}" = 1 ] && [ -z "${HOSTILE_ONLY:-}" ]; then
    behaviours="$behaviours absurd-keys nsec3-iter2500"
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
printf '%-11s %5s %6s %7s %5s %6s %7s  %s\n' behaviour exit wall_s rss_mb \
    an_rc an_s an_rss evidence
for b in $behaviours; do
    name=www.$b.$SUFFIX
    [ "$b" = refloop ] && name=www.a.refloop.$SUFFIX
    [ "$b" = nsec3-iter2500 ] && name=nx.$b.$SUFFIX
    # 30 labels: every one is a cut, past the probe's 24-cut bound
    [ "$b" = selfref ] && name=$(printf 'l%d.' $(seq 30))selfref.$SUFFIX
    cap=$work/$b.json rep=$work/$b.report.json
    start=$(date +%s%N)
    rc=0
    in_ns /usr/bin/time -v -o "$work/$b.time" "$TRUSTPATH" \
        probe -q -v -4 --timeout 500 --retries 1 --deadline $DEADLINE \
        --root-hints "$work/hints" --trust-anchor "$work/anchor" \
        -o "$cap" "$name" 2>"$work/$b.err" || rc=$?
    wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/$b.time")
    arc=0
    astart=$(date +%s%N)
    /usr/bin/time -v -o "$work/$b.atime" "$TRUSTPATH" analyze "$cap" \
        --trust-anchor "$work/anchor" -o "$rep" 2>"$work/$b.aerr" || arc=$?
    a_ms=$(( ($(date +%s%N) - astart) / 1000000 ))
    arss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/$b.atime")
    verdict=$(python3 - "$b" "$cap" "$rep" "$rc" "$arc" "$wall_ms" "$a_ms" \
        "$rss_kb" "$arss_kb" "$DEADLINE" "$SLACK" "${HOSTILE_RSS_MB:-128}" \
        "$HOST" "$PARENT" <<'PY'
import json, sys

(b, cap_path, rep_path, rc, arc, wall_ms, a_ms, rss_kb, arss_kb, deadline,
 slack, rss_mb, host, parent) = sys.argv[1:]
rc, arc, wall_ms, a_ms = int(rc), int(arc), int(wall_ms), int(a_ms)
rss_kb, arss_kb = int(rss_kb or 0), int(arss_kb or 0)
fail = []
if wall_ms > (int(deadline) + int(slack)) * 1000:
    fail.append("probe took %d ms" % wall_ms)
if a_ms > 30000:
    fail.append("analyze took %d ms" % a_ms)
try:
    cap = json.load(open(cap_path))
except Exception as e:  # noqa: BLE001
    print("FAIL capture unreadable: %s" % e)
    sys.exit(0)
qs = cap["queries"]
limits = cap.get("limits_hit", [])
# analyze, like probe, exits 3 (incomplete) when the probe hit a bound
if arc != (3 if limits else 0):
    fail.append("analyze exit %d (limits_hit %s)" % (arc, limits or "none"))
if rc != (3 if limits else 0):
    fail.append("probe exit %d (limits_hit %s)" % (rc, limits or "none"))
parent_ok = [q for q in qs if q["server"] == parent and q["outcome"] == "response"]
if not parent_ok:
    fail.append("no response from the sane parent kept")
hq = [q for q in qs if q["server"] == host and q["zone"].startswith(b + ".")
      or q["server"] == host and b in ("refloop", "selfref")]
outs = {}
for q in hq:
    outs[q["outcome"]] = outs.get(q["outcome"], 0) + 1
details = {q.get("detail") for q in hq if q.get("detail")}
evidence = ",".join("%s=%d" % kv for kv in sorted(outs.items()))
if limits:
    evidence += " limits=" + "+".join(limits)

def tcp_sizes():
    return [q for q in hq if q["transport"] == "tcp" and q["outcome"] == "response"]

# The evidence each behaviour must leave in the capture.
expect = {
    "ptrloop": outs.get("malformed", 0) > 0,
    "rdlength": outs.get("malformed", 0) > 0,
    "counts": outs.get("malformed", 0) > 0,
    "zerokey": any(q["qtype"] == "DNSKEY" and q["outcome"] == "response" for q in hq),
    "hugekey": any(q["qtype"] == "DNSKEY" and q["transport"] == "tcp" and q["outcome"] == "response" for q in hq),
    "hugesig": len(tcp_sizes()) > 0,
    "manyrr": len(tcp_sizes()) > 0,
    "wrongid": outs.get("mismatch", 0) > 0 and outs.get("response", 0) == 0
               and "answer with a wrong ID dropped" in details,
    "wrongq": outs.get("mismatch", 0) > 0 and outs.get("response", 0) == 0
              and "answer to another question dropped" in details,
    "otheraddr": outs.get("timeout", 0) + outs.get("mismatch", 0) > 0 and outs.get("response", 0) == 0,
    "tcpstop": outs.get("truncated", 0) > 0,
    "tcptrickle": outs.get("truncated", 0) > 0,
    "refloop": len(hq) > 0,
    "selfref": "referral-depth" in limits,
    "ns500": "ns-names" in limits,
    "nsec3iter": outs.get("response", 0) > 0,
    "silent": outs.get("timeout", 0) > 0 and outs.get("response", 0) == 0,
}
# The signed zones of the testbed: the analyzer must name the problem.
want_codes = {
    "absurd-keys": {"DNSKEY_BAD_LENGTH", "RRSIG_BAD_LENGTH"},
    "nsec3-iter2500": {"NSEC3_ITERATIONS_EXCESSIVE"},
}
if b in want_codes:  # the testbed's signed zones: the codes are the evidence
    expect[b] = True
if not expect.get(b, False):
    fail.append("no evidence of the behaviour")
if b in ("manyrr", "ns500") and max(rss_kb, arss_kb) > int(rss_mb) * 1024:
    fail.append("peak RSS %d kB over %s MB" % (max(rss_kb, arss_kb), rss_mb))
codes = []
try:
    rep = json.load(open(rep_path))
    def walk(o):
        if isinstance(o, dict):
            if "code" in o and isinstance(o["code"], str):
                codes.append(o["code"])
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(rep)
except Exception:  # noqa: BLE001
    pass
# Codes the analysis must give (from any capture, signed or not).
if limits:
    want_codes.setdefault(b, set()).add("ANALYSIS_PROBE_LIMIT")
if b in ("wrongid", "wrongq"):
    want_codes.setdefault(b, set()).add("SERVER_ANSWER_MISMATCH")
if b in want_codes and not want_codes[b] <= set(codes):
    fail.append("missing " + ",".join(sorted(want_codes[b] - set(codes))))
print("%s %d %.1f %.0f %d %.1f %.0f  %s | codes: %s" % (
    "FAIL[" + "; ".join(fail) + "]" if fail else "ok", rc, wall_ms / 1000,
    rss_kb / 1024, arc, a_ms / 1000, arss_kb / 1024, evidence,
    ",".join(sorted(set(codes)))))
PY
)
    san=
    if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
        "$work/$b.err" "$work/$b.aerr"; then
        san=" SANITIZER"
    fi
    printf '%-11s %s%s\n' "$b" "$verdict" "$san"
    case "$verdict$san" in
    ok*) ;;
    *)
        status=1
        sed -n '1,20p' "$work/$b.err" "$work/$b.aerr" | sed 's/^/    /'
        ;;
    esac
done
[ $status -eq 0 ] && echo "test_hostile: all behaviours passed" ||
    echo "test_hostile: FAILED"
exit $status
