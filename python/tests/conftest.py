"""Fixtures: the binary, the repository's Descriptors/, and databases built in a temporary folder
(nothing is written into the repository)."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

import screen

REPO = Path(__file__).resolve().parents[2]
DESCRIPTORS = REPO / "Descriptors"


@pytest.fixture(scope="session")
def binary() -> str:
    return screen.find_binary()


@pytest.fixture(scope="session")
def cli(binary):
    """Run the binary directly and parse its JSON with the json module: the independent read."""

    def run(*args: str) -> object:
        done = subprocess.run([binary, *args, "--format", "json"], capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    return run


@pytest.fixture(scope="session")
def db(tmp_path_factory, binary) -> str:
    """The bundled descriptors, built into a temporary database."""
    path = tmp_path_factory.mktemp("db") / "descriptors.sqlite"
    subprocess.run([binary, "db", "build", "--db", str(path), "--from", str(DESCRIPTORS)],
                   check=True, capture_output=True)
    return str(path)


@pytest.fixture(scope="session")
def stability_db(tmp_path_factory, binary) -> str:
    """The bundled descriptors plus the Materials Project formation energies of every composition
    made of Na, F, O, Al, S and Cl alone (complete chemical systems, so their hulls are those of the
    whole file; a fraction of a second instead of a minute). The mapping is the repository's, with
    its sha256 and file: lines taken out (they pin the whole file)."""
    folder = tmp_path_factory.mktemp("stability")
    keep = {"Na", "F", "O", "Al", "S", "Cl"}
    with open(DESCRIPTORS / "computed" / "mp-formation-energies.csv", newline="") as f:
        rows = list(csv.reader(f))
    subset = [rows[0]] + [r for r in rows[1:] if set(re.findall(r"[A-Z][a-z]?", r[0])) <= keep]
    with open(folder / "fe.csv", "w", newline="") as f:
        csv.writer(f).writerows(subset)
    mapping = (DESCRIPTORS / "mappings" / "mp-formation-energies.yaml").read_text()
    mapping = re.sub(r"(?m)^(sha256|file):.*\n", "", mapping)
    (folder / "fe.yaml").write_text(mapping)
    path = folder / "descriptors.sqlite"
    for argv in (["db", "build"], ["db", "import", str(folder / "fe.csv"), "--mapping", str(folder / "fe.yaml")]):
        subprocess.run([binary, *argv, "--db", str(path), "--from", str(DESCRIPTORS)], check=True, capture_output=True)
    return str(path)


@pytest.fixture(scope="session")
def common(db):
    """Options every call gets: the temporary database and the repository's descriptor folder
    (profiles are looked up in Descriptors/profiles/ of --from, not of the current directory)."""
    return {"db": db, "from_": str(DESCRIPTORS)}


@pytest.fixture(scope="session")
def common_args(db):
    return ["--db", db, "--from", str(DESCRIPTORS)]


@pytest.fixture
def no_binary_anywhere(monkeypatch, tmp_path):
    """SCREEN_BIN at nothing, a PATH without screen, a current directory without .build/ and no
    source checkout to fall back on."""
    monkeypatch.setenv("SCREEN_BIN", str(tmp_path / "nowhere" / "screen"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(screen._cli, "_repository_root", lambda: None)
    assert not os.path.exists(tmp_path / ".build")
