"""One chapter file of any EPUB (FanFicFare's among them): its heading, notes and text.

The first heading before any text is the chapter title (FanFicFare writes `<h3>`). A block
whose class names notes (FanFicFare's `fff_chapter_notes fff_head_notes`, `endnotes`,
`footnotes`, ...) holds notes: head notes before the text, end notes after it or when its class
says end, foot or after. Everything else is text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborNode

from annotate.readers.dom import BLOCKS, Document, holds_elements, render_all
from annotate.readers.flow import Flow
from annotate.story import Part

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NOTE_TAGS = ("div", "section", "aside", "blockquote")
_STRUCTURE = ", ".join([*sorted(_HEADINGS), *(f'{t}[class*="note"]' for t in _NOTE_TAGS)])
_END = re.compile(r"end|foot|after", re.I)
_BREAK = None  # a block boundary between segments

Segment = tuple[str, LexborNode] | None


def render_chapter(doc: Document, flow: Flow, chapter: int) -> None:
    body = doc.body
    if body is None:
        return
    text_seen = False
    titled = False
    current: Part | None = None
    pending: list[LexborNode] = []  # rendered together, before the flow hears anything else
    for segment in _segments(body):
        if segment is None:
            render_all(pending, flow, doc)
            pending.clear()
            flow.paragraph()
            continue
        kind, node = segment
        if kind == "heading" and not text_seen and not titled:
            part, titled = Part.chapter_title, True
        elif kind == "notes":
            end = text_seen or _END.search(node.attributes.get("class") or "")
            part = Part.end_notes if end else Part.notes
        else:
            part = Part.text
            if not text_seen:
                text_seen = _has_text(node)
        if part is not current:
            render_all(pending, flow, doc)
            pending.clear()
            flow.begin(part, chapter)
            current = part
        pending.append(node)
    render_all(pending, flow, doc)


def _segments(node: LexborNode) -> Iterator[Segment]:
    """The children of `node` as (kind, node), opening wrappers that hold headings or notes."""
    child = node.child
    while child is not None:
        tag = child.tag or ""
        if child.is_element_node and tag in _HEADINGS:
            yield "heading", child
        elif child.is_element_node and tag in _NOTE_TAGS and _is_notes(child):
            yield "notes", child
        elif (
            child.is_element_node
            # (a query matches the node itself too: a heading, or a note tag not `_is_notes`)
            and (tag in _NOTE_TAGS or holds_elements(child))
            and child.css_first(_STRUCTURE) is not None
        ):
            block = tag in BLOCKS
            if block:
                yield _BREAK
            yield from _segments(child)
            if block:
                yield _BREAK
        elif child.is_element_node or (
            child.is_text_node and not (child.text_content or "").isspace()
        ):
            yield "text", child
        child = child.next


def _is_notes(node: LexborNode) -> bool:
    classes = (node.attributes.get("class") or "").lower().split()
    return any("notes" in c or c == "note" for c in classes)


def _has_text(node: LexborNode) -> bool:
    if node.is_text_node:
        return not (node.text_content or "").isspace()
    return bool(node.text(deep=True).strip())
