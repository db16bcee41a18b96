"""HTML: AO3 downloads by structure (not labels), any page as text; italics, hovers, lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.readers import read_story
from annotate.readers.html import html_story
from annotate.story import Story

STORIES = Path(__file__).parents[2] / "data" / "stories"


def parts(story: Story) -> list[tuple[str, int | None, str]]:
    return [(s.part.value, s.chapter, story.text[s.start : s.end]) for s in story.sections]


def italics(story: Story) -> list[tuple[str, int]]:
    return [(story.text[s.start : s.end], story.line_of(s.start)) for s in story.italics]


def line(story: Story, needle: str) -> int:
    return story.line_of(story.text.index(needle))


def test_ao3_work_parts() -> None:
    story = read_story(STORIES / "ao3_work.html")
    assert parts(story) == [
        ("title", None, "Jus Drein Jus Daun"),
        ("summary", None, "Lexa keeps a promise. Jus drein jus daun."),
        ("notes", None, "Trigedasleng from the wiki: Heda means Commander."),
        ("chapter_title", 1, "Chapter 1: Polis"),
        ("notes", 1, "Yu gonplei ste odon is what she says."),
        ("text", 1, 'The city was quiet.\n\n"Yu gonplei ste odon," Lexa said. Your fight is over.'),
        ("end_notes", 1, "Thanks for reading & commenting!"),
        ("chapter_title", 2, "Chapter 2"),
        ("text", 2, "Clarke heard the word Wanheda\nand turned.\n\nNobody was there."),
        ("end_notes", None, "Maun-de oso, ai hod yu in."),
    ]
    assert [s.part.value for s in story.notes()] == ["notes", "notes", "end_notes", "end_notes"]


def test_ao3_work_italics_hovers_and_lines() -> None:
    story = read_story(STORIES / "ao3_work.html")
    # two <em>s on two lines stay two spans, each with its own line
    assert italics(story) == [
        ("Jus drein jus daun", 27),
        ("Heda", 31),
        ("Yu gonplei", 45),
        ("ste odon", 46),
        ("Wanheda", 58),
        ("ai hod yu in", 66),
    ]
    hover = story.hovers[0]
    assert (story.text[hover.start : hover.end], hover.title) == (
        "Yu gonplei ste odon",
        "Your fight is over",
    )
    assert story.hover_at(hover.start + 3, hover.end) == hover
    assert line(story, "Jus Drein Jus Daun") == 23  # the h1, not the <title> or the message
    assert line(story, "and turned") == 59
    assert line(story, "Nobody") == 59
    assert line(story, "Thanks for reading") == 51


def test_ao3_one_shot_between_chapter_content_comments() -> None:
    story = read_story(STORIES / "ao3_oneshot.html")
    assert parts(story) == [
        ("title", None, "Ste Yuj"),
        # a lone blockquote: its label ("Notas") makes it notes, not a summary
        ("notes", None, 'Ste yuj significa "sé fuerte".'),
        ("text", 1, 'Anya looked at her. Ste yuj, she thought.\n\nThen, louder: "Ste yuj."'),
        ("end_notes", None, "Gracias."),
    ]
    assert italics(story) == [("Ste yuj", 15), ("Ste yuj", 20), ("Ste", 21), ("yuj", 21)]


def test_ao3_work_page_saved_from_the_browser() -> None:
    story = read_story(STORIES / "ao3_webpage.html")
    assert [(p, c, story.line_of(story.text.index(t)), t) for p, c, t in parts(story)] == [
        ("title", None, 18, "Ai Hod Yu In"),
        ("summary", None, 22, "Lexa says it at last."),
        ("notes", None, 26, "Ai hod yu in means I love you."),
        ("chapter_title", 1, 33, "Kapitel 1: Polis"),
        ("notes", 1, 36, "Head note."),
        ("text", 1, 41, '"Ai hod yu in," Lexa said.'),  # no hidden "Kapiteltext" heading
        ("end_notes", 1, 46, "Chapter end note."),
        ("chapter_title", 2, 52, "Kapitel 2"),
        ("summary", 2, 55, "Chapter summary."),
        ("text", 2, 60, "Clarke answered."),
        ("end_notes", None, 67, "Work end note."),
    ]


def test_ao3_labels_in_an_unknown_language_fall_back_on_order() -> None:
    source = (STORIES / "ao3_work.html").read_text()
    for label in ("Résumé", "Notes", "Chapter Notes", "Chapter End Notes"):
        source = source.replace(f"<p>{label}</p>", "<p>Ṡṳṁṁȧṙẏ</p>")
    assert parts(html_story(source, "x")) == parts(read_story(STORIES / "ao3_work.html"))


@pytest.mark.parametrize(
    ("doctype", "text"),
    [
        ("", "loose x"),  # quirks mode: class names match in any case, the div is a wrapper
        ("<!DOCTYPE html>", "loose\n\nx"),  # a div of text like any other
    ],
)
def test_ao3_class_names_match_as_css_does(doctype: str, text: str) -> None:
    assert (
        html_story(f"{doctype}<div id=chapters>loose <div class=META>x</div></div>", "x").text
        == text
    )


def test_any_page() -> None:
    story = read_story(STORIES / "page.html")
    assert [story.text[p.start : p.end] for p in story.paragraphs] == [
        "A page, not AO3",
        "Nested italics inside bold and split across tags.",
        "Styled Heda, heda, and & entities <kept> — fine.",
        "Broken misnested",
        "para still",
        "Line one\nline two",
        "new paragraph",
        "Cell one",
        "Cell two",
        "Last",
    ]
    assert parts(story)[0][:2] == ("text", None)
    assert italics(story) == [
        ("italics inside bold", 4),  # nested <b> inside <em>: one span
        ("split across", 4),  # <i>split </i><i>across</i>: one span
        ("Heda", 5),  # font-style: italic
        ("misnested", 7),
        ("para", 7),
        ("one", 9),
    ]
    assert [(story.text[h.start : h.end], h.title) for h in story.hovers] == [("heda", "commander")]
    assert [story.line_of(p.start) for p in story.paragraphs] == [3, 4, 5, 7, 7, 8, 8, 9, 9, 10]
    assert line(story, "and & entities") == 6


@pytest.mark.parametrize(
    ("html", "text", "italic"),
    [
        ("<p><em>Yu</em><em> gonplei</em></p>", "Yu gonplei", ["Yu gonplei"]),
        ("<p><em>Yu </em>gonplei</p>", "Yu gonplei", ["Yu"]),
        ("<p><em>Yu</em> <em>gonplei</em></p>", "Yu gonplei", ["Yu", "gonplei"]),
        ("<p><i>Yu <b>gon</b>plei</i></p>", "Yu gonplei", ["Yu gonplei"]),
        ("<p><i>Heda <span style='font-style:normal'>Lexa</span></i></p>", "Heda Lexa", ["Heda"]),
        ("<p>a<br>b<br/> <br>c</p>", "a\nb\n\nc", []),
        ("<p>  spaced \n\t out&nbsp;&nbsp;text  </p>", "spaced out text", []),
        ("<i>unclosed <p>and more", "unclosed\n\nand more", ["unclosed", "and more"]),
        ("<p>x</p><script>var y = '<p>no</p>';</script><style>p{}</style>", "x", []),
        ("<p>caf&eacute; &#8220;q&#x201d; &amp", "café “q” &", []),
    ],
)
def test_inline_text(html: str, text: str, italic: list[str]) -> None:
    story = html_story(html, "x")
    assert story.text == text
    assert [story.text[s.start : s.end] for s in story.italics] == italic


@pytest.mark.parametrize(
    "html",
    [
        "<i>" * 5_000 + "deep",
        "<table><tr>text in a table<td>cell</table>",
        "<p title='unterminated>x",
        "<!-- unterminated comment",
        "</p></div></body></html>stray",
        "<svg><p>foreign</svg><math>x</math>",
        "<p>\x0c\x0b\x1f controls</p>",
        "<<<>>>&&&;;;",
    ],
)
def test_broken_html_never_raises(html: str) -> None:
    html_story(html, "x")


def test_lines_follow_the_source_through_tags_comments_and_entities() -> None:
    source = (
        "<html>\n<head>\n<title>Same</title>\n</head>\n<body>\n"  # 1-5
        "<!-- Same\n-->\n"  # 6-7
        '<p class="Same">\nSame</p>\n'  # 8-9
        "<p>A &amp;\nB</p>\n"  # 10-11
        "<pre>\nC</pre>\n"  # 12-13
        '<div title="a > b">D</div>\n'  # 14
    )
    story = html_story(source, "x")
    assert story.text == "Same\n\nA & B\n\nC\n\nD"
    assert [story.line_of(story.text.index(w)) for w in ("Same", "A", "B", "C", "D")] == [
        9,
        10,
        11,
        13,
        14,
    ]


def test_xhtml_self_closed_elements_close(tmp_path: Path) -> None:
    path = tmp_path / "c.xhtml"
    path.write_text('<html><body><a id="top"/><p>one</p><i/><p>two</p></body></html>')
    story = read_story(path)
    assert story.text == "one\n\ntwo"
    assert story.italics == []


TAGS = [
    "<p>",
    "</p>",
    "<em>",
    "</em>",
    "<br>",
    "<div class='a\nb'>",
    "</div>",
    "<!-- w0\n-->",
    '<span title="w0 >\n">',
    "</span>",
    "<i>",
    "<b>",
    "</i>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<script>\nw0\n</script>",
    "<h2>",
    "</h2>",
    "<blockquote>",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.booleans(), st.integers(0, len(TAGS) - 1), st.sampled_from(["", " ", "\n", "\n\n "])
        ),
        max_size=60,
    )
)
def test_every_word_keeps_its_source_line(pieces: list[tuple[bool, int, str]]) -> None:
    source, expected = "<body>\n", {}
    for n, (is_word, tag, gap) in enumerate(pieces, start=1):
        if is_word:
            word = f"w{n}"
            expected[word] = source.count("\n") + 1
            source += word + ("&amp; " if n % 3 == 0 else " ")
        else:
            source += TAGS[tag]
        source += gap
    story = html_story(source, "x")
    for word, line_ in expected.items():
        at = re.search(rf"\b{word}\b", story.text)
        assert at is not None, word
        assert story.line_of(at.start()) == line_, (word, source)
