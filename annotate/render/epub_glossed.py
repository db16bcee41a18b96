"""`epub` from an EPUB: the book back whole, only its glossed terms changed.

Every member is copied as it was (same bytes, same order, compression and dates) but the
chapters that gain notes, the package document (which lists the added Glossary chapter in its
manifest and spine) and the Glossary chapter itself. A chapter is changed by inserting markup
into its own source, never by re-serialising it: its markup, styles and ids stay as written.
A noteref goes after each glossed term and the notes before `</body>` (`epub_parts`), or with
`ruby` a short gloss around the term when no tag stands inside it; ids are
`gloss-r1`/`gloss-n1`/`gloss-g1`, so they meet none of the book's own, and a chapter that has them
already (a book glossed before) is left as it is.

The reader's limits hold here too: the archive's declared sizes and member count are checked
before anything is inflated, a chapter or package document past `MAX_MEMBER` is refused, its
XML read with defusedxml; a member whose name would leave the book is refused.
"""

from __future__ import annotations

import bisect
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from annotate.readers.epub import CORRUPT, MAX_MEMBER, MAX_TOTAL, check_sizes, damage, opened
from annotate.readers.opf import CONTAINER, parse_package, rootfile
from annotate.render.choice import Shown, choose
from annotate.render.epub_parts import (
    GLOSSARY_TITLE,
    OPS,
    Terms,
    aside,
    fits_above,
    glossary_page,
    noteref,
    ruby_end,
    ruby_start,
    zipped,
)
from annotate.render.glosses import gloss
from annotate.spotting import Spot, Spotter
from annotate.story import Span, Story
from glossary.errors import GlossError
from glossary.store.files import read_bytes

PREFIX = "gloss-"
GLOSSARY_ID = "gloss-glossary"
# Markup that is no text: comments, CDATA, processing instructions, declarations, tags.
_MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>|<[^>]*>", re.S)
_TAG = re.compile(r"<(/?)([\w:.-]+)")
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\xa0"}
_BLOCKS = """address article aside blockquote body br dd div dl dt figcaption figure footer h1 h2
h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul"""
_BLOCK = frozenset(_BLOCKS.split())
_NO_TEXT_TAGS = "head script style svg math aside nav rt rp title template"
_NO_TEXT = frozenset(_NO_TEXT_TAGS.split())
# Text that is read but gets no noteref inside: links (no link in a link), headings, ruby.
_NO_NOTE_TAGS = "a h1 h2 h3 h4 h5 h6 ruby sup sub"
_NO_NOTE = frozenset(_NO_NOTE_TAGS.split())
_HEADING = re.compile(r"<(?:\w+:)?h[1-6]\b[^>]*>(.*?)</(?:\w+:)?h[1-6]\s*>", re.I | re.S)
_BODY_END = re.compile(r"</(?:\w+:)?body\s*>", re.I)
_HTML_START = re.compile(r"<(?:\w+:)?html\b[^>]*>", re.I)
_GLOSSED = re.compile(rf'id="{PREFIX}[ng]\d')  # a note or a ruby gloss of an earlier run


def glossed_file(
    path: Path, spotter: Spotter, *, first: bool = False, every: bool = False, ruby: bool = False
) -> tuple[bytes, list[str]]:
    """The EPUB at `path` glossed, and what of it is missing (chapter files the spine names
    that the archive lacks: the rest is glossed, as the reader reads the rest)."""
    label = str(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_bytes says what is wrong
    if size > MAX_TOTAL:
        raise GlossError(f"{label}: refused: {size // 2**20} MB is no story")
    data = read_bytes(path, label)
    return glossed_book(data, label, spotter, first=first, every=every, ruby=ruby)


def glossed_book(
    raw: bytes,
    label: str,
    spotter: Spotter,
    *,
    first: bool = False,
    every: bool = False,
    ruby: bool = False,
) -> tuple[bytes, list[str]]:
    """The EPUB in `raw` with its terms glossed, and the chapter files it lacks; GlossError
    naming `label` when it cannot be glossed."""
    how = _How(first=first, every=every, ruby=ruby)
    return opened(raw, label, lambda a: _glossed(a, label, spotter, how))


@dataclass(frozen=True)
class _How:
    """How the terms are glossed: `first` only the first per chapter, `every` every one,
    `ruby` short glosses above their words (EPUB 3 only: XHTML 1.1 in EPUB 2 has no ruby)."""

    first: bool = False
    every: bool = False
    ruby: bool = False


def _glossed(
    archive: zipfile.ZipFile, label: str, spotter: Spotter, how: _How
) -> tuple[bytes, list[str]]:
    check_sizes(archive, label)
    seen: set[str] = set()
    for info in archive.infolist():
        name = info.filename
        if name.startswith("/") or "\\" in name or ".." in name.split("/"):
            raise GlossError(f"{label}: refused: member {name!r} would leave the book")
        if name in seen:  # which of the two a reader takes is anyone's guess
            raise GlossError(f"{label}: refused: member {name!r} is in the archive twice")
        seen.add(name)
    opf_path = _opf_path(archive, label)
    opf = _read(archive, opf_path, label, MAX_MEMBER)
    package = parse_package(opf, opf_path, label)
    base = posixpath.dirname(opf_path)
    glossary_name = _free_name(archive, posixpath.join(base, "gloss-glossary.xhtml"))
    epub2 = re.search(rb"<(?:[\w.-]+:)?package\b[^>]*\bversion=[\"']2", opf) is not None
    terms = Terms()
    changed: dict[str, bytes] = {}
    missing: list[str] = []
    for number, item in enumerate(package.spine, 1):
        if item.path not in archive.NameToInfo:
            missing.append(f"{label}: corrupt EPUB: {item.path} is missing; the rest was glossed")
            continue
        source = _read(archive, item.path, label, MAX_MEMBER)
        href = posixpath.relpath(item.path, base or ".")
        name = _heading(source) or f"Chapter {number}"
        new = gloss_chapter(
            source, spotter, terms, href, name, how.first, how.every, epub2=epub2, ruby=how.ruby
        )
        if new is not None:
            changed[item.path] = new
    try:
        opf_text = opf.decode("utf-8")
    except UnicodeDecodeError:
        raise GlossError(f"{label}: refused: {opf_path} is not UTF-8") from None
    changed[opf_path] = _listed(opf_text, glossary_name, base, label)
    nav = _nav_path(opf_text, base)
    if nav is not None and nav in archive.NameToInfo and not epub2:
        contents = _in_contents(_read(archive, nav, label, MAX_MEMBER), glossary_name, nav)
        if contents is not None:
            changed[nav] = contents
    members: list[tuple[zipfile.ZipInfo | str, bytes]] = []
    for info in archive.infolist():
        if info.is_dir():
            members.append((info, b""))
            continue
        data = changed.get(info.filename)
        members.append((info, data if data is not None else _read(archive, info, label, MAX_TOTAL)))
    members.append((glossary_name, glossary_page(terms.found.values(), epub2=epub2).encode()))
    return zipped(members), missing


def _opf_path(archive: zipfile.ZipFile, label: str) -> str:
    if CONTAINER in archive.NameToInfo:
        found = rootfile(_read(archive, CONTAINER, label, MAX_MEMBER), label)
        if found:
            return found
    opfs = sorted(n for n in archive.namelist() if n.lower().endswith(".opf"))
    if not opfs:
        raise GlossError(f"{label}: corrupt EPUB: no OPF package file")
    return opfs[0]


def _read(archive: zipfile.ZipFile, member: str | zipfile.ZipInfo, label: str, most: int) -> bytes:
    info = member if isinstance(member, zipfile.ZipInfo) else archive.getinfo(member)
    if info.file_size > most:
        raise GlossError(
            f"{label}: refused: {info.filename} would expand to {info.file_size // 2**20} MB"
        )
    try:
        with archive.open(info) as file:
            return file.read()  # never more than the declared size
    except CORRUPT as err:
        raise GlossError(f"{label}: corrupt EPUB: {info.filename} is {damage(err)}") from None


def _heading(raw: bytes) -> str | None:
    """The text of the chapter's first heading, for the glossary's links."""
    match = _HEADING.search(raw[: 64 * 1024].decode("utf-8", errors="replace"))
    if match is None:
        return None
    return " ".join(_decoded(_MARKUP.sub("", match.group(1)), 0)[0].split())[:100] or None


def _free_name(archive: zipfile.ZipFile, name: str) -> str:
    stem, suffix = posixpath.splitext(name)
    n = 1
    while name in archive.NameToInfo:
        n += 1
        name = f"{stem}-{n}{suffix}"
    return name


def _nav_path(opf: str, base: str) -> str | None:
    """The EPUB 3 navigation document the package names, if any."""
    for item in re.finditer(r"<(?:[\w.-]+:)?item\b[^>]*>", opf):
        tag = item.group()
        properties = re.search(r'\bproperties\s*=\s*["\']([^"\']*)', tag)
        href = re.search(r'\bhref\s*=\s*["\']([^"\']*)', tag)
        if properties and href and "nav" in properties.group(1).split():
            return posixpath.normpath(posixpath.join(base, unquote(href.group(1))))
    return None


def _in_contents(raw: bytes, glossary_name: str, nav: str) -> bytes | None:
    """The navigation document with the Glossary as the last entry of its table of contents;
    None (left as it is) when it holds no `toc` list gloss can find."""
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    toc = re.search(
        r"<(?:[\w.-]+:)?nav\b[^>]*\btoc\b[^>]*>(.*?)</(?:[\w.-]+:)?nav\s*>", source, re.S
    )
    if toc is None:
        return None
    ends = list(re.finditer(r"</((?:[\w.-]+:)?)ol\s*>", toc.group(1)))
    if not ends:
        return None
    href = posixpath.relpath(glossary_name, posixpath.dirname(nav) or ".")
    prefix = ends[-1].group(1)
    where = toc.start(1) + ends[-1].start()
    entry = f'<{prefix}li><{prefix}a href="{href}">{GLOSSARY_TITLE}</{prefix}a></{prefix}li>\n'
    return f"{source[:where]}{entry}{source[where:]}".encode()


def _listed(opf: str, glossary_name: str, base: str, label: str) -> bytes:
    """The package document with the Glossary chapter in its manifest and at the end of its
    spine (inserted before the closing tags, the rest as written)."""
    href = posixpath.relpath(glossary_name, base or ".")
    item = f'<item id="{GLOSSARY_ID}" href="{href}" media-type="application/xhtml+xml"/>'
    for tag, added in (("manifest", item), ("spine", f'<itemref idref="{GLOSSARY_ID}"/>')):
        ends = list(re.finditer(rf"</([\w.-]+:)?{tag}\s*>", opf))
        if not ends:
            raise GlossError(f"{label}: corrupt EPUB: the package document has no {tag}")
        prefix, where = ends[-1].group(1) or "", ends[-1].start()
        added = added.replace("<", f"<{prefix}", 1)
        line = opf.rfind("\n", 0, where) + 1
        indent = opf[line:where]
        if indent.strip():  # the closing tag shares its line: the item goes just before it
            opf = f"{opf[:where]}{added}{opf[where:]}"
        else:  # on a line of its own, indented as the others
            opf = f"{opf[:line]}{indent}  {added}\n{opf[line:]}"
    return opf.encode()


@dataclass
class _Text:
    """A chapter's text as the spotter reads it, and where each piece stands in the source."""

    text: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # offset in the text of each piece
    pieces: list[tuple[int, int, _Marks | None]] = field(default_factory=list)
    # per piece: its start in the source, its length in the text, and where entities make
    # the two differ, the marks that map one to the other
    paragraphs: list[Span] = field(default_factory=list)
    closed: list[tuple[int, int]] = field(default_factory=list)  # text where no note may go
    length: int = 0

    def add(self, decoded: str, source_start: int, offsets: _Marks | None) -> None:
        self.starts.append(self.length)
        self.pieces.append((source_start, len(decoded), offsets))
        self.text.append(decoded)
        self.length += len(decoded)

    def block(self) -> None:
        if self.length and not "".join(self.text[-1:]).endswith("\n\n"):
            self.text.append("\n\n")
            self.length += 2

    def source_start(self, start: int) -> int:
        """The source offset of the character at text offset `start` (one of a piece)."""
        i = bisect.bisect_right(self.starts, start) - 1
        source_start, _, marks = self.pieces[i]
        return _source(source_start, marks, start - self.starts[i])

    def source_end(self, end: int) -> int:
        """The source offset just after the character before text offset `end`."""
        i = bisect.bisect_right(self.starts, end - 1) - 1
        source_start, _, marks = self.pieces[i]
        return _source(source_start, marks, end - self.starts[i])


def read_text(source: str) -> _Text:
    """The text of a chapter's body (entities decoded, blocks apart by blank lines)."""
    found = _Text()
    hidden = 0  # depth inside elements with no text
    closed_depth = 0
    closed_from = 0
    pos = 0
    for match in _MARKUP.finditer(source):
        if match.start() > pos and not hidden:
            raw = source[pos : match.start()]
            decoded, offsets = _decoded(raw, pos)
            found.add(decoded, pos, offsets)
        pos = match.end()
        tag = _TAG.match(match.group())
        if tag is None:
            continue
        closing, name = tag.group(1) == "/", tag.group(2).rsplit(":", 1)[-1].lower()
        if match.group().endswith("/>"):
            if name in _BLOCK:
                found.block()
            continue
        if name in _NO_TEXT:
            hidden = max(0, hidden + (-1 if closing else 1))
        if name in _NO_NOTE:
            if not closing:
                if not closed_depth:
                    closed_from = found.length
                closed_depth += 1
            elif closed_depth:
                closed_depth -= 1
                if not closed_depth:
                    found.closed.append((closed_from, found.length))
        if name in _BLOCK:
            found.block()
    return found


# (offset in the decoded text, offset in the source) where an entity starts and after it ends
_Marks = list[tuple[int, int]]


def _decoded(raw: str, start: int) -> tuple[str, _Marks | None]:
    """`raw` with its entities decoded (each one character), and the marks that map the
    decoded text back to the source (`start`: where `raw` begins); None when it has none."""
    if "&" not in raw:
        return raw, None
    out: list[str] = []
    marks: _Marks = [(0, start)]
    pos = length = 0
    for match in _ENTITY.finditer(raw):
        out.append(raw[pos : match.start()])
        length += match.start() - pos
        marks.append((length, start + match.start()))
        out.append(_entity(match.group(1)))
        length += 1
        pos = match.end()
        marks.append((length, start + pos))
    out.append(raw[pos:])
    return "".join(out), marks


def _source(source_start: int, marks: _Marks | None, within: int) -> int:
    """Where decoded character `within` of a piece starts in the source (its end: `within`
    its length)."""
    if marks is None:
        return source_start + within
    decoded, source = marks[bisect.bisect_right(marks, within, key=lambda m: m[0]) - 1]
    return source + within - decoded


def _entity(name: str) -> str:
    if name.startswith("#x"):
        return _char(int(name[2:], 16))
    if name.startswith("#"):
        return _char(int(name[1:]))
    return _NAMED[name]


def _char(code: int) -> str:
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def gloss_chapter(
    raw: bytes,
    spotter: Spotter,
    terms: Terms,
    href: str,
    chapter: str,
    first: bool = False,
    every: bool = False,
    *,
    epub2: bool = False,
    ruby: bool = False,
) -> bytes | None:
    """The chapter with its notes (`ruby`: short glosses above their words, not in EPUB 2),
    or None when it is left as it is (no glossed term, glossed before, or not UTF-8 XHTML
    with a body)."""
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    body_end = list(_BODY_END.finditer(source))
    html_start = _HTML_START.search(source)
    if not body_end or html_start is None or _GLOSSED.search(source) or _unclosed(source):
        return None
    found = read_text(source)
    text = "".join(found.text)
    story = Story(path=href, text=text, paragraphs=_paragraphs(text))
    every_spot = spotter.spot_text(text)
    for spot in every_spot:
        terms.add(spot.entry, href, chapter)
    # a heading or a link takes no note: the choice is among the others
    spots = [spot for spot in every_spot if not _closed(found, spot)]
    shown = choose(story, spots, every=every)
    inserts: list[tuple[int, str]] = []  # at a tie, the order added: one ruby ends, the next starts
    notes: list[str] = []
    rubies = 0
    seen: set[int] = set()
    for spot, choice in zip(spots, shown, strict=True):
        if not _chosen(spot, choice, seen, first=first):
            continue
        start, end = found.source_start(spot.start), found.source_end(spot.end)
        written = " ".join(text[spot.start : spot.end].split())
        if (
            ruby
            and not epub2
            and "<" not in source[start:end]  # a tag inside: a ruby would cross it
            and fits_above(written, gloss(spot.entry))
        ):
            rubies += 1
            inserts += [(start, ruby_start(PREFIX, rubies)), (end, ruby_end(spot.entry))]
            anchor = f"{PREFIX}g{rubies}"
        else:
            number = len(notes) + 1
            inserts.append((end, noteref(PREFIX, number, epub2=epub2)))
            notes.append(aside(PREFIX, number, written, spot.entry, epub2=epub2))
            anchor = f"{PREFIX}r{number}"
        term = terms.found[id(spot.entry)]
        if term.href == href:
            term.href = f"{href}#{anchor}"
    if not notes and not rubies:
        return None
    if notes:
        inserts.append((body_end[-1].start(), "\n".join(notes) + "\n"))
        if not epub2 and "xmlns:epub" not in html_start.group():
            at = html_start.start() + len(html_start.group().split(None, 1)[0].rstrip(">"))
            inserts.append((at, f' xmlns:epub="{OPS}"'))
    out, pos = [], 0
    for at, markup in sorted(inserts, key=lambda pair: pair[0]):
        out += [source[pos:at], markup]
        pos = at
    out.append(source[pos:])
    return "".join(out).encode()


def _unclosed(source: str) -> bool:
    """Whether a comment, CDATA section or processing instruction never ends: such a chapter
    is left as it is (and scanning for its end at each opening would take quadratic time)."""
    return any(
        source.rfind(opening) > source.rfind(closing)
        for opening, closing in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"))
    )


def _chosen(spot: Spot, choice: Shown, seen: set[int], *, first: bool) -> bool:
    if first:
        if not gloss(spot.entry) or id(spot.entry) in seen:
            return False
        seen.add(id(spot.entry))
        return True
    return choice == Shown.gloss


def _closed(found: _Text, spot: Spot) -> bool:
    """Whether the spot touches text where no note may go (the stretches are in order)."""
    i = bisect.bisect_right(found.closed, spot.start, key=lambda c: c[0]) - 1
    return any(a < spot.end and spot.start < b for a, b in found.closed[max(i, 0) : i + 2])


def _paragraphs(text: str) -> list[Span]:
    spans, pos = [], 0
    for chunk in text.split("\n\n"):
        if chunk.strip():
            spans.append(Span(pos, pos + len(chunk)))
        pos += len(chunk) + 2
    return spans
