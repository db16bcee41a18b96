"""Source lines of text nodes: where each node's text stands in the file, on every path."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.readers.dom import parse_html
from annotate.readers.sourcelines import _RUNS, _decode, _keyed, _matched, _page, text_nodes


def lines(source: str) -> list[tuple[str, int]]:
    """(text, line) of each text node with more than ASCII whitespace, in document order."""
    doc = parse_html(source)
    assert doc.tree.root is not None
    return _sorted(text_nodes(doc.tree.root, doc.source))


def matched(source: str) -> list[tuple[str, int]]:
    """`lines` with every node looking for its run one by one: the reference."""
    doc = parse_html(source)
    assert doc.tree.root is not None
    page = _page(doc.tree.root, doc.source, 1)
    found = _matched(page.texts, page.wanted, page.raws, page.plains, page.lines)
    return _sorted(_keyed(page.nodes, found))


def _sorted(found: dict[int, tuple[int, str]]) -> list[tuple[str, int]]:
    return sorted((text.strip(), line) for line, text in found.values() if text.strip())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>a</p>\n<p>b\nc</p>\n\n<p>d</p>", [("a", 1), ("b\nc", 2), ("d", 5)]),
        ("<p>&quot;a&quot;</p>\n<p>&#x27;b&#x27;</p>", [('"a"', 1), ("'b'", 2)]),
        # runs of only `&nbsp;` hold no text: the next node finds its run past them, if near
        ("<p>a</p>\n<p>&nbsp;</p>\n<p>b</p>", [("a", 1), ("b", 3)]),
        ("<p>a</p>" + "\n<p>&nbsp;</p>" * 60 + "\n<p>b</p>", [("a", 1), ("b", 1)]),
        # the parser moves table text before the table: `a`, now behind, takes where `b` ends
        ("<table>\n<tr><td>a</td>\nb\n</tr></table>", [("a", 4), ("b", 2)]),
        # a node's line is where its text begins: `<pre>` drops the newline after it
        ("<pre>\n\na</pre>", [("a", 2)]),
        # a node the parser joins from runs the source splits
        ("<p>a</em>\nb</p>", [("a\nb", 1)]),
        ("<p>a\0b</p>\n<p>c</p>", [("ab", 1), ("c", 2)]),  # no quick path with a NUL
    ],
)
def test_lines(source: str, expected: list[tuple[str, int]]) -> None:
    assert lines(source) == matched(source) == sorted(expected)


PIECES = [
    "<p>",
    "</p>",
    "<em>",
    "</em>",
    "<br>",
    "<pre>",
    "</pre>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<script>\nx\n</script>",
    "<!-- a\n-->",
    "&nbsp;",
    "&amp;",
    "&quot;",
    "&notin",
    "\n",
    "\n\n",
    " ",
    "a",
    "b c",
    "<",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_aligned_runs_give_the_lines_of_matching_node_by_node(pieces: list[str]) -> None:
    source = "".join(pieces)
    assert lines(source) == matched(source)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="<>!-/ap\n &#x;27quotnbsi\"'", max_size=60))
def test_runs_cover_the_source(source: str) -> None:
    pieces = _RUNS.findall(source)
    assert "".join(before + run for before, run in pieces) == source
    assert not any(run.isspace() for _, run in pieces)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="&#;x0123456789abcdefamplt quotnbspAElig<\xa0", max_size=40))
def test_decode_is_html_unescape(text: str) -> None:
    assert _decode(text) == html.unescape(text)
