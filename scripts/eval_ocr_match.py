#!/usr/bin/env python3
"""Precision of the OCR-tolerant matching, from hand labels.

    scripts/eval_ocr_match.py draft  [--bin PATH] SCAN... > new-labels.csv
    scripts/eval_ocr_match.py score  [--bin PATH] --labels tests/labels/pdf-ocr-mentions.csv SCAN...

`draft` runs `cablegraph mentions --types all` on each scan and writes one
row per mention marked `ocr`, with the words around it, and an empty
`verdict` for the labeller (`right`: the surface names that entity;
`wrong`: it does not) and a `reason`.

`score` runs the same and joins every `ocr` mention with its label by
(file, cable, paragraph, start, entity): precision = right / labelled,
listing the wrong ones and any mention that has no label (a changed tool
needs new labels).
"""
import argparse
import csv
import io
import os
import subprocess
import sys


def ocr_mentions(binary, scan):
    out = subprocess.run([binary, "mentions", "--quiet", "--types", "all", scan],
                         capture_output=True, text=True)
    rows = [r for r in csv.DictReader(io.StringIO(out.stdout)) if r.get("ocr") == "ocr"]
    if not rows:
        return rows, {}
    # the paragraph texts, for context
    js = subprocess.run([binary, "parse", "--json", "--quiet", scan],
                        capture_output=True, text=True).stdout
    import json
    texts = {}
    for line in js.splitlines():
        c = json.loads(line)
        for p in c["paragraphs"]:
            texts[(c["id"], str(p["number"]))] = p["text"]
    return rows, texts


def context(texts, r, width=40):
    t = texts.get((r["cable"], r["paragraph"]), "")
    s, e = int(r["start"]), int(r["end"])
    b = t.encode()
    left = b[max(0, s - width):s].decode(errors="ignore")
    right = b[e:e + width].decode(errors="ignore")
    return " ".join(f"{left}[{r['surface']}]{right}".split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["draft", "score"])
    ap.add_argument("--bin", default="target/release/cablegraph")
    ap.add_argument("--labels")
    ap.add_argument("scans", nargs="+")
    a = ap.parse_args()
    fields = ["file", "cable", "paragraph", "start", "entity", "alias", "surface",
              "context", "verdict", "reason"]
    if a.mode == "draft":
        w = csv.DictWriter(sys.stdout, fieldnames=fields)
        w.writeheader()
        for scan in a.scans:
            rows, texts = ocr_mentions(a.bin, scan)
            for r in rows:
                w.writerow({"file": os.path.basename(scan), "cable": r["cable"],
                            "paragraph": r["paragraph"], "start": r["start"],
                            "entity": r["entity"], "alias": r["alias"],
                            "surface": " ".join(r["surface"].split()),
                            "context": context(texts, r), "verdict": "", "reason": ""})
        return
    labels = {}
    for r in csv.DictReader(open(a.labels)):
        labels[(r["file"], r["cable"], r["paragraph"], r["start"], r["entity"])] = r
    right = wrong = unlabelled = 0
    misses = []
    for scan in a.scans:
        rows, _ = ocr_mentions(a.bin, scan)
        for r in rows:
            k = (os.path.basename(scan), r["cable"], r["paragraph"], r["start"], r["entity"])
            lab = labels.get(k)
            if lab is None or lab["verdict"] not in ("right", "wrong"):
                unlabelled += 1
                misses.append(f"unlabelled: {k} {r['surface']!r}")
            elif lab["verdict"] == "right":
                right += 1
            else:
                wrong += 1
                misses.append(f"wrong: {k} {r['surface']!r} as {r['entity']}: {lab['reason']}")
    n = right + wrong
    print(f"ocr mentions: {n + unlabelled}; labelled {n}; right {right}; wrong {wrong}")
    if n:
        print(f"precision: {right}/{n} = {100.0 * right / n:.1f}%")
    for m in misses:
        print("  " + m)


if __name__ == "__main__":
    main()
