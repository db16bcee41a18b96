"""A fast writer for the entries gloss makes itself: exactly the text ruamel's emitter gives.

ruamel's round-trip emitter takes about 1.7 ms an entry, most of a new glossary's save. The
entries `extract` and `import` add have one plain shape (scalars, one-line lists, a list of
sources), so they are written here directly, with ruamel's own scalar analysis and resolver
deciding each scalar's quotes. Anything else (comments, anchors, tags, block scalars, nested
maps, line breaks, very long text) gets None, and the caller lets ruamel emit it.
"""

from __future__ import annotations

import math
import re
import sys
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import SingleQuotedScalarString

_KEY = re.compile(r"[a-z][a-z_]*")
_LONGEST = 1000  # characters; ruamel would start folding near its width (4096)
_STR = "tag:yaml.org,2002:str"
# What `Emitter.analyze_scalar` reads of its emitter, as `YAML()` sets it up.
_EMITTER = SimpleNamespace(
    serializer=SimpleNamespace(use_version=None),
    allow_unicode=True,
    unicode_supplementary=sys.maxunicode > 0xFFFF,
    allow_space_break=None,
)
_RESOLVER = VersionedResolver()


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
    for key, value in node.items():
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
                    isinstance(v, CommentedSeq | CommentedMap) for v in item.values()
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
    if len(text) > _LONGEST:
        return None
    analysis = Emitter.analyze_scalar(_EMITTER, text)  # type: ignore[arg-type]
    if analysis.multiline:
        return None
    plain = analysis.allow_flow_plain if flow else analysis.allow_block_plain
    if not single and plain and str(_RESOLVER.resolve(ScalarNode, text, (True, False))) == _STR:
        return text
    if not single and "'" in text:
        return _double(text)
    if analysis.allow_single_quoted:
        return "'" + text.replace("'", "''") + "'"
    return _double(text)


def _double(text: str) -> str | None:
    """Double quotes, for text that needs no escape but `"` and `\\`; else None."""
    if any(not ("\x20" <= ch <= "\x7e" or "\xa0" <= ch <= "\ud7ff") for ch in text):
        return None
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
