#!/bin/sh
# Build every libFuzzer target in build-fuzz/ (clang, ASan + UBSan; the
# libraries get -fsanitize=fuzzer-no-link so their coverage guides the
# fuzzer) and run each fuzz_* target for SECONDS seconds. New inputs go to a
# scratch corpus, build-fuzz/corpus-work/<target>/ (the seeds in
# tests/fuzz/corpus/<target>/ are only read), never into git. Prints
# executions and coverage per target; exits non-zero if any target crashed
# (the reproducer stays in build-fuzz/artifacts/).
# usage: tests/fuzz/run.sh SECONDS [TARGET...]
set -eu
seconds=${1:?usage: run.sh SECONDS [TARGET...]}
shift
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$src/build-fuzz
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DTP_FUZZ=ON -DTP_SANITIZE=address,undefined \
    -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -DTP_WERROR=ON >/dev/null

if [ $# -eq 0 ]; then
    for f in "$src"/tests/fuzz/fuzz_*.c; do
        set -- "$@" "$(basename "$f" .c)"
    done
fi
cmake --build "$build" --target "$@" -j "$jobs" >/dev/null

status=0
mkdir -p "$build/artifacts"
for target in "$@"; do
    work=$build/corpus-work/$target
    seed=$src/tests/fuzz/corpus/$target
    log=$build/$target.log
    mkdir -p "$work"
    [ -d "$seed" ] || seed=
    echo "== $target: ${seconds}s"
    if ! "$build/tests/$target" -max_total_time="$seconds" \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
        "$work" ${seed:+"$seed"} >"$log" 2>&1; then
        echo "   CRASH: see $log and $build/artifacts/"
        status=1
    fi
    grep -E '^#[0-9]+.*(DONE|pulse)' "$log" | tail -n 1 | sed 's/^/   /'
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" |
        sed 's/^/   /'
    echo "   scratch corpus: $(ls "$work" | wc -l) files in $work"
done
exit $status
