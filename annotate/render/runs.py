"""Cutting a story's text into runs of one style: italic or not, inside one spot or none.

Italics and spots are both spans over `story.text`; they may cross (an italic sentence that
ends inside a glossed phrase). Runs let a renderer nest its markup correctly whatever they do.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from annotate.spotting import Spot
from annotate.story import Part, Story


@dataclass(frozen=True, slots=True)
class Run:
    start: int
    end: int
    italic: bool
    spot: Spot | None


def runs(story: Story, spots: list[Spot], start: int, end: int) -> list[Run]:
    """The runs of `story.text[start:end]`, in order, covering it exactly."""
    # Both lists are sorted and never overlap: bisect to the few that touch this stretch, so
    # rendering paragraph by paragraph stays linear in a long story.
    first = bisect.bisect_right(story.italics, start, key=lambda s: s.end)
    italics = []
    for span in story.italics[first:]:
        if span.start >= end:
            break
        italics.append((span.start, span.end))
    inside: list[Spot] = []
    for near in spots[bisect.bisect_right(spots, start, key=lambda s: s.end) :]:
        if near.start >= end:
            break
        inside.append(near)
    cuts = {start, end}
    for a, b in italics:
        cuts.update((a, b))
    for s in inside:
        cuts.update((s.start, s.end))
    bounds = sorted(c for c in cuts if start <= c <= end)
    found: list[Run] = []
    i = j = 0
    for a, b in itertools.pairwise(bounds):
        while i < len(italics) and italics[i][1] <= a:
            i += 1
        while j < len(inside) and inside[j].end <= a:
            j += 1
        italic = i < len(italics) and italics[i][0] <= a
        spot = inside[j] if j < len(inside) and inside[j].start <= a else None
        found.append(Run(a, b, italic, spot))
    return found


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, and the part of the story it belongs to."""

    start: int
    end: int
    part: Part


def blocks(story: Story) -> Iterator[Block]:
    """The story's paragraphs (blank-line separated text when a reader gave none)."""
    spans = [(p.start, p.end) for p in story.paragraphs]
    if not spans:
        pos = 0
        for chunk in story.text.split("\n\n"):
            if chunk.strip():
                spans.append((pos, pos + len(chunk)))
            pos += len(chunk) + 2
    for start, end in spans:
        section = story.part_at(start)
        yield Block(start, end, section.part if section else Part.text)


def grouped(found: list[Run]) -> Iterator[tuple[Spot | None, list[Run]]]:
    """Consecutive runs of one spot (or of none) together, for a wrapper around a spot."""
    group: list[Run] = []
    for run in found:
        if group and run.spot is not group[-1].spot:
            yield group[-1].spot, group
            group = []
        group.append(run)
    if group:
        yield group[-1].spot, group
