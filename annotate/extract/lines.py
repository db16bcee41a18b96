"""Paragraphs as extraction reads them: a block of lines split into its lines, unless the
lines are prose wrapped at a width.

Many stories copied from the web end each paragraph with one line break and no blank line,
and poems and songs set each line on its own; either way a line is the unit a translation
follows (`Vash tem orru` / `(We ride at dawn)`). Prose hard-wrapped at a width is the one
block whose lines are not units.
"""

from __future__ import annotations

from dataclasses import replace

from annotate.story import Span, Story

# A wrapped line is this long, and most do not end a sentence.
_WRAPPED = range(50, 101)
_SENTENCE_END = tuple(".!?:\"'\u201d\u2019)]*_")


def read_apart(story: Story) -> Story:
    """The story with every paragraph of several unwrapped lines split into its lines."""
    text = story.text
    if not any("\n" in text[p.start : p.end] for p in story.paragraphs):
        return story
    paragraphs: list[Span] = []
    for paragraph in story.paragraphs:
        lines = _lines(text, paragraph)
        if len(lines) > 1 and not _wrapped(text, lines):
            paragraphs.extend(Span(start, end) for start, end in lines)
        else:
            paragraphs.append(paragraph)
    return replace(story, paragraphs=paragraphs)


def _lines(text: str, paragraph: Span) -> list[tuple[int, int]]:
    found = []
    start = paragraph.start
    while start < paragraph.end:
        stop = text.find("\n", start, paragraph.end)
        stop = paragraph.end if stop < 0 else stop
        if text[start:stop].strip():
            found.append((start, stop))
        start = stop + 1
    return found


def _wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Prose wrapped at a width: every line but the last of a wrapped line's length, and
    most of them running on into the next."""
    body = [text[start:end].rstrip() for start, end in lines[:-1]]
    if not all(len(line) in _WRAPPED for line in body):
        return False
    return 2 * sum(line.endswith(_SENTENCE_END) for line in body) < len(body)
