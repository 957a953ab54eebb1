#!/usr/bin/env python3
"""Score the OCR path on scanned printouts against the printed text itself.

    scripts/eval_printouts.py [--bin PATH] TEXT_DIR SCAN_DIR

TEXT_DIR holds the printed cables (K.txt, as scripts/dev_printouts.py
writes them); SCAN_DIR their scans (K-DPI.pdf, as scripts/make_scans.sh
makes them from TEXT_DIR/*.txt). The parse of each text is the truth (the
structure parser reads clean text right; tests/labels/ shows how often):
per scan, the id; paragraph numbers and markings, position by position
(the i-th paragraph must carry the i-th number), and also as matched in
order (longest common subsequence, so one lost marker costs one); and
entity recall, per (paragraph, entity) of the text's mentions.

Each scan page is OCR'd once: the word tables are kept in
SCAN_DIR/.ocr-cache (CABLEGRAPH_OCR_CACHE, unless already set), so a second
run measures changed text rules without running Tesseract again. Time a
run with the cache emptied.
"""
import argparse, csv, glob, io, json, os, re, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_pdf import lcs  # noqa: E402


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True).stdout


def mentions(binary, path):
    rows = csv.DictReader(io.StringIO(run(binary, 'mentions', '-q', path)))
    return {(r['paragraph'], r['entity']) for r in rows}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default='target/release/cablegraph')
    ap.add_argument('texts')
    ap.add_argument('scans')
    a = ap.parse_args()
    os.environ.setdefault('CABLEGRAPH_OCR_CACHE', os.path.join(a.scans, '.ocr-cache'))
    tot = dict(ids=[0, 0], pos=[0, 0], seq=[0, 0], mark=[0, 0], rec=[0, 0])
    for scan in sorted(glob.glob(os.path.join(a.scans, '*-*.pdf'))):
        k = re.match(r'(\d+)-', os.path.basename(scan)).group(1)
        text = os.path.join(a.texts, f'{k}.txt')
        t = json.loads(run(a.bin, 'parse', '--json', '-q', text).splitlines()[0])
        s = json.loads((run(a.bin, 'parse', '--json', '-q', scan).splitlines() or ['{}'])[0])
        tn = [p['number'] for p in t['paragraphs']]
        sn = [p['number'] for p in s.get('paragraphs', [])]
        tm = [p['classification'] for p in t['paragraphs']]
        sm = [p['classification'] for p in s.get('paragraphs', [])]
        pos = sum(1 for i, n in enumerate(tn) if i < len(sn) and sn[i] == n)
        mark = sum(1 for i, n in enumerate(tm) if i < len(sm) and sm[i] == n)
        seq = lcs(tn, sn)
        tmen, smen = mentions(a.bin, text), mentions(a.bin, scan)
        rec = len(tmen & smen)
        ok = s.get('id') == t['id']
        print(f"{os.path.basename(scan)} {t['id']}: id {'ok' if ok else 'got ' + str(s.get('id'))}; "
              f"numbers {pos}/{len(tn)} in place, {seq}/{len(tn)} in order; markings {mark}/{len(tm)}; "
              f"recall {rec}/{len(tmen)}; read {sn}")
        for key, (x, n) in dict(ids=(int(ok), 1), pos=(pos, len(tn)), seq=(seq, len(tn)),
                                mark=(mark, len(tm)), rec=(rec, len(tmen))).items():
            tot[key][0] += x
            tot[key][1] += n
    for key, (x, n) in tot.items():
        print(f"{key:5} {x}/{n} = {100 * x / max(n, 1):.1f}%")


if __name__ == '__main__':
    main()
