"""Source lines for the text nodes of a parsed HTML document.

lexbor (selectolax) builds a forgiving HTML5 tree fast but keeps no source positions. The text
between tags is the same in the source and in the tree, in the same order (entities aside), so
`text_nodes` walks the source's text runs alongside the tree's text nodes in document order:
each node is matched to the next run with the same text, a few runs of slack allowed for what
the parser moves or drops (script bodies, foster-parented table text). A node with no match
takes the line of the last match, so a surprise costs one line's accuracy, never the rest of
the document. This is done once for a whole tree, so readers may then visit its parts in any
order.

It runs for every text node of every story, so the work is done in bulk: one regex pass cuts
the source into runs and what lies between (their newlines counted at once), one decodes the
entities of all runs; when every node with text is simply the next run with text, as in all but
odd pages, each node's line is a lookup (`_aligned`), else nodes look for their runs one by one
(`_matched`, the reference).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from itertools import accumulate, chain, repeat
from typing import NamedTuple

from selectolax.lexbor import LexborNode

# What may open a tag: what `[a-zA-Z/!?]` matches ignoring case (the long s is an `s`, the
# Kelvin sign a `k`), spelled out, as a pattern that ignores case is slower.
_OPENS = r"[a-zA-Z/!?\u0130\u0131\u017f\u212a]"
# Each match is what is no text run (group 1), then a run that holds more than whitespace
# (group 2); the matches cover the source. What is no run is taken possessively: comments,
# raw-text elements (their bodies hold no tags), tags (quoted values may hold `>`), whitespace
# between tags, a `<` that opens nothing. A `<` that cannot open a tag is text, as in HTML.
# (`\Z` lets the last match end without a run.) Every repeat is possessive: none would ever
# give back a character (what follows each cannot match what it holds), and sre is quicker so.
_RUNS = re.compile(
    r"((?:<!--.*?(?:-->|\Z)"
    r"|<(?i:script|style)\b.*?(?:</(?i:script|style)\s*>|\Z)"
    rf"|<{_OPENS}[^>\"']*+(?:(?:\"[^\"]*+\"|'[^']*+')[^>\"']*+)*+>"
    rf"|\s++(?=<{_OPENS}|\Z)"
    r"|<)*+)"
    rf"(?:([^<]++(?:<(?!{_OPENS})[^<]*+)*+)|\Z)",
    re.S,
)
# html.unescape's character references; none can reach past a `<`.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_JOIN = "<\0"  # between runs while decoding them at once: ends any reference, in no source
_SLACK = 48  # runs to look ahead for a node's text


def text_nodes(root: LexborNode, source: str, first_line: int = 1) -> dict[int, tuple[int, str]]:
    """The source line and the text of every text node under `root` that holds more than
    ASCII whitespace, keyed by `mem_id` (the text too, so that readers need not ask lexbor
    for it again)."""
    page = _page(root, source, first_line)
    runs = _aligned_runs(page.wanted, page.plains)
    if runs is None:  # the parser moved or dropped text: each node looks for its run
        found = _matched(page.texts, page.wanted, page.raws, page.plains, page.lines)
    else:
        found = _aligned(page.texts, page.wanted, page.raws, page.lines, runs)
    return _keyed(page.nodes, found)


class _Page(NamedTuple):
    """A page's text nodes and its source's text runs, side by side."""

    nodes: list[tuple[int, str]]  # (mem_id, text) of each text node, in document order
    texts: list[str]
    wanted: list[str]  # each node's text stripped
    raws: list[str]  # each run as the source has it
    plains: list[str]  # each run decoded and stripped
    lines: list[int]  # lines[2j + 1]: the line where run j starts, lines[2j + 2] where it ends


def _page(root: LexborNode, source: str, first_line: int) -> _Page:
    # (what comes before a run, the run): together they are the whole source
    pieces: list[tuple[str, str]] = _RUNS.findall(source)
    raws = [run for _, run in pieces if run]
    nodes = [  # `text_content` is None but for text nodes
        (node.mem_id, text)
        for node in root.traverse(include_text=True, skip_empty=True)
        if (text := node.text_content)
    ]
    texts = [text for _, text in nodes]
    newlines = map(str.count, chain.from_iterable(pieces), repeat("\n"))
    lines = list(accumulate(newlines, initial=first_line))
    if "\0" in source:  # runs cannot be joined (no story holds one): decoded one by one
        plains = [html.unescape(raw).strip() for raw in raws]
    else:  # decoded at once, joined by what ends any reference
        plains = [plain.strip() for plain in _decode(_JOIN.join(raws)).split(_JOIN)] if raws else []
    return _Page(nodes, texts, [text.strip() for text in texts], raws, plains, lines)


def _keyed(nodes: list[tuple[int, str]], lines: list[int]) -> dict[int, tuple[int, str]]:
    return {mem_id: (line, text) for (mem_id, text), line in zip(nodes, lines, strict=True)}


def _aligned_runs(wanted: list[str], plains: list[str]) -> Sequence[int] | None:
    """The run of each node with text, when each is simply the next run with text, as in all
    but odd pages (runs of only `&nbsp;` hold none); None when the nodes must look for theirs."""
    texts = [w for w in wanted if w]
    if texts == plains:
        return range(len(plains))
    if "" not in plains or texts != [p for p in plains if p]:
        return None
    runs = [j for j, plain in enumerate(plains) if plain]
    # a node looks that far ahead for its run
    if any(run - before > _SLACK for before, run in zip([-1, *runs], runs, strict=False)):
        return None
    return runs


def _aligned(
    texts: list[str],
    wanted: list[str],
    raws: list[str],
    lines: list[int],
    runs: Sequence[int],
) -> list[int]:
    """The line of each node when the m-th node with text is run `runs[m]`: whole lists at
    once. A node of only whitespace takes the line where the last of those runs ends."""
    if isinstance(runs, range) and all(wanted):  # node j is run j
        found = lines[1 : 2 * len(texts) : 2]
        nodes: Sequence[int] = runs
        leads = {j for j, raw in enumerate(raws) if raw[0].isspace()}
        leads |= {j for j, text in enumerate(texts) if text[0].isspace()}
    else:
        starts = [lines[2 * run + 1] for run in runs]
        ends = [lines[0], *[lines[2 * run + 2] for run in runs]]
        seen = accumulate(map(bool, wanted))  # nodes with text so far, this one too
        found = [starts[n - 1] if plain else ends[n] for n, plain in zip(seen, wanted, strict=True)]
        nodes = [i for i, plain in enumerate(wanted) if plain]  # the m-th node with text
        leads = {m for m, run in enumerate(runs) if raws[run][0].isspace()}
        leads |= {m for m, i in enumerate(nodes) if texts[i][0].isspace()}
    # Count from the first visible character: leading newlines may differ (`<pre>` drops one).
    for m in leads:
        found[nodes[m]] = lines[2 * runs[m] + 1] + _lead(raws[runs[m]], texts[nodes[m]])
    return found


def _matched(
    texts: list[str],
    wanted: list[str],
    raws: list[str],
    plains: list[str],
    lines: list[int],
) -> list[int]:
    """The line of each node when the parser moved or dropped text: each node looks for its
    run nearby."""
    found = []
    k = 0  # the next run to match
    line = lines[0]  # the line where the last matched run ends
    for text, plain in zip(texts, wanted, strict=True):
        if not plain:
            found.append(line)
            continue
        if k < len(plains) and plains[k] == plain:
            first = last = k  # the common case: the very next run
        else:
            match = _search(plains, k, plain)
            if match is None:
                found.append(line)
                continue
            first, last = match
        found.append(lines[2 * first + 1] + _lead(raws[first], text))
        line = lines[2 * last + 2]
        k = last + 1
    return found


def _lead(raw: str, text: str) -> int:
    """Lines to add to where a run starts for where its node's text starts: counted from the
    first visible character, as leading newlines may differ (`<pre>` drops one)."""
    lead = 0
    if raw[0].isspace():
        lead += _lead_newlines(raw)
    if text[0].isspace():
        lead -= _lead_newlines(text)
    return lead


def _decode(text: str) -> str:
    """html.unescape, quicker for many references: each distinct one is decoded once."""
    parts = _CHARREF.split(text)
    refs = parts[1::2]
    decoded = {ref: html.unescape("&" + ref) for ref in set(refs)}
    parts[1::2] = [decoded[ref] for ref in refs]
    return "".join(parts)


def _search(plains: list[str], k: int, wanted: str) -> tuple[int, int] | None:
    """The runs from `k` on that hold `wanted`, first and last, if they are near: one run with
    its text, or several the parser joined (`a</em>b`, a stray end tag between)."""
    ahead = plains[k : k + _SLACK]
    for i, plain in enumerate(ahead):
        if plain == wanted:
            return k + i, k + i
    for i, plain in enumerate(ahead):
        if plain and wanted.startswith(plain):
            rest, last = wanted[len(plain) :].lstrip(), k + i
            while rest and last + 1 < len(plains):
                plain = plains[last + 1]
                if not plain or not rest.startswith(plain):
                    break
                rest, last = rest[len(plain) :].lstrip(), last + 1
            return k + i, last
    return None


def _lead_newlines(text: str) -> int:
    return text.count("\n", 0, len(text) - len(text.lstrip()))
