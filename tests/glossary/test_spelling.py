"""How spellings compare: each key of `glossary.spelling` by a table; the quick ASCII road of
`fold` folds exactly as the full Unicode one."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary.spelling import caseless, compact, fold, solid, squash


def slow_fold(text: str) -> str:
    """The definition: decompose, drop accents, casefold, drop apostrophes, one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub("['\u2018\u2019`\u00b4]", "", text.casefold())
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@given(st.text())
def test_fold_is_the_definition(text: str) -> None:
    assert fold(text) == slow_fold(text)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_ascii_is_the_definition(text: str) -> None:
    assert fold(text) == slow_fold(text)


@pytest.mark.parametrize(
    ("text", "folded", "squashed"),
    [
        ("Wanheddaa!", "wanheddaa", "wanheda"),
        ("  Sky-Kru ", "sky kru", "sky kru"),
        ("Trigedasleng\u2019s", "trigedaslengs", "trigedaslengs"),
        ("Ca\u0301fe\u0301  STRASSE", "cafe strasse", "cafe strase"),
        ("Stra\u00dfe", "strasse", "strase"),
        ("\u0130stanbul", "istanbul", "istanbul"),
        ("--", "", ""),
    ],
)
def test_examples(text: str, folded: str, squashed: str) -> None:
    assert (fold(text), squash(text)) == (folded, squashed)


@pytest.mark.parametrize(
    ("text", "compacted", "solidified"),
    [
        ("Wanheddaa", "wanheda", "wanheda"),
        ("Sky-Kru", "skykru", "skykru"),
        ("yu  gonplei\tste odon", "yugonpleisteodon", "yugonpleisteodon"),
        ("Ai\u2019m", "aim", "aim"),
        ("veshka ashen", "veshkaashen", "veshkashen"),  # a run across words: `solid` only
        ("Vash tem orru", "vashtemoru", "vashtemoru"),
        ("?!", "", ""),
        ("", "", ""),
    ],
)
def test_compact_and_solid(text: str, compacted: str, solidified: str) -> None:
    assert (compact(text), solid(text)) == (compacted, solidified)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Veshka", "veshka"),
        ("  VESH   ka ", "vesh ka"),
        ("Vesh-ka", "vesh-ka"),  # punctuation and accents count here
        ("V\u00e9shka", "v\u00e9shka"),
        ("veshkaa", "veshkaa"),
    ],
)
def test_caseless(text: str, key: str) -> None:
    assert caseless(text) == key
