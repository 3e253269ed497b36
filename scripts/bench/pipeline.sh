#!/usr/bin/env bash
# Whole-pipeline wall time, CPU time and peak memory of the release binary on
# generated inventories. Prints one Markdown table row per (size, command).
#
#   scripts/bench/pipeline.sh                      # 300, 3000, 20000, 60000 meetings
#   SIZES="300 100000" COMMANDS="validate" RUNS=1 scripts/bench/pipeline.sh
#   GENERATOR=city SIZES=30000 scripts/bench/pipeline.sh   # the one-city generator
#
# Inventories (GENERATOR=region, the default): `kaigi generate --municipalities M
# --meetings N --seed 20250607` with M = ceil(N / 400), so a larger inventory has more
# municipalities of the same size, as a prefecture's has. GENERATOR=city: `kaigi
# generate --meetings N --agencies A` with A = N clamped to 50..5000 (one city whose
# agencies sit in ever more meetings). Written once under $CARGO_TARGET_DIR (or
# target/)/bench-inventories/ and reused. Each command runs RUNS times (default 3) under
# `/usr/bin/time -v` (installed with apt-get when missing); the row gives the fastest
# run's wall and CPU (user + system) seconds and the largest peak memory. The report
# goes to a fresh temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-"300 3000 20000 60000"}
COMMANDS=${COMMANDS:-"report connectivity overlap propose"}
GENERATOR=${GENERATOR:-region}
RUNS=${RUNS:-3}
SEED=20250607
TARGET=${CARGO_TARGET_DIR:-target}
DATA=$TARGET/bench-inventories

if [[ ! -x /usr/bin/time ]]; then
    echo "pipeline.sh: /usr/bin/time is missing; installing the Debian package 'time'" >&2
    apt-get update -qq >&2 && apt-get install -y -qq time >&2
fi

cargo build --release --quiet
BIN=$TARGET/release/kaigi
mkdir -p "$DATA"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| meetings | municipalities | agencies | command | wall (s) | CPU (s) | max RSS (MiB) | exit | load (1 min) |"
echo "|---:|---:|---:|---|---:|---:|---:|---:|---:|"
for n in $SIZES; do
    if [[ $GENERATOR == city ]]; then
        m=1
        a=$n
        (( a < 50 )) && a=50
        (( a > 5000 )) && a=5000
        dir="$DATA/city-$n"
        if [[ ! -f "$dir/meetings.csv" ]]; then
            "$BIN" generate --meetings "$n" --agencies "$a" --seed "$SEED" --out "$dir" --force 2>/dev/null
        fi
    else
        m=$(( (n + 399) / 400 ))
        dir="$DATA/region-$n"
        if [[ ! -f "$dir/meetings.csv" ]]; then
            "$BIN" generate --municipalities "$m" --meetings "$n" --seed "$SEED" --out "$dir" --force 2>/dev/null
        fi
        a=$(( $(wc -l < "$dir/agencies.csv") - 1 ))
    fi
    for cmd in $COMMANDS; do
        case "$cmd" in
            report) args=(report "$dir" --out "$OUT/report-$n") ;;
            # Shortest-path measures estimated from 500 pivots in groups over 2,000 agencies.
            report-estimated) args=(report "$dir" --out "$OUT/report-$n" --exact-limit 2000) ;;
            connectivity-estimated) args=(connectivity "$dir" --format json --exact-limit 2000) ;;
            *) args=("$cmd" "$dir" --format json) ;;
        esac
        best_wall="" best_cpu="" rss=0
        for _ in $(seq "$RUNS"); do
            rm -rf "$OUT/report-$n"
            set +e
            /usr/bin/time -v -o "$OUT/time.txt" "$BIN" "${args[@]}" >/dev/null 2>"$OUT/stderr.txt"
            code=$?
            set -e
            wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/time.txt" \
                | awk -F: '{ if (NF == 3) printf "%.2f", $1*3600 + $2*60 + $3; else printf "%.2f", $1*60 + $2 }')
            cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$OUT/time.txt")
            run_rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$OUT/time.txt")
            if [[ -z $best_wall ]] || awk "BEGIN {exit !($wall < $best_wall)}"; then best_wall=$wall; fi
            if [[ -z $best_cpu ]] || awk "BEGIN {exit !($cpu < $best_cpu)}"; then best_cpu=$cpu; fi
            (( run_rss > rss )) && rss=$run_rss
        done
        echo "| $n | $m | $a | $cmd | $best_wall | $best_cpu | $rss | $code | $(cut -d' ' -f1 /proc/loadavg) |"
        if [[ $code -ne 0 && $code -ne 1 ]]; then
            sed 's/^/    /' "$OUT/stderr.txt" | tail -5 >&2
        fi
    done
done
