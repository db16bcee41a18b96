"""Tokens found without tokenising everything: `locate`, `split_forms`, `starts_word`."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.extract.tokens import WORD, _word_around, locate, split_forms, starts_word, words

TEXT = "Heda's guard met the Trikru. Skai*kru* x-ray, kru; 'tis Heda\u2019s. Heda!"


@pytest.mark.parametrize(
    ("wanted", "found"),
    [
        ({"Heda"}, ["Heda"]),  # not inside `Heda's` (curly or straight)
        ({"Heda's", "Heda\u2019s"}, ["Heda's", "Heda\u2019s"]),
        ({"kru"}, ["kru", "kru"]),  # never the end of `Trikru`
        ({"Trikru", "Tri"}, ["Trikru"]),
        ({"ray"}, []),  # part of `x-ray`
        ({"tis"}, ["tis"]),
        (set(), []),
    ],
)
def test_locate_finds_whole_tokens_only(wanted: set[str], found: list[str]) -> None:
    assert [t.text for t in locate(TEXT, wanted)] == found


@given(
    st.text(alphabet="ab -'\u2019*\"\u00e9.\n", max_size=60),
    st.sets(st.text("ab\u00e9", min_size=1, max_size=3)),
)
def test_locate_is_words_filtered(text: str, wanted: set[str]) -> None:
    assert locate(text, wanted) == [t for t in words(text) if t.text in wanted]


@pytest.mark.parametrize(
    ("offset", "starts"),
    [(0, True), (4, False), (5, False), (7, True), (TEXT.index("ray"), False)],
)
def test_starts_word(offset: int, starts: bool) -> None:
    assert starts_word(TEXT, offset) is starts


def _split_forms_by_findall(
    text: str, regions: list[tuple[int, int]]
) -> tuple[list[str], list[str]]:
    """`split_forms` as it was: every word of the two sides by `WORD.findall`, in text order."""
    outside: list[str] = []
    inside: list[str] = []
    pos = 0
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if end <= start:
            continue
        start, end = _word_around(text, start)[0], _word_around(text, end)[1]
        if merged and start <= merged[-1][1]:
            merged[-1] = (min(merged[-1][0], start), max(merged[-1][1], end))
        else:
            merged.append((start, end))
    for start, end in merged:
        outside.append(text[pos:start])
        inside.append(text[start:end])
        pos = end
    outside.append(text[pos:])
    return WORD.findall(" ".join(outside)), WORD.findall(" ".join(inside))


# Letters (ASCII and not, a combining accent), joiners at the edges of words, digits,
# superscripts, ASCII and other punctuation, a lone surrogate, and the whitespace that
# `str.split` splits on (no-break, em, ideographic spaces, line and file separators).
_TOKEN_TEXT = st.text(
    alphabet="ab\u00e9\u03a9e\u0301 -'\u2019*\"._,1\u00b2\u207f\u201c\u2014\ud800\n\t\r"
    "\u00a0\u2003\u3000\u2028\x1c\x85",
    max_size=80,
)


@settings(max_examples=1000)
@given(_TOKEN_TEXT, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=5))
def test_split_forms_counts_what_findall_finds(text: str, regions: list[tuple[int, int]]) -> None:
    outside, inside = split_forms(text, regions)
    old_outside, old_inside = _split_forms_by_findall(text, regions)
    assert (list(outside.items()), list(inside.items())) == (
        list(Counter(old_outside).items()),
        list(Counter(old_inside).items()),
    )


@given(_TOKEN_TEXT, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=5))
def test_split_forms_add_up_to_every_word(text: str, regions: list[tuple[int, int]]) -> None:
    outside, inside = split_forms(text, regions)
    assert outside + inside == Counter(WORD.findall(text))


def test_split_forms_leaves_out_the_regions() -> None:
    text = 'She said "yu gonplei ste odon" and left, yu.'
    start = text.index("yu")
    outside, inside = split_forms(text, [(start, text.index('" and'))])
    assert outside == Counter({"She": 1, "said": 1, "and": 1, "left": 1, "yu": 1})
    assert inside == Counter({"yu": 1, "gonplei": 1, "ste": 1, "odon": 1})
