"""HTML pages: an AO3 work by its parts (`ao3.py`), any other page as body text.

Italics (`<em>`, `<i>`, `font-style: italic`, nested or split across tags), hover texts
(`title` attributes) and paragraphs (blocks, `<br><br>`) come from `dom.render`; every piece
of text keeps the line of the file it stands on.
"""

from __future__ import annotations

from pathlib import Path

from annotate.readers.ao3 import Ao3Work, is_ao3
from annotate.readers.decoding import decode_markup, read_bytes
from annotate.readers.dom import parse_html, render
from annotate.readers.flow import Flow
from annotate.story import Part, Story, StoryBuilder


def html_story(source: str, label: str, *, xhtml: bool = False, utf8: bytes | None = None) -> Story:
    """A story from an HTML page: an AO3 work by its parts, any other page as text. `utf8`:
    the source's UTF-8, when the file held just that."""
    doc = parse_html(source, xhtml=xhtml, utf8=utf8)
    builder = StoryBuilder(label)
    flow = Flow(builder)
    if is_ao3(doc.tree):
        work = Ao3Work(flow)
        work.feed(doc)
        work.finish()
    elif doc.body is not None:
        flow.begin(Part.text)
        render(doc.body, flow, doc)
        flow.end()
    return builder.build()


def read_html(path: Path, label: str) -> Story:
    source, utf8 = decode_markup(read_bytes(path, label), label)
    return html_story(source, label, xhtml=path.suffix.lower() == ".xhtml", utf8=utf8)
