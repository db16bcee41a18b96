"""Translations beside a span: who the story says translates, found by plain searches that
find what the regex finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.extract.translations import _INTERPRETED_IN_TEXT, _interpreting

PIECES = ["translat", "TRANSLAT", "ed", "interpret", "explain", "suppl", "y", "ied", "ies"]
PIECES += [" ", "-", "_", "2", "re", "\u201c", "\n"]
PIECES += ["\u017f", "\u0130", "\u0131", "\u212a"]  # letters with odd case rules
TEXT = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


def by_regex(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _INTERPRETED_IN_TEXT.finditer(text)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('"Vash tem," the scout translated.', ["translated"]),
        (
            "She Interprets; he EXPLAINED it, supplied the rest.",
            ["Interprets", "EXPLAINED", "supplied"],
        ),
        ("retranslated, re-translated, 2translate, supplies", ["translated"]),
        ("Nobody translates here but the \u0130nterpreter", ["translates"]),  # regex path
        ("tran\u017flated", ["tran\u017flated"]),  # a long s is an s to `re`
        ("", []),
    ],
)
def test_interpreting(text: str, words: list[str]) -> None:
    assert [text[s:e] for s, e in _interpreting(text)] == words
    assert _interpreting(text) == by_regex(text)


@settings(max_examples=1000, deadline=None)
@given(TEXT)
def test_interpreting_is_the_regex(text: str) -> None:
    assert _interpreting(text) == by_regex(text)
