"""Independent reference values for Tests/ScreeningTests/AlloyVolumeChangeTests.swift.

Volumes per atom with pymatgen (Structure.volume / number of sites) from the same files the
Swift code reads: the SHELX .res files of Descriptors/structures/ (pymatgen.io.res.ResIO),
ase's dcdft.json (the `wien2k_volume` key, Å3/atom, read with json) and the Materials Project
structures of Descriptors/computed/mp-binary-elasticity.json.gz (Structure.from_dict).
Run from the repository root: /work/peers-env/bin/python Tests/ScreeningTests/Fixtures/alloys/pymatgen_volumes.py
"""
import gzip, json
from pymatgen.core import Structure
from pymatgen.io.res import ResIO

S = "Descriptors/structures/"
def res(name):
    st = ResIO.structure_from_file(S + name)
    c = st.composition
    return st.volume, {str(e): c[e] for e in c.elements}

dcdft = {v["key_value_pairs"]["name"]: v["key_value_pairs"]["wien2k_volume"]
         for k, v in json.load(open(S + "dcdft.json")).items() if k.isdigit()}
mp = {e["mp_id"]: Structure.from_dict(e["structure"]) for e in json.load(gzip.open("Descriptors/computed/mp-binary-elasticity.json.gz"))}

out = {"res": {}, "dcdft": {}, "mp": {}, "pairs": {}}
for f in ["Sn-Collo.res", "Na15Sn4-OQMD_90363-CollCode105167.res", "NaSn-146907-4243-58.res",
          "NaSn-NaSn2-Baggeto.res", "NaSn-CollCode641294.res", "NaSn-CollCode167672.res", "Na-OQMD_8535-CollCode44758.res"]:
    v, counts = res(f)
    out["res"][f] = {"volume": v, "counts": counts}
for el in ["Au", "Ag", "Pb", "Sb", "Bi", "Zn", "In", "Sn", "Na"]:
    out["dcdft"][el] = dcdft[el]
for mid in ["mp-1052", "mp-30352", "mp-20555", "mp-7956", "mp-27838", "mp-950", "mp-864758"]:
    st = mp[mid]
    c = st.composition
    out["mp"][mid] = {"formula": c.reduced_formula, "volume": st.volume, "counts": {str(e): c[e] for e in c.elements}}

def per_host(volume, counts, host):
    return volume / counts[host], counts["Na"] / counts[host]

def pair(host, v_host, phase_volume, phase_counts):
    v, x = per_host(phase_volume, phase_counts, host)
    dv = v / v_host - 1
    return {"host_volume_per_atom": v_host, "phase_volume_per_host_atom": v, "na_per_host": x,
            "dv_over_v": dv, "dv_over_v_per_na": dv / x}

beta = out["res"]["Sn-Collo.res"]
vsn = beta["volume"] / beta["counts"]["Sn"]
for f, r in out["res"].items():
    if "Na" in r["counts"] and "Sn" in r["counts"]:
        out["pairs"]["Sn->" + f] = pair("Sn", vsn, r["volume"], r["counts"])
for host, mid in [("Au", "mp-1052"), ("Ag", "mp-30352"), ("Pb", "mp-20555"), ("Sb", "mp-7956"),
                  ("Bi", "mp-27838"), ("Zn", "mp-950"), ("In", "mp-864758")]:
    m = out["mp"][mid]
    out["pairs"][host + "->" + mid] = pair(host, dcdft[host], m["volume"], m["counts"])
from importlib.metadata import version
out["pymatgen"] = version("pymatgen")
print(json.dumps(out, indent=1, sort_keys=True))
