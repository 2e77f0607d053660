#!/usr/bin/env bash
# `make benchmark`: every speed figure of the README against its peer, measured in this one run as
# whole processes (GNU time: wall seconds and peak resident memory), with the machine's cores and
# load. The peers (numpy, numba, pandas, pymcdm, SALib, pymatgen, statsmodels) are installed into a throwaway
# virtual environment outside the repository ($PEERS_ENV, default /tmp/screen-peers-env); inputs
# and outputs go to a temporary folder. Nothing is asserted: the figures are printed side by side.
#
#   make benchmark            (or: bash Benchmarks/run.sh; SCREEN=path/to/screen to time another build)
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/peers-env.sh
export PEERS_ENV SCREEN
need_peers "numpy, numba, pandas, pymcdm, SALib, pymatgen, statsmodels" numpy numba pandas pymcdm SALib pymatgen statsmodels
versions=$("$PY" -c "from importlib.metadata import version as v; print(', '.join(f'{p} {v(p)}' for p in ['numpy', 'numba', 'pandas', 'pymcdm', 'SALib', 'pymatgen', 'statsmodels']))")
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(swift --version 2>/dev/null | head -1)"
echo "peers: $versions"
echo

# One timed whole process: prints "wall_seconds peak_MB".
timed() {
    local out=$1; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$out"
    awk '{ printf "%.2f %.0f", $1, $2 / 1024 }' "$WORK/time"
}
row() { # name, screen "s MB", peer name, peer "s MB"
    read -r s_t s_m <<< "$2"; read -r p_t p_m <<< "$4"
    printf "%-46s %8.2f s %6d MB   %-22s %8.2f s %6d MB   %6.1fx\n" "$1" "$s_t" "$s_m" "$3" "$p_t" "$p_m" "$(awk -v a="$p_t" -v b="$s_t" 'BEGIN { print a / b }')"
}
printf "%-46s %20s   %-22s %20s   %7s\n" "benchmark (whole processes)" "screen" "peer" "" "speedup"

"$PY" Benchmarks/peers/make_matrix.py 100000 "$WORK/m100k.csv"
"$PY" Benchmarks/peers/make_matrix.py 1000 "$WORK/m1k.csv"
TYPES=max,min,max,min,max,min

s=$(timed "$WORK/rank-screen.csv" "$SCREEN" rank --matrix "$WORK/m100k.csv" --types $TYPES --weights equal --method topsis --format csv)
p=$(timed /dev/null "$PY" Benchmarks/peers/rank_pymcdm.py "$WORK/m100k.csv" "$WORK/rank-pymcdm.csv")
row "rank --matrix, TOPSIS, 100,000 x 6" "$s" "pymcdm" "$p"

s=$(timed "$WORK/sobol-screen.json" "$SCREEN" sensitivity sobol --matrix "$WORK/m1k.csv" --types $TYPES --weights equal --method topsis --samples 1024 --candidates 5 --bootstrap 500 --format json)
p=$(timed /dev/null "$PY" Benchmarks/peers/sobol_salib.py "$WORK/m1k.csv" 1024 5 "$WORK/sobol-salib.json")
row "Sobol', TOPSIS 1,000 x 6, N = 1024, 5 leaders" "$s" "SALib + pymcdm" "$p"

if [ -f Benchmarks/smaa-vs-peers.sh ]; then
    echo
    bash Benchmarks/smaa-vs-peers.sh
fi

echo
bash Benchmarks/stability-vs-pymatgen.sh

echo
bash Benchmarks/staged-vs-pandas.sh

echo
swift build -c release --product screen-bench > /dev/null
.build/release/screen-bench --materials-project
