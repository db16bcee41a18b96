"""What every renderer takes: stories with their spots, and how to lay them out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from annotate.spotting import Spot
from annotate.story import Story
from glossary.models import Entry


@dataclass(frozen=True)
class Glossed:
    """A story and the spans of it to gloss (from `Spotter.spot`)."""

    story: Story
    spots: list[Spot]


def _no_words(word: str) -> Entry | None:
    return None


def _nothing_learned(word: str) -> str | None:
    return None


@dataclass(frozen=True)
class Options:
    """Layout choices the command makes from the terminal and the flags.

    Example: Options(color=True, width=100)
    """

    color: bool = False  # ANSI styles (inline, footnotes, interlinear)
    width: int | None = None  # wrap lines to this many columns; None keeps the story's lines
    # The single-word entry a word belongs to, for word-by-word glosses (interlinear).
    word: Callable[[str], Entry | None] = field(default=_no_words)
    # A gloss learned from the glossary's phrases for a word no entry covers (interlinear).
    learned: Callable[[str], str | None] = field(default=_nothing_learned)
