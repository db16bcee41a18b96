"""`gloss lookup`: the best entries for a conlang or an English query, however it is spelled."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from annotate.commands.common import (
    DEFAULT_GLOSSARY,
    GlossaryOption,
    glossary_needed,
    language_respellings,
    reported,
)

if TYPE_CHECKING:
    from glossary.learn import Learned
    from glossary.lookup import Hit
    from glossary.models import Glossary

QueryArgument = Annotated[
    list[str],
    typer.Argument(
        help="Conlang or English words, a whole line or part of one. Several arguments are "
        "several queries; `-` reads one query per line from stdin.",
        show_default=False,
    ),
]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="Hits per query.")]
JsonOption = Annotated[
    bool,
    typer.Option(
        "--json",
        help="Print JSON: an array of hits for one query; for several, one "
        '{"query": ..., "hits": [...]} object per line.',
    ),
]


def hit_json(hit: Hit) -> dict[str, Any]:
    entry = hit.entry
    return {
        "term": entry.term,
        "translations": entry.translations,
        "score": hit.score,
        "kind": entry.kind,
        "status": entry.status,
        "matched": hit.matched,
        "text": hit.text,
        "query": hit.query,
    }


def hit_line(hit: Hit) -> str:
    """`Heda: commander  [title, variant 'Hedda' 89 for 'heda']`"""
    entry = hit.entry
    meaning = "; ".join(entry.translations) or "(no translation yet)"
    what = hit.matched if hit.text == entry.term else f"{hit.matched} {hit.text!r}"
    part = "" if hit.whole else f" for {hit.query!r}"
    return f"{entry.term}: {meaning}  [{entry.kind}, {what} {hit.score}{part}]"


def learned_json(item: Learned) -> dict[str, Any]:
    """A word no entry has, with the glosses learned from the glossary's phrases."""
    return {
        "term": item.spelling,
        "translations": [s.gloss for s in item.glosses],
        "score": 100,
        "kind": "word",
        "status": "candidate",
        "matched": "term",
        "text": item.spelling,
        "query": item.word,
        "learned": True,
        "confidence": item.glosses[0].score,
        "phrases": len(item.evidence),
    }


def learned_line(item: Learned) -> str:
    """`ste: ~be; not  [learned from 3 phrases, 0.70]`"""
    meaning = "; ".join(s.gloss for s in item.glosses)
    phrases = len(item.evidence)
    return (
        f"{item.spelling}: ~{meaning}  [learned from {phrases} phrase{'s' * (phrases != 1)}, "
        f"{item.glosses[0].score:.2f}]"
    )


def _taught(
    glossary: Glossary, queries: Sequence[str], results: Sequence[Sequence[Hit]], limit: int
) -> list[list[Learned]]:
    """For a query no entry answers: its words the glossary's phrases teach (learned only
    then, and only for words that stand in a phrase)."""
    if all(results):
        return [[] for _ in queries]
    from glossary.learned import Glosser

    glosser = Glosser(glossary)
    return [
        [] if hits else glosser.lookup(q)[:limit] for q, hits in zip(queries, results, strict=True)
    ]


def _text(
    queries: Sequence[str],
    results: Sequence[Sequence[Hit]],
    taught: Sequence[Sequence[Learned]],
    titled: bool,
) -> Iterator[str]:
    indent = "  " if titled else ""
    for query, hits, learned in zip(queries, results, taught, strict=True):
        if titled:
            yield f"{query}:"
        if not hits and not learned and titled:
            yield f"{indent}nothing found"
        yield from (indent + hit_line(h) for h in hits)
        yield from (indent + learned_line(item) for item in learned)


def lookup(
    query: QueryArgument,
    glossary: GlossaryOption = DEFAULT_GLOSSARY,
    limit: LimitOption = 10,
    as_json: JsonOption = False,
) -> None:
    """Find the entries for a conlang or English query, however it is spelled: best first,
    each with what matched (term, variant or translation) and a score 0-100. A word no entry
    has gets the glosses learned from the glossary's phrases, marked `~` (`"learned": true`
    in JSON). Exits 1 when nothing matches (every query, when there are several).

    Example: gloss lookup wanheddaa -g glossary.yaml
    """
    from glossary.lookup import Index
    from glossary.reading import read

    several = query != [query[0]] or query == ["-"]
    queries = [q.strip() for q in sys.stdin if q.strip()] if query == ["-"] else query
    with reported():
        glossary_needed(glossary)
        known = read(glossary)
        index = Index(known, language_respellings(known))
    results = [index.lookup(q, limit) for q in queries]
    taught = _taught(known, queries, results, limit)
    found = [
        [*map(hit_json, h), *map(learned_json, t)] for h, t in zip(results, taught, strict=True)
    ]
    if as_json and not several:
        typer.echo(json.dumps(found[0], ensure_ascii=False))
    elif as_json:
        for q, rows in zip(queries, found, strict=True):
            typer.echo(json.dumps({"query": q, "hits": rows}, ensure_ascii=False))
    else:
        for line in _text(queries, results, taught, titled=several):
            typer.echo(line)
        if not several and not found[0]:
            typer.echo(f"gloss: nothing found for {queries[0]!r}", err=True)
    if not any(found):
        raise typer.Exit(1)
