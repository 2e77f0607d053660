"""Makes the stability test fixtures from pymatgen's output (pymatgen_stability.py, run in a
throwaway virtual environment outside the repository):

    python pymatgen_stability.py --formula NaF,Al2O3,... --hull-reaction --out selected.json
    python pymatgen_stability.py --contains Na --hull-reaction --out sodium-all.json
    python make_fixtures.py selected.json sodium-all.json

writes pymatgen-selected.json (every field of the selected compositions) and
pymatgen-sodium-sample.json (400 sodium compositions drawn with seed 11, compact fields) and
pymatgen-sodium-summary.json (every sodium composition: energy above hull, reaction energy, window).
"""
import json, random, sys

selected = json.load(open(sys.argv[1]))
full = json.load(open(sys.argv[2]))
keep = ("formula", "entry", "e_above_hull", "on_hull", "decomposition", "element_profile",
        "products_at_open_element", "stability_window", "reaction_energy_with_open_element",
        "reaction_mixing_ratio", "reaction_products", "reduction_onset", "hull_reaction_energy_with_open_element")
def compact(e):
    return {k: e[k] for k in keep if k in e}
head = {k: full[k] for k in full if k != "entries"}
# Off-hull and unusual compositions from the full run join the selected ones.
extra = [e for e in full["entries"] if e["formula"] in ("NaClO4", "Na2S2", "NaSn", "Na3Sb", "NaAu2", "Na2Se")]
json.dump({**{k: selected[k] for k in selected if k != "entries"},
           "entries": [compact(e) for e in selected["entries"] + extra]},
          open("pymatgen-selected.json", "w"), indent=1)
rng = random.Random(11)
sample = rng.sample(full["entries"], 400)
json.dump({**head, "entries": [compact(e) for e in sorted(sample, key=lambda e: e["formula"])]},
          open("pymatgen-sodium-sample.json", "w"), indent=None, separators=(",", ":"))

# Every sodium composition, a few numbers each: the staged screening's top of the list is checked
# against these (energy above hull, reaction energies with Na, reduction onset, and the window).
json.dump({**head, "entries": [
    {"formula": e["formula"], "e_above_hull": e["e_above_hull"],
     "reaction_energy_with_open_element": e["reaction_energy_with_open_element"],
     "hull_reaction_energy_with_open_element": e["hull_reaction_energy_with_open_element"],
     "reduction_onset": e["reduction_onset"],
     "stability_window": e["stability_window"]}
    for e in sorted(full["entries"], key=lambda e: e["formula"])]},
    open("pymatgen-sodium-summary.json", "w"), indent=None, separators=(",", ":"))
