"""Plain text: paragraphs are blocks separated by blank lines; `_x_` and `*x*` are italics.

FanFicFare writes italics as `_x_` in its text output, and writers type `*x*`; the markers are
not part of the text a reader reads. A marker only counts where it opens and closes a span
around non-blank text inside one paragraph, not inside a word (`snake_case`, `2*3*4`), and
never doubled (`**bold**`, `* * *` scene breaks).
"""

from __future__ import annotations

import re
from pathlib import Path

from annotate.readers.decoding import decode_text, read_bytes
from annotate.story import Part, Story, StoryBuilder

_BLOCK = re.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")
_ITALIC = re.compile(
    # the marker first, then a look back past it: lets `re` scan for the marker quickly
    r"\*(?<![\w*]\*)(?![\s*])([^*]*?)(?<![\s*])\*(?![\w*])"
    r"|_(?<![\w_]_)(?![\s_])([^_]*?)(?<![\s_])_(?![\w_])"
)


def read_text(path: Path, label: str) -> Story:
    return parse_text(decode_text(read_bytes(path, label), label), label)


def parse_text(text: str, label: str) -> Story:
    builder = StoryBuilder(label)
    builder.begin(Part.text)
    plain: list[tuple[str, int]] = []  # paragraphs with no markers, added in bulk
    count = text.count
    line, counted = 1, 0
    for block in _BLOCK.finditer(text):
        body = block.group(0).rstrip()
        if not body:
            continue
        start = block.start()
        line += count("\n", counted, start)
        counted = start
        if "*" in body or "_" in body:
            builder.add_paragraphs(plain)
            plain.clear()
            add_marked(builder, body, line)
            builder.end_paragraph()
        else:
            plain.append((body, line))
    builder.add_paragraphs(plain)
    return builder.build()


def add_marked(builder: StoryBuilder, body: str, line: int) -> None:
    """Add a paragraph whose `_x_`/`*x*` spans are italics, without their markers."""
    if "*" not in body and "_" not in body:
        builder.add(body, line)
        return
    done = 0
    for match in _ITALIC.finditer(body):
        group = match.lastindex or 1
        if match.start() > done:
            builder.add(body[done : match.start()], line)
        line += body.count("\n", done, match.start(group))
        builder.add(match.group(group), line, italic=True)
        line += body.count("\n", match.start(group), match.end())
        done = match.end()
    if done < len(body):
        builder.add(body[done:], line)
