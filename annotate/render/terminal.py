"""Styled text for a terminal: pieces with a style, wrapped without breaking a gloss.

The plain formats (inline, footnotes, interlinear) build a list of pieces; this module turns
them into lines, wrapping at spaces of the story only (never inside a gloss or a marker), and
adds ANSI styles when colour is on.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from enum import IntFlag

from annotate.render.model import Options, Rendered
from annotate.render.runs import runs
from annotate.spotting import Spot
from annotate.story import Story


class Style(IntFlag):
    PLAIN = 0
    TERM = 1  # a glossed word of the story
    GLOSS = 2  # what we add: never broken across lines
    ITALIC = 4
    MARK = 8  # a footnote marker: never broken either


Piece = tuple[str, Style]
_UNBREAKABLE = Style.GLOSS | Style.MARK
_ANSI = {Style.TERM: "1", Style.GLOSS: "36", Style.ITALIC: "3", Style.MARK: "36"}


def story_pieces(
    story: Story,
    spots: list[Spot],
    after: Callable[[Spot], Piece | None],
    *,
    color: bool,
    start: int = 0,
    end: int | None = None,
) -> list[Piece]:
    """The story's text as pieces; `after(spot)` is added where a spot ends.

    Italics are an ANSI style with colour, and `*x*` markers (as the text reader reads them)
    without: italics often carry meaning in these stories (the translation, a flashback).
    """
    end = len(story.text) if end is None else end
    pieces: list[Piece] = []
    found = runs(story, spots, start, end)
    for k, run in enumerate(found):
        style = (Style.TERM if run.spot else Style.PLAIN) | (Style.ITALIC if run.italic else 0)
        if not color:
            if run.italic and (k == 0 or not found[k - 1].italic):
                pieces.append(("*", Style.PLAIN))
            style &= ~Style.ITALIC
        pieces.append((story.text[run.start : run.end], style))
        closes = run.italic and (k + 1 == len(found) or not found[k + 1].italic)
        if closes and not color:
            pieces.append(("*", Style.PLAIN))
        if run.spot is not None and run.end == run.spot.end:
            extra = after(run.spot)
            if extra is not None:
                pieces.append(extra)
    return pieces


def width_of(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def lines_of(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces cut at the story's newlines."""
    lines: list[list[Piece]] = [[]]
    for text, style in pieces:
        first, *rest = text.split("\n")
        if first:
            lines[-1].append((first, style))
        for part in rest:
            lines.append([(part, style)] if part else [])
    return lines


def wrap(line: list[Piece], width: int) -> list[list[Piece]]:
    """Greedy wrapping at spaces of the story text; a word and its gloss stay together."""
    words: list[list[Piece]] = [[]]
    for text, style in line:
        if style & _UNBREAKABLE:
            words[-1].append((text, style))
            continue
        first, *rest = text.split(" ")
        if first:
            words[-1].append((first, style))
        for part in rest:
            words.append([(part, style)] if part else [])
    rows: list[list[Piece]] = []
    row: list[Piece] = []
    used = 0
    for word in (w for w in words if w):
        size = sum(width_of(t) for t, _ in word)
        if row and used + 1 + size > width:
            rows.append(row)
            row, used = [], 0
        if row:
            row.append((" ", Style.PLAIN))
            used += 1
        row.extend(word)
        used += size
    rows.append(row)
    return rows


def paint(text: str, style: Style, color: bool) -> str:
    if not color or not style:
        return text
    codes = ";".join(code for flag, code in _ANSI.items() if style & flag)
    return f"\x1b[{codes}m{text}\x1b[0m"


def emit(pieces: list[Piece], *, color: bool, width: int | None) -> str:
    """The text of the pieces: wrapped to `width` (when set), styled when `color`."""
    out: list[str] = []
    for line in lines_of(pieces):
        rows = wrap(line, width) if width and line else [line]
        for row in rows:
            out.append("".join(paint(t, s, color) for t, s in row))
    return "\n".join(out)


def each_story(texts: Iterable[Rendered], options: Options) -> Iterator[str]:
    """Every story as it comes, each under a heading when there are several: the first is
    held until a second shows there are."""
    held: Rendered | None = None
    for count, item in enumerate(texts, 1):
        if count == 1:
            held = item
            continue
        if held is not None:
            yield _headed(held, options.color)
            held = None
        yield "\n" + _headed(item, options.color)
    if held is not None:
        yield held.text


def _headed(item: Rendered, color: bool) -> str:
    return f"{heading(item.path, color)}\n{item.text}"


def heading(path: str, color: bool) -> str:
    """The line before each story when several are printed (as `head` does)."""
    return paint(f"==> {path} <==", Style.TERM, color)
