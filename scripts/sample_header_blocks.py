#!/usr/bin/env python3
"""Draw the hand-labelled header blocks from the dev corpus (the WikiLeaks
pages and the Latin-1 texts), at random with a fixed seed, in the order drawn.

  sample_header_blocks.py CORPUS_DIR
      # tests/labels/headers-dev.csv: 150 paths, seed 13; the first 50 are
      # the tuning subset, the other 100 the first reported (test) subset
  sample_header_blocks.py CORPUS_DIR --seed 2026 --n 100 --subset test2 \\
      --exclude tests/labels/headers-dev.csv
      # tests/labels/headers-dev2.csv: a fresh held-out sample of 100 files,
      # none of them a cable already labelled in the excluded files

Prints `subset path` lines, one per file.
"""
import argparse, csv, glob, os, random

ap = argparse.ArgumentParser()
ap.add_argument('corpus')
ap.add_argument('--seed', type=int, default=13)
ap.add_argument('--n', type=int, default=150)
ap.add_argument('--subset', help='name every drawn file with this subset')
ap.add_argument('--exclude', action='append', default=[],
                help='labels CSV whose cables are left out of the pool')
a = ap.parse_args()

pool = sorted(glob.glob(os.path.join(a.corpus, 'cablegate-html/*/*/*.html'))) + \
    sorted(glob.glob(os.path.join(a.corpus, 'latin1-text/*.txt')))
done = set()
for f in a.exclude:
    done |= {r['cable'] for r in csv.DictReader(open(f, encoding='utf-8'))}
pool = [p for p in pool if os.path.basename(p).rsplit('.', 1)[0] not in done]
# a pool smaller than --n is taken whole (in the seed's order)
for i, p in enumerate(random.Random(a.seed).sample(pool, min(a.n, len(pool)))):
    subset = a.subset or ('tune' if i < 50 else 'test')
    print(subset, os.path.relpath(p, a.corpus))
