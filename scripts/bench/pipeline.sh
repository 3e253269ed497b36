#!/usr/bin/env bash
# Whole-pipeline wall time and peak memory of the release binary on generated
# inventories. Prints one Markdown table row per (size, command).
#
#   scripts/bench/pipeline.sh                      # 30, 300, 3000, 30000 meetings
#   SIZES="300 100000" COMMANDS="validate" scripts/bench/pipeline.sh
#   SIZES=30000 COMMANDS="report-estimated connectivity-estimated" scripts/bench/pipeline.sh
#
# Inventories: `kaigi generate --meetings N --agencies A --seed 20250607`, with
# A = N clamped to the generator's 50..5000. They are written once under
# target/bench-inventories/ and reused. Each command runs once under
# `/usr/bin/time -v` (installed with apt-get when missing); the report goes to a fresh
# temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-"30 300 3000 30000"}
COMMANDS=${COMMANDS:-"report connectivity overlap propose"}
SEED=20250607
DATA=target/bench-inventories

if [[ ! -x /usr/bin/time ]]; then
    echo "pipeline.sh: /usr/bin/time is missing; installing the Debian package 'time'" >&2
    apt-get update -qq >&2 && apt-get install -y -qq time >&2
fi

cargo build --release --quiet
BIN=./target/release/kaigi
mkdir -p "$DATA"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| meetings | agencies | command | wall (s) | max RSS (MiB) | exit | load (1 min) |"
echo "|---:|---:|---|---:|---:|---:|---:|"
for n in $SIZES; do
    a=$n
    (( a < 50 )) && a=50
    (( a > 5000 )) && a=5000
    dir="$DATA/city-$n"
    if [[ ! -f "$dir/meetings.csv" ]]; then
        "$BIN" generate --meetings "$n" --agencies "$a" --seed "$SEED" --out "$dir" --force 2>/dev/null
    fi
    for cmd in $COMMANDS; do
        case "$cmd" in
            report) args=(report "$dir" --out "$OUT/report-$n") ;;
            # Shortest-path measures estimated from 500 pivots in groups over 2,000 agencies.
            report-estimated) args=(report "$dir" --out "$OUT/report-$n" --exact-limit 2000) ;;
            connectivity-estimated) args=(connectivity "$dir" --format json --exact-limit 2000) ;;
            *) args=("$cmd" "$dir" --format json) ;;
        esac
        set +e
        /usr/bin/time -v -o "$OUT/time.txt" "$BIN" "${args[@]}" >/dev/null 2>"$OUT/stderr.txt"
        code=$?
        set -e
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/time.txt" \
            | awk -F: '{ if (NF == 3) printf "%.2f", $1*3600 + $2*60 + $3; else printf "%.2f", $1*60 + $2 }')
        rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$OUT/time.txt")
        echo "| $n | $a | $cmd | $wall | $rss | $code | $(cut -d' ' -f1 /proc/loadavg) |"
        if [[ $code -ne 0 && $code -ne 1 ]]; then
            sed 's/^/    /' "$OUT/stderr.txt" | tail -5 >&2
        fi
    done
done
