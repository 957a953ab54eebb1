#!/usr/bin/env python3
"""Hand-labelled evaluation of the resolve stage (issue 11).

Three commands:

  sample  OUTPUT_DIR SEED LABELS.csv [--exclude OTHER_LABELS.csv]... [--only TYPE N]
          Draw a stratified random sample of the mentions in
          OUTPUT_DIR/mentions.csv (at least 40 of every type, every mention
          of a type that has fewer; 420 in all, the rest in proportion to the
          type's share) with a fixed seed, and write a label file with an
          empty `verdict` column for the labeller. Mentions already in
          OTHER_LABELS.csv (the tuning set; --exclude may be given more than
          once) are never drawn, except for a type with fewer than 40
          mentions outside them (all are taken). With --only TYPE N: N
          mentions of that type only (a type-only held-out sample; the
          excluded mentions are never drawn).
  show    LABELS.csv PARSE.jsonl [--from N]
          Print each sampled mention in its context (the paragraph text from
          `cablegraph parse --json`), for judging. Nothing is written.
  score   LABELS.csv OUTPUT_DIR
          Precision per type and overall of the judged mentions that are in
          OUTPUT_DIR/mentions.csv (a label is joined on cable, paragraph,
          start, end and entity), and the misses. With the BEFORE output
          and the BEFORE labels this is the "before" figure; with the AFTER
          output and the BEFORE labels it shows what the stage did to the
          tuning set (mentions it removed no longer count).
  scoped  OUTPUT_DIR CABLES_COUNTRY [--country MX]
          Count every mention of an entity scoped to COUNTRY (the `country`
          column of the gazetteer, read from the shipped gazetteers/) in
          cables whose origin post and TAGS are not that country.

Label files (tests/labels/context-*.csv): cable, paragraph, start, end,
entity, type, surface, verdict (`right` or `wrong`), reason. Verdicts are a
person's judgement of the mention in its paragraph: `right` when the text
means that very entity.
"""
import csv
import json
import os
import random
import sys
from collections import Counter, defaultdict

LABEL_COLUMNS = ["cable", "paragraph", "start", "end", "entity", "type", "surface", "verdict", "reason"]
TOTAL = 420
MIN_PER_TYPE = 40


def read_mentions(out_dir):
    with open(os.path.join(out_dir, "mentions.csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def key(row):
    return (row["cable"], row["paragraph"], row["start"], row["end"], row["entity"])


def spot(row):
    return (row["cable"], row["paragraph"], row["start"])


def read_labels(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sample(out_dir, seed, path, exclude=None, only=None):
    rows = read_mentions(out_dir)
    if only:
        kind, n = only
        taken = {spot(r) for path in exclude or [] for r in read_labels(path)}
        pool = sorted((r for r in rows if r["type"] == kind and spot(r) not in taken), key=key)
        picked = random.Random(seed).sample(pool, min(n, len(pool)))
        write_sample(path, picked)
        return
    if exclude:
        # a type with too few mentions left outside the tuning set keeps all
        # of its mentions (the program type has 14 in the dev corpus)
        taken = {spot(r) for path in exclude for r in read_labels(path)}
        left = Counter(r["type"] for r in rows if spot(r) not in taken)
        rows = [r for r in rows if spot(r) not in taken or left[r["type"]] < MIN_PER_TYPE]
    by_type = defaultdict(list)
    for r in rows:
        by_type[r["type"]].append(r)
    rng = random.Random(seed)
    quota = {t: min(len(v), MIN_PER_TYPE) for t, v in by_type.items()}
    rest = TOTAL - sum(quota.values())
    spare = {t: len(v) - quota[t] for t, v in by_type.items()}
    total_spare = sum(spare.values()) or 1
    for t in sorted(by_type):
        quota[t] += min(spare[t], round(rest * spare[t] / total_spare))
    picked = []
    for t in sorted(by_type):
        v = sorted(by_type[t], key=key)
        picked += rng.sample(v, quota[t])
    write_sample(path, picked)


def write_sample(path, picked):
    picked.sort(key=lambda r: (r["cable"], int(r["paragraph"] or 0), int(r["start"])))
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(LABEL_COLUMNS)
        for r in picked:
            w.writerow([r["cable"], r["paragraph"], r["start"], r["end"], r["entity"], r["type"],
                        r["surface"].replace("\n", " "), "", ""])
    print(f"{len(picked)} mentions: {dict(Counter(r['type'] for r in picked))}", file=sys.stderr)


def show(path, parse_jsonl, start=0):
    paras = {}
    meta = {}
    with open(parse_jsonl, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            meta[c["id"]] = (c.get("origin"), c.get("tags"))
            for p in c["paragraphs"]:
                paras[(c["id"], str(p["number"]))] = p["text"]
    for i, r in enumerate(read_labels(path)):
        if i < start:
            continue
        text = paras.get((r["cable"], r["paragraph"]), "")
        s, e = int(r["start"]), int(r["end"])
        b = text.encode("utf-8")
        before = b[max(0, s - 110):s].decode("utf-8", "replace")
        after = b[e:e + 50].decode("utf-8", "replace")
        ctx = (before + "[[" + b[s:e].decode("utf-8", "replace") + "]]" + after).replace("\n", " ")
        o, t = meta.get(r["cable"], ("", ""))
        print(f"#{i} {r['cable']} ¶{r['paragraph']} {r['entity']} ({o}; {' '.join(t or [])})\n   {ctx}")


def score(path, out_dir):
    labels = read_labels(path)
    present = {key(r) for r in read_mentions(out_dir)}
    judged = [r for r in labels if r["verdict"] in ("right", "wrong")]
    unjudged = len(labels) - len(judged)
    kept = [r for r in judged if key(r) in present]
    per = defaultdict(Counter)
    for r in kept:
        per[r["type"]][r["verdict"]] += 1
    tot = Counter()
    print(f"{path} against {out_dir}: {len(kept)} of {len(judged)} judged mentions present"
          + (f" ({unjudged} not judged)" if unjudged else ""))
    print(f"{'type':14} {'right':>6} {'wrong':>6} {'precision':>10}")
    for t in sorted(per):
        c = per[t]
        tot.update(c)
        n = c["right"] + c["wrong"]
        print(f"{t:14} {c['right']:6} {c['wrong']:6} {100 * c['right'] / n:9.1f}%")
    n = tot["right"] + tot["wrong"]
    if n:
        print(f"{'overall':14} {tot['right']:6} {tot['wrong']:6} {100 * tot['right'] / n:9.1f}%")
    misses = [r for r in kept if r["verdict"] == "wrong"]
    if misses:
        print("wrong mentions still present:")
        for r in misses:
            print(f"  {r['cable']} ¶{r['paragraph']} {r['entity']} {r['surface']!r}: {r['reason']}")
    gone_right = [r for r in judged if key(r) not in present and r["verdict"] == "right"]
    gone_wrong = [r for r in judged if key(r) not in present and r["verdict"] == "wrong"]
    if gone_right or gone_wrong:
        print(f"no longer present: {len(gone_wrong)} wrong (fixed), {len(gone_right)} right (lost)")
        for r in gone_right:
            print(f"  lost: {r['cable']} ¶{r['paragraph']} {r['entity']} {r['surface']!r}: {r['reason']}")


def scoped(out_dir, country):
    here = os.path.dirname(os.path.abspath(__file__))
    gaz = os.path.join(here, "..", "gazetteers")
    scoped_ids = set()
    for name in sorted(os.listdir(gaz)):
        if name.endswith(".csv"):
            with open(os.path.join(gaz, name), newline="", encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    if country in (r.get("country") or "").split("|"):
                        scoped_ids.add(r["id"])
    posts = {}
    with open(os.path.join(here, "..", "data", "posts.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            posts[r["post"].lower()] = r["code"]
    home = {}
    with open(os.path.join(out_dir, "cables.csv"), newline="", encoding="utf-8") as f:
        for c in csv.DictReader(f):
            o = c["origin"]
            for p in ("Embassy ", "Consulate General ", "Consulate "):
                if o.startswith(p):
                    o = o[len(p):]
            tags = {t for cell in c["tags"].split("|") for t in cell.split()}
            home[c["id"]] = posts.get(o.lower()) == country or country in tags
    rows = [r for r in read_mentions(out_dir) if r["entity"] in scoped_ids and not home.get(r["cable"], False)]
    print(f"{len(rows)} mentions of {len(scoped_ids)} {country}-scoped entities in cables whose origin and TAGS are not {country}")
    for r in rows:
        print(f"  {r['cable']} ¶{r['paragraph']} {r['entity']} {r['surface']!r} {r.get('rule', '')}")


def main(argv):
    if len(argv) >= 4 and argv[0] == "sample":
        exclude = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--exclude"]
        only = None
        if "--only" in argv:
            i = argv.index("--only")
            only = (argv[i + 1], int(argv[i + 2]))
        sample(argv[1], int(argv[2]), argv[3], exclude, only)
    elif len(argv) >= 3 and argv[0] == "show":
        start = int(argv[argv.index("--from") + 1]) if "--from" in argv else 0
        show(argv[1], argv[2], start)
    elif len(argv) == 3 and argv[0] == "score":
        score(argv[1], argv[2])
    elif len(argv) >= 2 and argv[0] == "scoped":
        country = argv[argv.index("--country") + 1] if "--country" in argv else "MX"
        scoped(argv[1], country)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
