"""`inline`: the story with each glossed span followed by its translation in brackets.

Example: `whispers of Wanheda [Commander of Death].`
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from annotate.render.choice import Shown, chosen
from annotate.render.glosses import gloss
from annotate.render.model import Glossed, Options, Rendered, each
from annotate.render.terminal import Piece, Style, each_story, emit, story_pieces
from annotate.spotting import Spot

SUFFIX = ".txt"


def bracket(spot: Spot) -> Piece:
    return (f" [{gloss(spot.entry)}]", Style.GLOSS)


def joined(texts: Iterable[Rendered], options: Options) -> Iterator[str]:
    return each_story(texts, options)


def render(items: Sequence[Glossed], options: Options) -> str:
    return "".join(joined(each(items, options, one), options))


def one(item: Glossed, options: Options) -> str:
    """One story on its own: a gloss where a reader needs one (`choice`)."""
    shown = chosen(item.story, item.spots, every=options.every, memo=options.memo)

    def after(spot: Spot) -> Piece | None:
        return bracket(spot) if shown[id(spot)] == Shown.gloss else None

    pieces = story_pieces(item.story, item.spots, after, color=options.color)
    return emit(pieces, color=options.color, width=options.width) + "\n"
