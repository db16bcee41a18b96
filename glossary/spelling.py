"""How spellings compare: one named key per purpose, each the only definition of its kind.

Fans vary case, accents, apostrophes, dashes, spacing and shouted letters; which of these count
depends on what the key is for:

    key        folds                                            `Wa-nhedd'aa  Kru`
    fold       case, accents, apostrophes, punctuation          wa nheddaa kru
    squash     `fold`, and runs of one letter in a word         wa nheda kru
    compact    `squash`, without spaces (dedupe, import, lookup) wanhedakru
    solid      `fold` without spaces, then runs (lexicons)      wanhedakru
    caseless   case and spacing only (`gloss check`)            wa-nhedd'aa kru

`compact` and `solid` differ only where a word ends with the letter the next begins with
(`veshka ashen`: compact veshkaashen, solid veshkashen).
A language's respellings (`crew` for `kru`) are lookup's (`glossary.lookup.keys`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = re.compile("['\u2018\u2019`\u00b4]")
_NOT_WORD = re.compile(r"[^\w]+")
_RUNS = re.compile(r"(\w)\1+")


@lru_cache(maxsize=1 << 15)  # merging folds the same terms, senses and quotes again and again
def fold(text: str) -> str:
    """Case, accents, apostrophes and punctuation folded; words separated by one space."""
    if text.isascii():  # nothing to decompose
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    # one space for each run of anything but letters and digits: only the ends to trim
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).strip(" ")


@lru_cache(maxsize=1 << 15)
def squash(text: str) -> str:
    """`fold`, with runs of one letter collapsed: a shouted `Wanheddaa` is `wanheda`."""
    return _RUNS.sub(r"\1", fold(text))


def compact(text: str) -> str:
    """`squash` without spaces: one spelling however it is cased, accented, shouted or
    spaced (`Sky-kru`, `skaikru` stay two: respelling is lookup's)."""
    return squash(text).replace(" ", "")


@lru_cache(maxsize=1 << 16)  # extraction asks about the same words in every story
def solid(text: str) -> str:
    """`fold` without spaces, then runs collapsed: a lexicon's index key (`Wanheddaa`:
    wanheda; a run across words collapses too)."""
    return _RUNS.sub(r"\1", fold(text).replace(" ", ""))


def caseless(text: str) -> str:
    """Only case and spacing folded: two entries may not claim one spelling so alike."""
    return " ".join(text.casefold().split())
