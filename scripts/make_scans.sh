#!/usr/bin/env bash
# Make "photocopied" scans of PDFs or text cables, for measuring the OCR path.
#
#   scripts/make_scans.sh OUT_DIR INPUT...
#
# INPUT is a PDF (its pages are rendered with pdftoppm) or a .txt cable
# (printed first: Courier 10 pt on Letter pages, scripts/text2pdf.py).
# Each input gives, at 150 and at 300 dpi (or the resolutions in $DPIS), an image-only PDF (no text layer)
# OUT_DIR/<k>-<dpi>.pdf whose pages went through what a photocopier adds:
# a skew of up to ±1.5°, blur, grey noise and speckles, a greyed contrast.
# The effects are drawn from a fixed seed, so a run is reproducible. The
# output names carry no cable id (k counts the inputs), so the id must come
# from the page. OUT_DIR/index.csv maps k to the input.
#
# Needs poppler-utils, imagemagick, python3.
set -euo pipefail
out=$1
shift
mkdir -p "$out"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
RANDOM=18 # fixed seed
echo "k,input" >"$out/index.csv"
k=0
for input in "$@"; do
  k=$((k + 1))
  echo "$k,$(basename "$input")" >>"$out/index.csv"
  for dpi in ${DPIS:-150 300}; do
    rm -f "$work"/p-*
    case "$input" in
      *.pdf) pdftoppm -r "$dpi" -gray -png "$input" "$work/p" ;;
      *)
        python3 "$here/text2pdf.py" "$input" "$work/printed.pdf"
        pdftoppm -r "$dpi" -gray -png "$work/printed.pdf" "$work/p"
        ;;
    esac
    pages=()
    for p in "$work"/p-*.png; do
      # skew in -1.5..1.5 degrees, blur 0.4..1.0 px (at 300 dpi; halved at 150)
      skew=$(awk -v r=$RANDOM 'BEGIN{printf "%.2f", (r % 301 - 150) / 100}')
      blur=$(awk -v r=$RANDOM -v d="$dpi" 'BEGIN{printf "%.2f", (0.4 + (r % 61) / 100) * d / 300}')
      convert "$p" -background white -rotate "$skew" \
        -blur "0x$blur" \
        -attenuate 0.25 +noise Gaussian \
        -attenuate 0.02 +noise Impulse \
        -level 12%,88% -colorspace gray -quality 75 "${p%.png}.jpg"
      pages+=("${p%.png}.jpg")
    done
    python3 "$here/img2pdf.py" "$dpi" "$out/$k-$dpi.pdf" "${pages[@]}"
  done
done
echo "wrote the scans of $k inputs to $out"
