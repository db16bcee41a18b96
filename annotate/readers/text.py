"""Plain text: paragraphs are blocks separated by blank lines."""

from __future__ import annotations

import re
from pathlib import Path

from annotate.readers.decoding import decode_text, read_bytes
from annotate.story import Part, Story, StoryBuilder
from glossary.errors import GlossError

_BLOCK = re.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")


def read_text(path: Path, label: str) -> Story:
    text = decode_text(read_bytes(path, label), label)
    if not text.strip():
        raise GlossError(f"{label}: empty file")
    return parse_text(text, label)


def parse_text(text: str, label: str) -> Story:
    builder = StoryBuilder(label)
    builder.begin(Part.text)
    line, counted = 1, 0
    for block in _BLOCK.finditer(text):
        body = block.group(0).rstrip()
        line += text.count("\n", counted, block.start())
        counted = block.start()
        if body.strip():
            builder.add(body, line)
            builder.end_paragraph()
    return builder.build()
