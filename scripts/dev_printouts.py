#!/usr/bin/env python3
"""Draw dev-corpus cable pages at random (fixed seed) and write the text a
printout of each shows: the page's `<pre>` blocks (routing header, then the
cable), tags stripped, entities decoded. For measuring the OCR path on
printouts (scripts/make_scans.sh turns the texts into scans).

    scripts/dev_printouts.py PAGES_DIR OUT_DIR N [SEED] [WIDTH]
    scripts/dev_printouts.py PAGES_DIR OUT_DIR @LIST [SEED] [WIDTH]

@LIST names a file of page paths (relative to PAGES_DIR, one a line) to
print instead of a random draw, in that order (SEED is then unused).

--page prints what a browser prints of the page's cable pane, as the
user's seed printout shows it: the "Viewing cable" title, the help text,
the top box (Reference ID, Created, Released, Classification, Origin: the
id and date a reader sees), then the `<pre>` blocks. Without it only the
`<pre>` blocks are printed, so a cable whose routing header has no date
gives a printout no tool can take the id from.

--exclude FILE drops the pages FILE lists (one a line, relative to
PAGES_DIR) from a random draw, so a new draw leaves out earlier ones.

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


def strip(fragment):
    """Text of an HTML fragment as a browser lays it out, roughly."""
    t = " ".join(fragment.split())  # HTML white space is one space
    t = re.sub(r"<li>", "\n\u2022 ", t)
    t = re.sub(r"<br\s*/?>|</?(?:div|p|h3|tr|li|ul)\b[^>]*>", "\n", t)
    t = re.sub(r"</t[hd]>", "  ", t)
    t = html.unescape(re.sub(r"<[^>]+>", "", t))
    lines = (" ".join(l.split()) for l in t.split("\n"))
    return "\n".join(l for l in lines if l)


def pane(s):
    """The page's cable pane before its `<pre>` blocks: title, help, top box."""
    m = re.search(r"<div class='pane big'>(.*?)<code>", s, re.S)
    if not m:
        return ""
    box = m.group(1)
    box = re.sub(r"<table class='cable'>", "\n", box)
    return strip(box)


def main():
    args = sys.argv[1:]
    page = "--page" in args
    args = [a for a in args if a != "--page"]
    exclude = set()
    if "--exclude" in args:
        i = args.index("--exclude")
        exclude = {l.strip() for l in open(args[i + 1], encoding="utf-8") if l.strip()}
        del args[i:i + 2]
    pages_dir, out, n = args[0], args[1], args[2]
    seed = int(args[3]) if len(args) > 3 else 18
    width = int(args[4]) if len(args) > 4 else 0
    if n.startswith("@"):
        listed = [l.strip() for l in open(n[1:], encoding="utf-8") if l.strip()]
        pick = [os.path.join(pages_dir, l) for l in listed]
    else:
        pages = sorted(os.path.join(d, f) for d, _, fs in os.walk(pages_dir)
                       for f in fs if f.endswith(".html"))
        pick = random.Random(seed).sample(pages, int(n))
        pick = [p for p in pick if os.path.relpath(p, pages_dir) not in exclude]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "index.csv"), "w", newline="") as idx:
        w = csv.writer(idx)
        w.writerow(["k", "input"])
        for k, p in enumerate(pick, 1):
            s = open(p, encoding="utf-8", errors="replace").read()
            blocks = re.findall(r"<pre>(.*?)</pre>", s, re.S)
            text = "\n\n".join(html.unescape(re.sub(r"<[^>]+>", "", b)) for b in blocks)
            text = "\n".join(l.rstrip() for l in text.split("\n"))
            if page:
                text = pane(s) + "\n\n" + text
            if width or page:
                text = "\n".join(
                    "\n".join(textwrap.wrap(l, width or 80, break_long_words=False,
                                             break_on_hyphens=False)) or ""
                    for l in text.split("\n"))
            open(os.path.join(out, f"{k}.txt"), "w", encoding="utf-8").write(text + "\n")
            w.writerow([k, os.path.relpath(p, pages_dir)])


if __name__ == "__main__":
    main()
