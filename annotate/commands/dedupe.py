"""`gloss dedupe`: entries that are probably one term, and merging the ones a person keeps."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from annotate.commands.common import (
    DEFAULT_GLOSSARY,
    GlossaryOption,
    glossary_needed,
    language_respellings,
    reported,
)

if TYPE_CHECKING:
    from glossary.dedupe import Pair
    from glossary.models import Entry, Glossary

ApplyOption = Annotated[
    str | None,
    typer.Option(
        "--apply",
        metavar="N,N...|all",
        help="Merge these pairs (numbers as listed), or all of them. Nothing is lost: the "
        "merged entry's translations, spellings, sources, notes and comments move over.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="List the pairs as JSON.")]


def _chosen(value: str, count: int) -> list[int]:
    """Pair numbers (1-based) from `1,3` or `all`; a usage error for anything else."""
    if value.strip().casefold() == "all":
        return list(range(count))
    chosen = []
    for part in value.replace(" ", "").split(","):
        if not part.isdigit() or not 1 <= int(part) <= count:
            raise typer.BadParameter(
                f"{part!r} is not a pair number (1 to {count}) or `all`", param_hint="--apply"
            )
        chosen.append(int(part) - 1)
    return list(dict.fromkeys(chosen))


def _said(entry: Entry) -> str:
    return f"{entry.term} ({'; '.join(entry.translations) or 'no translation'})"


def _line(number: int, pair: Pair, glossary: Glossary) -> str:
    keep, gone = glossary.terms[pair.keep], glossary.terms[pair.merge]
    return f"{number}. {_said(keep)} <- {_said(gone)}  [{pair.reason}, {pair.score}]"


def _json(pair: Pair, glossary: Glossary) -> dict[str, object]:
    keep, gone = glossary.terms[pair.keep], glossary.terms[pair.merge]
    return {"keep": keep.term, "merge": gone.term, "score": pair.score, "reason": pair.reason}


def dedupe(
    glossary: GlossaryOption = DEFAULT_GLOSSARY,
    apply: ApplyOption = None,
    as_json: JsonOption = False,
) -> None:
    """List entries that are probably one term, the entry to keep first: one spelling (also
    with different translations, marked `same spelling, different translations`: homographs
    or one word, for you to say), one's variant the other's spelling, or spelled alike with a
    sense in common. Spelled alike but not the same, with different senses (gouthru klir,
    safe passage; gouthru klin, suicide), is never listed. With --apply, merge the pairs a
    person keeps.

    Example: gloss dedupe -g glossary.yaml, then gloss dedupe --apply 1,3 -g glossary.yaml
    """
    from glossary.dedupe import apply as merge_pairs
    from glossary.dedupe import candidates
    from glossary.store import document as store
    from glossary.store import reading

    with reported():
        glossary_needed(glossary)
        doc = store.load(glossary) if apply is not None else None
        model = doc.glossary if doc is not None else reading.read(glossary)
        pairs = candidates(model, language_respellings(model))
        if doc is not None and pairs:
            done = merge_pairs(doc, [pairs[i] for i in _chosen(apply or "", len(pairs))])
            store.save(doc)
    if not pairs:
        typer.echo("[]" if as_json and doc is None else "", nl=as_json and doc is None)
        typer.echo(f"{glossary}: no likely duplicates", err=True)
    elif doc is not None:
        typer.echo("\n".join([*done, f"{glossary}: {len(done)} merged"]), err=True)
    elif as_json:
        typer.echo(json.dumps([_json(p, model) for p in pairs], ensure_ascii=False))
    else:
        typer.echo("\n".join(_line(n, p, model) for n, p in enumerate(pairs, 1)))
