"""`json`: every glossed span with its offsets into the story's text, grouped per story.

Every span is listed, with `shown`: what the reading formats do there and why (`gloss`;
`story`: the story translates it right there; `repeat`: glossed not long before in this
scene, glossed anyway with `--every`; `untranslated`: no translation yet).

Example: [{"story": "stories/x.txt", "spans": [{"term": "Wanheda", "text": "Wanheddaa",
"start": 120, "end": 129, "line": 3, "translations": ["Commander of Death"], ...,
"shown": "gloss"}]}]
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring as _string  # C; as json.dumps(ensure_ascii=False)

from annotate.render.choice import choose
from annotate.render.memo import PerEntry
from annotate.render.model import Glossed, Options, Rendered, each
from annotate.story import Story
from glossary.models import Entry

SUFFIX = ".json"


def lines(story: Story, offsets: list[int]) -> list[int]:
    """`story.line_of` of each offset (ascending), counting on from the one before.

    Per the Story's anchors, the line grows by one per newline until the next anchor: the
    anchors are walked in step with the offsets (a search only on passing one), and each
    offset's newlines counted from the offset before.
    """
    anchors = story.anchors
    if not anchors:
        return [1] * len(offsets)
    starts = [o for o, _ in anchors]
    count = story.text.count
    found = [1] * bisect.bisect_left(offsets, starts[0])  # before the first anchor
    after = 0  # the anchors passed
    ahead = starts[0]  # where the next one starts
    at = line = 0  # `line` is the line at offset `at`
    for offset in offsets[len(found) :]:
        if offset >= ahead:
            after = bisect.bisect_right(starts, offset, after)
            at, line = anchors[after - 1]
            ahead = starts[after] if after < len(starts) else sys.maxsize
        line += count("\n", at, offset)
        at = offset
        found.append(line)
    return found


def joined(texts: Iterable[Rendered], options: Options) -> Iterator[str]:
    """A JSON array, one story object each."""
    count = 0
    for count, item in enumerate(texts, 1):
        yield "[\n" if count == 1 else ",\n"
        yield item.text  # apart: a long story's text is not copied again
    yield "\n]\n" if count else "[]\n"


def render(items: Sequence[Glossed], options: Options) -> str:
    return "".join(joined(each(items, options, one), options))


def one(item: Glossed, options: Options) -> str:
    """One story's object, one span per line. Written with the C string encoder, each
    entry's fields encoded once: `json.dumps(indent=)` is pure Python, and was most of the
    time of `annotate --format json` on a large story."""
    story, text = item.story, item.story.text
    rows = Rows(options.memo)
    offsets = [spot.start for spot in item.spots]
    shown = choose(story, item.spots, every=options.every, memo=options.memo)
    for (start, end, entry), line, why in zip(
        item.spots, lines(story, offsets), shown, strict=True
    ):
        rows.add(entry, _string(text[start:end]), start, end, line, why)
    return rows.story(story.path)


class Rows:
    """The rows of one story's spans as they come, each entry's fields encoded once."""

    def __init__(self, memo: PerEntry | None = None) -> None:
        self.rows: list[str] = []
        self.memo = memo or PerEntry()  # the run's: each entry's fields encoded once

    def fields(self, entry: Entry) -> tuple[str, str]:
        """`entry`'s fields in a row, before its `text` and after its `line`."""
        return self.memo.get(_fields, entry)

    def add(self, entry: Entry, text: str, start: int, end: int, line: int, why: str) -> None:
        """One span's row; `text` is already a JSON string."""
        self.rows.append(row(self.fields(entry), text, start, end, line, why))

    def extend(self, rows: Iterable[str]) -> None:
        """Rows made with `row`, in order."""
        self.rows.extend(rows)

    def story(self, path: str) -> str:
        """The story's object, with the rows added."""
        head = f'  {{"story": {string(path)}, "spans": ['
        rows = self.rows
        if not rows:
            return head + "]}"
        # one join, no copy of the whole: a long story's rows are tens of megabytes
        rows[0] = f"{head}\n{rows[0]}"
        rows[-1] += "\n  ]}"
        text = ",\n".join(rows)
        self.rows = []
        return text


def row(fields: tuple[str, str], text: str, start: int, end: int, line: int, why: str) -> str:
    """One span's row: an entry's `Rows.fields` around the span's own; `text` is already a
    JSON string."""
    return (
        f'{fields[0]}{text}, "start": {start}, "end": {end}, "line": {line}'
        f'{fields[1]}, "shown": "{why}"}}'
    )


def string(text: str) -> str:
    """`text` as a JSON string (as json.dumps(ensure_ascii=False) writes it)."""
    return _string(text)


def _fields(entry: Entry) -> tuple[str, str]:
    """An entry's fields as they come in a span's row, before its `text` and after `line`."""
    translations = ", ".join(map(_string, entry.translations))
    return (
        f'    {{"term": {_string(entry.term)}, "text": ',
        f', "translations": [{translations}], "kind": {_string(entry.kind)},'
        f' "status": {_string(entry.status)}',
    )
