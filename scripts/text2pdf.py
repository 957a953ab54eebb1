#!/usr/bin/env python3
"""Print a text cable into a PDF with a text layer, as a browser's or a word
processor's "print to PDF" does: Courier 10 pt on Letter pages, 54 lines a
page, one text line per PDF line, so `pdftotext -layout` gives the lines back.

Usage: text2pdf.py IN.txt OUT.pdf

A form feed in the text starts a new page.

Standard library only. Characters outside Windows-1252 print as `?`.
"""
import sys

LINES_PER_PAGE = 54


def esc(s):
    b = s.encode("cp1252", errors="replace")
    return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def main():
    text = open(sys.argv[1], encoding="utf-8").read().expandtabs(8)
    pages = []
    for part in text.split("\f"):  # a form feed starts a new page
        lines = part.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        pages += [lines[i:i + LINES_PER_PAGE] for i in range(0, max(len(lines), 1), LINES_PER_PAGE)]
    objs = []

    def add(b):
        objs.append(b)
        return len(objs)

    catalog = add(b"")
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    kids = []
    for page in pages:
        body = b"BT /F1 10 Tf 12 TL 72 720 Td\n"
        for l in page:
            body += b"(" + esc(l) + b") Tj T*\n"
        body += b"ET"
        cid = add(b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_id, font, cid)))
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objs[pages_id - 1] = (b"<< /Type /Pages /Kids [%s] /Count %d >>"
                          % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, o in enumerate(objs, 1):
        offsets.append(len(buf))
        buf += b"%d 0 obj\n" % n + o + b"\nendobj\n"
    xref = len(buf)
    buf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        buf += b"%010d 00000 n \n" % off
    buf += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    open(sys.argv[2], "wb").write(buf)


if __name__ == "__main__":
    main()
