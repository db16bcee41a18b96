"""The round-trip tree of a big glossary, built mostly by the C parser.

ruamel's round-trip loader is pure Python, and slow on a big file, because it keeps comments;
libyaml is several times faster but drops them. Most lines of a glossary are simple `key: value`
lines, for which both build the same tree: the same round-trip constructor runs on the same
nodes, quotes and positions included. So the C parser builds the whole tree, and only regions
holding anything else (a comment, a blank line, a block scalar, an anchor, a multi-line or
unusual scalar, a flow mapping) are parsed again by ruamel's own loader and put in place: the
header (what comes before the first entry of `terms`) or one entry (from its `-` to the next
entry's). An entry is parsed in the context it has in the file, after `terms:` and before a
sibling, so that its comments attach where the whole-file parse puts them; its positions are
then moved to its lines in the file.

Anything unexpected returns None, and the caller parses the whole text with ruamel, as before:
a file not shaped like a glossary, any parse error (so every message is the one ruamel gives),
directives, line breaks other than `\\n`, irregular lines after the entries, or a file so
irregular that stitching would not pay.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import StringMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from glossary.store import fastyaml

Parse = Callable[[str], Any]  # ruamel's round-trip loader

# Characters that are not plain text to every YAML reader: controls, breaks, BOM, non-characters.
_ODD = "\\x00-\\x1f\\x7f-\\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff"
_PLAIN = (
    f"(?:[^{_ODD} \\-?:,\\[\\]{{}}#&*!|>'\"%@`]|-(?=\\w))"  # no indicator first, but -word
    f"(?:[^{_ODD} :#]|:(?=[\\w/])| +(?=[^{_ODD} #]))*"  # no `: `, no `#`, no `:` at the end
)
_SINGLE = f"'(?:[^{_ODD}']|'')*'"
_DOUBLE = f'"(?:[^{_ODD}"\\\\]|\\\\[0abtnvfre"\\\\]|\\\\x[0-9A-Fa-f]{{2}})*"'
_WORD = "[\\w\u2019](?:[\\w\u2019.'()-]| +(?=[\\w\u2019.'(-]))*"  # a flow item gloss leaves bare
_ITEM = f"(?:{_WORD}|{_SINGLE}|{_DOUBLE})"
_FLOW = f"\\[ *(?:{_ITEM}(?: *, *{_ITEM})*)? *\\]"
_VALUE = f"(?:{_PLAIN}|{_SINGLE}|{_DOUBLE}|{_FLOW})"
_KEY = "[A-Za-z_][A-Za-z0-9_]*"
# `  - key: value`, `key:`, `  - value`: lines that both parsers read alike, whatever surrounds
# them. Every other line is irregular.
SIMPLE = re.compile(f" *(?:(?:- +)*{_KEY}:(?: +{_VALUE})?|(?:- +)+{_VALUE}) *")
_IRREGULAR = re.compile(f"^(?!{SIMPLE.pattern}$).*$", re.MULTILINE)
_EMPTY = re.compile(f"^([ -]*){_KEY}: *$", re.MULTILINE)  # a key, its value below or null
_DASH = re.compile(" *- +")
_UNSUITED = ("\n%", "\r", "\x85", "\u2028", "\u2029")  # directives, other line breaks

MOSTLY_IRREGULAR = 0.8  # the share of entries to re-read above which ruamel alone is as quick
_FIRST_ENTRY = re.compile("^terms:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*( *)- ", re.MULTILINE)


class Unexpected(Exception):
    """The tree is not shaped as stitching expects."""


def irregular_lines(text: str, offsets: list[int] | None = None) -> list[int]:
    """0-based numbers of the lines of `text` (split at `\\n`) that are not simple lines."""
    found: list[int] = []
    line, at = 0, 0
    for start in _irregular_offsets(text) if offsets is None else offsets:
        line += text.count("\n", at, start)
        at = start
        found.append(line)
    return found


def _irregular_offsets(text: str) -> list[int]:
    starts = [m.start() for m in _IRREGULAR.finditer(text) if m.start() < len(text)]
    starts += [m.start() for m in _EMPTY.finditer(text) if not _opens_block(text, m)]
    return sorted(starts)


def _mostly_irregular(text: str, irregular: list[int]) -> bool:
    """Whether most entries hold an irregular line (a comment in every entry): then ruamel
    alone is quicker than the C parser and ruamel for nearly every entry. Entries are told by
    the `- ` of the first one after `terms:`."""
    first = _FIRST_ENTRY.search(text)
    if first is None:
        return False
    dash = re.compile(f"^{first.group(1)}- ", re.MULTILINE)
    entries = [m.start() for m in dash.finditer(text, first.start(1))]
    # blank lines ending an entry are no reason to re-read it (see _blank_lines_after)
    redo = {bisect_right(entries, at) for at in irregular if text[at : at + 1] not in ("\n", "")}
    return len(redo) > MOSTLY_IRREGULAR * len(entries)


def _opens_block(text: str, key: re.Match[str]) -> bool:
    """Whether the line after `key:` holds its value (more indented, or a `- ` below it). An
    empty value is null, which the two parsers position differently: not a simple line."""
    start = key.end() + 1
    if start >= len(text):
        return False
    end = text.find("\n", start)
    following = text[start : end if end >= 0 else len(text)]
    indent = len(following) - len(following.lstrip(" "))
    if following[indent:][:1] in ("", "#"):
        return True  # a blank or comment line: irregular itself, in the same region
    column = len(key.group(1))
    return indent > column or (indent == column and following[indent:].startswith("- "))


def load(text: str, pure: Parse) -> CommentedMap | None:
    """The round-trip tree `pure(text)` would build, or None when this text is not one to
    stitch (the caller then parses it with `pure`)."""
    if not fastyaml.C_PARSER or text.startswith("%") or any(s in text for s in _UNSUITED):
        return None
    offsets = _irregular_offsets(text)
    if _mostly_irregular(text, offsets):
        return None
    lines = text.split("\n")  # the last is "" when the text ends with a line break
    irregular = irregular_lines(text, offsets)
    try:
        return _stitch(fastyaml.round_trip_load(text), lines, irregular, pure)
    except (YAMLError, Unexpected):
        return None


def _stitch(tree: Any, lines: list[str], irregular: list[int], pure: Parse) -> CommentedMap:
    if not isinstance(tree, CommentedMap) or not isinstance(tree.get("terms"), CommentedSeq):
        raise Unexpected
    terms: CommentedSeq = tree["terms"]
    count = len(terms)
    if count < 2 or terms.fa.flow_style():
        raise Unexpected
    keys = list(tree)
    after = keys[keys.index("terms") + 1 :]
    end = tree.lc.key(after[0])[0] if after else len(lines)
    bounds = [*entry_lines(terms, lines), end]
    if any(a >= b for a, b in pairwise(bounds)):
        raise Unexpected
    # -1: the header; i: entry i (to the next entry, or to the keys after `terms`); count: those
    redo = {bisect_right(bounds, line) - 1 for line in irregular}
    if count in redo or (after and count - 1 in redo):
        raise Unexpected  # the end of the file is ruamel's to attach
    if not redo:
        return tree
    dash = lines[bounds[0]][: len(lines[bounds[0]]) - len(lines[bounds[0]].lstrip(" "))]
    root, seq = tree, terms
    if -1 in redo:  # the header, parsed with the first entry and a sibling
        root = pure("\n".join([*lines[: bounds[1]], f"{dash}- 0\n"]))
        if not isinstance(root, CommentedMap) or list(root) != keys[: len(keys) - len(after)]:
            raise Unexpected
        seq = root["terms"]
        if not isinstance(seq, CommentedSeq) or len(seq) != 2:
            raise Unexpected
        del seq[1]
        for i in range(1, count):
            seq.append(terms[i])
            seq.lc.data[i] = terms.lc.data[i]
        for key in after:
            root[key] = tree[key]
            root.lc.data[key] = tree.lc.data[key]
    done = {-1, 0} if -1 in redo else {-1}
    for i in sorted(redo - done):
        if i < count - 1 and _blank_lines_after(seq[i], lines, bounds[i], bounds[i + 1]):
            continue
        span = lines[bounds[i] : bounds[i + 1]]
        seq[i] = _entry(span, bounds[i], None if i == count - 1 else dash, seq, pure)
    return root


def _blank_lines_after(entry: Any, lines: list[str], first: int, end: int) -> bool:
    """Put the blank lines that end an entry's text where ruamel puts them (a comment token of
    line breaks on its last scalar), when they are its only irregular lines; False when the
    entry must be re-read."""
    blanks = 0
    while blanks < end - first and lines[end - 1 - blanks] == "":
        blanks += 1
    if not blanks or irregular_lines("\n".join(lines[first : end - blanks])):
        return False
    node: Any = entry
    while True:  # down to the last scalar, through block mappings and lists only
        if not isinstance(node, CommentedMap | CommentedSeq) or not node or node.fa.flow_style():
            return False  # a flow collection, or nothing: ruamel's ways there are its own
        at = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        if not isinstance(node[at], CommentedMap | CommentedSeq):
            break
        node = node[at]
    if node[at] is None:
        return False
    # where ruamel's scanner was: a plain scalar's start, or the line after a quoted one
    line, column = node.lc.value(at) if isinstance(node, CommentedMap) else node.lc.item(at)
    if isinstance(node[at], SingleQuotedScalarString | DoubleQuotedScalarString):
        line, column = line + 1, 0
    token = CommentToken(
        "\n" * (blanks + 1), StringMark("<unicode string>", 0, line, column, "", 0)
    )
    if isinstance(node, CommentedMap):
        node.ca.items[at] = [None, None, token, None]
    else:
        node.ca.items[at] = [token, None, None, None]
    return True


def entry_lines(terms: CommentedSeq, lines: list[str]) -> list[int]:
    """The line of each entry's `-`: the line its node starts on, after `- ` at one column."""
    found = []
    column = None
    for i in range(len(terms)):
        line, start = terms.lc.item(i)
        dash = _DASH.fullmatch(lines[line][:start])
        indent = len(lines[line]) - len(lines[line].lstrip(" "))
        if dash is None or column not in (None, indent):
            raise Unexpected
        column = indent
        found.append(line)
    return found


def _entry(span: list[str], first: int, dash: str | None, seq: CommentedSeq, pure: Parse) -> Any:
    """Entry lines parsed as in the file: after `terms:`, before a sibling at `dash` (None for
    the last entry, which ends the file: what ends it attaches to the end of `terms`)."""
    tail = [f"{dash}- 0\n"] if dash is not None else []  # span ends with "" after a last break
    root = pure("\n".join(["terms:", *span, *tail]))
    parsed = root.get("terms") if isinstance(root, CommentedMap) else None
    if not isinstance(parsed, CommentedSeq) or len(parsed) != (1 if dash is None else 2):
        raise Unexpected
    if root.ca.comment or root.ca.items or root.ca.end or parsed.ca.comment or parsed.ca.items:
        raise Unexpected  # comments outside the entry: not what stitching knows
    if parsed.ca.end:
        seq.ca.end = parsed.ca.end
    entry = parsed[0]
    _shift(entry, first - 1, set())
    return entry


def _shift(node: Any, lines: int, seen: set[int]) -> None:
    """Move the positions of a tree by some lines (an alias is moved once)."""
    if not isinstance(node, (CommentedMap, CommentedSeq)) or id(node) in seen:
        return
    seen.add(id(node))
    if node.lc.line is not None:
        node.lc.line += lines
    at = (0, 2) if isinstance(node, CommentedMap) else (0,)
    for position in (node.lc.data or {}).values():
        for i in at:
            position[i] += lines
    for child in node.values() if isinstance(node, CommentedMap) else node:
        _shift(child, lines, seen)
