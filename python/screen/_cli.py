"""Finding the `screen` binary, turning keyword arguments into its options, running it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Mapping, Sequence

__all__ = ["ScreenError", "ScreenNotFound", "ScreenTimeout", "find_binary", "run_json"]


class ScreenNotFound(FileNotFoundError):
    """No `screen` binary in any of the places searched (listed in the message and in `.tried`)."""

    def __init__(self, tried: Sequence[str]):
        self.tried = list(tried)
        super().__init__(
            "no screen binary found; tried, in order:\n"
            + "\n".join(f"  {i}. {place}" for i, place in enumerate(self.tried, 1))
            + "\nbuild it with `swift build -c release --product screen` or set SCREEN_BIN"
        )


class ScreenError(RuntimeError):
    """`screen` exited with a non-zero status.

    `exit_code` is the status, `message` the tool's error line(s) without the ``error:`` prefix
    (e.g. ``Descriptors/measurements/x.csv:12: value: not a number``), `stderr` everything it
    printed on standard error, and `argv` the command that was run.
    """

    def __init__(self, argv: Sequence[str], exit_code: int | None, stderr: str, message: str | None = None):
        self.argv = list(argv)
        self.exit_code = exit_code
        self.stderr = stderr
        self.message = message if message is not None else _error_message(stderr)
        super().__init__(f"screen exited with status {exit_code}: {self.message}")


class ScreenTimeout(ScreenError):
    """`screen` ran longer than `timeout` seconds and was killed (`exit_code` is None)."""


def _error_message(stderr: str) -> str:
    """The tool's error lines: everything but its notes and warnings, without the ``error:`` prefix.
    A rejected input prints one ``file:line: field: reason`` line per problem before its summary."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    kept = [line[len("error:"):].strip() if line.startswith("error:") else line
            for line in lines if not line.startswith(("note:", "warning:"))]
    return "\n".join(kept) if kept else (lines[-1] if lines else "(no message on standard error)")


def _repository_root() -> Path | None:
    """The repository this package was imported from, when it is a source checkout (an editable
    install or ``PYTHONPATH=python``): the folder two levels above this package that holds Package.swift."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "Package.swift").is_file() else None


def find_binary() -> str:
    """The `screen` executable: $SCREEN_BIN, else `screen` on PATH, else ./.build/release/screen
    (relative to the current directory, then to the source checkout the package was imported from)."""
    tried: list[str] = []
    env = os.environ.get("SCREEN_BIN")
    if env:
        path = Path(env).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        tried.append(f"$SCREEN_BIN={env} (not an executable file)")
    else:
        tried.append("$SCREEN_BIN (not set)")
    on_path = shutil.which("screen")
    if on_path:
        return on_path
    tried.append("`screen` on $PATH (none)")
    candidates = [Path.cwd() / ".build" / "release" / "screen"]
    root = _repository_root()
    if root is not None and root.resolve() != Path.cwd().resolve():
        candidates.append(root / ".build" / "release" / "screen")
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    tried.append(" and ".join(str(p) for p in candidates) + " (not found)")
    raise ScreenNotFound(tried)


# ---- options -------------------------------------------------------------------------------

# How a keyword argument becomes command-line options:
#   value  --name VALUE               (str(), floats with repr() so nothing is rounded)
#   flag   --name when true           (nothing when false or None)
#   list   --name a,b,c               (a string is passed as it is)
#   repeat --name a --name b          (a mapping {k: v} becomes k=v items; for `interval`,
#                                      a (low, high) pair becomes k=low:high)
VALUE, FLAG, LIST, REPEAT = "value", "flag", "list", "repeat"

SCOPE = {
    "contains": LIST, "elements": LIST, "exclude": LIST,
    "min_elements": VALUE, "max_elements": VALUE, "polymorphs": VALUE, "join": VALUE,
}
DATABASE = {"db": VALUE, "from_": VALUE}
RANKING = {
    "profile": VALUE, "category": LIST, "matrix": VALUE, "weights": LIST, "types": LIST,
    "method": VALUE, "normalization": VALUE, "param": REPEAT,
}

OPTIONS: dict[str, dict[str, str]] = {
    "rank": {**SCOPE, **DATABASE, **RANKING, "top": VALUE},
    "smaa": {
        **SCOPE, **DATABASE, **RANKING,
        "samples": VALUE, "seed": VALUE, "threads": VALUE, "weight_model": VALUE,
        "concentration": VALUE, "interval": REPEAT, "order": REPEAT, "fixed_values": FLAG,
        "weight_samples": VALUE, "value_samples": VALUE, "ranks": VALUE, "top": VALUE,
    },
    "sweep": {**SCOPE, **DATABASE, **RANKING, "top": VALUE, "tolerance": VALUE},
    "sobol": {
        **SCOPE, **DATABASE, **RANKING,
        "spread": VALUE, "samples": VALUE, "bootstrap": VALUE, "seed": VALUE,
        "candidates": VALUE, "values": FLAG,
    },
    "stability": {**SCOPE, **DATABASE, "formula": LIST, "open": VALUE},
    "export": {**DATABASE},
    "build": {**DATABASE, "discard_imports": FLAG},
    "import": {**DATABASE, "mapping": VALUE, "elements": VALUE},
}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return str(value)


def _option_name(keyword: str) -> str:
    return "--" + keyword.rstrip("_").replace("_", "-")


def options_to_argv(command: str, options: Mapping[str, Any]) -> list[str]:
    """The command-line options for `options` (keyword → value), checked against `command`'s table."""
    table = OPTIONS[command]
    argv: list[str] = []
    for keyword, value in options.items():
        if keyword not in table:
            known = ", ".join(sorted(table))
            raise TypeError(f"{command}() got an unexpected keyword argument {keyword!r} (options: {known})")
        if value is None:
            continue
        kind, name = table[keyword], _option_name(keyword)
        if kind == FLAG:
            if value:
                argv.append(name)
        elif kind == VALUE:
            argv += _pair(name, _text(value))
        elif kind == LIST:
            if isinstance(value, (str, os.PathLike)):
                argv += _pair(name, _text(value))
            else:
                argv += _pair(name, ",".join(_text(v) for v in value))
        else:  # REPEAT
            if isinstance(value, Mapping):
                items = []
                for key, item in value.items():
                    if keyword == "interval" and isinstance(item, (tuple, list)):
                        low, high = item
                        items.append(f"{key}={_text(low)}:{_text(high)}")
                    else:
                        items.append(f"{key}={_text(item)}")
            elif isinstance(value, str):
                items = [value]
            else:
                items = [_text(v) for v in value]
            for item in items:
                argv += _pair(name, item)
    return argv


def _pair(name: str, value: str) -> list[str]:
    """`--name value`, or `--name=value` when the value starts with a dash (`types=[-1, 1]`,
    a negative number), which the parser would otherwise take for an option."""
    return [f"{name}={value}"] if value.startswith("-") else [name, value]


def run(argv: Sequence[str], *, timeout: float | None = None, text: bool = True) -> subprocess.CompletedProcess:
    """Run `screen argv...` (no shell), raising ScreenError on a non-zero exit. With text=False
    standard output stays bytes (standard error is always decoded)."""
    full = [find_binary(), *argv]
    try:
        done = subprocess.run(full, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as expired:
        stderr = expired.stderr or ""
        if isinstance(stderr, bytes):
            stderr = stderr.decode(errors="replace")
        raise ScreenTimeout(full, None, stderr, f"killed after {timeout} s (timeout)") from None
    done.stderr = done.stderr.decode(errors="replace")
    if text:
        done.stdout = done.stdout.decode()
    if done.returncode != 0:
        raise ScreenError(full, done.returncode, done.stderr)
    return done


def run_json(argv: Sequence[str], *, timeout: float | None = None) -> tuple[Any, subprocess.CompletedProcess]:
    """Run `screen argv... --format json` and parse its standard output."""
    done = run([*argv, "--format", "json"], timeout=timeout)
    try:
        return json.loads(done.stdout), done
    except json.JSONDecodeError as error:
        raise ScreenError(done.args, done.returncode, done.stderr,
                          f"output is not JSON ({error}); first bytes: {done.stdout[:200]!r}") from None
