"""The bundled lexicon and `annotate.lexicon`: loading, choosing, normalised lookup."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from annotate.lexicon import Lexicon, available, bundled, load_lexicon, normalise
from glossary.errors import GlossError
from glossary.models import Glossary
from glossary.store.reading import read

BUNDLED = Path(__file__).resolve().parents[2] / "annotate" / "lexicons" / "trigedasleng.yaml"


@pytest.fixture(scope="module")
def trig() -> Lexicon:
    return bundled("trigedasleng")


# --- the bundled file ---


def test_bundled_file_is_a_valid_glossary() -> None:
    glossary = read(BUNDLED)  # the round-trip store, which positions any problem
    assert glossary.language == "Trigedasleng"
    assert len(glossary.terms) >= 200


def test_available_lists_the_bundled_lexicons() -> None:
    assert available() == ["trigedasleng"]


def test_no_spelling_belongs_to_two_entries(trig: Lexicon) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in trig.glossary.terms:
        for spelling in entry.spellings():
            owners[normalise(spelling)].add(entry.term)
    assert {key: terms for key, terms in owners.items() if len(terms) > 1} == {}


def test_every_term_is_listed_once(trig: Lexicon) -> None:
    terms = [entry.term for entry in trig.glossary.terms]
    assert len(terms) == len(set(terms))


def test_vocabulary_has_translations_and_names_have_none(trig: Lexicon) -> None:
    for entry in trig.glossary.terms:
        assert bool(entry.translations) == (entry.kind != "name"), entry.term


def test_every_entry_is_confirmed(trig: Lexicon) -> None:
    assert {entry.status for entry in trig.glossary.terms} == {"confirmed"}


@pytest.mark.parametrize(
    ("spelling", "term", "kind"),
    [
        ("Heda", "Heda", "title"),
        ("heda", "Heda", "title"),
        ("Wanheddaa", "Wanheda", "title"),
        ("Skykru", "Skaikru", "group"),
        ("Sky kru", "Skaikru", "group"),
        ("Flokru", "Floukru", "group"),
        ("Trigedakru", "Trikru", "group"),
        ("Ton DC", "TonDC", "place"),
        ("Oktaivia", "Octavia", "name"),
        ("Okteivia", "Octavia", "name"),
        ("Klark", "Clarke", "name"),
        ("Yo gonplei ste odon", "Yu gonplei ste odon", "phrase"),
        ("Jus drein, jus daun!", "Jus drein jus daun", "phrase"),
        ("gouthru klir", "Gouthru klir", "phrase"),
        ("gouthru klin", "Gouthru klin", "phrase"),
        ("frag", "frag", "word"),
    ],
)
def test_lookup_finds_the_entry(trig: Lexicon, spelling: str, term: str, kind: str) -> None:
    entry = trig.lookup(spelling)
    assert entry is not None
    assert (entry.term, entry.kind) == (term, kind)


@pytest.mark.parametrize("spelling", ["", "   ", "?!", "Mount Weather", "Dothraki", "khaleesi"])
def test_lookup_misses(trig: Lexicon, spelling: str) -> None:
    assert trig.lookup(spelling) is None
    assert spelling not in trig


def test_extraction_questions(trig: Lexicon) -> None:
    assert trig.is_word("Heda") and not trig.is_name("Heda")
    assert trig.is_name("Lexa") and not trig.is_word("Lexa")
    assert trig.gloss("wanheda") == ("Wanheda", ["Commander of Death"], "title")
    assert trig.gloss("nothing here") is None
    assert "jus drein jus daun" in trig.phrases()
    assert "dante wallace" not in trig.phrases()  # names are not lines to recognise


def test_source_marks_the_translation_as_the_lexicons(trig: Lexicon) -> None:
    entry = trig.lookup("Heda")
    assert entry is not None
    source = trig.source(entry)
    assert (source.method, source.lexicon, source.translation) == (
        "lexicon",
        "trigedasleng",
        "Commander; leader",
    )


# --- choosing a lexicon ---


@pytest.mark.parametrize(
    ("choice", "language", "expected"),
    [
        ("auto", "Trigedasleng", "trigedasleng"),
        ("auto", "trigedasleng", "trigedasleng"),
        ("AUTO", " TRIGEDASLENG ", "trigedasleng"),
        ("auto", "Dothraki", None),
        ("auto", None, None),
        ("auto", "", None),
        ("none", "Trigedasleng", None),
        ("None", None, None),
        ("trigedasleng", None, "trigedasleng"),
        ("Trigedasleng", "Dothraki", "trigedasleng"),  # named on purpose: the language is moot
    ],
)
def test_load_lexicon_choices(choice: str, language: str | None, expected: str | None) -> None:
    lexicon = load_lexicon(choice, language)
    assert (lexicon.name if lexicon else None) == expected


def test_bundled_lexicon_is_loaded_once() -> None:
    assert load_lexicon("trigedasleng", None) is load_lexicon("auto", "Trigedasleng")


def test_load_lexicon_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "dothraki.yaml"
    path.write_text(
        "language: Dothraki\n"
        "terms:\n"
        "  - term: khaleesi\n"
        "    translations: [queen]\n"
        "  - term: arakh\n"
        "    status: rejected\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon(str(path), "Dothraki")
    assert lexicon is not None
    assert (lexicon.name, lexicon.language) == ("dothraki", "Dothraki")
    assert lexicon.gloss("Khaleeesi") == ("khaleesi", ["queen"], "word")
    assert lexicon.lookup("arakh") is None  # rejected entries are never offered


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (
            "klingon",
            "unknown lexicon 'klingon'; choose auto, none, trigedasleng, or a path to a "
            "glossary file",
        ),
        ("missing/lexicon.yaml", "missing/lexicon.yaml: no such file"),
    ],
)
def test_load_lexicon_errors(choice: str, message: str) -> None:
    with pytest.raises(GlossError) as err:
        load_lexicon(choice, None)
    assert err.value.lines() == [message]


def test_an_invalid_user_file_is_reported_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("terms:\n  - term: heda\n    translaton: [leader]\n", encoding="utf-8")
    with pytest.raises(GlossError) as err:
        load_lexicon(str(path), None)
    assert len(err.value.lines()) == 1
    assert err.value.lines()[0].startswith(f"{path}:3:")


def test_a_folder_is_not_a_lexicon(tmp_path: Path) -> None:
    with pytest.raises(GlossError, match="is a folder"):
        load_lexicon(str(tmp_path), None)


# --- normalise ---


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Wanheda", "wanheda"),
        ("Wanheddaa", "wanheda"),
        ("WANHEDA", "wanheda"),
        ("Trishanakru", "trishanakru"),
        ("Trishana kru", "trishanakru"),
        ("Trishana-kru", "trishanakru"),
        ("Sky kru", "skykru"),
        ("Hédà", "heda"),
        ("Okteívia", "okteivia"),
        ("Ai'm", "aim"),
        ("Ai\u2019m", "aim"),
        ("yu  gonplei\tste odon", "yugonpleisteodon"),
        ("Jus drein, jus daun!", "jusdreinjusdaun"),
        ("Heeeeda", "heda"),
        ("", ""),
        ("?!", ""),
    ],
)
def test_normalise(text: str, key: str) -> None:
    assert normalise(text) == key


def test_normalise_is_idempotent() -> None:
    for text in ["Wanheddaa", "Louwoda Klironkru", "Ai'm", "Skaikru"]:
        assert normalise(normalise(text)) == normalise(text)


def test_glossary_model_round_trips_the_bundled_file(trig: Lexicon) -> None:
    # What the lexicon holds is a plain glossary: other tools can read it as one.
    assert Glossary.model_validate(trig.glossary.model_dump()) == trig.glossary
