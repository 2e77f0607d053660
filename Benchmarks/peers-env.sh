# Sourced by the benchmark scripts: the screen binary to time and the peers' throwaway virtual
# environment, outside the repository (the project itself never depends on Python).
#
#   source Benchmarks/peers-env.sh
#   need_screen                         # exits with advice when $SCREEN is not built
#   need_peers "numpy, numba" numpy numba   # modules to import, then the pip packages that give them
#
# Sets SCREEN (default .build/release/screen), PEERS_ENV (default ${TMPDIR:-/tmp}/screen-peers-env),
# PY (the environment's python) and WORK (a temporary folder removed on exit).
SCREEN=${SCREEN:-.build/release/screen}
PEERS_ENV=${PEERS_ENV:-${TMPDIR:-/tmp}/screen-peers-env}
PY="$PEERS_ENV/bin/python"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

need_screen() {
    if [ ! -x "$SCREEN" ]; then
        echo "no $SCREEN: build it first (swift build -c release --product screen)" >&2
        exit 1
    fi
}

# need_peers "MODULES" PACKAGE…: creates the environment and installs the packages unless the
# modules import already.
need_peers() {
    local modules=$1
    shift
    if [ ! -x "$PY" ] || ! "$PY" -c "import $modules" 2>/dev/null; then
        echo "installing $* into $PEERS_ENV"
        python3 -m venv "$PEERS_ENV"
        "$PEERS_ENV/bin/pip" install -q "$@"
    fi
}
