#!/usr/bin/env python3
"""Reference thermodynamic-stability values from pymatgen.

Builds convex hulls (pymatgen ``PhaseDiagram``) from the Materials Project
formation-energy table ``mp-formation-energies.csv`` (header ``formula,target``;
``target`` = formation energy in eV/atom, elements in their reference state at 0)
and, for each requested composition C, reports:

* energy above the hull of the lowest-energy entry of C and pymatgen's
  decomposition of C,
* the element profile against an open element (default Na): the sequence of
  phase equilibria met while the open element's chemical potential is lowered
  from its elemental reference (voltage 0 V) downwards,
* the stability window of C in voltage vs. the open element,
* the reaction of C with the pure open element (``InterfacialReactivity``), with C's
  own lowest energy (``use_hull_energy=False``, which for C off its hull includes C
  decomposing on its own) and, with ``--hull-reaction``, with the hull energy at C
  (``use_hull_energy=True``: the reaction of the phases C decomposes into; 0 when the
  metal does not reduce them — an independent check of the reduction onset, left out
  of the timed benchmark, since screen does not compute it),
* the reduction onset: the voltage of the first element-profile step, counted
  from the metal, whose evolution is not positive (no more of the open element
  than C itself holds); 0 when C's own phases coexist with the metal.

Every number comes from pymatgen functions; this script only selects, sorts
and serialises them. It is an independent reference for a Swift engine.

Entry naming (deviation from a plain ``name=f"row-{i}"``): pymatgen's
``InterfacialReactivity._get_reaction`` rebuilds reaction products with
``Composition(entry.name)``, so an entry name must be a formula; a name such as
``row-123`` makes it raise ``ValueError: row-123 is an invalid formula!``.
Each entry therefore keeps pymatgen's default name (its reduced formula) and
carries its row identifier, ``"row-<i>"``, in ``PDEntry.attribute``.

Usage examples::

    python pymatgen_stability.py --formula NaF,Al2O3 --hull-reaction --out selected.json
    python pymatgen_stability.py --contains Na --hull-reaction --out sodium-all.json
    python pymatgen_stability.py --contains Na --sample 800 --seed 7 --out subset.json
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.metadata
import itertools
import json
import os
import random
import sys
import time
import warnings
from collections import defaultdict

from pymatgen.analysis.interface_reactions import InterfacialReactivity
from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition, Element

DEFAULT_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "Descriptors", "computed", "mp-formation-energies.csv")


# --------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------
def sha256_of(path: str) -> str:
    """Hex sha256 of a file (recorded in the output as the data provenance)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_entries(path: str) -> list[PDEntry]:
    """One PDEntry per data row; total energy = formation energy/atom x atoms.

    Row i is the 1-based data row (the first line after the header is row 1).
    """
    entries = []
    with open(path, newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        if header[:2] != ["formula", "target"]:
            raise SystemExit(f"unexpected header {header!r}")
        for i, (formula, target) in enumerate(reader, start=1):
            comp = Composition(formula)
            entries.append(
                PDEntry(comp, energy=float(target) * comp.num_atoms, attribute=f"row-{i}")
            )
    return entries


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def row_id(entry: PDEntry) -> str:
    return entry.attribute


def chemsys_key(elements) -> tuple[str, ...]:
    return tuple(sorted({el.symbol if isinstance(el, Element) else str(el) for el in elements}))


def reduced_formulas(entries_or_comps) -> list[str]:
    """Sorted, de-duplicated reduced formulas of entries or compositions."""
    out = set()
    for x in entries_or_comps:
        comp = x.composition if hasattr(x, "composition") else x
        out.add(comp.reduced_formula)
    return sorted(out)


class EntryIndex:
    """Entries grouped by their exact element set, so that the entries of a
    chemical system (all subsets of its elements) are gathered without
    scanning the whole table each time."""

    def __init__(self, entries: list[PDEntry]):
        self.by_set: dict[frozenset, list[PDEntry]] = defaultdict(list)
        self.by_formula: dict[str, list[PDEntry]] = defaultdict(list)
        for e in entries:
            self.by_set[frozenset(el.symbol for el in e.composition.elements)].append(e)
            self.by_formula[e.composition.reduced_formula].append(e)

    def entries_in(self, system: tuple[str, ...]) -> list[PDEntry]:
        out = []
        for k in range(1, len(system) + 1):
            for sub in itertools.combinations(system, k):
                out.extend(self.by_set.get(frozenset(sub), ()))
        return out


def lowest_entry(candidates: list[PDEntry], pd: PhaseDiagram) -> PDEntry:
    """Lowest energy per atom; exact ties are broken in favour of an entry that
    pymatgen kept in pd.stable_entries, then by the lowest row number."""
    stable = set(pd.stable_entries)
    return min(
        candidates,
        key=lambda e: (e.energy_per_atom, e not in stable, int(row_id(e).split("-")[1])),
    )


# --------------------------------------------------------------------------
# Analysis of one composition
# --------------------------------------------------------------------------
def analyse(comp: Composition, candidates: list[PDEntry], pd: PhaseDiagram, open_el: str,
            anomalies: list, hull_reaction: bool) -> dict:
    formula = comp.reduced_formula
    el_open = Element(open_el)
    entry = lowest_entry(candidates, pd)
    rec: dict = {
        "formula": formula,
        "elements": sorted(el.symbol for el in comp.elements),
        "chemical_system": "-".join(pd_system(pd)),
        "n_entries_in_system": len(pd.all_entries),
        "entry": row_id(entry),
        "entry_formation_energy_per_atom": float(entry.energy_per_atom),
    }

    # --- hull ---------------------------------------------------------------
    rec["e_above_hull"] = float(pd.get_e_above_hull(entry))
    stable = entry in pd.stable_entries
    rec["on_hull"] = stable
    decomp = pd.get_decomposition(comp)
    rec["decomposition"] = sorted(
        ({"formula": e.composition.reduced_formula, "fraction": float(a)} for e, a in decomp.items()),
        key=lambda d: d["formula"],
    )

    # --- element profile against the open element ---------------------------
    profile = []
    for step in pd.get_element_profile(el_open, comp):
        ref = step["element_reference"].energy_per_atom
        profile.append({
            "voltage": float(ref - step["chempot"]),  # = -(chempot - ref); avoids -0.0
            "evolution": float(step["evolution"]),
            "products": reduced_formulas(step["entries"]),
        })
    rec["element_profile"] = profile
    rec["products_at_open_element"] = profile[0]["products"] if profile else None
    onset = [st["voltage"] for st in profile if st["evolution"] <= 1e-8]
    rec["reduction_onset"] = onset[0] if onset else None

    # --- stability window ---------------------------------------------------
    window = None
    if stable:
        idx = [k for k, st in enumerate(profile) if st["products"] == [formula]]
        if idx:
            k = idx[0]
            window = {
                "low": profile[k]["voltage"],
                "high": profile[k + 1]["voltage"] if k + 1 < len(profile) else None,
            }
            if len(idx) > 1:
                anomalies.append({"formula": formula,
                                  "note": f"stable compound is the sole product of {len(idx)} profile steps; first one used"})
        else:
            anomalies.append({"formula": formula,
                              "note": "on the hull but never the sole product of an element-profile step; window = null"})
    rec["stability_window"] = window

    # --- reaction with the pure open element ---------------------------------
    ir = InterfacialReactivity(comp, Composition(open_el), pd, norm=True, use_hull_energy=False)
    kinks = ir.get_kinks()
    x_min, e_min = ir.minimum
    rec["reaction_energy_with_open_element"] = float(e_min)
    rec["reaction_mixing_ratio"] = float(x_min)
    at_min = [k for k in kinks if k[1] == x_min and k[2] == e_min]
    rxn = at_min[0][3]
    rec["reaction_products"] = reduced_formulas(rxn.products)
    rec["reaction_at_minimum"] = str(rxn)
    rec["kinks"] = [{"x": float(x), "energy": float(en), "reaction": str(r)} for _, x, en, r, _ in kinks]
    if hull_reaction:
        hull_ir = InterfacialReactivity(comp, Composition(open_el), pd, norm=True, use_hull_energy=True)
        rec["hull_reaction_energy_with_open_element"] = float(hull_ir.minimum[1])
    return rec


def pd_system(pd: PhaseDiagram) -> tuple[str, ...]:
    return chemsys_key(pd.elements)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", default=DEFAULT_CSV, help="formula,target CSV (default: %(default)s)")
    sel = ap.add_mutually_exclusive_group(required=True)
    sel.add_argument("--contains", metavar="EL",
                     help="analyse every distinct reduced composition containing EL (elemental EL excluded)")
    sel.add_argument("--formula", metavar="A,B,C", help="comma-separated list of compositions")
    ap.add_argument("--open", default="Na", help="open element (default: %(default)s)")
    ap.add_argument("--sample", type=int, default=None,
                    help="analyse a random subset of N of the selected compositions")
    ap.add_argument("--seed", type=int, default=7, help="seed for --sample (default: %(default)s)")
    ap.add_argument("--out", required=True, help="output JSON path")
    ap.add_argument("--progress", type=int, default=200, help="progress line every N compositions (stderr)")
    ap.add_argument("--hull-reaction", action="store_true",
                    help="also the reaction with the open element on the hull energy (use_hull_energy=True)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    # ---------------- read --------------------------------------------------
    digest = sha256_of(args.csv)
    entries = read_entries(args.csv)
    index = EntryIndex(entries)
    t_read = time.perf_counter() - t0
    print(f"read {len(entries)} entries in {t_read:.2f} s", file=sys.stderr)

    # ---------------- select compositions ----------------------------------
    skipped = []
    if args.contains:
        el = Element(args.contains)
        targets = sorted(f for f in index.by_formula
                         if el in Composition(f).elements and len(Composition(f).elements) > 1)
    else:
        targets = []
        for raw in (s.strip() for s in args.formula.split(",") if s.strip()):
            f = Composition(raw).reduced_formula
            if f in index.by_formula:
                if f not in targets:
                    targets.append(f)
            else:
                skipped.append(raw)
        targets.sort()
    n_selected = len(targets)
    if args.sample is not None and args.sample < len(targets):
        targets = sorted(random.Random(args.seed).sample(targets, args.sample))

    # Group by chemical system (composition elements + open element) so that
    # each PhaseDiagram is built once and reused by every composition of that
    # system; only the current system's diagram is kept in memory.
    def system_of(f):
        return chemsys_key([*Composition(f).elements, Element(args.open)])

    work = sorted(targets, key=lambda f: (system_of(f), f))

    # ---------------- analyse -----------------------------------------------
    t1 = time.perf_counter()
    results, anomalies, errors = [], [], []
    cache: dict[tuple[str, ...], PhaseDiagram] = {}
    n_pd = 0
    t_pd = 0.0
    for n, f in enumerate(work, start=1):
        system = system_of(f)
        if system not in cache:
            cache.clear()
            tp = time.perf_counter()
            cache[system] = PhaseDiagram(index.entries_in(system))
            t_pd += time.perf_counter() - tp
            n_pd += 1
        pd = cache[system]
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                rec = analyse(Composition(f), index.by_formula[f], pd, args.open, anomalies, args.hull_reaction)
            if caught:
                rec["warnings"] = sorted({str(w.message) for w in caught})
            results.append(rec)
        except Exception as exc:  # record and continue; reported at the end
            errors.append({"formula": f, "error": f"{type(exc).__name__}: {exc}"})
        if args.progress and n % args.progress == 0:
            el = time.perf_counter() - t1
            print(f"  {n}/{len(work)}  {el:.1f} s  (projected total {el / n * len(work):.0f} s)",
                  file=sys.stderr, flush=True)
    t_analysis = time.perf_counter() - t1

    results.sort(key=lambda r: r["formula"])
    anomalies.sort(key=lambda a: a["formula"])
    out = {
        "open_element": args.open,
        "source": f"mp-formation-energies.csv sha256 {digest}",
        "pymatgen_version": importlib.metadata.version("pymatgen"),
        "selection": {
            "mode": f"contains {args.contains}" if args.contains else f"formula {args.formula}",
            "n_selected": n_selected,
            "sample": None if args.sample is None else {"n": args.sample, "seed": args.seed},
            "n_analysed": len(results),
            "skipped_no_entry": skipped,
        },
        "n_phase_diagrams": n_pd,
        "anomalies": anomalies,
        "errors": errors,
        "entries": results,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")

    t_total = time.perf_counter() - t0
    n_hull = sum(r["on_hull"] for r in results)
    n_null = sum(r["stability_window"] is None for r in results)
    print(f"compositions analysed: {len(results)} (selected {n_selected}); on hull: {n_hull}; "
          f"window null: {n_null}; phase diagrams built: {n_pd}")
    if skipped:
        print(f"skipped (no entry with that composition): {', '.join(skipped)}")
    print(f"anomalies: {len(anomalies)}")
    for a in anomalies:
        print(f"  {a['formula']}: {a['note']}")
    print(f"errors: {len(errors)}")
    for e in errors:
        print(f"  {e['formula']}: {e['error']}")
    print(f"wall time: read CSV {t_read:.2f} s; analysis {t_analysis:.2f} s "
          f"(of which PhaseDiagram construction {t_pd:.2f} s); total {t_total:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
