#!/usr/bin/env python3
"""Build a Cablegate-format `cables.csv` dump from WikiLeaks cable pages.

usage: make_dump.py PAGES_DIR OUT.csv [COPIES] [MIN_BYTES]

The dump format is the real one: 8 columns
`row,date,refid,origin,classification,references,header,content`, every field
double-quoted, `"` inside a field written as `\\"`, no header row, newlines
inside fields, Windows-1252 bytes (so `¶` is 0xB6). The pages are read in
sorted order and written COPIES times (default: as many as it takes to reach
MIN_BYTES, default 268,435,456), rows numbered on. Copies after the first get
their reference id renumbered (`09MEXICO283-2` for the second copy), so every row
stays a distinct cable: cablegraph reads each id once (issue 17) and would
otherwise skip the copies. Nothing of the input is kept in the repository; this
only writes OUT.
"""
import glob, html, os, re, sys

src, out = sys.argv[1], sys.argv[2]
copies = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] != "0" else 0
min_bytes = int(sys.argv[4]) if len(sys.argv) > 4 else 256 * 1024 * 1024

def cell(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

rows = []
for f in sorted(glob.glob(os.path.join(src, "**", "*.html"), recursive=True)):
    page = open(f, encoding="utf-8", errors="replace").read()
    m = re.search(r"<th>Reference ID</th>(.*?)</table>", page, re.S)
    if not m:
        continue
    tds = [html.unescape(re.sub(r"<[^>]+>", "", t)).strip() for t in re.findall(r"<td>(.*?)</td>", m.group(1), re.S)]
    if len(tds) < 5:
        continue
    refid, created, _released, classification, origin = tds[:5]
    y, mo, d = created[:10].split("-")
    hh, mm = created[11:16].split(":")
    date = "%d/%d/%s %d:%s" % (int(mo), int(d), y, int(hh), mm)
    pres = re.findall(r"<pre>(.*?)</pre>", page, re.S)[:2]
    parts = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in pres]
    header = parts[0] if parts else ""
    content = parts[1] if len(parts) > 1 else ""
    rows.append((date, refid, origin, classification, "", header, content))

one = sum(len(r[5]) + len(r[6]) + 100 for r in rows)
if not copies:
    copies = max(1, -(-min_bytes // max(one, 1)))
n = 0
with open(out + ".tmp", "wb") as w:
    for c in range(copies):
        for r in rows:
            n += 1
            if c:
                r = (r[0], "%s-%d" % (r[1], c + 1)) + r[2:]
            line = ",".join([cell(str(n))] + [cell(x) for x in r]) + "\n"
            w.write(line.encode("cp1252", errors="replace"))
os.replace(out + ".tmp", out)
print("%d pages x %d copies = %d rows, %d bytes -> %s" % (len(rows), copies, n, os.path.getsize(out), out))
