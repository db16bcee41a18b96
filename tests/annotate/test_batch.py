"""`batch.annotated`: what `gloss annotate` gets back for each story, format by format."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.batch import Book, Layout, annotated
from annotate.render.formats import Format
from annotate.render.model import Rendered
from annotate.spotting import Spotter
from annotate.story import Story
from glossary.errors import GlossError
from glossary.models import Entry, Glossary

SPOTTER = Spotter(Glossary(terms=[Entry(term="veshka", translations=["the long walk"])]))
STORY = "Mira said veshka.\n\nThen veshka again, and orru.\n"


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    good = tmp_path / "a.txt"
    good.write_text(STORY, encoding="utf-8")
    empty = tmp_path / "b.txt"
    empty.write_text("  \n", encoding="utf-8")
    return [good, empty, tmp_path / "gone.txt"]


@pytest.mark.parametrize(
    ("fmt", "kind"),
    [
        (Format.inline, Rendered),
        (Format.json, Rendered),
        (Format.ao3, Rendered),
        (Format.epub, Book),  # made where the story is read
        (Format.html, tuple),  # the story and its spots: one page of all comes first
    ],
)
def test_each_story_comes_back_in_order(files: list[Path], fmt: Format, kind: type) -> None:
    done = list(annotated(files, SPOTTER, Layout(fmt), jobs=1))
    assert isinstance(done[0], kind)
    assert [str(err) for err in done[1:]] == [
        f"{files[1]}: empty file",
        f"{files[2]}: no such file or folder",
    ]
    assert all(isinstance(err, GlossError) for err in done[1:])


@pytest.mark.parametrize(
    ("first", "texts"),
    [(False, ["veshka", "veshka"]), (True, ["veshka"])],
)
def test_first_keeps_one_spot_per_term(files: list[Path], first: bool, texts: list[str]) -> None:
    [(story, spots)] = annotated(files[:1], SPOTTER, Layout(Format.html, first=first), jobs=1)
    assert isinstance(story, Story)
    assert [story.text[s.start : s.end] for s in spots] == texts
    [json] = annotated(files[:1], SPOTTER, Layout(Format.json, first=first), jobs=1)
    assert isinstance(json, Rendered)
    assert json.text.count('"text": "veshka"') == len(texts)
