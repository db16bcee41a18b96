"""What the commands share: the glossary option and turning GlossError into a message."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from glossary.errors import GlossError

DEFAULT_GLOSSARY = Path("glossary.yaml")

GlossaryOption = Annotated[
    Path,
    typer.Option("--glossary", "-g", help="The glossary file.", show_default=True, dir_okay=False),
]


def warn(lines: Iterable[str]) -> None:
    for line in lines:
        typer.echo(line, err=True)


@contextmanager
def reported() -> Iterator[None]:
    """Turn the domain error into its lines on stderr and exit code 1."""
    try:
        yield
    except GlossError as err:
        warn(err.lines())
        raise typer.Exit(1) from None
