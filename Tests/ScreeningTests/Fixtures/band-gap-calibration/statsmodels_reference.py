#!/usr/bin/env python3
"""Reference values for BandGapCalibrationTests, computed with statsmodels, pandas and pymatgen,
independently of the Swift code.

What it does, in order:

1. Writes mp-band-gaps-matbench-subset.csv.gz: the rows of the Materials Project band-gap file
   (Matbench mp_gap, `formula,target`) whose ELEMENT SET is that of an experimental composition
   or of a sodium compound with an experimental gap in Descriptors/measurements/ (found with a
   regular expression, not with any reduction rule), with the id the bundled mapping
   (Descriptors/mappings/mp-band-gaps-matbench.yaml) gives the row: mbgap-<data row, 6 digits>.
   Every row that can join to those compositions is kept, so a join on the subset equals a join on
   the whole file.
2. Runs `screen` (given with --screen) on the subset: db build, import with matbench-subset.yaml,
   `db calibrate band-gap --dry-run --export-join joined.csv`. joined.csv is the Swift join.
3. Rebuilds the join independently from the two WHOLE files: pymatgen parses every formula; a
   composition whose amounts are all integers is divided by their greatest common divisor (the
   documented join rule); experimental rows and PBE entries are pooled per composition by their
   median; roles: fit (both > 0), pbe_metal (PBE median 0), experimental_metal (experimental 0,
   PBE > 0). It must agree exactly with joined.csv (same compositions, formulas, medians,
   counts, roles), or the script stops.
4. With the folds of joined.csv (the Swift seeded shuffle), cross-validates the three forms with
   statsmodels OLS (held-out errors, fold MSEs, 95 % prediction-interval coverage via
   get_prediction), applies the one-standard-error rule, fits the chosen form on the whole fit
   set (params, bse, rsquared, scale, ssr, aic, bic, fvalue) and predicts a grid of PBE gaps
   (summary_frame: mean, mean_se, obs_ci_lower/upper).
5. The metal interval: numpy.quantile (linear) of the experimental gaps of the PBE-metal
   compositions at 0.95.
6. The sodium check: the experimental band gaps (method starting with "exp") in
   Descriptors/measurements/*.csv of candidates whose formula (Descriptors/candidates/) contains
   Na, median per composition, joined to the median PBE gap of the whole file, predicted with the
   chosen fit.
7. Writes statsmodels.json.

Usage, from the package root (after `swift build`):
    python3 Tests/ScreeningTests/Fixtures/band-gap-calibration/statsmodels_reference.py --screen .build/debug/screen
(--matbench PATH for another copy of mp-band-gaps-matbench.csv; default: Descriptors/computed/)
"""
import argparse
import csv
import glob
import gzip
import io
import json
import os
import re
import subprocess
import tempfile
from functools import reduce
from importlib.metadata import version
from math import gcd

import numpy as np
import pandas as pd
import statsmodels.api as sm
from pymatgen.core import Composition

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
EXPERIMENTAL = os.path.join(ROOT, "Descriptors", "experimental", "experimental-band-gaps-without-sodium.csv")
SUBSET = os.path.join(HERE, "mp-band-gaps-matbench-subset.csv.gz")
MAPPING = os.path.join(HERE, "matbench-subset.yaml")
JOINED = os.path.join(HERE, "joined.csv")
OUT = os.path.join(HERE, "statsmodels.json")
TOKEN = re.compile(r"[A-Z][a-z]?")
FORMS = ["proportional", "affine", "quadratic"]  # simplest first
GRID = [0.0004, 0.1, 0.5, 1.0, 2.0, 3.5, 6.0943, 8.0, 10.0]
LEVEL = 0.95


def key(formula):
    """Reduced composition as a hashable tuple: pymatgen's parse, then the gcd of integer amounts."""
    amounts = dict(Composition(formula).as_dict())
    if all(abs(v - round(v)) <= 1e-8 * max(1, abs(v)) and round(v) >= 1 for v in amounts.values()):
        g = reduce(gcd, [int(round(v)) for v in amounts.values()])
        amounts = {k: round(v) / g for k, v in amounts.items()}
    return tuple(sorted((k, round(v, 8)) for k, v in amounts.items()))


def design(form, x):
    x = np.asarray(x, dtype=float)
    if form == "proportional":
        return x.reshape(-1, 1)
    if form == "affine":
        return np.column_stack([np.ones_like(x), x])
    return np.column_stack([np.ones_like(x), x, x * x])


def sodium_values():
    formulas = {}
    for path in glob.glob(os.path.join(ROOT, "Descriptors", "candidates", "*.csv")):
        for r in csv.DictReader(open(path, newline="", encoding="utf-8")):
            formulas[r["id"]] = r["formula"]
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "Descriptors", "measurements", "*.csv"))):
        for r in csv.DictReader(open(path, newline="", encoding="utf-8")):
            f = formulas.get(r["candidate"], "")
            if (r["property"] == "band_gap" and not r["qualifier"] and r["method"].strip().lower().startswith("exp")
                    and f and "Na" in TOKEN.findall(f)):
                out.append((r["candidate"], f, float(r["value"])))
    return out


def write_subset(matbench_path, sodium):
    sets = {frozenset(TOKEN.findall(r["formula"])) for r in csv.DictReader(open(EXPERIMENTAL, newline="", encoding="utf-8"))}
    sets |= {frozenset(TOKEN.findall(f)) for _, f, _ in sodium}
    buffer = io.StringIO()
    buffer.write("id,formula,target\n")
    kept = 0
    with open(matbench_path, newline="", encoding="utf-8") as f:
        lines = f.read().split("\n")
    assert lines[0] == "formula,target", lines[0]
    for row, line in enumerate(lines[1:], start=1):
        if not line:
            continue
        formula, target = line.split(",")
        if frozenset(TOKEN.findall(formula)) in sets:
            buffer.write(f"mbgap-{row:06d},{formula},{target}\n")
            kept += 1
    with open(SUBSET, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
            gz.write(buffer.getvalue().encode("utf-8"))
    return kept


def run_screen(screen):
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "db.sqlite")
        for args in (["db", "build", "--db", db],
                     ["db", "import", SUBSET, "--mapping", MAPPING, "--db", db],
                     ["db", "calibrate", "band-gap", "--db", db, "--dry-run", "--export-join", JOINED]):
            subprocess.run([screen] + args, cwd=ROOT, check=True, capture_output=True)


def independent_join(matbench_path):
    exp = pd.read_csv(EXPERIMENTAL)
    mp = pd.read_csv(matbench_path)
    exp["key"] = exp.formula.map(key)
    mp["key"] = mp.formula.map(key)
    e = exp.groupby("key").agg(experimental_gap=("target", "median"), experimental_rows=("target", "size"),
                               formulas=("formula", lambda s: sorted(s)))
    m = mp.groupby("key").agg(pbe_gap=("target", "median"), pbe_entries=("target", "size"))
    j = e.join(m, how="inner")
    j["role"] = np.where(j.pbe_gap == 0, "pbe_metal", np.where(j.experimental_gap == 0, "experimental_metal", "fit"))
    return j, m


def check_join(j):
    swift = {}
    with open(JOINED, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            k = key(row["key"])
            assert k not in swift, ("a composition twice in joined.csv", row["key"])
            swift[k] = row
    assert set(swift) == set(j.index), "the joins differ in their compositions"
    folds = []
    for k, row in j.iterrows():
        s = swift[k]
        assert sorted(s["formulas"].split(";")) == row.formulas, (k, s["formulas"], row.formulas)
        assert float(s["experimental_gap"]) == row.experimental_gap and int(s["experimental_rows"]) == row.experimental_rows, k
        assert float(s["pbe_gap"]) == row.pbe_gap and int(s["pbe_entries"]) == row.pbe_entries, k
        assert s["role"] == row.role, (k, s["role"], row.role)
        assert (s["fold"] != "") == (row.role == "fit"), k
        folds.append(int(s["fold"]) if s["fold"] else 0)
    j = j.copy()
    j["fold"] = folds
    return j


def cross_validate(fit, folds):
    scores = {}
    raw_errors = [fit[fit.fold == k].eval("pbe_gap - experimental_gap").to_numpy() for k in range(1, folds + 1)]
    for form in FORMS:
        errors, covered = [], 0
        for k in range(1, folds + 1):
            train, test = fit[fit.fold != k], fit[fit.fold == k]
            r = sm.OLS(train.experimental_gap.to_numpy(), design(form, train.pbe_gap)).fit()
            frame = r.get_prediction(design(form, test.pbe_gap)).summary_frame(alpha=1 - LEVEL)
            y = test.experimental_gap.to_numpy()
            errors.append(frame["mean"].to_numpy() - y)
            covered += int(((frame.obs_ci_lower.to_numpy() <= y) & (y <= frame.obs_ci_upper.to_numpy())).sum())
        scores[form] = summarise(errors, covered)
    raw = summarise(raw_errors, None)
    best = min(scores.values(), key=lambda s: s["mean_fold_mse"])
    chosen = next(f for f in FORMS if scores[f]["mean_fold_mse"] <= best["mean_fold_mse"] + best["fold_mse_se"])
    return raw, scores, chosen


def summarise(errors, covered):
    allerr = np.concatenate(errors)
    fold_mse = [float(np.mean(e * e)) for e in errors]
    return {"mae": float(np.mean(np.abs(allerr))), "rmse": float(np.sqrt(np.mean(allerr * allerr))),
            "fold_mse": fold_mse, "mean_fold_mse": float(np.mean(fold_mse)),
            "fold_mse_se": float(np.std(fold_mse, ddof=1) / np.sqrt(len(fold_mse))),
            "pi_coverage": None if covered is None else covered / len(allerr)}


def prediction(r, form, x):
    frame = r.get_prediction(design(form, [x])).summary_frame(alpha=1 - LEVEL).iloc[0]
    return {"pbe": x, "mean": float(frame["mean"]), "mean_se": float(frame.mean_se),
            "obs_ci_lower": float(frame.obs_ci_lower), "obs_ci_upper": float(frame.obs_ci_upper)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--screen", required=True, help="the built screen executable")
    parser.add_argument("--matbench", default=os.path.join(ROOT, "Descriptors", "computed", "mp-band-gaps-matbench.csv"),
                        help="mp-band-gaps-matbench.csv (formula,target)")
    args = parser.parse_args()

    sodium = sodium_values()
    kept = write_subset(args.matbench, sodium)
    run_screen(os.path.abspath(args.screen))
    j, pbe_by_key = independent_join(args.matbench)
    j = check_join(j)
    fit = j[j.role == "fit"]
    folds = int(fit.fold.max())
    raw, scores, chosen = cross_validate(fit, folds)

    r = sm.OLS(fit.experimental_gap.to_numpy(), design(chosen, fit.pbe_gap)).fit()
    metal_upper = float(np.quantile(j[j.role == "pbe_metal"].experimental_gap.to_numpy(), LEVEL))

    pbe_map = {k: (float(row.pbe_gap), int(row.pbe_entries)) for k, row in pbe_by_key.iterrows()}
    by_key = {}
    for candidate, formula, gap in sodium:
        by_key.setdefault(key(formula), []).append((candidate, formula, gap))
    rows = []
    for k, values in sorted(by_key.items()):
        if k not in pbe_map:
            continue
        pbe, entries = pbe_map[k]
        p = prediction(r, chosen, pbe)
        rows.append({"formula": values[0][1], "experimental": float(np.median([v[2] for v in values])),
                     "experimental_values": len(values), "pbe": pbe, "pbe_entries": entries,
                     "calibrated": p["mean"], "pi_low": p["obs_ci_lower"], "pi_high": p["obs_ci_upper"]})

    out = {
        "generated_by": "statsmodels_reference.py (statsmodels OLS and get_prediction; pymatgen Composition for the join)",
        "statsmodels": version("statsmodels"), "pymatgen": version("pymatgen"), "pandas": version("pandas"), "numpy": version("numpy"),
        "subset_rows": kept,
        "joined": len(j), "fitted": int((j.role == "fit").sum()), "pbe_metals": int((j.role == "pbe_metal").sum()),
        "experimental_metals": int((j.role == "experimental_metal").sum()),
        "folds": folds, "raw": raw, "forms": scores, "chosen": chosen,
        "fit": {"params": [float(v) for v in r.params], "bse": [float(v) for v in r.bse], "rsquared": float(r.rsquared),
                "sigma": float(np.sqrt(r.scale)), "ssr": float(r.ssr), "aic": float(r.aic), "bic": float(r.bic),
                "fvalue": float(r.fvalue), "nobs": int(r.nobs)},
        "fitted_pbe_range": [float(fit.pbe_gap.min()), float(fit.pbe_gap.max())],
        "predictions": [prediction(r, chosen, x) for x in GRID],
        "metal_upper": metal_upper,
        "metals_in_experiment": int(((j.role == "pbe_metal") & (j.experimental_gap == 0)).sum()),
        "sodium": rows,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"subset {kept} rows; joined {len(j)}; fitted {out['fitted']}; chosen {chosen}; params {out['fit']['params']}")
    print(f"CV raw MAE {raw['mae']:.4f} RMSE {raw['rmse']:.4f}; chosen MAE {scores[chosen]['mae']:.4f} RMSE {scores[chosen]['rmse']:.4f}")
    for row in rows:
        print(row["formula"], row["experimental"], row["pbe"], round(row["calibrated"], 4))


if __name__ == "__main__":
    main()
