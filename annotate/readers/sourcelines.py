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
        for i in range(_SLACK):
            run = self._run(i)
            if run is None:
                break
            if self._plain(run) == wanted:
                return self._take(i, text, 0)
        # The parser joined text the source splits (`a</em>b`, a stray end tag between):
        # the node begins with one run and goes on with the next ones.
        for i in range(_SLACK):
            run = self._run(i)
            if run is None:
                break
            plain = self._plain(run)
            if plain and wanted.startswith(plain):
                rest, more = wanted[len(plain) :].lstrip(), 0
                while rest and (after := self._run(i + more + 1)) is not None:
                    plain = self._plain(after)
                    if not plain or not rest.startswith(plain):
                        break
                    rest, more = rest[len(plain) :].lstrip(), more + 1
                return self._take(i, text, more)
        return self.line

    def _plain(self, run: tuple[int, int]) -> str:
        raw = self._source[run[0] : run[1]]
        return (html.unescape(raw) if "&" in raw else raw).strip()

    def _take(self, i: int, text: str, more: int) -> int:
        """Consume runs up to the i-th (the node's first) and `more` after it; the node's line."""
        source = self._source
        start, end = self._ahead[i]
        last = self._ahead[i + more][1]
        for _ in range(i + more + 1):
            self._ahead.popleft()
        at_start = self.line + source.count("\n", self._pos, start)
        # Count from the first visible character: leading newlines may differ (`<pre>` drops one).
        raw = source[start:end]
        lead = len(raw) - len(raw.lstrip())
        text_lead = len(text) - len(text.lstrip())
        line = at_start + raw.count("\n", 0, lead) - text.count("\n", 0, text_lead)
        self.line = at_start + source.count("\n", start, last)
        self._pos = last
        return line


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
