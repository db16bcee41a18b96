"""Names and clans: `koms` finds what the `KOM` pattern finds, looking only around `kom`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.extract.names import KOM, koms

PIECES = ["A", "Kr", "a", "-", "_", " ", " kom ", "kom", "1", "\u00e9", "\u00c9", "."]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Anya kom Trikru nodded.", ["Anya kom Trikru"]),
        ("Anya kom Trikru kom Azgeda", ["Anya kom Trikru"]),  # no name before the second
        ("anya kom Trikru", []),
        ("Anya kom trikru", []),
        ("x-Anya kom Trikru", ["Anya kom Trikru"]),
        ("xAnya kom Trikru, Ontari kom Azgeda", ["Ontari kom Azgeda"]),
    ],
)
def test_koms(text: str, found: list[str]) -> None:
    spans = koms(text)
    assert [m.group() for m in KOM.finditer(text)] == found
    assert spans == [m.span(2) for m in KOM.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_koms_is_the_pattern_found_around_kom(text: str) -> None:
    assert koms(text) == [m.span(2) for m in KOM.finditer(text)]
