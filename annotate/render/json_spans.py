"""`json`: every glossed span with its offsets into the story's text, grouped per story."""

from __future__ import annotations

from typing import Any

from annotate.spotting import Spot
from annotate.story import Story


def story_spans(story: Story, spots: list[Spot]) -> dict[str, Any]:
    return {
        "story": story.path,
        "spans": [
            {
                "term": s.entry.term,
                "text": story.text[s.start : s.end],
                "start": s.start,
                "end": s.end,
                "line": story.line_of(s.start),
                "translations": list(s.entry.translations),
                "kind": s.entry.kind,
            }
            for s in spots
        ],
    }
