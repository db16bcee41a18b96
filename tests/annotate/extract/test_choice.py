"""The story-wide choice: one translation per span, each stretch of text one span's only."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from annotate.extract.choice import choose


class Option(NamedTuple):
    start: int
    end: int
    confidence: float


A = Option(10, 20, 0.9)  # the best-rated proposal
B = Option(10, 20, 0.7)  # the same text, rated lower for another span
C = Option(15, 30, 0.8)  # overlaps A
D = Option(40, 50, 0.6)


@pytest.mark.parametrize(
    ("options", "chosen"),
    [
        ([[A]], [A]),
        ([[]], [None]),
        ([[A], [B]], [A, None]),  # one text, two spans: the better-rated pair wins
        ([[B], [A]], [None, A]),
        ([[A], [B, D]], [A, D]),  # the loser falls back to its next best
        ([[C, A]], [A]),  # a span keeps its best
        ([[A], [C]], [A, None]),  # an overlapping stretch is taken too
        ([[D], [D]], [D, None]),  # a tie: the earlier span
    ],
)
def test_choose(options: list[list[Option]], chosen: list[Option | None]) -> None:
    assert choose(options, 60) == chosen
