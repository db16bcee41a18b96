"""`json`: every glossed span with its offsets into the story's text, grouped per story.

Example: [{"story": "stories/x.txt", "spans": [{"term": "Wanheda", "text": "Wanheddaa",
"start": 120, "end": 129, "line": 3, "translations": ["Commander of Death"], ...}]}]
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from typing import Any

from annotate.render.model import Glossed, Options
from annotate.story import Story

SUFFIX = ".json"


def lines(story: Story, offsets: list[int]) -> list[int]:
    """`story.line_of` of each offset (ascending), counting on from the one before.

    Per the Story's anchors, the line grows by one per newline until the next anchor; a story
    with one anchor would otherwise be counted from its start for every span.
    """
    starts = [o for o, _ in story.anchors]
    found: list[int] = []
    last = (-1, -1, 0)  # anchor index, offset, line
    for offset in offsets:
        anchor = bisect.bisect_right(starts, offset) - 1
        if anchor >= 0 and anchor == last[0] and offset >= last[1]:
            line = last[2] + story.text.count("\n", last[1], offset)
        else:
            line = story.line_of(offset)
        found.append(line)
        last = (anchor, offset, line)
    return found


def story_spans(item: Glossed) -> dict[str, Any]:
    story = item.story
    starts = [s.start for s in item.spots]
    line_of = dict(zip(starts, lines(story, starts), strict=True))
    return {
        "story": story.path,
        "spans": [
            {
                "term": s.entry.term,
                "text": story.text[s.start : s.end],
                "start": s.start,
                "end": s.end,
                "line": line_of[s.start],
                "translations": list(s.entry.translations),
                "kind": s.entry.kind,
                "status": s.entry.status,
            }
            for s in item.spots
        ],
    }


def render(items: Sequence[Glossed], options: Options) -> str:
    return json.dumps([story_spans(i) for i in items], ensure_ascii=False, indent=2) + "\n"
