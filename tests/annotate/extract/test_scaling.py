"""Extraction time grows with the text, not with the square of a paragraph's length.

Measured as ratios in one process (doubling the story, and lines against one long line),
never against a wall-clock limit, so a slow machine passes and a quadratic step fails.
"""

from __future__ import annotations

import time

from annotate.extract.pipeline import extract_story
from annotate.extract.scoring import NoLexicon
from annotate.readers.text import parse_text

UNIT = (
    'Mira walked on through the rain. "Vesh tal oru," she said. The sand keeps. '
    "The halvetri (caravans) waited by the well while the fire burned down. "
)


def _seconds(units: int, separator: str) -> float:
    """The best of three CPU times of extracting `units` copies of UNIT."""
    story = parse_text(separator.join([UNIT] * units), "s.txt")
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        extract_story(story, NoLexicon())
        best = min(best, time.process_time() - start)
    return best


def test_a_one_line_story_doubled_takes_about_twice_as_long() -> None:
    _seconds(50, " ")  # word frequencies loaded before anything is timed
    small, large = _seconds(1500, " "), _seconds(3000, " ")
    assert large < 3 * small, (small, large)  # quadratic would be 4x


def test_one_long_line_costs_about_what_short_lines_cost() -> None:
    _seconds(50, " ")
    lines, one = _seconds(3000, "\n\n"), _seconds(3000, " ")
    assert one < 2 * lines, (lines, one)
