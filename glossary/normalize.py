"""Spelling keys: what fans vary (case, accents, apostrophes, dashes, shouted letters)."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile("['\u2018\u2019`\u00b4]")
_NOT_WORD = re.compile(r"[^\w]+")
_RUNS = re.compile(r"(\w)\1+")


def fold(text: str) -> str:
    """Case, accents, apostrophes and punctuation folded; words separated by one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.casefold())
    return " ".join(_NOT_WORD.sub(" ", text).split())


def squash(text: str) -> str:
    """`fold`, with runs of one letter collapsed: a shouted `Wanheddaa` is `wanheda`."""
    return _RUNS.sub(r"\1", fold(text))
