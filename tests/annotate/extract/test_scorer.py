"""The scorer: features of a proposed translation, and how they move its convention's prior."""

from __future__ import annotations

from collections import Counter

import pytest

from annotate.extract.english import Vocabulary
from annotate.extract.scorer import THRESHOLD, WEIGHTS, Features, features, score
from annotate.extract.scoring import NoLexicon

VOCAB = Vocabulary(Counter({"the": 3, "she": 2, "ride": 1}))
LEXICON = {"orruk": ["dawn"], "vash": ["ride"], "tem": ["we"]}


def glosses(spelling: str) -> list[str]:
    return LEXICON.get(spelling.casefold(), [])


PLAIN = Features(
    foreign=0.0,
    length=0.0,
    distance=0.0,
    lexicon=0.0,
    narration=0.0,
    third_person=0.0,
    repeats=0.0,
)


@pytest.mark.parametrize(
    ("translation", "span", "marked", "field", "value"),
    [
        ("Vash tem orruk", "Vash tem orruk", True, "repeats", 1.0),
        ("at dawn", "Orruk", True, "lexicon", 1.0),  # the lexicon's gloss is in it
        ("at noon", "Orruk", True, "lexicon", -1.0),  # the lexicon knows it, and not so
        ("Tavi rides", "Tavi", True, "lexicon", 0.0),  # the lexicon knows none of the span
        ("She turned away", "Vash tem", False, "narration", 1.0),
        ("She turned away", "Vash tem", True, "narration", 0.0),  # marked: not narration
        ("she warns them", "Vash tem", False, "narration", 1.0),
        ("His sister smiled at him", "Vash tem", False, "third_person", 1.0),
        ("I told him", "Vash tem", False, "third_person", 0.0),  # a line someone says
        ("His sister smiled at him", "Vash tem", True, "third_person", 0.0),
    ],
)
def test_features(translation: str, span: str, marked: bool, field: str, value: float) -> None:
    found = features(translation, 0, span, VOCAB, NoLexicon(), glosses, marked)
    assert getattr(found, field) == value


def test_foreign_is_how_little_english_the_translation_reads() -> None:
    english = features("We ride at dawn", 0, "Vash tem orruk", VOCAB, NoLexicon())
    conlang = features("Vash tem orruk", 0, "Kel veshka", VOCAB, NoLexicon())
    assert english.foreign <= WEIGHTS.english_at < 0.6 < conlang.foreign


def test_length_is_the_log_ratio_of_word_counts() -> None:
    same = features("We ride at dawn", 0, "Vash tem orruk sho", VOCAB, NoLexicon())
    long = features("We ride out at dawn and come back at dusk", 0, "Orruk", VOCAB, NoLexicon())
    assert same.length == 0.0
    assert long.length > 1.0


@pytest.mark.parametrize(
    ("prior", "change", "trusted"),
    [
        (0.9, {}, True),
        (0.7, {}, True),
        (0.7, {"foreign": 0.6}, False),  # reads as the conlang, not as English
        (0.7, {"narration": 1.0}, False),
        (0.7, {"third_person": 1.0}, False),
        (0.9, {"repeats": 1.0}, False),
        (0.7, {"distance": 3.0}, False),  # far from the span
        (0.45, {"lexicon": 1.0}, True),  # a weak convention the lexicon confirms
        (0.9, {"lexicon": -1.0}, True),  # a strong one the lexicon doubts
        (0.7, {"length": 2.5}, False),
    ],
)
def test_score(prior: float, change: dict[str, float], trusted: bool) -> None:
    found = Features(**{**PLAIN.__dict__, **change})
    assert (score(prior, found) >= THRESHOLD) is trusted


def test_every_feature_moves_the_score_its_way() -> None:
    base = score(0.7, PLAIN)
    assert score(0.8, PLAIN) > base
    for field, value in [("foreign", 0.5), ("length", 1.5), ("distance", 1.0), ("narration", 1.0)]:
        assert score(0.7, Features(**{**PLAIN.__dict__, field: value})) < base, field
    assert score(0.7, Features(**{**PLAIN.__dict__, "lexicon": 1.0})) > base
