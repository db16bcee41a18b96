"""The Anki deck package: notes read back from the `.apkg` itself, ids that stay put."""

from __future__ import annotations

import io
import json
import sqlite3
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

from glossary.exchange.anki_deck import FIELDS, cloze, deck_id, deck_notes, model_id, to_apkg
from glossary.models import Entry, Glossary, Source

NOW = 1_800_000_000.0
GLOSSARY = Glossary(
    language="Trigedasleng",
    terms=[
        Entry(
            term="Heda",
            translations=["commander", "leader"],
            variants=["Hedda"],
            kind="title",
            pos="noun",
            status="confirmed",
            sources=[
                Source(story="stories/a.txt", line=3, quote="no term here"),
                Source(story="stories/b.txt", line=12, quote='"Hedda, we must go," she said.'),
            ],
        ),
        Entry(
            term="Yu gonplei ste odon",
            translations=["Your fight is over"],
            kind="phrase",
            sources=[Source(story="stories/c.txt", line=57, quote='"Yo gonplei ste odon."')],
        ),
        Entry(term="gona", translations=["warrior"], status="rejected"),
        Entry(term="Lexa", kind="name"),
        Entry(term="daun", translations=["down"], sources=[Source(lexicon="trigedasleng")]),
        Entry(term="daun", translations=["sad"]),
    ],
)


@pytest.mark.parametrize(
    ("quote", "spellings", "example"),
    [
        ("Heda, we must go.", ["Heda"], "{{c1::Heda}}, we must go."),
        ("HEDA! Heda.", ["Heda"], "{{c1::HEDA}}! {{c1::Heda}}."),
        ("the Hedda came", ["Heda", "Hedda"], "the {{c1::Hedda}} came"),
        ("Whispers of Wanheddaa.", ["Wanheda"], "Whispers of {{c1::Wanheddaa}}."),
        ("Hédà spoke", ["Heda"], "{{c1::Hédà}} spoke"),
        ("to Polis's wall", ["Polis"], "to {{c1::Polis}}'s wall"),
        ("Heda\u2019s sword", ["Heda"], "{{c1::Heda}}\u2019s sword"),
        ("Ai's word", ["Ai's"], "{{c1::Ai's}} word"),
        # the longest spelling at each place; a phrase across line breaks and punctuation
        (
            "Yu gonplei\n ste, odon. Odon.",
            ["odon", "Yu gonplei ste odon"],
            "{{c1::Yu gonplei ste, odon}}. {{c1::Odon}}.",
        ),
        # a phrase spelled a letter off, found when no spelling is there as it is
        ('"Yo gonplei ste odon."', ["Yu gonplei ste odon"], '"{{c1::Yo gonplei ste odon}}."'),
        # a word inside another, or a letter off a short word, is no use of the term
        ("the headache", ["Heda"], ""),
        ("a kon", ["kom"], ""),
        ("", ["Heda"], ""),
        # what Anki acts on in a field is shown as text: HTML, clozes, sound, MathJax
        (
            "<b>Heda</b> & {{c2::x}} [sound:a.mp3] \\(y\\)",
            ["Heda"],
            "&lt;b&gt;{{c1::Heda}}&lt;/b&gt; &amp; &#123;&#123;c2::x&#125;&#125; "
            "&#91;sound:a.mp3] &#92;(y&#92;)",
        ),
        # `::` in the hidden text would start a cloze hint
        ("say Ha::ha now", ["Ha::ha"], "say {{c1::Ha&#58;&#58;ha}} now"),
    ],
)
def test_cloze(quote: str, spellings: list[str], example: str) -> None:
    assert cloze(quote, spellings) == example


def test_one_note_per_entry_not_rejected() -> None:
    notes = list(deck_notes(GLOSSARY))
    assert [(n.term, n.translation, n.example, n.source, n.kind, n.tags) for n in notes] == [
        (
            "Heda",
            "commander; leader",
            '"{{c1::Hedda}}, we must go," she said.',
            "stories/b.txt, line 12",
            "title",
            ("gloss", "title", "noun"),
        ),
        (
            "Yu gonplei ste odon",
            "Your fight is over",
            '"{{c1::Yo gonplei ste odon}}."',
            "stories/c.txt, line 57",
            "phrase",
            ("gloss", "phrase"),
        ),
        ("Lexa", "", "", "", "name", ("gloss", "name")),
        ("daun", "down", "", "lexicon trigedasleng", "word", ("gloss", "word")),
        ("daun", "sad", "", "", "word", ("gloss", "word")),
    ]
    assert len({n.guid for n in notes}) == len(notes)  # two entries `daun`, two notes


def _read_back(apkg: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(apkg)) as package:
        assert sorted(package.namelist()) == ["collection.anki2", "media"]
        assert json.loads(package.read("media")) == {}
        collection = package.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    db.deserialize(collection)
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
    decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    notes = db.execute("SELECT id, guid, mid, flds, tags FROM notes ORDER BY id").fetchall()
    cards = db.execute("SELECT nid, did, ord FROM cards ORDER BY nid").fetchall()
    return {"models": models, "decks": decks, "notes": notes, "cards": cards}


def test_the_package_reads_back_note_by_note() -> None:
    back = _read_back(to_apkg(GLOSSARY, now=NOW))
    expected = [n.fields() for n in deck_notes(GLOSSARY)]
    assert [flds.split("\x1f") for _, _, _, flds, _ in back["notes"]] == expected
    assert back["notes"][0][3].split("\x1f")[2] == '"{{c1::Hedda}}, we must go," she said.'
    assert {mid for _, _, mid, _, _ in back["notes"]} == {model_id(GLOSSARY)}
    assert back["notes"][0][4].split() == ["gloss", "title", "noun"]
    model = back["models"][str(model_id(GLOSSARY))]
    assert (
        [f["name"] for f in model["flds"]]
        == list(FIELDS)
        == [
            "Term",
            "Translation",
            "Example",
            "Source",
            "Kind",
        ]
    )
    assert "{{cloze:Example}}" in model["tmpls"][0]["afmt"]
    assert back["decks"][str(deck_id(GLOSSARY))]["name"] == "Trigedasleng glossary"
    # one card per note, in the deck
    assert [(nid, did) for nid, did, _ in back["cards"]] == [
        (nid, deck_id(GLOSSARY)) for nid, *_ in back["notes"]
    ]


def test_exporting_again_keeps_every_id() -> None:
    first = _read_back(to_apkg(GLOSSARY, now=NOW))
    edited = GLOSSARY.model_copy(deep=True)
    edited.terms[0].translations = ["commander"]
    again = _read_back(to_apkg(edited, now=NOW + 3600))

    def ids(back: dict[str, Any]) -> tuple[object, ...]:
        guids = [guid for _, guid, _, _, _ in back["notes"]]
        return guids, sorted(back["models"]), sorted(back["decks"])

    assert ids(again) == ids(first)
    assert again["notes"][0][3].split("\x1f")[1] == "commander"  # the same note, updated


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Trigedasleng", "Trigedasleng", True),
        ("Trigedasleng", " trigedasleng ", True),
        ("Trigedasleng", "Veshti", False),
        (None, "", True),
    ],
)
def test_ids_follow_the_language(one: str | None, other: str | None, same: bool) -> None:
    a, b = Glossary(language=one), Glossary(language=other)
    assert (deck_id(a) == deck_id(b), model_id(a) == model_id(b)) == (same, same)
    assert deck_id(a) != model_id(a)
    assert all(1 << 30 <= i < 1 << 31 for i in (deck_id(a), model_id(a)))


def test_ids_are_fixed_numbers() -> None:
    # derived, never random: a change here would duplicate every deck users have imported
    assert (deck_id(GLOSSARY), model_id(GLOSSARY)) == (2015923077, 1294156975)
    assert [n.guid for n in deck_notes(GLOSSARY)][:1] == ["Lf$K{Hn5SF"]


def test_an_empty_glossary_is_an_empty_deck() -> None:
    back = _read_back(to_apkg(Glossary(), now=NOW))
    assert back["notes"] == [] and str(deck_id(Glossary())) in back["decks"]


def test_genanki_has_nothing_to_warn_about() -> None:
    hostile = Glossary(terms=[Entry(term="<script>x</script>", translations=["<img src=x>"])])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        to_apkg(hostile, now=NOW)


def test_no_file_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    to_apkg(GLOSSARY, now=NOW)
    assert list(tmp_path.iterdir()) == []
