"""`--format ao3`: only the markup AO3 keeps, every character of the chapter kept, a writer's
own hover spans and translations never doubled."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from annotate.readers import read_story
from annotate.render import ao3
from annotate.render.model import Glossed, Options
from annotate.spotting import Spotter
from glossary.store import reading

DATA = Path(__file__).parents[2] / "data"
TRIG = reading.read(DATA / "annotate" / "trigedasleng.yaml")
TRAPS = reading.read(DATA / "annotate" / "traps.yaml")
# AO3's HTML FAQ: the tags its editor keeps (class is stripped, style and script never kept).
_TAGS = """a abbr acronym address b big blockquote br caption center cite code col colgroup dd del
dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li ol p pre q s samp small span strike strong
sub sup table tbody td tfoot th thead tr tt u ul var"""
AO3_TAGS = set(_TAGS.split())
AO3_ATTRIBUTES = {"title", "href", "alt", "src", "name", "lang", "dir"}
END_NOTES = "<!-- End notes"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[str]]] = []
        self.text: list[str] = []
        self.titles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [name for name, _ in attrs]))
        self.titles += [value or "" for name, value in attrs if name == "title"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def ao3_of(path: Path, glossary: object = TRIG, **options: bool) -> tuple[str, str]:
    """The story's text and its ao3 rendering."""
    story = read_story(path)
    spotter = Spotter(glossary)  # type: ignore[arg-type]
    rendered = ao3.one(Glossed(story, spotter.spot(story)), Options(**options))
    return story.text, rendered


STORIES = [
    ("annotate/traps.txt", TRAPS),
    ("annotate/traps.md", TRAPS),
    ("annotate/traps.html", TRAPS),
    ("stories/ao3_work.html", TRIG),
    ("stories/ao3_oneshot.html", TRIG),
    ("stories/ao3_work.epub", TRIG),
    ("stories/draft.md", TRIG),
    ("stories/old_download.txt", TRIG),
]


@pytest.mark.parametrize(("name", "glossary"), STORIES)
def test_only_markup_ao3_keeps(name: str, glossary: object) -> None:
    _, html = ao3_of(DATA / name, glossary)
    page = parsed(html)
    assert page.tags
    for tag, attributes in page.tags:
        assert tag in AO3_TAGS, tag
        assert set(attributes) <= AO3_ATTRIBUTES, (tag, attributes)
    assert "<script" not in html.lower() and "style=" not in html and "class=" not in html


@pytest.mark.parametrize(("name", "glossary"), STORIES)
def test_every_character_of_the_chapter_is_kept(name: str, glossary: object) -> None:
    text, html = ao3_of(DATA / name, glossary)
    chapter = html.split(END_NOTES)[0]
    assert "".join(parsed(chapter).text).split() == text.split()


def test_hover_text_and_translations_block() -> None:
    _, html = ao3_of(DATA / "stories" / "ao3_work.html")
    assert '<span title="Commander of Death"><em>Wanheda</em></span>' in html
    notes = html.split(END_NOTES)[1]
    assert "<p><strong>Translations</strong></p>" in notes
    assert "<li><em>Wanheda</em>: Commander of Death</li>" in notes


def test_notes_only_is_the_block_alone() -> None:
    _, html = ao3_of(DATA / "stories" / "ao3_work.html", notes_only=True)
    assert html.startswith("<p><strong>Translations</strong></p>\n<ul>\n")
    assert html.endswith("</ul>\n") and "Lexa keeps a promise" not in html


@pytest.mark.parametrize(
    ("source", "expected", "absent"),
    [
        # the writer's hover span is kept as it is, with no gloss span inside or around it
        (
            '<p><span title="my words">Heda</span> spoke.</p>',
            '<p><span title="my words">Heda</span> spoke.</p>',
            '<span title="Commander"><span',
        ),
        # a hover over more than the term: still one span, the writer's
        (
            '<p><span title="Lead, Commander">Heda leads</span> now.</p>',
            '<p><span title="Lead, Commander">Heda leads</span> now.</p>',
            'title="Commander"',
        ),
    ],
)
def test_a_writers_hover_is_kept_never_doubled(
    tmp_path: Path, source: str, expected: str, absent: str
) -> None:
    path = tmp_path / "chapter.html"
    path.write_text(f"<html><body>{source}</body></html>", encoding="utf-8")
    _, html = ao3_of(path)
    assert expected in html
    assert absent not in html
    # a term only the writer hovers is theirs: not listed again
    assert "<strong>Translations</strong>" not in html


def test_a_writers_own_translations_are_not_listed_again(tmp_path: Path) -> None:
    path = tmp_path / "chapter.md"
    path.write_text(
        "Heda spoke of Wanheda.\n\nTranslations:\n\nHeda: Commander\n", encoding="utf-8"
    )
    _, html = ao3_of(path)
    notes = html.split(END_NOTES)[1]
    assert "<li><em>Wanheda</em>: Commander of Death</li>" in notes
    assert "Heda</em>: Commander</li>" not in notes


def test_its_own_output_glossed_again_is_unchanged(tmp_path: Path) -> None:
    """Pasted back and glossed again, the chapter gets no second span and no second list."""
    _, first = ao3_of(DATA / "stories" / "ao3_work.html")
    path = tmp_path / "again.html"
    path.write_text(f"<html><body>{first}</body></html>", encoding="utf-8")
    _, second = ao3_of(path)
    assert second.count("<span") == first.count("<span")
    assert second.count("Translations") == 1 and END_NOTES not in second


def test_fanficfare_titles_are_read_and_kept(tmp_path: Path) -> None:
    """With `add_to_keep_html_attrs:,title`, FanFicFare keeps AO3's hover text: gloss reads it
    as the writer's and keeps it, with no gloss span of its own there."""
    import zipfile

    source = DATA / "stories" / "fanficfare.epub"
    book = tmp_path / "kept.epub"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(book, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "OEBPS/file0002.xhtml":
                data = data.replace(
                    b"<em>Ai laik Heda</em>",
                    b'<em>Ai laik <span title="the Commander">Heda</span></em>',
                )
            new.writestr(info, data)
    story = read_story(book)
    assert [h.title for h in story.hovers] == ["the Commander"]
    _, html = ao3_of(book)
    assert '<em>Ai laik </em><span title="the Commander"><em>Heda</em></span>' in html
    assert html.count('title="the Commander"') == 1
