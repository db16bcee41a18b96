"""Which occurrences the reading formats gloss: what a reader needs, not every repeat.

A term is glossed at its first use in each chapter or scene, and again when it comes back
after a long gap; not where the story translates it right there (`own`); never when nobody
has translated it yet (the glossary section lists it as such). `every` glosses every
occurrence that has a translation. `--format json` lists every span with the choice made.

Example: choose(story, spots) -> [Shown.gloss, Shown.repeat, Shown.story, ...]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from enum import StrEnum

from annotate.render.glosses import has_gloss
from annotate.render.memo import PerEntry
from annotate.render.own import Own
from annotate.render.runs import blocks
from annotate.spotting import Spot
from annotate.story import Part, Story

GAP = 5000  # characters (about a thousand words) after which a term is glossed again
BREAK_MAX = 40  # a scene break is a short paragraph
# `***`, `* * *`, `~~~`, `-o-`, `XXX`, `xXx`, `oOo`, `0o0`, `Scene break`, `Time skip`
_SCENE_BREAK = re.compile(
    r"[\W_]*(?:(?:[xo0]|[\W_])*(?:xxx|xox|oxo|ooo|o0o|0o0)(?:[xo0]|[\W_])*|[\W_]{3,}"
    r"|(?:scene|line|page|section) ?break|time ?skip)[\W_]*",
    re.IGNORECASE,
)


class Shown(StrEnum):
    """What the reading formats do with one occurrence, and why."""

    gloss = "gloss"  # glossed here
    story = "story"  # the story translates it right there
    repeat = "repeat"  # glossed before in this scene, not long ago
    untranslated = "untranslated"  # no translation yet


def choose(
    story: Story, spots: list[Spot], *, every: bool = False, memo: PerEntry | None = None
) -> list[Shown]:
    """One choice per spot (spots in text order); `memo`: the run's (`Options.memo`)."""
    if not spots:
        return []
    starts = scene_starts(story)
    memo = memo or PerEntry()
    own = Own(story.text, memo)
    chooser = Chooser(every, memo)
    return [
        chooser.shown(spot, bisect.bisect_right(starts, spot.start), own.translated_here)
        for spot in spots
    ]


class Chooser:
    """The choice for each spot of a story in turn: what was glossed where is remembered."""

    def __init__(self, every: bool = False, memo: PerEntry | None = None) -> None:
        self.every = every
        self.last: dict[int, tuple[int, int]] = {}  # per entry: the scene and end of its last use
        self.memo = memo or PerEntry()

    def shown(self, spot: Spot, scene: int, translated_here: Callable[[Spot], bool]) -> Shown:
        """The choice for `spot`, the next in text order, in scene number `scene`;
        `translated_here` is asked only of a spot with a gloss."""
        if not self.memo.get(has_gloss, spot.entry):
            return Shown.untranslated
        key = id(spot.entry)
        before = self.last.get(key)
        self.last[key] = (scene, spot.end)
        if translated_here(spot):
            return Shown.story
        if self.every or before is None or before[0] != scene or spot.start - before[1] > GAP:
            return Shown.gloss
        return Shown.repeat


def is_scene_break(paragraph: str) -> bool:
    """A short paragraph that only marks a break: `* * *`, `XXX`, `Time skip`."""
    return len(paragraph) <= BREAK_MAX and bool(_SCENE_BREAK.fullmatch(paragraph.strip()))


def scene_starts(story: Story) -> list[int]:
    """Where each chapter, part of the story (notes, summary) and scene after a break
    begins, in order."""
    starts: set[int] = {s.start for s in story.sections}
    starts.update(offset for offset, _ in story.files)
    # Only a short paragraph can be a break: the others are passed over unmade.
    spans = story.paragraphs or blocks(story)
    for span in spans:
        if span.end - span.start > BREAK_MAX:
            continue
        if is_scene_break(story.text[span.start : span.end]):
            section = story.part_at(span.start)
            if section is None or section.part != Part.title:
                starts.add(span.end)
    return sorted(starts)


def chosen(
    story: Story, spots: list[Spot], *, every: bool = False, memo: PerEntry | None = None
) -> dict[int, Shown]:
    """`choose` keyed by `id(spot)`, for renderers that meet the spots one by one."""
    shown = choose(story, spots, every=every, memo=memo)
    return dict(zip(map(id, spots), shown, strict=True))
