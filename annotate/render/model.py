"""What every renderer takes: stories with their spots, and how to lay them out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from annotate.render.memo import PerEntry
from annotate.spotting import Spot
from annotate.story import Story
from glossary.models import Entry


@dataclass(frozen=True)
class Glossed:
    """A story and the spans of it to gloss (from `Spotter.spot`)."""

    story: Story
    spots: list[Spot]


class Rendered(NamedTuple):
    """One story in an output format, on its own: made where the story was read (a worker
    process), so that only this text crosses back, and joined to the others by `joined`."""

    path: str
    text: str


def _no_words(word: str) -> Entry | None:
    return None


def _nothing_learned(word: str) -> str | None:
    return None


def _no_lexicon(word: str) -> str | None:
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
    # The gloss the bundled lexicon of the glossary's language gives a word (interlinear).
    lexicon: Callable[[str], str | None] = field(default=_no_lexicon)
    # Gloss every occurrence, not only the first in each scene and after a long gap.
    every: bool = False
    # ao3: only the Translations block for the chapter's end notes.
    notes_only: bool = False
    # What is worked out from each entry, once for all the stories rendered with these options.
    memo: PerEntry = field(default_factory=PerEntry, compare=False, repr=False)


def each(
    items: Iterable[Glossed], options: Options, one: Callable[[Glossed, Options], str]
) -> Iterator[Rendered]:
    """Each story rendered on its own by `one`, as it comes."""
    return (Rendered(item.story.path, one(item, options)) for item in items)
