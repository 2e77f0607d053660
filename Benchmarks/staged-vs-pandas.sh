#!/usr/bin/env bash
# The staged screening of the bundled Materials Project files, from the files to the ranked CSV:
# screen's commands (as `make run` gives them: db build, the four imports with the stability of every
# formation energy, the band-gap calibration, rank --profile computed/sodium-compounds) against the
# pandas + pymcdm peer (Benchmarks/peers/staged_screening_pandas.py: pymatgen PhaseDiagram and
# InterfacialReactivity for the stability stage, statsmodels OLS for the calibration, pymcdm TOPSIS),
# each as one whole process (GNU time: wall and CPU seconds, peak memory), with the machine's cores
# and load; then the two rankings compared (Benchmarks/peers/compare_staged.py).
#
#   swift build -c release --product screen && bash Benchmarks/staged-vs-pandas.sh
#
# The peers go into a throwaway virtual environment outside the repository ($PEERS_ENV, default
# ${TMPDIR:-/tmp}/screen-peers-env, the one Benchmarks/run.sh uses); the project never depends on
# Python. The peer's stability stage takes minutes (one pymatgen phase diagram per chemical system).
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/peers-env.sh
need_screen
need_peers "pandas, pymcdm, pymatgen, statsmodels" pandas pymcdm pymatgen statsmodels
VERSIONS=$("$PY" -c "from importlib.metadata import version as v; print(', '.join(f'{p} {v(p)}' for p in ['pandas', 'pymcdm', 'pymatgen', 'statsmodels', 'numpy']))")

# The staged screening as screen runs it, one command after another, into a database in $WORK.
cat > "$WORK/screen-staged.sh" <<EOF
set -e
DB="$WORK/db.sqlite"
"$SCREEN" db build --db "\$DB" > /dev/null
for name in mp-formation-energies mp-band-gaps-matbench mp-shear-modulus-log10 mp-bulk-modulus-log10; do
    "$SCREEN" db import --db "\$DB" Descriptors/computed/\$name.csv --mapping Descriptors/mappings/\$name.yaml > /dev/null
done
"$SCREEN" db calibrate band-gap --db "\$DB" > /dev/null
"$SCREEN" rank --db "\$DB" --profile computed/sodium-compounds --format csv
EOF

# run LABEL OUTPUT COMMAND…: one whole process (with its children); prints wall and CPU seconds
# (user + system, all threads and children) and peak memory (the largest process), and leaves the
# wall seconds in $WALL.
run() {
    local label=$1 out=$2
    shift 2
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" > "$out" 2> "$WORK/stderr" || { cat "$WORK/stderr" >&2; exit 1; }
    read -r wall rss user system < "$WORK/time"
    WALL=$wall
    printf "  %-52s %9.2f %9.2f %10.0f\n" "$label" "$wall" "$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')" "$((rss / 1024))"
}

echo "cores: $(nproc); load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $VERSIONS"
printf "  %-52s %9s %9s %10s\n" "staged screening, files -> ranked CSV (whole processes)" "wall (s)" "CPU (s)" "peak (MB)"
run "screen (db build, 4 imports + stability, calibrate, rank)" "$WORK/screen.csv" bash "$WORK/screen-staged.sh"
screen_wall=$WALL
run "pandas + pymcdm + pymatgen + statsmodels" "$WORK/peer.out" "$PY" Benchmarks/peers/staged_screening_pandas.py Descriptors "$WORK/peer.csv"
peer_wall=$WALL
echo "  screen faster (wall): $(awk -v a="$peer_wall" -v b="$screen_wall" 'BEGIN { printf "%.1fx", a / b }'); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  the peer's stages:"
sed 's/^/  /' "$WORK/stderr"
echo
"$PY" Benchmarks/peers/compare_staged.py "$WORK/screen.csv" "$WORK/peer.csv" 10
