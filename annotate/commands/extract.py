"""`gloss extract`: read stories and merge what they say into the glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotate.commands.common import DEFAULT_GLOSSARY, GlossaryOption, reported, warn


def extract(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Story files or folders (.txt, .md, .html, .epub).", show_default=False
        ),
    ] = None,
    glossary: GlossaryOption = DEFAULT_GLOSSARY,
    lexicon: Annotated[
        str,
        typer.Option(
            "--lexicon",
            "-l",
            help="`auto` (by the glossary's language), `none`, a bundled name, or a glossary file.",
        ),
    ] = "auto",
    language: Annotated[
        str | None,
        typer.Option(help="The conlang, for a new glossary (e.g. Trigedasleng)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show what would change; write nothing.")
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Processes (default: all cores).")
    ] = None,
) -> None:
    """Find the conlang in stories and the translations they give, and merge them into the
    glossary (default stories/ into glossary.yaml). Nothing a person edited is undone.

    Example: gloss extract stories/ -g glossary.yaml --dry-run
    """
    from annotate import heap
    from annotate.commands.progress import progress_bar
    from annotate.extract.run import extract_paths
    from annotate.pool import cores
    from glossary import merge, store
    from glossary.learned import merge_learned

    saving = False
    try:
        with reported(), heap.settled():
            doc = store.load_or_new(glossary, language)
            known_language = doc.glossary.language or language
            # Each story's findings are merged as they come: memory stays flat on any corpus.
            merger = merge.Merger(doc)
            result = extract_paths(
                paths or [Path("stories")],
                lexicon,
                known_language,
                jobs,
                progress_bar("reading stories"),
                merger.add,
                settle=True,
            )
            if result.lexicon and not doc.glossary.language and "language" not in doc.data:
                doc.data.insert(0, "language", result.lexicon.language)
            heap.settle()  # what is alive now lives to the end: frozen too
            report = merger.finish()
            # learning and writing split their work in two, a half on another core (-j > 1)
            processes = jobs or cores()
            report.changes += merge_learned(doc, processes).changes  # words phrases teach
            for change in report.changes:
                typer.echo(str(change))
            saving = True
            written = False if dry_run else store.save(doc, processes)
    except KeyboardInterrupt:
        state = "is as it was or fully updated" if saving else "is as it was"
        typer.echo(f"\ninterrupted: {glossary} {state}", err=True)
        raise typer.Exit(130) from None
    warn(result.skipped)
    warn(result.errors)
    add, update = ("would add", "would update") if dry_run else ("added", "updated")
    state = "" if dry_run or written else ", unchanged"
    typer.echo(
        f"{glossary}: {add} {len(report.added)}, {update} {len(report.updated)} "
        f"from {result.stories} stor{'y' if result.stories == 1 else 'ies'}{state}",
        err=True,
    )
    if result.errors:
        raise typer.Exit(1)
