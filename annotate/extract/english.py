"""How English a word is, from a well-kept word-frequency list (wordfreq) and the story itself.

A word a story uses in its English narration is English for that story, whatever its global
frequency; a word English almost never uses is a conlang candidate.
"""

from __future__ import annotations

from collections import Counter
from functools import cache, lru_cache

from annotate.extract import frequencies
from annotate.extract.frequencies import Frequencies
from glossary.store.cache import location

RARE = 2.0  # Zipf below this: English almost never writes the word (heda 1.9, skaikru 1.4)
COMMON = 3.0  # Zipf at or above this: an ordinary English word
VERY_COMMON = 5.0  # the, you, was: English wherever it stands
COMPOUND_PART = 4.0  # each half of a solid compound: water + skin, cook + fire
STEM = 2.6  # an English stem under an English ending (groggy 2.6; gona 2.5 is Trigedasleng)

# Inflections of English stems: `piked` is a typo of an English verb, not conlang; `groggily`
# is `groggy` + `ly`. (suffix, what the stem may have ended in instead)
_SUFFIXES = (
    ("'s", ""),
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("ers", ""),
    ("est", ""),
    ("ly", ""),
    ("ily", "y"),
    ("ness", ""),
    ("iness", "y"),
    ("ful", ""),
    ("less", ""),
    ("ship", ""),
    ("ment", ""),
)


@cache
def _frequencies() -> Frequencies:
    return frequencies.load(location())


@cache  # asked for each word judged
def stopwords() -> frozenset[str]:
    """The hundred most frequent English words."""
    return _frequencies().top


def load() -> None:
    """Read the word frequencies now rather than at the first word."""
    _frequencies()


# What fan fiction writes around its stories, English to its readers whatever a general
# frequency list says: `Vesh's POV`, `A/N`, `OOC`.
FANDOM_WORDS = frozenset(["pov", "ooc", "otp", "fic", "ficlet", "oc", "au", "wip", "a/n", "an"])


@lru_cache(maxsize=1 << 17)  # every story asks about the same words; bounded for huge corpora
def zipf(word: str) -> float:
    """Zipf frequency of a word in English (0 when English never uses it)."""
    folded = word.casefold().replace("\u2019", "'")
    found = _frequencies().zipf.get(folded, 0.0)
    return max(found, COMMON + 1) if folded in FANDOM_WORDS else found


@lru_cache(maxsize=1 << 17)
def english_form(word: str, depth: int = 2) -> bool:
    """An English word, an English stem with English endings, or a compound of English
    words (`self-respecting`, `pent-up`)."""
    lower = word.casefold().replace("\u2019", "'")
    if zipf(lower) >= COMMON:
        return True
    if "-" in lower:
        return all(zipf(part) >= STEM or english_form(part) for part in lower.split("-") if part)
    if depth == 0:
        return False
    if _compound(lower):
        return True
    for suffix, restore in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            stem = lower[: -len(suffix)] + restore
            if zipf(stem) >= STEM or english_form(stem, depth - 1):
                return True
    return False


class Vocabulary:
    """The English a story speaks: words of its narration, counted."""

    def __init__(self, words: Counter[str]) -> None:
        self.words = words
        self.foreignness: dict[str, float] = {}  # remembered by `scoring.foreignness`

    def english(self, word: str) -> bool:
        """Whether `word` reads as English in this story."""
        lower = word.casefold()
        z = zipf(lower)
        if z >= VERY_COMMON or lower in stopwords():
            return True
        if self.words[lower] >= 2 and z >= RARE:
            return True
        return english_form(lower) and (z >= COMMON + 0.5 or self.words[lower] >= 1)

    def rare(self, word: str) -> bool:
        """English almost never uses it, in any inflection."""
        return zipf(word) < RARE and not english_form(word)


def _compound(word: str) -> bool:
    """Two common English words written as one (`waterskin`, `cookfire`)."""
    return any(
        zipf(word[:i]) >= COMPOUND_PART and zipf(word[i:]) >= COMPOUND_PART
        for i in range(3, len(word) - 2)
    )
