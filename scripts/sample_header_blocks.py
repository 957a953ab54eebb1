#!/usr/bin/env python3
"""Draw the hand-labelled header blocks: 150 files of the dev corpus (the
WikiLeaks pages and the Latin-1 texts), at random with seed 13, in the order
drawn; the first 50 are the tuning subset, the other 100 the reported (test)
subset of tests/labels/headers-dev.csv.

  sample_header_blocks.py CORPUS_DIR   # prints the 150 paths, one a line
"""
import glob, os, random, sys

corpus = sys.argv[1]
pool = sorted(glob.glob(os.path.join(corpus, 'cablegate-html/*/*/*.html'))) + \
    sorted(glob.glob(os.path.join(corpus, 'latin1-text/*.txt')))
for i, p in enumerate(random.Random(13).sample(pool, 150)):
    print('tune' if i < 50 else 'test', os.path.relpath(p, corpus))
