"""`inline`: the story with each glossed span followed by its translation in brackets.

Example: `whispers of Wanheda [Commander of Death].`
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from annotate.render.glosses import gloss
from annotate.render.model import Glossed, Options
from annotate.render.terminal import Piece, Style, each_story, emit, story_pieces
from annotate.spotting import Spot

SUFFIX = ".txt"


def bracket(spot: Spot) -> Piece:
    return (f" [{gloss(spot.entry)}]", Style.GLOSS)


def stream(items: Iterable[Glossed], options: Options) -> Iterator[str]:
    return each_story(items, options, _story)


def render(items: Sequence[Glossed], options: Options) -> str:
    return "".join(stream(items, options))


def _story(item: Glossed, options: Options) -> str:
    pieces = story_pieces(item.story, item.spots, bracket, color=options.color)
    return emit(pieces, color=options.color, width=options.width) + "\n"
