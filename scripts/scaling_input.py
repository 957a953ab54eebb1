#!/usr/bin/env python3
"""Scaling check for the input side (issue 17, item 9): every pathological
input at 1, 2, 4 and 8 MiB, timed through the real binary.

Usage: scaling_input.py [BINARY]   (default target/release/cablegraph)

Inputs (all generated here, nothing from a corpus):

- markers:  consecutive `1.` marker lines (`parse`);
- open-tags: an HTML page full of `<b` without `>` (`parse`);
- pre-blocks: an HTML page of many distinct `<pre>` blocks (`parse`);
- stray-bytes: UTF-8 text with a stray Windows-1252 byte on every line (`parse`);
- idless-jsonl: JSON Lines without ids (`parse`);
- duplicates: a dump whose rows all repeat one id (`parse`: one cable kept);
- long-alias: a gazetteer alias of as many words as fit the size, and a
  text that contains it (`extract -g`);
- explain: one paragraph of the whole size, full of mentions and lost
  candidates (`explain`).

Prints one line per input: seconds at each size and the ratio of the 8 MiB
time to the 1 MiB time (linear: about 8; quadratic: about 64). Exits 1 when
a ratio is over 16 (with timing noise, twice linear).
"""

import os
import subprocess
import sys
import tempfile
import time

MIB = 1024 * 1024
SIZES = [1, 2, 4, 8]


def markers(n):
    line = "1. the same marker line again and again and again\n"
    return ("SUBJECT: MARKERS\n\n" + line * (n * MIB // len(line))).encode()


def open_tags(n):
    unit = "<b PGR "
    return ("<html><body><pre>1. (C) " + unit * (n * MIB // len(unit)) + "</pre></body></html>").encode()


def pre_blocks(n):
    out, size, i = ["<html>"], 0, 0
    while size < n * MIB:
        b = f"<pre>{i}. (C) Block {i} of the page.</pre>\n"
        out.append(b)
        size += len(b)
        i += 1
    out.append("</html>")
    return "".join(out).encode()


def stray_bytes(n):
    line = "Calderón met the PGR in Querétaro; the embassy".encode() + b"\x92" + b"s view.\n"
    return b"SUBJECT: ACCENTS\n\n1. (C) " + line * (n * MIB // len(line))


def idless_jsonl(n):
    line = '{"text": "1. (C) The PGR met SEDENA in Mexico City."}\n'
    return (line * (n * MIB // len(line))).encode()


def duplicates(n):
    row = ('"1","1/2/2009 10:00","09TEST1","Embassy Mexico","CONFIDENTIAL","",'
           '"FM AMEMBASSY MEXICO","SUBJECT: ROW\n\n1. (C) The PGR met SEDENA.\n"\n')
    return (row * (n * MIB // len(row))).encode()


def long_alias(n, d):
    words = []
    size, i = 0, 0
    while size < n * MIB:
        w = f"word{i}"
        words.append(w)
        size += len(w) + 1
        i += 1
    alias = " ".join(words)
    g = os.path.join(d, f"alias{n}.csv")
    with open(g, "w") as f:
        f.write(f"id,type,name,aliases,notes\nx-long,agency,Long,{alias},\nmx-pgr,agency,PGR,PGR,\n")
    # the cable text wraps the alias at 70 columns, as a cable does (a text
    # line over 1 MiB is no cable text; a paragraph's lines are one text)
    lines, line = [], "1. (C)"
    for w in words + ["and", "the", "PGR."]:
        if len(line) + 1 + len(w) > 70:
            lines.append(line)
            line = w
        else:
            line += " " + w
    lines.append(line)
    return ("SUBJECT: ALIAS\n\n" + "\n".join(lines) + "\n").encode(), g


def long_paragraph(n):
    """One paragraph of n MiB, full of mentions and of lost overlapping
    candidates, wrapped at 64 columns (`explain`)."""
    unit = "The PGR and the SSP met SEDENA and the Federal Police (PF) in Mexico City. "
    text = unit * (n * MIB // len(unit))
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    return ("SUBJECT: LONG\n\n1. (C) " + "\n".join(lines) + "\n").encode()


def run(binary, args):
    start = time.perf_counter()
    p = subprocess.run([binary] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - start
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.decode(errors='replace')[:500]}")
    return took


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/cablegraph"
    cases = [
        ("markers", markers, ".txt"),
        ("open-tags", open_tags, ".html"),
        ("pre-blocks", pre_blocks, ".html"),
        ("stray-bytes", stray_bytes, ".txt"),
        ("idless-jsonl", idless_jsonl, ".jsonl"),
        ("duplicates", duplicates, ".csv"),
        ("long-alias", None, ".txt"),
        ("explain", long_paragraph, ".txt"),
    ]
    bad = False
    with tempfile.TemporaryDirectory() as d:
        for name, make, ext in cases:
            times = []
            for n in SIZES:
                path = os.path.join(d, f"{name}{n}{ext}")
                if make is None:
                    data, g = long_alias(n, d)
                    args = ["extract", path, "-g", g, "-o", os.path.join(d, "out"), "--quiet"]
                elif make is long_paragraph:
                    data = make(n)
                    args = ["explain", path, "--quiet"]
                else:
                    data = make(n)
                    args = ["parse", "--json", path]
                with open(path, "wb") as f:
                    f.write(data)
                times.append(run(binary, args))
                os.remove(path)
            ratio = times[-1] / max(times[0], 1e-3)
            bad |= ratio > 16
            cells = "  ".join(f"{n} MiB {t:6.2f}s" for n, t in zip(SIZES, times))
            print(f"{name:13} {cells}  8/1 = {ratio:4.1f}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
