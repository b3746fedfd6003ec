#!/bin/bash
# Benchmarks trustpath side by side with Debian's DNSViz 0.9.4 on the local
# testbed, in one run, and writes bench/results/<date>.md and the table in
# bench/README.md. See bench/README.md.
#
#   bench/run.sh [--quick] [--runs N] [--batch-runs N] [--keep-up] [--no-profile]
#
#   --quick        2 runs, batches of 10 and 100 names (bulk TLD of 100), a
#                  1 s verification benchmark: a check that everything works
#   --runs N       runs of each one-name and analysis benchmark (default 5)
#   --batch-runs N runs of each batch benchmark (default 3)
#   --keep-up      leave the testbed instance up at the end
#   --no-profile   skip the perf profile of trustpath
#
# Environment: TP_NETNS (default tp-bench) and TP_TESTBED_RUN (default
# /tmp/tb-bench) select the testbed instance, which this script brings up
# (with TP_TESTBED_BULK signed delegations under bulk.) and tears down;
# BENCH_BUILD the build directory (default build-bench-rel: Release, no
# sanitizers); BENCH_WORK the scratch directory; BENCH_NAME the one name;
# BENCH_DV_THREADS DNSViz's -t for the batch (default: the fastest of 1, 2
# and 4 on 100 names, measured first).
#
# Needs root (network namespace). Every query stays inside the namespace:
# both tools run through samples/testbed/exec and start from the testbed's
# root server; DNSViz in authoritative mode (-A -a .) with -x for the root.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$BENCH_DIR")
TB=$SRC/samples/testbed

QUICK=0 RUNS="" BRUNS="" KEEP=0 PROFILE=1
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) QUICK=1 ;;
    --runs) RUNS=$2 && shift ;;
    --batch-runs) BRUNS=$2 && shift ;;
    --keep-up) KEEP=1 ;;
    --no-profile) PROFILE=0 ;;
    -h | --help)
        sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "run.sh: unknown option $1" >&2
        exit 64
        ;;
    esac
    shift
done
if [ $QUICK -eq 1 ]; then
    RUNS=${RUNS:-2} BRUNS=${BRUNS:-1} SIZES="10 100" BULK=100 VSECS=1
else
    RUNS=${RUNS:-5} BRUNS=${BRUNS:-3} SIZES="100 1000" BULK=1000 VSECS=3
fi

[ "$(id -u)" -eq 0 ] || {
    echo "run.sh: must run as root (network namespace of the testbed)" >&2
    exit 1
}
for c in dnsviz /usr/bin/time /usr/bin/python3 cmake openssl perf; do
    command -v "$c" >/dev/null || {
        echo "run.sh: $c not found (run scripts/install-deps.sh)" >&2
        exit 1
    }
done

export TP_NETNS=${TP_NETNS:-tp-bench}
export TP_TESTBED_RUN=${TP_TESTBED_RUN:-/tmp/tb-bench}
BUILD=${BENCH_BUILD:-$SRC/build-bench-rel}
W=${BENCH_WORK:-/tmp/tp-bench-work.$TP_NETNS}
ONE=${BENCH_NAME:-www.secure-alg13.tp}
DATE=$(date -u +%Y-%m-%d)
RESULT=$BENCH_DIR/results/$DATE$([ $QUICK -eq 0 ] || echo -quick).md
T=$BUILD/trustpath
# Debian's dnsviz 0.9.4 needs a stand-in for pygraphviz.release (see
# bench/pycompat/sitecustomize.py); /usr/bin/python3 is Debian's Python.
export PYTHONPATH=$BENCH_DIR/pycompat${PYTHONPATH:+:$PYTHONPATH}

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

rm -rf "$W"
mkdir -p "$W" "$BENCH_DIR/results"
REC=$W/records.tsv
: >"$REC"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- build -------------------------------------------------------------------
log "building trustpath (Release, no sanitizers) in $BUILD"
cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    >"$W/cmake.log"
cmake --build "$BUILD" --target trustpath -j"$(nproc)" >>"$W/cmake.log"

# --- testbed -----------------------------------------------------------------
# Run a private copy of the testbed scripts: bash reads a script while it
# runs it, so an edit to samples/testbed during the run would break it.
mkdir -p "$W/testbed"
(cd "$SRC/samples/testbed" && tar --exclude=./run -cf - .) | tar -C "$W/testbed" -xf -
TB=$W/testbed
down() { "$TB/down" >/dev/null 2>&1 || true; }
[ $KEEP -eq 1 ] || trap down EXIT
log "testbed $TP_NETNS up with $BULK bulk delegations (takes about a minute)"
TP_TESTBED_BULK=$BULK "$TB/up" >"$W/testbed-up.log" 2>&1 || {
    cat "$W/testbed-up.log" >&2
    exit 1
}
# shellcheck disable=SC1091
. "$TP_TESTBED_RUN/env"
HINTS=$TP_ROOT_HINTS KEY=$TP_TRUST_ANCHOR
ROOTX=".:${TP_ROOT_NS%.}=$TP_ROOT_SERVER"

# measure LABEL [--stdout FILE] -- CMD...: inside the namespace.
measure() {
    local label=$1
    shift
    local rc=0
    "$TB/exec" /usr/bin/python3 "$BENCH_DIR/measure.py" --out "$REC" \
        --label "$label" "$@" || rc=$?
    return $rc
}
# measure_host: same, outside the namespace (no network use at all).
measure_host() {
    local label=$1
    shift
    local rc=0
    /usr/bin/python3 "$BENCH_DIR/measure.py" --out "$REC" --label "$label" \
        "$@" || rc=$?
    return $rc
}
ok() { "$@" || true; } # check exits 1/2 for warnings; the figures count

TPO=(--root-hints "$HINTS" --trust-anchor "$KEY")
DVP=(dnsviz probe -A -a . -x "$ROOTX" -4)

# Warm-up: page cache, Python byte code, the servers' first answers.
"$TB/exec" "$T" check "${TPO[@]}" "$ONE" >/dev/null 2>&1 || true
"$TB/exec" "${DVP[@]}" -o "$W/warm.json" "$ONE" >/dev/null 2>&1 || true

# --- one name, end to end ------------------------------------------------------
log "one name end to end: $ONE, $RUNS runs each, alternating"
for r in $(seq 1 "$RUNS"); do
    tp_one() { ok measure "one/tp/$r/graph" -- "$T" graph "${TPO[@]}" -4 \
        -T svg -o "$W/one-tp.svg" "$ONE"; }
    dv_one() {
        ok measure "one/dv/$r/probe" -- "${DVP[@]}" -o "$W/one-dv.json" "$ONE"
        ok measure "one/dv/$r/graph" -- dnsviz graph -r "$W/one-dv.json" \
            -t "$KEY" -P -Tsvg -o "$W/one-dv.svg"
    }
    if [ $((r % 2)) -eq 1 ]; then tp_one && dv_one; else dv_one && tp_one; fi
done
# The verdicts and each tool's own capture of the name (not timed).
"$TB/exec" "$T" check "${TPO[@]}" --format json "$ONE" >"$W/one-tp.jsonl" || true
"$TB/exec" "$T" probe "${TPO[@]}" -4 -q -o "$W/one-tp.cap.json" "$ONE"
dnsviz grok -r "$W/one-dv.json" -t "$KEY" -P -o "$W/one-dv.grok.json" 2>/dev/null || true

# --- analysis alone, one name ---------------------------------------------------
log "analysis alone from a saved capture (one name), $RUNS runs each"
for r in $(seq 1 "$RUNS"); do
    tp_a() { ok measure_host "ana1/tp/$r/analyze" --stdout "$W/ana-tp-1.jsonl" -- \
        "$T" analyze --trust-anchor "$KEY" "$W/one-tp.cap.json"; }
    dv_a() { ok measure_host "ana1/dv/$r/grok" -- dnsviz grok \
        -r "$W/one-dv.json" -t "$KEY" -P -o "$W/ana-dv-1.grok.json"; }
    if [ $((r % 2)) -eq 1 ]; then tp_a && dv_a; else dv_a && tp_a; fi
done

# --- batches ------------------------------------------------------------------
for n in $SIZES; do
    for i in $(seq 1 "$n"); do printf 'www.bulk-%05d.bulk\n' "$i"; done \
        >"$W/names-$n.txt"
done
DVT=${BENCH_DV_THREADS:-}
if [ -z "$DVT" ]; then
    log "choosing DNSViz's -t for the batch (fastest of 1, 2, 4 on 100 names)"
    for i in $(seq 1 100); do printf 'www.bulk-%05d.bulk\n' "$i"; done >"$W/names-cal.txt"
    best=""
    for t in 1 2 4; do
        s=$(date +%s%N)
        "$TB/exec" "${DVP[@]}" -t "$t" -f "$W/names-cal.txt" -o "$W/cal.json" \
            >/dev/null 2>&1 || true
        e=$((($(date +%s%N) - s) / 1000000))
        echo "dnsviz probe -t $t, 100 names: $e ms" >>"$W/dv-threads.txt"
        if [ -z "$best" ] || [ "$e" -lt "$best" ]; then best=$e DVT=$t; fi
    done
    rm -f "$W/cal.json"
fi
log "DNSViz batch threads: -t $DVT"

for n in $SIZES; do
    log "batch of $n names: $BRUNS runs each, alternating"
    for r in $(seq 1 "$BRUNS"); do
        tp_b() { ok measure "batch$n/tp/$r/check" --stdout "$W/batch-tp-$n.jsonl" -- \
            "$T" check "${TPO[@]}" -f "$W/names-$n.txt" --format json; }
        dv_b() {
            ok measure "batch$n/dv/$r/probe" -- "${DVP[@]}" -t "$DVT" \
                -f "$W/names-$n.txt" -o "$W/batch-dv-$n.json"
            ok measure_host "batch$n/dv/$r/grok" -- dnsviz grok \
                -r "$W/batch-dv-$n.json" -t "$KEY" -P -o "$W/batch-dv-$n.grok.json"
        }
        if [ $((r % 2)) -eq 1 ]; then tp_b && dv_b; else dv_b && tp_b; fi
    done
    # trustpath's own capture of the same names, then analysis alone.
    "$TB/exec" "$T" probe "${TPO[@]}" -q -f "$W/names-$n.txt" \
        -o "$W/batch-tp-$n.cap.json"
    log "analysis alone, $n names: $BRUNS runs"
    for r in $(seq 1 "$BRUNS"); do
        ok measure_host "ana$n/tp/$r/analyze" --stdout "$W/ana-tp-$n.jsonl" -- \
            "$T" analyze --trust-anchor "$KEY" "$W/batch-tp-$n.cap.json"
    done
done

# --- profile -------------------------------------------------------------------
NMAX=${SIZES##* }
if [ $PROFILE -eq 1 ]; then
    log "perf profile of trustpath analyze ($NMAX names) and graph (one name)"
    {
        echo "# trustpath analyze of the $NMAX-name capture (self time, top 15)"
        perf record -q -o "$W/perf-analyze.data" "$T" analyze --trust-anchor "$KEY" \
            "$W/batch-tp-$NMAX.cap.json" >/dev/null 2>&1 &&
            perf report -q -i "$W/perf-analyze.data" --no-children --stdio \
                -g none --percent-limit 0.7 2>/dev/null | head -15
        echo
        echo "# trustpath graph of $ONE, end to end (self time, top 15)"
        "$TB/exec" perf record -q -o "$W/perf-graph.data" "$T" graph "${TPO[@]}" -4 \
            -T svg -o "$W/perf.svg" "$ONE" >/dev/null 2>&1 &&
            perf report -q -i "$W/perf-graph.data" --no-children --stdio \
                -g none --sort dso --percent-limit 1 2>/dev/null | head -15
    } >"$W/profile.txt" 2>&1 || true
fi

# --- signature verification (bench/verify.sh, same session) -------------------------
log "signature verification: bench/verify.sh $VSECS"
TP_BENCH_BUILD=$BUILD sh "$BENCH_DIR/verify.sh" "$VSECS" >"$W/verify.txt" 2>&1 ||
    echo "verify.sh failed" >>"$W/verify.txt"

# --- page ------------------------------------------------------------------------
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
export W QUICK DATE ONE SIZES LOAD_START LOAD_END DVT T BUILD SRC ROOTX
/usr/bin/python3 - <<'EOF'
import json, os, re, subprocess
E = os.environ
W = E["W"]
def sh(c):
    try:
        return subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""
lscpu = sh("lscpu")
cpu = re.search(r"Model name:\s*(.*)", lscpu)
mem = sh("free -g | awk '/^Mem:/ {print $2}'")
sizes = [int(x) for x in E["SIZES"].split()]
names = {}
for n in sizes:
    with open(os.path.join(W, "names-%d.txt" % n)) as f:
        names[str(n)] = [l.strip() for l in f if l.strip()]
verify = []
try:
    for line in open(os.path.join(W, "verify.txt")):
        m = re.match(r"^(\d+) (.*?)\s+([\d.]+)\s+([\d.]+)\s+(\d+%)\s*$", line)
        if m:
            verify.append(["%s %s" % (m.group(1), m.group(2)), m.group(3),
                           m.group(4), m.group(5)])
except OSError:
    pass
threads = ""
try:
    threads = open(os.path.join(W, "dv-threads.txt")).read().strip().replace("\n", "; ")
except OSError:
    pass
recs = [l.split("\t") for l in open(os.path.join(W, "records.tsv"))]
seen, commands = set(), []
for r in recs:
    key = r[0].split("/")[0] + "/" + r[0].split("/")[1] + "/" + r[0].split("/")[3]
    if key not in seen:
        seen.add(key)
        commands.append("# %s\n%s" % (key.replace("/", " "), r[9].strip()))
notes = [
    "Notes:",
    "",
    "- Runs alternate (trustpath, DNSViz, then DNSViz, trustpath, ...) so "
    "that drifting load on the machine hits both tools alike. DNSViz's end "
    "to end and batch figures add its two steps (probe, then graph or grok) "
    "run by run; its peak RSS is the larger step's.",
    "- DNSViz probes with `-4` (its root hint is an IPv4 address); trustpath's "
    "`graph` runs with `-4` too, while `check` has no `-4` and also asks the "
    "root's ::1 address, so it sends a few more queries.",
    "- DNSViz's batch `-t`: %s (chosen: -t %s; its worker processes are "
    "slower than one process on loopback)." % (threads or "set by BENCH_DV_THREADS",
                                              E["DVT"]),
    "- Every probing command below ran as `TP_NETNS=%s samples/testbed/exec "
    "bench/measure.py ... -- COMMAND`; the analysis-only ones (ana*, and "
    "DNSViz's grok) ran outside the namespace: they send nothing." % E["TP_NETNS"],
    "- Analysis alone: each tool reads its own capture of the same names "
    "(trustpath `probe -o`, DNSViz `probe -o`); for the batches DNSViz's "
    "figure is the `grok` step of the batch benchmark.",
]
info = {
    "date": E["DATE"], "quick": E["QUICK"] == "1",
    "git": sh("git -C %s describe --always --dirty" % E["SRC"]),
    "cpu": cpu.group(1) if cpu else "?", "nproc": sh("nproc"),
    "mem": "%s GB RAM" % mem, "kernel": "Linux " + sh("uname -r"),
    "load_start": E["LOAD_START"], "load_end": E["LOAD_END"],
    "dnsviz": sh("dpkg-query -W -f='${Version}' dnsviz"),
    "openssl": sh("openssl version"),
    "one_name": E["ONE"], "batch_sizes": sizes, "batch_names": names,
    "verify": verify, "commands": commands, "notes": notes,
}
json.dump(info, open(os.path.join(W, "info.json"), "w"), indent=1)
EOF
/usr/bin/python3 "$BENCH_DIR/summarize.py" "$W" "$RESULT" "$BENCH_DIR/README.md"
log "results: $RESULT (and the table in bench/README.md); raw data in $W"
