"""Names and clans: `koms` and `said` find what their patterns find, looking only around
`kom` and the verbs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.extract.names import BEFORE, KOM, koms, said

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


def said_by_pattern(text: str) -> list[str]:
    return [
        m.group(1)
        for m in BEFORE.finditer(text)
        if not (m.start() and re.match(r"\w", text[m.start() - 1]))
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Yes, said Lexa. Then told Anya.", ["Lexa", "Anya"]),
        ("unsaid Lexa", []),
        ("said X-said Lexa", ["X-said"]),  # one match goes on to the end of the name
        ("said lexa", []),
    ],
)
def test_said(text: str, names: list[str]) -> None:
    assert [m.group(1) for m in said(text)] == names == said_by_pattern(text)


SAID = ["said", "told", "asked", " ", "\n", "Le", "x", "-", "un", "d", "A", "."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SAID), max_size=14).map("".join))
def test_said_is_the_pattern_found_from_its_last_letter(text: str) -> None:
    assert [m.group(1) for m in said(text)] == said_by_pattern(text)
