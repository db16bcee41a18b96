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
    from glossary.learn.words import Learned
    from glossary.lookup.index import Hit
    from glossary.lookup.indexed import Indexed

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
    """A hit; `"inside": true` when the query is one of the words of the phrase matched."""
    entry = hit.entry
    found: dict[str, Any] = {
        "term": entry.term,
        "translations": entry.translations,
        "score": hit.score,
        "kind": entry.kind,
        "status": entry.status,
        "matched": hit.matched,
        "text": hit.text,
        "query": hit.query,
    }
    if hit.inside:
        found["inside"] = True
    return found


def hit_line(hit: Hit) -> str:
    """`Heda: commander  [title, variant 'Hedda' 89 for 'heda']`; a phrase holding the
    word asked for: `[phrase, 'ste' in term 59]`."""
    entry = hit.entry
    meaning = "; ".join(entry.translations) or "(no translation yet)"
    what = hit.matched if hit.text == entry.term else f"{hit.matched} {hit.text!r}"
    if hit.inside:
        return f"{entry.term}: {meaning}  [{entry.kind}, {hit.query!r} in {what} {hit.score}]"
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
    ready: Indexed, queries: Sequence[str], results: Sequence[Sequence[Hit]], limit: int
) -> list[list[Learned]]:
    """For a query with a word no entry is spelled like but some phrase holds: what the
    glossary's phrases teach about its words (the glossary read and learned only then)."""
    index = ready.index
    asks = [
        not any(h.whole and not h.inside and h.matched != "translation" for h in hits)
        and any(index.in_phrases(w) and not index.spelled(w) for w in q.split())
        for q, hits in zip(queries, results, strict=True)
    ]
    if not any(asks):
        return [[] for _ in queries]
    from glossary.learn.glosser import Glosser

    glosser = Glosser(ready.glossary)
    return [glosser.lookup(q)[:limit] if ask else [] for q, ask in zip(queries, asks, strict=True)]


def _ordered(hits: Sequence[Hit], learned: Sequence[Learned]) -> Iterator[Hit | Learned]:
    """The whole query's own answers, then what its words were learned to mean, then the
    rest (phrases holding it, answers for some of its words)."""
    yield from (h for h in hits if h.whole and not h.inside)
    yield from learned
    yield from (h for h in hits if not h.whole or h.inside)


def _lexicons() -> bytes:
    """The bundled lexicons' bytes, hashed: a lookup index built with a language's
    respellings is rebuilt when its lexicon changes (read, not parsed: a few microseconds)."""
    import hashlib
    from importlib import resources

    digest = hashlib.blake2b(digest_size=16)
    folder = resources.files("annotate.lexicons")
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".yaml"):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.digest()


def _text(
    queries: Sequence[str],
    results: Sequence[Sequence[Hit]],
    taught: Sequence[Sequence[Learned]],
    titled: bool,
) -> Iterator[str]:
    from glossary.lookup.index import Hit

    indent = "  " if titled else ""
    for query, hits, learned in zip(queries, results, taught, strict=True):
        if titled:
            yield f"{query}:"
        if not hits and not learned and titled:
            yield f"{indent}nothing found"
        for item in _ordered(hits, learned):
            yield indent + (hit_line(item) if isinstance(item, Hit) else learned_line(item))


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
    from glossary.lookup.index import Hit
    from glossary.lookup.indexed import indexed

    several = query != [query[0]] or query == ["-"]
    queries = [q.strip() for q in sys.stdin if q.strip()] if query == ["-"] else query
    with reported():
        glossary_needed(glossary)
        ready = indexed(glossary, language_respellings, _lexicons())
        results = [ready.index.lookup(q, limit) for q in queries]
        taught = _taught(ready, queries, results, limit)  # reads the glossary: may raise
    found = [
        [
            hit_json(item) if isinstance(item, Hit) else learned_json(item)
            for item in _ordered(hits, learned)
        ]
        for hits, learned in zip(results, taught, strict=True)
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
