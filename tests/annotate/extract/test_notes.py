"""A footnote that starts with its own term: `lead_in` matches what `pattern` matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotate.extract.notes import HEADER, _headings, lead_in, pattern

PIECES = ["H", "h", "eda", "EDA", "*", "_", '"', "\u201c", "\u201d", " ", "-", "means", ":"]
PIECES += ["\u017f", "s", "S", "\u0130", "i", "\u212a", "k"]  # letters with odd case rules
TEXT = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)


def by_pattern(body: str, term: str) -> int:
    m = re.match(pattern(term), body, re.IGNORECASE)
    return m.end() if m else 0


@pytest.mark.parametrize(
    ("body", "term", "gloss"),
    [
        ('"Heda" - Commander', "Heda", "Commander"),
        ("heda means Commander", "Heda", "Commander"),
        ("Commander, the Heda", "Heda", "Commander, the Heda"),
        ("Hedas - Commanders", "Heda", "Hedas - Commanders"),
        ("\u017fisen: silence", "sisen", "silence"),  # a long s is an s to `re`
    ],
)
def test_lead_in(body: str, term: str, gloss: str) -> None:
    assert body[lead_in(body, term) :] == gloss
    assert lead_in(body, term) == by_pattern(body, term)


@settings(max_examples=1000, deadline=None)
@given(TEXT, TEXT.filter(bool), TEXT, TEXT)
def test_lead_in_is_the_pattern(lead: str, term: str, written: str, rest: str) -> None:
    for body in (lead + term + rest, lead + written + rest):
        assert lead_in(body, term) == by_pattern(body, term)


HEADING_PIECES = ["Trig", "glossary", "Words", "terms", "translation", "s", "x", "'", "*", "_"]
HEADING_PIECES += ["#", ":", " ", "\t", "\n", "\n\n", "\u00a0", "Heda - Commander"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(HEADING_PIECES), max_size=16).map("".join))
@example("Trig\ntranslations\nwords:\nHeda - Commander")  # a heading over two lines
def test_headings_are_the_pattern_s(text: str) -> None:
    assert _headings(text) == tuple(m.span() for m in HEADER.finditer(text))
