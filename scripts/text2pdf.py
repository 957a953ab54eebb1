#!/usr/bin/env python3
"""Print a text cable into a PDF with a text layer, as a browser's or a word
processor's "print to PDF" does: Courier 10 pt on Letter pages, 54 lines a
page, one text line per PDF line, so `pdftotext -layout` gives the lines back.

Usage: text2pdf.py IN.txt OUT.pdf

A form feed in the text starts a new page.

Standard library only. Characters outside Windows-1252 print as `?`.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from minipdf import Pdf  # noqa: E402

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
    pdf = Pdf()
    font = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    for page in pages:
        body = b"BT /F1 10 Tf 12 TL 72 720 Td\n"
        for line in page:
            body += b"(" + esc(line) + b") Tj T*\n"
        pdf.page(612, 792, b"<< /Font << /F1 %d 0 R >> >>" % font, body + b"ET")
    pdf.write(sys.argv[2])

if __name__ == "__main__":
    main()
