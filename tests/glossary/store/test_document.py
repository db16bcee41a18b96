"""The YAML store: byte-identical round trips, comments kept, atomic saves, positioned errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from glossary.errors import GlossError
from glossary.models import Entry, Glossary, Source
from glossary.store import document as store
from glossary.store import reading

DESIGN_EXAMPLE = """\
# Comments, key order and anything a person wrote are kept when gloss rewrites the file.
language: Trigedasleng
terms:
  - term: Yu gonplei ste odon         # the canonical spelling
    translations: [Your fight is over]
    variants: [Yo gonplei ste odon]   # other spellings that mean this entry
    kind: phrase                      # `name` must exist (people; never glossed as vocabulary)
    status: candidate                 # candidate | confirmed | rejected
    sources:                          # where each finding came from
      - story: stories/002_8293946bfcb2c4ab.txt
        line: 57
        quote: '"Yo gonplei ste odon." Your fight it over.'
        translation: Your fight it over
"""

OTHER_STYLES = [
    DESIGN_EXAMPLE,
    # sequences flush with their key, double quotes, a document start marker
    '---\nlanguage: "Dothraki"\nterms:\n- term: "khaleesi"\n  translations:\n  - queen\n',
    # four-space indentation and a trailing comment
    "terms:\n    -   term: kom\n        kind: word\n# the end\n",
]


@pytest.mark.parametrize("text", OTHER_STYLES)
def test_unchanged_load_and_save_is_byte_identical(tmp_path: Path, text: str) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    doc = store.load(path)
    assert store.dumps(doc) == text
    assert store.save(doc) is False  # nothing to write
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("raw", "encoded"),
    [
        ("crlf", DESIGN_EXAMPLE.replace("\n", "\r\n").encode()),
        ("bom", b"\xef\xbb\xbf" + DESIGN_EXAMPLE.encode()),
    ],
)
def test_line_endings_and_bom_survive_an_edit(tmp_path: Path, raw: str, encoded: bytes) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_bytes(encoded)
    doc = store.load(path)
    doc.data["terms"][0]["status"] = "confirmed"
    assert store.save(doc) is True
    assert path.read_bytes() == encoded.replace(b"status: candidate", b"status: confirmed"), raw


def test_an_edit_keeps_comments_and_key_order(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(DESIGN_EXAMPLE, encoding="utf-8")
    doc = store.load(path)
    doc.data["terms"][0]["translations"].append("You have fought enough")
    store.save(doc)
    text = path.read_text(encoding="utf-8")
    assert text == DESIGN_EXAMPLE.replace(
        "[Your fight is over]", "[Your fight is over, You have fought enough]"
    )


def test_save_is_atomic_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(DESIGN_EXAMPLE, encoding="utf-8")
    os.chmod(path, 0o640)
    doc = store.load(path)
    doc.data["language"] = "Trig"
    store.save(doc)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["glossary.yaml"]  # no temp file left


def test_a_new_glossary_is_created_in_the_house_style(tmp_path: Path) -> None:
    doc = store.load_or_new(tmp_path / "new.yaml", "Trigedasleng")
    entry = CommentedMap(term="Heda", kind="title")
    doc.data["terms"].append(entry)
    store.save(doc)
    assert (tmp_path / "new.yaml").read_text() == (
        "language: Trigedasleng\nterms:\n  - term: Heda\n    kind: title\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("terms:\n  - term: a\n  - term: [b\n", "glossary.yaml:3:11: syntax error"),
        ("- just\n- a list\n", "glossary.yaml:1:1: a glossary is a mapping with a `terms:` list"),
        ("terms:\n  - term: a\n    translaton: [x]\n", "glossary.yaml:3:5: unknown key"),
    ],
)
def test_load_reports_positions(
    tmp_path: Path, text: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("glossary.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(GlossError) as caught:
        store.load(Path("glossary.yaml"))
    assert caught.value.lines()[0].startswith(expected)


@pytest.mark.parametrize("loader", [store.load, reading.read])
def test_missing_file_is_one_clear_line(tmp_path: Path, loader: object) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(GlossError, match=r"nope\.yaml: no such file$"):
        loader(path)  # type: ignore[operator]


def test_fast_read_agrees_with_the_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(DESIGN_EXAMPLE, encoding="utf-8")
    assert reading.read(path) == store.load(path).glossary


@pytest.mark.parametrize(
    ("text", "style"),
    [
        (DESIGN_EXAMPLE, store.Style(2, 4, 2)),
        ("terms:\n- term: a\n  kind: word\n", store.Style(2, 2, 0)),
        ("a:\n    b: 1\nterms:\n    -   term: x\n", store.Style(4, 8, 4)),
        ("---\nterms: []\n", store.Style(explicit_start=True)),
    ],
)
def test_guess_style(text: str, style: store.Style) -> None:
    assert store.guess_style(text) == style


# -- generated glossaries --------------------------------------------------------------

_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() == s and s != "")
_sources = st.builds(
    Source,
    story=st.none() | _text,
    line=st.none() | st.integers(1, 10_000),
    quote=st.none() | _text,
    translation=st.none() | _text,
    confidence=st.none() | st.floats(0, 1).map(lambda x: round(x, 3)),  # as gloss writes it
)
_entries = st.builds(
    Entry,
    term=_text,
    translations=st.lists(_text, max_size=3),
    variants=st.lists(_text, max_size=3),
    kind=st.sampled_from(["word", "phrase", "name", "title", "place", "group", "other"]),
    status=st.sampled_from(["candidate", "confirmed", "rejected"]),
    sources=st.lists(_sources, max_size=2),
)
_glossaries = st.builds(Glossary, language=st.none() | _text, terms=st.lists(_entries, max_size=4))


def _to_document(glossary: Glossary, path: Path) -> store.Document:
    doc = store.load_or_new(path)
    data = glossary.model_dump(mode="json", exclude_defaults=True)
    doc.data.clear()
    doc.data.update(data)
    doc.data.setdefault("terms", [])
    return doc


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(glossary=_glossaries)
def test_generated_glossary_saved_and_loaded_is_equal(tmp_path: Path, glossary: Glossary) -> None:
    path = tmp_path / "generated.yaml"
    store.save(_to_document(glossary, path))
    loaded = store.load(path)
    assert loaded.glossary == glossary
    assert reading.read(path) == glossary
    assert store.dumps(loaded) == loaded.text  # and a second save would change nothing


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(glossary=_glossaries, comment=_text.filter(lambda s: "\n" not in s and "\r" not in s))
def test_an_edit_through_the_store_keeps_a_comment(
    tmp_path: Path, glossary: Glossary, comment: str
) -> None:
    path = tmp_path / "commented.yaml"
    store.save(_to_document(glossary, path))
    path.write_text(f"# {comment}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    doc = store.load(path)
    doc.data["language"] = "Edited"
    store.save(doc)
    assert path.read_text(encoding="utf-8").startswith(f"# {comment}\n")
    assert store.load(path).glossary.language == "Edited"
