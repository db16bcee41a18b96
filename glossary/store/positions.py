"""Map pydantic validation errors onto the YAML tree: each problem at its line and column."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from glossary.errors import Problem
from glossary.models import Entry, Glossary, Source

# Which model a mapping at a given depth is, to suggest the key a typo meant.
_FIELDS: dict[str, type[BaseModel]] = {"": Glossary, "terms": Entry, "sources": Source}


def locate(data: Any, loc: tuple[int | str, ...], key_itself: bool) -> tuple[int, int]:
    """0-based (line, column) of the node at `loc`, or of the deepest ancestor that exists."""
    line, col = 0, 0
    node = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, CommentedMap) and part in node:
            # an empty value (`term:`) has no position of its own: point at its key
            at_key = (last and key_itself) or node[part] is None
            pos = node.lc.key(part) if at_key else node.lc.value(part)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            pos = node.lc.item(part)
            node = node[part]
        else:
            break
        if pos is not None:
            line, col = pos
    return line, col


def _owner(loc: tuple[int | str, ...]) -> type[BaseModel]:
    names = [p for p in loc[:-1] if isinstance(p, str)]
    return _FIELDS.get(names[-1] if names else "", Glossary)


def describe(error: ErrorDetails) -> str:
    """A sentence a person understands, naming the key it is about."""
    loc = error["loc"]
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = list(_owner(loc).model_fields)
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        return f"unknown key `{name}`{hint}"
    if kind == "missing":
        return f"`{name}` is required"
    if kind == "string_too_short" and name:
        return f"`{name}` is empty"
    if name == "term" and kind == "value_error":
        return "`term` is empty"
    message = error["msg"].removeprefix("Value error, ")
    if isinstance(loc[-1], int):
        return f"`{name}` item {loc[-1] + 1}: {message}"
    return f"`{name}`: {message}" if name else message


def validation_problems(err: ValidationError, data: Any, label: str) -> list[Problem]:
    problems = []
    for error in err.errors():
        line, col = locate(data, error["loc"], key_itself=error["type"] == "extra_forbidden")
        problems.append(Problem(label, line + 1, col + 1, describe(error)))
    return sorted(set(problems))
