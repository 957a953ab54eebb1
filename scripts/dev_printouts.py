#!/usr/bin/env python3
"""Draw dev-corpus cable pages at random (fixed seed) and write the text a
printout of each shows: the page's `<pre>` blocks (routing header, then the
cable), tags stripped, entities decoded. For measuring the OCR path on
printouts (scripts/make_scans.sh turns the texts into scans).

    scripts/dev_printouts.py PAGES_DIR OUT_DIR N [SEED] [WIDTH]
    scripts/dev_printouts.py PAGES_DIR OUT_DIR @LIST [SEED] [WIDTH]

@LIST names a file of page paths (relative to PAGES_DIR, one a line) to
print instead of a random draw, in that order (SEED is then unused).

WIDTH (default 0: lines as the page has them, so a printout cuts what runs
past the paper's edge) wraps longer lines at word boundaries, as a
browser printing a wrapped page does: the printout then shows the whole
text (80 fits scripts/text2pdf.py's Courier 10 pt on Letter).

Writes OUT_DIR/K.txt (K from 1; no cable id in the name) and
OUT_DIR/index.csv (K, page).
"""
import csv
import html
import os
import random
import re
import sys
import textwrap


def main():
    pages_dir, out, n = sys.argv[1], sys.argv[2], sys.argv[3]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 18
    width = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    if n.startswith("@"):
        listed = [l.strip() for l in open(n[1:], encoding="utf-8") if l.strip()]
        pick = [os.path.join(pages_dir, l) for l in listed]
    else:
        pages = sorted(os.path.join(d, f) for d, _, fs in os.walk(pages_dir)
                       for f in fs if f.endswith(".html"))
        pick = random.Random(seed).sample(pages, int(n))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "index.csv"), "w", newline="") as idx:
        w = csv.writer(idx)
        w.writerow(["k", "input"])
        for k, p in enumerate(pick, 1):
            s = open(p, encoding="utf-8", errors="replace").read()
            blocks = re.findall(r"<pre>(.*?)</pre>", s, re.S)
            text = "\n\n".join(html.unescape(re.sub(r"<[^>]+>", "", b)) for b in blocks)
            text = "\n".join(l.rstrip() for l in text.split("\n"))
            if width:
                text = "\n".join(
                    "\n".join(textwrap.wrap(l, width, break_long_words=False,
                                             break_on_hyphens=False)) or ""
                    for l in text.split("\n"))
            open(os.path.join(out, f"{k}.txt"), "w", encoding="utf-8").write(text + "\n")
            w.writerow([k, os.path.relpath(p, pages_dir)])


if __name__ == "__main__":
    main()
