"""Folding a text to one byte per character, and squashing runs, with exact offsets back.

Spotting works on bytes so that every pass over the text runs in C: a character becomes one
byte (lower-cased, accents dropped, every non-word character a space), then runs of a byte
are collapsed (a shouted `Heddaa` and `heda` meet, and `,\n  ` becomes one space). Because
both steps keep or drop whole characters, a position in the squashed bytes maps back to an
exact offset in the story's text (`OffsetMap`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

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


_MARK_REPEAT = bytes([DELETE] + [0] * 255)  # XOR 0 = same byte as the one before
_MARK_DELETE = bytes([0] * 255 + [DELETE])
_DELETE = bytes([DELETE])


def squash(folded: bytes) -> tuple[bytes, bytes]:
    """The folded bytes with runs collapsed and DELETE dropped, and the mask of what went.

    The mask has DELETE where a byte was dropped and 0 where it was kept. Big-integer shift,
    XOR and `bytes.translate` do it without a Python loop over the text.
    """
    size = len(folded)
    if not size:
        return b"", b""
    whole = int.from_bytes(folded, "little")
    # Byte i of the XOR is folded[i] ^ folded[i-1]: 0 marks a repeat (folded holds no 0 byte,
    # every control character folds to a space, so byte 0 is never marked, nor the extra top
    # byte: it is folded[-1] ^ 0, and left on as it adds 0 to the integer).
    repeats = (whole ^ (whole << 8)).to_bytes(size + 1, "little").translate(_MARK_REPEAT)
    merged = (whole | int.from_bytes(repeats, "little")).to_bytes(size, "little")
    # Without DELETE in `folded` (ordinary prose) the repeats are all that went.
    mask = merged.translate(_MARK_DELETE) if DELETE in folded else repeats[:size]
    return merged.translate(None, _DELETE), mask


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


def positions(mask: bytes, targets: list[int]) -> list[int]:
    """The folded position of each squashed position in `targets` (sorted, ascending; each
    the position of a squashed byte, below its length).

    `mask` is the one `squash` returned; a squashed byte stands at the first byte of its run.
    """
    count, find = mask.count, mask.find
    found: list[int] = []
    q, p = 0, max(find(0), 0)  # squashed position q stands at folded position p
    for target in targets:
        # Pass `missing` kept bytes; the bytes dropped in a stretch are still to pass after it.
        missing = target - q
        while missing:
            end = p + missing
            missing = count(DELETE, p, end)
            p = end
        if mask[p]:  # on the dropped repeats of the byte before: the target's byte is next
            p = find(0, p)
        found.append(p)
        q = target
    return found
