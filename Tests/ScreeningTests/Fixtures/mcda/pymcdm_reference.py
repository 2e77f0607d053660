#!/usr/bin/env python3
"""Regenerate the pymcdm reference scores in pymcdm.json.

Reference data for the ranking methods of `screen` (MCDAComparisonTests.swift); not part of
the Swift build. Run it with a throwaway virtual environment outside the repository:

    python3 -m venv /tmp/mcda-env
    /tmp/mcda-env/bin/pip install "pymcdm==1.4.*"
    /tmp/mcda-env/bin/python pymcdm_reference.py            # (re)writes pymcdm.json next to this file
    /tmp/mcda-env/bin/python pymcdm_reference.py --check    # recompute, compare with the committed JSON

Decision matrices are drawn with fixed numpy seeds (values rounded to 6 significant digits)
and every case is scored by pymcdm 1.4 itself, except where "reference" says otherwise:

- "pymcdm": pymcdm's own method and normalisation functions.
- "pymcdm+script-normalization": pymcdm's method with a normalisation this script defines
  (z-score, which pymcdm lacks, and "none" = pymcdm's VIKOR default `_fake_normalization`
  for the other methods); it checks the method code, not the normalisation.
- "pymcdm+script-gaussian": pymcdm's PROMETHEE II flows with a Gaussian preference function
  added by this script (pymcdm 1.4 has none).
- "script-copras-published": the published COPRAS formula in numpy (pymcdm 1.4's COPRAS
  computes Q = S+ + S-; see COPRAS.swift). It equals scikit-criteria's COPRAS / 100.

A null score means pymcdm raised or returned a non-finite value; `screen` must throw there.
Floats are written with Python's repr (shortest string that round-trips exactly).
"""
import json
import math
import platform
import sys
import warnings
from pathlib import Path

import numpy as np
import pymcdm
from pymcdm import methods, normalizations as nz, weights as pw
from pymcdm.helpers import normalize_matrix
from pymcdm.methods.partial import promethee_i

HERE = Path(__file__).resolve().parent
OUT = HERE / "pymcdm.json"
warnings.simplefilter("ignore")


# --------------------------------------------------------------------------- normalisations
def zscore_normalization(x, cost=False):
    """Population z-score; cost criteria negated. Not in pymcdm."""
    z = (x - np.mean(x)) / np.std(x)
    return -z if cost else z


def none_normalization(x, cost=False):
    """pymcdm's VIKOR default (`pymcdm.methods.vikor._fake_normalization`)."""
    return np.max(x) - x if cost else x


NORMALIZATIONS = {
    "minmax": (nz.minmax_normalization, "pymcdm"),
    "max": (nz.max_normalization, "pymcdm"),
    "sum": (nz.sum_normalization, "pymcdm"),
    "vector": (nz.vector_normalization, "pymcdm"),
    "log": (nz.logarithmic_normalization, "pymcdm"),
    "linear": (nz.linear_normalization, "pymcdm"),
    "zscore": (zscore_normalization, "script"),
    "none": (none_normalization, "script"),
}


# Gaussian preference function, by pymcdm's calling convention pf(d, q, p); s is passed as p.
def _gaussian(d, q, p):
    return np.where(d > 0, 1 - np.exp(-(d ** 2) / (2 * p ** 2)), 0.0)


promethee_i._PreferenceFunctions.gaussian = staticmethod(_gaussian)


# --------------------------------------------------------------------------- matrices
def sig(x):
    return float(f"{x:.6g}")


def draw(seed, rows, columns):
    """columns: list of (low, high, log_uniform)."""
    rng = np.random.default_rng(seed)
    out = np.empty((rows, len(columns)))
    for j, (lo, hi, logu) in enumerate(columns):
        if logu:
            out[:, j] = np.exp(rng.uniform(math.log(lo), math.log(hi), rows))
        else:
            out[:, j] = rng.uniform(lo, hi, rows)
    out = np.vectorize(sig)(out)
    w = rng.dirichlet(np.ones(len(columns)))
    w = np.vectorize(sig)(w)
    return out, w / w.sum()


MATRICES = [
    # key, seed, rows, columns, types, normalisations compared
    ("A", 20260101, 8, [(0.05, 0.95, False), (1, 100, False), (1e3, 5e4, True), (0.5, 5, False), (10, 20, False)],
     [1, -1, 1, -1, 1], list(NORMALIZATIONS)),
    ("B", 20260102, 8, [(100, 900, False), (0.001, 0.01, False), (2, 3, False), (1, 1000, True), (50, 60, False)],
     [-1, -1, 1, 1, -1], list(NORMALIZATIONS)),
    ("C", 20260103, 10, [(1, 10, False), (0.2, 0.8, False), (300, 310, False), (1e-3, 1e2, True)],
     [1, 1, -1, 1], list(NORMALIZATIONS)),
    # Mixed signs: only the normalisations whose domain includes them (the ratio-based ones
    # are rejected by screen on purpose, see Normalization.swift), and no EDAS/COPRAS.
    ("D", 20260104, 7, [(-5, 5, False), (-1, 2, False), (0.1, 1, False), (-100, -10, False)],
     [1, -1, 1, -1], ["minmax", "vector", "zscore", "none"]),
]


def finite_list(a):
    a = np.asarray(a, dtype=float)
    if not np.all(np.isfinite(a)):
        return None
    return [float(v) for v in a.reshape(-1)] if a.ndim == 1 else [[float(v) for v in row] for row in a]


def run(fn):
    """pymcdm's result as lists, or (None, reason) when it raises or is not finite."""
    try:
        result = fn()
    except Exception as e:  # noqa: BLE001 — the reason is recorded
        return None, f"pymcdm raised {type(e).__name__}: {e}"
    if isinstance(result, tuple):
        lists = tuple(finite_list(r) for r in result)
        if any(r is None for r in lists):
            return None, "pymcdm returned a non-finite value"
        return lists, None
    lst = finite_list(result)
    return (lst, None) if lst is not None else (None, "pymcdm returned a non-finite value")


def ranks_of(method, scores):
    if scores is None:
        return None
    r = method.rank(np.array(scores))
    return [float(v) for v in r]


def case(matrix_key, method, normalization, parameters, weights, weights_source, scores, reason, reference,
         ranks=None, extra=None):
    c = {
        "matrix": matrix_key,
        "method": method,
        "normalization": normalization,
        "parameters": parameters,
        "weights_source": weights_source,
        "weights": [float(w) for w in weights],
        "reference": reference,
        "scores": scores,
        "ranks": ranks,
    }
    if reason:
        c["pymcdm_note"] = reason
    if extra:
        c["extra"] = extra
    return c


def copras_published(X, w, types):
    n = X / X.sum(axis=0)
    v = n * w
    sp = v[:, types == 1].sum(axis=1)
    sm = v[:, types == -1].sum(axis=1)
    q = sp + sm.sum() / (sm * (1 / sm).sum())
    return q / q.max()


def cases_for(key, X, types, w, wsrc, norms):
    out = []
    t = np.array(types)
    positive = key != "D"

    def add_generic(name, factory, params, extra_fn=None):
        for nname in norms:
            fn, src = NORMALIZATIONS[nname]
            body = factory(fn)
            res, reason = run(lambda: body(X, w, t, validation=False))
            ref = "pymcdm" if src == "pymcdm" else "pymcdm+script-normalization"
            extra = None
            if res is not None and extra_fn is not None:
                extra = extra_fn(factory(fn))
            out.append(case(key, name, nname, params, w, wsrc, res, reason, ref, ranks_of(body, res), extra))

    def wsm_extra(body):
        nmatrix, weighted, p = body._method(X, w, t)
        return {"contributions": finite_list(weighted)}

    def vikor_extra(body):
        _, _, _, S, R, Q = body._method(X, w, t)
        return {"s": finite_list(S), "r": finite_list(R)}

    add_generic("wsm", lambda fn: methods.WSM(fn), {}, wsm_extra)
    add_generic("wpm", lambda fn: methods.WPM(fn), {})
    add_generic("waspas", lambda fn: methods.WASPAS(fn), {})
    add_generic("waspas", lambda fn: methods.WASPAS(fn, l=0.25), {"lambda": 0.25})
    add_generic("topsis", lambda fn: methods.TOPSIS(fn), {})
    add_generic("vikor", lambda fn: methods.VIKOR(fn), {}, vikor_extra)
    add_generic("vikor", lambda fn: methods.VIKOR(fn, v=0.2), {"v": 0.2}, vikor_extra)

    # PROMETHEE II: thresholds per criterion from the column ranges.
    rng = X.max(axis=0) - X.min(axis=0)
    q = [sig(v) for v in 0.1 * rng]
    p = [sig(v) for v in 0.5 * rng]
    s = [sig(v) for v in 0.3 * rng]
    for pf, kw, params in [
        ("usual", {}, {"preference": "usual"}),
        ("ushape", {"q": q}, {"preference": "ushape", "q": q}),
        ("vshape", {"p": p}, {"preference": "vshape", "p": p}),
        ("level", {"q": q, "p": p}, {"preference": "level", "q": q, "p": p}),
        ("vshape_2", {"q": q, "p": p}, {"preference": "linear", "q": q, "p": p}),
        ("gaussian", {"p": s}, {"preference": "gaussian", "s": s}),
    ]:
        res, reason = run(lambda: methods.PROMETHEE_II(pf, **kw)(X, w, t, validation=False))
        flows = methods.PROMETHEE_II(pf, **kw)._method(X, w, t)
        extra = {"positive": finite_list(flows[-3]), "negative": finite_list(flows[-2])}
        ref = "pymcdm+script-gaussian" if pf == "gaussian" else "pymcdm"
        out.append(case(key, "promethee2", "none", params, w, wsrc, res, reason, ref,
                        ranks_of(methods.PROMETHEE_II("usual"), res), extra))

    # SPOTIS: bounds from the data; wider explicit bounds; explicit bounds and an expected point.
    data_bounds = methods.SPOTIS.make_bounds(X)
    body = methods.SPOTIS(data_bounds)
    res, reason = run(lambda: body(X, w, t, validation=False))
    out.append(case(key, "spotis", "none", {}, w, wsrc, res, reason, "pymcdm", ranks_of(body, res),
                    {"contributions": finite_list(np.abs((X - data_bounds[np.arange(len(t)), (t + 1) // 2])
                                                         / (data_bounds[:, 0] - data_bounds[:, 1])) * w)}))
    margin = 0.1 * rng
    lower = [sig(v) for v in X.min(axis=0) - margin]
    upper = [sig(v) for v in X.max(axis=0) + margin]
    bounds = np.array([lower, upper]).T
    body = methods.SPOTIS(bounds)
    res, reason = run(lambda: body(X, w, t))
    out.append(case(key, "spotis", "none", {"bounds_min": lower, "bounds_max": upper}, w, wsrc, res, reason,
                    "pymcdm", ranks_of(body, res)))
    esp = [sig(v) for v in X.mean(axis=0)]
    body = methods.SPOTIS(bounds, np.array(esp))
    res, reason = run(lambda: body(X, w, t))
    out.append(case(key, "spotis", "none", {"bounds_min": lower, "bounds_max": upper, "esp": esp}, w, wsrc, res,
                    reason, "pymcdm", ranks_of(body, res)))

    # MOORA (pymcdm wants a cost criterion: every matrix here has one).
    body = methods.MOORA()
    res, reason = run(lambda: body(X, w, t, validation=False))
    extra = None
    if res is not None:
        _, wmatrix, _ = body._method(X, w, t)
        extra = {"contributions": finite_list(wmatrix * t)}
    out.append(case(key, "moora", "none", {}, w, wsrc, res, reason, "pymcdm", ranks_of(body, res), extra))

    if positive:
        body = methods.EDAS()
        res, reason = run(lambda: body(X, w, t, validation=False))
        out.append(case(key, "edas", "none", {}, w, wsrc, res, reason, "pymcdm", ranks_of(body, res)))
        body = methods.COPRAS()
        res, reason = run(lambda: body(X, w, t, validation=False))
        out.append(case(key, "copras", "none", {"variant": "pymcdm"}, w, wsrc, res, reason, "pymcdm",
                        ranks_of(body, res)))
        res, reason = run(lambda: copras_published(X, w, t))
        out.append(case(key, "copras", "none", {}, w, wsrc, res, reason, "script-copras-published",
                        ranks_of(body, res)))
    return out


def objective_weights(X):
    out = {}
    for name, fn in [("equal", pw.equal_weights), ("entropy", pw.entropy_weights),
                     ("critic", pw.critic_weights), ("std", pw.standard_deviation_weights)]:
        res, reason = run(lambda: fn(X))
        out[name] = res
        if reason:
            out[name + "_note"] = reason
    return out


def build():
    doc = {
        "generator": "pymcdm_reference.py (this folder)",
        "versions": {
            "pymcdm": pymcdm.__version__ if hasattr(pymcdm, "__version__") else _dist_version("pymcdm"),
            "numpy": np.__version__,
            "python": platform.python_version(),
        },
        "conventions": {
            "values": "rows are alternatives, columns criteria; types 1 = benefit, -1 = cost",
            "scores": "pymcdm's preference values; null = pymcdm raised or gave a non-finite value",
            "ranks": "pymcdm's rankdata (ties averaged), as floats",
            "floats": "Python repr of IEEE-754 doubles (round-trip exact)",
        },
        "matrices": [],
        "cases": [],
    }
    for key, seed, rows, columns, types, norms in MATRICES:
        X, w = draw(seed, rows, columns)
        t = np.array(types)
        normalized = {}
        for nname in norms:
            fn, _ = NORMALIZATIONS[nname]
            res, reason = run(lambda: normalize_matrix(X, fn, t))
            normalized[nname] = res
        ow = objective_weights(X)
        doc["matrices"].append({
            "key": key,
            "seed": seed,
            "alternatives": [f"A{i + 1}" for i in range(rows)],
            "criteria": [f"C{j + 1}" for j in range(len(columns))],
            "types": types,
            "values": [[float(v) for v in row] for row in X],
            "weights": [float(v) for v in w],
            "normalized": normalized,
            "objective_weights": ow,
        })
        doc["cases"] += cases_for(key, X, types, w, "random", norms)
        # The same methods again with objective weights from pymcdm (matrix A and B only).
        if key in ("A", "B"):
            for wname in ("entropy", "critic", "std"):
                wv = np.array(ow[wname])
                doc["cases"] += [c for c in cases_for(key, X, types, wv, wname, ["minmax", "vector", "none"])
                                 if c["method"] in ("topsis", "vikor", "wsm", "promethee2", "spotis")]
    return doc


def _dist_version(name):
    from importlib.metadata import version
    return version(name)


def main():
    doc = build()
    doc["versions"]["pymcdm"] = _dist_version("pymcdm")
    text = json.dumps(doc, indent=1, allow_nan=False) + "\n"
    if "--check" in sys.argv:
        old = OUT.read_text()
        if old != text:
            print("pymcdm.json differs from a fresh computation", file=sys.stderr)
            sys.exit(1)
        print("pymcdm.json matches a fresh computation")
        return
    OUT.write_text(text)
    n = len(doc["cases"])
    nulls = sum(1 for c in doc["cases"] if c["scores"] is None)
    print(f"wrote {OUT.name}: {n} cases ({nulls} where pymcdm gives no finite score), pymcdm {doc['versions']['pymcdm']}")


if __name__ == "__main__":
    main()
