#!/usr/bin/env bash
# Time cablegraph against the bare aho-corasick scan and (when installed) the
# Python peers, on a big Cablegate-format dump built from a folder of cable pages.
#
#   benches/compare.sh PAGES_DIR [GAZETTEER...]
#
# PAGES_DIR  WikiLeaks cable pages (*.html, searched recursively); they are turned
#            into a >= 256 MiB cables.csv dump under $WORK (default /tmp/cablegraph-bench).
# GAZETTEER  cablegraph gazetteer CSVs or directories to compare with (default: the
#            shipped gazetteers/). Peer-benchmark TSVs (canonical_id<TAB>type<TAB>alias)
#            are converted with benches/tsv_to_gazetteer.py.
#
# Environment: RUNS (default 3; medians are reported), DUMP_BYTES (the dump's
# least size, default 268435456; 1800000000 for the whole-release target), PEERS_PY (a Python with
# flashtext / pyahocorasick / spacy installed; default /tmp/bench/venv/bin/python,
# skipped when absent), PEERS (default "flashtext pyahocorasick spacy"),
# PEER_MAX_BYTES (slow peers stop after this many bytes; default 16 MB),
# PEERS_SCRIPT (default ../shared/bench/peers.py when present), HARNESS_CORPUS (the
# peer harness's own corpus, default /tmp/bench/corpus.txt from its make_corpus.sh: the
# peers are also timed there, the corpus issue 14's ratios name; skipped when absent).
#
# Rows: cablegraph extract (the whole job: decode, structure, normalise, match, graph,
# export; both cores), ref_scan (examples/ref_scan.rs: the crate alone over the raw
# dump, one core), lib_scan (cablegraph's matcher alone over the same raw text, one
# core: the match count to compare with ref_scan), then the peers. Peak RSS from
# /usr/bin/time %M.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
pages=${1:?usage: compare.sh PAGES_DIR [GAZETTEER...]}
shift
gazetteers=("$@")
[ ${#gazetteers[@]} -gt 0 ] || gazetteers=("$here/gazetteers")
WORK=${WORK:-/tmp/cablegraph-bench}
RUNS=${RUNS:-3}
PEERS_PY=${PEERS_PY:-/tmp/bench/venv/bin/python}
PEERS=${PEERS:-flashtext pyahocorasick spacy}
PEER_MAX_BYTES=${PEER_MAX_BYTES:-16000000}
PEERS_SCRIPT=${PEERS_SCRIPT:-$here/../shared/bench/peers.py}
HARNESS_CORPUS=${HARNESS_CORPUS:-/tmp/bench/corpus.txt}
mkdir -p "$WORK"

cd "$here"
cargo build --release --locked -q --bin cablegraph --example ref_scan --example lib_scan
cg=$here/target/release/cablegraph
ref=$here/target/release/examples/ref_scan
lib=$here/target/release/examples/lib_scan

DUMP_BYTES=${DUMP_BYTES:-268435456}
dump=$WORK/dump-$DUMP_BYTES.csv
[ -s "$dump" ] || python3 "$here/benches/make_dump.py" "$pages" "$dump" 0 "$DUMP_BYTES"
bytes=$(stat -L -c %s "$dump")

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# run LABEL CMD...: RUNS timed runs; prints "label wall rss match_s matches"
# (medians; match_s is the tool's own matching time when it prints one)
run() {
  local label=$1; shift
  local ts=() rs=() ms=() last=""
  for _ in $(seq "$RUNS"); do
    local t0 t1
    # untimed set-up before each run (extract: remove the last run's results)
    [ -z "${BEFORE:-}" ] || eval "$BEFORE"
    t0=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$WORK/rss" "$@" > "$WORK/out" 2> "$WORK/err" || { echo "$label failed:" >&2; cat "$WORK/err" >&2; return 1; }
    t1=$(date +%s.%N)
    ts+=("$(echo "$t1 - $t0" | bc)")
    rs+=("$(tail -1 "$WORK/rss")")
    last=$(tail -1 "$WORK/out")
    ms+=("$(echo "$last" | grep -oE 'match_s"?[=:] *[0-9.]+' | grep -oE '[0-9.]+$' || true)")
  done
  local m
  m=$(printf '%s\n' "${ms[@]}" | grep -E '^[0-9.]+$' | median || true)
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$(printf '%s\n' "${ts[@]}" | median)" \
    "$(printf '%s\n' "${rs[@]}" | median)" "${m:-}" "$(echo "$last" | grep -oE 'matches"?[=:] *[0-9]+' | grep -oE '[0-9]+$')"
}

# the processor too: the same commit ran 28% slower on one machine of this
# kind than on another (session 48), so a figure means little without it
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
model=$(sed -n 's/^model[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
printf '\ncorpus: %s (%s bytes), runs: %s, host: %s cores, %s (model %s), %s UTC\n' "$dump" "$bytes" "$RUNS" "$(nproc)" "${cpu:-unknown}" "${model:-?}" "$(date -u '+%Y-%m-%d %H:%M')"

# structure alone (no matching): parse --json to /dev/null
prow=$(run "cablegraph parse --json (2 cores)" bash -c "'$cg' parse '$dump' --json > /dev/null")
awk -F'\t' -v bytes="$bytes" '{ printf "\n| %s | %.2f s | %.1f MB/s | peak RSS %.0f MiB |\n", $1, $2, bytes / $2 / 1e6, $3 / 1024 }' <<< "$prow"
for g in "${gazetteers[@]}"; do
  case "$g" in
    *.tsv) python3 "$here/benches/tsv_to_gazetteer.py" "$g" "$WORK/$(basename "$g" .tsv).csv" >/dev/null; g=$WORK/$(basename "$g" .tsv).csv ;;
  esac
  aliases=$WORK/aliases-$(basename "$g").txt
  python3 - "$g" > "$aliases" <<'PY'
import csv, glob, os, sys
p = sys.argv[1]
files = sorted(glob.glob(os.path.join(p, "*.csv"))) if os.path.isdir(p) else [p]
for f in files:
    for r in csv.DictReader(open(f, encoding="utf-8")):
        for a in [r["name"]] + [x for x in (r.get("aliases") or "").split("|") if x.strip()]:
            print(a.strip())
PY
  n_alias=$(wc -l < "$aliases")
  printf '\n## gazetteer %s (%s aliases)\n\n' "$g" "$n_alias"
  printf '| tool | wall s | match s | MB/s | peak RSS MiB | matches |\n|---|---:|---:|---:|---:|---:|\n'
  rows=$WORK/rows.tsv
  : > "$rows"
  out=$WORK/out-extract
  # every run writes into a new folder: replacing the last run's results
  # (1.4 GB of them with the large gazetteer) would add their removal
  BEFORE="rm -rf '$out'" run "cablegraph extract (2 cores)" bash -c "'$cg' extract '$dump' -g '$g' -o '$out' 2>&1 >/dev/null | sed -nE 's/.* ([0-9]+) mentions.*/matches=\\1/p'" >> "$rows"
  # (the last run's results are not kept: 9 GB on the release-sized dump)
  rm -rf "$out"
  # the reference: the crate's plain leftmost-longest find_iter, its own
  # choice of automaton (issue 14's target is stated against this)
  run "ref_scan (crate alone, auto, 1 core)" "$ref" "$g" "$dump" auto plain >> "$rows"
  # the same, whole words only (match counts comparable with cablegraph's)
  kind=dfa
  [ "$n_alias" -gt 10000 ] && kind=cnfa
  run "ref_scan words ($kind, 1 core)" "$ref" "$g" "$dump" "$kind" words >> "$rows"
  run "lib_scan (cablegraph matcher, 1 core)" "$lib" "$g" "$dump" >> "$rows"
  if [ -x "$PEERS_PY" ] && [ -f "$PEERS_SCRIPT" ]; then
    # the peers read UTF-8 text: the same dump bytes, re-encoded
    head -c "$PEER_MAX_BYTES" "$dump" | iconv -f WINDOWS-1252 -t UTF-8 > "$WORK/peer-slice.txt"
    for p in $PEERS; do
      run "$p (on $(( PEER_MAX_BYTES / 1000000 )) MB)" "$PEERS_PY" "$PEERS_SCRIPT" "$p" "$aliases" "$WORK/peer-slice.txt" >> "$rows" || true
    done
    # and on the harness's own corpus (plain cable text, one file), the
    # same slice size at most
    if [ -s "$HARNESS_CORPUS" ]; then
      head -c "$PEER_MAX_BYTES" "$HARNESS_CORPUS" > "$WORK/harness-slice.txt"
      hbytes=$(stat -c %s "$WORK/harness-slice.txt")
      for p in $PEERS; do
        run "$p (harness corpus, $(( hbytes / 1000000 )) MB)" "$PEERS_PY" "$PEERS_SCRIPT" "$p" "$aliases" "$WORK/harness-slice.txt" >> "$rows" || true
      done
    fi
  fi
  # MB/s: bytes / the tool's own matching seconds when it reports them
  # (scans and peers), else / wall; cablegraph is always wall (the whole job)
  awk -F'\t' -v bytes="$bytes" -v peerbytes="$PEER_MAX_BYTES" -v harnessbytes="${hbytes:-0}" '
    {
      b = ($1 ~ /harness corpus/) ? harnessbytes : ($1 ~ /MB\)/) ? peerbytes : bytes
      s = ($4 == "" || $1 ~ /^cablegraph/) ? $2 : $4
      label[NR] = $1; wall[NR] = $2; sec[NR] = s; mbs[NR] = b / s / 1e6; rss[NR] = $3; m[NR] = $5
      if ($1 ~ /^ref_scan \(/) { refwall = $2 }
      if ($1 ~ /^cablegraph/) { cg = NR }
    }
    END {
      for (i = 1; i <= NR; i++)
        printf "| %s | %.2f | %.2f | %.1f | %.0f | %s |\n", label[i], wall[i], sec[i], mbs[i], rss[i] / 1024, m[i]
      printf "\ncablegraph extract wall / ref_scan wall = %.2f (target <= 0.8 shipped, <= 1.5 large)\n", wall[cg] / refwall
      for (i = 1; i <= NR; i++)
        if (label[i] !~ /^(cablegraph|ref_scan|lib_scan)/)
          printf "cablegraph MB/s / %s MB/s = %.1f\n", label[i], mbs[cg] / mbs[i]
    }' "$rows"
done
echo
echo "Peers run on a slice (PEER_MAX_BYTES) of the dump, re-encoded as UTF-8, and on the"
echo "harness's corpus (HARNESS_CORPUS) when it is there; their wall time includes interpreter start-up;"
echo "their own per-chunk match times are in the JSON lines they print (see ../shared/bench)."
