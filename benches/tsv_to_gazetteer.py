#!/usr/bin/env python3
"""Turn a peer-benchmark gazetteer (TSV: canonical_id, type, alias) into a
cablegraph gazetteer CSV (id,type,name,aliases,notes).

usage: tsv_to_gazetteer.py IN.tsv OUT.csv

Aliases that fold to the same key as an earlier one (case, accents,
typographic quotes, white space — cablegraph's rules) are dropped, so the
result passes `cablegraph gazetteer check`; the number dropped is printed.
"""
import csv, re, sys, unicodedata

def key(a):
    a = unicodedata.normalize("NFD", a)
    a = "".join(c for c in a if not unicodedata.combining(c))
    a = a.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", a).strip().lower()

src, dst = sys.argv[1], sys.argv[2]
ents, seen, dropped = {}, set(), 0
with open(src, encoding="utf-8") as f:
    rows = csv.reader(f, delimiter="\t")
    next(rows)
    for cid, typ, alias in rows:
        k = key(alias)
        if not k or k in seen or not any(c.isalnum() for c in alias):
            dropped += 1
            continue
        seen.add(k)
        ents.setdefault(cid, [typ, []])[1].append(alias)
with open(dst, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "type", "name", "aliases", "notes"])
    for i, (cid, (typ, aliases)) in enumerate(sorted(ents.items())):
        slug = "b%06d" % i
        w.writerow([slug, typ.lower(), aliases[0], "|".join(aliases[1:]), cid])
print("%d entities, %d aliases kept, %d dropped -> %s" % (len(ents), len(seen), dropped, dst))
