"""Names and clans: a language's joiners between a name and a group, and `said` finding what
its pattern finds, looking only around the verbs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.extract.names import BEFORE, _joined, joined, said


@pytest.mark.parametrize(
    ("text", "joiners", "found"),
    [
        ("Tavi ven Ulkru nodded.", ("ven",), ["ven"]),
        ("Tavi ven Ulkru ven Azkru", ("ven",), ["ven"]),  # no name before the second
        ("tavi ven Ulkru", ("ven",), []),
        ("Tavi ven ulkru", ("ven",), []),
        ("x-Tavi ven Ulkru", ("ven",), ["ven"]),
        ("xTavi ven Ulkru", ("ven",), []),  # the name starts inside a word
        ("Tavi ven Mira ven Ulkru", ("ven",), ["ven"]),  # Mira is the first's group
        ("Tavi ven Ulkru, Mira sha Azkru", ("ven", "sha"), ["ven", "sha"]),
        ("Tavi ven Ulkru", (), []),  # a language without joiners
        ("Tavi ven Ulkru", ("sha",), []),
    ],
)
def test_joined(text: str, joiners: tuple[str, ...], found: list[str]) -> None:
    assert [text[start:end] for start, end in joined(text, joiners)] == found
    assert joined(text, joiners) == joined_by_pattern(text, joiners)


def joined_by_pattern(text: str, joiners: tuple[str, ...]) -> list[tuple[int, int]]:
    pattern = _joined(joiners)
    return [m.span(2) for m in pattern.finditer(text)] if pattern else []


JOINED = ["Tavi", "ven", "sha", "ven sha", " ", "-", "x", "Ulkru", "A", "\n", "\u00c9", "_", "1"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(JOINED), max_size=12).map("".join))
def test_joined_is_the_pattern_found_from_its_joiners(text: str) -> None:
    for joiners in (("ven",), ("ven", "sha"), ("sha", "ven sha")):
        assert joined(text, joiners) == joined_by_pattern(text, joiners)


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
