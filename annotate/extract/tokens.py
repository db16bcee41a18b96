"""Words, quotations and sentences of a story's text, as offset spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Letters (no digits, no superscript footnote markers), inner apostrophes and hyphens.
_LETTER = r"[^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f]"
WORD = re.compile(rf"{_LETTER}+(?:['\u2019\-]{_LETTER}+)*")
# Straight or curly double quotes; a quotation never crosses a paragraph.
QUOTE = re.compile(r"\"([^\"\n]+)\"|\u201c([^\u201c\u201d\n]+)\u201d")
SENTENCE_END = re.compile(r"[.!?]+[\"\u201d')\]*_]*(?=\s|$)|\n\n")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    bare: str  # without a possessive `'s`


def _bare(text: str) -> str:
    return text[:-2] if text.endswith(("'s", "\u2019s")) else text


def words(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), m.group(), _bare(m.group()))
        for m in WORD.finditer(text, start, stop)
    ]


def quotations(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of each quotation."""
    stop = len(text) if end is None else end
    for m in QUOTE.finditer(text, start, stop):
        group = 1 if m.group(1) is not None else 2
        yield m.start(group), m.end(group)


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence between start and end, ending punctuation included."""
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        if m.end() > pos:
            yield pos, m.end()
        pos = m.end()
    if pos < end:
        yield pos, end


PUNCTUATION = " \t\n.,;:!?\"'*_-\u2013\u2014\u201c\u201d\u2018\u2019()"


def strip_span(text: str, start: int, end: int, chars: str = PUNCTUATION) -> tuple[int, int]:
    """The span without the spaces and punctuation at its ends."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
