"""Reading glossaries from elsewhere: the community dictionary JSON, CSV and TSV.

Each reader returns `Record`s (one per row or dictionary entry) and the `Problem`s of the rows
it skipped, positioned by line; it never stops at a bad row. `glossary.imports` merges records.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from glossary.errors import GlossError, Problem
from glossary.models import Entry, Kind
from glossary.spelling import fold

Canon = Literal["all", "canon", "noncanon"]

# The parts of speech the community dictionary folds into its translations ("noun: leader").
PARTS_OF_SPEECH = frozenset(
    {
        "noun",
        "verb",
        "adjective",
        "adverb",
        "phrase",
        "pronoun",
        "proper noun",
        "number",
        "preposition",
        "interjection",
        "auxiliary",
        "conjunction",
        "satellite",
        "idiom",
        "particle",
        "noun/adjective/adverb",
        "noun/adjective",
        "none",
    }
)
_LABEL = re.compile(r"^\s*([a-z][a-z /]*?)\s*:\s*")
_GROUP = re.compile(r"\b(people|nation|clan)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Record:
    """One imported entry and the line of the file it starts on."""

    entry: Entry
    line: int


@dataclass
class Imported:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # rows skipped, by line
    grouped: bool = True  # fold records of one spelling into one entry (homographs)


def split_senses(text: str) -> tuple[list[str], list[str]]:
    """`noun: leader; commander; adverb: well` -> (senses, parts of speech).

    Senses are split by `;`; a part of speech may open any sense and is taken out of it.
    """
    senses: list[str] = []
    parts: list[str] = []
    for piece in text.split(";"):
        label = _LABEL.match(piece)
        if label and label.group(1) in PARTS_OF_SPEECH:
            if label.group(1) != "none":
                parts.append(label.group(1))
            piece = piece[label.end() :]
        piece = piece.strip()
        if piece:
            senses.append(piece)
    return list(dict.fromkeys(senses)), list(dict.fromkeys(parts))


def kind_of(term: str, senses: list[str], parts: list[str]) -> Kind:
    """The glossary kind a dictionary entry's part of speech suggests."""
    if parts and all(p in ("phrase", "idiom") for p in parts):
        return "phrase"
    if "proper noun" in parts:
        # Clans and peoples (`Trikru`: Tree People) are groups; other proper nouns vary.
        is_group = fold(term).endswith("kru") or any(_GROUP.search(s) for s in senses)
        return "group" if is_group else "other"
    return "word"


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _json_items(text: str, label: str) -> Iterator[tuple[int, Any]]:
    """The items of a top-level JSON array, each with the line it starts on."""
    decoder = json.JSONDecoder()
    at = len(text) - len(text.lstrip())
    if not text.startswith("[", at):
        raise GlossError(f"{label}: not a dictionary export (a JSON array of entries)")
    at += 1
    line, counted = 1, 0  # lines counted as we go: counting from the start each time is O(n^2)
    while True:
        while at < len(text) and text[at] in " \t\r\n,":
            at += 1
        if at >= len(text) or text[at] == "]":
            return
        try:
            item, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError as err:
            line = text.count("\n", 0, err.pos) + 1
            column = err.pos - (text.rfind("\n", 0, err.pos) + 1) + 1
            raise GlossError(
                "invalid JSON", [Problem(label, line, column, f"invalid JSON: {err.msg}")]
            ) from None
        line += text.count("\n", counted, at)
        counted = at
        yield line, item
        at = end


def _canon_ok(value: str, canon: Canon) -> bool:
    value = value.casefold()
    if canon == "canon":
        return value == "canon"
    if canon == "noncanon":
        return "noncanon" in value
    return True


def read_dictionary(text: str, label: str, canon: Canon = "all") -> Imported:
    """The community dictionary export: `[{word, translation, etymology, note, filter}, ...]`.

    Homographs (one word, several entries) come back as several records; merging folds them
    into one entry whose senses are all kept.
    """
    out = Imported()
    for line, item in _json_items(text, label):
        if not isinstance(item, dict):
            out.problems.append(Problem(label, line, 1, "skipped: an entry is a JSON object"))
            continue
        term, meaning = _text(item.get("word")), _text(item.get("translation"))
        if not term:
            out.problems.append(Problem(label, line, 1, "skipped: no `word`"))
            continue
        if not _canon_ok(_text(item.get("filter")), canon):
            continue
        senses, parts = split_senses(meaning)
        entry = Entry(
            term=term,
            translations=senses,
            kind=kind_of(term, senses, parts),
            pos=", ".join(parts) or None,
            etymology=_text(item.get("etymology")).removeprefix("from:").strip() or None,
            notes=_text(item.get("note")) or None,
        )
        out.records.append(Record(entry, line))
    return out


# Keys a file of translated lines may name its conlang line by (the community translations
# file of Trigedasleng: `{"trigedasleng": ..., "translation": ...}`).
LINE_KEYS = ("conlang", "phrase", "line", "trigedasleng")
_LINES = re.compile(r'^\s*\[\s*\{[^{}]*"(?:' + "|".join(LINE_KEYS) + r')"\s*:')


def read_lines(text: str, label: str) -> Imported:
    """Translated lines: `[{trigedasleng|conlang|phrase|line, translation}, ...]`, each a
    phrase entry with its translation as it stands (never split into senses)."""
    out = Imported()
    for line, item in _json_items(text, label):
        fields = item if isinstance(item, dict) else {}
        term = next((_text(fields.get(k)) for k in LINE_KEYS if _text(fields.get(k))), "")
        if not term:
            out.problems.append(Problem(label, line, 1, f"skipped: no `{LINE_KEYS[-1]}` line"))
            continue
        translation = _text(fields.get("translation"))
        entry = Entry(term=term, translations=[translation] if translation else [], kind="phrase")
        out.records.append(Record(entry, line))
    return out


def read_gloss_json(text: str, label: str) -> Imported:
    """gloss's own JSON export (`gloss export --format json`): every field comes back."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise GlossError(
            "invalid JSON", [Problem(label, err.lineno, err.colno, f"invalid JSON: {err.msg}")]
        ) from None
    out = Imported(grouped=False)  # entries a person kept apart stay apart
    items = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise GlossError(f"{label}: not a gloss JSON export (an object with a `terms` list)")
    for number, item in enumerate(items, 1):
        try:
            out.records.append(Record(Entry.model_validate(item), number))
        except ValidationError as err:
            where = ".".join(str(p) for p in err.errors()[0]["loc"]) or "entry"
            message = f"skipped term {number}: {where}: {err.errors()[0]['msg']}"
            out.problems.append(Problem(label, 0, 0, message))
    return out


# Header names a table may use for each field (OmegaT calls them source, target, comment).
_COLUMNS: dict[str, tuple[str, ...]] = {
    "term": ("term", "source", "word", "conlang"),
    "translations": ("translations", "translation", "target", "meaning", "english"),
    "variants": ("variants", "variant"),
    "kind": ("kind",),
    "pos": ("pos", "part of speech"),
    "notes": ("notes", "note", "comment", "comments"),
}
LIST_SEPARATOR = ";"  # translations and variants within one cell
# A cell `gloss export` quoted so that no spreadsheet runs it as a formula (`'=x`, `'-kru`).
_QUOTED_FORMULA = re.compile(r"^'(?='*[=+\-@\t\r])")


def _cell_list(value: str) -> list[str]:
    return [p.strip() for p in value.split(LIST_SEPARATOR) if p.strip()]


def _header(row: list[str]) -> dict[str, int] | None:
    """Which column holds which field, when the first row names them: a term column and a
    translation column (or nothing else). An OmegaT row whose comment is `word` is no header."""
    names = [fold(cell) for cell in row]
    found: dict[str, int] = {}
    for name, aliases in _COLUMNS.items():
        for i, cell in enumerate(names):
            if cell in aliases and i not in found.values():
                found[name] = i
                break
    if "term" not in found or ("translations" not in found and len(row) > 1):
        return None
    return found


def read_table(text: str, label: str, delimiter: str) -> Imported:
    """CSV or TSV with term and translation columns: named in a header row, or the first two
    columns (then a third is a comment, as in an OmegaT glossary)."""
    out = Imported()
    # A TSV (OmegaT) field is never quoted: a `"` in it is a quote mark, not CSV quoting.
    tsv = delimiter == "\t"
    rows = csv.reader(
        io.StringIO(text),
        delimiter=delimiter,
        quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL,
    )
    columns: dict[str, int] | None = None
    for number, row in enumerate(rows):
        line = rows.line_num
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if number == 0 and (columns := _header(row)) is not None:
            continue
        if columns is None:
            columns = {"term": 0, "translations": 1, "notes": 2}
        if (record := _row_record(row, columns, line, label, out.problems)) is not None:
            out.records.append(record)
    return out


def _unquoted(cell: str) -> str:
    return _QUOTED_FORMULA.sub("", cell, count=1).strip()


def _row_record(
    row: list[str], columns: dict[str, int], line: int, label: str, problems: list[Problem]
) -> Record | None:
    cells = {name: _unquoted(row[i]) if i < len(row) else "" for name, i in columns.items()}
    if not cells["term"]:
        problems.append(Problem(label, line, 1, "skipped: no term"))
        return None
    if "translations" in columns and columns["translations"] >= len(row):
        problems.append(Problem(label, line, 1, f"skipped: no translation for {cells['term']!r}"))
        return None
    try:
        entry = Entry(
            term=cells["term"],
            translations=_cell_list(cells.get("translations", "")),
            variants=_cell_list(cells.get("variants", "")),
            kind=cells.get("kind", "").casefold() or "word",
            pos=cells.get("pos") or None,
            notes=cells.get("notes") or None,
        )
    except ValidationError as err:
        first = err.errors()[0]
        what = ".".join(str(p) for p in first["loc"])
        problems.append(Problem(label, line, 1, f"skipped: {what}: {first['msg']}"))
        return None
    return Record(entry, line)


Format = Literal["dictionary", "lines", "json", "csv", "tsv"]
FORMATS: tuple[Format, ...] = ("dictionary", "lines", "json", "csv", "tsv")


def guess_format(name: str, text: str) -> Format:
    """By the file's suffix; a `.json` file by its shape (an array is the dictionary, or
    translated lines when its first item names a line)."""
    suffix = name.rsplit(".", 1)[-1].casefold()
    if suffix == "json":
        if _LINES.match(text[:4096]):
            return "lines"
        return "dictionary" if text.lstrip().startswith("[") else "json"
    if suffix in ("tsv", "tab", "txt", "utf8"):  # OmegaT glossaries are .txt or .utf8
        return "tsv"
    if suffix == "csv":
        return "csv"
    raise GlossError(f"{name}: cannot tell the format; give --format {'|'.join(FORMATS)}")


def read(text: str, label: str, fmt: Format, canon: Canon = "all") -> Imported:
    """The records of a file in any format gloss imports."""
    readers: dict[Format, Callable[[], Imported]] = {
        "dictionary": lambda: read_dictionary(text, label, canon),
        "lines": lambda: read_lines(text, label),
        "json": lambda: read_gloss_json(text, label),
        "csv": lambda: read_table(text, label, ","),
        "tsv": lambda: read_table(text, label, "\t"),
    }
    try:
        return readers[fmt]()
    except RecursionError:  # `[[[[...` a hundred thousand deep: json gives up, and so do we
        raise GlossError(f"{label}: nested too deeply to read") from None
