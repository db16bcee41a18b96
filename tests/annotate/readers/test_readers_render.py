"""render_all against the plain walk it replaced: one frame per node, every flow call made."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborNode

from annotate.readers.dom import (
    _BLOCK,
    _BR,
    _ITALIC,
    _ITALIC_STYLE,
    _SKIP,
    _TEXT_ID,
    Document,
    _kind,
    parse_html,
    render_all,
)
from annotate.readers.flow import Flow
from annotate.story import Part, Story, StoryBuilder


def reference_render_all(
    roots: list[LexborNode],
    flow: Flow,
    doc: Document,
    *,
    skip: frozenset[str] = frozenset(),
    skip_classes: frozenset[str] = frozenset(),
) -> None:
    """Each node its own frame, each text node flowed by `text`, each block's ends flowed."""
    nodes = doc.text_nodes()
    stack: list[tuple[LexborNode, bool, str | None] | None] = [
        (root, False, None) for root in reversed(roots)
    ]
    while stack:
        frame = stack.pop()
        if frame is None:
            flow.paragraph()
            continue
        node, italic, hover = frame
        if node.tag_id == _TEXT_ID:
            found = nodes.get(node.mem_id)
            if found is not None:
                flow.text(found[1], found[0], italic, hover)
            elif node.text_content:
                flow.space(italic, hover)
            continue
        kind = _kind(node)
        if kind & _SKIP:
            continue
        if kind & _BR:
            flow.line_break()
            continue
        attrs = node.attributes
        if skip and attrs.get("id") in skip:
            continue
        if skip_classes and not skip_classes.isdisjoint((attrs.get("class") or "").split()):
            continue
        style = attrs.get("style")
        if style and (match := _ITALIC_STYLE.search(style)):
            italic = match.group(1).lower() != "normal"
        hover = attrs.get("title") or hover
        if kind & _ITALIC:
            italic = True
        if kind & _BLOCK:
            flow.paragraph()
            stack.append(None)
        child = node.last_child
        while child is not None:
            stack.append((child, italic, hover))
            child = child.prev


PIECES = [
    *("<p>", "</p>", "<div>", "</div>", "<em>", "</em>", "<i>", "</i>", "<b>", "</b>"),
    *("<br>", "<br><br>", "<h2>", "</h2>", "<blockquote>", "</blockquote>", "<li>"),
    *('<span title="t">', "</span>", '<p title="u">', '<div style="font-style:italic">'),
    *('<em style="font-style: normal">', '<div id="skip">', '<p class="a gone">'),
    *("<script>x</script>", "<!-- c -->", "<table><tr><td>", "</td></tr></table>", "<img>"),
    *("word", "two words", " ", "  ", "\n", "\t", "&nbsp;", "&amp;", "\u00a0", "é", "a  b"),
    *("<p>plain</p>", "<p>\nline\n</p>", "<p> </p>", "<p></p>", "<p><em>it</em></p>"),
]


Walk = Callable[..., None]


def flowed(source: str, walk: Walk, *, by_child: bool) -> Story:
    doc = parse_html(source)
    builder = StoryBuilder("x")
    flow = Flow(builder)
    flow.begin(Part.text)
    body = doc.body
    assert body is not None
    roots = [body]
    if by_child:  # many roots, as the AO3 reader renders a one-shot's paragraphs
        roots, child = [], body.first_child
        while child is not None:
            roots.append(child)
            child = child.next
    walk(roots, flow, doc, skip=frozenset({"skip"}), skip_classes=frozenset({"gone"}))
    flow.end()
    return builder.build()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.booleans())
def test_render_all_flows_as_the_plain_walk(pieces: list[str], by_child: bool) -> None:
    source = "".join(pieces)
    assert flowed(source, render_all, by_child=by_child) == flowed(
        source, reference_render_all, by_child=by_child
    )
