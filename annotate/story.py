"""The one Story model that extraction and annotation share.

A Story is the text a reader reads (all parts joined, separated by blank lines), with
offset spans for its parts, paragraphs, italics and hover texts, and a map from every offset
back to the line of the source file, so a finding can say `line:` and a person finds it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum


class Part(StrEnum):
    title = "title"
    summary = "summary"
    notes = "notes"  # the work's or a chapter's notes before the text
    chapter_title = "chapter_title"
    text = "text"
    end_notes = "end_notes"  # notes after a chapter or the whole work
    footnotes = "footnotes"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Hover:
    start: int
    end: int
    title: str  # the hover text (`<span title=...>`): often a translation


@dataclass(frozen=True, slots=True)
class Section:
    start: int
    end: int
    part: Part
    chapter: int | None = None  # 1-based chapter number, None for work-level parts


@dataclass(slots=True)
class Story:
    path: str
    text: str
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    italics: list[Span] = field(default_factory=list)
    hovers: list[Hover] = field(default_factory=list)
    # (offset, line) anchors, sorted by offset: text from `offset` on comes from `line` on,
    # one more line for every newline of the text until the next anchor.
    anchors: list[tuple[int, int]] = field(default_factory=list)
    _anchor_offsets: list[int] = field(default_factory=list, repr=False)

    def line_of(self, offset: int) -> int:
        """The 1-based line of the source file that the character at `offset` comes from."""
        if not self._anchor_offsets:
            self._anchor_offsets = [o for o, _ in self.anchors]
        i = bisect.bisect_right(self._anchor_offsets, offset) - 1
        if i < 0:
            return 1
        start, line = self.anchors[i]
        return line + self.text.count("\n", start, offset)

    def part_at(self, offset: int) -> Section | None:
        """The section holding `offset`, if any."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None

    def in_italics(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one italic span."""
        return any(s.start <= start and end <= s.end for s in self.italics)


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
        self._section: tuple[int, Part, int | None] | None = None
        self._paragraph: int | None = None

    @property
    def offset(self) -> int:
        return self._length

    def add(self, text: str, line: int, *, italic: bool = False, hover: str | None = None) -> None:
        """Append text that starts at source line `line`; its newlines follow the source."""
        if not text:
            return
        start = self._length
        if self._paragraph is None:
            self._paragraph = start
        self.anchors.append((start, line))
        self._chunks.append(text)
        self._length += len(text)
        if italic:
            self._extend(self.italics, start)
        if hover:
            self.hovers.append(Hover(start, self._length, hover))

    def _extend(self, spans: list[Span], start: int) -> None:
        # Adjacent italic pieces (`<em>a</em><em>b</em>`, nested tags) become one span.
        if spans and spans[-1].end == start:
            spans[-1] = Span(spans[-1].start, self._length)
        else:
            spans.append(Span(start, self._length))

    def end_paragraph(self) -> None:
        """Close the paragraph; the next text starts a new one after a blank line."""
        if self._paragraph is not None and self._length > self._paragraph:
            self.paragraphs.append(Span(self._paragraph, self._length))
            self._chunks.append("\n\n")
            self._length += 2
        self._paragraph = None

    def begin(self, part: Part, chapter: int | None = None) -> None:
        self.end_section()
        self._section = (self._length, part, chapter)

    def end_section(self) -> None:
        self.end_paragraph()
        if self._section is not None:
            start, part, chapter = self._section
            # a section ends before the blank line that closed its last paragraph
            trailing = 2 if self._chunks and self._chunks[-1] == "\n\n" else 0
            end = self._length - trailing
            if end > start:
                self.sections.append(Section(start, end, part, chapter))
        self._section = None

    def build(self) -> Story:
        self.end_section()
        text = "".join(self._chunks)
        if text.endswith("\n\n"):
            text = text[:-2]
        return Story(
            path=self.path,
            text=text,
            sections=self.sections,
            paragraphs=self.paragraphs,
            italics=self.italics,
            hovers=self.hovers,
            anchors=self.anchors,
        )
