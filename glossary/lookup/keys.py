"""Lookup keys: one comparable form for a conlang spelling, another for an English gloss.

`spelling.squash` already folds case, accents, apostrophes, dashes and shouted letters. Lookup
adds what fans vary beyond that: spaces inside compounds (`sky kru`, `Sky-kru`, `Skaikru`) and a
language's respellings: English spellings fans write for a piece of a term (`crew` for `kru`),
which are the language's data (its grammar), never this module's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from glossary.spelling import fold, squash

# English words that carry no meaning of their own: a query made only of them finds nothing.
# Words with a conlang counterpart a writer may want (`me`, `down`, `over`) are not here.
_STOP_WORDS = """
    a an the and or but if of to in on at by for with from as into onto than then so
    is are was were be been being am do does did has have had will would shall should can
    could may might must it its this that these those there here what which who whom whose
    when where why how just very too also
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_REMARK = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SENSES = re.compile(r"[;,/]")
_LEADING = re.compile(r"^(?:to|a|an|the) (?=\S)")


@dataclass(frozen=True)
class Respellings:
    """A language's respellings, `(English, conlang)` pieces, applied inside words too
    (`Skycrew`: skaikru). Both sides are squashed like the text they apply to, and the longest
    comes first, so that a shorter swap never cuts into a longer one. None swaps nothing.

    Equal and hashable by its pairs, so it can key anything built with it.
    """

    pairs: tuple[tuple[str, str], ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)
    _to: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        squashed = {squash(a): squash(b) for a, b in self.pairs}
        pairs = sorted(
            ((a, b) for a, b in squashed.items() if a and a != b), key=lambda p: (-len(p[0]), p[0])
        )
        object.__setattr__(self, "pairs", tuple(pairs))
        object.__setattr__(self, "_to", dict(pairs))
        if pairs:
            pattern = re.compile("|".join(re.escape(a) for a, _ in pairs))
            object.__setattr__(self, "_pattern", pattern)

    @classmethod
    def of(cls, respellings: Mapping[str, str] | None) -> Respellings:
        """From a grammar's `respellings` (`{crew: kru}`); None or empty: no swapping."""
        return cls(tuple((respellings or {}).items()))

    def apply(self, squashed: str) -> str:
        """A squashed text with every respelling swapped for its conlang piece."""
        if self._pattern is None:
            return squashed
        return self._pattern.sub(lambda m: self._to[m.group(0)], squashed)


NO_RESPELLINGS = Respellings()


def conlang_words(text: str, respellings: Respellings) -> list[str]:
    """The keys of the words of a conlang text: squashed and respelled (`Sky-Crew` with
    `crew: kru`: sky, kru)."""
    return respellings.apply(squash(text)).split()


def conlang_key(text: str, respellings: Respellings) -> str:
    """A conlang spelling as compared: its word keys without spaces, so that `Sky Crew`,
    `sky-kru` and `Skaikru` are one key (with `sky: skai` and `crew: kru`)."""
    return "".join(conlang_words(text, respellings))


def english_key(text: str) -> str:
    """An English gloss as compared: folded, remarks such as `(transitive)` and a leading
    `to`/`a`/`the` dropped. Doubled letters are English spelling here, not shouting."""
    return _LEADING.sub("", fold(_REMARK.sub(" ", text)))


def english_keys(translation: str) -> list[str]:
    """The keys a translation is found by: the whole of it and each sense in it."""
    keys = [english_key(translation)]
    pieces = _SENSES.split(translation)
    if len(pieces) > 1:
        keys.extend(english_key(p) for p in pieces)
    return [k for k in dict.fromkeys(keys) if k]


def is_stop_words(key: str) -> bool:
    """Only words that mean nothing alone (or nothing at all)."""
    return all(word in STOP_WORDS for word in key.split())
