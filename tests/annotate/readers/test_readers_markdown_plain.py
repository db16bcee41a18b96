"""Paragraphs set aside before parsing: which are, what they read, where their lines go."""

from __future__ import annotations

import pytest

from annotate.readers.markdown import parse_markdown
from annotate.readers.markdown_plain import PLACEHOLDER, SetAside, italic_pairs, set_aside


def runs(aside: SetAside) -> dict[int, list[tuple[int, str]]]:
    """By placeholder line, the (line, text) of each paragraph set aside."""
    return {at: list(zip(*run, strict=True)) for at, run in aside.runs.items()}


def test_runs_become_one_placeholder_each() -> None:
    aside = set_aside("One.\n\nTwo,\nthree.\n\n**Jus**\n\nFour.\n\n\nFive.")
    assert aside.text == f"{PLACEHOLDER}\n\n**Jus**\n\n{PLACEHOLDER}"
    assert runs(aside) == {0: [(0, "One."), (2, "Two,\nthree.")], 4: [(7, "Four."), (10, "Five.")]}
    # lines of the text back to the source's: `**Jus**` is on line 5 of both (0-based)
    assert [aside.source_line(line) for line in range(5)] == [0, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("Plain words.", "Plain words."),
        ("a  \n   b\t\nc", "a\nb\t\nc"),  # spaces around a break dropped, a tab before kept
        ("trailing \t ", "trailing"),
        ('"Sen op," she said - 2 days later!', '"Sen op," she said - 2 days later!'),
        ("a note[^1] here", "a note[^1] here"),  # no link defined: brackets are text
        ("line\n    indented more", "line\nindented more"),  # a lazy continuation line
        ("Mr.\xa0Kane", "Mr.\xa0Kane"),
    ],
)
def test_plain(paragraph: str, text: str) -> None:
    assert runs(set_aside(paragraph)) == {0: [(0, text)]}


@pytest.mark.parametrize(
    "paragraph",
    [
        "**strong**",
        "snake_case",
        "`code`",
        "a \\* b",
        "<i>x</i>",
        "AT&T",
        "[a](b)",  # a link
        "  indented",  # a list item's or code block's, maybe
        "# heading",
        "- item",
        "+ item",
        "1. item",
        "2) item",
        "> quote",
        "~~~",
        "text\n===",  # a heading underlined
        "text\n- item",  # a list interrupts a paragraph
        "\xa0nbsp first",  # whitespace at the edges, stripped or not by the parser's version
        "nbsp last\xa0",
        "\u3000ideographic space",
        "cr\r",
    ],
)
def test_not_plain(paragraph: str) -> None:
    assert runs(set_aside(f"Plain.\n\n{paragraph}")) == {0: [(0, "Plain.")]}


@pytest.mark.parametrize(
    ("source", "set_aside_"),
    [
        ("a[^1] b\n\n[x]: /url", {}),  # a link definition: brackets may be links
        ("```\n\nfenced\n\n```", {}),  # a fence spans blank lines
        ("<!--\n\ncomment\n\n-->", {}),
        ("<pre>\n\npre\n\n</pre>", {}),
        ("Before.\n\ntext\n~~~\n\nfenced\n\n~~~\n\nAfter.", {0: [(0, "Before.")]}),  # up to
    ],  # the paragraph of the first fence
)
def test_nothing_set_aside_that_could_be_inside_something(
    source: str, set_aside_: dict[int, list[tuple[int, str]]]
) -> None:
    assert runs(set_aside(source)) == set_aside_


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("*Heda*", True),
        ('"*Jus drein jus daun*," the crowd chanted.', True),
        ("*Ai Haiplana*: My Queen.", True),
        ("*a* and *b*, \u201c*c*\u201d", True),
        ("*jus\ndrein* here", True),  # over a line break
        ('*"quoted"* too', True),
        ("*a*b*", False),  # three: the parser decides
        ("**strong**", False),
        ("a*b*c", False),  # inside a word: opens and closes both
        ("* a list item", False),
        ("*unclosed", False),
        ("*a *b* c*", False),  # nested
        ("*\u00a35*", False),  # a symbol: punctuation in some versions only
        ("*Heda*\u00a0nbsp", False),
        ("*(*a*)*", False),
    ],
)
def test_italic_pairs(text: str, plain: bool) -> None:
    assert italic_pairs(text) is plain


def test_italics_are_set_aside_too() -> None:
    aside = set_aside('"*Jus drein*," she said.\n\n*a*b*')
    assert runs(aside) == {0: [(0, '"*Jus drein*," she said.')]}
    assert aside.text == f"{PLACEHOLDER}\n\n*a*b*"


@pytest.mark.parametrize(
    "source",
    [
        "a\n\n" + " " * 50_000 + "\n\nb",  # scanned once, not from each of its spaces
        "x" + "[^1] " * 50_000,  # footnote marks on one long line
        "] " * 50_000 + "\n\n" + "[ " * 50_000,
    ],
)
def test_long_lines_take_linear_time(source: str) -> None:
    assert set_aside(source).text.count(PLACEHOLDER) <= 2
    assert parse_markdown(source, "x").text
