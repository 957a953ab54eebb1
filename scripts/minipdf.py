"""A minimal PDF writer (standard library only), shared by img2pdf.py and
text2pdf.py: numbered objects, one page tree, the cross-reference table."""


class Pdf:
    def __init__(self):
        self.objs = [b"", b""]  # 1: catalog, 2: page tree
        self.kids = []

    def add(self, body):
        """Add an object; its number."""
        self.objs.append(body)
        return len(self.objs)

    def page(self, width, height, resources, contents):
        """Add a page of `width` x `height` points drawing `contents`."""
        cid = self.add(b"<< /Length %d >>\nstream\n" % len(contents) + contents + b"\nendstream")
        self.kids.append(self.add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
                                  b"/Resources %s /Contents %d 0 R >>"
                                  % (width, height, resources, cid)))

    def write(self, path):
        self.objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
        self.objs[1] = (b"<< /Type /Pages /Kids [%s] /Count %d >>"
                        % (b" ".join(b"%d 0 R" % k for k in self.kids), len(self.kids)))
        buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, o in enumerate(self.objs, 1):
            offsets.append(len(buf))
            buf += b"%d 0 obj\n" % n + o + b"\nendobj\n"
        xref = len(buf)
        buf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objs) + 1)
        for off in offsets:
            buf += b"%010d 00000 n \n" % off
        buf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(self.objs) + 1, xref)
        open(path, "wb").write(buf)
