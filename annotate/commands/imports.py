"""`gloss import`: merge a dictionary or a spreadsheet into the glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from annotate.commands.common import DEFAULT_GLOSSARY, GlossaryOption, reported, warn

SourceArgument = Annotated[
    Path, typer.Argument(help="The file to import.", dir_okay=False, show_default=False)
]
FormatOption = Annotated[
    Literal["auto", "dictionary", "lines", "json", "csv", "tsv"],
    typer.Option(
        "--format",
        "-f",
        help="dictionary: the community Trigedasleng dictionary JSON; lines: translated lines "
        "as JSON (the community translations file); json: gloss's own export; "
        "csv, tsv: term and translation columns, named in a header row or first and second "
        "(OmegaT). auto goes by the file's name.",
    ),
]
CanonOption = Annotated[
    Literal["all", "canon", "noncanon"],
    typer.Option(help="Which dictionary entries to take, by their `filter`."),
]


def import_(
    source: SourceArgument,
    glossary: GlossaryOption = DEFAULT_GLOSSARY,
    fmt: FormatOption = "auto",
    canon: CanonOption = "all",
) -> None:
    """Merge entries from a dictionary or spreadsheet into the glossary: new terms come in as
    candidates, known ones gain what is new, nothing a person did is undone. A malformed row
    is reported by line and skipped, and the exit code is then 1.

    Example: gloss import dictionary.json --canon canon -g glossary.yaml
    """
    from glossary.exchange.importing import merge_imported, read_source
    from glossary.store import document as store

    with reported():
        imported = read_source(source, None if fmt == "auto" else fmt, canon)
        doc = store.load_or_new(glossary)
        report = merge_imported(doc, imported, lexicon=source.name)
        store.save(doc)
    warn(str(p) for p in imported.problems)
    summary = f"{glossary}: {len(report.added)} added, {len(report.updated)} updated"
    if report.skipped_rejected:
        summary += f", {report.skipped_rejected} rejected left alone"
    if imported.problems:
        summary += f", {len(imported.problems)} skipped"
    typer.echo(summary, err=True)
    if imported.problems:
        raise typer.Exit(1)
