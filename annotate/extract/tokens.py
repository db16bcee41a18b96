"""Words, quotations and sentences of a story's text, as offset spans."""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ahocorasick_rs import AhoCorasick, MatchKind

# Letters (no digits, no superscript footnote markers), inner apostrophes and hyphens.
_LETTER = r"[^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f]"
# Possessive (`++`, `*+`): a word never gives letters back, which saves `re` some work.
WORD = re.compile(rf"{_LETTER}++(?:['\u2019\-]{_LETTER}++)*+")
_IS_LETTER = re.compile(_LETTER)
_JOINERS = "'\u2019-"
_ASCII_LETTERS = frozenset(string.ascii_letters)
# Bytes of UTF-8 text that `_count_words` keeps: ASCII letters and joiners, and every byte
# of other characters; ASCII spaces, punctuation and digits become spaces.
_CHUNKS = bytes(
    c if chr(c) in string.ascii_letters or chr(c) in _JOINERS or c > 127 else 32 for c in range(256)
)
_APART = frozenset(' \t\n.,;:!?"()[]*_\u201c\u201d')  # neither letters nor joiners
# Straight or curly double quotes; a quotation never crosses a paragraph.
QUOTE = re.compile(r"\"([^\"\n]+)\"|\u201c([^\u201c\u201d\n]+)\u201d")
SENTENCE_END = re.compile(r"[.!?]+[\"\u201d')\]*_]*(?=\s|$)|\n\n")


@dataclass(slots=True)  # not frozen: a frozen dataclass is three times slower to make
class Token:
    """A word of a story; never changed once made."""

    start: int
    end: int
    text: str
    bare: str  # without a possessive `'s`


_POSSESSIVE = ("'s", "\u2019s")


def bare(text: str) -> str:
    return text[:-2] if text.endswith(_POSSESSIVE) else text


def words(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    return [  # `bare` written out: a call per word is a good part of making a token
        Token(m.start(), m.end(), word, word[:-2] if word.endswith(_POSSESSIVE) else word)
        for m in WORD.finditer(text, start, stop)
        for word in (m.group(),)
    ]


def count_words(text: str, start: int, end: int) -> int:
    return len(WORD.findall(text, start, end))


def split_forms(text: str, regions: Iterable[tuple[int, int]]) -> tuple[Counter[str], Counter[str]]:
    """The words as written outside `regions` and inside them, counted, each in the order of
    its first appearance.

    A region that starts or ends inside a word (`Skai*kru*`) is widened to the whole word, so
    the two together count `WORD.findall(text)`."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if end <= start:
            continue
        start = _word_around(text, start)[0]
        end = _word_around(text, end)[1]
        if merged and start <= merged[-1][1]:
            merged[-1] = (min(merged[-1][0], start), max(merged[-1][1], end))
        else:
            merged.append((start, end))
    outside: list[str] = []
    inside: list[str] = []
    pos = 0
    for start, end in merged:
        outside.append(text[pos:start])
        inside.append(text[start:end])
        pos = end
    outside.append(text[pos:])
    return _count_words(" ".join(outside)), _count_words(" ".join(inside))


def _count_words(text: str) -> Counter[str]:
    """`Counter(WORD.findall(text))`, tokenising each distinct chunk of the text once.

    Of ASCII, a word holds only letters and the joiners `'` and `-`, and `WORD` looks
    neither behind nor past a word: so the words of a text are those of its chunks between
    other ASCII characters. In UTF-8 each of these is one byte (the bytes of any other
    character are all above 127): one byte translation makes them spaces, and `split` and
    `Counter` find the distinct chunks in C, several times faster than `findall` over the
    whole text. Each word is counted in the order of its first appearance, as `findall`'s."""
    found: Counter[str] = Counter()
    get = found.get
    chunks = text.encode("utf-8", "surrogatepass").translate(_CHUNKS).split()
    for chunk, n in Counter(chunks).items():
        if chunk.isalpha():  # ASCII letters alone: a word as it stands
            word = chunk.decode("ascii")
            found[word] = get(word, 0) + n
        else:
            for word in WORD.findall(chunk.decode("utf-8", "surrogatepass")):
                found[word] = get(word, 0) + n
    return found


def _word_around(text: str, i: int) -> tuple[int, int]:
    """The word that offset `i` splits, or (i, i)."""
    if not (0 < i < len(text) and _in_word(text[i - 1]) and _in_word(text[i])):
        return i, i
    for m in WORD.finditer(text, max(0, i - 64), min(len(text), i + 64)):
        if m.start() >= i:
            break
        if i < m.end():
            return m.span()
    return i, i


def _in_word(char: str) -> bool:
    return char in _JOINERS or _IS_LETTER.match(char) is not None


def _goes_on(text: str, end: int) -> bool:
    """Whether the word before `end` goes on past it (`Tri|kru`, `Heda|'s`, `x|-ray`)."""
    if end >= len(text):
        return False
    after = text[end]
    if _IS_LETTER.match(after):
        return True
    return after in _JOINERS and end + 1 < len(text) and _IS_LETTER.match(text[end + 1]) is not None


def starts_word(text: str, i: int) -> bool:
    """Whether a token of `words` can start at offset `i` (not inside `Heda's` or `x-ray`)."""
    if i == 0:
        return True
    before = text[i - 1]
    if _IS_LETTER.match(before):
        return False
    return not (before in _JOINERS and i >= 2 and _IS_LETTER.match(text[i - 2]))


def locate(text: str, wanted: Iterable[str]) -> list[Token]:
    """The tokens of `text` written exactly as one of `wanted`, in text order (what `words`
    would give, filtered), found by one Aho-Corasick pass."""
    patterns = sorted(set(wanted))
    if not patterns:
        return []
    automaton = AhoCorasick(patterns, matchkind=MatchKind.LeftmostLongest)
    found: list[Token] = []
    # A match inside a longer token (`kru` in `Trikru`, `Tri` in it) is dropped. A wanted
    # token is itself a pattern and no longer one can match where it starts: none is missed.
    last = len(text) - 1
    bares = [bare(word) for word in patterns]
    for index, start, end in automaton.find_matches_as_indexes(text):
        # Most words stand between spaces or punctuation, most matches that are no word
        # inside a word of ASCII letters: the full checks only for the rest.
        before = text[start - 1] if start else " "
        if before in _ASCII_LETTERS:
            continue
        if (before in _APART or starts_word(text, start)) and (
            end > last or text[end] in _APART or not _goes_on(text, end)
        ):
            found.append(Token(start, end, patterns[index], bares[index]))
    return found


def quotations(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of each quotation."""
    stop = len(text) if end is None else end
    for m in QUOTE.finditer(text, start, stop):
        group = 1 if m.group(1) is not None else 2
        yield m.start(group), m.end(group)


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence between start and end, ending punctuation included."""
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        if m.end() > pos:
            yield pos, m.end()
        pos = m.end()
    if pos < end:
        yield pos, end


PUNCTUATION = " \t\n.,;:!?\"'*_-\u2013\u2014\u201c\u201d\u2018\u2019()"


def strip_span(text: str, start: int, end: int, chars: str = PUNCTUATION) -> tuple[int, int]:
    """The span without the spaces and punctuation at its ends."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
