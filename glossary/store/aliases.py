"""YAML anchors and aliases in a glossary: one value written once and used in two places.

A person may write `translations: &a [...]` on one entry and `translations: *a` on another.
Loaded, both are one object, so an edit to one entry (extract adding a translation) would
reach the other. `unshare` gives each place its own copy before anything is edited; the
entries that held an alias are then written out in full when the file is saved. `used` says
where aliases are, for `gloss check`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import Comment, CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import AliasEvent, NodeEvent

_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s,\[\]{}]")  # what could open an anchor


def unshare(data: Any) -> set[int]:
    """Replace every container met a second time in `data` by a copy of its own (no anchor,
    no comments: those stay with the first); the ids of the `terms` entries given one."""
    seen: set[int] = set()
    touched: set[int] = set()
    terms = data.get("terms") if isinstance(data, CommentedMap) else None
    for key, value in _items(data):
        if value is terms and isinstance(terms, list):
            seen.add(id(terms))
            for index, entry in enumerate(terms):
                if _walk(terms, index, entry, seen):
                    touched.add(id(terms[index]))
        else:
            _walk(data, key, value, seen)
    return touched


def _items(node: Any) -> list[tuple[Any, Any]]:
    if isinstance(node, dict):
        return list(node.items())
    if isinstance(node, list):
        return list(enumerate(node))
    return []


def _walk(holder: Any, key: Any, node: Any, seen: set[int]) -> bool:
    """Give `holder[key]` (and what it holds) copies where needed; whether any was made."""
    if not isinstance(node, dict | list):
        return False
    if id(node) in seen:
        holder[key] = _plain_copy(node)
        return True
    seen.add(id(node))
    copied = False
    for inner_key, inner in _items(node):
        copied |= _walk(node, inner_key, inner, seen)
    return copied


def _plain_copy(node: Any) -> Any:
    duplicate = copy.deepcopy(node)
    _strip(duplicate)
    return duplicate


def _strip(node: Any) -> None:
    if isinstance(node, CommentedMap | CommentedSeq):
        node.anchor.value = None
        setattr(node, Comment.attrib, Comment())
    for _, inner in _items(node):
        _strip(inner)


@dataclass(frozen=True)
class Alias:
    """An alias (`*a`) and the anchor (`&a`) it repeats; lines and columns from 1."""

    name: str
    line: int
    column: int
    anchor_line: int


def used(text: str) -> Iterator[Alias]:
    """Every alias in a YAML text, in order; nothing for a text that cannot be parsed (its
    syntax error is reported elsewhere) or that has no anchor at all (the quick answer)."""
    if not _ANCHOR.search(text):
        return
    anchors: dict[str, int] = {}
    try:
        for event in YAML(typ="rt").parse(text):
            if isinstance(event, AliasEvent) and event.start_mark is not None:
                mark = event.start_mark
                name = str(event.anchor)
                yield Alias(name, mark.line + 1, mark.column + 1, anchors.get(name, 0))
            elif isinstance(event, NodeEvent) and event.anchor and event.start_mark is not None:
                anchors[str(event.anchor)] = event.start_mark.line + 1
    except YAMLError:
        return
