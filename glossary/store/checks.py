"""Checks beyond the schema: problems a person should fix before gloss can rely on the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from glossary.errors import GlossError, Problem
from glossary.models import Glossary
from glossary.spelling import caseless
from glossary.store import aliases
from glossary.store.document import Document, decode, load
from glossary.store.files import read_bytes
from glossary.store.positions import locate
from glossary.store.reading import read


def _position(data: CommentedMap, index: int, variant: int | None) -> tuple[int, int]:
    loc: tuple[int | str, ...] = ("terms", index, "term")
    if variant is not None:
        loc = ("terms", index, "variants", variant)
    return locate(data, loc, key_itself=False)


def claimed_twice(glossary: Glossary) -> bool:
    """Whether some spelling (term or variant) is claimed by two entries."""
    owner: dict[str, int] = {}
    for index, entry in enumerate(glossary.terms):
        for spelling in entry.spellings():
            if owner.setdefault(caseless(spelling), index) != index:
                return True
    return False


def duplicate_spellings(doc: Document) -> Iterator[Problem]:
    """One spelling (term or variant) claimed by two entries, reported where it comes again."""
    owner: dict[str, int] = {}
    for index, entry in enumerate(doc.glossary.terms):
        spellings = [(entry.term, None), *((v, i) for i, v in enumerate(entry.variants))]
        for spelling, variant in spellings:
            key = caseless(spelling)
            first = owner.setdefault(key, index)
            if first == index:
                continue
            line, col = _position(doc.data, index, variant)
            first_line, _ = _position(doc.data, first, None)
            other = doc.glossary.terms[first].term
            yield Problem(
                doc.label,
                line + 1,
                col + 1,
                f"`{spelling}` is already a spelling of `{other}` (line {first_line + 1})",
            )


def alias_uses(text: str, label: str) -> Iterator[Problem]:
    """Each YAML alias (`*a`): gloss edits entries one by one, so it writes one out in full."""
    for alias in aliases.used(text):
        where = f" (line {alias.anchor_line})" if alias.anchor_line else ""
        yield Problem(
            label,
            alias.line,
            alias.column,
            f"`*{alias.name}` repeats `&{alias.name}`{where}: gloss writes it out in full when "
            "it saves, so that a change to one entry never reaches another",
        )


def check(doc: Document) -> list[Problem]:
    """Every problem in a loaded (schema-valid) glossary, in file order."""
    return sorted(duplicate_spellings(doc))


def check_file(path: Path) -> list[Problem]:
    """All problems of the glossary at `path`: unreadable, syntax, schema, then the checks.

    A valid file is read the quick way (cached, or C-backed); only one with problems is loaded
    with positions for them.
    """
    label = str(path)
    try:
        glossary = read(path)
        problems = list(alias_uses(decode(read_bytes(path, label), label)[0], label))
        if claimed_twice(glossary):
            problems += check(load(path))
    except GlossError as err:
        return err.problems or [Problem(label, 0, 0, err.message.removeprefix(f"{path}: "))]
    return sorted(problems)
