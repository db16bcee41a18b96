"""`ao3`: HTML to paste into AO3's "Rich Text / HTML" editor, and a Translations block for the
chapter's end notes (`notes_only`: that block alone).

Each conlang phrase with a translation carries it as hover text (`<span title="...">`, which
AO3 keeps); italics stay `<em>`, line breaks `<br />`. Only tags and attributes AO3's HTML
sanitiser keeps are written (`ALLOWED`): no `style`, `class` or script. A writer's own hover
spans are kept as they are and never get a second one; a term the writer's notes already
translate (a Translations block of their own, gloss's from an earlier run) is not listed again.

Example: `<p>whispers of <span title="Commander of Death">Wanheda</span>.</p>`
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from typing import TypeVar

from annotate.render.glosses import gloss
from annotate.render.model import Glossed, Options, Rendered, each
from annotate.render.own import Own
from annotate.render.runs import Block, blocks
from annotate.spotting import Spot
from annotate.story import NOTE_PARTS, Hover, Part, Span, Story

SUFFIX = ".html"
HEADING = "Translations"
# The tags AO3's HTML FAQ lists as allowed, and the attributes gloss writes on them.
_TAGS = """a abbr acronym address b big blockquote br caption center cite code col colgroup dd del
dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li ol p pre q s samp small span strike strong
sub sup table tbody td tfoot th thead tr tt u ul var"""
ALLOWED = frozenset(_TAGS.split())
ALLOWED_ATTRIBUTES = frozenset({"title", "href", "alt", "src", "name", "lang", "dir"})
# A writer's own block of translations starts with a paragraph that says so.
_NOTES_HEADING = re.compile(r"\s*(?:translations?|translation notes|glossary)\s*:?\s*", re.I)


def joined(texts: Iterable[Rendered], options: Options) -> Iterator[str]:
    """Each story as it comes; several are told apart by an HTML comment naming the file."""
    items = iter(texts)
    first = next(items, None)
    if first is None:
        return
    second = next(items, None)
    if second is None:
        yield first.text
        return
    for item in itertools.chain((first, second), items):
        yield f"<!-- {_comment(item.path)} -->\n{item.text}"


def render(items: Sequence[Glossed], options: Options) -> str:
    return "".join(joined(each(items, options, one), options))


def one(item: Glossed, options: Options) -> str:
    """One chapter: its text with hover glosses, then the Translations block (or that alone)."""
    story = item.story
    spots = [s for s in item.spots if gloss(s.entry)]
    notes = translations(story, spots)
    if options.notes_only:
        return notes
    # the writer's own block of translations is kept as it is: no hover inside it
    hovered = [s for s in spots if s.start < _notes_blocks_start(story)]
    body = [_block(story, hovered, block) for block in blocks(story)]
    if notes:
        body += ["<!-- End notes: paste what follows into the chapter's end notes -->", notes]
    return "\n".join(b for b in body if b).rstrip("\n") + "\n"


def translations(story: Story, spots: list[Spot]) -> str:
    """The Translations block: each entry glossed in the chapter once, in order of first
    use, but for those the writer's own notes or hover text already translate."""
    done = _translated_by_writer(story, spots)
    lines: list[str] = []
    seen: set[int] = set()
    for spot in spots:
        key = id(spot.entry)
        if key in seen or key in done:
            continue
        seen.add(key)
        lines.append(f"<li><em>{_text(spot.entry.term)}</em>: {_text(gloss(spot.entry))}</li>")
    if not lines:
        return ""
    return "\n".join([f"<p><strong>{HEADING}</strong></p>", "<ul>", *lines, "</ul>"]) + "\n"


def _translated_by_writer(story: Story, spots: list[Spot]) -> set[int]:
    """The entries (by id) the writer translates in notes or a block of their own, or hovers
    wherever they are used."""
    own = Own(story.text)
    after = _notes_blocks_start(story)
    done: set[int] = set()
    hovered: dict[int, bool] = {}
    for spot in spots:
        key = id(spot.entry)
        section = story.part_at(spot.start)
        in_notes = (section is not None and section.part in NOTE_PARTS) or spot.start >= after
        if in_notes and own.translated_here(spot):
            done.add(key)
        covered = _hover_over(story.hovers, spot) is not None
        hovered[key] = hovered.get(key, True) and covered
    return done | {key for key, covered in hovered.items() if covered}


def _notes_blocks_start(story: Story) -> int:
    """Where a paragraph that heads a block of translations begins (`Translations:`); the
    text's end when there is none."""
    for block in blocks(story):
        if _NOTES_HEADING.fullmatch(story.text[block.start : block.end]):
            return block.start
    return len(story.text) + 1


def _block(story: Story, spots: list[Spot], block: Block) -> str:
    inner = _inline(story, spots, block.start, block.end)
    if block.part == Part.title:
        return f"<h2>{inner}</h2>"
    if block.part == Part.chapter_title:
        return f"<h3>{inner}</h3>"
    return f"<p>{inner}</p>"


@dataclass(frozen=True, slots=True)
class _Run:
    start: int
    end: int
    italic: bool
    hover: Hover | None
    spot: Spot | None


def _inline(story: Story, spots: list[Spot], start: int, end: int) -> str:
    """A paragraph's text: a writer's hover span outermost, a gloss span inside (only where
    the writer has none), italics innermost, so that crossing spans still nest."""
    out: list[str] = []
    for by_hover in _grouped(_runs(story, spots, start, end), lambda r: r.hover):
        hover, pieces = by_hover[0].hover, []
        for by_spot in _grouped(by_hover, lambda r: r.spot):
            spot = by_spot[0].spot
            words = "".join(_styled(story.text[r.start : r.end], r.italic) for r in by_spot)
            if spot is not None and _hover_over(story.hovers, spot) is None:
                words = f'<span title="{_attribute(gloss(spot.entry))}">{words}</span>'
            pieces.append(words)
        inner = "".join(pieces)
        out.append(f'<span title="{_attribute(hover.title)}">{inner}</span>' if hover else inner)
    return "".join(out)


def _runs(story: Story, spots: list[Spot], start: int, end: int) -> list[_Run]:
    cuts = {start, end}
    italics = [(s.start, s.end) for s in _touching(story.italics, start, end)]
    hovers = _touching(story.hovers, start, end)
    inside = _touching(spots, start, end)
    for a, b in italics:
        cuts.update((a, b))
    for h in hovers:
        cuts.update((h.start, h.end))
    for s in inside:
        cuts.update((s.start, s.end))
    bounds = sorted(c for c in cuts if start <= c <= end)
    found = []
    i = j = k = 0  # the first italic, hover, spot not yet behind the run
    for a, b in itertools.pairwise(bounds):
        while i < len(italics) and italics[i][1] <= a:
            i += 1
        while j < len(hovers) and hovers[j].end <= a:
            j += 1
        while k < len(inside) and inside[k].end <= a:
            k += 1
        italic = i < len(italics) and italics[i][0] <= a
        hover = hovers[j] if j < len(hovers) and hovers[j].start <= a else None
        spot = inside[k] if k < len(inside) and inside[k].start <= a else None
        found.append(_Run(a, b, italic, hover, spot))
    return found


_S = TypeVar("_S", Span, Hover, Spot)


def _touching(spans: list[_S], start: int, end: int) -> list[_S]:
    """The spans (sorted, never overlapping) that touch `[start, end)`: bisected to, so a long
    story stays linear."""
    found = []
    for span in spans[bisect.bisect_right(spans, start, key=lambda s: s.end) :]:
        if span.start >= end:
            break
        found.append(span)
    return found


def _grouped(found: list[_Run], by: Callable[[_Run], object]) -> Iterator[list[_Run]]:
    """Consecutive runs of one hover (or one spot) together, for one wrapper around them."""
    group: list[_Run] = []
    for run in found:
        if group and by(run) is not by(group[-1]):
            yield group
            group = []
        group.append(run)
    if group:
        yield group


def _hover_over(hovers: list[Hover], spot: Spot) -> Hover | None:
    """A writer's hover span that overlaps the spot, if any."""
    i = bisect.bisect_right(hovers, spot.start, key=lambda h: h.start) - 1
    for hover in hovers[max(i, 0) : i + 2]:
        if hover.start < spot.end and spot.start < hover.end:
            return hover
    return None


def _styled(text: str, italic: bool) -> str:
    shown = _text(text)
    return f"<em>{shown}</em>" if italic and text.strip() else shown


def _text(text: str) -> str:
    return "<br />\n".join(escape(line, quote=False) for line in text.split("\n"))


def _attribute(text: str) -> str:
    return escape(" ".join(text.split()), quote=True)


def _comment(path: str) -> str:
    return path.replace("--", "- -")
