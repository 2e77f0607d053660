"""The CLI's JSON as pandas DataFrames."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from typing import Any, Iterable

import pandas as pd


class Tables(Mapping):
    """The secondary tables of a result, by name (read-only mapping of name → DataFrame).

    Stored in ``df.attrs["tables"]``. Equal when the same names hold equal DataFrames, so that
    pandas can compare attrs (``pd.concat`` does) without "truth value of a DataFrame is ambiguous".
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame]):
        self._tables = dict(tables)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._tables[name]

    def __iter__(self):
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tables):
            return NotImplemented
        return self._tables.keys() == other._tables.keys() and all(
            self._tables[k].equals(other._tables[k]) for k in self._tables)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shapes = ", ".join(f"{k!r}: {len(v)}×{v.shape[1]}" for k, v in self._tables.items())
        return f"Tables({{{shapes}}})"


def frame(records: list[dict], columns: Iterable[str], *, floats: Iterable[str] = (),
          ints: Iterable[str] = (), bools: Iterable[str] = ()) -> pd.DataFrame:
    """A DataFrame with exactly `columns` (missing keys → missing values) and declared dtypes.

    The declarations matter: the CLI writes a whole-number double as `0` or `1`, so a float column
    whose values happen to be whole would otherwise come out as int64."""
    columns = list(columns)
    df = pd.DataFrame.from_records(records, columns=columns) if records else pd.DataFrame(columns=columns)
    for name in floats:
        if name in df:
            df[name] = pd.to_numeric(df[name], errors="coerce").astype("float64")
    for name in ints:
        if name in df:
            df[name] = pd.to_numeric(df[name], errors="coerce").astype("Int64")
    for name in bools:
        if name in df:
            df[name] = df[name].astype("boolean")
    return df


def finish(df: pd.DataFrame, meta: Mapping[str, Any], tables: Mapping[str, pd.DataFrame], argv: list[str],
           stderr: str) -> pd.DataFrame:
    df.attrs.update(meta)
    if isinstance(df.attrs.get("seed"), str):  # JSON writes the 64-bit seed as a string
        df.attrs["seed"] = int(df.attrs["seed"])
    df.attrs["tables"] = Tables(tables)
    df.attrs["argv"] = list(argv)
    df.attrs["stderr"] = stderr
    return df


def _joined(items: Iterable[str] | None) -> Any:
    return " + ".join(items) if items else pd.NA if items is None else ""


# ---- rank ----------------------------------------------------------------------------------

RANK_FIELDS = ["id", "name", "formula", "category", "rank", "score", "coverage"]
VALUE_FIELDS = ["value", "matrix_value", "normalized", "contribution", "provenance", "unknown",
                "scored_as", "plausible_low", "plausible_high", "plausible_range", "sources"]


def rank_frames(data: dict) -> tuple[pd.DataFrame, dict, dict]:
    alternatives = data.get("alternatives", [])
    # Criterion columns only where the JSON has values (matrix mode gives none: id, score, rank).
    has_values = any(alt.get("values") for alt in alternatives)
    labels = list(data.get("weights", {})) if has_values else []
    for alt in alternatives:
        for label in alt.get("values", {}):
            if label not in labels:
                labels.append(label)
    fields = [f for f in RANK_FIELDS if any(f in alt for alt in alternatives)] or ["id", "rank", "score"]
    rows, long_rows = [], []
    for alt in alternatives:
        row = {f: alt.get(f) for f in fields}
        for label, cell in alt.get("values", {}).items():
            cell = cell if isinstance(cell, Mapping) else {"value": cell}
            row[_column(label, fields)] = cell.get("value")
            long = {"id": alt.get("id"), "criterion": label}
            long.update({k: cell.get(k) for k in VALUE_FIELDS})
            if isinstance(long["sources"], list):
                long["sources"] = "; ".join(long["sources"])
            long_rows.append(long)
        rows.append(row)
    value_columns = [_column(label, fields) for label in labels]
    main = frame(rows, fields + value_columns, floats=["score", "coverage", *value_columns], ints=["rank"])
    values = frame(long_rows, ["id", "criterion", *VALUE_FIELDS],
                   floats=["value", "matrix_value", "normalized", "contribution", "scored_as",
                           "plausible_low", "plausible_high"], bools=["unknown"])
    if len(values):
        values["unknown"] = values["unknown"].fillna(False)
    weights = data.get("weights", {})
    criteria_records = [dict(c, weight=weights.get(c.get("label"))) for c in data.get("criteria", [])]
    criteria_columns = list(dict.fromkeys(["label", "weight", *(k for c in criteria_records for k in c)]))
    criteria = frame(criteria_records, criteria_columns, floats=["weight", "min", "max"])
    excluded = frame(data.get("excluded", []), ["id", "criterion", "reason"])
    tables = {"values": values, "criteria": criteria, "excluded": excluded}
    meta = {k: v for k, v in data.items() if k not in ("alternatives", "criteria", "excluded")}
    return main, meta, tables


def _column(label: str, taken: list[str]) -> str:
    return f"value: {label}" if label in taken else label


# ---- smaa ----------------------------------------------------------------------------------

def smaa_frames(data: dict) -> tuple[pd.DataFrame, dict, dict]:
    alternatives = data.get("alternatives", [])
    ids = [a["id"] for a in alternatives]
    depth = max((len(a["rank_acceptability"]) for a in alternatives), default=0)
    rank_columns = [f"acceptability_{r}" for r in range(1, depth + 1)]
    per_id = {"confidence": "confidence_factor", "mean_rank": "mean_rank", "median_rank": "median_rank",
              "rank_p05": "rank_p05", "rank_p95": "rank_p95"}
    rows = []
    for a in alternatives:
        row = {"id": a["id"]}
        row.update(zip(rank_columns, a["rank_acceptability"]))
        row.update({column: a.get(key) for column, key in per_id.items()})
        rows.append(row)
    main = frame(rows, ["id", *rank_columns, *per_id], floats=[*rank_columns, "confidence", "mean_rank"],
                 ints=["median_rank", "rank_p05", "rank_p95"])

    criteria = data.get("criteria") or list(dict.fromkeys(
        k for a in alternatives for k in (a.get("central_weights") or {})))
    central_df = frame([{"id": a["id"], **(a.get("central_weights") or {})} for a in alternatives],
                       ["id", *criteria], floats=criteria)
    winning = {a["id"]: a.get("pairwise_winning") or {} for a in alternatives}
    winning_df = pd.DataFrame(
        [[winning[a].get(b) for b in ids] for a in ids], index=pd.Index(ids, name="id"),
        columns=pd.Index(ids, name="over"), dtype="float64")
    tables = {"central_weights": central_df, "pairwise_winning": winning_df}
    meta = {k: v for k, v in data.items() if k != "alternatives"}
    return main, meta, tables


# ---- sweep ---------------------------------------------------------------------------------

def sweep_frames(data: dict) -> tuple[pd.DataFrame, dict, dict]:
    rows, reversals, segments = [], [], []
    for c in data.get("criteria", []):
        stability = c.get("stability") or {}
        rows.append({"criterion": c.get("criterion"), "base_weight": c.get("base_weight"),
                     "stable_low": stability.get("low"), "stable_high": stability.get("high"),
                     "reversals": len(c.get("reversals", []))})
        for r in c.get("reversals", []):
            reversals.append({"criterion": c.get("criterion"), **r})
        for s in c.get("segments", []):
            for position, id_ in enumerate(s.get("top", []), 1):
                segments.append({"criterion": c.get("criterion"), "from": s.get("from"), "to": s.get("to"),
                                 "position": position, "id": id_})
    main = frame(rows, ["criterion", "base_weight", "stable_low", "stable_high", "reversals"],
                 floats=["base_weight", "stable_low", "stable_high"], ints=["reversals"])
    tables = {
        "reversals": frame(reversals, ["criterion", "weight", "position", "rising", "overtaken"],
                           floats=["weight"], ints=["position"]),
        "segments": frame(segments, ["criterion", "from", "to", "position", "id"],
                          floats=["from", "to"], ints=["position"]),
    }
    meta = {k: v for k, v in data.items() if k != "criteria"}
    return main, meta, tables


# ---- sobol ---------------------------------------------------------------------------------

def _input_role(record: Any) -> dict:
    """An input as the columns input, input_kind, input_id, criterion: from the JSON's role fields
    (`name`, `kind`, `id`, `criterion`), or from a bare name as older versions wrote it."""
    if isinstance(record, Mapping):
        return {"input": record.get("name"), "input_kind": record.get("kind", ""),
                "input_id": record.get("id", pd.NA), "criterion": record.get("criterion", pd.NA)}
    if record.startswith("weight: "):
        return {"input": record, "input_kind": "weight", "input_id": pd.NA, "criterion": record[len("weight: "):]}
    return {"input": record, "input_kind": "value", "input_id": pd.NA, "criterion": record}


def sobol_frames(data: dict) -> tuple[pd.DataFrame, dict, dict]:
    inputs = [_input_role(r) for r in data.get("inputs", [])]
    role_of = {r["input"]: r for r in inputs}
    outputs, indices = [], []
    for o in data.get("outputs", []):
        kind, id_ = o.get("kind"), o.get("id")
        if kind is None:  # a bare name, as older versions wrote it: "score: ID"
            kind, _, id_ = o.get("output", "").partition(": ")
        outputs.append({"output": o.get("output"), "kind": kind, "id": id_, "mean": o.get("mean"),
                        "variance": o.get("variance"), "constant": o.get("constant")})
        for i in o.get("indices") or []:
            role = role_of.get(i.get("input")) or _input_role(i.get("input", ""))
            first_ci, total_ci = i.get("first_ci") or [None, None], i.get("total_ci") or [None, None]
            indices.append({
                "id": id_, "output": kind, "input": i.get("input"), "input_kind": role["input_kind"],
                "input_id": role["input_id"], "criterion": role["criterion"],
                "first": i.get("first"), "first_low": first_ci[0], "first_high": first_ci[1],
                "first_conf": i.get("first_conf"),
                "total": i.get("total"), "total_low": total_ci[0], "total_high": total_ci[1],
                "total_conf": i.get("total_conf"),
            })
    numbers = ["first", "first_low", "first_high", "first_conf", "total", "total_low", "total_high", "total_conf"]
    main = frame(indices, ["id", "output", "input", "input_kind", "input_id", "criterion", *numbers],
                 floats=numbers)
    tables = {
        "outputs": frame(outputs, ["output", "kind", "id", "mean", "variance", "constant"],
                         floats=["mean", "variance"], bools=["constant"]),
        "inputs": frame(inputs, ["input", "input_kind", "input_id", "criterion"]),
    }
    meta = {k: v for k, v in data.items() if k not in ("inputs", "outputs")}
    return main, meta, tables


# ---- stability -----------------------------------------------------------------------------

def stability_frames(data: dict) -> tuple[pd.DataFrame, dict, dict]:
    rows, decomposition, profile = [], [], []
    for e in data.get("entries", []):
        window = e.get("window")
        # A null bound inside a window is an unbounded side (the CLI's table prints ∞); no window
        # at all (a composition above its hull) leaves both NaN.
        low, high = (None, None) if window is None else (
            -math.inf if window.get("low") is None else window["low"],
            math.inf if window.get("high") is None else window["high"])
        parts = e.get("decomposition") or []
        rows.append({
            "formula": e.get("formula"), "id": e.get("entry"), "e_above_hull": e.get("e_above_hull"),
            "stable": e.get("stable"),
            "decomposition": " + ".join(f"{_number(p.get('fraction'))} {p.get('formula')}" for p in parts),
            "window_low": low, "window_high": high,
            "products_at_open_element": _joined(e.get("products_at_open_element")),
            "reduction_onset": e.get("reduction_onset"),
            "reaction_energy_with_open_element": e.get("reaction_energy_with_open_element"),
            "reaction_products": _joined(e.get("reaction_products")),
            "reaction_mixing_ratio": e.get("reaction_mixing_ratio"),
        })
        for p in parts:
            decomposition.append({"formula": e.get("formula"), "id": e.get("entry"),
                                  "product": p.get("formula"), "fraction": p.get("fraction")})
        for step in e.get("profile") or []:
            profile.append({"formula": e.get("formula"), "id": e.get("entry"), "voltage": step.get("voltage"),
                            "evolution": step.get("evolution"), "products": _joined(step.get("products"))})
    main = frame(rows, list(rows[0]) if rows else [
        "formula", "id", "e_above_hull", "stable", "decomposition", "window_low", "window_high",
        "products_at_open_element", "reduction_onset", "reaction_energy_with_open_element", "reaction_products",
        "reaction_mixing_ratio"],
        floats=["e_above_hull", "window_low", "window_high", "reduction_onset", "reaction_energy_with_open_element",
                "reaction_mixing_ratio"], bools=["stable"])
    tables = {
        "decomposition": frame(decomposition, ["formula", "id", "product", "fraction"], floats=["fraction"]),
        "profile": frame(profile, ["formula", "id", "voltage", "evolution", "products"],
                         floats=["voltage", "evolution"]),
    }
    meta = {k: v for k, v in data.items() if k != "entries"}
    return main, meta, tables


def _number(x: Any) -> str:
    return "?" if x is None else f"{x:.4g}"


# ---- db export -----------------------------------------------------------------------------

# Read as text, then these columns converted; any other column stays text (str).
EXPORT_TYPES = {
    "measurements": {
        "floats": ["value", "uncertainty", "range_low", "range_high", "value_as_given",
                   "uncertainty_as_given", "range_low_as_given", "range_high_as_given"],
        "ints": [], "bools": ["value_from_range"],
    },
    "performance": {
        "floats": ["current_density_ma_cm2", "capacity_mah_cm2", "coulombic_efficiency_pct",
                   "overpotential_mv", "lifespan_value", "lifespan_hours",
                   "area_specific_resistance_ohm_cm2", "cumulative_capacity_mah_cm2"],
        "ints": ["table"], "bools": ["lifespan_hours_derived", "flagged"],
    },
}


_PANDAS_MAJOR = int(pd.__version__.split(".")[0])


def export_frame(csv_bytes: bytes, what: str) -> pd.DataFrame:
    """The CSV of `screen db export --what WHAT --format csv` (the tidy form; JSON of a database with
    the Materials Project extracts would be several GB as Python objects). The declared number
    columns are parsed by read_csv with round-trip precision (pandas 2's to_numeric and default
    parser are not exact);
    a value that is not a number there is an error, not a silent NaN."""
    header = next(csv.reader([csv_bytes.split(b"\n", 1)[0].decode()]), [])
    types = EXPORT_TYPES[what]
    dtypes = {name: ("float64" if name in types["floats"] else str) for name in header if name not in types["ints"]}
    precision = {"float_precision": "round_trip"} if _PANDAS_MAJOR < 3 else {}  # pandas 3: exact already
    df = pd.read_csv(io.BytesIO(csv_bytes), dtype=dtypes, keep_default_na=False, na_values=[""], **precision)
    for name in types["ints"]:
        if name in df:
            df[name] = pd.to_numeric(df[name]).astype("Int64")
    for name in types["bools"]:
        if name in df:
            df[name] = df[name].map({"true": True, "false": False}).astype("boolean")
    return df.rename(columns={"candidate_id": "id"})
