"""Translations given away from the text: glossary blocks and footnotes in the notes."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from annotate.story import Part, Story

# "Translations:", "Glossary", "Vesh-tal words:" ... the heading of an end-note glossary block;
# a language's own name ("Vesh:") when its lexicon's grammar lists it among `headings`.
_HEADING = (
    r"^[ \t]*[*_#]*[ \t]*(?:[\w'\u2019-]+[ \t]+){{0,3}}"  # "Vesh-tal glossary:", "Our words:"
    r"(?:translations?|glossary|vocab(?:ulary)?|words|terms|language|phrases{names})"
    r"[ \t]*[*_]*[ \t]*:?[ \t]*[*_]*[ \t]*$"
)


@lru_cache(maxsize=8)
def heading(languages: tuple[str, ...] = ()) -> re.Pattern[str]:
    """The heading of an author's glossary, in general or under one of `languages`' names."""
    names = "".join(rf"|{re.escape(name)}(?:\s+translations?)?" for name in languages)
    return re.compile(_HEADING.format(names=names), re.IGNORECASE | re.MULTILINE)


# `phrase - translation`, `phrase = translation`, `phrase: translation`, bullets allowed.
ENTRY = re.compile(
    r"^[ \t]*(?:[-*\u2022][ \t]+|\d{1,2}[.)][ \t]+|\(\d{1,2}\)[ \t]*|\[\d{1,2}\][ \t]*|"
    r"[\u00b9\u00b2\u00b3\u2070-\u2079]+[ \t]*|\[\^[\w-]+\]:?[ \t]*)?[*_\"\u201c]*"
    r"(?P<left>[^\n=:\u2013\u2014*_\"]{1,80}?)"
    r"[*_\"\u201d]*[ \t]*"
    r"(?:[ \t]?[-\u2013\u2014]{1,2}[ \t]|[ \t]?=[ \t]?|:[ \t]|[\u2013\u2014])[ \t]*"
    r"[*_\"\u201c]*(?P<right>[^\n]{1,160}?)[*_\"\u201d]*[ \t]*$",
    re.MULTILINE,
)
_SUPERSCRIPTS = str.maketrans(
    "\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u2070", "1234567890"
)
MARKER_DEF = re.compile(
    r"^[ \t]*(?:\((\d{1,2})\)|\[(\d{1,2})\]|(\d{1,2})[.):]|(\*{1,3})|"
    r"([\u00b9\u00b2\u00b3\u2074-\u2079\u2070]+)|\[\^([\w-]+)\]:?)[ \t]*(?P<body>\S[^\n]*)$",
    re.MULTILINE,
)
MARKER_REF = re.compile(
    r"[\"\u201d'*_]*[.,!?]?[\"\u201d'*_]*[ \t]?(?:\((\d{1,2})\)|\[(\d{1,2})\]|(\*{1,3})(?![\w*])|"
    r"([\u00b9\u00b2\u00b3\u2074-\u2079\u2070]+)|\[\^([\w-]+)\])"
)
MARKER_TIGHT = re.compile(
    r"(?: ?\((\d{1,2})\)|\[(\d{1,2})\]|(\*{1,3})(?![\w*])|"
    r"([\u00b9\u00b2\u00b3\u2074-\u2079\u2070]+)|\[\^([\w-]+)\])"
)
# What a footnote marker can start with: found first, as a plain character set is fast to scan.
_MARKER_START = re.compile(r"[(\[*\u00b9\u00b2\u00b3\u2074-\u2079\u2070]")
NOTE_PARTS = {Part.notes, Part.end_notes, Part.footnotes}
# A note that starts with its own term: `"Heda" - Commander`, `Heda means Commander`.
_LEAD = '*_"\u201c'  # what the term may stand in
_DEFINES = re.compile(r"[*_\"\u201d]*\s*(?:[-\u2013\u2014=:,]|means)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One line of a glossary block: the conlang side and the English side, as offsets."""

    start: int
    end: int
    translation: str
    line_start: int
    line_end: int
    block: int = 0  # where its block starts: entries of one glossary share it


def _key(groups: tuple[str | None, ...]) -> str | None:
    for group in groups:
        if group:
            return group.translate(_SUPERSCRIPTS)
    return None


@lru_cache(maxsize=2)  # asked twice of each story's text in a row
def _headings(text: str, languages: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """The spans `heading(languages).finditer(text)` gives."""
    first = heading(languages).match(text)
    found = [first.span()] if first else []
    later = _after_break(languages).finditer(text, first.end() if first else 0)
    return (*found, *((m.start() + 1, m.end()) for m in later))


@lru_cache(maxsize=8)
def _after_break(languages: tuple[str, ...]) -> re.Pattern[str]:
    """A heading after a line break: a first character `re` can skip to, where a pattern
    that starts with `^` is tried at every offset of the text."""
    return re.compile(r"\n" + heading(languages).pattern, re.IGNORECASE | re.MULTILINE)


def note_regions(story: Story, languages: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Where notes stand: note sections, or the text after a glossary heading."""
    regions = [(s.start, s.end) for s in story.sections if s.part in NOTE_PARTS]
    for start, end in _headings(story.text, languages):
        block_end = story.text.find("\n\n\n", end)
        regions.append((start, len(story.text) if block_end < 0 else block_end))
    return regions


def glossary_lines(story: Story, languages: tuple[str, ...] = ()) -> Iterator[Entry]:
    """Lines of an author's glossary: after a heading anywhere, in the notes sections, or two
    or more `term - meaning` lines in a row anywhere. `languages`: names of the language that
    may head a block (`Trig:`)."""
    text = story.text
    seen: set[int] = set()
    head = heading(languages)
    for _, heading_end in _headings(text, languages):
        pos = heading_end + 1
        while pos < len(text):
            line_end = text.find("\n", pos)
            line_end = len(text) if line_end < 0 else line_end
            if text[pos:line_end].strip():
                if ENTRY.match(text, pos, line_end) is None:
                    break
                seen.add(pos)
                yield from _entries(text, pos, line_end, heading_end)
            pos = line_end + 1
    for start, end in note_regions(story, languages):
        for entry in ENTRY.finditer(text, start, end):
            if entry.start() not in seen and not head.match(text, entry.start()):
                seen.add(entry.start())
                yield from _entries(text, entry.start(), entry.end(), start)
    for run in _runs(story):
        for entry in run:
            if entry.start() not in seen:
                yield from _entries(text, entry.start(), entry.end(), run[0].start())


def _runs(story: Story) -> Iterator[list[re.Match[str]]]:
    """Runs of two or more glossary lines with only blank lines between them. Only short
    paragraphs can hold one: a paragraph of prose ends a run."""
    text = story.text
    run: list[re.Match[str]] = []
    for paragraph in story.paragraphs:
        if paragraph.end - paragraph.start > _SHORT or not _SEPARATOR.search(
            text, paragraph.start, paragraph.end
        ):
            lines: list[tuple[int, int]] = [(paragraph.start, paragraph.start)]  # ends a run
        else:
            lines = _lines(text, paragraph.start, paragraph.end)
        for start, end in lines:
            entry = ENTRY.match(text, start, end) if end > start else None
            if entry is not None:
                run.append(entry)
                continue
            if len(run) > 1:
                yield run
            run = []
    if len(run) > 1:
        yield run


_SHORT = 600  # a paragraph of a few glossary lines at most
_SEPARATOR = re.compile(r"[-=:\u2013\u2014]")  # what every glossary line has


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found = []
    while start < end:
        stop = text.find("\n", start, end)
        stop = end if stop < 0 else stop
        found.append((start, stop))
        start = stop + 1
    return found


# Where a line of several entries splits (`vesh- walk. orru- dawn.`, `a: x, b: y`): at
# sentence ends first, else at commas too.
_PIECES = (re.compile(r"(?<=[.;])[ \t]+(?=\S)"), re.compile(r"(?<=[.;,])[ \t]+(?=\S)"))


def _entries(text: str, start: int, end: int, block: int) -> Iterator[Entry]:
    """The entries of one glossary line: several when every piece of it is one."""
    for piece in _PIECES:
        cuts = [start, *(m.end() for m in piece.finditer(text, start, end)), end]
        if len(cuts) > 2:
            # each piece on its own, as `ENTRY`'s `^` holds only at a line's start
            pieces = [(a, ENTRY.match(text[a:b])) for a, b in itertools.pairwise(cuts)]
            if all(m for _, m in pieces):
                yield from (_entry(m, block, a) for a, m in pieces if m)
                return
    m = ENTRY.match(text, start, end)
    if m:
        yield _entry(m, block)


# A glossary line that describes rather than translates, with the rendering in quotes.
_TOLD = re.compile(
    r"\b(?:means|meaning|translates(?:\s+\w+)?\s+(?:to|as)|translated\s+as|for)\s*[:,]?\s*"
    r"[\"\u201c\u2018']([^\"\u201c\u201d\u2018\u2019]{1,80}?)[.,!?]?(?:[\"\u201d\u2019']|$)"
    r"|^(?:basically\s+|roughly\s+|literally\s+)?(?:means|meaning)\s*[:,]?\s+([^\"\u201c]{1,80})$",
    re.IGNORECASE,
)
# A pronunciation or remark after the term (`Vash tem (vahsh tehm) - we ride`).
_REMARK = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")


def _entry(m: re.Match[str], block: int, offset: int = 0) -> Entry:
    """The entry a match of `ENTRY` holds; `offset`: where the matched text starts."""
    # "move out, now (it's what a war chief yells)": the aside is not the translation
    right = re.sub(r"\s*\([^()]*\)", "", m.group("right"))
    # "a word that means "home" when..." : the quoted rendering is the gloss
    told = _TOLD.search(right)
    if told:
        right = told.group(1) or told.group(2)
    # "the singing dunes. The Vesharri say it is the dead": the first sentence is the gloss
    right = re.split(r"(?<=[.!?])\s+(?=[A-Z])", right, maxsplit=1)[0]
    left = m.group("left")
    remark = _REMARK.search(left)
    end = m.start("left") + (remark.start() if remark and remark.start() else len(left))
    return Entry(
        offset + m.start("left"),
        offset + end,
        " ".join(right.split()).strip(" .;,"),
        offset + m.start(),
        offset + m.end(),
        block,
    )


def footnotes(story: Story) -> dict[str, list[tuple[str, int]]]:
    """Footnote bodies by marker (`1`, `*`, `**`, a Markdown label), with their offsets,
    in text order.

    Only definitions in note sections or in the last third of the text count, so a
    numbered list inside the story is not taken for footnotes.
    """
    text = story.text
    regions = [(s.start, s.end) for s in story.sections if s.part in NOTE_PARTS]
    regions.append((len(text) * 2 // 3, len(text)))
    found: dict[str, list[tuple[str, int]]] = {}
    seen: set[int] = set()
    for start, end in regions:
        for m in MARKER_DEF.finditer(text, start, end):
            key = _key(m.groups()[:6])
            if key and m.start() not in seen:
                seen.add(m.start())
                found.setdefault(key, []).append((m.group("body").strip(), m.start("body")))
    for bodies in found.values():
        bodies.sort(key=lambda body: body[1])
    return found


def resolve(bodies: list[tuple[str, int]], at: int) -> tuple[str, int]:
    """The note a marker at `at` means: the first one defined after it (each chapter numbers
    its own notes), else the last one."""
    for body in bodies:
        if body[1] > at:
            return body
    return bodies[-1]


def markers(text: str) -> list[int]:
    """Where footnote markers stand on a word (`MARKER_TIGHT`, without the space it allows)."""
    return [m.start() for m in _MARKER_START.finditer(text) if MARKER_TIGHT.match(text, m.start())]


def lead_in(body: str, term: str) -> int:
    """Where the gloss of a note that starts with its own term (`"Heda" - Commander`)
    begins, 0 in any other note: what `pattern` matches. The term is compared in code unless
    it is in other letters than ASCII (whose case rules `re` knows best): compiling a pattern
    for each term was a good part of extraction's time."""
    start = len(body) - len(body.lstrip(_LEAD))
    written = body[start : start + len(term)]
    if term[:1] in _LEAD or not (written.isascii() and term.isascii()):
        m = re.match(pattern(term), body, re.IGNORECASE)
        return m.end() if m else 0
    if written.lower() != term.lower():
        return 0
    m = _DEFINES.match(body, start + len(term))
    return m.end() if m else 0


def pattern(term: str) -> str:
    """A note's own term, then what says its gloss comes (`lead_in`, `re.IGNORECASE`)."""
    return rf"[{_LEAD}]*{re.escape(term)}{_DEFINES.pattern}"


def reference(text: str, end: int, tight: bool = False) -> str | None:
    """The footnote marker right after a span, if there is one. `tight`: on the word itself,
    not after the quotation or sentence the word ends."""
    m = (MARKER_TIGHT if tight else MARKER_REF).match(text, end)
    return _key(m.groups()) if m else None
