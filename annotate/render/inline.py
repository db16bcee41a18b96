"""`inline`: the story with each glossed span followed by its translation in brackets."""

from __future__ import annotations

from annotate.spotting import Spot
from annotate.story import Story


def render(story: Story, spots: list[Spot]) -> str:
    """Example: `Wanheda [Commander of Death]`."""
    out: list[str] = []
    pos = 0
    for s in spots:
        out.append(story.text[pos : s.end])
        if s.entry.translations:
            out.append(f" [{'; '.join(s.entry.translations)}]")
        pos = s.end
    out.append(story.text[pos:])
    return "".join(out)
