"""`inline`: the story with each glossed span followed by its translation in brackets.

Example: `whispers of Wanheda [Commander of Death].`
"""

from __future__ import annotations

from collections.abc import Sequence

from annotate.render.glosses import gloss
from annotate.render.model import Glossed, Options
from annotate.render.terminal import Piece, Style, emit, heading, story_pieces
from annotate.spotting import Spot

SUFFIX = ".txt"


def bracket(spot: Spot) -> Piece:
    return (f" [{gloss(spot.entry)}]", Style.GLOSS)


def render(items: Sequence[Glossed], options: Options) -> str:
    parts = []
    for item in items:
        pieces = story_pieces(item.story, item.spots, bracket, color=options.color)
        text = emit(pieces, color=options.color, width=options.width)
        if len(items) > 1:
            text = f"{heading(item.story.path, options.color)}\n{text}"
        parts.append(text + "\n")
    return "\n".join(parts)
