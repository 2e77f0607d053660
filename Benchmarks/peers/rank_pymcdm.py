"""The peer of `screen rank --matrix M.csv --types max,min,max,min,max,min --weights equal
--method topsis --format csv`: pymcdm's TOPSIS (min-max normalisation, its default) on the same
matrix with equal weights, the ranking written as CSV (id, score, rank) like screen's.

    python rank_pymcdm.py M.csv OUT.csv
"""
import sys
import numpy as np
import pandas as pd
from pymcdm.methods import TOPSIS
from pymcdm.helpers import rankdata

matrix = pd.read_csv(sys.argv[1])
values = matrix.iloc[:, 1:].to_numpy()
types = np.array([1, -1, 1, -1, 1, -1])
weights = np.full(values.shape[1], 1 / values.shape[1])
scores = TOPSIS()(values, weights, types)
ranks = rankdata(scores, reverse=True)
order = np.lexsort((matrix["id"].to_numpy(), ranks))
pd.DataFrame({"id": matrix["id"].to_numpy()[order], "score": scores[order], "rank": ranks[order]}).to_csv(sys.argv[2], index=False)
