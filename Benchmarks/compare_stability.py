"""Compares `screen stability --format json` with pymatgen_stability.py's JSON, composition by
composition: energy above the hull (1e-6 eV/atom), decomposition (same phases, fractions 1e-6),
every step of the phase evolution against the open element (voltage 1e-4 V, same phases,
evolution 1e-6 per formula unit), the stability window (1e-4 V), the phases with the metal, the
reduction onset (1e-4 V against pymatgen's profile read the same way, and — when pymatgen's output
has it, `--hull-reaction` — 0 exactly when its InterfacialReactivity on the hull energy finds no reaction) and the reaction energy with the metal
(1e-6 eV/atom, same products when there is a reaction).
Phases are compared by composition, since the two write formulas differently (NaF / FNa, O2 / O).

    python3 compare_stability.py screen.json pymatgen.json [rows to print]

Exits 1 when anything differs.
"""
import json
import re
import sys
from collections import Counter


def parse(formula):
    """Element amounts of a formula with nested parentheses, e.g. Al2(MoO4)3."""
    tokens = re.findall(r"[A-Z][a-z]?|\(|\)|[0-9.]+", formula)
    stack = [Counter()]
    last = None  # the element or group a following number multiplies
    for tok in tokens:
        if tok == "(":
            stack.append(Counter())
            last = None
        elif tok == ")":
            group = stack.pop()
            stack[-1].update(group)
            last = group
        elif tok[0].isdigit():
            n = float(tok)
            if isinstance(last, Counter):
                for el, amount in last.items():
                    stack[-1][el] += amount * (n - 1)
            else:
                stack[-1][last] += n - 1
            last = None
        else:
            stack[-1][tok] += 1
            last = tok
    return stack[0]


def key(formula):
    amounts = parse(formula)
    total = sum(amounts.values())
    return tuple(sorted((el, round(n / total, 9)) for el, n in amounts.items()))


def phases(formulas):
    return sorted(key(f) for f in formulas)


def main():
    ours = {key(e["formula"]): e for e in json.load(open(sys.argv[1]))["entries"]}
    reference = {key(e["formula"]): e for e in json.load(open(sys.argv[2]))["entries"]}
    shown = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    common = sorted(set(ours) & set(reference))
    worst = Counter()
    problems = []

    def largest(name, value):
        worst[name] = max(worst[name], value)

    for k in common:
        o, r = ours[k], reference[k]
        name = r["formula"]
        d = abs(o["e_above_hull"] - r["e_above_hull"])
        largest("e_above_hull (eV/atom)", d)
        if d > 1e-6:
            problems.append((name, "e_above_hull", o["e_above_hull"], r["e_above_hull"]))
        od = {key(p["formula"]): p["fraction"] for p in o["decomposition"]}
        rd = {key(p["formula"]): p["fraction"] for p in r["decomposition"]}
        if set(od) != set(rd):
            problems.append((name, "decomposition", o["decomposition"], r["decomposition"]))
        else:
            for c in od:
                largest("decomposition fraction", abs(od[c] - rd[c]))
        steps, ref_steps = o["profile"], r["element_profile"]
        scale = sum(parse(r["formula"]).values()) / sum(parse(o["formula"]).values())
        if len(steps) != len(ref_steps):
            problems.append((name, "profile length", len(steps), len(ref_steps)))
        else:
            for a, b in zip(steps, ref_steps):
                largest("profile voltage (V)", abs(a["voltage"] - b["voltage"]))
                if (abs(a["voltage"] - b["voltage"]) > 1e-4 or phases(a["products"]) != phases(b["products"])
                        or abs(a["evolution"] * scale - b["evolution"]) > 1e-6):
                    problems.append((name, "profile step", a, b))
                    break
        ow, rw = o["window"], r["stability_window"]
        if (ow is None) != (rw is None) or (ow and (ow["high"] is None) != (rw["high"] is None)):
            problems.append((name, "window", ow, rw))
        elif ow:
            for end in ("low", "high"):
                if ow[end] is not None:
                    largest("window (V)", abs(ow[end] - rw[end]))
                    if abs(ow[end] - rw[end]) > 1e-4:
                        problems.append((name, "window " + end, ow, rw))
        if phases(o["products_at_open_element"]) != phases(r["products_at_open_element"]):
            problems.append((name, "products with the metal", o["products_at_open_element"], r["products_at_open_element"]))
        d = abs(o["reduction_onset"] - r["reduction_onset"])
        largest("reduction onset (V)", d)
        hull_reaction = r.get("hull_reaction_energy_with_open_element")  # pymatgen_stability.py --hull-reaction
        if d > 1e-4 or (hull_reaction is not None and (o["reduction_onset"] == 0) != (hull_reaction > -1e-6)):
            problems.append((name, "reduction onset", o["reduction_onset"], r["reduction_onset"], hull_reaction))
        d = abs(o["reaction_energy_with_open_element"] - r["reaction_energy_with_open_element"])
        largest("reaction energy (eV/atom)", d)
        if d > 1e-6:
            problems.append((name, "reaction energy", o["reaction_energy_with_open_element"], r["reaction_energy_with_open_element"]))
        elif r["reaction_energy_with_open_element"] < -1e-6 and phases(o["reaction_products"]) != phases(r["reaction_products"]):
            problems.append((name, "reaction products", o["reaction_products"], r["reaction_products"]))

    print(f"compositions: screen {len(ours)}, pymatgen {len(reference)}, compared {len(common)}")
    print("largest differences: " + ", ".join(f"{k} {v:.2e}" for k, v in worst.items()))
    print(f"{len(problems)} differences in {len({p[0] for p in problems})} compositions {dict(Counter(p[1] for p in problems))}")
    for p in problems[:shown]:
        print("  ", p)
    missing = len(set(ours) ^ set(reference))
    if missing:
        print(f"{missing} compositions in only one of the two outputs")
    sys.exit(1 if problems or missing else 0)


if __name__ == "__main__":
    main()
