"""Compares screen's staged-screening ranking (`screen rank --profile computed/sodium-compounds
--format csv`) with the pandas + pymcdm peer's (staged_screening_pandas.py), composition by
composition (screen's formulas read with pymatgen, so that both name a composition alike).

    python compare_staged.py screen.csv peer.csv [top]

Prints the two tops side by side and where they differ, with why: screen's database also holds the
review's own candidates (`screen db build`), and the profile's formula join pools their values with
the Materials Project entries of the same composition (NaBr's handbook shear modulus, the review's
PBE gaps of Na2S, NaI, ...); the peer reads only the Materials Project files. Such a row is marked
"pooled with the review's data". Exits 1 when a composition differs for any other reason.
"""
import sys

import pandas as pd
from pymatgen.core import Composition


def pools_review(text):
    """Whether a provenance ("pooled over mbgap-008171, Na2S (4 values)") names an entry that is not
    one of the imported files' (their ids start mbform-, mbgap-, mbelastic-)."""
    text = str(text)
    if not text.startswith("pooled over "):
        return False
    ids = text[len("pooled over "):].split(" (")[0].split(", ")
    return any(i and i != "…" and not i.startswith("mb") for i in ids)


def main():
    screen = pd.read_csv(sys.argv[1])
    peer = pd.read_csv(sys.argv[2])
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    screen["key"] = [Composition(f).reduced_formula for f in screen["formula"]]
    provenance = [c for c in screen.columns if c.endswith("provenance")]
    screen["review"] = [any(pools_review(row[c]) for c in provenance) for _, row in screen.iterrows()]
    merged = screen.merge(peer, left_on="key", right_on="formula", how="outer", suffixes=("_screen", "_peer"), indicator=True)
    both = merged[merged["_merge"] == "both"]
    print(f"ranked: screen {len(screen)}, peer {len(peer)}, by both {len(both)}")
    problems = 0
    for _, r in merged[merged["_merge"] != "both"].iterrows():
        side = "screen" if r["_merge"] == "left_only" else "peer"
        why = "pooled with the review's data" if side == "screen" and r["review"] else "UNEXPLAINED"
        problems += why == "UNEXPLAINED"
        print(f"  only in {side}: {r['key'] if side == 'screen' else r['formula_peer']} ({why})")

    print(f"\ntop {top}:  {'screen':<28} {'score':>8}   {'peer':<20} {'score':>8}")
    s, p = screen.sort_values("rank").head(top), peer.sort_values("rank").head(top)
    for k in range(top):
        a, b = s.iloc[k], p.iloc[k]
        mark = "" if a["key"] == b["formula"] else "   <- differs" + (" (screen pooled the review's data)" if a["review"] else "")
        print(f"  {k + 1:3d}   {a['key']:<28} {a['score']:8.4f}   {b['formula']:<20} {b['score']:8.4f}{mark}")

    plain = both[~both["review"].astype(bool)]
    worst = (plain["score_screen"] - plain["score_peer"]).abs().max()
    pooled = both[both["review"].astype(bool)]
    print(f"\ncompositions ranked by both: {len(plain)} with Materials Project data only, largest score difference {worst:.1e}; "
          f"{len(pooled)} whose values screen pooled with the review's ({', '.join(pooled['key'].head(8))}{', ...' if len(pooled) > 8 else ''})")
    same_top = list(s["key"]) == list(p["formula"])
    print(f"top {top}: " + ("the same compositions in the same order" if same_top else "not the same compositions in the same order"))
    if worst > 1e-6:
        # TOPSIS's min-max scaling and the unknowns' ranges come from every ranked row, so one pooled
        # row at a column's end can move every score a little: say so rather than fail.
        print("  (scores of Materials-Project-only rows differ where a pooled row sets a column's minimum or maximum)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
