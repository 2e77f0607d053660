#!/usr/bin/env bash
# Builds the libFuzzer harness (release, AddressSanitizer, lld) and fuzzes each target.
#
#     Fuzz/run.sh [seconds-per-target] [target...]
#
# Default: 600 s for every target. Environment:
#   FUZZ_OUT   scratch folder for the growing corpora and the findings (default /tmp/screen-fuzz;
#              never inside the repository)
#   FUZZ_JOBS  targets fuzzed at the same time (default 1; one core each)
#   FUZZ_NO_BUILD=1  reuse the binary of an earlier build
#
# Each target starts from Fuzz/Corpus/<target> and Fuzz/Regressions/<target> (read only) plus the
# corpus it grew in earlier runs under $FUZZ_OUT. A finding is any crash, trap, sanitizer report,
# leak, input taking more than 10 s, or more than 2048 MB; it is written to
# $FUZZ_OUT/findings/<target>/. Prints per target the time run, the executions and "clean" or the
# finding's file; exits non-zero when any target has a finding.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-600}"
shift $(( $# > 0 ? 1 : 0 ))
all_targets=(csv chemical-formula regression-formula profile mapping mapped-csv mapped-json streaming-csv streaming-json)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
out="${FUZZ_OUT:-/tmp/screen-fuzz}"
jobs="${FUZZ_JOBS:-1}"
binary="$here/.build/release/screen-fuzz"

case "$seconds" in ''|*[!0-9]*) echo "usage: $0 [seconds-per-target] [target...]" >&2; exit 2 ;; esac
for t in "${targets[@]}"; do
    case " ${all_targets[*]} " in *" $t "*) ;; *) echo "unknown target '$t' (targets: ${all_targets[*]})" >&2; exit 2 ;; esac
done

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
    # -enable-testing: the streaming readers and MappedRecordReader are internal (@testable import).
    # C code (libyaml in Yams, CFormat) gets AddressSanitizer and coverage too. The default gold
    # linker crashes on the sanitizer runtime; lld links it.
    start=$(date +%s)
    (cd "$here" && swift build -c release --product screen-fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -use-ld=lld \
        -Xcc -fsanitize=fuzzer-no-link,address) || { echo "build failed" >&2; exit 1; }
    echo "build: $(( $(date +%s) - start )) s"
fi

dictionary() {
    case "$1" in
        csv|mapped-csv|streaming-csv) echo csv ;;
        chemical-formula) echo chemical-formula ;;
        regression-formula) echo regression-formula ;;
        profile|mapping) echo yaml ;;
        mapped-json|streaming-json) echo json ;;
    esac
}

max_len() {
    case "$1" in
        chemical-formula|regression-formula) echo 512 ;;
        *) echo 16384 ;;
    esac
}

# Fuzzes one target; writes its summary line to $out/logs/<target>.summary.
fuzz() {
    local t="$1" corpus="$out/corpus/$1" findings="$out/findings/$1" log="$out/logs/$1.log"
    mkdir -p "$corpus" "$findings" "$out/logs"
    local seeds=("$here/Corpus/$t")
    [ -d "$here/Regressions/$t" ] && seeds+=("$here/Regressions/$t")
    local before; before=$(ls -A "$findings" | wc -l)
    local start; start=$(date +%s)
    "$binary" "$t" "$corpus" "${seeds[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
        -dict="$here/Dictionaries/$(dictionary "$t").dict" -artifact_prefix="$findings/" \
        -print_final_stats=1 >"$log" 2>&1
    local status=$? elapsed=$(( $(date +%s) - start ))
    local execs; execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | awk '{print $2}')
    if [ -z "$execs" ]; then execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#'); fi
    local result=clean
    if [ $status -ne 0 ] || [ "$(ls -A "$findings" | wc -l)" -gt "$before" ]; then
        local file; file=$(ls -t "$findings" | head -1)
        result="FINDING (exit $status): ${file:+$findings/$file} (log $log)"
    fi
    printf '%-20s %6d s  %12s execs  %s\n' "$t" "$elapsed" "${execs:-?}" "$result" > "$out/logs/$t.summary"
    cat "$out/logs/$t.summary"
}

# No Swift backtracer (libFuzzer and ASan report the crash; the backtracer's own memory reads
# upset ASan); the known toolchain leak is suppressed (see lsan.supp).
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$here/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

mkdir -p "$out/logs"
echo "fuzzing ${#targets[@]} target(s) for $seconds s each, $jobs at a time; scratch: $out"
running=0
for t in "${targets[@]}"; do
    rm -f "$out/logs/$t.summary"
    fuzz "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

echo
echo "target                 time        executions  result"
failed=0
for t in "${targets[@]}"; do
    if [ -f "$out/logs/$t.summary" ]; then cat "$out/logs/$t.summary"; else echo "$t: no result"; failed=1; fi
    grep -q FINDING "$out/logs/$t.summary" 2>/dev/null && failed=1
done
exit $failed
