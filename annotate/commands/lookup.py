"""`gloss lookup`: the best entries for a conlang or an English query, however it is spelled."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from annotate.commands.common import DEFAULT_GLOSSARY, GlossaryOption, reported

if TYPE_CHECKING:
    from glossary.lookup import Hit

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


def _text(queries: Sequence[str], results: Sequence[Sequence[Hit]], titled: bool) -> Iterator[str]:
    indent = "  " if titled else ""
    for query, hits in zip(queries, results, strict=True):
        if titled:
            yield f"{query}:"
        if not hits and titled:
            yield f"{indent}nothing found"
        yield from (indent + hit_line(h) for h in hits)


def lookup(
    query: QueryArgument,
    glossary: GlossaryOption = DEFAULT_GLOSSARY,
    limit: LimitOption = 10,
    as_json: JsonOption = False,
) -> None:
    """Find the entries for a conlang or English query, however it is spelled: best first,
    each with what matched (term, variant or translation) and a score 0-100. Exits 1 when
    nothing matches (every query, when there are several).

    Example: gloss lookup wanheddaa -g glossary.yaml
    """
    from glossary.lookup import Index
    from glossary.reading import read

    several = query != [query[0]] or query == ["-"]
    queries = [q.strip() for q in sys.stdin if q.strip()] if query == ["-"] else query
    with reported():
        index = Index(read(glossary))
    results = [index.lookup(q, limit) for q in queries]
    if as_json and not several:
        typer.echo(json.dumps([hit_json(h) for h in results[0]], ensure_ascii=False))
    elif as_json:
        for q, hits in zip(queries, results, strict=True):
            row = {"query": q, "hits": [hit_json(h) for h in hits]}
            typer.echo(json.dumps(row, ensure_ascii=False))
    else:
        for line in _text(queries, results, titled=several):
            typer.echo(line)
        if not several and not results[0]:
            typer.echo(f"gloss: nothing found for {queries[0]!r}", err=True)
    if not any(results):
        raise typer.Exit(1)
