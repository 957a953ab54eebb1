#!/usr/bin/env python3
"""Score `cablegraph parse --json` on PDFs and scans against hand labels.

    scripts/eval_pdf.py [--bin PATH] [--labels DIR] [--index INDEX.csv]
                        [--clean DIR] FILE...

FILE are the PDFs (or scans) to read. Each is matched to its labels by name:
its own file name, or, for scans made by scripts/make_scans.sh (named
`K-DPI.pdf`, no cable id in the name), through that script's INDEX.csv.

Labels (tests/labels/):
  pdf-expected-header.csv      file,field,expected,note
  pdf-expected-paragraphs.csv  file,number,marking,first_words,last_words,note

Scores, with every miss listed:
  - header fields: exact (whitespace collapsed; signer case aside);
  - paragraph numbers: the i-th paragraph has the i-th expected number
    (positional: one lost marker shifts every later one), and also in
    order (the longest common subsequence of the two number lists);
  - markings; text: starts with first_words and ends with last_words
    (whitespace aside), and holds no printout furniture (page heads);
  - with --clean DIR (the text-layer originals, same names as the labels):
    entity recall of each file against its original's mentions, counted
    per (paragraph, entity), and the mentions marked `ocr`.
Also prints the seconds per page of the parse runs.
"""
import argparse
import collections
import csv
import io
import json
import os
import re
import subprocess
import sys
import time


def lcs(a, b):
    """Length of the longest common subsequence of two lists."""
    m = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a)):
        for j in range(len(b)):
            m[i + 1][j + 1] = m[i][j] + 1 if a[i] == b[j] else max(m[i][j + 1], m[i + 1][j])
    return m[-1][-1]


def ws(s):
    return " ".join((s or "").split())


def run_json(binary, path):
    t = time.time()
    out = subprocess.run([binary, "parse", "--json", "--quiet", path],
                         capture_output=True, text=True)
    took = time.time() - t
    cables = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    return cables, took, out.stderr.strip()


def mentions(binary, path):
    out = subprocess.run([binary, "mentions", "--quiet", "--types", "all", path],
                         capture_output=True, text=True)
    return list(csv.DictReader(io.StringIO(out.stdout)))


def pages_of(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 1


FURNITURE = re.compile(r"PAGE \d{2,3}\s+[A-Z]+\s+\d{5}\s+\d{2} OF \d{2}|\d{4}[A-Z]+\d{5} - ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/cablegraph")
    ap.add_argument("--labels", default="tests/labels")
    ap.add_argument("--index")
    ap.add_argument("--clean", action="append", default=[],
                    help="folder of the originals (repeatable; the first that has the file)")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()

    header = collections.defaultdict(dict)
    for r in csv.DictReader(open(os.path.join(a.labels, "pdf-expected-header.csv"))):
        header[r["file"]][r["field"]] = r["expected"]
    paras = collections.defaultdict(list)
    for r in csv.DictReader(open(os.path.join(a.labels, "pdf-expected-paragraphs.csv"))):
        paras[r["file"]].append(r)
    index = {}
    if a.index:
        for r in csv.DictReader(open(a.index)):
            index[r["k"]] = r["input"]

    tot = collections.Counter()
    misses = []
    seconds = pages = 0
    for f in a.files:
        name = os.path.basename(f)
        label = name
        m = re.match(r"^(\d+)-(\d+)\.pdf$", name)
        if m and m.group(1) in index:
            label = index[m.group(1)]
        if label not in header:
            print(f"{f}: no labels for {label}", file=sys.stderr)
            continue
        cables, took, err = run_json(a.bin, f)
        seconds += took
        pages += pages_of(f)
        if len(cables) != 1:
            misses.append(f"{name}: {len(cables)} cables ({err[:200]})")
            tot["files_bad"] += 1
            continue
        c = cables[0]
        for field, want in header[label].items():
            got = c.get(field)
            if field == "tags":
                got = " ".join(got or [])
            got = ws(got) if got is not None else ""
            ok = got.lower() == ws(want).lower() if field == "signer" else got == ws(want)
            tot[f"{field}_ok"] += ok
            tot[f"{field}_n"] += 1
            if not ok:
                misses.append(f"{name} ({label}): {field}: got {got!r}, want {ws(want)!r}")
        exp = paras[label]
        got = c.get("paragraphs", [])
        if len(got) != len(exp):
            misses.append(f"{name}: {len(got)} paragraphs, want {len(exp)}: "
                          f"{[p['number'] for p in got]}")
        tot["num_seq"] += lcs([e["number"] for e in exp], [str(p["number"]) for p in got])
        for i, e in enumerate(exp):
            tot["para_n"] += 1
            if i >= len(got):
                misses.append(f"{name}: ¶{e['number']} missing")
                continue
            g = got[i]
            num_ok = str(g["number"]) == e["number"]
            mark_ok = (g.get("classification") or "") == e["marking"]
            text = ws(g["text"])
            # "text up to whitespace": compared with all white space removed
            bare = "".join(text.split())
            text_ok = (bare.startswith("".join(e["first_words"].split()))
                       and bare.endswith("".join(e["last_words"].split()))
                       and not FURNITURE.search(text))
            tot["num_ok"] += num_ok
            tot["mark_ok"] += mark_ok
            tot["text_ok"] += text_ok
            if not num_ok:
                misses.append(f"{name}: paragraph {i + 1}: number {g['number']}, want {e['number']}")
            if not mark_ok:
                misses.append(f"{name}: ¶{e['number']}: marking {g.get('classification')!r}, want {e['marking']!r}")
            if not text_ok:
                misses.append(f"{name}: ¶{e['number']}: text {text[:50]!r} … {text[-50:]!r}; "
                              f"want {e['first_words']!r} … {e['last_words']!r}")
        if a.clean:
            base = collections.Counter()
            orig = next((os.path.join(d, label) for d in a.clean
                         if os.path.exists(os.path.join(d, label))), None)
            if orig is None:
                misses.append(f"{name}: no original {label} in {a.clean}")
                continue
            for r in mentions(a.bin, orig):
                base[(r["paragraph"], r["entity"])] += 1
            found = collections.Counter()
            ocr = 0
            for r in mentions(a.bin, f):
                found[(r["paragraph"], r["entity"])] += 1
                ocr += r.get("ocr") == "ocr"
            if ocr:
                misses.append(f"{name}: {ocr} mentions marked ocr (judge them: eval_ocr_match.py)")
            hit = sum(min(n, found[k]) for k, n in base.items())
            tot["ent_clean"] += sum(base.values())
            tot["ent_hit"] += hit
            tot["ent_ocr"] += ocr
            for k, n in sorted(base.items()):
                if found[k] < n:
                    misses.append(f"{name}: entity {k[1]} in ¶{k[0]}: {found[k]} of {n}")

    def pct(a_, b_):
        return f"{a_}/{b_} = {100.0 * a_ / b_:.1f}%" if b_ else "n/a"

    print("== header fields")
    for field in ["id", "created", "classification", "origin", "tags", "subject",
                  "classified_by", "signer"]:
        print(f"  {field:15} {pct(tot[field + '_ok'], tot[field + '_n'])}")
    print("== paragraphs")
    print(f"  numbers exact   {pct(tot['num_ok'], tot['para_n'])}")
    print(f"  numbers in order {pct(tot['num_seq'], tot['para_n'])} (longest common subsequence:"
          " a lost marker costs one, not every later one)")
    print(f"  markings        {pct(tot['mark_ok'], tot['para_n'])}")
    print(f"  text            {pct(tot['text_ok'], tot['para_n'])}")
    if a.clean:
        print("== entities (against the text-layer original)")
        print(f"  recall          {pct(tot['ent_hit'], tot['ent_clean'])}")
        print(f"  ocr mentions    {tot['ent_ocr']}")
    if pages:
        print(f"== time: {seconds:.1f} s for {pages} pages = {seconds / pages:.2f} s/page")
    print(f"== misses ({len(misses)})")
    for m in misses:
        print("  " + m)


if __name__ == "__main__":
    main()
