"""The gold files for scoring extraction are well formed and agree with their stories.

Independent of the extractor: a typo in a gold term, a translation the story never states or a
stale EPUB fails here, not as a mysterious miss in `score.py`.
"""

from __future__ import annotations

import html
import re
import unicodedata
import zipfile
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import pytest
from ruamel.yaml import YAML

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"
GOLD_FILES = [DATA / "gold.yaml", DATA / "gold.invented.yaml"]
STORY_SUFFIXES = {".txt", ".md", ".html", ".epub"}
TERM_KEYS = {"term", "variants", "translations"}
CONTAINER_NS = {"c": "urn:oasis:names:tc:opendocument:xmlns:container"}
OPF_NS = {"opf": "http://www.idpf.org/2007/opf"}


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def norm(text: str) -> str:
    """The comparison key of score.py: no accents, case or punctuation."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.casefold()).split())


def squash(text: str) -> str:
    return " ".join(text.split())


def epub_documents(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {
            name: zf.read(name).decode("utf-8")
            for name in zf.namelist()
            if name.endswith((".xhtml", ".html"))
        }


@cache
def story_texts(name: str) -> tuple[str, str]:
    """(visible text, raw text with markup) of a story, entities unescaped."""
    path = DATA / name
    if path.suffix == ".epub":
        raw = "\n".join(epub_documents(path).values())
    else:
        raw = path.read_text(encoding="utf-8")
    if path.suffix in {".html", ".epub"}:
        visible = html.unescape(re.sub(r"<[^>]+>", "", raw))
        raw = html.unescape(raw)
    else:
        visible = raw
    return squash(visible), squash(raw)


def gold_items() -> list[tuple[str, str, dict]]:
    return [
        (gold.name, story, entry)
        for gold in GOLD_FILES
        for story, entry in (load(gold) or {}).items()
    ]


def gold_terms() -> list[tuple[str, dict]]:
    return [(story, term) for _, story, entry in gold_items() for term in entry["terms"]]


def term_id(value: object) -> str:
    return value["term"] if isinstance(value, dict) else str(value)


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_shape(gold: Path) -> None:
    data = load(gold)
    assert isinstance(data, dict) and data
    for story, entry in data.items():
        assert (DATA / story).is_file(), f"{gold.name}: no story {story}"
        assert isinstance(entry, dict) and set(entry) <= {"terms", "ignore"}, story
        terms, ignore = entry["terms"], entry.get("ignore") or []
        assert isinstance(terms, list) and terms, story
        assert isinstance(ignore, list) and all(isinstance(x, str) and x for x in ignore)
        seen: set[str] = set()
        for item in terms:
            assert isinstance(item, dict) and set(item) <= TERM_KEYS and "term" in item, item
            assert isinstance(item["term"], str) and item["term"].strip(), item
            for key in ("variants", "translations"):
                values = item.get(key, [])
                assert isinstance(values, list), (story, item)
                assert values or key not in item, f"{story}: empty {key} list"
                assert all(isinstance(v, str) and v.strip() for v in values), (story, item)
            forms = {norm(item["term"]), *(norm(v) for v in item.get("variants", []))}
            assert not forms & seen, f"{story}: {item['term']} repeats another gold term"
            seen |= forms
        assert not {norm(x) for x in ignore} & seen, f"{story}: a gold term is also ignored"


def test_every_story_has_gold_once() -> None:
    stories = sorted(p.name for p in DATA.iterdir() if p.suffix in STORY_SUFFIXES)
    named = sorted(story for _, story, _ in gold_items())
    assert named == stories


@pytest.mark.parametrize(("story", "item"), gold_terms(), ids=lambda v: term_id(v))
def test_gold_term_occurs_in_story(story: str, item: dict) -> None:
    visible, raw = story_texts(story)
    for form in [item["term"], *item.get("variants", [])]:
        assert squash(form) in visible or squash(form) in raw, f"{story}: {form!r} not in text"


@pytest.mark.parametrize(("story", "item"), gold_terms(), ids=lambda v: term_id(v))
def test_gold_translation_is_stated_in_story(story: str, item: dict) -> None:
    visible, raw = story_texts(story)
    text = f"{visible}\n{raw}".casefold()
    for translation in item.get("translations", []):
        assert squash(translation).casefold() in text, f"{story}: {translation!r} not stated"


def test_ignored_names_occur_in_story() -> None:
    for _, story, entry in gold_items():
        visible, raw = story_texts(story)
        for name in entry.get("ignore") or []:
            assert name in visible or name in raw, f"{story}: ignored {name!r} not in text"


def test_epub_is_a_valid_container_built_from_sources() -> None:
    epubs = sorted(DATA.glob("*.epub"))
    assert epubs
    for path in epubs:
        with zipfile.ZipFile(path) as zf:
            first = zf.infolist()[0]
            assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
            assert zf.read("mimetype") == b"application/epub+zip"
            container = ElementTree.fromstring(zf.read("META-INF/container.xml"))
            rootfile = container.find(".//c:rootfile", CONTAINER_NS)
            assert rootfile is not None
            opf_path = rootfile.attrib["full-path"]
            opf = ElementTree.fromstring(zf.read(opf_path))
            base = opf_path.rsplit("/", 1)[0]
            items = {
                item.attrib["id"]: item.attrib["href"]
                for item in opf.iterfind("opf:manifest/opf:item", OPF_NS)
            }
            spine = [ref.attrib["idref"] for ref in opf.iterfind("opf:spine/opf:itemref", OPF_NS)]
            assert spine and set(spine) <= set(items)
            for href in items.values():
                ElementTree.fromstring(zf.read(f"{base}/{href}"))  # well-formed XHTML
                source = DATA / "epub_src" / href
                assert zf.read(f"{base}/{href}") == source.read_bytes(), (
                    f"{path.name} is stale: run python tests/data/extract/make_epub.py"
                )
