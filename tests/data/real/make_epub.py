#!/usr/bin/env python3
"""Build each EPUB of the real-story corpus from its sources in epub_src/.

Usage: python tests/data/real/make_epub.py

`epub_src/NAME/` holds `meta.txt` (line 1 the title, line 2 the author) and the chapters as
complete XHTML documents (`01.xhtml`, `02.xhtml`, ... in reading order); it becomes `NAME.epub`
beside this script. The archive is a valid EPUB 3 container (`mimetype` stored first, the
container, the package document, a navigation document, the chapters) with fixed entry dates,
so unchanged sources give a byte-identical file.
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "epub_src"
FIXED_DATE = (2020, 1, 1, 0, 0, 0)
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def _title_of(document: str, default: str) -> str:
    m = re.search(r"<title>(.*?)</title>", document, re.S)
    return html.unescape(m.group(1)).strip() if m and m.group(1).strip() else default


def _package(title: str, author: str, ident: str, chapters: list[str]) -> str:
    items = [
        '    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
    ]
    items += [
        f'    <item id="c{i}" href="{name}" media-type="application/xhtml+xml"/>'
        for i, name in enumerate(chapters, 1)
    ]
    spine = [f'    <itemref idref="c{i}"/>' for i in range(1, len(chapters) + 1)]
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"'
            ' unique-identifier="bookid" xml:lang="en">',
            '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
            f'    <dc:identifier id="bookid">urn:uuid:{ident}</dc:identifier>',
            f"    <dc:title>{html.escape(title)}</dc:title>",
            f"    <dc:creator>{html.escape(author)}</dc:creator>",
            "    <dc:language>en</dc:language>",
            '    <meta property="dcterms:modified">2020-01-01T00:00:00Z</meta>',
            "  </metadata>",
            "  <manifest>",
            *items,
            "  </manifest>",
            "  <spine>",
            *spine,
            "  </spine>",
            "</package>",
            "",
        ]
    )


def _nav(title: str, entries: list[tuple[str, str]]) -> str:
    links = "\n".join(
        f'      <li><a href="{name}">{html.escape(label)}</a></li>' for name, label in entries
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{html.escape(title)}</title></head>
<body>
  <nav epub:type="toc" id="toc">
    <ol>
{links}
    </ol>
  </nav>
</body>
</html>
"""


def build(folder: Path) -> Path:
    meta = (folder / "meta.txt").read_text(encoding="utf-8").splitlines()
    title, author = meta[0].strip(), (meta[1].strip() if len(meta) > 1 else "anonymous")
    chapters = sorted(p.name for p in folder.glob("*.xhtml"))
    if not chapters:
        raise SystemExit(f"{folder}: no chapters (*.xhtml)")
    texts = {name: (folder / name).read_text(encoding="utf-8") for name in chapters}
    ident = hashlib.sha256(folder.name.encode()).hexdigest()
    ident = f"{ident[:8]}-{ident[8:12]}-{ident[12:16]}-{ident[16:20]}-{ident[20:32]}"
    members = [
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", _package(title, author, ident, chapters)),
        (
            "OEBPS/nav.xhtml",
            _nav(
                title, [(n, _title_of(texts[n], f"Chapter {i}")) for i, n in enumerate(chapters, 1)]
            ),
        ),
        *((f"OEBPS/{name}", texts[name]) for name in chapters),
    ]
    out = HERE / f"{folder.name}.epub"
    with zipfile.ZipFile(out, "w") as zf:
        info = zipfile.ZipInfo("mimetype", FIXED_DATE)
        zf.writestr(info, "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, text in members:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            zf.writestr(info, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return out


def main() -> int:
    for folder in sorted(p for p in SOURCES.iterdir() if p.is_dir()):
        print(build(folder).name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
