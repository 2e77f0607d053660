#!/usr/bin/env bash
# Stability of every sodium composition of the bundled formation energies, screen against pymatgen
# on the same file, as whole processes (GNU time): energy above the hull, decomposition, phase
# evolution against sodium, stability window and reaction energy with sodium metal.
#
#   make benchmark-stability        (or: bash Benchmarks/stability-vs-pymatgen.sh)
#
# pymatgen is installed into a throwaway virtual environment outside the repository
# ($PEERS_ENV, default /tmp/screen-peers-env); the project itself never depends on Python.
# Both outputs are then compared composition by composition (Benchmarks/compare_stability.py).
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/peers-env.sh
need_peers "pymatgen" pymatgen
PYMATGEN=$("$PEERS_ENV/bin/python" -c "from importlib.metadata import version; print(version('pymatgen'))")

DB="$WORK/db.sqlite"
"$SCREEN" db build --db "$DB" > /dev/null
echo "import of the formation energies (with the stability descriptors of every entry):"
"$SCREEN" db import --db "$DB" Descriptors/computed/mp-formation-energies.csv --mapping Descriptors/mappings/mp-formation-energies.yaml

echo
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); pymatgen $PYMATGEN"
/usr/bin/time -f "%e %M" -o "$WORK/screen.time" "$SCREEN" stability --db "$DB" --contains Na --format json > "$WORK/screen.json"
/usr/bin/time -f "%e %M" -o "$WORK/pymatgen.time" "$PEERS_ENV/bin/python" Tests/ScreeningTests/Fixtures/stability/pymatgen_stability.py \
    --csv Descriptors/computed/mp-formation-energies.csv --contains Na --out "$WORK/pymatgen.json" --progress 1000000 > /dev/null 2>&1
read -r s_wall s_rss < "$WORK/screen.time"
read -r p_wall p_rss < "$WORK/pymatgen.time"
printf "%-44s %10s %14s\n" "all sodium compositions (whole process)" "wall (s)" "peak RSS (MB)"
printf "%-44s %10.2f %14.0f\n" "screen stability --contains Na --format json" "$s_wall" "$((s_rss / 1024))"
printf "%-44s %10.2f %14.0f\n" "pymatgen PhaseDiagram + InterfacialReactivity" "$p_wall" "$((p_rss / 1024))"
awk -v a="$p_wall" -v b="$s_wall" 'BEGIN { printf "screen is %.1f times faster\n", a / b }'
echo
python3 Benchmarks/compare_stability.py "$WORK/screen.json" "$WORK/pymatgen.json" 5
