"""Source lines for the text nodes of a parsed HTML document.

lexbor (selectolax) builds a forgiving HTML5 tree fast but keeps no source positions. The text
between tags is the same in the source and in the tree, in the same order (entities aside), so
`SourceLines` walks the source's text runs alongside the tree's text nodes in document order:
each node is matched to the next run with the same text, a few runs of slack allowed for what
the parser moves or drops (script bodies, foster-parented table text). A node with no match
takes the line of the last match, so a surprise costs one line's accuracy, never the rest of
the document. `node_lines` does this once for a whole tree, so readers may then visit its
parts in any order.
"""

from __future__ import annotations

import html
import re
from collections import deque
from collections.abc import Iterator

from selectolax.lexbor import LexborNode

# A comment, a raw-text element (its body holds no tags), a tag (quoted values may hold `>`),
# or a run of text (group 1; a `<` that cannot open a tag is text, as in HTML).
_TOKENS = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(?:script|style)\b.*?(?:</(?:script|style)\s*>|\Z)"
    r"|<[a-zA-Z/!?][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>"
    r"|([^<]+(?:<(?![a-zA-Z/!?])[^<]*)*)",
    re.S | re.I,
)
_SLACK = 48  # runs to look ahead for a node's text


class SourceLines:
    def __init__(self, source: str, first_line: int = 1) -> None:
        self._source = source
        self._runs: Iterator[re.Match[str]] = _TOKENS.finditer(source)
        self._ahead: deque[tuple[int, int]] = deque()
        self._pos = 0
        self.line = first_line  # the line where the last matched text ends

    def _run(self, i: int) -> tuple[int, int] | None:
        """The i-th text run (start, end) ahead that holds more than whitespace."""
        while len(self._ahead) <= i:
            for match in self._runs:
                if match.lastindex and not match.group(1).isspace():
                    self._ahead.append(match.span(1))
                    break
            else:
                return None
        return self._ahead[i]

    def locate(self, text: str) -> int:
        """The source line where text node `text` (as the parser decoded it) begins."""
        wanted = text.strip()
        if not wanted:
            return self.line
        source = self._source
        for i in range(_SLACK):
            run = self._run(i)
            if run is None:
                break
            start, end = run
            raw = source[start:end]
            if raw.strip() == wanted or ("&" in raw and html.unescape(raw).strip() == wanted):
                for _ in range(i + 1):
                    self._ahead.popleft()
                at_start = self.line + source.count("\n", self._pos, start)
                # The node's first line, for callers that split it at its own newlines. Count
                # from the first visible character: leading newlines may differ (`<pre>` drops one).
                lead = len(raw) - len(raw.lstrip())
                text_lead = len(text) - len(text.lstrip())
                line = at_start + raw.count("\n", 0, lead) - text.count("\n", 0, text_lead)
                self.line = at_start + raw.count("\n")
                self._pos = end
                return line
        return self.line


def node_lines(root: LexborNode, source: str, first_line: int = 1) -> dict[int, int]:
    """The source line of every text node under `root` that holds more than whitespace,
    keyed by `mem_id`."""
    lines = SourceLines(source, first_line)
    found: dict[int, int] = {}
    for node in root.traverse(include_text=True, skip_empty=True):
        if node.is_text_node:
            text = node.text_content
            if text:
                found[node.mem_id] = lines.locate(text)
    return found
