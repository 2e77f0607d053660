#!/usr/bin/env python3
"""Independent expected counts for the composition-filter test (CompositionFilterTests).

Reads the Materials Project band-gap file (task_id,composition,band_gap), finds each
composition's element symbols with a plain regular expression ([A-Z][a-z]?: one capital
letter and an optional lower-case letter; amounts and brackets are irrelevant to the
element set), checks every symbol against the 118 element symbols, and applies the filters
of the test by set arithmetic. Writes expected-counts.json beside this script.

Usage: python3 expected_counts.py [PATH/mp-bandgaps.csv]
(default: Descriptors/computed/mp-bandgaps.csv under the package root)
"""
import csv
import json
import os
import re
import sys

SYMBOLS = set("""
H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr
Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm
Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No
Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og
""".split())
assert len(SYMBOLS) == 118

TOKEN = re.compile(r"[A-Z][a-z]?")

CASES = {
    "only_Na_F_Cl_Br_I_O_S_contains_Na": lambda e: "Na" in e and e <= {"Na", "F", "Cl", "Br", "I", "O", "S"},
    "exclude_Pb_Cd_Hg_contains_Na": lambda e: "Na" in e and not (e & {"Pb", "Cd", "Hg"}),
    "contains_Na_2_to_3_elements": lambda e: "Na" in e and 2 <= len(e) <= 3,
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", "..", "..", ".."))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "Descriptors", "computed", "mp-bandgaps.csv")
    rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))
    elements = {}
    for r in rows:
        symbols = set(TOKEN.findall(r["composition"]))
        unknown = symbols - SYMBOLS
        assert not unknown, (r["task_id"], r["composition"], unknown)
        elements[r["task_id"]] = symbols
    out = {"source": "Descriptors/computed/mp-bandgaps.csv", "rows": len(rows),
           "generated_by": "expected_counts.py (regex tokenizer, independent of the Swift formula parser)", "cases": {}}
    for name, keep in CASES.items():
        ids = sorted(i for i, e in elements.items() if keep(e))
        out["cases"][name] = {"count": len(ids), "ids": ids}
    with open(os.path.join(here, "expected-counts.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for name, c in out["cases"].items():
        print(name, c["count"])


if __name__ == "__main__":
    main()
