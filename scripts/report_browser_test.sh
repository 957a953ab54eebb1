#!/bin/sh
# Open the seed cable's report.html in a real (headless) Chromium and check it.
#
#   scripts/report_browser_test.sh [-g GAZETTEER]... [-b CABLEGRAPH] [SCREENSHOT.png]
#
# Needs: a built cablegraph (default target/release/cablegraph, else
# target/debug/cablegraph; or -b PATH, or $CABLEGRAPH) and Debian's
# `chromium` (apt-get install -y chromium; or $CHROMIUM). Installs nothing.
#
# Checks, with every host name unresolvable (so the page must be
# self-contained):
#   1. the page finished its script (data-ready) and the graph drew nodes;
#   2. opening it at #edge=mx-pgr--mx-ssp selects the PGR–SSP link, and
#      the evidence panel shows 09MEXICO283 paragraph 3 with both entities
#      highlighted;
#   3. the page logged nothing to the console (no error, no warning);
# then saves a 1400x1000 screenshot of that view (default: report.png in a
# temporary directory, path printed). The graph fixture opened at
# #from=2009-03&to=2009-03 draws the links `graph --from --to` finds. Then,
# on a generated corpus of 2,000
# entities and 20,000 links (scripts/report_synthetic.py):
#   4. the page is within its size budget (10 MB) and its first view draws
#      at most 80 nodes (the strongest links' ends) with at most 40 labels,
#      of which at most 2 overlap another, in under 10 s after opening;
# and prints those numbers (time to first draw, overlaps, size).
set -eu

usage() {
    sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CABLEGRAPH:-}
gaz_args=""
while getopts "g:b:h" opt; do
    case $opt in
    g) gaz_args="$gaz_args -g $OPTARG" ;;
    b) bin=$OPTARG ;;
    *) usage ;;
    esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage

if [ -z "$bin" ]; then
    for b in "$root/target/release/cablegraph" "$root/target/debug/cablegraph"; do
        if [ -x "$b" ]; then bin=$b; break; fi
    done
fi
[ -n "$bin" ] && [ -x "$bin" ] || { echo "report_browser_test: no cablegraph binary (cargo build, or -b PATH)" >&2; exit 2; }
chromium=${CHROMIUM:-chromium}
command -v "$chromium" >/dev/null 2>&1 || { echo "report_browser_test: $chromium not found (apt-get install -y chromium)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shot=${1:-$work/report.png}
case $shot in /*) ;; *) shot=$(pwd)/$shot ;; esac
report=$work/report.html

# shellcheck disable=SC2086 # gaz_args is a word list on purpose
"$bin" report -q "$root/tests/fixtures/09MEXICO283.txt" $gaz_args -o "$report"
url="file://$report#edge=mx-pgr--mx-ssp"

browse() {
    "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d "$work/profile.XXXXXX")" \
        --host-resolver-rules="MAP * ~NOTFOUND" \
        --enable-logging=stderr --v=0 \
        --hide-scrollbars --window-size=1400,1000 \
        --virtual-time-budget=15000 "$@" "$url"
}

fail() {
    echo "report_browser_test: FAIL: $*" >&2
    exit 1
}

browse --dump-dom >"$work/dom.html" 2>"$work/chromium.log" || fail "chromium exited with $? (see below)
$(tail -20 "$work/chromium.log")"

dom=$work/dom.html
grep -q 'data-ready="1"' "$dom" || fail "the page script did not finish (no data-ready)"
nodes=$(sed -n 's/.*id="graph"[^>]*data-nodes="\([0-9]*\)".*/\1/p' "$dom" | head -1)
[ -n "$nodes" ] && [ "$nodes" -gt 0 ] || fail "the graph drew no nodes"
for id in mx-pgr mx-ssp; do
    grep -q "data-key=\"$id\"" "$dom" || fail "entity $id is not in the entities table"
done
grep -q 'data-selected="edge:mx-pgr--mx-ssp"' "$dom" || fail "#edge=mx-pgr--mx-ssp did not select the PGR–SSP link"

# the evidence panel, one element per line
evidence=$(tr '\n' ' ' <"$dom" | sed 's/.*<section id="evidence"//; s/<\/section>.*//' | sed 's/</\n</g')
echo "$evidence" | grep -q 'data-cable="09MEXICO283" data-paragraph="3"' || fail "the evidence panel does not show 09MEXICO283 paragraph 3"
echo "$evidence" | grep -q '<mark class="hit"[^>]*data-node="mx-pgr"' || fail "PGR is not highlighted in the evidence"
echo "$evidence" | grep -q '<mark class="hit"[^>]*data-node="mx-ssp"' || fail "SSP is not highlighted in the evidence"
echo "$evidence" | grep -Eq 'Secretariat +of +Public +Security' || fail "the paragraph text is missing from the evidence"
if grep -E ':CONSOLE[:(]|Uncaught' "$work/chromium.log" >&2; then
    fail "the page logged to the console (above); it should be silent"
fi

browse --screenshot="$shot" >/dev/null 2>&1 || fail "chromium could not take the screenshot"
[ -s "$shot" ] && [ "$(head -c 4 "$shot" | tail -c 3)" = "PNG" ] || fail "no screenshot at $shot"
if [ $# -eq 0 ]; then
    cp "$shot" "${TMPDIR:-/tmp}/cablegraph-report.png"
    shot="${TMPDIR:-/tmp}/cablegraph-report.png"
fi

echo "report_browser_test: ok: $nodes nodes drawn; PGR–SSP shows 09MEXICO283 ¶3; screenshot $shot"

# ---- the date filter: #from=2009-03&to=2009-03 keeps March 2009 --------
report=$work/dates.html
"$bin" report -q "$root/tests/fixtures/graph/cables" -g "$root/tests/fixtures/graph/gazetteer.csv" -o "$report"
want=$("$bin" graph -q "$root/tests/fixtures/graph/cables" -g "$root/tests/fixtures/graph/gazetteer.csv" \
    --from 2009-03-01 --to 2009-03-31 | tail -n +2 | wc -l)
url="file://$report#from=2009-03&to=2009-03"
browse --dump-dom >"$dom" 2>"$work/chromium.log" || fail "chromium exited with $? on the dated report"
got=$(sed -n 's/.*id="graph"[^>]*data-edges="\([0-9]*\)".*/\1/p' "$dom" | head -1)
[ "$got" = "$want" ] || fail "#from=2009-03&to=2009-03 draws $got links, graph --from/--to gives $want"
grep -q 'in the dates chosen' "$dom" || fail "the date range is not said"
echo "report_browser_test: ok: the date filter draws the $got links of March 2009 (graph --from/--to: $want)"

# ---- a large generated corpus: legible first view, time, size ----------
python3 "$root/scripts/report_synthetic.py" "$work/large" 2000 20000 >/dev/null 2>&1
report=$work/large.html
"$bin" report -q "$work/large/cables" -g "$work/large/gazetteer.csv" -o "$report"
url="file://$report"
size=$(wc -c <"$report")
[ "$size" -le 10485760 ] || fail "the large report is $size bytes, over its 10 MB budget"
browse --dump-dom >"$dom" 2>"$work/chromium.log" || fail "chromium exited with $? on the large report"
grep -q 'data-ready="1"' "$dom" || fail "the large page's script did not finish"
attr() { sed -n "s/.*id=\"graph\"[^>]*data-$1=\"\([0-9]*\)\".*/\1/p" "$dom" | head -1; }
nodes=$(attr nodes); edges=$(attr edges); labels=$(attr labels); overlaps=$(attr label-overlaps)
first=$(attr first-draw-ms); draw=$(attr draw-ms)
[ -n "$nodes" ] && [ "$nodes" -gt 0 ] && [ "$nodes" -le 80 ] || fail "large first view: $nodes nodes (want 1..80)"
[ -n "$labels" ] && [ "$labels" -le 40 ] || fail "large first view: $labels labels (want at most 40)"
[ -n "$overlaps" ] && [ "$overlaps" -le 2 ] || fail "large first view: $overlaps overlapping labels (want at most 2)"
[ -n "$first" ] && [ "$first" -lt 10000 ] || fail "large first view drawn after $first ms (want under 10 s)"
if grep -E ':CONSOLE[:(]|Uncaught' "$work/chromium.log" >&2; then
    fail "the large page logged to the console (above)"
fi
echo "report_browser_test: ok: large ($(grep -o '[0-9,]* entities' "$dom" | head -1), $size bytes): first view $nodes nodes, $edges links, $labels labels, $overlaps overlapping; first draw at $first ms (layout $draw ms)"
