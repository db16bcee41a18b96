"""`gloss export`: the glossary for other tools (spreadsheets, OmegaT, TBX, Anki, notes)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from annotate.commands.common import DEFAULT_GLOSSARY, GlossaryOption, reported

FormatOption = Annotated[
    Literal["csv", "tsv", "tbx", "anki", "apkg", "markdown", "json"],
    typer.Option(
        "--format",
        "-f",
        help="csv: every field, comes back in with `gloss import`; tsv: an OmegaT glossary "
        "(source, target, comment); tbx: TBX-Core (ISO 30042); anki: a CSV Anki imports, with "
        "an example sentence from the sources; apkg: an Anki deck (with -o), one note per "
        "term that a later export updates; markdown: a table for a story's notes; json: "
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
    """Write the glossary in another format. Rejected entries are left out of tsv, tbx, anki,
    apkg and markdown; csv and json keep everything.

    Example: gloss export --format apkg -o trigedasleng.apkg
    """
    from annotate.commands.output import refuse_inputs
    from glossary.store.files import atomic_write
    from glossary.store.reading import read

    if fmt == "apkg":
        _deck(glossary, output)
        return
    if output is not None:
        refuse_inputs(output, glossary=glossary)
    with reported():
        from glossary.exchange.exporters import export as render

        text = render(read(glossary), fmt)
        if output is not None:
            atomic_write(output, text.encode("utf-8"))
    if output is None:
        typer.echo(text, nl=False)


def _deck(glossary: Path, output: Path | None) -> None:
    """An Anki deck is a binary file, so it is only ever written to a file, never to a terminal."""
    import time

    from annotate.commands.output import refuse_inputs
    from glossary.exchange.anki_deck import to_apkg
    from glossary.store.files import atomic_write
    from glossary.store.reading import read

    if output is None:
        raise typer.BadParameter(
            "apkg is a binary file (an Anki deck): give the file to write, e.g. -o deck.apkg",
            param_hint="'--output' / '-o'",
        )
    refuse_inputs(output, glossary=glossary)
    with reported():
        atomic_write(output, to_apkg(read(glossary), now=time.time()))
