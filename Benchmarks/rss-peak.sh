#!/usr/bin/env bash
# Peak memory of one command, split as Linux counts it: anonymous memory (what the program
# allocates, `RssAnon`) and file pages mapped into it (`RssFile`: with screen, the database pages
# read through SQLite's memory map, which GNU time's peak RSS also counts). Samples
# /proc/PID/status every 20 ms, so a peak shorter than that can be missed.
#
#   bash Benchmarks/rss-peak.sh .build/release/screen rank --db big.sqlite --profile computed/sodium-compounds
set -euo pipefail
"$@" > /dev/null 2>&1 &
pid=$!
anon=0
file=0
while kill -0 "$pid" 2> /dev/null; do
    if status=$(cat "/proc/$pid/status" 2> /dev/null); then
        a=$(awk '/^RssAnon:/ { print $2 }' <<< "$status")
        f=$(awk '/^RssFile:/ { print $2 }' <<< "$status")
        if [ -n "$a" ] && [ "$a" -gt "$anon" ]; then anon=$a; fi
        if [ -n "$f" ] && [ "$f" -gt "$file" ]; then file=$f; fi
    fi
    sleep 0.02
done
wait "$pid" || { echo "the command failed" >&2; exit 1; }
echo "peak RssAnon $((anon / 1024)) MB, peak RssFile $((file / 1024)) MB"
