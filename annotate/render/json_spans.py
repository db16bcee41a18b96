"""`json`: every glossed span with its offsets into the story's text, grouped per story.

Example: [{"story": "stories/x.txt", "spans": [{"term": "Wanheda", "text": "Wanheddaa",
"start": 120, "end": 129, "line": 3, "translations": ["Commander of Death"], ...}]}]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from annotate.render.model import Glossed, Options

SUFFIX = ".json"


def story_spans(item: Glossed) -> dict[str, Any]:
    story = item.story
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
                "status": s.entry.status,
            }
            for s in item.spots
        ],
    }


def render(items: Sequence[Glossed], options: Options) -> str:
    return json.dumps([story_spans(i) for i in items], ensure_ascii=False, indent=2) + "\n"
