#!/usr/bin/env python3
"""Check a `cablegraph extract` output directory with real clients.

Usage: check_exports.py DIR

- pandas and Python's csv module read every CSV: UTF-8, the contract's
  header columns first, no cell over Excel's 32,767 characters, ISO dates;
- networkx reads graph.graphml, graph.gexf and graph.json, and each must
  hold exactly the node ids, labels, types and mention counts of nodes.csv
  and the edge pairs and weights of edges.csv;
- the node measures in nodes.csv match networkx (degree, weighted degree,
  PageRank within 1e-5, connected components);
- cooccurrences.csv has one row per unit of every edge: rows per pair ==
  Weight and distinct cables per pair == Cables;
- `dot -Tsvg` renders graph.dot with one SVG node and edge per CSV row;
- when the folder has cablegraph.xlsx (`--format xlsx`): openpyxl reads its
  four sheets, each with a frozen header row and a filter; Cables, Entities
  and Links hold the rows of cables.csv, nodes.csv and edges.csv (dates as
  dates, counts as numbers, text identical); Evidence holds evidence.csv's
  rows when that file is there; no cell is a formula. With LibreOffice
  (`soffice`, required when CABLEGRAPH_REQUIRE_SOFFICE is set) the
  workbook is converted headless to .xlsx and to one CSV per sheet, and
  both must carry every cell unchanged.

Exits non-zero with a message on the first failure; prints what it checked.
Needs: pip install -r scripts/requirements-exports.txt; graphviz (`dot`).
"""

import csv
import datetime
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pandas as pd

CONTRACT = {
    "cables.csv": "id,created,released,classification,origin,subject,tags,paragraphs,source",
    "mentions.csv": "cable,paragraph,entity,label,type,surface,start,end",
    "nodes.csv": "Id,Label,Type,Mentions,Paragraphs,Cables",
    "edges.csv": "Source,Target,Type,Weight,Cables",
    "cooccurrences.csv": "source,target,cable,paragraph",
}
EXCEL_MAX = 32767
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$")


def fail(msg):
    print(f"check_exports: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def read_csvs(d):
    tables = {}
    for name, header in CONTRACT.items():
        path = d / name
        check(path.exists(), f"{name} missing")
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            fail(f"{name} is not UTF-8: {e}")
        rows = list(csv.reader(text.splitlines(keepends=True)))
        want = header.split(",")
        check(rows and rows[0][: len(want)] == want, f"{name}: header {rows[:1]} does not start with {want}")
        for i, row in enumerate(rows[1:], start=2):
            check(len(row) == len(rows[0]), f"{name}:{i}: {len(row)} cells, header has {len(rows[0])}")
            for cell in row:
                n = len(cell.encode("utf-16-le")) // 2
                check(n <= EXCEL_MAX, f"{name}:{i}: a cell of {n} characters")
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        check(list(df.columns[: len(want)]) == want, f"pandas reads {name} columns {list(df.columns)}")
        check(len(df) == len(rows) - 1, f"pandas reads {len(df)} rows of {name}, csv reads {len(rows) - 1}")
        tables[name] = df
    for col in ("created", "released"):
        for v in tables["cables.csv"][col]:
            check(v == "" or ISO.match(v), f"cables.csv: {col} {v!r} is not an ISO date")
    return tables


def expected(tables):
    nodes = {}
    for r in tables["nodes.csv"].itertuples(index=False):
        nodes[r.Id] = r
    edges = {}
    for r in tables["edges.csv"].itertuples(index=False):
        check(r.Type == "Undirected", f"edge type {r.Type}")
        check(r.Source < r.Target, f"edge {r.Source},{r.Target}: source is not the smaller id")
        edges[(r.Source, r.Target)] = r
    check(len(nodes) == len(tables["nodes.csv"]), "duplicate node ids in nodes.csv")
    check(len(edges) == len(tables["edges.csv"]), "duplicate edges in edges.csv")
    return nodes, edges


def compare(fmt, g, nodes, edges):
    check(not g.is_directed(), f"{fmt}: graph is directed")
    check(set(g.nodes) == set(nodes), f"{fmt}: node ids differ: {sorted(set(g.nodes) ^ set(nodes))}")
    for n, row in nodes.items():
        a = g.nodes[n]
        check(a.get("label") == row.Label, f"{fmt}: node {n} label {a.get('label')!r} != {row.Label!r}")
        check(a.get("type") == row.Type, f"{fmt}: node {n} type {a.get('type')!r} != {row.Type!r}")
        check(int(a.get("mentions")) == int(row.Mentions), f"{fmt}: node {n} mentions")
        check(abs(float(a.get("pagerank")) - float(row.PageRank)) < 1e-9, f"{fmt}: node {n} pagerank")
    got = {tuple(sorted((u, v))): d for u, v, d in g.edges(data=True)}
    check(g.number_of_edges() == len(edges), f"{fmt}: {g.number_of_edges()} edges, edges.csv has {len(edges)}")
    check(set(got) == set(edges), f"{fmt}: edge pairs differ: {sorted(set(got) ^ set(edges))[:5]}")
    for k, row in edges.items():
        check(float(got[k]["weight"]) == float(row.Weight), f"{fmt}: edge {k} weight {got[k]['weight']} != {row.Weight}")
        check(int(got[k]["cables"]) == int(row.Cables), f"{fmt}: edge {k} cables")
    print(f"  {fmt}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, labels/types/weights identical")


def measures(g, nodes):
    kw = dict(alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
    try:
        pr = nx.pagerank(g, **kw)
    except ImportError:  # networkx >= 3.0 wants scipy; its pure-Python twin needs nothing
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        pr = _pagerank_python(g, **kw)
    comp_of = {}
    for comp in nx.connected_components(g):
        for n in comp:
            comp_of[n] = min(comp)
    # components are numbered 1, 2, ... in the order of their smallest id
    order = {c: i + 1 for i, c in enumerate(sorted(set(comp_of.values())))}
    worst = 0.0
    for n, row in nodes.items():
        check(g.degree(n) == int(row.Degree), f"node {n}: degree {row.Degree}, networkx {g.degree(n)}")
        wd = g.degree(n, weight="weight")
        check(math.isclose(wd, float(row.WeightedDegree)), f"node {n}: weighted degree {row.WeightedDegree}, networkx {wd}")
        worst = max(worst, abs(pr[n] - float(row.PageRank)))
        check(order[comp_of[n]] == int(row.Component), f"node {n}: component {row.Component}, expected {order[comp_of[n]]}")
    check(worst < 1e-5, f"PageRank differs from networkx by {worst}")
    print(f"  measures: degree, weighted degree, components match networkx; PageRank max |diff| {worst:.2e}")


def evidence(tables, edges):
    rows = defaultdict(int)
    cables = defaultdict(set)
    for r in tables["cooccurrences.csv"].itertuples(index=False):
        rows[(r.source, r.target)] += 1
        cables[(r.source, r.target)].add(r.cable)
    check(set(rows) == set(edges), f"cooccurrences.csv pairs differ from edges.csv: {sorted(set(rows) ^ set(edges))[:5]}")
    for k, row in edges.items():
        check(rows[k] == int(row.Weight), f"edge {k}: weight {row.Weight} but {rows[k]} evidence rows")
        check(len(cables[k]) == int(row.Cables), f"edge {k}: cables {row.Cables} but {len(cables[k])} in evidence")
    print(f"  cooccurrences.csv: {sum(rows.values())} rows, per pair == Weight, distinct cables == Cables")


def dot(d, nodes, edges):
    r = subprocess.run(["dot", "-Tsvg", str(d / "graph.dot")], capture_output=True)
    check(r.returncode == 0, f"dot -Tsvg failed: {r.stderr.decode(errors='replace')}")
    svg = r.stdout.decode("utf-8")
    n_nodes = svg.count('class="node"')
    n_edges = svg.count('class="edge"')
    check(n_nodes == len(nodes), f"graph.dot renders {n_nodes} nodes, nodes.csv has {len(nodes)}")
    check(n_edges == len(edges), f"graph.dot renders {n_edges} edges, edges.csv has {len(edges)}")
    warn = r.stderr.decode(errors="replace").strip()
    print(f"  graph.dot: dot -Tsvg rendered {n_nodes} nodes, {n_edges} edges, {len(svg)} bytes" + (f" (stderr: {warn})" if warn else ""))


SHEETS = ["Cables", "Entities", "Links", "Evidence"]


def sheet_rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def as_text(v):
    """A workbook cell as the CSV writes it."""
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d %H:%M") if (v.hour, v.minute) != (0, 0) else v.strftime("%Y-%m-%d")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def same_dates(csv_value, cell):
    """A CSV date (`2009-02-04 17:08` or `2009-02-04`) and the workbook's date cell agree."""
    if csv_value == "":
        return cell is None
    fmt = "%Y-%m-%d %H:%M" if len(csv_value) > 10 else "%Y-%m-%d"
    return isinstance(cell, datetime.datetime) and cell.strftime(fmt) == csv_value


def workbook(d, tables):
    import openpyxl

    path = d / "cablegraph.xlsx"
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == SHEETS, f"cablegraph.xlsx sheets {wb.sheetnames}")
    rows = {}
    for ws in wb.worksheets:
        check(ws.freeze_panes == "A2", f"{ws.title}: header row not frozen ({ws.freeze_panes})")
        check(bool(ws.auto_filter.ref), f"{ws.title}: no filter")
        for row in ws.iter_rows():
            for c in row:
                check(c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula")
                if isinstance(c.value, str):
                    check(len(c.value.encode("utf-16-le")) // 2 <= EXCEL_MAX, f"{ws.title}!{c.coordinate} too long")
        rows[ws.title] = sheet_rows(ws)
    # Cables == cables.csv
    cables = tables["cables.csv"]
    got = rows["Cables"]
    check(len(got) - 1 == len(cables), f"Cables sheet {len(got) - 1} rows, cables.csv {len(cables)}")
    cols = list(cables.columns)
    for r, want in zip(got[1:], cables.itertuples(index=False)):
        for i, col in enumerate(cols[: len(r)]):
            v = getattr(want, col)
            if col in ("created", "released"):
                check(same_dates(v, r[i]), f"Cables {want.id}: {col} {r[i]!r} != {v!r}")
            elif col == "paragraphs":
                check(isinstance(r[i], (int, float)) and as_text(r[i]) == v, f"Cables {want.id}: paragraphs {r[i]!r}")
            else:
                check(as_text(r[i]) == v, f"Cables {want.id}: {col} {r[i]!r} != {v!r}")
    # Entities == nodes.csv, Links == edges.csv
    nodes = tables["nodes.csv"]
    got = rows["Entities"]
    check(len(got) - 1 == len(nodes), "Entities rows differ from nodes.csv")
    for r, want in zip(got[1:], nodes.itertuples(index=False)):
        check((r[0], r[1], r[2]) == (want.Id, want.Label, want.Type), f"Entities {r[:3]} != {want[:3]}")
        check(as_text(r[3]) == want.Mentions and as_text(r[6]) == want.Degree, f"Entities {want.Id}: counts")
        check(abs(float(r[8]) - float(want.PageRank)) < 1e-9, f"Entities {want.Id}: PageRank")
    edges = tables["edges.csv"]
    got = rows["Links"]
    check(len(got) - 1 == len(edges), "Links rows differ from edges.csv")
    for r, want in zip(got[1:], edges.itertuples(index=False)):
        check((r[0], r[1], as_text(r[3]), as_text(r[4])) == (want.Source, want.Target, want.Weight, want.Cables), f"Links {r[:5]}")
    n_ev = len(rows["Evidence"]) - 1
    if (d / "evidence.csv").exists():
        ev = pd.read_csv(d / "evidence.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        check(n_ev == len(ev), f"Evidence sheet {n_ev} rows, evidence.csv {len(ev)}")
        check(rows["Evidence"][0] == list(ev.columns), f"Evidence header {rows['Evidence'][0]}")
        for r, want in zip(rows["Evidence"][1:], ev.itertuples(index=False)):
            check(as_text(r[5]) == want.text, f"Evidence {want.cable} ¶{want.paragraph}: text differs")
            check(as_text(r[1]) == want.paragraph and same_dates(want.date, r[3]), f"Evidence {want.cable} ¶{want.paragraph}")
    print(f"  cablegraph.xlsx: openpyxl reads {', '.join(f'{k} {len(v) - 1}' for k, v in rows.items())} rows — "
          "frozen headers, filters, dates as dates, identical to the CSVs, no formulas")
    libreoffice(path, rows)


def libreoffice(path, rows):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        check(not os.environ.get("CABLEGRAPH_REQUIRE_SOFFICE"), "LibreOffice (soffice) is required")
        print("  cablegraph.xlsx: no LibreOffice here, conversion not checked")
        return
    import openpyxl

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        profile = f"-env:UserInstallation={(tmp / 'profile').as_uri()}"

        def convert(target, outdir):
            r = subprocess.run([soffice, profile, "--headless", "--convert-to", target, "--outdir", str(outdir), str(path)],
                               capture_output=True, timeout=300)
            check(r.returncode == 0, f"soffice --convert-to {target}: {r.stderr.decode(errors='replace')}")

        # xlsx -> LibreOffice -> xlsx: every cell the same
        (tmp / "x").mkdir()
        convert("xlsx", tmp / "x")
        back = openpyxl.load_workbook(tmp / "x" / path.name)
        check(back.sheetnames == SHEETS, f"LibreOffice: sheets {back.sheetnames}")
        cells = 0
        for name in SHEETS:
            got = [r for r in sheet_rows(back[name]) if any(v is not None for v in r)]
            want = rows[name]
            check(len(got) == len(want), f"LibreOffice {name}: {len(got)} rows, ours {len(want)}")
            for i, (a, b) in enumerate(zip(got, want)):
                a = a + [None] * (len(b) - len(a))
                for j, (x, y) in enumerate(zip(a, b)):
                    same = x == y or (isinstance(y, float) and isinstance(x, (int, float)) and math.isclose(x, y, abs_tol=1e-9))
                    if isinstance(y, datetime.datetime) and isinstance(x, datetime.datetime):
                        same = abs((x - y).total_seconds()) < 1
                    check(same, f"LibreOffice {name} row {i + 1} col {j + 1}: {x!r} != {y!r}")
                    cells += 1
        # one CSV per sheet (UTF-8, all sheets): the text cells survive
        (tmp / "c").mkdir()
        convert('csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', tmp / "c")
        for name in SHEETS:
            f = tmp / "c" / f"{path.stem}-{name}.csv"
            check(f.exists(), f"LibreOffice wrote no CSV for sheet {name}: {sorted(p.name for p in (tmp / 'c').iterdir())}")
            with open(f, encoding="utf-8", newline="") as fh:
                got = list(csv.reader(fh))
            want = rows[name]
            check(len(got) == len(want), f"LibreOffice CSV {name}: {len(got)} rows, ours {len(want)}")
            for i, (a, b) in enumerate(zip(got, want)):
                for j, y in enumerate(b):
                    if isinstance(y, str):
                        check(a[j] == y, f"LibreOffice CSV {name} row {i + 1} col {j + 1}: {a[j][:60]!r} != {y[:60]!r}")
        print(f"  cablegraph.xlsx: LibreOffice converts it headless to xlsx ({cells} cells identical) and to a CSV per sheet (text identical)")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    d = Path(sys.argv[1])
    print(f"check_exports: {d} (networkx {nx.__version__}, pandas {pd.__version__})")
    tables = read_csvs(d)
    print("  CSV: " + ", ".join(f"{n} {len(t)} rows" for n, t in tables.items()) + " — UTF-8, contract headers, cells <= 32767, ISO dates")
    nodes, edges = expected(tables)
    g_graphml = nx.read_graphml(d / "graph.graphml")
    compare("graph.graphml", g_graphml, nodes, edges)
    compare("graph.gexf", nx.read_gexf(d / "graph.gexf"), nodes, edges)
    with open(d / "graph.json", encoding="utf-8") as f:
        data = json.load(f)
    check(data["edges"] == data["links"], "graph.json: edges and links differ")
    compare("graph.json", nx.node_link_graph(data), nodes, edges)
    measures(g_graphml, nodes)
    evidence(tables, edges)
    dot(d, nodes, edges)
    if (d / "cablegraph.xlsx").exists():
        workbook(d, tables)
    print("check_exports: OK")


if __name__ == "__main__":
    main()
