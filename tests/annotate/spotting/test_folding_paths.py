"""Folding against plain loops: squash (with and without DELETE in the text, and where the
bytes kept stand), and the keys of many spellings squashed at once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.spotting.folding import DELETE, fold, keys, squash

# Folded bytes: never 0; a few letters and spaces so that runs are common, DELETE sometimes.
FOLDED = st.lists(st.sampled_from(b"ab  \xfe"), max_size=40).map(bytes)
FOLDED_WITH_DELETE = st.lists(st.sampled_from(b"ab \xff"), max_size=40).map(bytes)


def slow_squash(folded: bytes) -> tuple[bytes, list[int]]:
    """Each byte kept unless it is DELETE or repeats the byte before it."""
    kept = [i == 0 or byte != folded[i - 1] for i, byte in enumerate(folded)]
    kept = [k and byte != DELETE for k, byte in zip(kept, folded, strict=True)]
    squashed = bytes(byte for k, byte in zip(kept, folded, strict=True) if k)
    return squashed, [i for i, k in enumerate(kept) if k]


@given(st.one_of(FOLDED, FOLDED_WITH_DELETE))
def test_squash_is_the_plain_loop(folded: bytes) -> None:
    squashed, where = squash(folded)
    assert (squashed, where.tolist()) == slow_squash(folded)


@pytest.mark.parametrize(
    ("folded", "squashed", "where"),
    [
        (b"", b"", []),
        (b"heddaa", b"heda", [0, 1, 2, 4]),  # a run stands at its first byte
        (b" a   b ", b" a b ", [0, 1, 2, 5, 6]),  # `, ` folds to spaces
        (b"a\xffa", b"aa", [0, 2]),  # a dropped mark between two letters leaves both
    ],
)
def test_squash_examples(folded: bytes, squashed: bytes, where: list[int]) -> None:
    got, at = squash(folded)
    assert (got, at.tolist()) == (squashed, where)


# Spellings as glossaries hold them: runs, spaces and punctuation at the ends, accents and
# combining marks, letters with no ASCII fold, control characters, and empty ones.
SPELLINGS = st.lists(
    st.text(st.sampled_from("aAb \u00e9e\u0301\u00df-.\x01\n"), max_size=8), max_size=12
)


@given(SPELLINGS)
def test_keys_at_once_are_each_spellings_own(spellings: list[str]) -> None:
    assert keys(spellings) == [squash(fold(s))[0].strip(b" ") for s in spellings]
