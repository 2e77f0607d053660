#!/usr/bin/env python3
"""Regenerate the statsmodels reference values in statsmodels.json.

Reference data for the regression engine of `screen`; not part of the Swift build.
Run it from any directory with a throwaway virtual environment outside the repository:

    python3 -m venv /tmp/peers-env
    /tmp/peers-env/bin/pip install statsmodels pandas
    /tmp/peers-env/bin/python statsmodels_reference.py            # (re)writes CSVs + JSON next to this file
    /tmp/peers-env/bin/python statsmodels_reference.py --check    # recompute, compare with the committed JSON

The three small datasets are generated with fixed numpy seeds, rounded to 3 decimals and
written as CSV; every fit then reads the CSV back, so the values fitted are exactly the
values a consumer of the CSV parses. All floats are written with Python's repr (shortest
string that round-trips to the same IEEE double).
"""
import json
import math
import platform
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
import statsmodels.formula
import statsmodels.formula.api as smf

HERE = Path(__file__).resolve().parent
statsmodels.formula.options.formula_engine = "patsy"


# --------------------------------------------------------------------------- datasets
def make_datasets():
    # small-ols.csv: 12 rows, x1 > 0 (for np.log(x1)), y = 2 + 1.5*x1 - 0.8*x2 + noise
    rng = np.random.default_rng(20240611)
    n = 12
    x1 = np.round(rng.uniform(0.5, 10.0, n), 3)
    x2 = np.round(rng.normal(5.0, 2.0, n), 3)
    y = np.round(2.0 + 1.5 * x1 - 0.8 * x2 + rng.normal(0.0, 1.0, n), 3)
    ols = pd.DataFrame({"y": y, "x1": x1, "x2": x2})

    # small-wls.csv: 15 rows, heteroscedastic noise with sd proportional to 1/sqrt(w)
    rng = np.random.default_rng(20240612)
    n = 15
    x = np.round(np.linspace(1.0, 15.0, n) + rng.uniform(-0.3, 0.3, n), 3)
    w = np.round(rng.uniform(0.25, 4.0, n), 3)
    yw = np.round(3.0 + 0.7 * x + rng.normal(0.0, 1.0, n) / np.sqrt(w), 3)
    wls = pd.DataFrame({"y": yw, "x": x, "w": w})

    # small-rlm.csv: 20 rows on a line with small noise, rows 6 and 15 (0-based) are gross outliers
    rng = np.random.default_rng(20240613)
    n = 20
    xr = np.round(np.arange(1, n + 1, dtype=float) + rng.uniform(-0.2, 0.2, n), 3)
    yr = 1.0 + 2.0 * xr + rng.normal(0.0, 0.5, n)
    yr[6] += 25.0
    yr[15] -= 30.0
    rlm = pd.DataFrame({"y": np.round(yr, 3), "x": xr})
    return {"small-ols.csv": ols, "small-wls.csv": wls, "small-rlm.csv": rlm}


def write_csv(df, path):
    # repr of the rounded doubles; at most 3 decimals by construction
    with open(path, "w", newline="") as fh:
        fh.write(",".join(df.columns) + "\n")
        for row in df.itertuples(index=False):
            fh.write(",".join(repr(float(v)) for v in row) + "\n")


# --------------------------------------------------------------------------- helpers
def f(v):
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        return None
    return v


def by_name(series):
    return {str(k): f(v) for k, v in series.items()}


def attr(res, name):
    try:
        return f(getattr(res, name))
    except Exception:  # attribute not defined for this model class
        return None


def common(res):
    ci = res.conf_int(alpha=0.05)
    out = {
        "params": by_name(res.params),
        "bse": by_name(res.bse),
        "tvalues": by_name(res.tvalues),
        "pvalues": by_name(res.pvalues),
        "conf_int": {str(k): [f(ci.loc[k, 0]), f(ci.loc[k, 1])] for k in ci.index},
        "nobs": f(res.nobs),
        "df_model": f(res.df_model),
        "df_resid": f(res.df_resid),
        "scale": f(res.scale),
        "cov_params": {
            "names": [str(c) for c in res.cov_params().columns],
            "matrix": [[f(v) for v in row] for row in np.asarray(res.cov_params())],
        },
        "fittedvalues": [f(v) for v in res.fittedvalues],
        "resid": [f(v) for v in res.resid],
    }
    return out


def ols_like(res):
    out = common(res)
    out.update(
        {
            "ssr": attr(res, "ssr"),
            "ess": attr(res, "ess"),
            "centered_tss": attr(res, "centered_tss"),
            "rsquared": attr(res, "rsquared"),
            "rsquared_adj": attr(res, "rsquared_adj"),
            "mse_model": attr(res, "mse_model"),
            "mse_resid": attr(res, "mse_resid"),
            "llf": attr(res, "llf"),
            "aic": attr(res, "aic"),
            "bic": attr(res, "bic"),
            "fvalue": attr(res, "fvalue"),
            "f_pvalue": attr(res, "f_pvalue"),
            "condition_number": attr(res, "condition_number"),
        }
    )
    return out


# --------------------------------------------------------------------------- fits
def build(outdir):
    data = make_datasets()
    for name, df in data.items():
        write_csv(df, outdir / name)
    # read back exactly what a consumer reads
    ols_df = pd.read_csv(outdir / "small-ols.csv")
    wls_df = pd.read_csv(outdir / "small-wls.csv")
    rlm_df = pd.read_csv(outdir / "small-rlm.csv")

    fits = []

    def add_ols(key, formula):
        res = smf.ols(formula, data=ols_df).fit()
        rec = {"key": key, "formula": formula, "dataset": "small-ols.csv", "method": "OLS",
               "options": {"cov_type": "nonrobust"}}
        rec.update(ols_like(res))
        fits.append(rec)
        return res

    ols_main = add_ols("ols_x1_x2", "y ~ x1 + x2")
    add_ols("ols_x1_x1sq", "y ~ x1 + I(x1**2)")
    add_ols("ols_interaction", "y ~ x1:x2 + x1")
    add_ols("ols_log", "y ~ np.log(x1) + x2")

    res = smf.wls("y ~ x", data=wls_df, weights=wls_df["w"]).fit()
    rec = {"key": "wls_x", "formula": "y ~ x", "dataset": "small-wls.csv", "method": "WLS",
           "options": {"weights": "column w (statsmodels WLS weights: inverse-variance, residual i scaled by sqrt(w_i))",
                       "cov_type": "nonrobust"},
           "notes": "statsmodels WLS: ssr = sum(w*resid^2); rsquared/ess/centered_tss use the weighted mean "
                    "and weighted sums of squares; llf/aic/bic include 0.5*sum(log w)."}
    rec.update(ols_like(res))
    fits.append(rec)

    for key, norm, normdesc in (
        ("rlm_huber", sm.robust.norms.HuberT(), {"norm": "HuberT", "t": 1.345}),
        ("rlm_tukey", sm.robust.norms.TukeyBiweight(c=4.685), {"norm": "TukeyBiweight", "c": 4.685}),
    ):
        res = smf.rlm("y ~ x", data=rlm_df, M=norm).fit()  # defaults below
        rec = {"key": key, "formula": "y ~ x", "dataset": "small-rlm.csv", "method": "RLM",
               "options": dict(normdesc, scale_est="mad (statsmodels default: MAD of residuals / 0.6744897501960817, centered at 0)",
                               start_params="None (default: OLS start)", cov="H1 (default)", update_scale=True,
                               conv="dev (default)", maxiter=50, tol=1e-08),
               "notes": "RLM pvalues/conf_int use the normal distribution (statsmodels default for RLM); "
                        "scale is the final robust scale estimate (sigma, NOT sigma^2); ssr/rsquared/aic/bic/fvalue are "
                        "not defined by statsmodels for RLM."}
        rec.update(common(res))
        rec.update({
            "scale_is_sigma": True,
            "weights": [f(v) for v in res.weights],
            "iterations": int(res.fit_history["iteration"]) if "iteration" in res.fit_history else None,
            "ssr": None, "rsquared": None, "rsquared_adj": None, "aic": None, "bic": None,
            "fvalue": None, "f_pvalue": None,
        })
        fits.append(rec)

    new = pd.DataFrame({"x1": [3.0, 7.5], "x2": [4.0, 6.25]})
    sf = ols_main.get_prediction(new).summary_frame(alpha=0.05)
    prediction = {
        "fit_key": "ols_x1_x2", "formula": "y ~ x1 + x2", "dataset": "small-ols.csv", "alpha": 0.05,
        "new_data": {"x1": [3.0, 7.5], "x2": [4.0, 6.25]},
        "columns": {c: [f(v) for v in sf[c]] for c in
                    ("mean", "mean_se", "mean_ci_lower", "mean_ci_upper", "obs_ci_lower", "obs_ci_upper")},
    }

    return {
        "generator": "statsmodels_reference.py (this folder)",
        "versions": {"statsmodels": statsmodels.__version__, "numpy": np.__version__, "pandas": pd.__version__,
                     "scipy": scipy.__version__, "python": platform.python_version(),
                     "formula_engine": statsmodels.formula.options.formula_engine},
        "conventions": {
            "scale": "OLS/WLS: sigma^2 = ssr/df_resid; RLM: robust sigma (see scale_is_sigma)",
            "conf_int": "95% (alpha=0.05), [lower, upper]; t distribution for OLS/WLS, normal for RLM",
            "term_names": "patsy column names as produced by statsmodels",
            "floats": "Python repr of IEEE-754 doubles (round-trip exact); null = not defined",
        },
        "fits": fits,
        "predictions": [prediction],
    }


def main():
    if "--check" in sys.argv:
        # regenerate into a temporary folder and compare with the committed files (writes nothing here)
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            text = json.dumps(build(tmp), indent=1) + "\n"
            same = json.loads((HERE / "statsmodels.json").read_text()) == json.loads(text)
            for name in ("small-ols.csv", "small-wls.csv", "small-rlm.csv"):
                same = same and (HERE / name).read_text() == (tmp / name).read_text()
        print("identical" if same else "DIFFERENT")
        sys.exit(0 if same else 1)
    text = json.dumps(build(HERE), indent=1) + "\n"
    (HERE / "statsmodels.json").write_text(text)
    print("wrote", HERE / "statsmodels.json")


if __name__ == "__main__":
    main()
