"""Spelling keys: what fans vary (case, accents, apostrophes, dashes, shouted letters)."""

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
    if text.isascii():  # nothing to decompose: the common case, twice as fast
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
