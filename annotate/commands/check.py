"""`gloss check`: validate a glossary, problems as FILE:LINE:COL: message."""

from __future__ import annotations

import typer

from annotate.commands.common import DEFAULT_GLOSSARY, GlossaryOption, warn


def check(glossary: GlossaryOption = DEFAULT_GLOSSARY) -> None:
    """Validate a glossary file: syntax, types, unknown keys, empty terms, spellings claimed
    by two entries, YAML aliases (one value shared by two places, which gloss writes out in
    full). Prints each problem as FILE:LINE:COL: message and exits 1 if any.

    Example: gloss check -g glossary.yaml
    """
    from glossary.store.checks import check_file

    problems = check_file(glossary)
    warn(str(p) for p in problems)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{glossary}: ok", err=True)
