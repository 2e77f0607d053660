#!/usr/bin/env bash
# A million computed rows: the import and a profile rank on the database that holds them, as whole
# processes (GNU time: elapsed seconds and peak memory).
#
#   make run && bash Benchmarks/million-rows.sh
#
# 1. Benchmarks/make-million-rows.py writes 1,000,000 synthetic band gaps (deterministic) and their
#    mapping into $WORK (default /tmp/screen-million).
# 2. "fresh": `db build`, then the import of the million rows.
# 3. "big": a copy of the main job's database ($BASE, default .screen/descriptors.sqlite after
#    `make run`: about a million rows of Materials Project data, stability and calibration), then the
#    import of the million rows, then `rank --profile computed/sodium-compounds` on it (the
#    synthetic compounds join the scope; their ranking is the same as on $BASE).
# Prints one line per command; the databases stay in $WORK for a look.
set -euo pipefail
cd "$(dirname "$0")/.."
SCREEN=${SCREEN:-.build/release/screen}
WORK=${WORK:-/tmp/screen-million}
BASE=${BASE:-.screen/descriptors.sqlite}
[ -f "$BASE" ] || { echo "no $BASE: run make run first (or give BASE=...)" >&2; exit 1; }
[ -f "$WORK/synthetic-band-gaps.csv" ] || python3 Benchmarks/make-million-rows.py --out "$WORK"

measure() {
    local name=$1; shift
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/$name.time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || true
    read -r elapsed kb user sys < "$WORK/$name.time"
    printf '%-14s %7.2f s  %6d MB peak  (user %.2f s, sys %.2f s)\n' "$name" "$elapsed" $((kb / 1024)) "$user" "$sys"
}

echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$WORK/fresh.sqlite" "$WORK/big.sqlite"
"$SCREEN" db build --db "$WORK/fresh.sqlite" > /dev/null 2>&1
measure import-fresh "$SCREEN" db import --db "$WORK/fresh.sqlite" "$WORK/synthetic-band-gaps.csv" --mapping "$WORK/synthetic-band-gaps.yaml"
cp "$BASE" "$WORK/big.sqlite"
measure import-big "$SCREEN" db import --db "$WORK/big.sqlite" "$WORK/synthetic-band-gaps.csv" --mapping "$WORK/synthetic-band-gaps.yaml"
measure rank-big "$SCREEN" rank --db "$WORK/big.sqlite" --profile computed/sodium-compounds --format csv
echo "databases: fresh $(du -m "$WORK/fresh.sqlite" | cut -f1) MB, big $(du -m "$WORK/big.sqlite" | cut -f1) MB; rank-big: $(($(wc -l < "$WORK/rank-big.out") - 1)) ranked"
