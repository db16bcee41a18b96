"""`gloss learn`: word glosses learned from the glossary's phrases and their translations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from annotate.commands.common import (
    DEFAULT_GLOSSARY,
    GlossaryOption,
    glossary_needed,
    reported,
    warn,
)

if TYPE_CHECKING:
    from glossary.exchange.formats import Imported
    from glossary.learn.glosser import Lesson
    from glossary.learn.words import Learned

PairsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--pairs",
        "-p",
        metavar="FILE",
        dir_okay=False,
        help="More phrases with translations, in any format `gloss import` reads (the "
        "community translations JSON too); its single words with a translation are known "
        "words. May be given more than once.",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool,
    typer.Option(
        "--json", help="Print a JSON list of {word, glosses: [{gloss, score}], evidence}."
    ),
]
NewOption = Annotated[
    bool, typer.Option("--new", help="Only the words no entry of the glossary covers.")
]


def learn(
    glossary: GlossaryOption = DEFAULT_GLOSSARY,
    pairs: PairsOption = None,
    as_json: JsonOption = False,
    new: NewOption = False,
) -> None:
    """Learn what each conlang word means from the phrases and their translations (the
    glossary's phrase entries and sources, and --pairs files), with the entries of single
    words as fixed points. Each word: its likely glosses with a score 0-1, and how many
    phrases support the best one. Without the glossary file, --pairs alone are used.

    Example: gloss learn -g glossary.yaml --pairs translations.json --new
    """
    from glossary.exchange.importing import read_source
    from glossary.learn.glosser import lesson
    from glossary.models import Glossary
    from glossary.store.reading import read

    files: list[tuple[str, Imported]] = []
    with reported():
        if not pairs:
            glossary_needed(glossary)
        known = read(glossary) if glossary.exists() or not pairs else Glossary()
        for path in pairs or []:
            files.append((path.name, read_source(path)))
        result = lesson(known, files)
    problems = [str(p) for _, imported in files for p in imported.problems]
    warn(problems)
    words = [w for w in result.words if not (new and result.has_entry(w))]
    if as_json:
        typer.echo(json.dumps([_json(w, result) for w in words], ensure_ascii=False, indent=1))
    else:
        for line in _table(words, result):
            typer.echo(line)
    typer.echo(_summary(result), err=True)
    if problems:
        raise typer.Exit(1)


def _summary(result: Lesson) -> str:
    """`learned 4 words from 1 phrase (2 translations; 10 known words)`: phrases counted as
    the rows count them, a phrase translated twice once."""
    more = [_count(result.anchors, "known word")]
    if result.pairs != result.phrases:
        more.insert(0, _count(result.pairs, "translation"))
    return (
        f"learned {_count(len(result.words), 'word')} from {_count(result.phrases, 'phrase')}"
        f" ({'; '.join(more)})"
    )


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _glosses(item: Learned) -> str:
    return ", ".join(f"{s.gloss} {s.score:.2f}" for s in item.glosses) or "?"


def _table(words: list[Learned], result: Lesson) -> list[str]:
    """`gonplei  fight 0.94, battle 0.05  3 phrases`, columns aligned."""
    rows = [(w.spelling, _glosses(w), _support(w, result)) for w in words]
    first = max((len(r[0]) for r in rows), default=0)
    second = max((len(r[1]) for r in rows), default=0)
    return [f"{a:<{first}}  {b:<{second}}  {c}".rstrip() for a, b, c in rows]


def _support(item: Learned, result: Lesson) -> str:
    said = _count(len(item.evidence), "phrase")
    return f"{said}, has an entry" if result.has_entry(item) else said


def _json(item: Learned, result: Lesson) -> dict[str, Any]:
    return {
        "word": item.spelling,
        "glosses": [{"gloss": s.gloss, "score": s.score} for s in item.glosses],
        "evidence": [
            {
                key: value
                for key, value in {
                    "phrase": p.conlang,
                    "translation": p.english,
                    "story": p.story,
                    "line": p.line,
                }.items()
                if value is not None
            }
            for p in item.evidence
        ],
        "phrases": len(item.evidence),
        "seen": item.seen,
        "entry": result.has_entry(item),
    }
