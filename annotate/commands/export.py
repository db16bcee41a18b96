"""`gloss export`: the glossary for other tools (spreadsheets, OmegaT, TBX, Anki, notes)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from annotate.commands.common import DEFAULT_GLOSSARY, GlossaryOption, reported

FormatOption = Annotated[
    Literal["csv", "tsv", "tbx", "anki", "markdown", "json"],
    typer.Option(
        "--format",
        "-f",
        help="csv: every field, comes back in with `gloss import`; tsv: an OmegaT glossary "
        "(source, target, comment); tbx: TBX-Core (ISO 30042); anki: a CSV Anki imports, with "
        "an example sentence from the sources; markdown: a table for a story's notes; json: "
        "everything, comes back in with `gloss import`.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write here (atomically) instead of to stdout.", dir_okay=False
    ),
]


def export(
    fmt: FormatOption,
    glossary: GlossaryOption = DEFAULT_GLOSSARY,
    output: OutputOption = None,
) -> None:
    """Write the glossary in another format. Rejected entries are left out of tsv, tbx, anki
    and markdown; csv and json keep everything.

    Example: gloss export --format anki -o trigedasleng-anki.csv
    """
    from annotate.commands.output import refuse_inputs
    from glossary.exporters import export as render
    from glossary.files import atomic_write
    from glossary.store import read

    if output is not None:
        refuse_inputs(output, glossary=glossary)
    with reported():
        text = render(read(glossary), fmt)
        if output is not None:
            atomic_write(output, text.encode("utf-8"))
    if output is None:
        typer.echo(text, nl=False)
