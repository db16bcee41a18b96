"""A parsed HTML page, and its text flowed into a story: paragraphs, italics, hover texts.

Parsing is lexbor's (selectolax): an HTML5 parser in C, as forgiving as a browser about broken
markup and fast enough for 100 MB of stories. `render` walks a subtree without recursion, so
ten thousand unclosed `<i>`s cannot overflow the stack.

The walk runs for every node of every story, and each question put to a lexbor node crosses
into C and makes a Python object: tags are known by lexbor's tag id, each text node's text and
line come from `text_nodes` (worked out once for the page), and a block that holds one text
node, as most paragraphs do, is flowed in one step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from annotate.readers.flow import Flow
from annotate.readers.sourcelines import text_nodes

_BLOCK_TAGS = (
    "address article aside blockquote body center dd details dialog div dl dt fieldset"
    " figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre"
    " section summary table tbody td tfoot th thead tr ul"
)
BLOCKS = frozenset(_BLOCK_TAGS.split())
_SKIPPED_TAGS = "head script style template noscript iframe object embed svg math select button img"
SKIPPED = frozenset(_SKIPPED_TAGS.split())  # no story text inside
ITALIC_TAGS = frozenset({"em", "i"})
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*(italic|oblique|normal)", re.I)
# `<p/>` means `<p></p>` in XHTML but opens an element in HTML: rewrite before parsing.
_SELF_CLOSED = re.compile(
    r"<(?!(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)\b)"
    r"([a-zA-Z][\w:.-]*)(\s[^<>]*?)?/>"
)


# What an element is to `render`, by its tag: bit flags, cached per document by lexbor's tag id
# (an element's `.tag` crosses into C and makes a new string each time).
_SKIP, _BR, _ITALIC, _BLOCK = 1, 2, 4, 8
_TEXT_ID = LexborHTMLParser("x").body.first_child.tag_id  # type: ignore[union-attr]  # a text node's


@dataclass
class Document:
    tree: LexborHTMLParser
    source: str
    first_line: int = 1
    _nodes: dict[int, tuple[int, str]] | None = None
    _kinds: dict[int, int] = field(default_factory=dict)

    @property
    def body(self) -> LexborNode | None:
        return self.tree.body

    def line(self, node: LexborNode) -> int:
        """The source line where text node `node` begins."""
        return self.text_nodes().get(node.mem_id, (self.first_line, ""))[0]

    def text_nodes(self) -> dict[int, tuple[int, str]]:
        """(source line, text) of every text node with more than ASCII whitespace, by `mem_id`
        (computed once, for the whole tree)."""
        if self._nodes is None:
            root = self.tree.root
            self._nodes = {} if root is None else text_nodes(root, self.source, self.first_line)
        return self._nodes


def parse_html(
    source: str, *, xhtml: bool = False, first_line: int = 1, utf8: bytes | None = None
) -> Document:
    """Parse a page; `xhtml` for EPUB members and `.xhtml` files, which self-close elements.
    `utf8`: the source's UTF-8, when the file held just that (`decode_markup`)."""
    if xhtml:
        # the rewrite changes no newlines, so lines stay true to the file
        rewritten = _SELF_CLOSED.sub(r"<\1\2></\1>", source)
        if rewritten is not source:  # (`sub` gives back the very string when nothing matched)
            source, utf8 = rewritten, None
    if utf8 is not None:
        return Document(LexborHTMLParser(utf8), source, first_line)
    try:
        # selectolax encodes a str with errors="ignore", at twice the cost of a plain encode;
        # the bytes are the same unless the text holds a lone surrogate
        data: str | bytes = source.encode()
    except UnicodeEncodeError:
        data = source
    return Document(LexborHTMLParser(data), source, first_line)


def render(
    root: LexborNode,
    flow: Flow,
    doc: Document,
    *,
    skip: frozenset[str] = frozenset(),
    skip_classes: frozenset[str] = frozenset(),
) -> None:
    """Flow the text under `root`: blocks make paragraphs, `<em>`/`<i>` italics, `title` hovers.

    Elements whose `id` is in `skip`, or with a class in `skip_classes`, are left out (the AO3
    reader's other parts).
    """
    render_all([root], flow, doc, skip=skip, skip_classes=skip_classes)


def render_all(
    roots: list[LexborNode],
    flow: Flow,
    doc: Document,
    *,
    skip: frozenset[str] = frozenset(),
    skip_classes: frozenset[str] = frozenset(),
) -> None:
    """`render` each of `roots` in turn.

    Siblings are walked by `next`, so only going down into an element costs a frame. Blocks of
    one plain text node in a row (most of a story) are gathered and flowed at once: while some
    are gathered the flow has just ended a paragraph, where a space or the end of a paragraph
    would change nothing, so those are left out.
    """
    nodes, kinds = doc.text_nodes(), doc._kinds
    text, block, paragraph, space = flow.text, flow.block, flow.paragraph, flow.space
    gathered: list[tuple[int, str]] = []  # (line, text) of plain blocks, for `flow.blocks`
    # (node, italic, hover, whether its next siblings follow it); None: leaving a block
    Frame = tuple[LexborNode | None, bool, str | None, bool]
    stack: list[Frame | None] = [(root, False, None, False) for root in reversed(roots)]
    pop, push = stack.pop, stack.append
    while stack:
        frame = pop()
        if frame is None:
            if not gathered:
                paragraph()
            continue
        node, italic, hover, siblings = frame
        while node is not None:
            current = node
            node = current.next if siblings else None
            tag_id = current.tag_id
            if tag_id == _TEXT_ID:
                found = nodes.get(current.mem_id)
                if found is not None:
                    if gathered:
                        flow.blocks(gathered)
                        gathered = []
                    text(found[1], found[0], italic, hover)
                elif not gathered and current.text_content:  # only ASCII whitespace
                    space(italic, hover)
                continue
            kind = kinds.get(tag_id)
            if kind is None:
                kind = _kind(current)
                if current.is_element_node:
                    kinds[tag_id] = kind
            if kind & _SKIP:
                continue
            if kind & _BR:
                if gathered:
                    flow.blocks(gathered)
                    gathered = []
                flow.line_break()
                continue
            inner_italic, inner_hover = italic, hover
            attrs = current.attributes
            if attrs:
                if skip and attrs.get("id") in skip:
                    continue
                if skip_classes and not skip_classes.isdisjoint((attrs.get("class") or "").split()):
                    continue
                style = attrs.get("style")
                if style and (match := _ITALIC_STYLE.search(style)):
                    inner_italic = match.group(1).lower() != "normal"
                inner_hover = attrs.get("title") or hover
            if kind & _ITALIC:
                inner_italic = True
            child = current.first_child
            if child is not None and child.tag_id == _TEXT_ID and child.next is None:
                # one text node (most paragraphs): flowed at once, not by the stack
                found = nodes.get(child.mem_id)
                if found is not None:
                    if kind & _BLOCK and not inner_italic and not inner_hover:
                        gathered.append(found)
                        continue
                    if gathered:
                        flow.blocks(gathered)
                        gathered = []
                    flowed = block if kind & _BLOCK else text
                    flowed(found[1], found[0], inner_italic, inner_hover)
                elif gathered:
                    pass  # a space, or a paragraph's end, just after a block
                elif kind & _BLOCK:
                    paragraph()  # its space, if any, would end with it
                elif child.text_content:
                    space(inner_italic, inner_hover)
                continue
            if kind & _BLOCK and not gathered:
                paragraph()
            if child is None:  # (leaving a block again would change nothing)
                continue
            if node is not None:
                push((node, italic, hover, True))
            if kind & _BLOCK:
                push(None)
            node, italic, hover, siblings = child, inner_italic, inner_hover, True
    if gathered:
        flow.blocks(gathered)


def holds_elements(node: LexborNode) -> bool:
    """Whether `node` may hold elements: not when it holds one text node or nothing (most
    paragraphs), which spares them a CSS query for what they hold."""
    child = node.first_child
    return child is not None and (child.next is not None or not child.is_text_node)


def _kind(node: LexborNode) -> int:
    tag = node.tag
    if not node.is_element_node or tag is None or tag in SKIPPED:
        return _SKIP
    if tag == "br":
        return _BR
    return (_ITALIC if tag in ITALIC_TAGS else 0) | (_BLOCK if tag in BLOCKS else 0)
