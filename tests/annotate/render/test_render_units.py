"""The renderers' pieces: wrapping, widths, Markdown escaping, HTML escaping, interlinear."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from annotate.render import html, interlinear, markdown
from annotate.render.formats import Format, render, stream
from annotate.render.model import Glossed, Options
from annotate.render.runs import runs
from annotate.render.terminal import Style, emit, width_of, wrap
from annotate.spotting import Spotter
from annotate.story import Span, Story
from glossary.models import Entry, Glossary

GLOSSARY = Glossary(
    terms=[
        Entry(term="Heda", translations=["Commander"]),
        Entry(term="Yu gonplei ste odon", translations=["Your fight is over"], kind="phrase"),
        Entry(term="gonplei", translations=["fight"]),
        Entry(term="odon", translations=["over"]),
        Entry(term="Wanheda", translations=["Commander of Death"]),
        Entry(term="Lexa", kind="name"),
    ]
)
SPOTTER = Spotter(GLOSSARY)


def glossed(text: str, italics: list[tuple[int, int]] | None = None) -> Glossed:
    story = Story(path="s.txt", text=text, italics=[Span(a, b) for a, b in italics or []])
    return Glossed(story, SPOTTER.spot(story))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("abc", 3), ("漢字", 4), ("e\u0301", 1), ("", 0), ("🗡", 1)],
)
def test_width_of(text: str, expected: int) -> None:
    assert width_of(text) == expected


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (80, ["say Heda [Commander of the host] now"]),
        (20, ["say", "Heda [Commander of the host]", "now"]),  # never broken inside a gloss
        (28, ["say", "Heda [Commander of the host]", "now"]),
        (32, ["say Heda [Commander of the host]", "now"]),
    ],
)
def test_wrap_keeps_a_gloss_with_its_word(width: int, expected: list[str]) -> None:
    line = [
        ("say ", Style.PLAIN),
        ("Heda", Style.TERM),
        (" [Commander of the host]", Style.GLOSS),
        (" now", Style.PLAIN),
    ]
    assert ["".join(t for t, _ in row) for row in wrap(line, width)] == expected


def test_emit_paints_each_piece_and_resets() -> None:
    pieces = [("a ", Style.PLAIN), ("Heda", Style.TERM | Style.ITALIC), (" [x]", Style.GLOSS)]
    assert emit(pieces, color=True, width=None) == "a \x1b[1;3mHeda\x1b[0m\x1b[36m [x]\x1b[0m"
    assert emit(pieces, color=False, width=None) == "a Heda [x]"


@pytest.mark.parametrize(
    ("italics", "expected"),
    [
        # (start, end, italic, spot term) of every run
        ([], [(0, 4, False, "Heda"), (4, 9, False, None)]),
        ([(0, 9)], [(0, 4, True, "Heda"), (4, 9, True, None)]),
        (
            [(2, 6)],
            [(0, 2, False, "Heda"), (2, 4, True, "Heda"), (4, 6, True, None), (6, 9, False, None)],
        ),
    ],
)
def test_runs_cut_at_italics_and_spots(
    italics: list[tuple[int, int]], expected: list[tuple[int, int, bool, str | None]]
) -> None:
    item = glossed("Heda said", italics)
    found = runs(item.story, item.spots, 0, len(item.story.text))
    assert [(r.start, r.end, r.italic, r.spot and r.spot.entry.term) for r in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*a* _b_ `c`", "\\*a\\* \\_b\\_ \\`c\\`"),
        ("[x](http://e.com) ![i](y)", "\\[x\\](http://e.com) !\\[i\\](y)"),
        ("<b>&amp;</b>", "\\<b\\>\\&amp;\\</b\\>"),
        ("a | b ~c~ #d", "a \\| b \\~c\\~ \\#d"),
        (
            "1. one\n2) two\n- three\n+ four\n= five",
            "1\\. one\n2\\) two\n\\- three\n\\+ four\n\\= five",
        ),
        ("a - b 3.5", "a - b 3.5"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_markdown_escape(text: str, expected: str) -> None:
    assert markdown.escape(text) == expected


def test_markdown_italics_hug_their_text_and_nest_with_a_gloss() -> None:
    item = glossed("He said Heda now", [(3, 13)])
    out = markdown.render([item], Options())
    assert "He *said *" not in out
    assert "He *said* ***Heda*** _(Commander)_ *now*" not in out
    assert "He *said* ***Heda*** _(Commander)_" in out


HOSTILE = '<script>alert(1)</script> Heda <img src=x onerror="alert(2)"> & "q" \'a\''


def test_html_escapes_every_piece_of_story_text() -> None:
    story = Story(path="&<i>.txt", text=HOSTILE)
    page = html.render([Glossed(story, SPOTTER.spot(story))], Options())
    body = page.split("<body>", 1)[1]
    assert "<script" not in page and "<img" not in page and "<b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert (
        "&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; &quot;q&quot; &#x27;a&#x27;" in body
    )
    assert "<title>&amp;&lt;i&gt;</title>" in page


def test_html_escapes_glossary_text_too() -> None:
    hostile = Glossary(terms=[Entry(term="Heda", translations=["<script>x()</script>"])])
    story = Story(path="s.txt", text="Heda")
    page = html.render([Glossed(story, Spotter(hostile).spot(story))], Options())
    assert "<script" not in page
    assert page.count("&lt;script&gt;x()&lt;/script&gt;") == 2  # the tooltip and the glossary


def test_html_allows_no_script_and_fetches_nothing() -> None:
    page = html.render([glossed("Heda")], Options())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    assert "default-src 'none'" in csp.group(1) and "script-src" not in csp.group(1)
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_html_gloss_nests_italics_inside_its_span() -> None:
    page = html.render([glossed("Yu gonplei ste odon now", [(11, 23)])], Options())
    assert (
        '<p><span class="g" tabindex="0">Yu gonplei <em>ste odon</em><span class="t" '
        'role="tooltip"><span class="p"> [</span>Your fight is over<span class="p">]</span>'
        ' <a href="#s1-g1">glossary</a></span></span><em> now</em></p>'
    ) in page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yu gonplei ste odon.", ["Yu gonplei ste odon"]),
        ("Heda, gonplei odon.", ["Heda, gonplei odon"]),  # commas join a stretch
        ("Heda. Gonplei odon.", ["Gonplei odon"]),  # a sentence end cuts it
        ("Heda said gonplei.", []),  # an English word between: single words
        ("Heda\ngonplei", ["Heda\ngonplei"]),
        ("Heda\n\ngonplei", []),
    ],
)
def test_interlinear_stretches(text: str, expected: list[str]) -> None:
    item = glossed(text)
    found = interlinear.stretches(item.story, item.spots)
    assert [text[s.start : s.end] for s in found] == expected


def test_leipzig_columns_align_and_unknown_words_show() -> None:
    glossary = Glossary(
        terms=[
            Entry(term="Yu gonplei ste odon", translations=["Your fight is over"]),
            Entry(term="gonplei", translations=["fight"]),
            Entry(term="odon", translations=["over"]),
            Entry(term="Wanheda", translations=["Commander of Death"]),
            Entry(term="Lexa", kind="name"),
        ]
    )
    spotter = Spotter(glossary)
    story = Story(path="s.txt", text="Yu gonplei ste odon")
    (stretch,) = interlinear.stretches(story, spotter.spot(story))
    options = Options(word=spotter.entry_for)
    assert interlinear.leipzig(story, stretch, options) == [
        "    Yu  gonplei  ste  odon",
        "    ?   fight    ?    over",
        "    \u2018Your fight is over\u2019",
    ]
    assert interlinear.leipzig(story, stretch, Options(word=spotter.entry_for, width=19)) == [
        "    Yu  gonplei",
        "    ?   fight",
        "    ste  odon",
        "    ?    over",
        "    \u2018Your fight is over\u2019",
    ]
    # A gloss learned from the glossary's phrases, for a word no entry has, is marked `~`.
    learned = {"ste": "be", "Yu": "you all", "gonplei": "battle"}.get  # the entry wins
    assert interlinear.leipzig(
        story, stretch, Options(word=spotter.entry_for, learned=learned)
    ) == [
        "    Yu        gonplei  ste  odon",
        "    ~you.all  fight    ~be  over",
        "    \u2018Your fight is over\u2019",
    ]


@pytest.mark.parametrize(
    "anchors",
    [[(0, 1)], [(0, 3), (5, 10), (9, 20)], [(4, 2)], []],
)
def test_json_lines_are_those_of_the_story(anchors: list[tuple[int, int]]) -> None:
    from annotate.render.json_spans import lines

    story = Story(path="s.txt", text="a\nb\n\nc\nd\ne\n\nf g\nh", anchors=anchors)
    offsets = list(range(len(story.text)))
    assert lines(story, offsets) == [story.line_of(o) for o in offsets]


@pytest.mark.parametrize("fmt", [f for f in Format if f not in (Format.html, Format.epub)])
def test_stories_stream_out_one_by_one(fmt: Format) -> None:
    """A story is written as soon as the next shows whether headings are wanted: two
    stories are out before a third is asked for, and the whole is what `render` gives."""
    stories = [glossed("say Heda now"), glossed("Heda, Heda"), glossed("no gloss")]

    def two_then_stop() -> Iterator[Glossed]:
        yield from stories[:2]
        raise AssertionError("read too far")

    pieces = stream(fmt, two_then_stop(), Options())
    assert [next(pieces), next(pieces)]  # both out without asking for a third
    for some in (stories, stories[:1], []):
        assert "".join(stream(fmt, iter(some), Options())) == render(fmt, some, Options())
