"""`footnotes`: a numbered marker after each glossed span, the glossary of what was used after
the story.

Example: `whispers of Wanheda[1].` ... `[1] Wanheda: Commander of Death`
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from annotate.render.choice import Shown, chosen
from annotate.render.glosses import used
from annotate.render.model import Glossed, Options, Rendered, each
from annotate.render.terminal import Piece, Style, each_story, emit, paint, story_pieces
from annotate.spotting import Spot

SUFFIX = ".txt"
RULE = "-" * 20


def joined(texts: Iterable[Rendered], options: Options) -> Iterator[str]:
    return each_story(texts, options)


def render(items: Sequence[Glossed], options: Options) -> str:
    return "".join(joined(each(items, options, one), options))


def one(item: Glossed, options: Options) -> str:
    """One story on its own."""
    entries = used(item.story, item.spots)
    number = {id(u.entry): u.number for u in entries}
    shown = chosen(item.story, item.spots, every=options.every, memo=options.memo)

    def marker(spot: Spot) -> Piece | None:
        if shown[id(spot)] != Shown.gloss:
            return None
        return (f"[{number[id(spot.entry)]}]", Style.MARK)

    pieces = story_pieces(item.story, item.spots, marker, color=options.color)
    lines = [emit(pieces, color=options.color, width=options.width)]
    if entries:
        lines += ["", RULE]
        for u in entries:
            also = f" (as {', '.join(u.others)})" if u.others else ""
            mark = paint(f"[{u.number}]", Style.MARK, options.color) if u.number else "-"
            lines.append(f"{mark} {u.entry.term}{also}: {u.said}")
    return "\n".join(lines) + "\n"
