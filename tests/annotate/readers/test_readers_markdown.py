"""Markdown: italics for emphasis and for translations alike, headings, footnotes, lines."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.readers import markdown, markdown_plain, read_story
from annotate.readers.markdown import parse_markdown, split_footnotes
from annotate.story import Story

DRAFT = Path(__file__).parents[2] / "data" / "stories" / "draft.md"


def parts(story: Story) -> list[tuple[str, int | None, str | None, str]]:
    return [(s.part.value, s.chapter, s.label, story.text[s.start : s.end]) for s in story.sections]


def test_draft_parts() -> None:
    story = read_story(DRAFT)
    assert parts(story) == [
        ("title", None, None, "Blood Must Not Have Blood"),
        ("text", None, None, "Lexa said it slowly, as if Clarke were a child."),
        ("chapter_title", 1, None, "Chapter 1: The Commander"),
        (
            "text",
            1,
            None,
            '"Jus drein jus daun," the crowd chanted.[^1] Nobody\nwanted to hear that again.'
            "\n\nYu gonplei ste odon, she whispered,\nand meant it."
            "\n\nA scene heading"  # deeper than the chapters' level: text
            "\n\nMid_word and snake_case_names are not italics.",
        ),
        ("chapter_title", 2, None, "Chapter 2"),
        ("text", 2, None, "Ai laik Heda -- I am the Commander."),
        (
            "footnotes",
            None,
            "1",
            "Jus drein jus daun: blood must have blood.\nFrom the show's wiki.",
        ),
    ]
    assert [s.part.value for s in story.notes()] == ["footnotes"]


def test_draft_italics_emphasis_and_translation_alike() -> None:
    story = read_story(DRAFT)
    # `slowly` is emphasis, `Jus drein jus daun` a conlang phrase: the reader reports both,
    # with their lines; telling them apart is extraction's work
    assert [(story.text[s.start : s.end], story.line_of(s.start)) for s in story.italics] == [
        ("slowly", 3),
        ("Jus drein jus daun", 7),
        ("that", 8),
        ("Ai laik Heda", 19),
        ("Jus drein jus daun", 21),
    ]
    assert [
        (story.text[h.start : h.end], h.title, story.line_of(h.start)) for h in story.hovers
    ] == [("Yu gonplei ste odon", "Your fight is over", 10)]
    assert [story.line_of(p.start) for p in story.paragraphs] == [
        1,
        3,
        5,
        7,
        10,
        13,
        15,
        17,
        19,
        21,
    ]
    assert story.line_of(story.text.index("and meant it")) == 11
    assert story.line_of(story.text.index("From the show")) == 22


@pytest.mark.parametrize(
    ("source", "text", "italic"),
    [
        ("*a* _b_ ***c***", "a b c", ["a", "b", "c"]),
        ("snake_case and __strong__", "snake_case and strong", []),
        ("<i>raw</i> and <em>tags</em>", "raw and tags", ["raw", "tags"]),
        ("a <span title='it&#39;s'>x</span>", "a x", []),
        ("> *quoted*\n> line", "quoted\nline", ["quoted"]),
        ("- *item* one\n- two", "item one\n\ntwo", ["item"]),
        ("    code *not italic*", "code *not italic*", []),
        ("<div>\n<p><em>html</em> block</p>\n</div>", "html block", ["html"]),
        ("line one  \nline two", "line one\nline two", []),
        ("*jus\ndrein* here", "jus\ndrein here", ["jus\ndrein"]),  # one span over a line break
    ],
)
def test_inline_markdown(source: str, text: str, italic: list[str]) -> None:
    story = parse_markdown(source, "x")
    assert story.text == text
    assert [story.text[s.start : s.end] for s in story.italics] == italic


def test_hover_titles_are_unescaped() -> None:
    story = parse_markdown("a <span title='it&#39;s &amp; that'>x</span>", "x")
    assert [h.title for h in story.hovers] == ["it's & that"]


@pytest.mark.parametrize(
    ("source", "parts_"),
    [
        ("# One\n\ntext", [("title", None), ("text", None)]),
        (
            "# A\n\nx\n\n# B\n\ny",
            [("chapter_title", 1), ("text", 1), ("chapter_title", 2), ("text", 2)],
        ),
        ("intro\n\n## A\n\nx", [("text", None), ("chapter_title", 1), ("text", 1)]),
        ("just text", [("text", None)]),
    ],
)
def test_headings(source: str, parts_: list[tuple[str, int | None]]) -> None:
    story = parse_markdown(source, "x")
    assert [(s.part.value, s.chapter) for s in story.sections] == parts_


def test_footnotes_leave_every_other_line_in_place() -> None:
    body, notes = split_footnotes("a\n[^n1]: first\n    more\n\n    para\nb\n[^2]: two\n")
    assert body == "a\n\n\n\n\nb\n\n"
    assert notes == [("n1", 2, "first\nmore\n\npara"), ("2", 7, "two")]


# Every kind of block next to plain paragraphs, which are set aside before parsing.
AROUND_PLAIN = [
    "Plain one.\n\nPlain two,\nover two lines.  \nThree.\n\n\n\nFar below.",
    "- item\n\nPlain after a list.\n\n  indented: still the item's\n\n- next",
    "1. one\n2. two\n\nPlain.\n\n10) ten",
    "> quote\n\nPlain after a quote.\n> quote again",
    "    code\n\nPlain between code.\n\n    more code",
    "Plain.\n\n```\n\nfenced\n\n```\n\nPlain after.",
    "Plain.\n\n<!--\n\nnot text\n\n-->\n\nPlain after.",
    "<div>\n\nPlain inside a div?\n\n</div>",
    "# Title\n\nPlain.\n\n## One\n\nPlain *and* not.\n\n## Two\n\nPlain.",
    "Setext\n===\n\nPlain.\n\nAnother\n---",
    "a[^1] and b[^2]\n\n[^1]: Plain note.\n[^2]: *Italic* note.\n    continued\n\nPlain.",
    "Link [a][x] and [y].\n\n[x]: /u\n\nPlain [y] text.",
    "\xa0nbsp first\n\nnbsp last\xa0\n\n\u3000ideographic\n\nPlain.",
    "Plain.\n\n\t\n  \n\nAfter blank lines of spaces.\n \t",
    "Plain.\r\n\r\nCRLF.\r\n",
    '"*Jus drein jus daun*," the crowd\nchanted. *Jus\ndaun*\n\n*a*b* and **b** and *x*y\n\n* item',
    "*\u00a35* and *\U0001f389* and \u201c*Heda*\u201d\n\n*Ai Haiplana*: My Queen.\n\nPlain.",
    "Note[^1].\n\n[^1]: *Heda*: commander.\n[^2]: Plain note.",
]


@pytest.mark.parametrize("source", AROUND_PLAIN)
def test_setting_aside_plain_paragraphs_changes_nothing(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = parse_markdown(source, "x")
    monkeypatch.setattr(markdown, "set_aside", markdown_plain.SetAside)  # parse them all
    assert story == parse_markdown(source, "x")


# Lines of every kind a draft mixes (block starts, inline syntax, plain text, odd whitespace),
# for documents the parser must read alike with or without plain paragraphs set aside.
_LINES = st.sampled_from(
    [
        "Plain words here.",
        "Heda said so.  ",
        "more\\",
        "*Jus drein*, he said.",
        "*a*b* and **b**",
        "_snake_case_ word",
        "- item",
        "1. one",
        "> quote",
        "    code",
        "```",
        "<!-- note -->",
        "<div>",
        "# Heading",
        "===",
        "---",
        "[x]: /url",
        "a [x] link",
        "[^1]: a note",
        "Note[^1].",
        "&amp; &copy;",
        "<i>hover</i> <span title='t'>x</span>",
        "\t\tTabbed.",
        "\xa0nbsp",
        "",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=14), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_setting_aside_changes_nothing_in_any_mix(
    lines: list[str], newline: str, final: bool
) -> None:
    source = newline.join(lines) + (newline if final else "")
    story = parse_markdown(source, "x")
    with patch.object(markdown, "set_aside", markdown_plain.SetAside):  # parse them all
        assert story == parse_markdown(source, "x")
