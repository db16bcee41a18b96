"""`json` of a plain-text story, read in stretches of about a megabyte and never made a Story.

A .txt story's text is its paragraphs (`readers.text.paragraphs`), and all that `--format
json` asks of it is local: where the terms stand, their lines, the scene breaks, and whether
the story translates a spot right there (a look a little way on, into the next stretch). So
the file is cut at blank lines into stretches, each read and spotted on its own (in any
process: `spotted`), and `Assembly` puts the stretches' findings together in order, choosing
what is shown as `render.choice` does over a whole story. Memory holds a few stretches, not
the story, and one long story's stretches can go to every core.

A file this does not read as the story reader would (a byte-order mark, `\\r` line ends, bytes
that are not UTF-8, a NUL) is read whole, the usual way: `stretches` or `spotted` say None.
Each stretch counts its lines from its own first, so the file is only read by the processes
that read each stretch: the cuts are found by reading around them.
"""

from __future__ import annotations

import bisect
import codecs
import os
import re
from pathlib import Path
from typing import BinaryIO, NamedTuple

from annotate.readers.text import Paragraphs, _unmarked, paragraphs
from annotate.render.choice import BREAK_MAX, GAP, Chooser, Shown, is_scene_break
from annotate.render.json_spans import Rows, row, string
from annotate.render.memo import PerEntry
from annotate.render.own import AFTER, Own
from annotate.spotting import Spotter
from glossary.models import Entry

STRETCH = 1 << 20  # bytes: the stretch is cut at the first blank line after this many
_BLANK = b"\n\n"
_MARKS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class Stretch(NamedTuple):
    """Bytes [start, end) of a file, which begin at a paragraph."""

    path: str
    start: int
    end: int


class Found(NamedTuple):
    """What one stretch holds, its offsets its own (from 0 at its first paragraph), row by
    row in parallel lists (cheap to send between processes). The choice of each row is made
    here, but for an entry's first glossed use in the stretch, which rests on where it was
    last glossed before the stretch: its `shown` is "" and `pending` holds it."""

    length: int  # characters of its text (paragraphs joined by blank lines)
    newlines: int  # in its bytes: its lines are counted from its own first
    scenes: int  # scene breaks in it
    starts: list[int]
    ends: list[int]
    numbers: list[int]  # the entry's place in the glossary
    lines: list[int]  # counted from the stretch's first line, 0
    texts: list[str]  # as JSON strings
    shown: list[str]
    pending: list[tuple[int, int]]  # (row, its scene in the stretch) still to choose
    last: dict[int, tuple[int, int]]  # per entry number: the scene and end of its last use


def stretches(path: Path, size: int) -> list[Stretch] | None:
    """`path` cut into stretches at the first blank line `size` bytes or more into each (only
    the bytes around each cut are read); None when it must be read whole (a byte-order mark)."""
    found: list[Stretch] = []
    with path.open("rb") as stream:
        if stream.read(3).startswith(_MARKS):
            return None
        total = os.fstat(stream.fileno()).st_size
        start = 0
        while start < total:
            end = at = start + size  # `at`: where the bytes read next stand in the file
            stream.seek(at)
            tail = b""  # the last byte read: a blank line may straddle two reads
            while True:
                more = stream.read(_WINDOW)
                if not more:
                    end = total
                    break
                cut = (tail + more).find(_BLANK)
                if cut >= 0:
                    end = at - len(tail) + cut + 2
                    break
                tail, at = more[-1:], at + len(more)
            found.append(Stretch(str(path), start, end))
            start = end
    return found


_WINDOW = 1 << 16  # bytes read at a time to find a cut


class Plain:
    """Spots stretches against one glossary (in a worker: built once per process)."""

    def __init__(self, spotter: Spotter, every: bool = False) -> None:
        self.spotter, self.every, self.memo = spotter, every, PerEntry()
        terms = spotter.glossary.terms
        self.number = {id(entry): n for n, entry in enumerate(terms)}
        # How far on a translation of a spot may stand (`Own`): a bound on its window.
        said = (
            text
            for entry in terms
            for text in [*entry.translations, *(s.translation for s in entry.sources)]
            if text
        )
        self.ahead = AFTER + 3 * max(map(len, said), default=0)  # lower() may lengthen

    def spotted(self, stretch: Stretch) -> Found | None:
        """The terms of one stretch; None when its bytes are not UTF-8 text."""
        with open(stretch.path, "rb") as stream:
            stream.seek(stretch.start)
            raw = stream.read(stretch.end - stretch.start)
            newlines = raw.count(b"\n")
            raw = raw.rstrip(b"\n")
            text = None if b"\r" in raw else _decoded(raw)  # `\r\n` is a line end too
            if text is None:
                return None
            layout = _Layout.of(raw, text, 0)
            story = layout.text
            spots = self.spotter.spot_text(story)
            own = Own(story, self.memo)
            if spots and spots[-1].end + self.ahead > len(story):
                ahead = _ahead(stream, self.ahead)
                if ahead is None:
                    return None
                if ahead:
                    own = Own(f"{story}\n\n{ahead}", self.memo)
        breaks = layout.breaks()
        chooser, every, number = Chooser(self.every, self.memo), self.every, self.number
        shown: list[str] = []
        pending: list[tuple[int, int]] = []
        for k, spot in enumerate(spots):
            scene = bisect.bisect_right(breaks, spot.start) if breaks else 0
            fresh = not every and id(spot.entry) not in chooser.last
            why = chooser.shown(spot, scene, own.translated_here)
            if fresh and why is Shown.gloss:  # glossed unless it was, not long before
                pending.append((k, scene))
                shown.append("")
            else:
                shown.append(_PLAIN[why])
        return Found(
            len(story),
            newlines,
            len(breaks),
            [spot.start for spot in spots],
            [spot.end for spot in spots],
            [number[id(spot.entry)] for spot in spots],
            layout.lines([spot.start for spot in spots]),
            [string(story[start:end]) for start, end, _ in spots],
            shown,
            pending,
            {number[key]: last for key, last in chooser.last.items()},
        )


def _decoded(raw: bytes) -> str | None:
    if b"\x00" in raw:  # (UTF-8 writes NUL as this byte alone)
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _ahead(stream: BinaryIO, chars: int) -> str | None:
    """The text of the paragraphs after the stretch (the stream stands at its end), at least
    `chars` characters of it when the file holds that many; None when it is not UTF-8."""
    data = b""
    want = max(4 * chars, 4096)
    while True:
        more = stream.read(want)
        data += more
        cut = data.rfind(_BLANK) if more else len(data)
        if cut < 0:  # no whole paragraph yet
            want *= 2
            continue
        text = _decoded(data[: cut + 2] if more else data)
        if text is None:
            return None
        found = paragraphs(text).text
        if len(found) >= chars or not more:
            return found
        want *= 2


class _Layout:
    """A stretch's text, the lines of its offsets and its scene breaks: straight from the
    source when it is already its own text (paragraphs apart by one blank line, no marker, no
    whitespace at a line's edge: most stretches), else from `paragraphs`."""

    def __init__(self, text: str, line: int, found: Paragraphs | None) -> None:
        self.text, self.line, self.found = text, line, found

    @classmethod
    def of(cls, raw: bytes, text: str, line: int) -> _Layout:
        if _plain_edges(raw, text):
            return cls(_unmarked_paragraphs(text), line, None)
        found = paragraphs(text, line)
        return cls(found.text, line, found)

    def lines(self, offsets: list[int]) -> list[int]:
        """The file's line of each offset (ascending)."""
        found, text = self.found, self.text
        if found is None:  # counted on from the offset before
            lines, line, at = [], self.line, 0
            for offset in offsets:
                line += text.count("\n", at, offset)
                at = offset
                lines.append(line)
            return lines
        starts = found.starts
        return [found.line_of(bisect.bisect_right(starts, o) - 1, o) for o in offsets]

    def breaks(self) -> list[int]:
        """Where a scene starts after a break (the end of the break's paragraph)."""
        text, found = self.text, self.found
        if found is not None:
            spans = zip(found.starts, found.ends, strict=True)
            return [e for s, e in spans if e - s <= BREAK_MAX and is_scene_break(text[s:e])]
        first = _SHORT_FIRST.match(text)
        short = [first] if first else []
        short += _SHORT.finditer(text)
        return [m.end() for m in short if is_scene_break(m.group(1))]


# A paragraph short enough to be a scene break, in text that is its own (no blank line but
# between paragraphs): the first; and those after a blank line whose first line is (then
# `is_scene_break` sees their length). Possessive: a longer line fails at once.
_SHORT_FIRST = re.compile(rf"((?:[^\n]|\n(?!\n)){{1,{BREAK_MAX}}}+)(?=\n\n|\Z)")
_SHORT = re.compile(rf"\n\n([^\n]{{1,{BREAK_MAX}}}+(?:\n[^\n]+)*+)(?=\n\n|\Z)")

# Whitespace at a line's edge, whose paragraphs `paragraphs` would change: after a newline
# (in the bytes, and in the bytes reversed: before one), in UTF-8; or a run of blank lines.
_EDGE = re.compile(
    rb"\n(?:\n\n|[ \t\x0b\x0c\x1c-\x1f]|\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]"
    rb"|\xe2\x81\x9f|\xe3\x80\x80)"
)
_EDGE_BEFORE = re.compile(
    rb"\n(?:[ \t\x0b\x0c\x1c-\x1f]|[\x85\xa0]\xc2|\x80\x9a\xe1|[\x80-\x8a\xa8\xa9\xaf]\x80\xe2"
    rb"|\x9f\x81\xe2|\x80\x80\xe3)"
)


def _plain_edges(raw: bytes, text: str) -> bool:
    """Whether the paragraphs of `text` (the UTF-8 `raw`, no newline at its end) are what
    the plain-text reader makes of them, markers aside: no run of blank lines, no whitespace
    at the edge of a line or of the text (all of which the reader changes)."""
    return not (
        not text
        or text[0].isspace()
        or text[-1].isspace()
        or _EDGE.search(raw)
        or _EDGE_BEFORE.search(raw[::-1])
    )


def _unmarked_paragraphs(text: str) -> str:
    """`text` with the italic markers of its paragraphs taken out, as the reader does; the
    paragraphs without a marker as they are."""
    pieces: list[str] = []
    done = 0  # what is before this is in `pieces`
    star, under = text.find("*"), text.find("_")
    while star >= 0 or under >= 0:
        mark = under if star < 0 or 0 <= under < star else star
        start = text.rfind("\n\n", done, mark)
        start = done if start < 0 else start + 2
        end = text.find("\n\n", mark)
        end = len(text) if end < 0 else end
        pieces += (text[done:start], _unmarked(text[start:end], 0, []))
        done = end
        if star >= 0 and star < done:
            star = text.find("*", done)
        if under >= 0 and under < done:
            under = text.find("_", done)
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


class Assembly:
    """One story's object from its stretches' findings, in order."""

    def __init__(self, terms: list[Entry], memo: PerEntry | None = None) -> None:
        self.terms = terms
        self.rows = Rows(memo)
        self.fields: dict[int, tuple[str, str]] = {}  # per entry number: `Rows.fields`
        self.last: dict[int, tuple[int, int]] = {}  # per entry number: as `Chooser.last`
        self.at = 0  # where the next stretch's text starts in the story's
        self.scenes = 1  # scenes begun before it (the text's own start is one)
        self.line = 1  # the file's line where it starts

    def add(self, found: Found) -> None:
        base, first, scenes, last = self.at, self.line, self.scenes, self.last
        self.line += found.newlines
        if not found.length:
            return
        shown, starts = found.shown, found.starts
        for k, scene in found.pending:  # as `Chooser.shown`, with what came before
            before = last.get(found.numbers[k])
            repeat = (
                before is not None
                and before[0] == scenes + scene
                and base + starts[k] - before[1] <= GAP
            )
            shown[k] = _PLAIN[Shown.repeat if repeat else Shown.gloss]
        for number, (scene, end) in found.last.items():
            last[number] = (scenes + scene, base + end)
        fields, terms = self.fields, self.terms
        for number in set(found.numbers) - fields.keys():
            fields[number] = self.rows.fields(terms[number])
        self.rows.extend(
            row(fields[number], text, base + start, base + end, first + line, why)
            for number, text, start, end, line, why in zip(
                found.numbers, found.texts, starts, found.ends, found.lines, shown, strict=True
            )
        )
        self.at += found.length + 2
        self.scenes += found.scenes

    @property
    def empty(self) -> bool:
        """No text at all (the story reader reports why)."""
        return not self.at

    def story(self, path: str) -> str:
        return self.rows.story(path)


# A choice as sent between processes: the plain string (an enum member pickles as a call).
_PLAIN = {why: str(why.value) for why in Shown}


def rendered(plain: Plain, path: Path) -> str | None:
    """The json object of the plain-text story at `path`, read stretch by stretch here;
    None when it must be read whole the usual way."""
    pieces = stretches(path, STRETCH)
    if pieces is None:
        return None
    assembly = Assembly(plain.spotter.glossary.terms, plain.memo)
    for piece in pieces:
        found = plain.spotted(piece)
        if found is None:
            return None
        assembly.add(found)
    return None if assembly.empty else assembly.story(str(path))
