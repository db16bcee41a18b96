"""A fast writer for the entries gloss makes itself: exactly the text ruamel's emitter gives.

ruamel's round-trip emitter, in pure Python, is most of a new glossary's save. The
entries `extract` and `import` add have one plain shape (scalars, one-line lists, a list of
sources), so they are written here directly, with ruamel's own scalar analysis and resolver
deciding each scalar's quotes. Anything else (comments, anchors, tags, block scalars, nested
maps, line breaks, very long text) gets None, and the caller lets ruamel emit it.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from functools import lru_cache
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import SingleQuotedScalarString

_KEY = re.compile(r"[a-z][a-z_]*")
_LONGEST = 1000  # characters; ruamel would start folding near its width (4096)
_STR = "tag:yaml.org,2002:str"
# First character: (tag, pattern), as `VersionedResolver.resolve` reads them (no `None` key).
_IMPLICIT = VersionedResolver().versioned_resolver
_items = OrderedDict.items  # a CommentedMap is an OrderedDict

# `Emitter.analyze_scalar` of a one-line scalar as regular expressions (it reads character by
# character in Python, most of a save): what it calls special characters (escaped in
# double quotes), and the indicators that rule out a plain scalar in block or flow context.
_BREAK = re.compile("[\n\x85\u2028\u2029]")
SPECIAL = re.compile("[^\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff")
_SPACE = "\0 \t\r\n\x85\u2028\u2029"
_EITHER = rf"^(?:---|\.\.\.|[#,\[\]{{}}&*!|>'\"%@`])|(?<=.):(?=[{_SPACE}]|\Z)|[{_SPACE}]#"
_BLOCK = re.compile(rf"{_EITHER}|^[?:\-](?=[{_SPACE}]|\Z)", re.DOTALL)
_FLOW = re.compile(rf"{_EITHER}|^[?:]\Z|^-(?=[{_SPACE}]|\Z)|(?<=.)[,\[\]{{}}]", re.DOTALL)


def entry(node: Any, offset: int = 2, sequence: int = 4) -> str | None:
    """An entry of `terms` as ruamel writes it, `- ` at column `offset` (`yaml.indent`'s
    offset and sequence; mapping indent 2); None when it is not of the plain shape."""
    if sequence != offset + 2 or not isinstance(node, CommentedMap) or not _plain(node):
        return None
    lines = _mapping(node, offset, offset)
    return None if lines is None else "".join(lines)


def _mapping(node: CommentedMap, dash: int, offset: int) -> list[str] | None:
    """Lines of a mapping that is an item of a block sequence, its `- ` at column `dash`."""
    lines: list[str] = []
    for key, value in _items(node):  # as `node.items()`, without ruamel's generator
        pad = f"{' ' * dash}- " if not lines else " " * (dash + 2)
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            return None
        if isinstance(value, CommentedSeq) and value.fa.flow_style():
            items = [_scalar(item, flow=True) for item in value]
            if not _plain(value) or None in items:
                return None
            lines.append(f"{pad}{key}: [{', '.join(str(item) for item in items)}]\n")
        elif isinstance(value, CommentedSeq):
            if not _plain(value) or not value:
                return None
            lines.append(f"{pad}{key}:\n")
            for item in value:
                if not isinstance(item, CommentedMap) or not _plain(item) or not item:
                    return None
                inner = _mapping(item, dash + 2 + offset, offset)
                if inner is None or any(
                    isinstance(v, CommentedSeq | CommentedMap) for _, v in _items(item)
                ):
                    return None
                lines.extend(inner)
        else:
            text = _scalar(value, flow=False)
            if text is None:
                return None
            lines.append(f"{pad}{key}: {text}\n")
    return lines or None


def _plain(node: CommentedMap | CommentedSeq) -> bool:
    """No comment, anchor, tag or merge key that only ruamel knows how to write."""
    ca = node.ca
    if ca.comment or ca.items or ca.end or getattr(ca, "pre", None):
        return False
    if node.anchor.value is not None or getattr(node, "merge", None):
        return False
    tag = getattr(node, "tag", None)
    return tag is None or getattr(tag, "value", None) is None


def scalar(value: object) -> str | None:
    """A block-context scalar as ruamel writes it; None when only ruamel can tell."""
    return _scalar(value, flow=False)


def _scalar(value: object, flow: bool) -> str | None:
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        assert isinstance(value, float)
        text = repr(value)
        return text if math.isfinite(value) and "e" not in text else None
    if kind is str or kind is SingleQuotedScalarString:
        assert isinstance(value, str)
        return _string(value, flow, kind is SingleQuotedScalarString)
    return None


@lru_cache(maxsize=1 << 14)  # the same stories, methods and senses come back often
def _string(text: str, flow: bool, single: bool) -> str | None:
    """`Emitter.choose_scalar_style` for a value that is no key, then the quoting."""
    if len(text) > _LONGEST or _BREAK.search(text):
        return None
    special = SPECIAL.search(text) is not None
    plain = plain_allowed(text, flow)
    if not single and plain and implicit_tag(text) == _STR:
        return text
    if not single and "'" in text:
        return _double(text)
    if not special:
        return "'" + text.replace("'", "''") + "'"
    return _double(text)


def implicit_tag(text: str) -> str:
    """The tag ruamel's resolver gives a plain scalar (`Resolver.resolve`, without its
    property look-ups for the YAML version on every call: the table is YAML 1.2's)."""
    for tag, pattern in _IMPLICIT.get(text[:1], ()):
        if pattern.match(text):
            return str(tag)
    return _STR


def plain_allowed(text: str, flow: bool) -> bool:
    """`allow_flow_plain` (or `allow_block_plain`) of `Emitter.analyze_scalar` for a scalar
    of one line, as `YAML()` sets its emitter up (unicode allowed, no YAML 1.1)."""
    if not text:
        return not flow
    if text[0] == " " or text[-1] == " " or SPECIAL.search(text):
        return False
    return not (_FLOW if flow else _BLOCK).search(text)


def _double(text: str) -> str | None:
    """Double quotes, for text that needs no escape but `"` and `\\`; else None."""
    if any(not ("\x20" <= ch <= "\x7e" or "\xa0" <= ch <= "\ud7ff") for ch in text):
        return None
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
