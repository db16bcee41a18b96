"""EPUB: the spine's chapters in order, read from the archive only, bombs refused.

An AO3 EPUB (a preface file, chapter files with `div.meta`/`div.userstuff`, an afterword) is
read by the AO3 reader across its files; any other EPUB, FanFicFare's included, takes its title
and summary from the OPF and reads each spine file as a chapter (`chapters.py`). Text from each
file is recorded in `Story.files` as `book.epub!OEBPS/chapter1.xhtml`, with lines of that file.

Nothing is extracted to disk and nothing is read that the spine does not name. Before reading,
the declared sizes are checked: zipfile never inflates a member past its declared size, so a
bomb is refused by its directory alone. A chapter file missing from the archive is left out and
the rest read (`PartlyRead` says which); every other problem refuses the book, in one sentence.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from annotate.readers.ao3 import Ao3Work, has_chapter_blocks, is_ao3
from annotate.readers.chapters import render_chapter
from annotate.readers.decoding import decode_markup, read_bytes
from annotate.readers.dom import Document, parse_html, render
from annotate.readers.flow import Flow
from annotate.readers.opf import CONTAINER, Package, parse_package, rootfile
from annotate.readers.partly import PartlyRead
from annotate.story import Part, Story, StoryBuilder
from glossary.errors import GlossError

MAX_MEMBER = 32 * 2**20  # one chapter file, or the OPF
MAX_TOTAL = 512 * 2**20  # everything in the archive, images included
MAX_MEMBERS = 10_000
T = TypeVar("T")

CORRUPT = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,  # a compression method zipfile lacks
    RuntimeError,  # an encrypted member
    ValueError,
    OSError,
)


def read_epub(path: Path, label: str) -> Story:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_bytes says what is wrong
    if size > MAX_TOTAL:
        raise GlossError(f"{label}: refused: {size // 2**20} MB is no story")
    raw = read_bytes(path, label)
    return opened(raw, label, lambda archive: epub_story(archive, label))


def opened(raw: bytes, label: str, use: Callable[[zipfile.ZipFile], T]) -> T:
    """`use` applied to the EPUB archive in `raw`; GlossError naming `label` for an empty
    file, a file that is no zip archive, or a damaged archive."""
    if not raw:
        raise GlossError(f"{label}: empty file")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except CORRUPT:
        raise GlossError(f"{label}: not an EPUB (not a zip archive)") from None
    try:
        with archive:
            return use(archive)
    except CORRUPT as err:
        # inside the archive, even an OSError (a seek before the start) is damage
        raise GlossError(f"{label}: corrupt EPUB: the archive is {damage(err)}") from None


def damage(err: Exception) -> str:
    """What is wrong with an archive or a member of it, as the end of a sentence."""
    if isinstance(err, NotImplementedError):
        return "compressed in a way gloss cannot read"
    if isinstance(err, RuntimeError) and "encrypted" in str(err):
        return "encrypted"
    if isinstance(err, zipfile.BadZipFile) and str(err).startswith("Bad CRC-32"):
        return "damaged (its checksum does not match)"
    if isinstance(err, zlib.error | EOFError):
        return "damaged (it does not decompress)"
    return "damaged"


def epub_story(archive: zipfile.ZipFile, label: str) -> Story:
    check_sizes(archive, label)
    opf = _opf_path(archive, label)
    package = parse_package(_member(archive, opf, label), opf, label)
    docs: list[tuple[str, Document]] = []
    missing: list[str] = []
    for item in package.spine:
        if item.path not in archive.NameToInfo:
            missing.append(item.path)  # one lost chapter is no reason to lose the book
            continue
        raw = _member(archive, item.path, label)
        if raw.strip():  # an empty file is no reason to refuse the book
            text, utf8 = decode_markup(raw, f"{label}!{item.path}")
            docs.append((item.path, parse_html(text, xhtml=True, utf8=utf8)))
    builder = StoryBuilder(label)
    flow = Flow(builder)
    if any(is_ao3(doc.tree) or has_chapter_blocks(doc.tree) for _, doc in docs):
        if not any(doc.tree.css_first("div#preface") for _, doc in docs):
            _front_matter(package, label, flow, summary=False)
        work = Ao3Work(flow)
        start = builder.offset
        for name, doc in docs:
            flow.paragraph()
            builder.set_file(f"{label}!{name}")
            work.feed(doc)
        work.finish()
    else:
        _front_matter(package, label, flow, summary=True)
        start = builder.offset
        chapter = 0
        for name, doc in docs:
            flow.end()
            builder.set_file(f"{label}!{name}")
            before = builder.offset
            render_chapter(doc, flow, chapter + 1)
            flow.end()
            if builder.offset > before:  # files without text (a cover) are no chapter
                chapter += 1
    flow.end()
    if builder.offset == start:
        if missing:
            raise GlossError(f"{label}: corrupt EPUB: {_are_missing(missing)}")
        raise GlossError(f"{label}: no story text in the EPUB's spine")
    if missing:
        raise PartlyRead(builder.build(), f"{label}: corrupt EPUB: {_are_missing(missing)}")
    return builder.build()


def _are_missing(names: list[str]) -> str:
    return f"{names[0]} is missing" if len(names) == 1 else f"{', '.join(names)} are missing"


def check_sizes(archive: zipfile.ZipFile, label: str) -> None:
    """Refuse archives that would expand past a sane size, before inflating anything."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise GlossError(f"{label}: refused: {len(infos)} files in the archive")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL:
        raise GlossError(f"{label}: refused: would expand to {total // 2**20} MB")


def _member(archive: zipfile.ZipFile, name: str, label: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise GlossError(f"{label}: corrupt EPUB: {name} is missing") from None
    if info.file_size > MAX_MEMBER:
        raise GlossError(f"{label}: refused: {name} would expand to {info.file_size // 2**20} MB")
    try:
        with archive.open(info) as member:
            return member.read()  # never more than the declared size
    except CORRUPT as err:
        raise GlossError(f"{label}: corrupt EPUB: {name} is {damage(err)}") from None


def _opf_path(archive: zipfile.ZipFile, label: str) -> str:
    names = archive.namelist()
    if CONTAINER in names:
        found = rootfile(_member(archive, CONTAINER, label), label)
        if found:
            return found
    # no container: a lone OPF still says what the book is
    opfs = sorted(n for n in names if n.lower().endswith(".opf"))
    if not opfs:
        raise GlossError(f"{label}: corrupt EPUB: no OPF package file")
    return opfs[0]


def _front_matter(package: Package, label: str, flow: Flow, *, summary: bool) -> None:
    """The title and summary the OPF gives, read as in its file."""
    flow.builder.set_file(f"{label}!{package.path}")
    if package.title:
        flow.begin(Part.title)
        flow.text(package.title, package.title_line)
    if summary and package.description:
        flow.begin(Part.summary)
        doc: Document = parse_html(package.description, first_line=package.description_line)
        if doc.body is not None:
            render(doc.body, flow, doc)
    flow.end()
