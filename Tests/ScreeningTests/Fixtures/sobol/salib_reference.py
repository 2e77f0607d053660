#!/usr/bin/env python3
"""Regenerate the SALib reference indices in salib.json.

Reference data for the Sobol' analysis of `screen` (SobolTests.swift); not part of the
Swift build. Run it with a throwaway virtual environment outside the repository:

    python3 -m venv /tmp/sobol-env
    /tmp/sobol-env/bin/pip install SALib          # written with SALib 1.6.0
    /tmp/sobol-env/bin/python salib_reference.py  # (re)writes salib.json next to this file

Cases (all with calc_second_order=False, N base samples, 1000 bootstrap resamples, 95 %):

- "salib_sampler": SALib's own pipeline, `SALib.sample.sobol.sample` (scrambled Sobol'
  points from scipy, its default, seeded) + `SALib.analyze.sobol.analyze`, on Ishigami.
  Its points are NOT screen's: SciPy's Sobol' sequence uses the Joe & Kuo (2008) direction
  numbers, GSL's those of Bratley & Fox (1988); they agree in the first two dimensions only
  (checked below, "sequence_check"), and SALib scrambles by default. screen's estimates
  must agree with these within Monte Carlo error.

- "gsl_points_ishigami" and "gsl_points_mixed": the same Saltelli layout built from GSL's
  own Sobol' sequence (libgsl called through ctypes, exactly the points screen uses: GSL
  skips the all-zero first point), mapped by SALib's `scale_samples`, evaluated here, and
  analysed by `SALib.analyze.sobol.analyze`. screen's point estimates must agree with these
  to rounding (1e-10). The bootstrap intervals use numpy's generator here and GSL's MT19937
  in screen, so S1_conf / ST_conf agree only within the bootstrap's own noise.
  "mixed" has a normal input (SALib dists "norm") to check the inverse-CDF mapping.

Floats are written with Python's repr (shortest string that round-trips exactly); the
design rows are also written as hex floats ("*_hex") for bit-exact comparison.
"""
import ctypes
import importlib.metadata
import ctypes.util
import json
import math
import platform
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy.stats import qmc

from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample
from SALib.test_functions import Ishigami
from SALib.util import scale_samples

HERE = Path(__file__).resolve().parent
N = 4096
RESAMPLES = 1000
CONF = 0.95
ANALYZE_SEED = 20240601
SAMPLE_SEED = 12345


def load_gsl():
    cblas = ctypes.CDLL(ctypes.util.find_library("gslcblas"), mode=ctypes.RTLD_GLOBAL)
    gsl = ctypes.CDLL(ctypes.util.find_library("gsl"), mode=ctypes.RTLD_GLOBAL)
    gsl.gsl_qrng_alloc.restype = ctypes.c_void_p
    gsl.gsl_qrng_alloc.argtypes = [ctypes.c_void_p, ctypes.c_uint]
    gsl.gsl_qrng_get.restype = ctypes.c_int
    gsl.gsl_qrng_get.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_double)]
    gsl.gsl_qrng_free.argtypes = [ctypes.c_void_p]
    gsl.gsl_version = ctypes.c_char_p.in_dll(gsl, "gsl_version").value.decode()
    return cblas, gsl


def gsl_sobol(gsl, n, d):
    """The first n points of GSL's d-dimensional Sobol' sequence."""
    sobol_type = ctypes.c_void_p.in_dll(gsl, "gsl_qrng_sobol")
    q = gsl.gsl_qrng_alloc(sobol_type, d)
    out = np.zeros((n, d))
    buf = (ctypes.c_double * d)()
    for i in range(n):
        assert gsl.gsl_qrng_get(q, buf) == 0
        out[i, :] = buf[:]
    gsl.gsl_qrng_free(q)
    return out


def saltelli_rows(base, d):
    """SALib.sample.sobol.sample's layout (calc_second_order=False) from a base sequence."""
    n = base.shape[0]
    x = np.zeros(((d + 2) * n, d))
    idx = 0
    for i in range(n):
        x[idx, :] = base[i, :d]
        idx += 1
        for k in range(d):
            row = base[i, :d].copy()
            row[k] = base[i, d + k]
            x[idx, :] = row
            idx += 1
        x[idx, :] = base[i, d:]
        idx += 1
    return x


def mixed_model(x):
    """y = 2 x1 + x2 − 0.5 x3 + x1·x3 (x1 ~ U[0, 1], x2 ~ N(1, 2), x3 ~ U[−1, 3])."""
    return 2 * x[:, 0] + x[:, 1] - 0.5 * x[:, 2] + x[:, 0] * x[:, 2]


def hex_rows(x):
    """Rows as C99 hex floats: exact whatever JSON parser reads them (Foundation's
    JSONSerialization on Linux can misround decimal numbers by an ulp)."""
    return [[float(v).hex() for v in row] for row in x]


def indices(si):
    return {k: [float(v) for v in si[k]] for k in ("S1", "S1_conf", "ST", "ST_conf")}


def main():
    _, gsl = load_gsl()
    pi = math.pi
    ishigami = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-pi, pi]] * 3}

    # 1. Where the sequences start and where they differ.
    g = gsl_sobol(gsl, 16, 6)
    s = qmc.Sobol(d=6, scramble=False).random_base2(5)[:17]
    sequence_check = {
        "gsl_first_points_dims_1_2": g[:8, :2].tolist(),
        "scipy_unscrambled_first_point": s[0].tolist(),
        "gsl_equals_scipy_skip1_dims_1_2": bool(np.array_equal(g[:, :2], s[1:, :2])),
        "gsl_equals_scipy_skip1_dims_3_6": bool(np.array_equal(g[:, 2:], s[1:, 2:])),
    }

    # 2. SALib's own sampler.
    problem = dict(ishigami)
    x = sobol_sample.sample(problem, N, calc_second_order=False, seed=SAMPLE_SEED)
    y = Ishigami.evaluate(x)
    si = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=RESAMPLES,
                               conf_level=CONF, seed=ANALYZE_SEED)
    salib_sampler = {"problem": "ishigami", "sampler": "SALib.sample.sobol.sample(scramble=True, skip_values=0)",
                     "sample_seed": SAMPLE_SEED, **indices(si)}

    # 3. SALib's analysis on GSL's points.
    base = gsl_sobol(gsl, N, 6)
    problem = dict(ishigami)
    x = scale_samples(saltelli_rows(base, 3), problem)
    y = Ishigami.evaluate(x)
    si = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=RESAMPLES,
                               conf_level=CONF, seed=ANALYZE_SEED)
    gsl_ishigami = {"problem": "ishigami", "sampler": "GSL gsl_qrng_sobol (2d = 6), SALib layout",
                    "rows_of_base_sample_0": x[:5].tolist(),
                    "rows_of_last_base_sample": x[-5:].tolist(),
                    "rows_of_base_sample_0_hex": hex_rows(x[:5]),
                    "rows_of_last_base_sample_hex": hex_rows(x[-5:]), **indices(si)}

    mixed = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[0.0, 1.0], [1.0, 2.0], [-1.0, 3.0]],
             "dists": ["unif", "norm", "unif"]}
    x = scale_samples(saltelli_rows(base, 3), mixed)
    y = mixed_model(x)
    si = sobol_analyze.analyze(mixed, y, calc_second_order=False, num_resamples=RESAMPLES,
                               conf_level=CONF, seed=ANALYZE_SEED)
    gsl_mixed = {"problem": "mixed", "sampler": "GSL gsl_qrng_sobol (2d = 6), SALib layout",
                 "rows_of_base_sample_0": x[:5].tolist(),
                 "rows_of_base_sample_0_hex": hex_rows(x[:5]), **indices(si)}

    out = {
        "generated_by": "Tests/ScreeningTests/Fixtures/sobol/salib_reference.py",
        "versions": {"SALib": importlib.metadata.version("SALib"), "numpy": np.__version__, "scipy": scipy.__version__,
                     "gsl": gsl.gsl_version, "python": platform.python_version()},
        "N": N, "num_resamples": RESAMPLES, "conf_level": CONF, "analyze_seed": ANALYZE_SEED,
        "calc_second_order": False,
        "sequence_check": sequence_check,
        "cases": {"salib_sampler": salib_sampler, "gsl_points_ishigami": gsl_ishigami, "gsl_points_mixed": gsl_mixed},
    }
    text = json.dumps(out, indent=1) + "\n"
    target = HERE / "salib.json"
    if "--check" in sys.argv:
        old = json.loads(target.read_text())
        print("identical" if old == json.loads(text) else "DIFFERENT")
        return
    target.write_text(text)
    print(f"wrote {target}")
    for name, case in out["cases"].items():
        print(name, "S1", np.round(case["S1"], 6), "ST", np.round(case["ST"], 6))


if __name__ == "__main__":
    main()
