"""The YAML store: round-trip load with positioned errors, a fast read-only path, atomic saves.

People edit the glossary by hand, so the store edits the ruamel document itself (never a
`model_dump()`), keeps the file's indentation, quotes, BOM and line endings, and leaves a file
whose text would not change untouched. Big files are read mostly by libyaml (`stitch`), and
saved by splicing: entries untouched since loading keep their text (`splice`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from glossary.errors import GlossError, Problem
from glossary.models import Glossary
from glossary.store import aliases, emit, splice, stitch
from glossary.store.files import atomic_write, read_bytes
from glossary.store.positions import validation_problems

BOM = "\ufeff"
STYLE_LINES = 5_000  # lines looked at to guess a file's indentation
STITCH_FROM = 16_384  # characters; ruamel alone reads a shorter text in a few milliseconds


@dataclass(frozen=True)
class Style:
    """How a file is laid out, so that saving it keeps its look."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    explicit_start: bool = False
    bom: bool = False
    newline: str = "\n"


@dataclass
class Document:
    """A glossary file as loaded: the editable YAML tree and its validated model."""

    path: Path
    data: CommentedMap
    glossary: Glossary
    style: Style = field(default_factory=Style)
    text: str | None = None  # the text as read; None for a file not yet on disk
    layout: splice.Layout | None = None  # where each entry's text is, to save by splicing
    # the text as it would be saved before any edit, when that is not `text` (aliases written
    # out in full): saving that alone is no change
    unedited: str | None = None

    @property
    def label(self) -> str:
        return str(self.path)


def _round_trip(style: Style) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long quote a person wrote on one line
    yaml.indent(mapping=style.mapping, sequence=style.sequence, offset=style.offset)
    yaml.explicit_start = style.explicit_start
    return yaml


_SEQ_ITEM = re.compile(r"^( *)- +(?=[^#\s])")
_KEY_ONLY = re.compile(r"^( *)(?:- +)?[^#\s][^:]*:\s*(?:#.*)?$")


def guess_style(text: str) -> Style:
    """The indentation of a block-style YAML text, the house style where it shows none."""
    mapping = sequence = offset = None
    parent: int | None = None
    # The style shows in the first lines; a glossary may have no nested mapping at all, and
    # scanning a 50,000-entry file for one would take a second.
    for line in islice(_lines(text), STYLE_LINES):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        item = _SEQ_ITEM.match(line)
        if item and parent is not None and sequence is None:
            offset = indent - parent
            sequence = item.end() - parent
        elif parent is not None and mapping is None and not item and indent > parent:
            mapping = indent - parent
        key = _KEY_ONLY.match(line)
        parent = (len(key.group(0)) - len(key.group(0).lstrip(" -"))) if key else None
        if mapping is not None and sequence is not None:
            break
    explicit = bool(re.match(r"(?:[ \t]*(?:#[^\n]*)?\n)*---", text))
    return Style(
        mapping=mapping or 2,
        sequence=sequence or 4,
        offset=offset if offset is not None else 2,
        explicit_start=explicit,
    )


def _lines(text: str) -> Iterator[str]:
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end + 1


def decode(raw: bytes, label: str) -> tuple[str, bool, str]:
    """Text, whether it had a BOM, and its newline; an error that names the line otherwise."""
    bom = raw.startswith(BOM.encode())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise GlossError(
            "not UTF-8", [Problem(label, line, column, "not UTF-8 text; save the file as UTF-8")]
        ) from None
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.replace("\r\n", "\n"), bom, newline


def syntax_problem(err: YAMLError, label: str) -> Problem:
    if isinstance(err, MarkedYAMLError) and err.problem_mark is not None:
        mark = err.problem_mark
        what = err.problem or "syntax error"
        if err.context:
            what = f"{what} ({err.context})"
        if "<stream end>" in what and err.context_mark is not None:
            # `[Skaikru` never closed: the mistake is where it opened, not at the end
            mark = err.context_mark
        return Problem(label, mark.line + 1, mark.column + 1, f"syntax error: {what}")
    return Problem(label, 0, 0, f"syntax error: {err}")


def parse(text: str, label: str, style: Style | None = None) -> CommentedMap:
    """The round-trip YAML tree of a glossary text; a positioned GlossError when it is not one.

    A big text is stitched: the C parser for its simple lines, ruamel for the rest (`stitch`).
    """
    yaml = _round_trip(style or Style())
    try:
        data = stitch.load(text, yaml.load) if len(text) >= STITCH_FROM else None
        if data is None:
            data = yaml.load(text)
    except YAMLError as err:
        raise GlossError("syntax error", [syntax_problem(err, label)]) from None
    if data is None:
        return CommentedMap()
    if not isinstance(data, CommentedMap):
        raise GlossError(
            "not a glossary",
            [Problem(label, 1, 1, "a glossary is a mapping with a `terms:` list")],
        )
    return data


def validate(data: CommentedMap, label: str) -> Glossary:
    """The model of a YAML tree; every problem positioned at its line and column."""
    try:
        return Glossary.model_validate(data)
    except ValidationError as err:
        raise GlossError("invalid glossary", validation_problems(err, data, label)) from None


def loads(text: str, path: Path) -> Document:
    label = str(path)
    style = guess_style(text)
    data = parse(text, label, style)
    glossary = validate(data, label)
    # an alias is one object in two places: each gets its own before anything is edited
    unshared = aliases.unshare(data)
    plan = splice.layout(text, data)
    if unshared and plan is not None:  # the entries that held an alias are written out in full
        plan = replace(plan, parts={k: v for k, v in plan.parts.items() if k not in unshared})
    doc = Document(path, data, glossary, style, text, plan)
    if unshared:
        doc.unedited = _render(doc)[0]
    return doc


def load(path: Path) -> Document:
    """Load a glossary for editing. Raises GlossError (with positions) when it cannot be used."""
    label = str(path)
    text, bom, newline = decode(read_bytes(path, label), label)
    doc = loads(text, path)
    doc.style = replace(doc.style, bom=bom, newline=newline)
    return doc


def load_or_new(path: Path, language: str | None = None) -> Document:
    """The glossary at `path`, or a new empty one when no file is there yet."""
    if path.exists():
        return load(path)
    data = CommentedMap()
    if language:
        data["language"] = language
    data["terms"] = []
    return Document(path=path, data=data, glossary=Glossary(language=language))


def _dump(yaml: YAML, data: Any) -> str:
    from io import StringIO

    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _render(doc: Document) -> tuple[str, splice.Layout | None]:
    """The document's text and its layout: spliced when the document was loaded from a file
    (entries unchanged since keep their text), else one whole dump."""
    style = doc.style
    if doc.layout is not None:
        yaml, one = _round_trip(replace(style, explicit_start=False)), CommentedMap()

        def entry_text(entry: Any) -> str:
            fast = emit.entry(entry, style.offset, style.sequence)
            return "terms:\n" + fast if fast is not None else _dump(yaml, _alone(one, entry))

        spliced = splice.splice(doc.layout, doc.data, entry_text)
        if spliced is not None:
            return spliced
    return _whole(doc.data, style), None


def _whole(data: Any, style: Style) -> str:
    """A whole dump; the entries gloss itself made (`emit.entry`) written directly after a
    head of plain `key: value` lines, the rest by ruamel. The same text either way."""
    terms = data.get("terms") if isinstance(data, CommentedMap) else None
    if (
        isinstance(terms, list)
        and terms
        and list(data)[-1] == "terms"
        and not (data.ca.comment or data.ca.items or data.ca.end)
        and (not isinstance(terms, CommentedSeq) or _plain_list(terms))
        and all(emit.scalar(v) is not None for k, v in data.items() if k != "terms")
    ):
        entries = [emit.entry(e, style.offset, style.sequence) for e in terms]
        if None not in entries:
            head = CommentedMap((k, v) for k, v in data.items() if k != "terms")
            start = _dump(_round_trip(style), head) if head else ""
            if style.explicit_start and not head:
                start = "---\n"
            return start + "terms:\n" + "".join(e for e in entries if e is not None)
    return _dump(_round_trip(style), data)


def _plain_list(terms: CommentedSeq) -> bool:
    return not (terms.ca.comment or terms.ca.items or terms.ca.end or terms.fa.flow_style())


def _alone(holder: CommentedMap, entry: Any) -> CommentedMap:
    holder["terms"] = CommentedSeq([entry])
    return holder


def dumps(doc: Document) -> str:
    """The text of a document in its own style (without BOM, `\\n` newlines)."""
    return _render(doc)[0]


def save(doc: Document) -> bool:
    """Write the document atomically when its text changed; True when the file was written."""
    text, layout = _render(doc)
    if text in (doc.text, doc.unedited) and doc.path.exists():
        return False
    body = text.replace("\n", doc.style.newline)
    if doc.style.bom:
        body = BOM + body
    atomic_write(doc.path, body.encode("utf-8"))
    doc.text, doc.unedited = text, None
    doc.layout = layout
    return True
