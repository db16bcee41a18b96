"""C-backed YAML reading: libyaml (via ruamel.yaml.clib) parses and composes, Python only builds
the values. Two flavours: plain data for read-only commands, and a round-trip tree without
comments that `stitch` completes with ruamel's pure loader where a file has comments.

Both resolve scalars with ruamel's YAML 1.2 rules, as the C-backed loaders of ruamel always do,
but once per distinct tag instead of re-deriving the rule table for every scalar (that alone was
a third of ruamel's C-backed safe load). Without the C extension, `C_PARSER` is False and
callers use ruamel's pure loaders.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

try:
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - ruamel.yaml.clib is a dependency
    CParser = None

C_PARSER = CParser is not None

_VERSION = (1, 2)


class _Resolver(VersionedResolver):
    """ruamel's YAML 1.2 resolver with its table and tags built once."""

    _tags: dict[str, Tag] = {}  # noqa: RUF012 - a cache shared by all loaders

    @property
    def processing_version(self) -> tuple[int, int]:
        return _VERSION

    _table: dict[Any, list[tuple[str, Any]]] | None = None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            table = self._table
            if table is None:
                table = self._table = self.versioned_resolver
            for tag, regexp in (*table.get(value[0] if value else "", ()), *table.get(None, ())):
                if regexp.match(value):
                    found = self._tags.get(tag)
                    if found is None:
                        found = self._tags[tag] = Tag(suffix=tag)
                    return found
        if kind is ScalarNode:
            return self.DEFAULT_SCALAR_TAG
        if kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


if C_PARSER:

    class _SafeLoader(CParser, SafeConstructor, _Resolver):  # type: ignore[misc]
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            self._parser = self._composer = self
            SafeConstructor.__init__(self, loader=self)
            self.allow_duplicate_keys = False
            _Resolver.__init__(self, loadumper=self)

    class _RoundTripLoader(CParser, RoundTripConstructor, _Resolver):  # type: ignore[misc]
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            self._parser = self._composer = self
            RoundTripConstructor.__init__(self, preserve_quotes=True, loader=self)
            self.allow_duplicate_keys = False
            self.comment_handling = None
            _Resolver.__init__(self, loadumper=self)


class _Unusual(Exception):
    """A node the quick builder leaves to ruamel's constructor (tags, aliases, duplicates)."""


_STR = _Resolver.DEFAULT_SCALAR_TAG
_INT, _FLOAT, _BOOL, _NULL = (
    f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null")
)


def _build(node: Node, loader: Any, seen: set[int]) -> Any:
    """The Python value of a composed node, as ruamel's SafeConstructor would build it."""
    kind = type(node)
    if kind is ScalarNode:
        if node.ctag is _STR:
            return node.value
        tag = node.tag
        if tag == _INT:
            return loader.construct_yaml_int(node)
        if tag == _FLOAT:
            return loader.construct_yaml_float(node)
        if tag == _BOOL:
            return loader.construct_yaml_bool(node)
        if tag == _NULL:
            return None
        raise _Unusual
    if id(node) in seen or node.ctag is not (
        _Resolver.DEFAULT_MAPPING_TAG if kind is MappingNode else _Resolver.DEFAULT_SEQUENCE_TAG
    ):
        raise _Unusual  # an alias, or a tagged collection
    seen.add(id(node))
    if kind is SequenceNode:
        return [_build(item, loader, seen) for item in node.value]
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not ScalarNode:
            raise _Unusual
        key = _build(key_node, loader, seen)
        if key in mapping:
            raise _Unusual  # ruamel's constructor raises the error that says where
        mapping[key] = _build(value_node, loader, seen)
    return mapping


def safe_load(text: str) -> Any:
    """Plain data (dicts, lists, scalars) of a one-document YAML text. Raises YAMLError."""
    if not C_PARSER:
        from ruamel.yaml import YAML

        return YAML(typ="safe", pure=True).load(text)
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(node, loader, set())
        except _Unusual:
            return loader.construct_document(node)
    finally:
        loader.dispose()


def round_trip_load(text: str) -> Any:
    """The round-trip tree (CommentedMap, quotes kept, positions) of a YAML text, without
    its comments and blank lines. Raises YAMLError."""
    if not C_PARSER:
        raise YAMLError("the C-backed parser is not installed")
    loader = _RoundTripLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


__all__ = ["C_PARSER", "YAMLError", "round_trip_load", "safe_load"]
