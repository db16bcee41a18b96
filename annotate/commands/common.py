"""What the commands share: the glossary option and turning GlossError into a message."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from glossary.errors import GlossError

if TYPE_CHECKING:
    from glossary.models import Glossary

DEFAULT_GLOSSARY = Path("glossary.yaml")

GlossaryOption = Annotated[
    Path,
    typer.Option("--glossary", "-g", help="The glossary file.", show_default=True, dir_okay=False),
]


def warn(lines: Iterable[str]) -> None:
    for line in lines:
        typer.echo(line, err=True)


@contextmanager
def until_reader_leaves() -> Iterator[None]:
    """Print to a reader that may stop reading (`gloss annotate stories/ | head -1`): its
    closing the pipe ends the output, and is no error. The command goes on after the block
    (the work inside stopped), with nothing more printed: stdout then goes nowhere, so no
    later write and no flush at exit fails again."""
    try:
        yield
    except BrokenPipeError:
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
        os.close(nowhere)


@contextmanager
def reported() -> Iterator[None]:
    """Turn the domain error into its lines on stderr and exit code 1."""
    try:
        yield
    except GlossError as err:
        warn(err.lines())
        raise typer.Exit(1) from None


def glossary_needed(path: Path) -> None:
    """Before there is a glossary, say how to make one (not just `no such file`)."""
    if path.exists():
        return
    option = "" if path == DEFAULT_GLOSSARY else f" -g {path}"
    raise GlossError(
        f"{path}: no glossary yet; make one from stories with `gloss extract STORIES{option}`"
        f" or from a dictionary with `gloss import FILE{option}`"
    )


def language_respellings(glossary: Glossary) -> dict[str, str] | None:
    """The respellings (`crew: kru`) of the bundled lexicon of the glossary's language, for a
    glossary that states none of its own; None when it does or there is no such lexicon.
    Raises GlossError when that lexicon is broken."""
    from glossary.lookup.index import own_respellings

    if own_respellings(glossary) is not None:
        return None  # the glossary's own win: the lexicon is not even read
    from annotate.lexicon import load_lexicon

    lexicon = load_lexicon("auto", glossary.language)
    return lexicon.grammar.respellings if lexicon else None
