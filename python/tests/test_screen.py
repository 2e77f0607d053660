"""The module against the real binary on the bundled data; every DataFrame is compared with the
same command's JSON read by the json module."""

from __future__ import annotations

import math
import re
import subprocess

import pandas as pd
import pytest

import screen
from screen._cli import OPTIONS, options_to_argv


def same(a, b) -> bool:
    """Equal values, a missing value on both sides counting as equal."""
    if a is None or (isinstance(a, float) and math.isnan(a)) or a is pd.NA:
        return b is None or (isinstance(b, float) and math.isnan(b)) or b is pd.NA
    return a == b


# ---- rank ----------------------------------------------------------------------------------

def test_rank_sei_matches_the_cli(common, common_args, cli):
    df = screen.rank(profile="sei", **common)
    data = cli("rank", "--profile", "sei", *common_args)
    alternatives = data["alternatives"]
    labels = list(data["weights"])
    assert list(df.columns) == ["id", "name", "formula", "category", "rank", "score", "coverage", *labels]
    assert len(df) == len(alternatives) > 0
    assert df["id"].iloc[0] == alternatives[0]["id"]  # the first-ranked candidate
    assert df["id"].tolist() == [a["id"] for a in alternatives]
    assert df["rank"].tolist() == [a["rank"] for a in alternatives]
    assert df["score"].tolist() == [a["score"] for a in alternatives]
    for label in labels:
        assert all(same(v, a["values"][label]["value"]) for v, a in zip(df[label], alternatives)), label
    assert str(df["rank"].dtype) == "Int64"
    assert all(df[c].dtype == "float64" for c in ["score", "coverage", *labels])
    assert df.attrs["method"] == data["method"] and df.attrs["weights"] == data["weights"]

    tables = df.attrs["tables"]
    assert set(tables) == {"values", "criteria", "excluded"}
    assert len(tables["values"]) == sum(len(a["values"]) for a in alternatives)
    assert tables["criteria"]["label"].tolist() == [c["label"] for c in data["criteria"]]
    assert tables["criteria"]["weight"].tolist() == [data["weights"][c["label"]] for c in data["criteria"]]
    assert tables["excluded"][["id", "criterion", "reason"]].to_dict("records") == data["excluded"]


def test_rank_options_pass_through(common, common_args, cli):
    wsm = screen.rank(profile="sei", method="wsm", **common)
    assert wsm.attrs["method"] == "wsm"
    assert wsm["id"].tolist() == [a["id"] for a in cli("rank", "--profile", "sei", "--method", "wsm", *common_args)["alternatives"]]

    # --param (repeatable; a mapping becomes name=value): VIKOR's v moves the scores as in the CLI.
    low = screen.rank(profile="sei", method="vikor", param={"v": 0.3}, **common)
    high = screen.rank(profile="sei", method="vikor", param=["v=0.7"], **common)
    cli_low = cli("rank", "--profile", "sei", "--method", "vikor", "--param", "v=0.3", *common_args)
    assert low["score"].tolist() == [a["score"] for a in cli_low["alternatives"]]
    assert low["score"].tolist() != high["score"].tolist()

    # Lists are comma-joined: no selenides or tellurides.
    kept = screen.rank(profile="sei", exclude=["Se", "Te"], max_elements=2, **common)
    cli_kept = cli("rank", "--profile", "sei", "--exclude", "Se,Te", "--max-elements", "2", *common_args)
    assert kept["id"].tolist() == [a["id"] for a in cli_kept["alternatives"]]
    assert kept.attrs["scope"]["filter"]["exclude"] == ["Se", "Te"]
    assert not any("Se" in f or "Te" in f for f in kept["formula"])
    assert len(kept) < len(screen.rank(profile="sei", **common))


def test_matrix_mode(tmp_path, common, common_args, cli):
    matrix = tmp_path / "matrix.csv"
    matrix.write_text("id,cost,strength,gap\nA,10,200,3\nB,12,250,4\nC,8,150,5\nD,11,220,2\n")
    df = screen.rank(matrix=matrix, weights=[0.3, 0.4, 0.3], types=[-1, 1, 1], db=common["db"])
    data = cli("rank", "--matrix", str(matrix), "--weights", "0.3,0.4,0.3", "--types=min,max,max", "--db", common["db"])
    assert df["id"].tolist() == [a["id"] for a in data["alternatives"]]
    assert df["score"].tolist() == [a["score"] for a in data["alternatives"]]
    assert list(df.columns) == ["id", "rank", "score"]  # the JSON has no values in matrix mode
    assert df.attrs["weights"] == {"cost": 0.3, "strength": 0.4, "gap": 0.3}
    acc = screen.smaa(matrix=matrix, weights="equal", types=["min", "max", "max"], samples=500, db=common["db"])
    assert sorted(acc["id"]) == ["A", "B", "C", "D"]


def test_results_concatenate(common):
    """Secondary tables live in attrs; pandas compares attrs in concat, which must not fail."""
    a = screen.rank(profile="sei", **common)
    b = screen.rank(profile="sei", **common)
    both = pd.concat([a, b], ignore_index=True)
    assert len(both) == 2 * len(a)
    assert a.attrs["tables"] == b.attrs["tables"]


# ---- smaa ----------------------------------------------------------------------------------

def test_smaa_matches_the_cli_and_takes_samples_and_seed(common, common_args, cli):
    df = screen.smaa(profile="sei", samples=500, seed=7, **common)
    data = cli("sensitivity", "smaa", "--profile", "sei", "--samples", "500", "--seed", "7", *common_args)
    rows = data["alternatives"]
    ids = [row["id"] for row in rows]
    k = data["top_k"]
    columns = [f"acceptability_{r}" for r in range(1, k + 1)]
    assert list(df.columns) == ["id", *columns, "confidence", "mean_rank", "median_rank", "rank_p05", "rank_p95"]
    assert df["id"].tolist() == ids
    assert df[columns].values.tolist() == [row["rank_acceptability"] for row in rows]
    assert df["confidence"].tolist() == [row["confidence_factor"] for row in rows]
    assert df.attrs["samples"] == 500 and df.attrs["seed"] == 7

    central = df.attrs["tables"]["central_weights"]
    assert central["id"].tolist() == ids
    assert central.drop(columns="id").to_dict("records") == [row["central_weights"] for row in rows]
    winning = df.attrs["tables"]["pairwise_winning"]
    assert winning.shape == (len(ids), len(ids))
    a, b = ids[0], ids[1]
    assert winning.loc[a, b] == rows[0]["pairwise_winning"][b]

    again = screen.smaa(profile="sei", samples=500, seed=7, **common)
    assert again.equals(df)  # same seed, same output
    other = screen.smaa(profile="sei", samples=500, seed=8, **common)
    assert not other[columns].equals(df[columns])
    top = screen.smaa(profile="sei", samples=500, seed=7, ranks=3, fixed_values=True, **common)
    assert [c for c in top.columns if c.startswith("acceptability_")] == columns[:3]
    assert "values fixed" in top.attrs["weight_model"]
    first = screen.smaa(profile="sei", samples=500, seed=7, top=2, **common)
    assert first["id"].tolist() == ids[:2] and first.equals(df.head(2))


# ---- sweep ---------------------------------------------------------------------------------

def test_sweep_matches_the_cli(common, common_args, cli):
    df = screen.sweep(profile="sei", method="wsm", top=2, **common)
    data = cli("sensitivity", "sweep", "--profile", "sei", "--method", "wsm", "--top", "2", *common_args)
    assert list(df.columns) == ["criterion", "base_weight", "stable_low", "stable_high", "reversals"]
    assert df["criterion"].tolist() == [c["criterion"] for c in data["criteria"]]
    assert df["stable_low"].tolist() == [c["stability"]["low"] for c in data["criteria"]]
    assert df.attrs["top_k"] == 2 and df.attrs["exact"] is True and df.attrs["base_top"] == data["base_top"]
    reversals = df.attrs["tables"]["reversals"]
    assert len(reversals) == sum(len(c["reversals"]) for c in data["criteria"]) == df["reversals"].sum()
    segments = df.attrs["tables"]["segments"]
    assert len(segments) == sum(len(s["top"]) for c in data["criteria"] for s in c["segments"])
    assert set(segments["position"]) <= {1, 2}


# ---- sobol ---------------------------------------------------------------------------------

def test_sobol_matches_the_cli(common, common_args, cli):
    options = dict(samples=64, bootstrap=20, candidates=2, seed=3)
    df = screen.sobol(profile="sei", values=True, **options, **common)
    data = cli("sensitivity", "sobol", "--profile", "sei", "--values", "--samples", "64", "--bootstrap", "20",
               "--candidates", "2", "--seed", "3", *common_args)
    assert list(df.columns) == ["id", "output", "input", "input_kind", "input_id", "criterion", "first",
                                "first_low", "first_high", "first_conf", "total", "total_low", "total_high",
                                "total_conf"]
    indices = [i for o in data["outputs"] for i in (o["indices"] or [])]
    assert len(df) == len(indices)
    assert df["input"].tolist() == [i["input"] for i in indices]
    assert df["total"].tolist() == [i["total"] for i in indices]
    assert df["first_low"].tolist() == [i["first_ci"][0] for i in indices]
    assert df.attrs["base_samples"] == 64 and df.attrs["bootstrap"] == 20
    outputs = df.attrs["tables"]["outputs"]
    assert len(outputs) == len(data["outputs"]) == 4  # score and rank of 2 candidates
    assert set(df["output"]) == {"score", "rank"}
    assert set(df["input_kind"]) == {"weight", "value"}  # --values adds the candidates' values
    assert set(df.loc[df["input_kind"] == "value", "input_id"]) <= set(outputs["id"])
    # The roles come from the JSON's fields, never from parsing names.
    roles = {r["name"]: r for r in data["inputs"]}
    assert df["input_kind"].tolist() == [roles[i["input"]]["kind"] for i in indices]
    assert df["criterion"].tolist() == [roles[i["input"]]["criterion"] for i in indices]
    assert outputs["kind"].tolist() == [o["kind"] for o in data["outputs"]]
    assert outputs["id"].tolist() == [o["id"] for o in data["outputs"]]


# ---- stability -----------------------------------------------------------------------------

def test_stability_matches_the_cli(stability_db, cli):
    formulas = ["NaF", "Na2O", "Al2O3", "Na2SO4", "NaClO3"]
    df = screen.stability(formula=formulas, db=stability_db)
    data = cli("stability", "--formula", ",".join(formulas), "--db", stability_db)
    entries = data["entries"]
    assert df["formula"].tolist() == [e["formula"] for e in entries] == formulas
    assert df["id"].tolist() == [e["entry"] for e in entries]
    assert df["e_above_hull"].tolist() == [float(e["e_above_hull"]) for e in entries]
    assert df["e_above_hull"].dtype == "float64"  # even when every value is printed as 0
    assert df["stable"].tolist() == [e["stable"] for e in entries]
    for v, e in zip(df["window_high"], entries):
        expected = None if e["window"] is None else math.inf if e["window"]["high"] is None else e["window"]["high"]
        assert same(v, expected), e["formula"]
    assert df.set_index("formula").loc["Al2O3", "window_high"] == math.inf  # null in the JSON, ∞ in the table
    row = df.set_index("formula").loc["NaClO3"]
    assert not row["stable"] and row["e_above_hull"] > 0 and "NaClO4" in row["decomposition"]
    assert df["reduction_onset"].tolist() == [float(e["reduction_onset"]) for e in entries]
    # Sodium metal leaves NaF and Na2O alone and reduces the others (Al2O3 below its window's low end).
    assert df.set_index("formula")["reduction_onset"].gt(0).tolist() == [False, False, True, True, True]
    assert df.set_index("formula").loc["Al2O3", "reduction_onset"] == df.set_index("formula").loc["Al2O3", "window_low"]
    profile = df.attrs["tables"]["profile"]
    assert len(profile) == sum(len(e["profile"]) for e in entries)
    assert df.attrs["open_element"] == "Na"


def test_stability_of_many_compositions(stability_db, cli):
    df = screen.stability(contains=["Na", "F"], max_elements=2, db=stability_db)
    data = cli("stability", "--contains", "Na,F", "--max-elements", "2", "--db", stability_db)
    assert len(df) == len(data["entries"]) > 0
    assert set(df["formula"]) == {e["formula"] for e in data["entries"]}


# ---- db export -----------------------------------------------------------------------------

@pytest.mark.parametrize("function,what", [(screen.measurements, "measurements"), (screen.performance, "performance")])
def test_exports_match_the_cli_json(function, what, common, common_args, cli):
    df = function(**common)
    records = cli("db", "export", "--what", what, *common_args)
    assert len(df) == len(records) > 0
    assert df.columns[0] in ("id", "table")
    assert "candidate_id" not in df.columns and "id" in df.columns
    columns = [("id" if k == "candidate_id" else k) for k in records[0]]
    assert list(df.columns) == columns
    assert df["id"].tolist() == [r["candidate_id"] for r in records]
    for column, key in zip(columns, records[0]):
        if df[column].dtype == "float64" or str(df[column].dtype) in ("boolean", "Int64"):
            assert all(same(v, r[key]) for v, r in zip(df[column].astype(object), records)), column
        else:  # text: the JSON's string (CSV cannot tell an empty string from a missing one)
            assert all(same(v, r[key] if r[key] != "" else None) for v, r in zip(df[column].astype(object), records)), column


# ---- errors and the binary -----------------------------------------------------------------

def test_a_bad_profile_raises_screen_error_with_the_message(common, tmp_path):
    bad = tmp_path / "missing-profile.yaml"
    with pytest.raises(screen.ScreenError) as raised:
        screen.rank(profile=str(bad), **common)
    error = raised.value
    assert error.exit_code != 0
    # (the tool names the file relative to the current directory)
    assert bad.name in error.message and "profile" in error.message
    assert bad.name in str(error) and bad.name in error.stderr
    assert error.argv[1:3] == ["rank", "--profile"]


def test_a_bad_profile_file_names_file_and_line(common, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: broken\ncriteria:\n  - {label: x, source: band_gap, goal: sideways}\n")
    with pytest.raises(screen.ScreenError) as raised:
        screen.rank(profile=str(bad), **common)
    message = raised.value.message
    assert f"{bad.name}:3: source: unknown key" in message  # file:line: field: reason, as the tool prints it
    assert "nothing was written" in message.splitlines()[-1]


def test_screen_not_found_names_the_three_places(no_binary_anywhere, tmp_path):
    with pytest.raises(screen.ScreenNotFound) as raised:
        screen.rank(profile="sei")
    message = str(raised.value)
    assert "SCREEN_BIN" in message and "PATH" in message and ".build/release/screen" in message
    assert len(raised.value.tried) == 3


def test_screen_bin_then_path_then_build(monkeypatch, tmp_path, binary):
    monkeypatch.setattr(screen._cli, "_repository_root", lambda: None)
    monkeypatch.setenv("SCREEN_BIN", binary)
    assert screen.find_binary() == binary
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "screen").symlink_to(binary)
    monkeypatch.delenv("SCREEN_BIN")
    monkeypatch.setenv("PATH", str(bin_dir))
    assert screen.find_binary() == str(bin_dir / "screen")
    build = tmp_path / "checkout" / ".build" / "release"
    build.mkdir(parents=True)
    (build / "screen").symlink_to(binary)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.chdir(tmp_path / "checkout")
    assert screen.find_binary() == str(build / "screen")


def test_build_db_and_import_db(tmp_path):
    from conftest import DESCRIPTORS
    db = tmp_path / "db.sqlite"
    summary = screen.build_db(db=db, from_=DESCRIPTORS)
    assert db.exists() and "candidates" in summary
    csv = tmp_path / "extra.csv"
    csv.write_text("id,name,formula,category,note\nNaZZ-test,NaF test,NaF,sei_inorganic,a test row\n")
    screen.import_db(csv, db=db, from_=DESCRIPTORS)
    ranked = screen.rank(profile="sei", db=db, from_=DESCRIPTORS, category="sei_inorganic")
    assert len(ranked) > 0
    with pytest.raises(screen.ScreenError) as raised:
        screen.import_db(tmp_path / "absent.csv", db=db, from_=DESCRIPTORS)
    assert "absent.csv" in raised.value.message


def test_timeout_kills_and_raises(common):
    with pytest.raises(screen.ScreenTimeout) as raised:
        screen.smaa(profile="sei", samples=1_000_000, timeout=0.05, **common)
    assert raised.value.exit_code is None


def test_unknown_keyword_is_a_type_error(common):
    with pytest.raises(TypeError):
        screen.rank(profile="sei", format="csv", **common)


# ---- the option tables against the binary's --help ------------------------------------------

HELP = {
    "rank": ["rank"], "smaa": ["sensitivity", "smaa"], "sweep": ["sensitivity", "sweep"],
    "sobol": ["sensitivity", "sobol"], "stability": ["stability"], "export": ["db", "export"],
    "build": ["db", "build"], "import": ["db", "import"],
}
HANDLED = {"--format", "--version", "--help", "--what", "--out"}  # set by the module, or not options
# Partial results of a sharded run and their merge are the command line's cluster workflow (a
# Slurm job array, then `screen merge`); the module returns finished results as DataFrames.
HANDLED |= {"--shard", "--merge"}


@pytest.mark.parametrize("command", sorted(HELP))
def test_every_option_of_the_cli_has_a_keyword(command, binary):
    text = subprocess.run([binary, *HELP[command], "--help"], capture_output=True, text=True, check=True).stdout
    cli_options = set(re.findall(r"^\s+(--[a-z][a-z0-9-]*)", text, re.M)) - HANDLED
    module_options = {"--" + k.rstrip("_").replace("_", "-") for k in OPTIONS[command]}
    assert module_options == cli_options


@pytest.mark.parametrize("function,command", [(screen.rank, "rank"), (screen.smaa, "smaa"), (screen.sweep, "sweep"),
                                              (screen.sobol, "sobol"), (screen.stability, "stability"),
                                              (screen.build_db, "build"), (screen.import_db, "import")])
def test_every_keyword_of_a_function_is_an_option(function, command):
    import inspect
    parameters = inspect.signature(function).parameters.values()
    keywords = {p.name for p in parameters if p.kind == p.KEYWORD_ONLY} - {"timeout"}
    assert keywords == set(OPTIONS[command])


def test_options_to_argv():
    assert options_to_argv("smaa", {
        "profile": "sei", "samples": 100, "concentration": 12.5, "fixed_values": True, "threads": None,
        "contains": ["Na", "F"], "param": {"v": 0.3}, "interval": {"shear modulus": (0.1, 0.5)},
        "order": ["a>=b", "b>=c"], "weights": [0.5, 0.25, 0.25], "from_": "Descriptors",
    }) == [
        "--profile", "sei", "--samples", "100", "--concentration", "12.5", "--fixed-values",
        "--contains", "Na,F", "--param", "v=0.3", "--interval", "shear modulus=0.1:0.5",
        "--order", "a>=b", "--order", "b>=c", "--weights", "0.5,0.25,0.25", "--from", "Descriptors",
    ]
    assert options_to_argv("smaa", {"fixed_values": False, "weights": "entropy"}) == ["--weights", "entropy"]
    assert options_to_argv("rank", {"types": [-1, 1], "param": ["x=1"]}) == ["--types=-1,1", "--param", "x=1"]
