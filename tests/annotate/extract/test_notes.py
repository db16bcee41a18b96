"""Notes: the headings of an author's glossary, and a footnote that starts with its own term
(`lead_in` matches what `pattern` matches)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.extract.notes import _headings, heading, lead_in, pattern

HEADING_PIECES = ["Glossary", "words", "Vesh", ":", " ", "\n", "*", "x", "translations"]
HEADING_TEXT = st.lists(st.sampled_from(HEADING_PIECES), max_size=8).map("".join)
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


@pytest.mark.parametrize(
    ("text", "languages", "headings"),
    [
        ("Translations:\nVesh - walk", (), ["Translations:"]),
        ("**Vesh-tal glossary:**\nvesh - walk", (), ["**Vesh-tal glossary:**"]),
        ("Our words\nvesh - walk", (), ["Our words"]),
        ("Vesh:\nvesh - walk", (), []),  # a language's name heads a block only as its data
        ("Vesh:\nvesh - walk", ("Vesh",), ["Vesh:"]),
        ("vesh translations:\nvesh - walk", ("Vesh",), ["vesh translations:"]),
        ("She said the words: all of them.", (), []),
    ],
)
def test_heading(text: str, languages: tuple[str, ...], headings: list[str]) -> None:
    assert [m.group() for m in heading(languages).finditer(text)] == headings


@pytest.mark.parametrize(
    "text",
    [
        "Glossary:\nvesh - walk\n\nWords:\norru - dawn",  # one at the start, one after a break
        "She rode.\nGlossary\nVesh:\n",
        "\n\nGlossary\n",
        "No heading at all.",
        "",
    ],
)
def test_headings_are_the_pattern(text: str) -> None:
    for languages in ((), ("Vesh",)):
        spans = tuple(m.span() for m in heading(languages).finditer(text))
        assert _headings(text, languages) == spans


@settings(max_examples=500, deadline=None)
@given(HEADING_TEXT)
def test_headings_found_after_breaks_are_the_pattern(text: str) -> None:
    spans = tuple(m.span() for m in heading(("Vesh",)).finditer(text))
    assert _headings(text, ("Vesh",)) == spans
