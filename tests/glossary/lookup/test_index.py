"""Fuzzy lookup both ways, over a small hand-written glossary."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from glossary.lookup.index import Hit, Index, _Table
from glossary.lookup.keys import Respellings, conlang_key
from glossary.models import Entry, Glossary, Grammar
from glossary.store.reading import read

GLOSSARY = Path(__file__).parents[2] / "data" / "lookup" / "glossary.yaml"
TRIG = {"crew": "kru", "you": "yu", "sky": "skai"}  # what the Trigedasleng lexicon gives


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(read(GLOSSARY), TRIG)


def first(index: Index, query: str) -> Hit:
    hits = index.lookup(query)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


@pytest.mark.parametrize(
    ("query", "term", "matched", "score"),
    [
        ("Wanheda", "Wanheda", "term", 100),
        ("WANHEDDAA", "Wanheda", "term", 100),  # shouted
        ("wánhéda", "Wanheda", "term", 100),  # accents
        ("Hedda", "Heda", "variant", 100),  # as typed: the variant, though the term folds alike
        ("heda", "Heda", "term", 100),
        ("HEDDAA", "Heda", "term", 100),  # shouted: no spelling is that, the term stands
        ("sky kru", "Skaikru", "variant", 100),  # space inside a compound: the variant Skykru
        ("Sky-crew", "Skaikru", "term", 100),  # respelled crew -> kru, sky -> skai
        ("Skycrew", "Skaikru", "term", 100),  # inside a word too
        ("Skykru", "Skaikru", "variant", 100),
        ("Skaikru", "Skaikru", "term", 100),
        ("you", "yu", "term", 100),  # respelled you -> yu
        ("Yo gonplei ste odon", "Yu gonplei ste odon", "variant", 100),
        ("yu gonplei ste odon!", "Yu gonplei ste odon", "term", 100),
        ("safe passage", "gouthru klir", "translation", 100),
        ("Fight", "gonplei", "translation", 100),  # English to conlang, one sense of several
        ("commandr", "Heda", "translation", 94),  # a typo in English
        ("Wanhedaa's", "Wanheda", "term", 93),  # possessive: one letter more
    ],
)
def test_best_hit(index: Index, query: str, term: str, matched: str, score: int) -> None:
    hit = first(index, query)
    assert (hit.entry.term, hit.matched, hit.score) == (term, matched, score)
    assert hit.whole


@pytest.mark.parametrize(
    "query",
    ["the", "of the", "x", "I", "qwertyzz", "", "  ", "!!", "gona", "zzkru zzheda"],
)
def test_nothing_is_better_than_a_wrong_answer(index: Index, query: str) -> None:
    # stop words, single letters, nonsense and rejected entries (`gona`) find nothing
    assert index.lookup(query) == []


def test_near_identical_terms_are_both_shown(index: Index) -> None:
    hits = index.lookup("gouthru klir")
    assert [(h.entry.term, h.score) for h in hits[:2]] == [
        ("gouthru klir", 100),
        ("gouthru klin", 91),
    ]


def test_homographs_are_both_shown(index: Index) -> None:
    hits = index.lookup("daun")
    assert [h.entry.translations for h in hits] == [["down"], ["sad"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a whole line: each known word, for the words it matched
        ("Ai laik Okteivia kom Skaikru", [("ai", "ai"), ("kom", "kom"), ("Skaikru", "skaikru")]),
        # a partial line: the phrase it is part of first, then its words
        ("ste odon", [("Yu gonplei ste odon", "ste odon"), ("odon", "odon")]),
        ("fight is over", [("Yu gonplei ste odon", "fight is over"), ("gonplei", "fight")]),
        # a phrase inside a line, exactly (a variant) or misspelt, on whole words only
        (
            "en yo gonplei ste odon beja",
            [("Yu gonplei ste odon", "yo gonplei ste odon"), ("gonplei", "gonplei")],
        ),
        ("Ai gaf gothru klin en", [("ai", "ai"), ("gouthru klin", "gothru klin")]),
        # English runs inside a line, a leading article dropped
        ("I am of the Sky People", [("Skaikru", "the sky people"), ("kru", "people")]),
    ],
)
def test_lines_and_partial_lines(index: Index, query: str, expected: list[tuple[str, str]]) -> None:
    assert [(h.entry.term, h.query) for h in index.lookup(query)][: len(expected)] == expected


def test_partial_line_scores_below_a_whole_match(index: Index) -> None:
    hit = first(index, "ste odon")
    assert hit.whole and 50 < hit.score < 90


def test_near_identical_phrase_inside_a_line_is_shown_with_its_score(index: Index) -> None:
    hits = index.lookup("Ai gaf gouthru klin")
    assert [(h.entry.term, h.score, h.whole) for h in hits] == [
        ("gouthru klin", 100, False),
        ("ai", 100, False),
        ("gouthru klir", 91, False),
    ]


def test_one_hit_per_entry_and_limit(index: Index) -> None:
    hits = index.lookup("Yu gonplei ste odon", limit=None)
    assert len({id(h.entry) for h in hits}) == len(hits)
    assert [h.entry.term for h in hits] == ["Yu gonplei ste odon", "yu", "gonplei", "odon"]
    assert len(index.lookup("Yu gonplei ste odon", limit=2)) == 2


@pytest.mark.parametrize(
    ("text", "respellings", "key"),
    [
        ("Sky-Crew", TRIG, "skaikru"),
        ("Skycrew", TRIG, "skaikru"),
        ("Skycrew", None, "skycrew"),  # no respellings: no swapping
        ("Skycrew", {}, "skycrew"),
        ("Skycrew", {"Crew": "KRU"}, "skykru"),  # squashed like the text they apply to
        ("crew", {"ew": "u", "crew": "kru"}, "kru"),  # longest first: `ew` never cuts `crew`
        ("stew", {"ew": "u", "crew": "kru"}, "stu"),
    ],
)
def test_conlang_key_respells(text: str, respellings: dict[str, str] | None, key: str) -> None:
    assert conlang_key(text, Respellings.of(respellings)) == key


def test_respellings_are_equal_whatever_their_order() -> None:
    a, b = (
        Respellings.of({"crew": "kru", "sky": "skai"}),
        Respellings.of({"Sky": "skai", "crew": "kru"}),
    )
    assert (a, hash(a)) == (b, hash(b))


@pytest.mark.parametrize(
    ("grammar", "fallback", "query", "found"),
    [
        (None, TRIG, "Skycrew", ["Skaikru"]),  # the language's, from the caller
        (None, None, "Skycrew", []),  # none at all: `crew` is English
        (Grammar(respellings={"crew": "kru", "sky": "skai"}), None, "Skycrew", ["Skaikru"]),
        (Grammar(respellings={"crew": "kru"}), TRIG, "Skaicrew", ["Skaikru"]),
        (Grammar(respellings={"crew": "kru"}), TRIG, "Skycrew", []),  # its own win
        (Grammar(respellings={}), TRIG, "Skycrew", []),  # it wants none
        (Grammar(joiners=["kom"]), TRIG, "Skycrew", ["Skaikru"]),  # states no respellings
        # `Crewman` of another language is keyed as written, so `kruman` is another word
        (None, None, "Crewman", ["Crewman"]),
        (None, None, "Kruman", []),
        (None, TRIG, "Kruman", ["Crewman"]),
    ],
)
def test_respellings_are_the_glossarys_else_the_callers(
    grammar: Grammar | None,
    fallback: dict[str, str] | None,
    query: str,
    found: list[str],
) -> None:
    glossary = Glossary(grammar=grammar, terms=[Entry(term="Skaikru"), Entry(term="Crewman")])
    assert [h.entry.term for h in Index(glossary, fallback).lookup(query)] == found


def test_rejected_entries_are_never_returned() -> None:
    glossary = Glossary(terms=[Entry(term="gona", translations=["warrior"], status="rejected")])
    assert Index(glossary).lookup("gona") == []
    assert Index(glossary).lookup("warrior") == []


_LETTERS = st.text(alphabet="abcde", min_size=1, max_size=12)


@given(keys=st.lists(_LETTERS, min_size=1, max_size=40), key=_LETTERS)
def test_search_finds_what_comparing_every_key_finds(keys: list[str], key: str) -> None:
    # short keys at cutoff 90 go through the one-letter-in-or-out dict, the others through
    # rapidfuzz over a length window: both must be what comparing with every key gives
    table = _Table.build((k, i, "term", k, (k,)) for i, k in enumerate(keys))
    for cutoff in (90, 85, 80, 75):
        scored = sorted(
            ((fuzz.ratio(key, k), row) for row, k in enumerate(table.keys)),
            key=lambda found: (-found[0], found[1]),
        )
        expected = [(round(score), row) for score, row in scored if score >= cutoff]
        assert list(table.search(key, cutoff)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # (term, matched, inside) of each hit: the word's own entry first, then the phrases
        ("gonplei", [("gonplei", "term", False), ("Yu gonplei ste odon", "term", True)]),
        ("ste", [("Yu gonplei ste odon", "term", True)]),
        ("odon", [("odon", "term", False), ("Yu gonplei ste odon", "term", True)]),
        ("gonplai", [("gonplei", "term", False), ("Yu gonplei ste odon", "term", True)]),
        (
            "fight",
            [("gonplei", "translation", False), ("Yu gonplei ste odon", "translation", True)],
        ),
        ("passage", [("gouthru klir", "translation", True)]),
    ],
)
def test_words_inside_phrases_find_the_phrases(
    index: Index, query: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert [(h.entry.term, h.matched, h.inside) for h in index.lookup(query)] == expected


def test_a_word_inside_ranks_below_whole_matches(index: Index) -> None:
    hits = index.lookup("gonplei")
    assert hits[0].score == 100 and hits[1].score < hits[0].score


@pytest.mark.parametrize(
    ("query", "matched", "text"),
    [
        ("wanheddaa", "variant", "Wanheddaa"),  # as typed: the variant
        ("Wanheda", "term", "Wanheda"),
        ("WANHEDDAAA", "term", "Wanheda"),  # no spelling is that: the term
    ],
)
def test_the_spelling_typed_is_the_one_reported(query: str, matched: str, text: str) -> None:
    glossary = Glossary(terms=[Entry(term="Wanheda", variants=["Wanheddaa"], translations=["x"])])
    hit = Index(glossary).lookup(query)[0]
    assert (hit.matched, hit.text) == (matched, text)


QUERIES = ["Wanheda", "gonplei", "ste", "fight", "sky kru", "Skycrew", "commandr", "daun"]
QUERIES += ["en yo gonplei ste odon beja", "I am of the Sky People", "gothru klir", "Hedda"]


def test_an_index_restored_from_its_state_answers_alike(index: Index) -> None:
    import marshal

    restored = Index.restored(marshal.loads(marshal.dumps(index.state())))
    assert restored is not None
    for query in QUERIES:
        want = [(h.entry.term, h.score, h.matched, h.text, h.query) for h in index.lookup(query)]
        got = [(h.entry.term, h.score, h.matched, h.text, h.query) for h in restored.lookup(query)]
        assert got == want, query
    shown = ("term", "translations", "variants", "kind", "status")
    for mine, theirs in zip(restored.entries, index.entries, strict=True):
        assert [getattr(mine, f) for f in shown] == [getattr(theirs, f) for f in shown]


@pytest.mark.parametrize("state", [None, 3, (), ("x",), (99, (), b"", b"", (), ())])
def test_a_state_that_is_not_one_restores_nothing(state: object) -> None:
    assert Index.restored(state) is None
