"""A deterministic random decision matrix for the benchmarks: N alternatives x 6 criteria, values
uniform in [0.01, 1), three benefit and three cost criteria (types max,min,max,min,max,min).

    python make_matrix.py N OUT.csv
"""
import sys
import numpy as np

n, out = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(7)
values = 0.01 + 0.99 * rng.random((n, 6))
with open(out, "w") as f:
    f.write("id,c1,c2,c3,c4,c5,c6\n")
    for i, row in enumerate(values):
        f.write(f"a{i + 1}," + ",".join(repr(float(v)) for v in row) + "\n")
