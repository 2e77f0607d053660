#!/usr/bin/env bash
# CI: a short fuzz pass (issue 13): build the libFuzzer harness (release, AddressSanitizer) and
# fuzz every target for 30 s from its seed corpus and the kept regression inputs; fails on any
# crash, sanitizer report, leak, timeout (> 10 s per input) or out-of-memory (> 2048 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
make deps
FUZZ_OUT="${FUZZ_OUT:-$(mktemp -d)}" FUZZ_JOBS="${FUZZ_JOBS:-1}" Fuzz/run.sh "${FUZZ_SECONDS:-30}"
