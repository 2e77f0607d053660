#!/usr/bin/env python3
"""Writes a synthetic computed database of PBE-like band gaps for the import and query benchmarks.

    python3 Benchmarks/make-million-rows.py [--rows 1000000] [--out /tmp/screen-million]

writes OUT/synthetic-band-gaps.csv (columns formula,target, like the Matbench extracts in
Descriptors/computed/) and OUT/synthetic-band-gaps.yaml, a mapping in the shape of
Descriptors/mappings/mp-band-gaps-matbench.yaml (ids made from row numbers, so it names the
file's SHA-256). Then, for example:

    screen db import OUT/synthetic-band-gaps.csv --mapping OUT/synthetic-band-gaps.yaml

The rows are deterministic (a fixed seed: the same arguments give the same bytes) and look like a
computed database: a pool of compositions, about a third of them sodium compounds, made of
cations (alkali, alkaline-earth, transition and main-group metals) with anions and polyanions
(O, F, Cl, S, N, PO4, SO4, BF4, ...); each composition appears as one to four entries
(polymorphs, some as unit-cell multiples such as Na2Cl2), written Matbench-style with every
count (Na1Cl1) in electronegativity order; about 40 % of the gaps are 0 (metals). Hydrogen and
other elements without a price or HHI appear too, as in the Materials Project files, so that the
import records derivation gaps. Nothing here is chemistry anyone measured: it is load.
"""
import argparse
import hashlib
import os
import random

# Pauling electronegativities (order of the elements in a written formula, as pymatgen does).
ELECTRONEGATIVITY = {
    "Cs": 0.79, "K": 0.82, "Ba": 0.89, "Na": 0.93, "Sr": 0.95, "Li": 0.98, "Ca": 1.0, "La": 1.1,
    "Ce": 1.12, "Y": 1.22, "Mg": 1.31, "Zr": 1.33, "Ti": 1.54, "Mn": 1.55, "Be": 1.57, "Al": 1.61,
    "Nb": 1.6, "V": 1.63, "Zn": 1.65, "Cr": 1.66, "Ga": 1.81, "Fe": 1.83, "Co": 1.88, "Ni": 1.91,
    "Cu": 1.9, "Si": 1.9, "Ag": 1.93, "Sn": 1.96, "Ge": 2.01, "B": 2.04, "Bi": 2.02, "Sb": 2.05,
    "Mo": 2.16, "P": 2.19, "H": 2.2, "W": 2.36, "Te": 2.1, "Se": 2.55, "C": 2.55, "I": 2.66,
    "S": 2.58, "Br": 2.96, "N": 3.04, "Cl": 3.16, "O": 3.44, "F": 3.98,
}
CATIONS = ["Li", "K", "Cs", "Mg", "Ca", "Sr", "Ba", "Al", "Ga", "Sn", "Sb", "Bi", "Ti", "V", "Cr",
           "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Zr", "Nb", "Mo", "W", "Y", "La", "Ce", "Si", "Ge",
           "B", "Ag"]
ANIONS = ["O", "O", "O", "F", "F", "Cl", "Br", "I", "S", "Se", "Te", "N", "P", "C", "H"]
# Polyanions as element counts (PO4, SO4, BO3, SiO4, CO3, BF4, PF6, ClO4, NO3, AlO2).
POLYANIONS = [{"P": 1, "O": 4}, {"S": 1, "O": 4}, {"B": 1, "O": 3}, {"Si": 1, "O": 4}, {"C": 1, "O": 3},
              {"B": 1, "F": 4}, {"P": 1, "F": 6}, {"Cl": 1, "O": 4}, {"N": 1, "O": 3}, {"Al": 1, "O": 2}]


def composition(rng):
    """One composition as {element: count}, about a third with sodium."""
    amounts = {}

    def add(element, n):
        amounts[element] = amounts.get(element, 0) + n

    if rng.random() < 0.35:
        add("Na", rng.choice([1, 1, 1, 2, 2, 3, 4]))
    for element in rng.sample(CATIONS, rng.choice([0, 1, 1, 1, 2, 2, 3]) if amounts else rng.choice([1, 1, 2, 2, 3])):
        add(element, rng.choice([1, 1, 2, 2, 3, 4]))
    if rng.random() < 0.3:
        for element, n in rng.choice(POLYANIONS).items():
            add(element, n * rng.choice([1, 1, 2, 3]))
    else:
        # dict.fromkeys, not set: a set's order of strings changes with Python's hash seed.
        for element in dict.fromkeys(rng.choice(ANIONS) for _ in range(rng.choice([1, 1, 1, 2]))):
            add(element, rng.choice([1, 1, 2, 2, 3, 4, 5, 6, 7, 8]))
    return amounts


def written(amounts, z):
    """Matbench's spelling: every count written, elements by electronegativity."""
    order = sorted(amounts, key=lambda e: (ELECTRONEGATIVITY[e], e))
    return "".join(f"{e}{amounts[e] * z}" for e in order)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", default="/tmp/screen-million")
    parser.add_argument("--seed", type=int, default=20240501)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    csv_path = os.path.join(args.out, "synthetic-band-gaps.csv")

    rows = []
    while len(rows) < args.rows:
        amounts = composition(rng)
        # One to four entries of the composition (polymorphs), some as unit-cell multiples.
        for _ in range(min(rng.choice([1, 1, 1, 2, 2, 3, 4]), args.rows - len(rows))):
            z = rng.choice([1, 1, 1, 2, 2, 4])
            metal = rng.random() < 0.4
            gap = 0.0 if metal else round(min(9.5, rng.lognormvariate(0.6, 0.7)), 4)
            rows.append((written(amounts, z), gap))
    rng.shuffle(rows)

    with open(csv_path, "w", newline="") as f:
        f.write("formula,target\n")
        for formula, gap in rows:
            f.write(f"{formula},{gap!r}\n")
    with open(csv_path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()

    mapping = f"""# Synthetic PBE-like band gaps for the import benchmark (Benchmarks/make-million-rows.py
# --rows {args.rows} --seed {args.seed}); not data anyone measured.
format: csv
file: synthetic-band-gaps.csv
sha256: {sha}
id: {{row: synth}}
formula: formula
category: computed
existing: merge
method: "DFT-PBE (synthetic benchmark data)"
source: "Benchmarks/make-million-rows.py --rows {args.rows} --seed {args.seed} (synthetic rows in the shape of Matbench v0.1 mp_gap; load for the import and query benchmarks, not measurements)"
note: "synthetic value for benchmarking; do not rank on it"
properties:
  band_gap:
    column: target
    unit: eV
"""
    with open(os.path.join(args.out, "synthetic-band-gaps.yaml"), "w") as f:
        f.write(mapping)
    compositions = len({r[0] for r in rows})
    print(f"wrote {csv_path} ({len(rows)} rows, {compositions} distinct formula texts, sha256 {sha}) "
          f"and {os.path.join(args.out, 'synthetic-band-gaps.yaml')}")


if __name__ == "__main__":
    main()
