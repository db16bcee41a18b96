"""Spotting: which spans of a story's text are glossed, and as which entry."""

from __future__ import annotations

import itertools
import pickle
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.spotting import Spotter, spotter
from annotate.spotting.folding import fold, key, squash
from glossary.models import Entry, Glossary

GLOSSARY = Glossary(
    terms=[
        Entry(term="Wanheda", translations=["Commander of Death"], kind="title"),
        Entry(term="Heda", translations=["Commander"], kind="title"),
        Entry(term="kom", translations=["of", "from"]),
        Entry(
            term="Yu gonplei ste odon",
            variants=["Yo gonplei ste odon"],
            translations=["Your fight is over"],
            kind="phrase",
        ),
        Entry(term="gonplei", translations=["fight"]),
        Entry(term="odon", translations=["over"]),
        Entry(term="jus drein jus daun", translations=["blood must have blood"], status="rejected"),
        Entry(term="jus", translations=["blood"]),
        Entry(term="Lexa kom Trikru", kind="name"),
        Entry(term="Octavia", kind="name"),
        Entry(term="Trikru", translations=["Tree People"], kind="group"),
        Entry(term="ai gaf in", translations=["I want in"], kind="phrase"),
        Entry(term="Trigedasleng", variants=["Trigedaslêng"], translations=["Tree speech"]),
        Entry(term="нет", translations=["no (a Cyrillic test word)"]),
    ]
)
SPOTTER = Spotter(GLOSSARY)


def spotted(text: str, *, first: bool = False) -> list[tuple[str, str]]:
    """(text as it stands, entry term) for every spot."""
    return [(text[s.start : s.end], s.entry.term) for s in SPOTTER.spot_text(text, first=first)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whole words only
        ("The Komodo dragon", []),
        ("kom Komodo komkom kom", [("kom", "kom"), ("kom", "kom")]),
        ("heda2 and 2heda", []),
        # any case, shouted elongations
        ("HEDA, heda, Heda", [("HEDA", "Heda"), ("heda", "Heda"), ("Heda", "Heda")]),
        ("Heddaa! Wanheddaaaa!", [("Heddaa", "Heda"), ("Wanheddaaaa", "Wanheda")]),
        ("Hheeda", [("Hheeda", "Heda")]),
        # possessives and punctuation around a word
        ("Heda\u2019s sword, (Heda's) \u201cHeda\u201d", [("Heda", "Heda")] * 3),
        # the longest match first: a phrase beats its words
        ("Yu gonplei ste odon.", [("Yu gonplei ste odon", "Yu gonplei ste odon")]),
        ("Yo gonplei ste odon", [("Yo gonplei ste odon", "Yu gonplei ste odon")]),
        ("gonplei ste odon", [("gonplei", "gonplei"), ("odon", "odon")]),
        # across line breaks and spacing inside a paragraph, never across a blank line
        ("Yu gonplei\nste  odon", [("Yu gonplei\nste  odon", "Yu gonplei ste odon")]),
        ("Yu gonplei,\n   ste odon", [("Yu gonplei,\n   ste odon", "Yu gonplei ste odon")]),
        ("Yu gonplei\n\nste odon", [("gonplei", "gonplei"), ("odon", "odon")]),
        ("Yu gonplei\n \nste odon", [("gonplei", "gonplei"), ("odon", "odon")]),
        # rejected entries are never glossed (their words still are)
        ("Jus drein jus daun", [("Jus", "jus"), ("jus", "jus")]),
        # names are not glossed, and a name is matched whole before its words
        ("Octavia kom Trikru", [("kom", "kom"), ("Trikru", "Trikru")]),
        ("Lexa kom Trikru spoke", []),
        ("Lexa kom Trikru, kom Trikru", [("kom", "kom"), ("Trikru", "Trikru")]),
        # an apostrophe in a term: the text's apostrophe stands where it did
        ("Ai gaf in'!", [("Ai gaf in", "ai gaf in")]),
        # accents, on either side, composed or not
        (
            "Trigedasl\u00eang and Trigedasle\u0302ng",
            [
                ("Trigedasl\u00eang", "Trigedasleng"),
                ("Trigedasle\u0302ng", "Trigedasleng"),
            ],
        ),
        # letters with no ASCII fold are matched as themselves
        (
            "\u041d\u0415\u0422! \u0434\u0430 \u043d\u0435\u0442",
            [
                ("\u041d\u0415\u0422", "\u043d\u0435\u0442"),
                ("\u043d\u0435\u0442", "\u043d\u0435\u0442"),
            ],
        ),
        (
            "\u043c\u0435\u0442 \u043d\u043d\u0435\u0442 \u043d\u0451\u0442",
            [
                ("\u043d\u043d\u0435\u0442", "\u043d\u0435\u0442"),
                ("\u043d\u0451\u0442", "\u043d\u0435\u0442"),
            ],
        ),
        # offsets stay exact after wide characters
        ("\U0001f5e1\ufe0f Heda \u2014 kom", [("Heda", "Heda"), ("kom", "kom")]),
        ("", []),
    ],
)
def test_spotting(text: str, expected: list[tuple[str, str]]) -> None:
    assert spotted(text) == expected


@pytest.mark.parametrize(
    ("text", "first", "expected"),
    [
        ("Heda kom Heda", False, [("Heda", "Heda"), ("kom", "kom"), ("Heda", "Heda")]),
        ("Heda kom Heda", True, [("Heda", "Heda"), ("kom", "kom")]),
        ("heda HEDDA Heda kom", True, [("heda", "Heda"), ("kom", "kom")]),
    ],
)
def test_first_occurrence_only(text: str, first: bool, expected: list[tuple[str, str]]) -> None:
    assert spotted(text, first=first) == expected


def test_the_entry_spelled_like_the_text_wins_a_shared_key() -> None:
    glossary = Glossary(
        terms=[
            Entry(term="sad", translations=["sad (one)"]),
            Entry(term="saad", translations=["saad (two)"]),
        ]
    )
    text = "sad saad saaad"
    found = [(text[s.start : s.end], s.entry.term) for s in Spotter(glossary).spot_text(text)]
    assert found == [("sad", "sad"), ("saad", "saad"), ("saaad", "sad")]


def test_a_vocabulary_entry_beats_a_name_with_the_same_spelling() -> None:
    glossary = Glossary(
        terms=[Entry(term="Gona", kind="name"), Entry(term="gona", translations=["warrior"])]
    )
    assert [s.entry.term for s in Spotter(glossary).spot_text("Gona")] == ["gona"]


def test_a_pickled_spotter_spots_alike() -> None:
    # a worker started by spawn (not fork) gets the spotter pickled, and rebuilds it
    text = "Yu gonplei ste odon, Wanheda. \u041d\u0415\u0422, kom Trikru"
    again = pickle.loads(pickle.dumps(SPOTTER))
    assert again.spot_text(text) == SPOTTER.spot_text(text) != []


def test_an_empty_glossary_spots_nothing() -> None:
    assert Spotter(Glossary()).spot_text("Heda") == []


def test_chunks_keep_offsets_and_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spotter, "CHUNK", 16)
    text = "\n\n".join(["Heda kom Heddaa", "Yu gonplei\nste odon", "x" * 40, "kom"] * 3)
    found = spotted(text)
    assert (
        found
        == [
            ("Heda", "Heda"),
            ("kom", "kom"),
            ("Heddaa", "Heda"),
            ("Yu gonplei\nste odon", "Yu gonplei ste odon"),
            ("kom", "kom"),
        ]
        * 3
    )


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Yu  gonplei-ste odon!", b"yu gonplei ste odon"),
        ("Wanheddaa", b"wanheda"),
        ("  in' ", b"in"),
        ("\u00c9l\u00e8ve", b"eleve"),
        ("...", b""),
    ],
)
def test_key(spelling: str, expected: bytes) -> None:
    assert key(spelling) == expected


def test_fold_keeps_one_byte_per_character() -> None:
    text = "A\u2019b \U0001f600 e\u0301 \u00df \u0416"
    assert len(fold(text)) == len(text)


WORDS = st.sampled_from(["heda", "Heddaa", "kom", "Komodo", "gonplei", "odon", "x", "ste", "yu"])
SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", "\u2019", "\n\n", " \u2014 ", "\u00e9"])


@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=30))
def test_spots_are_whole_words_of_their_entry_in_order(pieces: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in pieces)
    spots = SPOTTER.spot_text(text)
    assert spots == sorted(spots)
    for before, after in itertools.pairwise(spots):
        assert before.end <= after.start
    for s in spots:
        assert key(text[s.start : s.end]) in {key(x) for x in s.entry.spellings()}
        assert s.start == 0 or not text[s.start - 1].isalnum()
        assert s.end == len(text) or not text[s.end].isalnum()


@given(st.text(alphabet="ab \n\u00e9\u0301\u2019", max_size=60))
def test_squashed_bytes_stand_at_the_first_byte_of_each_run(text: str) -> None:
    folded = fold(text)
    squashed, where = squash(folded)
    found = where.tolist()
    assert bytes(folded[p] for p in found) == squashed
    assert all(p == 0 or folded[p - 1] != folded[p] for p in found)


# A slow, obviously right model of spotting: words, their squashed keys, every phrase of the
# glossary matched on them, the longest first.
MODEL_GLOSSARY = Glossary(
    terms=[
        Entry(term="ai gaf"),
        Entry(term="gaf in"),
        Entry(term="ai gaf in yu"),
        Entry(term="heda"),
        Entry(term="yu"),
        Entry(term="gaf"),
        Entry(term="Lexa kom Trikru", kind="name"),
        Entry(term="kom"),
        Entry(term="trikru", status="rejected"),
    ]
)
MODEL_WORDS = st.sampled_from(
    [
        "ai",
        "AI",
        "aai",
        "gaf",
        "gaaf",
        "in",
        "yu",
        "Yuu",
        "heda",
        "Heddaa",
        "lexa",
        "kom",
        "trikru",
        "komodo",
        "x",
    ]
)
MODEL_SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", "\n\n", "\n \n", "-", "'"])


def model(text: str) -> list[tuple[int, int, str]]:
    words = [(m.start(), m.end(), key(m.group()).decode()) for m in re.finditer(r"[^\W_]+", text)]
    claims = {}
    for entry in MODEL_GLOSSARY.terms:
        if entry.status != "rejected":
            claims.setdefault(tuple(key(entry.term).decode().split()), entry)
    found = []
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            entry = claims.get(tuple(w for _, _, w in words[i:j]))
            start, end = words[i][0], words[j - 1][1]
            if entry is not None and not re.search(r"\n\s*\n", text[start:end]):
                found.append((start, end, entry))
    taken: list[tuple[int, int, Entry]] = []
    for hit in sorted(found, key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= t[0] or t[1] <= hit[0] for t in taken):
            taken.append(hit)
    return [(s, e, entry.term) for s, e, entry in sorted(taken) if entry.kind != "name"]


@given(st.lists(st.tuples(MODEL_WORDS, MODEL_SEPARATORS), max_size=25))
def test_spotting_agrees_with_the_slow_model(pieces: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in pieces)
    spots = Spotter(MODEL_GLOSSARY).spot_text(text)
    assert [(s.start, s.end, s.entry.term) for s in spots] == model(text)
