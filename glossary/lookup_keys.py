"""Lookup keys: one comparable form for a conlang spelling, another for an English gloss.

`normalize.squash` already folds case, accents, apostrophes, dashes and shouted letters. Lookup
adds what fans vary beyond that: spaces inside compounds (`sky kru`, `Sky-kru`, `Skaikru`) and a
few English spellings of conlang pieces (`crew` for `kru`, `you` for `yu`).
"""

from __future__ import annotations

import re

from glossary.normalize import fold, squash

# English spellings fans write for a conlang piece, applied inside words too (`Skycrew`).
# Longest first, so that a shorter swap never cuts into a longer one.
SWAPS: tuple[tuple[str, str], ...] = (
    ("crew", "kru"),
    ("you", "yu"),
    ("sky", "skai"),
)
_SWAP = re.compile("|".join(re.escape(a) for a, _ in SWAPS))
_SWAP_TO = dict(SWAPS)

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


def conlang_words(text: str) -> list[str]:
    """The keys of the words of a conlang text: squashed and swapped (`Sky-Crew`: sky, kru)."""
    return _SWAP.sub(lambda m: _SWAP_TO[m.group(0)], squash(text)).split()


def conlang_key(text: str) -> str:
    """A conlang spelling as compared: its word keys without spaces, so that `Sky Crew`,
    `sky-kru` and `Skaikru` are one key."""
    return "".join(conlang_words(text))


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
