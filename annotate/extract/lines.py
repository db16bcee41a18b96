"""Paragraphs as extraction reads them: a block of lines split into its lines, unless the
lines are prose wrapped at a width, which is read as one line.

Many stories copied from the web end each paragraph with one line break and no blank line,
and poems and songs set each line on its own; either way a line is the unit a translation
follows (`Vash tem orru` / `(We ride at dawn)`). Prose hard-wrapped at a width is the one
block whose lines are not units: its line breaks are read as spaces, so a quotation or a
bracket that wraps is still one.
"""

from __future__ import annotations

from dataclasses import replace

from annotate.story import Span, Story

# A wrapped line is this long, and most do not end a sentence.
_WRAPPED = range(50, 101)
_SENTENCE_END = tuple(".!?:\"'\u201d\u2019)]*_")


def read_apart(story: Story) -> Story:
    """The story with every paragraph of several unwrapped lines split into its lines, and
    the line breaks of wrapped ones read as spaces (offsets and line numbers unchanged)."""
    text = story.text
    blocks = [(p, _lines(text, p)) for p in story.paragraphs]
    if all(len(lines) < 2 for _, lines in blocks):
        return story
    wrapped_story = _wrapped([line for _, lines in blocks for line in lines[:-1]], text, 0.8)
    paragraphs: list[Span] = []
    joined = list(text)
    for paragraph, lines in blocks:
        body = lines[:-1]
        if len(lines) < 2:
            paragraphs.append(paragraph)
        elif _wrapped(body, text) or (wrapped_story and _wide(body, text) == len(body)):
            paragraphs.append(paragraph)
            for _, end in body:
                joined[end] = " "
        else:
            paragraphs.extend(Span(start, end) for start, end in lines)
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    return replace(story, text="".join(joined), paragraphs=paragraphs, _newlines=newlines)


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


def _wide(lines: list[tuple[int, int]], text: str) -> int:
    """How many of the lines are as long as a wrapped line."""
    return sum(len(text[start:end].rstrip()) in _WRAPPED for start, end in lines)


def _wrapped(lines: list[tuple[int, int]], text: str, most: float = 1.0) -> bool:
    """Prose wrapped at a width: lines (each but the last of their paragraph) of a wrapped
    line's length (all of them, or `most` of them for a whole story with its title lines),
    most of them running on into the next."""
    if not lines or _wide(lines, text) < most * len(lines):
        return False
    ends = sum(text[start:end].rstrip().endswith(_SENTENCE_END) for start, end in lines)
    return 2 * ends < len(lines)
