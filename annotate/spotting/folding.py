"""Folding a text to one byte per character, and squashing runs, with exact offsets back.

Spotting works on bytes so that every pass over the text runs in C: a character becomes one
byte (lower-cased, accents dropped, every non-word character a space), then runs of a byte
are collapsed (a shouted `Heddaa` and `heda` meet, and `,\n  ` becomes one space). Because
both steps keep or drop whole characters, a position in the squashed bytes maps back to an
exact offset in the story's text (what `squash` gives besides the bytes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

SPACE = 0x20
OTHER = 0xFE  # a word character with no ASCII fold (ß, æ, Cyrillic): matches need a check
DELETE = 0xFF  # dropped: combining marks, and the repeats of a run


def _fold_char(ch: str) -> int:
    """The byte of one character: its lower-case ASCII base, OTHER, DELETE or a space."""
    if unicodedata.combining(ch):
        return DELETE
    if not ch.isalnum():
        return SPACE
    base = unicodedata.normalize("NFKD", ch.lower())[:1]
    if base.isascii() and base.isalnum():
        return ord(base)
    return OTHER


# Latin-1 covers English text and the accents fans use; one C `bytes.translate` folds it.
# DEL (0x7f, a control character no story needs) stands in for DELETE beyond Latin-1.
LATIN1 = bytes(
    [*(_fold_char(chr(c)) for c in range(0x7F)), DELETE]
    + [_fold_char(chr(c)) for c in range(0x80, 256)]
)
_STANDIN = {SPACE: " ", OTHER: "\u00df", DELETE: "\x7f"}  # Latin-1 characters folding alike

# The non-Latin-1 characters of ordinary prose, replaced (one for one) before encoding.
_PUNCTUATION = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": ".",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2032": "'",
}


class _Wide(dict[int, str]):
    """str.translate table for characters beyond Latin-1, filled in as they are met."""

    def __missing__(self, code: int) -> str:
        if code < 256:
            raise LookupError(code)  # left as it is: LATIN1 folds it afterwards
        byte = _fold_char(chr(code))
        self[code] = _STANDIN.get(byte, chr(byte))
        return self[code]


_WIDE = _Wide()


def fold(text: str) -> bytes:
    """One byte per character of `text` (see the module doc). Runs in C for ordinary prose."""
    for wide, narrow in _PUNCTUATION.items():
        if wide in text:
            text = text.replace(wide, narrow)
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        raw = text.translate(_WIDE).encode("latin-1")
    return raw.translate(LATIN1)


def squash(folded: bytes) -> tuple[bytes, NDArray[np.intp]]:
    """The folded bytes with runs collapsed and DELETE dropped, and where each byte kept
    stands in `folded` (a run's first byte). On arrays: no Python loop over the text."""
    codes = np.frombuffer(folded, np.uint8)
    kept = np.empty(len(codes), np.bool_)
    kept[:1] = True
    np.not_equal(codes[1:], codes[:-1], out=kept[1:])
    if DELETE in folded:  # (ordinary prose holds none)
        kept &= codes != DELETE
    return codes[kept].tobytes(), np.flatnonzero(kept)


_RUNS = re.compile(r"(.)\1+", re.DOTALL)


def exact_key(text: str) -> str:
    """What `key` folds to bytes, with each letter kept as itself (no OTHER): the check of a
    match whose key holds OTHER. Slow, but only run on such matches."""
    chars = []
    for ch in text:
        if unicodedata.combining(ch):
            continue
        chars.append(unicodedata.normalize("NFKD", ch.lower())[0] if ch.isalnum() else " ")
    return " ".join(_RUNS.sub(r"\1", "".join(chars)).split())


# Between spellings squashed in one pass: nothing folds to it (a control character folds to a
# space), so no run of a byte crosses it and no key holds it.
_APART = b"\x01"


def keys(spellings: Sequence[str]) -> list[bytes]:
    """The squashed folded key of each spelling, words separated by single spaces; all in one
    pass (a glossary of 20,000 terms is indexed at every start)."""
    if not spellings:
        return []
    # An empty spelling folds to nothing: a space keeps two separators from making a run.
    squashed, _ = squash(_APART.join([fold(s) or b" " for s in spellings]))
    return [k.strip() for k in squashed.split(_APART)]


def key(spelling: str) -> bytes:
    """`keys` of one spelling (a word looked up as interlinear glosses are written)."""
    return squash(fold(spelling))[0].strip()
