#!/usr/bin/env python3
"""Build 07_long_road_to_polis.epub from the XHTML sources in epub_src/.

Usage: python tests/data/extract/make_epub.py [OUT.epub]

The archive is a valid EPUB 3 container: `mimetype` stored (uncompressed) first, then
META-INF/container.xml, the OPF package (manifest + spine) and the XHTML documents. Entry dates
are fixed, so rebuilding from unchanged sources gives a byte-identical file.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "epub_src"
OUT = HERE / "07_long_road_to_polis.epub"

TITLE = "The Long Road to Polis"
AUTHOR = "northernlights_kru"
IDENTIFIER = "urn:uuid:6f1d2c0a-3b7e-4c55-9a1e-5d2b8f0c7e41"
MODIFIED = "2016-02-20T12:00:00Z"
# (file in epub_src/, manifest id); spine order. nav.xhtml is the EPUB 3 navigation document.
DOCUMENTS = [
    ("preface.xhtml", "preface"),
    ("chapter1.xhtml", "chapter1"),
    ("chapter2.xhtml", "chapter2"),
    ("afterword.xhtml", "afterword"),
]
NAV = "nav.xhtml"
FIXED_DATE = (2016, 2, 20, 12, 0, 0)

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def package_document() -> str:
    manifest = [
        f'    <item id="nav" href="{NAV}" media-type="application/xhtml+xml" properties="nav"/>'
    ]
    manifest += [
        f'    <item id="{ident}" href="{name}" media-type="application/xhtml+xml"/>'
        for name, ident in DOCUMENTS
    ]
    spine = [f'    <itemref idref="{ident}"/>' for _, ident in DOCUMENTS]
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"'
            ' unique-identifier="bookid" xml:lang="en">',
            '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
            f'    <dc:identifier id="bookid">{IDENTIFIER}</dc:identifier>',
            f"    <dc:title>{TITLE}</dc:title>",
            f"    <dc:creator>{AUTHOR}</dc:creator>",
            "    <dc:language>en</dc:language>",
            f'    <meta property="dcterms:modified">{MODIFIED}</meta>',
            "  </metadata>",
            "  <manifest>",
            *manifest,
            "  </manifest>",
            "  <spine>",
            *spine,
            "  </spine>",
            "</package>",
            "",
        ]
    )


def entries() -> list[tuple[str, bytes]]:
    """Every archive member after `mimetype`, in order."""
    members = [
        ("META-INF/container.xml", CONTAINER.encode()),
        ("OEBPS/content.opf", package_document().encode()),
        (f"OEBPS/{NAV}", (SRC / NAV).read_bytes()),
    ]
    members += [(f"OEBPS/{name}", (SRC / name).read_bytes()) for name, _ in DOCUMENTS]
    return members


def build(out: Path = OUT) -> Path:
    with zipfile.ZipFile(out, "w") as zf:
        info = zipfile.ZipInfo("mimetype", date_time=FIXED_DATE)
        info.compress_type = zipfile.ZIP_STORED
        zf.writestr(info, b"application/epub+zip")
        for name, data in entries():
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out


if __name__ == "__main__":
    target = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(target)
