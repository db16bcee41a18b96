"""The cheap bounds extraction checks before the costly ones: each lets through every span
the costly check would take, so no finding depends on them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.extract.pipeline import (
    _BRACKET,
    _HALF_MARK,
    _HALVES,
    _bracketed,
    extract_story,
)
from annotate.extract.scoring import NoLexicon
from annotate.readers.text import parse_text

PIECES = ["Vesh", " ", "(", "[", "]", ")", "-", "|", "/", ":", "\u2013", "\u2014", "\n", "a"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)

NARRATION = (
    "The rain had not stopped for three days, and the camp was tired of it. "
    "Octavia said nothing for a long time while the fire burned down."
)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_a_bracket_is_found_by_the_plain_searches(text: str) -> None:
    assert _bracketed(text, 0, len(text)) == bool(_BRACKET.search(text))


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_two_halves_have_a_mark_between_them(text: str) -> None:
    assert not _HALVES.search(text) or _HALF_MARK.search(text)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # the foreign words stand in a later sentence of the quotation, not the first
        ('"Yes. I know. Vash tem orrukal." (We ride at dawn.)', "Vash tem orrukal"),
        ("Veshan Orrukal | Into the Dawn", "Veshan Orrukal"),  # halves, a mark between
        ("She sang vash tem orrukal (we ride at dawn) softly.", "vash tem orrukal"),
    ],
)
def test_spans_past_the_bounds_are_found(text: str, term: str) -> None:
    story = parse_text(f"{NARRATION}\n\n{text}\n", "s.txt")
    assert term in {f.term for f in extract_story(story, NoLexicon())}


def test_english_dialogue_gives_nothing() -> None:
    text = '"Yes. I know that. We ride at dawn," she said (quietly).'
    story = parse_text(f"{NARRATION}\n\n{text}\n", "s.txt")
    assert extract_story(story, NoLexicon()) == []
