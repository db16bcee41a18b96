"""The one Story model that extraction and annotation share.

A Story is the text a reader reads (all parts joined, separated by blank lines), with
offset spans for its parts, paragraphs, italics and hover texts, and a map from every offset
back to the line of the source file, so a finding can say `line:` and a person finds it.

Markup is not part of the text: `<em>x</em>`, `*x*` and `_x_` leave `x` in `text` and a span in
`italics`. HTML whitespace is collapsed the way a browser shows it; plain text and Markdown keep
the line breaks inside a paragraph.

Sources: `line_of(offset)` is the 1-based line in the file that holds that text. A story read
from several files (an EPUB's chapters) records where each file's text begins in `files`;
`file_of(offset)` names it as `book.epub!OEBPS/chapter1.xhtml`, and its lines count within that
member. Single files leave `files` empty and `file_of` gives `path`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Part(StrEnum):
    title = "title"  # type: ignore[assignment]  # shadows str.title, kept: others use it
    summary = "summary"  # the work's summary, or a chapter's (chapter set)
    notes = "notes"  # the work's or a chapter's notes before the text
    chapter_title = "chapter_title"
    text = "text"
    end_notes = "end_notes"  # notes after a chapter or the whole work
    footnotes = "footnotes"  # one section per footnote definition, `label` set


NOTE_PARTS = frozenset({Part.notes, Part.end_notes, Part.footnotes})


class Span(NamedTuple):
    start: int
    end: int


class Hover(NamedTuple):
    start: int
    end: int
    title: str  # the hover text (`<span title=...>`): often a translation


class Section(NamedTuple):
    start: int
    end: int
    part: Part
    chapter: int | None = None  # 1-based chapter number, None for work-level parts
    label: str | None = None  # a footnote's label (`[^label]: ...`)


@dataclass(slots=True)
class Story:
    path: str
    text: str
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    italics: list[Span] = field(default_factory=list)  # sorted, never overlapping
    hovers: list[Hover] = field(default_factory=list)  # sorted, never overlapping
    # (offset, line) anchors, sorted by offset: text from `offset` on comes from `line` on,
    # one more line for every newline of the text until the next anchor.
    anchors: list[tuple[int, int]] = field(default_factory=list)
    # (offset, file) for stories read from several files: text from `offset` on is in `file`.
    files: list[tuple[int, str]] = field(default_factory=list)
    _anchor_offsets: list[int] = field(default_factory=list, repr=False)
    _newlines: list[int] | None = field(default=None, repr=False)  # offsets of every "\n"

    def line_of(self, offset: int) -> int:
        """The 1-based line of the source file that the character at `offset` comes from."""
        if not self._anchor_offsets:
            self._anchor_offsets = [o for o, _ in self.anchors]
        i = bisect.bisect_right(self._anchor_offsets, offset) - 1
        if i < 0:
            return 1
        start, line = self.anchors[i]
        if self._newlines is None:
            # Counting from the anchor each time is quadratic over a long one-anchor story.
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        newlines = self._newlines
        return line + bisect.bisect_left(newlines, offset) - bisect.bisect_left(newlines, start)

    def file_of(self, offset: int) -> str:
        """The file the text at `offset` comes from: `path`, or `path!member` for an EPUB."""
        i = bisect.bisect_right(self.files, (offset, "\uffff")) - 1
        return self.files[i][1] if i >= 0 else self.path

    def location(self, offset: int) -> tuple[str, int]:
        """(file, line) of the text at `offset`, for a person to find it."""
        return self.file_of(offset), self.line_of(offset)

    def part_at(self, offset: int) -> Section | None:
        """The section holding `offset`, if any."""
        i = bisect.bisect_right(self.sections, offset, key=_start) - 1
        if i >= 0 and offset < self.sections[i].end:
            return self.sections[i]
        return None

    def sections_of(self, *parts: Part) -> list[Section]:
        return [s for s in self.sections if s.part in parts]

    def notes(self) -> list[Section]:
        """Author's notes: head notes, end notes and footnotes, work and chapter."""
        return [s for s in self.sections if s.part in NOTE_PARTS]

    def in_italics(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one italic span."""
        i = bisect.bisect_right(self.italics, start, key=_start) - 1
        return i >= 0 and end <= self.italics[i].end

    def hover_at(self, start: int, end: int) -> Hover | None:
        """The hover text whose span holds [start, end), if any."""
        i = bisect.bisect_right(self.hovers, start, key=_start) - 1
        if i >= 0 and end <= self.hovers[i].end:
            return self.hovers[i]
        return None


def _start(span: Span | Hover | Section) -> int:
    return span.start


class StoryBuilder:
    """Appends text piece by piece, recording sections, italics, hovers and source lines."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._chunks: list[str] = []
        self._length = 0
        self.sections: list[Section] = []
        self.paragraphs: list[Span] = []
        self.italics: list[Span] = []
        self.hovers: list[Hover] = []
        self.anchors: list[tuple[int, int]] = []
        self.files: list[tuple[int, str]] = []
        self._section: tuple[int, Part, int | None, str | None] | None = None
        self.paragraph_start: int | None = None  # None between paragraphs
        self._line = 0  # the line `line_of` would give at the end of the text so far

    @property
    def offset(self) -> int:
        return self._length

    def add(self, text: str, line: int, *, italic: bool = False, hover: str | None = None) -> None:
        """Append text that starts at source line `line`; its newlines follow the source."""
        if not text:
            return
        start = self._length
        if self.paragraph_start is None:
            self.paragraph_start = start
        self._append(text, line)
        if italic:
            # Adjacent italic pieces (`<em>a</em><em>b</em>`, nested tags) become one span.
            if self.italics and self.italics[-1].end == start:
                self.italics[-1] = Span(self.italics[-1].start, self._length)
            else:
                self.italics.append(Span(start, self._length))
        if hover:
            last = self.hovers[-1] if self.hovers else None
            if last is not None and last.end == start and last.title == hover:
                self.hovers[-1] = Hover(last.start, self._length, hover)
            else:
                self.hovers.append(Hover(start, self._length, hover))

    def add_paragraph(self, text: str, line: int) -> None:
        """`add(text, line)` then `end_paragraph()`: a whole paragraph of plain text."""
        if self.paragraph_start is not None or not text:
            self.add(text, line)
            self.end_paragraph()
            return
        start = self._length
        self._append(text, line)
        self.paragraphs.append(Span(start, self._length))
        self._append("\n\n", self._line)

    def _append(self, text: str, line: int) -> None:
        """The text, and where it comes from: an anchor only where counting newlines from
        the one before would give the wrong line."""
        if line != self._line:
            self.anchors.append((self._length, line))
        self._line = line + text.count("\n")
        self._chunks.append(text)
        self._length += len(text)

    def set_file(self, name: str) -> None:
        """Text from here on comes from file `name` (an EPUB member); lines restart."""
        self.end_paragraph()
        if self.files and self.files[-1][0] == self._length:
            self.files.pop()
        self.files.append((self._length, name))
        self._line = 0

    def end_paragraph(self) -> None:
        """Close the paragraph; the next text starts a new one after a blank line."""
        if self.paragraph_start is not None and self._length > self.paragraph_start:
            self.paragraphs.append(Span(self.paragraph_start, self._length))
            self._append("\n\n", self._line)
        self.paragraph_start = None

    def begin(self, part: Part, chapter: int | None = None, label: str | None = None) -> None:
        self.end_section()
        self._section = (self._length, part, chapter, label)

    def end_section(self) -> None:
        self.end_paragraph()
        if self._section is not None:
            start, part, chapter, label = self._section
            # a section ends before the blank line that closed its last paragraph
            trailing = 2 if self._chunks and self._chunks[-1] == "\n\n" else 0
            end = self._length - trailing
            if end > start:
                self.sections.append(Section(start, end, part, chapter, label))
        self._section = None

    def build(self) -> Story:
        self.end_section()
        chunks = self._chunks
        if chunks and chunks[-1] == "\n\n":  # no blank line after the end: dropped unjoined
            chunks.pop()
            text = "".join(chunks)
        else:
            text = "".join(chunks)
            text = text[:-2] if text.endswith("\n\n") else text
        return Story(
            path=self.path,
            text=text,
            sections=self.sections,
            paragraphs=self.paragraphs,
            italics=[Span(s, e) for s, e in _trimmed(text, self.italics)],
            hovers=[Hover(s, e, h.title) for h in self.hovers for s, e in _trimmed(text, [h])],
            anchors=self.anchors,
            files=self.files,
        )


def _trimmed(text: str, spans: list[Span] | list[Hover]) -> list[tuple[int, int]]:
    """Spans without the whitespace at their edges (`<em>Heda </em>`); empty ones dropped."""
    out = []
    for span in spans:
        start, end = span.start, span.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out
