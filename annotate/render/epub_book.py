"""`epub` from a story that is no EPUB (.txt, .md, .html): a new EPUB 3, one file per chapter,
each glossed term a pop-up footnote (`epub_parts`; with `ruby`, a short gloss above its words),
a Glossary chapter at the end.

The title is the story's own (AO3 or Markdown heading, a text download's first lines), the
author what the file says (AO3's byline, `Author:`, `by ...` under the title) where it says it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from annotate.render.choice import Shown, choose
from annotate.render.epub_parts import (
    GLOSSARY_TITLE,
    Terms,
    aside,
    attribute,
    fits_above,
    glossary_page,
    noteref,
    page,
    ruby_end,
    ruby_start,
    text,
    zipped,
)
from annotate.render.glosses import gloss, title
from annotate.render.model import Glossed
from annotate.render.runs import Block, blocks, grouped, runs
from annotate.spotting import Spot
from annotate.story import Part, Story

SUFFIX = ".epub"
_BYLINE = re.compile(r'<a\s[^>]*rel="author"[^>]*>([^<]{1,200})</a>', re.I)
_AUTHOR_LINE = re.compile(r"^\s*(?:author|by)\s*:?\s+(\S[^\n]{0,100}?)\s*$", re.I | re.M)
_META_AUTHOR = re.compile(r'<meta\s+name="author"\s+content="([^"]{1,200})"', re.I)


@dataclass
class _Chapter:
    name: str  # the file, `chapter-1.xhtml`
    heading: str
    blocks: list[Block] = field(default_factory=list)


def book(item: Glossed, *, first: bool = False, every: bool = False, ruby: bool = False) -> bytes:
    """The story as a new EPUB 3 (`ruby`: short glosses above their words)."""
    story = item.story
    name = title(story)
    chapters = _chapters(story, name)
    shown = dict(zip(map(id, item.spots), choose(story, item.spots, every=every), strict=True))
    terms = Terms()
    files: list[tuple[str, bytes]] = []
    for chapter in chapters:
        body = _chapter(item, chapter, shown, terms, first=first, ruby=ruby)
        files.append((f"OEBPS/{chapter.name}", page(chapter.heading, body).encode()))
    files.append(("OEBPS/glossary.xhtml", glossary_page(terms.found.values()).encode()))
    author = author_of(Path(story.path))
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"gloss:{story.path}:{len(story.text)}")
    return zipped(
        [
            ("META-INF/container.xml", CONTAINER.encode()),
            ("OEBPS/content.opf", _package(name, author, identifier, chapters).encode()),
            ("OEBPS/nav.xhtml", _nav(name, chapters).encode()),
            *files,
        ]
    )


def _chapters(story: Story, name: str) -> list[_Chapter]:
    """The story cut at its chapter headings; what comes before the first (title, summary,
    notes) is a chapter of its own, named after the story."""
    found: list[_Chapter] = []
    current: _Chapter | None = None
    for block in blocks(story):
        section = story.part_at(block.start)
        starts = block.part == Part.chapter_title or (
            current is not None
            and section is not None
            and section.chapter is not None
            and current.blocks
            and _chapter_of(story, current.blocks[-1]) != section.chapter
        )
        if current is None or starts:
            heading = (
                " ".join(story.text[block.start : block.end].split())
                if block.part == Part.chapter_title
                else name
            )
            current = _Chapter(f"chapter-{len(found) + 1}.xhtml", heading or name)
            found.append(current)
        current.blocks.append(block)
    return found or [_Chapter("chapter-1.xhtml", name)]


def _chapter_of(story: Story, block: Block) -> int | None:
    section = story.part_at(block.start)
    return section.chapter if section else None


def _chapter(
    item: Glossed,
    chapter: _Chapter,
    shown: dict[int, Shown],
    terms: Terms,
    *,
    first: bool,
    ruby: bool,
) -> str:
    story = item.story
    notes: list[str] = []
    rubies = 0
    seen: set[int] = set()  # entries glossed in this chapter (--first)
    out: list[str] = []
    for block in chapter.blocks:
        pieces: list[str] = []
        for spot, group in grouped(runs(story, item.spots, block.start, block.end)):
            words = "".join(
                f"<em>{_lines(story.text[r.start : r.end])}</em>"
                if r.italic
                else _lines(story.text[r.start : r.end])
                for r in group
            )
            if spot is None:
                pieces.append(words)
                continue
            terms.add(spot.entry, chapter.name, chapter.heading)
            if not _glossed(spot, shown, seen, first=first):
                pieces.append(words)
                continue
            written = story.text[spot.start : spot.end]
            # (a ruby holds no line break)
            if ruby and "\n" not in written and fits_above(written, gloss(spot.entry)):
                rubies += 1
                pieces.append(f"{ruby_start('', rubies)}{words}{ruby_end(spot.entry)}")
                anchor = f"g{rubies}"
            else:
                number = len(notes) + 1
                pieces += [words, noteref("", number)]
                notes.append(aside("", number, " ".join(written.split()), spot.entry))
                anchor = f"r{number}"
            if terms.found[id(spot.entry)].href == chapter.name:
                terms.found[id(spot.entry)].href = f"{chapter.name}#{anchor}"
        inner = "".join(pieces)
        if block.part == Part.title:
            out.append(f"<h1>{inner}</h1>")
        elif block.part == Part.chapter_title:
            out.append(f"<h2>{inner}</h2>")
        else:
            out.append(f"<p>{inner}</p>")
    return "\n".join([*out, *notes])


def _glossed(spot: Spot, shown: dict[int, Shown], seen: set[int], *, first: bool) -> bool:
    if first:
        if not gloss(spot.entry) or id(spot.entry) in seen:
            return False
        seen.add(id(spot.entry))
        return True
    return shown[id(spot)] == Shown.gloss


def _lines(value: str) -> str:
    return "<br/>\n".join(text(line) for line in value.split("\n"))


def author_of(path: Path) -> str | None:
    """The author the story's file names near its start, if it names one."""
    try:
        with path.open("rb") as file:
            head = file.read(64 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return None
    for pattern in (_BYLINE, _META_AUTHOR, _AUTHOR_LINE):
        if match := pattern.search(head):
            return " ".join(match.group(1).split())
    return None


CONTAINER = """<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""


def _package(name: str, author: str | None, identifier: uuid.UUID, chapters: list[_Chapter]) -> str:
    modified = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    creator = f"<dc:creator>{text(author)}</dc:creator>\n" if author else ""
    items = "\n".join(
        f'<item id="c{i}" href="{c.name}" media-type="application/xhtml+xml"/>'
        for i, c in enumerate(chapters, 1)
    )
    spine = "\n".join(f'<itemref idref="c{i}"/>' for i in range(1, len(chapters) + 1))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:{identifier}</dc:identifier>
<dc:title>{text(name)}</dc:title>
{creator}<dc:language>en</dc:language>
<meta property="dcterms:modified">{modified}</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
{items}
<item id="glossary" href="glossary.xhtml" media-type="application/xhtml+xml"/>
</manifest>
<spine>
{spine}
<itemref idref="glossary"/>
</spine>
</package>
"""


def _nav(name: str, chapters: list[_Chapter]) -> str:
    entries = [(c.name, c.heading) for c in chapters] + [("glossary.xhtml", GLOSSARY_TITLE)]
    items = "\n".join(
        f'<li><a href="{attribute(href)}">{text(label)}</a></li>' for href, label in entries
    )
    return page(
        name, f'<nav epub:type="toc" id="toc">\n<h1>Contents</h1>\n<ol>\n{items}\n</ol>\n</nav>'
    )
