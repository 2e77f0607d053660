"""pandas DataFrames from the `screen` command-line tool (ranking of protective layers for sodium
metal anodes).

Every function runs the `screen` binary with ``--format json`` (``measurements`` and
``performance``: ``db export --format csv``) and returns a DataFrame. Keyword
arguments map 1:1 to the command's options: ``min_elements=2`` → ``--min-elements 2``,
``fixed_values=True`` → ``--fixed-values``, lists are comma-joined (``contains=["Na", "F"]`` →
``--contains Na,F``) except the repeatable options ``param``, ``interval`` and ``order``, which are
repeated (``param={"v": 0.3}`` → ``--param v=0.3``; ``interval={"shear modulus": (0.1, 0.5)}`` →
``--interval "shear modulus=0.1:0.5"``). ``from_`` is ``--from``. ``None`` leaves an option out, so
the command's own default applies. ``timeout`` (seconds) is not an option of the command.

The binary: $SCREEN_BIN, else ``screen`` on $PATH, else ``.build/release/screen`` relative to the
current directory (and to the source checkout, for an editable install); else ScreenNotFound.

The candidate id is the column ``id`` in every table (the CLI calls it ``candidate_id`` in the
database exports, as the SQLite tables do, and ``entry`` in ``stability``). Metadata of the run (method, weights, warnings,
…) is in ``df.attrs``; secondary tables are DataFrames in ``df.attrs["tables"]``; the command line
that was run is ``df.attrs["argv"]`` and what it printed on standard error ``df.attrs["stderr"]``.
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Sequence

import pandas as pd

from . import _frames
from ._cli import ScreenError, ScreenNotFound, ScreenTimeout, find_binary, options_to_argv, run, run_json
from ._frames import Tables

__all__ = [
    "rank", "smaa", "sweep", "sobol", "stability", "measurements", "performance",
    "build_db", "import_db", "find_binary", "ScreenError", "ScreenNotFound", "ScreenTimeout", "Tables",
]
__version__ = "0.1.0"

Path = str | os.PathLike
Names = str | Sequence[str]


def _options(local: dict[str, Any], extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    options = {k: v for k, v in local.items() if k != "timeout"}
    if extra:
        options.update(extra)
    return options


def _result(command: str, argv: list[str], options: dict, timeout: float | None, convert) -> pd.DataFrame:
    full = argv + options_to_argv(command, options)
    data, done = run_json(full, timeout=timeout)
    main, meta, tables = convert(data)
    return _frames.finish(main, meta, tables, done.args, done.stderr)


def rank(*, profile: Path | None = None, category: Names | None = None, matrix: Path | None = None,
         weights: str | Sequence[float] | None = None, types: Names | None = None,
         db: Path | None = None, from_: Path | None = None, method: str | None = None,
         normalization: str | None = None, param: Mapping[str, Any] | Sequence[str] | None = None,
         contains: Names | None = None, elements: Names | None = None, exclude: Names | None = None,
         min_elements: int | None = None, max_elements: int | None = None, polymorphs: str | None = None,
         join: str | None = None, top: int | None = None, timeout: float | None = None) -> pd.DataFrame:
    """``screen rank``: one row per ranked candidate, best first (the first ``top`` only, when given).

    Columns: id, name, formula, category (profile mode), rank, score, coverage, and one column per
    criterion (its label) with the candidate's value in the criterion's unit (NaN when unknown).
    ``df.attrs``: profile, method, normalization, higher_is_better, scope, weights, warnings, notices.
    ``df.attrs["tables"]``: ``values`` (long: id, criterion, value, matrix_value, normalized,
    contribution, provenance, unknown, scored_as, plausible_low/high, sources), ``criteria``
    (label, weight, source, goal, unit, …), ``excluded`` (id, criterion, reason).
    """
    return _result("rank", ["rank"], _options(locals()), timeout, _frames.rank_frames)


def smaa(*, profile: Path | None = None, category: Names | None = None, matrix: Path | None = None,
         weights: str | Sequence[float] | None = None, types: Names | None = None,
         db: Path | None = None, from_: Path | None = None, method: str | None = None,
         normalization: str | None = None, param: Mapping[str, Any] | Sequence[str] | None = None,
         samples: int | None = None, seed: int | None = None, threads: int | None = None,
         weight_model: str | None = None, concentration: float | None = None,
         interval: Mapping[str, Any] | Sequence[str] | None = None, order: Sequence[str] | str | None = None,
         fixed_values: bool = False, weight_samples: Path | None = None, value_samples: Path | None = None,
         ranks: int | None = None, top: int | None = None,
         contains: Names | None = None, elements: Names | None = None, exclude: Names | None = None,
         min_elements: int | None = None, max_elements: int | None = None, polymorphs: str | None = None,
         join: str | None = None, timeout: float | None = None) -> pd.DataFrame:
    """``screen sensitivity smaa``: rank acceptabilities, one row per candidate (the CLI's order;
    ``top=N``: the first N by first-rank acceptability).

    Columns: id, acceptability_1 … acceptability_K (share of samples in which the candidate takes
    that rank; K = top_k, set with ``ranks=K``), confidence (confidence factor), mean_rank, median_rank, rank_p05, rank_p95.
    ``df.attrs["tables"]``: ``central_weights`` (id + one column per criterion) and
    ``pairwise_winning`` (square, index id = the winner, columns = the one it beats; NaN diagonal).
    ``df.attrs``: method, samples, seed, weight_model, top_k, rank_resolution, tied_samples,
    weight_acceptance_rate, notes.
    """
    return _result("smaa", ["sensitivity", "smaa"], _options(locals()), timeout, _frames.smaa_frames)


def sweep(*, profile: Path | None = None, category: Names | None = None, matrix: Path | None = None,
          weights: str | Sequence[float] | None = None, types: Names | None = None,
          db: Path | None = None, from_: Path | None = None, method: str | None = None,
          normalization: str | None = None, param: Mapping[str, Any] | Sequence[str] | None = None,
          top: int | None = None, tolerance: float | None = None,
          contains: Names | None = None, elements: Names | None = None, exclude: Names | None = None,
          min_elements: int | None = None, max_elements: int | None = None, polymorphs: str | None = None,
          join: str | None = None, timeout: float | None = None) -> pd.DataFrame:
    """``screen sensitivity sweep``: one row per criterion.

    Columns: criterion, base_weight, stable_low, stable_high (the weights between which the
    leading ``top`` positions stay as they are), reversals (how many changes over 0…1).
    ``df.attrs["tables"]``: ``reversals`` (criterion, weight, position, rising, overtaken — the
    exact weights at which the top changes) and ``segments`` (long: criterion, from, to, position,
    id — who holds each leading position between two reversals).
    ``df.attrs``: method, exact, tolerance, top_k, base_top.
    """
    return _result("sweep", ["sensitivity", "sweep"], _options(locals()), timeout, _frames.sweep_frames)


def sobol(*, profile: Path | None = None, category: Names | None = None, matrix: Path | None = None,
          weights: str | Sequence[float] | None = None, types: Names | None = None,
          db: Path | None = None, from_: Path | None = None, method: str | None = None,
          normalization: str | None = None, param: Mapping[str, Any] | Sequence[str] | None = None,
          spread: float | None = None, samples: int | None = None, bootstrap: int | None = None,
          seed: int | None = None, candidates: int | None = None, values: bool = False,
          contains: Names | None = None, elements: Names | None = None, exclude: Names | None = None,
          min_elements: int | None = None, max_elements: int | None = None, polymorphs: str | None = None,
          join: str | None = None, timeout: float | None = None) -> pd.DataFrame:
    """``screen sensitivity sobol``: Sobol' indices, one row per (output, input).

    Columns: id (the candidate whose score or rank is the output), output ("score" or "rank"),
    input (the CLI's name), input_kind ("weight" or "value"), input_id (the candidate of a value
    input), criterion, first, first_low, first_high, first_conf, total, total_low, total_high,
    total_conf (indices with their bootstrap intervals and half-widths).
    ``df.attrs["tables"]``: ``outputs`` (output, kind, id, mean, variance, constant) and ``inputs``.
    ``df.attrs``: method, base_samples, model_evaluations, bootstrap, confidence, interval, seed.
    """
    return _result("sobol", ["sensitivity", "sobol"], _options(locals()), timeout, _frames.sobol_frames)


def stability(*, formula: Names | None = None, open: str | None = None,  # noqa: A002 (the CLI's name)
              db: Path | None = None, from_: Path | None = None,
              contains: Names | None = None, elements: Names | None = None, exclude: Names | None = None,
              min_elements: int | None = None, max_elements: int | None = None, polymorphs: str | None = None,
              join: str | None = None, timeout: float | None = None) -> pd.DataFrame:
    """``screen stability``: one row per composition (needs the formation energies imported).

    Columns: formula, id (the entry on which the composition's energy is based), e_above_hull
    (eV/atom), stable, decomposition ("0.1 NaCl + 0.9 NaClO4"), window_low, window_high (stability
    window vs Na/Na+, V; inf on an unbounded side, NaN when the composition is above its hull),
    products_at_open_element, reduction_onset (V vs Na/Na+ below which the composition, or the phases it
    decomposes into, takes up sodium; 0 when sodium metal does not reduce it),
    reaction_energy_with_open_element (eV/atom of the mixture), reaction_products,
    reaction_mixing_ratio. Products are joined with " + ".
    ``df.attrs["tables"]``: ``decomposition`` (formula, id, product, fraction) and ``profile``
    (formula, id, voltage, evolution, products: the phase evolution with voltage).
    ``df.attrs``: open_element, notes.
    """
    return _result("stability", ["stability"], _options(locals()), timeout, _frames.stability_frames)


def _export(what: str, db: Path | None, from_: Path | None, timeout: float | None) -> pd.DataFrame:
    argv = ["db", "export", "--what", what, "--format", "csv", *options_to_argv("export", {"db": db, "from_": from_})]
    done = run(argv, timeout=timeout, text=False)
    df = _frames.export_frame(done.stdout, what)
    df.attrs["argv"] = done.args
    df.attrs["stderr"] = done.stderr
    return df


def measurements(*, db: Path | None = None, from_: Path | None = None, timeout: float | None = None) -> pd.DataFrame:
    """``screen db export --what measurements --format csv``: every stored value, one row each (``candidate_id`` → ``id``).

    Columns as in the CLI's export (property, value, unit, uncertainty, range_low, range_high,
    qualifier, …, method, kind, conditions, source, location, note, origin); ``kind`` is experiment,
    DFT, computation, derived or unspecified. With the Materials Project
    extracts imported this is several hundred thousand rows.
    """
    return _export("measurements", db, from_, timeout)


def performance(*, db: Path | None = None, from_: Path | None = None, timeout: float | None = None) -> pd.DataFrame:
    """``screen db export --what performance --format csv``: the cell-performance records (``candidate_id`` → ``id``)."""
    return _export("performance", db, from_, timeout)


def build_db(*, db: Path | None = None, from_: Path | None = None, discard_imports: bool = False,
             timeout: float | None = None) -> str:
    """``screen db build``: (re)build the database from the descriptor folder; returns the tool's summary line."""
    options = {"db": db, "from_": from_, "discard_imports": discard_imports}
    return run(["db", "build", *options_to_argv("build", options)], timeout=timeout).stdout.strip()


def import_db(*files: Path, mapping: Path | None = None, elements: Path | None = None, db: Path | None = None,
              from_: Path | None = None, timeout: float | None = None) -> str:
    """``screen db import FILES... [--mapping MAP.yaml]``; returns what the tool printed."""
    argv = ["db", "import", *(os.fspath(f) for f in files),
            *options_to_argv("import", {"mapping": mapping, "elements": elements, "db": db, "from_": from_})]
    return run(argv, timeout=timeout).stdout.strip()
