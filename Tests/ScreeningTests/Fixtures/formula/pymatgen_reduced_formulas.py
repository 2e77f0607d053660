#!/usr/bin/env python3
"""Expected formula spellings for ChemicalFormula.conventionalFormula (FormulaConventionTests).

For each formula below, writes pymatgen's `Composition(formula).reduced_formula` to
pymatgen-reduced-formulas.csv beside this script (columns formula,pymatgen,special), with the
pymatgen version in a leading comment line. `special` names the pymatgen special case the
spelling comes from, which the Swift side deliberately does not reproduce (it writes the same
composition differently); it is empty for the rows whose spelling must match exactly:

- "unreduced": Composition.special_formulas (Na2O2, O2, ...), kept unreduced;
- "polyanion": a repeated polyanion written in parentheses (Na3V2(PO4)3);
- "explicit 1": a non-integer composition, where pymatgen writes amounts of 1 (Na1Co0.5O2).

Usage: python pymatgen_reduced_formulas.py   (with a Python that has pymatgen)
"""
import csv
import importlib.metadata
import os
import re
import warnings

from pymatgen.core import Composition

# Sodium-battery materials in their usual and in unit-cell (Matbench) spellings, plus cases for
# the ordering rule: equal electronegativities (C/Se, K/Rb, H/Pd, Cu/Si), elements without one
# (He, Ar), hydrogen and carbon, fractional amounts, and pymatgen's special cases.
FORMULAS = [
    "NaF", "F1Na1", "Na2SO4", "Na4O8S2", "NaAlO2", "AlNaO2", "NaClO3", "ClNaO3", "N12Na4Si8",
    "Na3PO4", "NaBF4", "Na2CO3", "NaNO3", "Na3N", "NaOH", "Na2S", "Na15Sn4", "NaZn13",
    "Na1.17Sn2", "Na0.67Ni0.33Mn0.67O2", "Li4Fe4P4O16", "Na3V2P2O8F3", "C6H4Na2S2", "CH4",
    "CSe2", "KRbO", "PdH", "Cu3Si", "Na2He", "XeF2", "Ar", "Na4", "Na6O3",
    # pymatgen's special cases
    "Na2O2", "Na6O6", "O2", "F2", "Na3V2(PO4)3", "NaTi2(PO4)3", "K4[Fe(CN)6]", "Na1Co0.5O2",
]

ONE = re.compile(r"(?<![\d.])1(?![\d.])")


def special(formula, reduced):
    composition = Composition(formula)
    if reduced in Composition.special_formulas.values():
        return "unreduced"
    if "(" in reduced:
        return "polyanion"
    integral = all(abs(v - round(v)) < Composition.amount_tolerance for v in composition.values())
    if not integral and ONE.search(reduced):
        return "explicit 1"
    return ""


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "pymatgen-reduced-formulas.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no X for He and Ar
        rows = [(f, Composition(f).reduced_formula) for f in FORMULAS]
    with open(path, "w", newline="", encoding="utf-8") as out:
        out.write(f"# pymatgen {importlib.metadata.version('pymatgen')} Composition.reduced_formula; "
                  "written by pymatgen_reduced_formulas.py\n")
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["formula", "pymatgen", "special"])
        for f, reduced in rows:
            w.writerow([f, reduced, special(f, reduced)])
    print(f"wrote {len(rows)} rows to {path}")


if __name__ == "__main__":
    main()
