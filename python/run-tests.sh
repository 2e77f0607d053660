#!/usr/bin/env bash
# Tests of the Python module (python/) in a throwaway virtual environment outside the repository.
#   python/run-tests.sh [BINARY]     BINARY defaults to .build/release/screen of the repository root
# Needs python3 with venv and ensurepip (Debian: python3-venv) and PyPI (pandas, pytest).
# Writes nothing into the repository: the venv, pytest's temporary databases and the copy pip builds
# from are in a temporary folder, removed on exit; no __pycache__, no .pytest_cache.
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."
repo=$PWD
if [ $# -gt 0 ]; then  # a relative BINARY is relative to where the script was called from
	case $1 in /*) binary=$1 ;; *) binary=$caller/$1 ;; esac
else
	binary=$repo/.build/release/screen
fi
if [ ! -x "$binary" ]; then
	echo "run-tests.sh: no executable screen at $binary (build it: swift build -c release --product screen)" >&2
	exit 1
fi
python=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/screen-python-tests.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1

echo "== creating a virtual environment in $work/venv ($($python --version))"
"$python" -m venv "$work/venv"
echo "== pip install ./python pytest (from a copy in $work, so that no build/ or *.egg-info appears in python/)"
cp -r "$repo/python" "$work/src"
rm -rf "$work/src/build" "$work/src"/*.egg-info
"$work/venv/bin/pip" install --quiet "$work/src" pytest
"$work/venv/bin/python" -c 'import screen, pandas; print("installed screen", screen.__version__, "from", screen.__file__, "with pandas", pandas.__version__)'
echo "== pytest with SCREEN_BIN=$binary"
cd "$work"
SCREEN_BIN=$binary "$work/venv/bin/python" -m pytest -p no:cacheprovider --basetemp="$work/pytest" \
	"$repo/python/tests" -v
