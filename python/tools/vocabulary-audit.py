#!/usr/bin/env python3
"""Lists the column and key names every command writes, to check one vocabulary across outputs.

    python3 python/tools/vocabulary-audit.py [SCREEN_BINARY] [--db DB]

Runs each command with --format json (and csv where it has it) on the bundled profile `sei`, and
prints, per command, the CSV header and the JSON key paths (arrays as [], objects keyed by a
candidate or criterion as {*}), then the names used for the same role in more than one spelling.
"""
import csv, io, json, subprocess, sys

binary = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else ".build/debug/screen"
extra = sys.argv[sys.argv.index("--db"):sys.argv.index("--db") + 2] if "--db" in sys.argv else []
COMMANDS = [
    ("rank", ["rank", "--profile", "sei"], ["json", "csv"]),
    ("pareto", ["pareto", "--profile", "sei"], ["json"]),
    ("compare", ["compare", "--profile", "sei"], ["json"]),
    ("sweep", ["sensitivity", "sweep", "--profile", "sei"], ["json"]),
    ("smaa", ["sensitivity", "smaa", "--profile", "sei", "--samples", "200"], ["json"]),
    ("sobol", ["sensitivity", "sobol", "--profile", "sei", "--samples", "64", "--bootstrap", "10"], ["json"]),
    ("stability", ["stability", "--formula", "NaF"], ["json", "csv"]),
    ("show", ["db", "show", "NaF"], ["json"]),
    ("export measurements", ["db", "export", "--what", "measurements"], ["json", "csv"]),
    ("export performance", ["db", "export", "--what", "performance"], ["json", "csv"]),
    ("export phases", ["db", "export", "--what", "phases"], ["json", "csv"]),
    ("stats", ["db", "stats"], ["json", "csv"]),
]
NAMES = {"sei", "NaF"}


def paths(value, prefix="", names=None):
    """Key paths of a JSON value; keys that are candidate ids or criterion labels become {*}."""
    out = set()
    if isinstance(value, dict):
        keyed = len(value) > 0 and all(not k.islower() or " " in k or "-" in k or k[:1].isupper() for k in value) \
            and len(value) > 2
        for k, v in value.items():
            key = "{*}" if keyed else k
            out.add(prefix + key)
            out |= paths(v, prefix + key + ".")
    elif isinstance(value, list):
        for v in value[:50]:
            out |= paths(v, prefix + "[].")
    return out


def main():
    seen = {}
    for name, args, formats in COMMANDS:
        for fmt in formats:
            r = subprocess.run([binary, *args, *extra, "--format", fmt], capture_output=True, text=True)
            if r.returncode != 0:
                print(f"## {name} ({fmt}): exit {r.returncode}: {r.stderr.strip()[:200]}")
                continue
            if fmt == "csv":
                header = next(csv.reader(io.StringIO(r.stdout)))
                print(f"## {name} (csv): {', '.join(header)}")
                keys = set(header)
            else:
                keys = paths(json.loads(r.stdout))
                print(f"## {name} (json):")
                for k in sorted(keys):
                    print("   ", k)
            for k in keys:
                seen.setdefault(k.rsplit(".", 1)[-1], set()).add(name)
    roles = {"candidate id": ["id", "candidate", "candidate_id", "alternative", "alternatives"],
             "electrode/material": ["electrode", "material"], "seed": ["seed"], "criterion": ["criterion", "label", "criteria"]}
    print("\n## the same role, several names")
    for role, names in roles.items():
        used = {n: sorted(seen[n]) for n in names if n in seen}
        print(f"{role}: " + "; ".join(f"{n} in {', '.join(c)}" for n, c in used.items()))


main()
