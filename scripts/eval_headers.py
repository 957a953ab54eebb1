#!/usr/bin/env python3
"""Score cablegraph's header fields against hand-made labels.

  eval_headers.py [--bin PATH] --written tests/labels/headers-written.csv
  eval_headers.py [--bin PATH] --labels tests/labels/headers-dev.csv --corpus DIR [--subset tune|test]
  eval_headers.py [--bin PATH] --labels tests/labels/headers-dev2.csv --corpus DIR [--subset test2]

--written: cases written by hand (case,kind,field,expected,text): each text
is a whole cable; it is parsed and the one field compared.

--labels: header blocks of real cables judged by hand (cable,source,subset,
field,expected,verdict_note): SOURCE is relative to --corpus; the field is
compared with what `cablegraph parse --json` gives for that file. Any field
of the JSON can be labelled (headers-dev.csv: tags, subject, signers,
classified_by, references, recipients; headers-dev2.csv, a second held-out
sample drawn after the rules were tuned on the first, adds
classification_reasons and info).

Field values are compared as the labels write them: lists joined with `|`;
references as `L:ID` for a cable, `L:KIND:TEXT` otherwise (`-` when there
is no letter); empty = none. Prints per-field accuracy and every miss.
"""
import argparse, csv, json, os, subprocess, sys, tempfile
from collections import defaultdict


def value(c, field):
    v = c.get(field)
    if field == 'references':
        out = []
        for r in v or []:
            l = r.get('letter') or '-'
            if r.get('id'):
                out.append(f"{l}:{r['id']}")
            else:
                out.append(f"{l}:{r['kind']}:{r['text']}")
        return '|'.join(out)
    if isinstance(v, list):
        return '|'.join(v)
    if isinstance(v, bool):
        return 'true' if v else 'false'
    return v or ''


def parse(binary, paths):
    r = subprocess.run([binary, 'parse', '--json', '-q', *paths], capture_output=True, text=True)
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


def report(rows):
    by = defaultdict(lambda: [0, 0])
    misses = []
    for field, ok, line in rows:
        by[field][1] += 1
        if ok:
            by[field][0] += 1
        else:
            misses.append(line)
    tot = [sum(v[0] for v in by.values()), sum(v[1] for v in by.values())]
    for f in sorted(by):
        a, n = by[f]
        print(f"{f:>24}: {100*a/n:5.1f}% ({a}/{n})")
    print(f"{'all':>24}: {100*tot[0]/max(tot[1],1):5.1f}% ({tot[0]}/{tot[1]})")
    for m in misses:
        print('  miss', m)
    return tot


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default='target/release/cablegraph')
    ap.add_argument('--written')
    ap.add_argument('--labels')
    ap.add_argument('--corpus')
    ap.add_argument('--subset')
    a = ap.parse_args()
    if a.written:
        cases = list(csv.DictReader(open(a.written, encoding='utf-8')))
        got = {}
        # one run per case: cases share cable ids, and a run reads each
        # cable id once
        for c in cases:
            with tempfile.TemporaryDirectory() as d:
                f = os.path.join(d, c['case'] + '.txt')
                open(f, 'w', encoding='utf-8').write(c['text'])
                for g in parse(a.bin, [f]):
                    got[os.path.basename(g['source'])[:-4]] = g
        rows = []
        for c in cases:
            g = value(got.get(c['case'], {}), c['field'])
            ok = g == c['expected']
            rows.append((c['field'], ok, f"{c['case']} [{c['kind']}] {c['field']}: got {g!r} want {c['expected']!r}"))
        print(f"== written cases: {a.written}")
        report(rows)
    if a.labels:
        labels = [l for l in csv.DictReader(open(a.labels, encoding='utf-8'))
                  if not a.subset or l['subset'] == a.subset]
        sources = sorted({l['source'] for l in labels})
        got = {}
        for c in parse(a.bin, [os.path.join(a.corpus, s) for s in sources]):
            got[os.path.relpath(c['source'], a.corpus)] = c
        rows = []
        for l in labels:
            g = value(got.get(l['source'], {}), l['field'])
            ok = g == l['expected']
            rows.append((l['field'], ok, f"{l['cable']} {l['field']}: got {g!r} want {l['expected']!r}"))
        print(f"== labelled blocks: {a.labels} ({a.subset or 'all'}; {len(sources)} cables)")
        report(rows)


if __name__ == '__main__':
    main()
