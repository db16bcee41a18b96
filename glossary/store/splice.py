"""Saving by splicing: entries unchanged since loading keep their text, and ruamel's emitter
(slow, in pure Python) writes only the entries that are new or changed.

At load, each entry of `terms` gets its text (from its `-` to the next entry's) and a mark: a
hash of everything the emitter writes (keys, values and their types, quotes, number formats,
comments, flow style, anchors, tags). At save, an entry that is the same object with the same
mark is written as it was read; any other is emitted in the context it has in the file. The
text is the one a whole dump gives for a file ruamel wrote, and keeps a person's formatting of
the entries gloss did not touch.

Splicing gives up (the caller dumps the whole document) when the head (everything but the
entries) changed, when one container sits in two places (the emitter would write an anchor),
when the entry that ended the file with comments after it is no longer last and unchanged, or
when anything is not as expected.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from ruamel.yaml.anchor import Anchor
from ruamel.yaml.comments import Comment, CommentedMap, CommentedSeq, Format, merge_attrib
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken

from glossary.store import stitch

Emit = Callable[[Any], str]  # one entry's text as `terms:` then the entry, in the file's style


class _Unmarkable(Exception):
    """A tree the marks cannot describe (a shared container, a merge key)."""


@dataclass(frozen=True)
class Part:
    node: Any  # kept, so that no other object can take its id
    text: str
    mark: int


@dataclass(frozen=True)
class Layout:
    """A loaded document's text, cut at its entries, and what each piece held."""

    head: str  # up to the first entry's `-`
    head_mark: int
    parts: dict[int, Part]  # by id of the entry
    tail: str  # the keys after `terms`, if any
    last: Part  # the entry that ended the entries
    last_plain: bool  # nothing after it but its own (no comments at the end of the list)
    dash: str  # the entries' `- `, indented


def layout(text: str, data: Any) -> Layout | None:
    """The layout of a document loaded from `text`; None when it cannot be spliced."""
    terms = data.get("terms") if isinstance(data, CommentedMap) else None
    if not isinstance(terms, CommentedSeq) or not terms or terms.fa.flow_style():
        return None
    lines = text.split("\n")
    keys = list(data)
    after = keys[keys.index("terms") + 1 :]
    try:
        starts = stitch.entry_lines(terms, lines)
        end = data.lc.key(after[0])[0] if after else len(lines)
        if any(a >= b for a, b in zip(starts, [*starts[1:], end], strict=True)):
            return None
        seen: set[int] = set()
        head_mark = _head_mark(data, seen)
        marks = [mark(entry, seen) for entry in terms]
    except (stitch.Unexpected, _Unmarkable):
        return None
    offsets = [0, *accumulate(len(line) + 1 for line in lines)]  # offsets[len] = len(text) + 1

    def piece(first: int, last: int) -> str:
        return text[offsets[first] : offsets[last]]

    bounds = [*starts, end]
    parts = [
        Part(entry, piece(bounds[i], bounds[i + 1]), marks[i]) for i, entry in enumerate(terms)
    ]
    return Layout(
        head=piece(0, starts[0]),
        head_mark=head_mark,
        parts={id(p.node): p for p in parts},
        tail=piece(end, len(lines)),
        last=parts[-1],
        last_plain=not (terms.ca.end or data.ca.end),
        dash=lines[starts[0]][: len(lines[starts[0]]) - len(lines[starts[0]].lstrip(" "))],
    )


def splice(plan: Layout, data: Any, emit: Emit) -> tuple[str, Layout] | None:
    """The text of the document now (unchanged entries as read, the others emitted) and its
    layout; None when only a whole dump will do."""
    terms = data.get("terms") if isinstance(data, CommentedMap) else None
    if not isinstance(terms, CommentedSeq) or not terms or terms.fa.flow_style():
        return None
    seen: set[int] = set()
    parts: list[Part] = []
    try:
        if _head_mark(data, seen) != plan.head_mark:
            return None
        for entry in terms:
            now = mark(entry, seen)  # also: a container shared with another entry raises
            part = plan.parts.get(id(entry))
            if part is None or part.node is not entry or part.mark != now:
                text = _emitted(emit(entry), plan.dash)
                if text is None:
                    return None
                part = Part(entry, text, now)
            if parts and not parts[-1].text.endswith("\n"):
                parts[-1] = Part(parts[-1].node, parts[-1].text + "\n", parts[-1].mark)
            parts.append(part)
    except _Unmarkable:
        return None
    if not plan.last_plain and parts[-1] is not plan.last:
        return None  # the comments that end the list, in the last entry's text, would move
    if plan.tail and not parts[-1].text.endswith("\n"):
        parts[-1] = Part(parts[-1].node, parts[-1].text + "\n", parts[-1].mark)
    text = "".join([plan.head, *(p.text for p in parts), plan.tail])
    after = Layout(
        plan.head,
        plan.head_mark,
        {id(p.node): p for p in parts},
        plan.tail,
        parts[-1],
        plan.last_plain,
        plan.dash,
    )
    return text, after


def _emitted(text: str, dash: str) -> str | None:
    """An entry's text from a one-entry dump (`terms:` then the entry) at the file's indent."""
    head, _, body = text.partition("\n")
    if head != "terms:" or not body.startswith(f"{dash}- "):
        return None
    return body


def _head_mark(data: CommentedMap, seen: set[int]) -> int:
    """A mark of everything but the entries: the root's keys, other values, comments; the
    entries list's own comments and style."""
    terms = data["terms"]
    rest = tuple((_scalar(k), mark(v, seen) if k != "terms" else None) for k, v in data.items())
    return hash((rest, _container(data), _container(terms)))


def mark(node: Any, seen: set[int]) -> int:
    """A hash of everything the emitter writes for `node`; raises _Unmarkable for a container
    met twice (`seen` spans a whole document)."""
    return hash(_describe(node, seen))


def _describe(node: Any, seen: set[int]) -> Hashable:
    kind = type(node)
    if kind is str:
        return str(node)  # the common case: a plain string is itself
    if isinstance(node, dict | list):
        if id(node) in seen or getattr(node, merge_attrib, None):
            raise _Unmarkable
        seen.add(id(node))
        if isinstance(node, dict):
            pairs = OrderedDict.items(node) if isinstance(node, OrderedDict) else node.items()
            body: tuple[Hashable, ...] = tuple([(_scalar(k), _describe(v, seen)) for k, v in pairs])
        else:
            body = tuple([_describe(v, seen) for v in node])
        return kind, _container(node), body
    return _scalar(node)


def _container(node: Any) -> Hashable:
    """What ruamel keeps beside a mapping's or a list's items: comments, style, anchor, tag."""
    ca = getattr(node, Comment.attrib, None)
    comments = None
    if ca is not None and (ca.comment or ca.items or ca.end or ca.pre):
        items = tuple((k, _plain(v)) for k, v in ca.items.items() if any(x for x in v))
        comments = (_plain(ca.comment), items, _plain(ca.end), _plain(ca.pre))
    fa = getattr(node, Format.attrib, None)
    flow = fa.flow_style() if fa is not None else None
    anchor, tag = getattr(node, Anchor.attrib, None), getattr(node, Tag.attrib, None)
    if comments is None and flow is None and anchor is None and tag is None:
        return None
    return comments, flow, _plain(anchor), _plain(tag)


_ATTRIBUTES: dict[type, tuple[str, ...]] = {}


def _scalar(value: Any) -> Hashable:
    kind = type(value)
    if kind is str:
        return str(value)
    if kind in (int, float, bool, type(None)):
        return kind, value
    names = _ATTRIBUTES.get(kind)
    if names is None:
        slots = [cls.__dict__.get("__slots__", ()) for cls in kind.__mro__]
        names = _ATTRIBUTES[kind] = tuple(
            name for s in slots for name in ((s,) if isinstance(s, str) else s)
        )
    pairs = [(name, getattr(value, name, None)) for name in names]
    pairs += getattr(value, "__dict__", {}).items()
    # dumping leaves empty anchors behind: an attribute that is None is as good as none
    attributes = tuple((name, v) for name, a in pairs if (v := _plain(a)) is not None)
    return kind, _plain(value), attributes


def _plain(value: Any) -> Hashable:
    """A hashable stand-in for what ruamel keeps beside values (comments, anchors, tags)."""
    if value is None:
        return None
    if isinstance(value, CommentToken):
        column = getattr(value.start_mark, "column", getattr(value, "_column", None))
        return "#", value.value, column
    if isinstance(value, Anchor):  # dumping leaves empty ones behind: the same as none
        return ("&", value.value, value.always_dump) if value.value is not None else None
    if isinstance(value, Tag):
        return ("!", value.handle, value.suffix) if value.suffix is not None else None
    if isinstance(value, list | tuple):  # dumping leaves empty lists at the end: the same
        items = [_plain(v) for v in value]
        while items and items[-1] in (None, ()):
            items.pop()
        return tuple(items)
    if isinstance(value, dict):
        return tuple((k, _plain(v)) for k, v in value.items())
    if isinstance(value, str | int | float | bool):
        return type(value), value
    return type(value).__name__, repr(value)
