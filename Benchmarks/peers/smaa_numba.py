"""SMAA-2 with numba (@njit(parallel=True), prange over threads), the peer of
`screen sensitivity smaa --matrix` in Benchmarks/smaa-vs-peers.sh.

    python smaa_numba.py MATRIX.csv TYPES SAMPLES SEED OUT.csv

The same inputs, model and output as smaa_numpy.py (WSM, sum normalisation, uniform weights,
rank acceptabilities for ranks 1…10, mean ranks, central weights), compiled: the weights are
drawn up front with numpy, then each thread takes every T-th sample, computes its scores with a
loop, ranks them with np.argsort and counts into its own accumulators, which are summed at the
end. The compiled code is cached (cache=True; NUMBA_CACHE_DIR chooses where), so a second run
does not compile.
"""
import sys

import numba
import numpy as np
from numba import njit, prange

from smaa_numpy import TOP, read_matrix, sum_normalise, write_results


@njit(parallel=True, cache=True)
def smaa(z, weights, top, threads):
    n, m = z.shape
    samples = weights.shape[0]
    counts = np.zeros((threads, n, top), dtype=np.int64)
    rank_sum = np.zeros((threads, n), dtype=np.int64)
    central = np.zeros((threads, n, m))
    for t in prange(threads):
        scores = np.empty(n)
        for k in range(t, samples, threads):
            for i in range(n):
                s = 0.0
                for j in range(m):
                    s += z[i, j] * weights[k, j]
                scores[i] = -s
            order = np.argsort(scores)  # best first
            for p in range(n):
                rank_sum[t, order[p]] += p + 1
            for r in range(top):
                counts[t, order[r], r] += 1
            for j in range(m):
                central[t, order[0], j] += weights[k, j]
    return counts.sum(axis=0), rank_sum.sum(axis=0), central.sum(axis=0)


def main():
    path, types, samples, seed, out = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    ids, criteria, values = read_matrix(path)
    n, m = values.shape
    z = np.ascontiguousarray(sum_normalise(values, types))
    weights = np.random.default_rng(seed).dirichlet(np.ones(m), size=samples)
    top = min(TOP, n)
    counts, rank_sum, central = smaa(z, weights, top, numba.get_num_threads())
    wins = counts[:, 0]
    central[wins > 0] /= wins[wins > 0, None]
    write_results(out, ids, criteria, counts, rank_sum, central, samples)


if __name__ == "__main__":
    main()
