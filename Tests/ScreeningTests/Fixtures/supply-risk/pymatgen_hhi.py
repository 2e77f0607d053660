#!/usr/bin/env python3
"""Reference supply-risk indices for SupplyRiskTests, from pymatgen's own HHIModel.

HHIModel (pymatgen.analysis.hhi) weights each element's Herfindahl-Hirschman index by the
element's mass fraction (Composition.get_wt_fraction) and returns (production, reserve); it
returns (None, None) when an element has no row (hydrogen, xenon, ...). This script points
HHIModel at the project's copy, Descriptors/elements/hhi_data.csv, checks that the copy is
byte-identical to the file pymatgen ships, and writes pymatgen-hhi.json beside itself.

Usage (outside the repository's build; any environment with pymatgen):
    python3 pymatgen_hhi.py
"""
import hashlib
import json
import os
from importlib.metadata import version

import pymatgen.analysis.hhi as hhi

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
PROJECT_FILE = os.path.join(ROOT, "Descriptors", "elements", "hhi_data.csv")

FORMULAS = ["NaF", "Al2O3", "Na2SO4", "NaBH4", "LiF", "Na3PS4", "Na3V2(PO4)3", "Na2CO3",
            "NaCl", "SiO2", "Na15Sn4", "Na3Bi", "NaXeF7", "MgF2"]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    shipped = hhi.HHI_CSV_PATH
    assert sha256(PROJECT_FILE) == sha256(shipped), "the project's hhi_data.csv differs from pymatgen's"
    hhi.HHI_CSV_PATH = PROJECT_FILE  # read at the singleton's first instantiation
    model = hhi.HHIModel()
    cases = []
    for f in FORMULAS:
        production, reserve = model.get_hhi(f)
        cases.append({"formula": f, "production": production, "reserve": reserve})
    out = {
        "generated_by": "pymatgen_hhi.py: pymatgen.analysis.hhi.HHIModel().get_hhi(formula)",
        "pymatgen": version("pymatgen"),
        "hhi_file_sha256": sha256(PROJECT_FILE),
        "cases": cases,
    }
    with open(os.path.join(HERE, "pymatgen-hhi.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for c in cases:
        print(c["formula"], c["production"], c["reserve"])


if __name__ == "__main__":
    main()
