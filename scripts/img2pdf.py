#!/usr/bin/env python3
"""Write JPEG pages into an image-only PDF (no text layer), as a scanner does.

Usage: img2pdf.py DPI OUT.pdf PAGE.jpg...

Standard library only: each JPEG is embedded as it is (DCTDecode), one page
per image, the page sized from the image's pixels at DPI. Used by
make_scans.sh, since ImageMagick's PDF writer is disabled by Debian's policy.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from minipdf import Pdf  # noqa: E402


def jpeg_size(data):
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            raise ValueError("not a JPEG")
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            comps = data[i + 9]
            return w, h, comps
        i += 2 + length
    raise ValueError("no frame in JPEG")


def main():
    dpi = float(sys.argv[1])
    out = sys.argv[2]
    pdf = Pdf()
    for p in sys.argv[3:]:
        data = open(p, "rb").read()
        w, h, comps = jpeg_size(data)
        cs = b"/DeviceGray" if comps == 1 else b"/DeviceRGB"
        img = pdf.add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s "
                      b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
                      % (w, h, cs, len(data)) + data + b"\nendstream")
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        pdf.page(pw, ph, b"<< /XObject << /Im0 %d 0 R >> >>" % img,
                 b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph))
    pdf.write(out)

if __name__ == "__main__":
    main()
