#!/usr/bin/env bash
# Scaling table for `cablegraph extract`: wall time and peak RSS on
# Cablegate-format dumps of 0.25, 0.5, 1 and 2 GB built from a folder of cable
# pages (ids renumbered in every copy, so each row is a distinct cable).
#
#   benches/scaling.sh PAGES_DIR [SIZES...]
#
# SIZES are byte counts (default: 268435456 536870912 1073741824 2147483648).
# Environment: RUNS (default 3; medians), WORK (default /tmp/cablegraph-bench).
# Prints a Markdown table: size, cables, wall s (median), MB/s, peak RSS MiB.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
pages=${1:?usage: scaling.sh PAGES_DIR [SIZES...]}
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(268435456 536870912 1073741824 2147483648)
WORK=${WORK:-/tmp/cablegraph-bench}
RUNS=${RUNS:-3}
mkdir -p "$WORK"
cd "$here"
cargo build --release --locked -q --bin cablegraph
cg=$here/target/release/cablegraph
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
model=$(sed -n 's/^model[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
printf 'host: %s cores, %s (model %s), %s UTC\n\n' "$(nproc)" "${cpu:-unknown}" "${model:-?}" "$(date -u '+%Y-%m-%d %H:%M')"
printf '| dump | cables | wall s | MB/s | peak RSS MiB |\n|---:|---:|---:|---:|---:|\n'
for size in "${sizes[@]}"; do
  dump=$WORK/dump-$size.csv
  [ -s "$dump" ] || python3 "$here/benches/make_dump.py" "$pages" "$dump" 0 "$size" >&2
  bytes=$(stat -L -c %s "$dump")
  ts=() rs=()
  for _ in $(seq "$RUNS"); do
    # a new folder each run (not timed): replacing the last run's results
    # would add their removal
    rm -rf "$WORK/scaling-out"
    t0=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$WORK/rss" "$cg" extract "$dump" -o "$WORK/scaling-out" --quiet
    t1=$(date +%s.%N)
    ts+=("$(echo "$t1 - $t0" | bc)")
    rs+=("$(tail -1 "$WORK/rss")")
  done
  cables=$(python3 -c "import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))) - 1)" "$WORK/scaling-out/cables.csv")
  rm -rf "$WORK/scaling-out" # (not kept: gigabytes on the larger dumps)
  wall=$(printf '%s\n' "${ts[@]}" | median)
  rss=$(printf '%s\n' "${rs[@]}" | median)
  awk -v b="$bytes" -v c="$cables" -v w="$wall" -v r="$rss" \
    'BEGIN { printf "| %.2f GB | %d | %.2f | %.0f | %.0f |\n", b / 1e9, c, w, b / w / 1e6, r / 1024 }'
done
