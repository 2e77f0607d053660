"""The peer of `screen sensitivity sobol --matrix M.csv --types max,min,max,min,max,min
--weights equal --method topsis --samples N --candidates K --bootstrap 500`: SALib's Sobol'
indices (first order: Saltelli 2010; total: Jansen 1999 — SALib's estimators, as screen's) of
the TOPSIS scores and ranks of the K leading candidates, with the same inputs: six independent
weight factors u_j uniform on [0.5 w_j, 1.5 w_j], normalised before ranking; N (d + 2) model
runs, each a pymcdm TOPSIS of the whole matrix; 500 bootstrap resamples.

    python sobol_salib.py M.csv N K OUT.json
"""
import json
import sys
import numpy as np
import pandas as pd
from SALib.sample import sobol as sobol_sample
from SALib.analyze import sobol as sobol_analyze
from pymcdm.methods import TOPSIS
from pymcdm.helpers import rankdata

matrix = pd.read_csv(sys.argv[1])
n_base, k, out = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
values = matrix.iloc[:, 1:].to_numpy()
d = values.shape[1]
types = np.array([1, -1, 1, -1, 1, -1])
w = np.full(d, 1 / d)
topsis = TOPSIS()
base = topsis(values, w, types)
leaders = np.argsort(-base, kind="stable")[:k]
problem = {"num_vars": d, "names": [f"u{j + 1}" for j in range(d)], "bounds": [[0.5 * x, 1.5 * x] for x in w]}
points = sobol_sample.sample(problem, n_base, calc_second_order=False, scramble=False)
outputs = np.empty((len(points), 2 * k))
for i, u in enumerate(points):
    scores = topsis(values, u / u.sum(), types)
    ranks = rankdata(scores, reverse=True)
    outputs[i, :k] = scores[leaders]
    outputs[i, k:] = ranks[leaders]
result = {}
for j in range(2 * k):
    s = sobol_analyze.analyze(problem, outputs[:, j], calc_second_order=False, num_resamples=500, seed=1)
    name = ("score " if j < k else "rank ") + str(matrix["id"].iloc[leaders[j % k]])
    result[name] = {"S1": s["S1"].tolist(), "ST": s["ST"].tolist()}
with open(out, "w") as f:
    json.dump(result, f)
