#!/bin/sh
# Build every libFuzzer target (clang, ASan + UBSan; the libraries get
# -fsanitize=fuzzer-no-link so their coverage guides the fuzzer) and run
# each fuzz_* target for SECONDS seconds. New inputs go to a scratch corpus,
# $build/corpus-work/<target>/ (the seeds in tests/fuzz/corpus/<target>/ are
# only read), never into git. Prints executions, coverage (cov: edges, ft:
# features) and peak RSS per target; exits non-zero if any target crashed
# or did not build (the reproducer stays in $build/artifacts/).
# usage: tests/fuzz/run.sh SECONDS [TARGET...]
#   TP_FUZZ_BUILD=DIR   build directory (default build-fuzz)
#   TP_FUZZ_JOBS=N      targets run side by side (default 1)
#   TP_FUZZ_RSS_MB=N    libFuzzer -rss_limit_mb (default 2048)
set -eu
seconds=${1:?usage: run.sh SECONDS [TARGET...]}
shift
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${TP_FUZZ_BUILD:-$src/build-fuzz}
jobs=$(nproc 2>/dev/null || echo 2)
par=${TP_FUZZ_JOBS:-1}
rss=${TP_FUZZ_RSS_MB:-2048}

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DTP_FUZZ=ON -DTP_SANITIZE=address,undefined \
    -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -DTP_WERROR=ON >/dev/null

if [ $# -eq 0 ]; then
    for f in "$src"/tests/fuzz/fuzz_*.c; do
        set -- "$@" "$(basename "$f" .c)"
    done
fi

status=0
built=
for target in "$@"; do
    if cmake --build "$build" --target "$target" -j "$jobs" \
        >"$build/$target.build.log" 2>&1; then
        built="$built $target"
    else
        echo "== $target: BUILD FAILED, see $build/$target.build.log"
        status=1
    fi
done

mkdir -p "$build/artifacts"
run_one() {
    target=$1
    work=$build/corpus-work/$target
    seed=$src/tests/fuzz/corpus/$target
    log=$build/$target.log
    mkdir -p "$work"
    [ -d "$seed" ] || seed=
    rc=0
    "$build/tests/$target" -max_total_time="$seconds" -timeout=25 \
        -rss_limit_mb="$rss" -print_final_stats=1 \
        -artifact_prefix="$build/artifacts/$target-" \
        "$work" ${seed:+"$seed"} >"$log" 2>&1 || rc=$?
    {
        echo "== $target: ${seconds}s"
        [ $rc -eq 0 ] || echo "   CRASH (exit $rc): see $log and $build/artifacts/"
        grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 |
            sed 's/^/   /'
        grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" |
            sed 's/^/   /'
        echo "   scratch corpus: $(ls "$work" | wc -l) files in $work"
    } >"$build/$target.summary"
    return $rc
}

running=0
for target in $built; do
    run_one "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$par" ]; then
        wait
        running=0
    fi
done
wait
for t in $built; do
    cat "$build/$t.summary"
    grep -q CRASH "$build/$t.summary" && status=1
done
exit $status
