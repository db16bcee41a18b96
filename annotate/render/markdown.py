"""`markdown`: the story as Markdown, each glossed span in bold with its gloss after it, and a
glossary table of what was used at the end.

Story text is escaped, so nothing a story says turns into markup or a link; italics become
`*...*`, lines inside a paragraph hard breaks.

Example: `whispers of **Wanheda** _(Commander of Death)_.`
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from annotate.render.choice import Shown, chosen
from annotate.render.glosses import gloss, title, used
from annotate.render.model import Glossed, Options, Rendered, each
from annotate.render.runs import blocks, grouped, runs
from annotate.story import Part

SUFFIX = ".md"
# Every character that can start markup; `(` and `!` only matter next to an (escaped) `[`.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-=+])", re.MULTILINE)


def escape(text: str) -> str:
    """Text that Markdown shows as it is: punctuation escaped, list and heading starts too."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: _unlist(m), text)


def _unlist(match: re.Match[str]) -> str:
    if match.group(2) is not None:
        return f"{match.group(1)}{match.group(2)}\\{match.group(3)}"
    return f"{match.group(4)}\\{match.group(5)}"


def _inline(item: Glossed, start: int, end: int, shown: dict[int, Shown]) -> str:
    text = item.story.text
    out: list[str] = []
    for spot, group in grouped(runs(item.story, item.spots, start, end)):
        pieces = []
        for run in group:
            piece = escape(text[run.start : run.end])
            # Emphasis must hug its text: spaces stay outside the markers.
            body = piece.strip()
            if run.italic and body:
                lead, trail = (
                    piece[: len(piece) - len(piece.lstrip())],
                    piece[len(piece.rstrip()) :],
                )
                piece = f"{lead}*{body}*{trail}"
            pieces.append(piece)
        joined = "".join(pieces)
        if spot is not None and shown[id(spot)] == Shown.gloss:
            joined = f"**{joined}** _({escape(gloss(spot.entry))})_"
        out.append(joined)
    return "".join(out)


def _paragraph(item: Glossed, start: int, end: int, shown: dict[int, Shown]) -> str:
    lines = [line.strip() for line in _inline(item, start, end, shown).split("\n")]
    return "\\\n".join(line for line in lines if line)


def _table(item: Glossed) -> list[str]:
    entries = used(item.story, item.spots)
    if not entries:
        return []
    rows = ["## Glossary", "", "| Term | Translation | As written |", "| --- | --- | --- |"]
    for u in entries:
        cells = [u.entry.term, u.said, ", ".join(u.others)]
        rows.append("| " + " | ".join(escape(c).replace("\n", " ") for c in cells) + " |")
    return ["", *rows]


def one(item: Glossed, options: Options) -> str:
    """One story on its own."""
    story = item.story
    out = [f"# {escape(title(story))}"]
    shown = chosen(story, item.spots, every=options.every, memo=options.memo)
    for block in blocks(story):
        body = _paragraph(item, block.start, block.end, shown)
        if not body:
            continue
        if block.part == Part.title:
            continue  # it is the heading already
        if block.part == Part.chapter_title:
            body = "## " + body.replace("\\\n", " ")
        out += ["", body]
    out += _table(item)
    return "\n".join(out) + "\n"


def joined(texts: Iterable[Rendered], options: Options) -> Iterator[str]:
    for count, item in enumerate(texts):
        yield ("\n---\n\n" if count else "") + item.text


def render(items: Sequence[Glossed], options: Options) -> str:
    return "".join(joined(each(items, options, one), options))
