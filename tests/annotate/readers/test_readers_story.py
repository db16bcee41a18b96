"""The Story model and its builder: offsets, lines, files, spans."""

from __future__ import annotations

import pytest

from annotate.story import Hover, Part, Section, Span, Story, StoryBuilder


def built() -> Story:
    b = StoryBuilder("book.epub")
    b.set_file("book.epub!a.xhtml")
    b.begin(Part.title)
    b.add("Title", 3)
    b.begin(Part.text, 1)
    b.add("Say ", 10)
    b.add("Heda ", 10, italic=True)  # trailing space: trimmed from the span
    b.add("and", 10, italic=False)
    b.end_paragraph()
    b.add("two\nlines", 12, hover="gloss")
    b.add(" more", 13, hover="gloss")
    b.set_file("book.epub!b.xhtml")
    b.begin(Part.end_notes, 1)
    b.add("Note", 2)
    return b.build()


def test_text_sections_and_paragraphs() -> None:
    story = built()
    assert story.text == "Title\n\nSay Heda and\n\ntwo\nlines more\n\nNote"
    assert [(s.part, s.chapter, story.text[s.start : s.end]) for s in story.sections] == [
        (Part.title, None, "Title"),
        (Part.text, 1, "Say Heda and\n\ntwo\nlines more"),
        (Part.end_notes, 1, "Note"),
    ]
    assert [story.text[p.start : p.end] for p in story.paragraphs] == [
        "Title",
        "Say Heda and",
        "two\nlines more",
        "Note",
    ]


@pytest.mark.parametrize(
    ("needle", "file", "line"),
    [
        ("Title", "book.epub!a.xhtml", 3),
        ("Say", "book.epub!a.xhtml", 10),
        ("and", "book.epub!a.xhtml", 10),
        ("two", "book.epub!a.xhtml", 12),
        ("lines", "book.epub!a.xhtml", 13),
        ("more", "book.epub!a.xhtml", 13),
        ("Note", "book.epub!b.xhtml", 2),
    ],
)
def test_locations(needle: str, file: str, line: int) -> None:
    story = built()
    assert story.location(story.text.index(needle)) == (file, line)


def test_anchors_only_where_counting_newlines_would_be_wrong() -> None:
    b = StoryBuilder("x")
    b.add("a\nb", 1)
    b.add(" c", 2)  # continues line 2: no anchor needed
    b.end_paragraph()
    b.add("d", 9)
    story = b.build()
    assert story.anchors == [(0, 1), (7, 9)]
    assert [story.line_of(story.text.index(c)) for c in "abcd"] == [1, 2, 2, 9]
    assert story.file_of(0) == "x"


def test_spans() -> None:
    story = built()
    assert [story.text[s.start : s.end] for s in story.italics] == ["Heda"]
    heda = story.text.index("Heda")
    assert story.in_italics(heda, heda + 4)
    assert not story.in_italics(heda, heda + 5)
    assert not story.in_italics(0, 2)
    hover = story.hovers[0]
    assert (story.text[hover.start : hover.end], hover.title) == ("two\nlines more", "gloss")
    assert story.hover_at(hover.start, hover.start + 3) == hover
    assert story.hover_at(0, 1) is None


def test_part_at_and_notes() -> None:
    story = built()
    assert story.part_at(story.text.index("Heda")) == story.sections[1]
    assert story.part_at(story.text.index("Title") + 5) is None  # the blank line between
    assert story.notes() == [story.sections[2]]
    assert story.sections_of(Part.title, Part.end_notes) == [story.sections[0], story.sections[2]]


def test_footnote_sections_carry_their_labels() -> None:
    b = StoryBuilder("x.md")
    b.begin(Part.footnotes, None, "1")
    b.add("note", 5)
    assert b.build().sections == [Section(0, 4, Part.footnotes, None, "1")]


def test_a_story_made_by_hand_still_works() -> None:
    story = Story("x", "ab cd", italics=[Span(3, 5)], hovers=[Hover(0, 2, "t")])
    assert story.line_of(4) == 1
    assert story.in_italics(3, 5)
    assert story.part_at(0) is None


@pytest.mark.parametrize(
    ("steps", "text", "paragraphs", "anchors"),
    [
        # (text, line) added as whole paragraphs: lines counted on, anchors where they jump
        ([("a", 1), ("b", 3)], "a\n\nb", ["a", "b"], [(0, 1)]),
        ([("a\nb", 1), ("c", 9)], "a\nb\n\nc", ["a\nb", "c"], [(0, 1), (5, 9)]),
        ([("a", 1), ("", 2), ("b", 3)], "a\n\nb", ["a", "b"], [(0, 1)]),
        ([("a", 1), ("b\n\n", 3)], "a\n\nb\n\n", ["a", "b\n\n"], [(0, 1)]),  # its own end kept
    ],
)
def test_whole_paragraphs(
    steps: list[tuple[str, int]], text: str, paragraphs: list[str], anchors: list[tuple[int, int]]
) -> None:
    b = StoryBuilder("a.txt")
    b.begin(Part.text)
    for piece, line in steps:
        b.add_paragraph(piece, line)
    story = b.build()
    assert story.text == text
    assert [story.text[p.start : p.end] for p in story.paragraphs] == paragraphs
    assert story.anchors == anchors
    assert story.sections == [Section(0, len(text), Part.text)]
