"""SMAA-2 in plain numpy, the peer of `screen sensitivity smaa --matrix` in Benchmarks/smaa-vs-peers.sh.

    python smaa_numpy.py MATRIX.csv TYPES SAMPLES SEED OUT.csv

WSM with sum normalisation (pymcdm's and screen's default for WSM), weights uniform on the
simplex (Dirichlet(1, …, 1)); per chunk of samples: the score matrix (one matrix product),
argsort for every sample's ranking, then the rank acceptabilities b_i^r for r = 1…10 (counts of
each alternative at each rank), mean ranks and central weights (mean weights of the samples an
alternative wins). Writes `id,b1,…,b10,mean_rank` to OUT.csv. Ties are broken by argsort's order
(the benchmark's random matrices have none). Its random numbers are numpy's, not screen's: the
results agree with screen's statistically, not digit for digit.
"""
import sys

import numpy as np

TOP = 10


def read_matrix(path):
    with open(path) as f:
        header = f.readline().rstrip("\n").split(",")
        ids = [line.split(",", 1)[0] for line in f]
    values = np.loadtxt(path, delimiter=",", skiprows=1, usecols=range(1, len(header)), ndmin=2)
    return ids, header[1:], values


def sum_normalise(values, types):
    z = np.empty_like(values)
    for j, t in enumerate(types):
        column = values[:, j] if t == "max" else 1.0 / values[:, j]
        z[:, j] = column / column.sum()
    return z


def write_results(out, ids, criteria, counts, rank_sum, central, samples):
    """`id,b1,…,b10,mean_rank,w_<criterion>,…`, one row per alternative in the matrix's order;
    the central weights are empty for an alternative that never ranks first."""
    with open(out, "w") as f:
        f.write(",".join(["id"] + [f"b{r + 1}" for r in range(counts.shape[1])] + ["mean_rank"] + [f"w_{c}" for c in criteria]) + "\n")
        acceptability = counts / samples
        mean_rank = rank_sum / samples
        for i, name in enumerate(ids):
            weights = [f"{x:.17g}" for x in central[i]] if counts[i, 0] > 0 else [""] * len(criteria)
            f.write(",".join([name] + [f"{x:.17g}" for x in acceptability[i]] + [f"{mean_rank[i]:.17g}"] + weights) + "\n")


def main():
    path, types, samples, seed, out = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    ids, criteria, values = read_matrix(path)
    n, m = values.shape
    z = sum_normalise(values, types)
    rng = np.random.default_rng(seed)
    top = min(TOP, n)
    counts = np.zeros((n, top), dtype=np.int64)
    rank_sum = np.zeros(n, dtype=np.int64)
    central = np.zeros((n, m))
    positions = np.arange(1, n + 1, dtype=np.int64)
    chunk = max(1, min(samples, (1 << 20) // n))  # about 8 MB of scores per chunk
    for start in range(0, samples, chunk):
        c = min(chunk, samples - start)
        w = rng.dirichlet(np.ones(m), size=c)
        scores = w @ z.T                                   # c × n
        order = np.argsort(-scores, axis=1)                # best first
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, np.broadcast_to(positions, order.shape), axis=1)
        rank_sum += ranks.sum(axis=0)
        for r in range(top):
            counts[:, r] += np.bincount(order[:, r], minlength=n)
        np.add.at(central, order[:, 0], w)
    wins = counts[:, 0]
    central[wins > 0] /= wins[wins > 0, None]
    write_results(out, ids, criteria, counts, rank_sum, central, samples)


if __name__ == "__main__":
    main()
