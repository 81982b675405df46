#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzzes the parsers of tests/fuzz with libFuzzer:
#   tools/fuzz.sh [SECONDS] [TARGET...]    e.g. tools/fuzz.sh 300 csv_page xml_page
# Configures a clang build with BROADVIEW_FUZZ=ON (ASan + UBSan + coverage), builds the fuzz
# targets only, and runs each target for SECONDS (default 60) on a working copy of its seed
# corpus, <build>/fuzz-out/<target>/corpus/ (tests/fuzz/corpus/<target>/ is never written: add
# a new input there by hand if it is worth keeping). Crashes, leaks, timeouts and broken invariants are saved under
# <build>/fuzz-out/<target>/crashes/ and listed at the end; the exit status is 1 if any.
# Needs the packages of tools/packages-fuzz.txt (clang, libclang-rt-14-dev).
# Environment: FUZZ_BUILD_DIR (default build/fuzz), FUZZ_MAX_LEN (default 32768 bytes),
# FUZZ_JOBS (build jobs, default nproc).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
seconds=${1:-60}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
    echo "usage: tools/fuzz.sh [SECONDS] [TARGET...]" >&2
    exit 2
fi
shift || true
build=${FUZZ_BUILD_DIR:-build/fuzz}
max_len=${FUZZ_MAX_LEN:-32768}
jobs=${FUZZ_JOBS:-$(nproc)}

mapfile -t all_targets < <(find tests/fuzz -maxdepth 1 -name 'fuzz_*.cpp' -printf '%f\n' |
    sed -e 's/^fuzz_//' -e 's/\.cpp$//' | sort)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=("${all_targets[@]}")
fi

for tool in clang clang++; do
    if ! command -v "$tool" >/dev/null; then
        echo "fuzz: $tool is missing: apt-get install $(grep -v '^#' tools/packages-fuzz.txt | xargs)" >&2
        exit 2
    fi
done

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DBROADVIEW_FUZZ=ON \
    -DBROADVIEW_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]/#/fuzz_}"

# Qt and the other Debian libraries are not instrumented; their process-lifetime allocations
# are suppressed as in the ci preset.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/tests/lsan.supp:print_suppressions=0}
export LC_ALL=C.UTF-8 TZ=Europe/London

out=$build/fuzz-out
failed=()
summary=()
for target in "${targets[@]}"; do
    binary=$build/tests/fuzz/fuzz_$target
    work=$out/$target
    # The working corpus grows from run to run (remove fuzz-out to start again from the seeds).
    mkdir -p "$work/corpus" "$work/crashes"
    cp tests/fuzz/corpus/"$target"/* "$work/corpus/"
    find "$work/crashes" -type f | sort >"$work/crashes-before.txt"
    echo "fuzz: $target for ${seconds}s"
    status=0
    "$binary" "$work/corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/crashes/" \
        >"$work/log.txt" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log.txt" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log.txt" | tail -1)
    new=$(find "$work/crashes" -type f | sort | comm -13 "$work/crashes-before.txt" -)
    count=$(printf '%s' "$new" | grep -c . || true)
    summary+=("$(printf '%-14s %10s runs %7s/s  corpus %5s  new crashes %s  (exit %s)' "$target" \
        "${runs:-?}" "${speed:-?}" "$(find "$work/corpus" -type f | wc -l)" \
        "$count" "$status")")
    if [ "$status" -ne 0 ] || [ "$count" -gt 0 ]; then
        failed+=("$target")
        grep -E -m 20 'ERROR: |SUMMARY: |fuzz invariant failed|runtime error|#[0-9]+ 0x' \
            "$work/log.txt" || true
        printf '%s\n' "$new" | sed '/^$/d; s/^/  saved: /'
    fi
done

echo
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: crashes in ${failed[*]} (logs and inputs under $out)" >&2
    exit 1
fi
echo "fuzz: no crashes"
