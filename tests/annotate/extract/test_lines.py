"""Paragraphs as extraction reads them: lines apart, unless prose wrapped at a width."""

from __future__ import annotations

import pytest

from annotate.extract.lines import read_apart
from annotate.readers.text import parse_text

WRAPPED = (
    "The rain had not stopped for three days, and the camp was tired of it\n"
    "all; Octavia said nothing for a long time while the fire burned down and\n"
    "the others slept."
)

CASES = [
    # (story text, the paragraphs extraction reads)
    ("One line.\n\nAnother.", ["One line.", "Another."]),
    ("Vash tem orru\n(We ride at dawn)", ["Vash tem orru", "(We ride at dawn)"]),
    ("She looked up.\nHe nodded.\n\nThen", ["She looked up.", "He nodded.", "Then"]),
    (WRAPPED, [WRAPPED.replace("\n", " ")]),  # its line breaks read as spaces
]


@pytest.mark.parametrize(("text", "paragraphs"), CASES)
def test_paragraphs_read_apart(text: str, paragraphs: list[str]) -> None:
    story = read_apart(parse_text(text, "s.txt"))
    assert [story.text[p.start : p.end] for p in story.paragraphs] == paragraphs


def test_a_wrapped_paragraph_keeps_its_offsets_and_line_numbers() -> None:
    story = parse_text(f"Title\n\n{WRAPPED}\n\nVash tem\n(We ride)", "s.txt")
    read = read_apart(story)
    assert len(read.text) == len(story.text)
    assert [read.line_of(p.start) for p in read.paragraphs] == [1, 3, 7, 8]


def test_a_story_without_line_breaks_is_the_same_story() -> None:
    story = parse_text("One.\n\nTwo.", "s.txt")
    assert read_apart(story) is story
