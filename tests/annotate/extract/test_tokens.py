"""Tokens found without tokenising everything: `locate`, `split_forms`, `starts_word`."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.extract.tokens import WORD, locate, split_forms, starts_word, words

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


@given(
    st.text(alphabet="ab -'*\"\u00e9.\n", max_size=80),
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=5),
)
def test_split_forms_add_up_to_every_word(text: str, regions: list[tuple[int, int]]) -> None:
    outside, inside = split_forms(text, regions)
    assert Counter(outside) + Counter(inside) == Counter(WORD.findall(text))


def test_split_forms_leaves_out_the_regions() -> None:
    text = 'She said "yu gonplei ste odon" and left.'
    start = text.index("yu")
    outside, inside = split_forms(text, [(start, text.index('" and'))])
    assert (outside, inside) == (["She", "said", "and", "left"], ["yu", "gonplei", "ste", "odon"])
