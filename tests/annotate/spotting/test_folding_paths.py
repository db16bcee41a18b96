"""Folding's fast paths against plain loops: squash without DELETE in the text, the
positions of squashed bytes (which skip the search when they land on a kept byte), and the
keys of many spellings squashed at once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotate.spotting.folding import DELETE, fold, keys, positions, squash

# Folded bytes: never 0; a few letters and spaces so that runs are common, DELETE sometimes.
FOLDED = st.lists(st.sampled_from(b"ab  \xfe"), max_size=40).map(bytes)
FOLDED_WITH_DELETE = st.lists(st.sampled_from(b"ab \xff"), max_size=40).map(bytes)


def slow_squash(folded: bytes) -> tuple[bytes, bytes]:
    """Each byte kept unless it is DELETE or repeats the byte before it."""
    kept = [i == 0 or byte != folded[i - 1] for i, byte in enumerate(folded)]
    kept = [k and byte != DELETE for k, byte in zip(kept, folded, strict=True)]
    squashed = bytes(byte for k, byte in zip(kept, folded, strict=True) if k)
    return squashed, bytes(0 if k else DELETE for k in kept)


@given(st.one_of(FOLDED, FOLDED_WITH_DELETE))
def test_squash_is_the_plain_loop(folded: bytes) -> None:
    assert squash(folded) == slow_squash(folded)


@given(st.one_of(FOLDED, FOLDED_WITH_DELETE), st.data())
def test_positions_are_those_of_the_kept_bytes(folded: bytes, data: st.DataObject) -> None:
    squashed, mask = squash(folded)
    kept = [i for i, byte in enumerate(mask) if byte == 0]
    targets = sorted(data.draw(st.lists(st.integers(0, max(len(squashed) - 1, 0)))))
    if not squashed:
        targets = []
    assert positions(mask, targets) == [kept[t] for t in targets]


# Spellings as glossaries hold them: runs, spaces and punctuation at the ends, accents and
# combining marks, letters with no ASCII fold, control characters, and empty ones.
SPELLINGS = st.lists(
    st.text(st.sampled_from("aAb \u00e9e\u0301\u00df-.\x01\n"), max_size=8), max_size=12
)


@given(SPELLINGS)
def test_keys_at_once_are_each_spellings_own(spellings: list[str]) -> None:
    assert keys(spellings) == [squash(fold(s))[0].strip(b" ") for s in spellings]
