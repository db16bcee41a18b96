"""`-o` for the commands that write a file: never onto a file being read."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import typer

from glossary.store.files import same_file


def refuse_inputs(output: Path, stories: Iterable[Path] = (), glossary: Path | None = None) -> None:
    """A usage error when `output` is, by identity (another spelling, a link), one of the
    files read: writing it would replace a story or the glossary with the output."""
    what = None
    if glossary is not None and same_file(output, glossary):
        what = "the glossary"
    else:
        story = next((s for s in stories if same_file(output, s)), None)
        if story is not None:
            what = "a story" if str(story) == str(output) else f"the story {story}"
    if what is not None:
        raise typer.BadParameter(
            f"{output} is {what} being read; write the output to another file",
            param_hint="'--output' / '-o'",
        )
