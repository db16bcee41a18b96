"""`json`: every glossed span with its offsets into the story's text, grouped per story.

Example: [{"story": "stories/x.txt", "spans": [{"term": "Wanheda", "text": "Wanheddaa",
"start": 120, "end": 129, "line": 3, "translations": ["Commander of Death"], ...}]}]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring as _string  # C; as json.dumps(ensure_ascii=False)

from annotate.render.model import Glossed, Options, Rendered, each
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


def joined(texts: Iterable[Rendered], options: Options) -> Iterator[str]:
    """A JSON array, one story object each."""
    count = 0
    for count, item in enumerate(texts, 1):
        yield ("[\n" if count == 1 else ",\n") + item.text
    yield "\n]\n" if count else "[]\n"


def render(items: Sequence[Glossed], options: Options) -> str:
    return "".join(joined(each(items, options, one), options))


def one(item: Glossed, options: Options) -> str:
    """One story's object, one span per line. Written with the C string encoder, each
    entry's fields encoded once: `json.dumps(indent=)` is pure Python, and was most of the
    time of `annotate --format json` on a large story."""
    story, text = item.story, item.story.text
    head = f'  {{"story": {_string(story.path)}, "spans": ['
    if not item.spots:
        return head + "]}"
    fields: dict[int, tuple[str, str]] = {}  # per entry: its term, and what follows `line`
    rows: list[str] = []
    for spot, line in zip(item.spots, lines(story, [s.start for s in item.spots]), strict=True):
        entry = spot.entry
        if id(entry) not in fields:
            translations = ", ".join(map(_string, entry.translations))
            fields[id(entry)] = (
                _string(entry.term),
                f', "translations": [{translations}], "kind": {_string(entry.kind)},'
                f' "status": {_string(entry.status)}}}',
            )
        term, rest = fields[id(entry)]
        rows.append(
            f'    {{"term": {term}, "text": {_string(text[spot.start : spot.end])},'
            f' "start": {spot.start}, "end": {spot.end}, "line": {line}{rest}'
        )
    return head + "\n" + ",\n".join(rows) + "\n  ]}"
