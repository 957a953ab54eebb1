#!/usr/bin/env python3
"""Precision and recall of `cablegraph extract` against hand labels.

tests/labels/paragraphs.csv lists the labelled paragraphs (cable, number,
source: the seed fixture, or a page under the dev corpus);
tests/labels/labels.csv holds, per paragraph, every entity mention the
ideal gazetteer should find (places excluded, as `extract` excludes them
by default): `cable,paragraph,entity,surface,count,type`, where `entity`
is a gazetteer id or `NEW:name` (the gazetteer lacks it), `count` how
many times that entity is mentioned in the paragraph, `type` the type of
a NEW entity.

Mentions are compared per (cable, paragraph, entity) as counts: true
positives are min(gold, found). The script also runs `suggest` on the
same cables and counts the misses whose surface or name it proposes.

    python3 scripts/eval_labels.py [--bin target/debug/cablegraph]
        [--corpus /work/shared/corpus] [--gazetteers gazetteers] [-g PATH]
"""
import argparse, collections, csv, html, io, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def render_html(path):
    page = open(path, encoding="utf-8", errors="replace").read()
    seen, out = set(), []
    for p in re.findall(r"<pre[^>]*>(.*?)</pre>", page, re.S):
        t = html.unescape(re.sub(r"<[^>]+>", "", p))
        if t not in seen:
            seen.add(t)
            out.append(t)
    return "\n\n".join(out)


def key(s):
    return re.sub(r"\s+", " ", s).strip().lower()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/debug/cablegraph"))
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("--gazetteers", default=os.path.join(ROOT, "gazetteers"),
                    help="directory of the gazetteer CSVs, for the types of labelled ids")
    ap.add_argument("-g", dest="g", action="append", default=[],
                    help="gazetteer passed to cablegraph (default: built-in)")
    a = ap.parse_args()
    lab = os.path.join(ROOT, "tests/labels")
    paras = list(csv.DictReader(open(os.path.join(lab, "paragraphs.csv"))))
    labels = list(csv.DictReader(open(os.path.join(lab, "labels.csv"))))
    kinds = {}
    if os.path.isdir(a.gazetteers):
        for f in sorted(os.listdir(a.gazetteers)):
            if f.endswith(".csv"):
                for r in csv.DictReader(open(os.path.join(a.gazetteers, f), encoding="utf-8")):
                    kinds[r["id"]] = r["type"]
    tmp = tempfile.mkdtemp()
    inputs = []
    for src in sorted({p["source"] for p in paras}):
        if src.startswith("tests/"):
            inputs.append(os.path.join(ROOT, src))
        else:
            out = os.path.join(tmp, os.path.basename(src).rsplit(".", 1)[0] + ".txt")
            open(out, "w", encoding="utf-8").write(render_html(os.path.join(a.corpus, src)))
            inputs.append(out)
    gargs = sum([["-g", g] for g in a.g], [])
    found = subprocess.run([a.bin, "mentions", "-q", *gargs, *inputs],
                           check=True, capture_output=True, text=True).stdout
    sampled = {(p["cable"], p["paragraph"]) for p in paras}
    pred, ptype, psurf = collections.Counter(), {}, collections.defaultdict(list)
    for r in csv.DictReader(io.StringIO(found)):
        k = (r["cable"], r["paragraph"], r["entity"])
        if k[:2] in sampled:
            pred[k] += 1
            ptype[r["entity"]] = r["type"]
            psurf[k].append(r["surface"])
    gold, gtype, gsurf = collections.Counter(), {}, {}
    for r in labels:
        k = (r["cable"], r["paragraph"], r["entity"])
        gold[k] += int(r["count"])
        gtype[r["entity"]] = r["type"] or kinds.get(r["entity"]) or ptype.get(r["entity"], "?")
        gsurf.setdefault(k, []).append(r["surface"])
    typ = lambda e: gtype.get(e) or kinds.get(e) or ptype.get(e, "?")
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    misses, false_pos = [], []
    for k in set(gold) | set(pred):
        t = min(gold[k], pred[k])
        tp[typ(k[2])] += t
        if pred[k] > t:
            fp[typ(k[2])] += pred[k] - t
            false_pos.append((k, pred[k] - t, psurf.get(k)))
        if gold[k] > t:
            fn[typ(k[2])] += gold[k] - t
            misses.append((k, gold[k] - t, gsurf.get(k)))
    print(f"{len(sampled)} paragraphs, {sum(gold.values())} labelled mentions, "
          f"{sum(pred.values())} found\n")
    print(f"{'type':<14}{'gold':>6}{'found':>7}{'tp':>6}{'P':>8}{'R':>8}")
    for t in sorted(set(tp) | set(fp) | set(fn)) + ["all"]:
        T = sum(tp.values()) if t == "all" else tp[t]
        F = sum(fp.values()) if t == "all" else fp[t]
        N = sum(fn.values()) if t == "all" else fn[t]
        P = T / (T + F) if T + F else float("nan")
        R = T / (T + N) if T + N else float("nan")
        print(f"{t:<14}{T + N:>6}{T + F:>7}{T:>6}{P:>8.2f}{R:>8.2f}")
    # what suggest would add
    sug = subprocess.run([a.bin, "suggest", "-q", *gargs, *inputs],
                         check=True, capture_output=True, text=True).stdout
    proposed = set()
    for r in csv.DictReader(io.StringIO(sug)):
        names = [r["name"], *[x for x in r["aliases"].split("|") if x]]
        for n in names:
            proposed.add(key(n))
            proposed.add(key(n.split(" ")[-1]))
    covered, cov_ents = 0, set()
    for k, n, surfaces in misses:
        name = k[2][4:] if k[2].startswith("NEW:") else None
        if any(key(s) in proposed for s in (surfaces or [])) or (name and key(name) in proposed):
            covered += n
            cov_ents.add(k[2])
    total = sum(n for _, n, _ in misses)
    print(f"\nmisses: {total} mentions of {len({k[2] for k, _, _ in misses})} entities; "
          f"suggest proposes {covered} of them ({len(cov_ents)} entities: "
          f"{', '.join(sorted(cov_ents))})")
    print("\nmissed (cable ¶ entity ×n surfaces):")
    for k, n, s in sorted(misses):
        print(f"  {k[0]} ¶{k[1]} {k[2]} ×{n} {s}")
    print("\nfalse positives:")
    for k, n, s in sorted(false_pos):
        print(f"  {k[0]} ¶{k[1]} {k[2]} ×{n} {s}")


if __name__ == "__main__":
    main()
