"""Plain text: paragraphs are blocks separated by blank lines; `_x_` and `*x*` are italics.

FanFicFare writes italics as `_x_` in its text output, and writers type `*x*`; the markers are
not part of the text a reader reads. A marker only counts where it opens and closes a span
around non-blank text inside one paragraph, not inside a word (`snake_case`, `2*3*4`), and
never doubled (`**bold**`, `* * *` scene breaks).

`paragraphs` reads any stretch of a file that begins at a paragraph (a whole file, or a part
of one cut at a blank line): what annotate needs of a long story comes from it part by part,
and `parse_text` makes a whole file's Story from it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from annotate.readers.decoding import decode_text, read_bytes
from annotate.story import Part, Section, Span, Story

_BLOCK = re.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")
_ITALIC = re.compile(
    # the marker first, then a look back past it: lets `re` scan for the marker quickly
    r"\*(?<![\w*]\*)(?![\s*])([^*]*?)(?<![\s*])\*(?![\w*])"
    r"|_(?<![\w_]_)(?![\s_])([^_]*?)(?<![\s_])_(?![\w_])"
)


class Paragraphs(NamedTuple):
    """Plain text as a reader reads it: its paragraphs, markers taken out, joined by blank
    lines. Paragraph k starts at `starts[k]` of `text`, on line `lines[k]` of the file, and
    ends at `ends[k]`; its own newlines are the file's (a marker holds none)."""

    text: str
    starts: list[int]
    ends: list[int]
    lines: list[int]
    italics: list[tuple[int, int]]  # (start, end) in `text`, in order

    def line_of(self, paragraph: int, offset: int) -> int:
        """The file's line of `offset`, which lies in paragraph number `paragraph`."""
        return self.lines[paragraph] + self.text.count("\n", self.starts[paragraph], offset)


def paragraphs(text: str, first_line: int = 1) -> Paragraphs:
    """The paragraphs of `text`, whose first line is line `first_line` of its file."""
    bodies: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    lines: list[int] = []
    italics: list[tuple[int, int]] = []
    count = text.count
    line, counted, at = first_line, 0, 0
    for block in _BLOCK.finditer(text):
        body = block.group(0).rstrip()
        if not body:
            continue
        start = block.start()
        line += count("\n", counted, start)
        counted = start
        if "*" in body or "_" in body:  # italics looked for only where a marker is
            body = _unmarked(body, at, italics)
        bodies.append(body)
        starts.append(at)
        lines.append(line)
        at += len(body)
        ends.append(at)
        at += 2
    return Paragraphs("\n\n".join(bodies), starts, ends, lines, italics)


def _unmarked(body: str, at: int, italics: list[tuple[int, int]]) -> str:
    """`body` without the markers of its `_x_`/`*x*` spans, whose (start, end) are added to
    `italics` as offsets from `at`."""
    pieces: list[str] = []
    done = length = 0
    for match in _ITALIC.finditer(body):
        group = match.lastindex or 1
        before = body[done : match.start()]
        inside = match.group(group)
        pieces += (before, inside)
        length += len(before)
        italics.append((at + length, at + length + len(inside)))
        length += len(inside)
        done = match.end()
    if not pieces:
        return body
    pieces.append(body[done:])
    return "".join(pieces)


def read_text(path: Path, label: str) -> Story:
    return parse_text(decode_text(read_bytes(path, label), label), label)


def parse_text(text: str, label: str) -> Story:
    found = paragraphs(text)
    story = found.text
    anchors: list[tuple[int, int]] = []
    expected = 0  # the line counting newlines gives: an anchor only where it is wrong
    for start, end, line in zip(found.starts, found.ends, found.lines, strict=True):
        if line != expected:
            anchors.append((start, line))
        expected = line + story.count("\n", start, end) + 2
    return Story(
        path=label,
        text=story,
        sections=[Section(0, len(story), Part.text)] if story else [],
        paragraphs=[Span(s, e) for s, e in zip(found.starts, found.ends, strict=True)],
        italics=[Span(s, e) for s, e in found.italics],
        anchors=anchors,
    )
