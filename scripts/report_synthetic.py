#!/usr/bin/env python3
"""Write a synthetic corpus for sizing report.html: a gazetteer of N entities
and plain-text cables whose paragraphs link them into about E distinct pairs
(mention counts fall off like a power law, as in real cables).

    scripts/report_synthetic.py DIR [N=2000] [E=20000]
    cablegraph report DIR/cables -g DIR/gazetteer.csv -o DIR/report.html

Deterministic (fixed seed); standard library only.
"""
import itertools
import os
import random
import string
import sys


def name(i):
    s = ''
    for _ in range(4):
        s += string.ascii_uppercase[i % 26]
        i //= 26
    return 'ENT' + s


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    want = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    rnd = random.Random(7)
    types = ['agency', 'person', 'program', 'organization', 'group', 'unit']
    os.makedirs(os.path.join(out, 'cables'), exist_ok=True)
    with open(os.path.join(out, 'gazetteer.csv'), 'w', encoding='utf-8') as f:
        f.write('id,type,name,aliases,notes\n')
        for i in range(n):
            f.write(f'e-{i:04d},{types[i % len(types)]},{name(i)},,synthetic\n')
    weights = [1 / (i + 1) ** 0.9 for i in range(n)]
    filler = ('the delegation discussed cooperation on border security and '
              'judicial reform with officials who said that').split()
    pairs = set()
    c = 0
    while len(pairs) < want:
        c += 1
        paras = []
        for p in range(1, 6):
            ents = set(rnd.choices(range(n), weights=weights, k=rnd.choice([2, 2, 3, 3, 4])))
            if rnd.random() < 0.5:
                ents.add(rnd.randrange(n))
            ents = sorted(ents)
            pairs.update(itertools.combinations(ents, 2))
            words = []
            for e in ents:
                words += rnd.sample(filler, 8) + [name(e)]
            words += rnd.sample(filler, 10)
            paras.append(f'{p}. (C) ' + ' '.join(words) + ' — café señor.')
        text = ('CONFIDENTIAL\n\nE.O. 12958: DECL: 01/01/2020\nTAGS: PGOV PREL\n'
                f'SUBJECT: SYNTHETIC CABLE {c}\n\n' + '\n\n'.join(paras) + '\n')
        with open(os.path.join(out, 'cables', f'10SYNTH{c}.txt'), 'w', encoding='utf-8') as f:
            f.write(text)
    print(f'{out}: {n} entities, {c} cables, {len(pairs)} pairs', file=sys.stderr)


if __name__ == '__main__':
    main()
