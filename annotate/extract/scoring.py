"""How foreign a word or a run of words looks in a given story."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from annotate.extract.english import (
    COMMON,
    RARE,
    VERY_COMMON,
    Vocabulary,
    english_form,
    stopwords,
    zipf,
)
from annotate.extract.tokens import Token

# A lexicon word counts as conlang in English prose below this (jus 3.2, sha 3.4; `in` 7.3).
LEXICON_WORD = 3.5


class Known(Protocol):
    """What extraction asks a lexicon: is this a conlang word, is it a person's name."""

    def is_word(self, spelling: str) -> bool: ...

    def is_name(self, spelling: str) -> bool: ...


class NoLexicon:
    def is_word(self, spelling: str) -> bool:
        return False

    def is_name(self, spelling: str) -> bool:
        return False


NO_LEXICON = NoLexicon()


def foreignness(word: str, vocab: Vocabulary, known: Known) -> float:
    """0 for plain English, 1 for a word English never writes; in between for short common
    forms that English and conlangs share (`ai`, `yo`, `op`)."""
    score = vocab.foreignness.get(word)
    if score is None:
        score = vocab.foreignness[word] = _foreignness(word, vocab, known)
    return score


def _foreignness(word: str, vocab: Vocabulary, known: Known) -> float:
    lower = word.casefold()
    z = zipf(lower)
    if lower in stopwords() or z >= VERY_COMMON:
        score = 0.0
    elif vocab.words[lower] >= 1 and z >= RARE:
        score = 0.1  # the story's own narration uses it: English here
    elif z >= 4.0:
        score = 0.5 if len(lower) <= 3 else 0.3
    elif z >= COMMON:
        score = 0.6
    elif z >= RARE or english_form(lower):
        score = 0.8
    else:
        score = 1.0
    if known.is_word(word) and score > 0.0:
        score = max(score, 0.9)
    return score


def is_rare(word: str, known: Known) -> bool:
    """A word English almost never writes in any inflection (or a lexicon word)."""
    return (zipf(word) < RARE and not english_form(word)) or (
        known.is_word(word) and zipf(word) < LEXICON_WORD
    )


def phrase_score(tokens: Sequence[Token], vocab: Vocabulary, known: Known) -> tuple[float, int]:
    """Mean foreignness of the words that are not names, and how many look foreign."""
    scores = [foreignness(t.bare, vocab, known) for t in tokens if not known.is_name(t.bare)]
    if not scores:
        return 0.0, 0
    return sum(scores) / len(scores), sum(1 for s in scores if s >= 0.5)


def is_conlang_run(
    tokens: Sequence[Token], vocab: Vocabulary, known: Known, evidence: bool = False
) -> bool:
    """Whether a quoted line or italic run is conlang as a whole (English words mixed in
    allowed). `evidence`: a translation stands right beside it, so ask for less."""
    if len(tokens) == 1:
        return is_rare(tokens[0].bare, known) and not known.is_name(tokens[0].bare)
    if _english_clause(tokens, vocab, known):
        return False
    mean, foreign = phrase_score(tokens, vocab, known)
    if foreign < 2:
        return False
    if evidence:
        return mean >= 0.4
    anchored = any(is_rare(t.bare, known) for t in tokens)
    return mean >= 0.55 and anchored


ENGLISH_CLAUSE = 3  # plain English words in a row: an English sentence with a word or two mixed in


def _english_clause(tokens: Sequence[Token], vocab: Vocabulary, known: Known) -> bool:
    """`They will find you, tavi`: a line whose English runs on for a clause."""
    run = 0
    for token in tokens:
        run = run + 1 if foreignness(token.bare, vocab, known) == 0.0 else 0
        if run >= ENGLISH_CLAUSE:
            return True
    return False
