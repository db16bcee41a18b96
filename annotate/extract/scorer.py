"""One scorer for every translation a convention proposes: how far to trust that the text it
found beside a span is that span's translation.

A convention says where a translation may stand (its prior); the scorer weighs what any
translation can be judged by: how English it reads, whether its length fits the span, how far
from the span it stands, whether it agrees with the lexicon, and whether it reads as the
story's narration rather than a rendering of the span.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from annotate.extract.english import Vocabulary
from annotate.extract.scoring import Known, foreignness
from annotate.extract.tokens import WORD, bare

# A translation below this is no translation: a span keeps none rather than a doubtful one.
THRESHOLD = 0.5

# Narration, not a rendering: a pronoun or name and a past-tense verb (`she turned away`).
_NARRATION = re.compile(
    r"^(?:she|he|they|it|we|i|[A-Z][a-z]+(?:'s\s+\w+)?)\s+(?:\w+\s+){0,2}?"
    r"(?:\w+ed|was|were|had|did|said|felt|knew|thought|saw|took|made|came|went|ran|stood|sat)\b"
    r"|^(?:she|he|they)\s+(?:\w+ly\s+)?\w{2,}s\b"  # `she warns them`
    r"|^\w+ed\s+(?:the|a|an|his|her|their)\b",  # `repeated the old woman`
    re.IGNORECASE,
)

Glosses = Callable[[str], Sequence[str]]  # a lexicon's translations of a spelling, if any


@dataclass(frozen=True)
class Weights:
    """How much each feature moves a proposal's log-odds from its convention's prior."""

    foreign: float = -5.0  # per unit of mean foreignness above `english_at`
    english_at: float = 0.15
    length: float = -0.7  # per unit of |log| of the word-count ratio, past `length_slack`
    length_slack: float = 0.7
    distance: float = -0.4  # per 100 characters between span and translation
    agrees: float = 1.2  # the lexicon's glosses of the span's words are in it
    disagrees: float = -0.6  # the lexicon knows the span's words, and none of their glosses is
    narration: float = -1.5
    third_person: float = -1.2  # he, she, his: the story telling, not a line rendered
    repeats: float = -6.0  # the translation only repeats the term


WEIGHTS = Weights()


@dataclass(frozen=True)
class Features:
    foreign: float
    length: float
    distance: float
    lexicon: float  # 1 agrees, -1 disagrees, 0 the lexicon knows none of the span's words
    narration: float
    third_person: float
    repeats: float


def features(
    translation: str,
    distance: int,
    span: str,
    vocab: Vocabulary,
    known: Known,
    glosses: Glosses | None = None,
    marked: bool = True,
) -> Features:
    """What any translation of `span` can be judged by, whatever convention proposed it.
    `marked`: the story marks it as a translation (brackets, italics, `means`); an unmarked
    one may be the story's narration going on."""
    forms = [bare(f) for f in WORD.findall(translation)]
    span_forms = [bare(f) for f in WORD.findall(span)]
    foreign = sum(foreignness(f, vocab, known) for f in forms) / len(forms) if forms else 1.0
    ratio = abs(math.log((len(forms) + 1) / (len(span_forms) + 1)))
    return Features(
        foreign=foreign,
        length=ratio,
        distance=max(0, distance) / 100,
        lexicon=_agreement(forms, span, span_forms, glosses),
        narration=1.0 if not marked and _NARRATION.match(translation) else 0.0,
        third_person=1.0 if not marked and _third_person(forms) else 0.0,
        repeats=1.0 if _key(translation) == _key(span) else 0.0,
    )


def score(prior: float, found: Features, weights: Weights = WEIGHTS) -> float:
    """The probability that the proposal is the span's translation."""
    logit = math.log(prior / (1 - prior)) if 0 < prior < 1 else 6.0 * (prior - 0.5)
    logit += weights.foreign * max(0.0, found.foreign - weights.english_at)
    logit += weights.length * max(0.0, found.length - weights.length_slack)
    logit += weights.distance * found.distance
    logit += (weights.agrees if found.lexicon > 0 else -weights.disagrees) * found.lexicon
    logit += weights.narration * found.narration
    logit += weights.third_person * found.third_person
    logit += weights.repeats * found.repeats
    return 1 / (1 + math.exp(-logit))


def _agreement(
    forms: list[str], span: str, span_forms: list[str], glosses: Glosses | None
) -> float:
    """+1 when the translation has a word of the lexicon's glosses of the span (or keeps a
    word of the span as it is, a name); -1 when the lexicon knows most of the span's words
    and the translation has none of their glosses; else 0."""
    if glosses is None or not span_forms:
        return 0.0
    told = list(glosses(span))
    known = 0
    for form in span_forms:
        found = glosses(form)
        known += bool(found)
        told.extend(found)
    if not told:
        return 0.0
    given = {_stem(w) for w in forms if w.casefold() not in _FUNCTION}
    if given & {_stem(w) for w in span_forms} or any(given & _stems(t) for t in told):
        return 1.0
    return -1.0 if 2 * known >= len(span_forms) else 0.0


@lru_cache(maxsize=4096)  # a lexicon's glosses, asked of again and again
def _stems(gloss: str) -> frozenset[str]:
    """The stems of a gloss's words but the function words."""
    return frozenset(_stem(w) for w in WORD.findall(gloss) if w.casefold() not in _FUNCTION)


_FUNCTION = frozenset(["a", "an", "the", "of", "to", "is", "are", "be", "am", "was", "were"])


_THIRD = frozenset(["he", "she", "his", "her", "him", "hers", "they", "them", "their"])
_FIRST_SECOND = frozenset(["i", "me", "my", "we", "us", "our", "you", "your"])


def _third_person(forms: list[str]) -> bool:
    """Told of someone (`he kept walking`), never to or by someone (`I`, `you`)."""
    folded = {f.casefold() for f in forms}
    return bool(folded & _THIRD) and not folded & _FIRST_SECOND


def _stem(word: str) -> str:
    return word.casefold()[:5]


def _key(text: str) -> str:
    return "".join(filter(str.isalnum, text.casefold()))
