#!/usr/bin/env bash
# Whether a facet-based stability stage (qhull) would decide the stability of a chemical system
# faster than screen's linear programs (GLPK): Benchmarks/hull-kernels.c times both on synthetic
# systems of the shapes printed first, which are those of the bundled formation energies
# (compositions per chemical system, by number of elements). A design measurement, not a peer run:
# screen does not use qhull, so libqhull-dev is installed here (apt) only when missing.
#
#   bash Benchmarks/hull-kernels.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
if [ ! -e /usr/include/libqhull_r/libqhull_r.h ]; then
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libqhull-dev
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "chemical systems of Descriptors/computed/mp-formation-energies.csv (compositions with exactly their elements):"
python3 - <<'PY'
import collections, csv, re
systems = collections.defaultdict(set)
with open("Descriptors/computed/mp-formation-energies.csv") as f:
    for row in csv.DictReader(f):
        amounts = collections.Counter()
        for element, n in re.findall(r"([A-Z][a-z]?)(\d*\.?\d*)", row["formula"]):
            amounts[element] += float(n) if n else 1.0
        total = sum(amounts.values())
        systems[frozenset(amounts)].add(tuple(sorted((e, round(v / total, 10)) for e, v in amounts.items())))
by_size = collections.defaultdict(list)
for elements, compositions in systems.items():
    by_size[len(elements)].append(len(compositions))
print(f"  {len(systems)} systems, {sum(len(c) for c in systems.values())} compositions")
for k in sorted(by_size):
    n = sorted(by_size[k])
    print(f"  {k} elements: {len(n):6d} systems, compositions per system: median {n[len(n) // 2]}, 90th percentile {n[int(len(n) * 0.9)]}, most {n[-1]}")
PY
echo
${CC:-cc} -O2 Benchmarks/hull-kernels.c -lqhull_r -lglpk -o "$WORK/hull-kernels"
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$WORK/hull-kernels"
