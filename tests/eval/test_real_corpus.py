"""The development corpus of real fan fiction (`tests/data/real/`) is well formed: every story
has gold once, with its source address; every gold term, variant, translation and ignored
name stands in its story as written; each EPUB is built from its sources; the split holds
stories of every group on both sides. Independent of the extractor."""

from __future__ import annotations

import html
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
from ruamel.yaml import YAML

DATA = Path(__file__).resolve().parents[1] / "data" / "real"
PARTS = sorted((DATA / "parts").glob("*.yaml"))
SUFFIXES = {".txt", ".md", ".html", ".epub"}
STORY_KEYS = {"source", "language", "fandom", "convention", "terms", "ignore"}
HELD = {"02", "05", "08"}  # as tests/eval/corpus.py splits


def gold() -> dict[str, dict]:
    found: dict[str, dict] = {}
    for part in PARTS:
        for story, entry in (YAML(typ="safe").load(part.read_text(encoding="utf-8")) or {}).items():
            assert story not in found, f"{story} has gold twice"
            found[story] = entry
    return found


def squash(text: str) -> str:
    return " ".join(text.split())


@cache
def texts(story: str) -> str:
    """The story's visible text and its raw text, entities unescaped, spaces squashed."""
    path = DATA / story
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as zf:
            raw = "\n".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".xhtml"))
    else:
        raw = path.read_text(encoding="utf-8")
    visible = (
        html.unescape(re.sub(r"<[^>]+>", "", raw)) if path.suffix in {".html", ".epub"} else raw
    )
    return squash(visible) + "\n" + squash(html.unescape(raw))


def items() -> list[tuple[str, dict]]:
    return [(story, item) for story, entry in gold().items() for item in entry["terms"]]


def test_every_story_has_gold_once() -> None:
    stories = sorted(p.name for p in DATA.iterdir() if p.suffix in SUFFIXES)
    assert sorted(gold()) == stories


@pytest.mark.parametrize("story", sorted(gold()))
def test_story_gold_shape(story: str) -> None:
    entry = gold()[story]
    assert set(entry) <= STORY_KEYS, story
    assert str(entry["source"]).startswith(("http://", "https://")), story
    assert entry["terms"] and all("term" in item for item in entry["terms"]), story


@pytest.mark.parametrize(
    ("story", "item"), items(), ids=lambda v: v["term"] if isinstance(v, dict) else v
)
def test_gold_stands_in_the_story(story: str, item: dict) -> None:
    text = texts(story)
    for form in [item["term"], *item.get("variants", [])]:
        assert squash(form) in text, f"{story}: {form!r} not in the text"
    for translation in item.get("translations", []):
        assert squash(translation).casefold() in text.casefold(), f"{story}: {translation!r}"


def test_ignored_names_stand_in_the_story() -> None:
    for story, entry in gold().items():
        for name in entry.get("ignore") or []:
            assert squash(name) in texts(story), f"{story}: ignored {name!r} not in the text"


def test_every_epub_is_built_from_its_sources() -> None:
    for path in sorted(DATA.glob("*.epub")):
        sources = DATA / "epub_src" / path.stem
        with zipfile.ZipFile(path) as zf:
            assert zf.namelist()[0] == "mimetype"
            for chapter in sorted(sources.glob("*.xhtml")):
                assert zf.read(f"OEBPS/{chapter.name}") == chapter.read_bytes(), (
                    f"{path.name} is stale: run python tests/data/real/make_epub.py"
                )


def test_the_split_holds_every_group_on_both_sides() -> None:
    for part in PARTS:
        numbers = {story.split("_")[1] for story in gold() if story.startswith(part.stem + "_")}
        assert numbers & HELD and numbers - HELD, part.stem
