#!/usr/bin/env bash
# SMAA-2 (WSM with sum normalisation, weights uniform on the simplex, 6 criteria: 3 benefit, 3 cost),
# screen against a plain numpy implementation and a parallel numba one, as whole processes
# (GNU time: wall seconds and peak memory), on the same matrix files and the same number of samples:
# 10,000 candidates × 10,000 samples and 100,000 candidates × 1,000 samples.
#
#   swift build -c release --product screen && bash Benchmarks/smaa-vs-peers.sh
#
# numpy and numba are installed into a throwaway virtual environment outside the repository
# ($PEERS_ENV, default ${TMPDIR:-/tmp}/screen-peers-env, the one Benchmarks/run.sh uses); the
# project itself never depends on Python. The matrices come from Benchmarks/peers/make_matrix.py
# (seeded, so every run times the same files). numba runs twice: the first run compiles (and
# caches the machine code in a temporary folder), the second is the figure compared. Each peer's
# first-rank acceptabilities are checked against screen's within sampling error
# (Benchmarks/peers/compare_smaa.py): they draw different random weights.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/peers-env.sh
TYPES=max,min,max,min,max,min
need_screen
need_peers "numpy, numba" numpy numba
export NUMBA_CACHE_DIR="$WORK/numba-cache"
VERSIONS=$("$PY" -c "import numpy, numba; print(f'numpy {numpy.__version__}, numba {numba.__version__}')")

# run LABEL OUTPUT COMMAND…: times one whole process; prints a row (wall and CPU seconds, peak
# memory) and leaves its wall seconds in $SECONDS_TAKEN. CPU seconds (user + system, all threads)
# say more than wall seconds on a loaded machine.
run() {
    local label=$1 out=$2
    shift 2
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" > "$out"
    read -r wall rss user system < "$WORK/time"
    SECONDS_TAKEN=$wall
    printf "  %-34s %9.2f %9.2f %10.0f" "$label" "$wall" "$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')" "$((rss / 1024))"
}

echo "cores: $(nproc); load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $VERSIONS"
for size in "10000 10000" "100000 1000"; do
    read -r n samples <<< "$size"
    matrix="$WORK/matrix-$n.csv"
    "$PY" Benchmarks/peers/make_matrix.py "$n" "$matrix"
    echo
    printf "%s candidates × 6 criteria × %s samples  %9s %9s %10s   %s\n" "$n" "$samples" "wall (s)" "CPU (s)" "peak (MB)" "screen faster (wall)"
    run "screen sensitivity smaa --matrix" "$WORK/screen.json" \
        "$SCREEN" sensitivity smaa --matrix "$matrix" --types "$TYPES" --method wsm --samples "$samples" --seed 1 --format json
    screen_time=$SECONDS_TAKEN
    echo
    run "numpy (score matrix + argsort)" /dev/null \
        "$PY" Benchmarks/peers/smaa_numpy.py "$matrix" "$TYPES" "$samples" 1 "$WORK/numpy.csv"
    awk -v a="$SECONDS_TAKEN" -v b="$screen_time" 'BEGIN { printf "   %6.1f×\n", a / b }'
    run "numba, first run (JIT; caches)" /dev/null \
        "$PY" Benchmarks/peers/smaa_numba.py "$matrix" "$TYPES" "$samples" 1 "$WORK/numba.csv"
    awk -v a="$SECONDS_TAKEN" -v b="$screen_time" 'BEGIN { printf "   %6.1f×\n", a / b }'
    run "numba, second run (cached)" /dev/null \
        "$PY" Benchmarks/peers/smaa_numba.py "$matrix" "$TYPES" "$samples" 1 "$WORK/numba.csv"
    awk -v a="$SECONDS_TAKEN" -v b="$screen_time" 'BEGIN { printf "   %6.1f×\n", a / b }'
    python3 Benchmarks/peers/compare_smaa.py "$WORK/screen.json" "$WORK/numpy.csv" "$samples"
    python3 Benchmarks/peers/compare_smaa.py "$WORK/screen.json" "$WORK/numba.csv" "$samples"
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
