"""Checks that screen's SMAA-2 and a peer's agree within sampling error (standard library only).

    python3 Benchmarks/peers/compare_smaa.py SCREEN.json PEER.csv SAMPLES

The two draw different random weights, so their first-rank acceptabilities b1 differ by
sampling error only: for a share p estimated from S samples by each, the difference has a
standard deviation of sqrt(2·p·(1 − p)/S). Prints the largest difference and the largest
difference in those units over all alternatives; more than 5 would mean the peer computes
something else.
"""
import csv
import json
import math
import sys


def main() -> None:
    screen_path, peer_path, samples = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(screen_path) as f:
        screen = {row["id"]: row["rank_acceptability"][0] for row in json.load(f)["alternatives"]}
    with open(peer_path) as f:
        peer = {row["id"]: float(row["b1"]) for row in csv.DictReader(f)}
    largest, largest_z = 0.0, 0.0
    for name, a in screen.items():
        b = peer[name]
        p = (a + b) / 2
        sd = math.sqrt(max(2 * p * (1 - p) / samples, 1 / samples ** 2))
        largest = max(largest, abs(a - b))
        largest_z = max(largest_z, abs(a - b) / sd)
    print(f"  {peer_path.rsplit('/', 1)[-1]}: largest |Δb1| {largest:.4f}, {largest_z:.1f} standard deviations of sampling error")


if __name__ == "__main__":
    main()
