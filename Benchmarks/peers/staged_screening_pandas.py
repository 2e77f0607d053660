"""The pandas + pymcdm peer of the staged screening (`make run`'s Materials Project part, up to
`screen rank --profile computed/sodium-compounds`): the same bundled CSV files, the same stages,
the way a scientist would write it in Python.

    python staged_screening_pandas.py DESCRIPTORS_FOLDER OUT.csv

1. read the four Materials Project extracts (formation energies, PBE band gaps, log10 shear and
   bulk moduli; the bulk moduli are read as the import reads them, though the profile ranks none
   of their values) and the element tables; every formula parsed with pymatgen's Composition and
   keyed by its reduced formula (the profile's `join: formula`, `polymorphs: aggregate`);
2. scope: compositions with Na, at least two elements, none of the profile's excluded elements;
3. stability: for each composition in scope that has a formation energy, pymatgen's PhaseDiagram
   of its chemical system (every entry of the file whose elements are a subset; one diagram per
   system) gives the energy above the hull of its lowest-energy entry; for those within the
   profile's 25 meV/atom, InterfacialReactivity with Na metal on the hull energy (normalised,
   use_hull_energy=True: the phases the composition is, or decomposes into) gives the most
   negative reaction energy over the mixing ratios, 0 when sodium metal does not reduce them;
4. band-gap calibration: experimental gaps (Descriptors/experimental/, median per composition)
   joined to the PBE gaps (median per composition), OLS exp = a + b * PBE with statsmodels on the
   compositions where both are > 0 (the form `screen db calibrate band-gap` chooses by
   cross-validation on these files); each PBE gap calibrated (PBE metals at 0, clamped at 0), the
   median per composition;
5. Monroe-Newman ratio G / 3.3 GPa (G = 10^x of the log10 file), median per composition; supply
   risk (production HHI) and raw-material cost weighted by mass fraction from the element tables
   (an element without a row: unknown);
6. the profile's hard limits (energy above hull <= 0.025 eV/atom, not reduced by sodium metal —
   the profile's reduction onset 0 V, here that hull-energy reaction 0 —, calibrated gap >= 3 eV;
   missing: excluded), unknown values at the worst end of the
   values that remain, min_coverage 0.5 of the weight, then pymcdm's TOPSIS (min-max
   normalisation) on the gap's desirability (0 at 3 eV, 1 from 5 eV), the ratio, the HHI and
   log10 of the cost with the profile's weights 0.35, 0.3, 0.2, 0.15;
7. the ranking written as CSV (rank, formula, score, the four values).

Prints the time of each stage to stderr.
"""
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
import statsmodels.api as sm
from pymatgen.analysis.interface_reactions import InterfacialReactivity
from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition
from pymcdm.helpers import rankdata
from pymcdm.methods import TOPSIS

warnings.filterwarnings("ignore")

# Descriptors/profiles/computed/sodium-compounds.yaml
EXCLUDED = {"Pb", "Cd", "Hg", "Tl", "As", "Be", "Tc", "Pm", "Po", "Ac", "Th", "Pa", "U", "Np", "Pu"}
MAX_ABOVE_HULL = 0.025
# Not reduced by sodium: pymatgen's hull-energy reaction is 0.0 for an inert composition; this
# only absorbs rounding.
REDUCTION_TOLERANCE = 1e-9
MIN_GAP, FULL_GAP = 3.0, 5.0
WEIGHTS = np.array([0.35, 0.3, 0.2, 0.15])
TYPES = np.array([1, 1, -1, -1])
MIN_COVERAGE = 0.5
SODIUM_SHEAR_MODULUS = 3.3  # GPa, the database's (larger) handbook value

started = time.perf_counter()


def stage(name):
    global started
    now = time.perf_counter()
    print(f"  {name:<40} {now - started:7.2f} s", file=sys.stderr)
    started = now


def main():
    folder, out = sys.argv[1], sys.argv[2]
    computed = os.path.join(folder, "computed")
    formation = pd.read_csv(os.path.join(computed, "mp-formation-energies.csv"))
    gaps = pd.read_csv(os.path.join(computed, "mp-band-gaps-matbench.csv"))
    shear = pd.read_csv(os.path.join(computed, "mp-shear-modulus-log10.csv"))
    bulk = pd.read_csv(os.path.join(computed, "mp-bulk-modulus-log10.csv"))
    experimental = pd.read_csv(os.path.join(folder, "experimental", "experimental-band-gaps-without-sodium.csv"))
    masses = pd.read_csv(os.path.join(folder, "elements", "atomic-masses.csv")).set_index("element")["atomic_mass"]
    # The cost file's last column (the source) has unescaped quotes: the first two fields of each line.
    with open(os.path.join(folder, "elements", "element-costs.csv")) as fh:
        costs = pd.Series({line.split(",")[0]: float(line.split(",")[1]) for line in list(fh)[1:] if line.strip()})
    hhi = pd.read_csv(os.path.join(folder, "elements", "hhi_data.csv")).rename(columns={"#element": "element"}).set_index("element")["HHI_production"]

    # One pymatgen Composition per distinct formula text.
    parsed = {}
    for frame in (formation, gaps, shear, bulk, experimental):
        for text in frame["formula"].unique():
            if text not in parsed:
                parsed[text] = Composition(text)
    key_of = {text: comp.reduced_formula for text, comp in parsed.items()}
    elements_of = {key_of[text]: {e.symbol for e in comp.elements} for text, comp in parsed.items()}
    for frame in (formation, gaps, shear, bulk, experimental):
        frame["key"] = frame["formula"].map(key_of)
    stage("read and parse")

    # Scope: every composition of the computed files.
    keys = pd.concat([formation["key"], gaps["key"], shear["key"], bulk["key"]]).unique()
    scope = [k for k in keys if "Na" in elements_of[k] and len(elements_of[k]) >= 2 and not elements_of[k] & EXCLUDED]
    composition_of = {k: Composition(k) for k in scope}
    elements = {k: elements_of[k] for k in scope}
    table = pd.DataFrame(index=pd.Index(scope, name="formula"))
    stage(f"scope ({len(scope)} compositions)")

    # Stability: one phase diagram per chemical system.
    entries = [PDEntry(parsed[t], energy=e * parsed[t].num_atoms) for t, e in zip(formation["formula"], formation["target"])]
    by_elements = {}
    for entry in entries:
        by_elements.setdefault(frozenset(e.symbol for e in entry.composition.elements), []).append(entry)
    lowest = {}
    for entry in entries:
        k = entry.composition.reduced_formula
        if k not in lowest or entry.energy_per_atom < lowest[k].energy_per_atom:
            lowest[k] = entry
    diagrams = {}

    def diagram(system):
        if system not in diagrams:
            members = [e for subset, es in by_elements.items() if subset <= system for e in es]
            diagrams[system] = PhaseDiagram(members)
        return diagrams[system]

    above, reduction = {}, {}
    for k in scope:
        if k not in lowest:
            continue
        pd_ = diagram(frozenset(elements[k]))
        above[k] = pd_.get_e_above_hull(lowest[k])
        if above[k] <= MAX_ABOVE_HULL:
            ir = InterfacialReactivity(composition_of[k], Composition("Na"), pd_, norm=True, use_hull_energy=True)
            reduction[k] = min(0.0, ir.minimum[1])
    table["energy_above_hull"] = pd.Series(above)
    table["reduction_energy_with_na"] = pd.Series(reduction)
    stage(f"stability ({len(diagrams)} phase diagrams, {len(reduction)} reactions)")

    # Band-gap calibration.
    exp = experimental.groupby("key")["target"].median()
    pbe = gaps.groupby("key")["target"].median()
    joined = pd.concat([exp.rename("exp"), pbe.rename("pbe")], axis=1, join="inner")
    fitted = joined[(joined["exp"] > 0) & (joined["pbe"] > 0)]
    fit = sm.OLS(fitted["exp"], sm.add_constant(fitted["pbe"])).fit()
    a, b = fit.params["const"], fit.params["pbe"]
    calibrated = np.where(gaps["target"] > 0, np.maximum(0, a + b * gaps["target"]), 0.0)
    table["band_gap_corrected"] = pd.Series(calibrated, index=gaps["key"]).groupby(level=0).median()
    stage(f"calibration (a = {a:.6f}, b = {b:.6f}, n = {len(fitted)})")

    # Stiffness, supply risk and cost.
    table["monroe_newman_ratio"] = (10 ** shear["target"] / SODIUM_SHEAR_MODULUS).groupby(shear["key"]).median()

    def weighted(k, per_element):
        comp = composition_of[k]
        mass = {e.symbol: comp[e] * masses[e.symbol] for e in comp.elements}
        if any(e not in per_element.index for e in mass):
            return np.nan
        total = sum(mass.values())
        return sum(m / total * per_element[e] for e, m in mass.items())

    table["supply_risk_hhi"] = [weighted(k, hhi) for k in table.index]
    table["cost"] = [weighted(k, costs) for k in table.index]
    stage("stiffness, supply risk, cost")

    # Hard limits (missing: exclude), unknowns at the worst end, coverage, TOPSIS.
    kept = table[(table["energy_above_hull"] <= MAX_ABOVE_HULL) & (table["reduction_energy_with_na"] >= -REDUCTION_TOLERANCE)
                 & (table["band_gap_corrected"] >= MIN_GAP)].copy()
    criteria = ["band_gap_corrected", "monroe_newman_ratio", "supply_risk_hhi", "cost"]
    known = kept[criteria].notna().to_numpy()
    # The worst end of the values of the rows that pass the limits (before the coverage rule).
    fills = {"monroe_newman_ratio": kept["monroe_newman_ratio"].min(), "supply_risk_hhi": kept["supply_risk_hhi"].max(),
             "cost": kept["cost"].max()}
    kept = kept[(known * WEIGHTS).sum(axis=1) / WEIGHTS.sum() >= MIN_COVERAGE].fillna(fills)
    matrix = np.column_stack([
        np.clip((kept["band_gap_corrected"] - MIN_GAP) / (FULL_GAP - MIN_GAP), 0, 1),
        kept["monroe_newman_ratio"], kept["supply_risk_hhi"], np.log10(kept["cost"]),
    ])
    kept["score"] = TOPSIS()(matrix, WEIGHTS / WEIGHTS.sum(), TYPES)
    kept["rank"] = rankdata(kept["score"].to_numpy(), reverse=True).astype(int)
    kept = kept.reset_index().sort_values(["rank", "formula"])
    kept[["rank", "formula", "score"] + criteria + ["energy_above_hull", "reduction_energy_with_na"]].to_csv(out, index=False)
    stage(f"limits and TOPSIS ({len(kept)} ranked)")


if __name__ == "__main__":
    main()
