"""`gloss annotate`: print stories with the glossary's terms glossed where they stand."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from annotate.commands.common import DEFAULT_GLOSSARY, GlossaryOption, reported, warn


class Format(StrEnum):
    inline = "inline"
    json = "json"


def annotate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Story files or folders (default: stories/).")
    ] = None,
    glossary: GlossaryOption = DEFAULT_GLOSSARY,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = (
        Format.inline
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
    first: Annotated[
        bool, typer.Option("--first", help="Gloss only the first occurrence per story.")
    ] = False,
) -> None:
    """Print stories with every known conlang term glossed where it stands.

    Example: gloss annotate stories/002_8293946bfcb2c4ab.txt -g glossary.yaml
    """
    import json

    from annotate.readers import Skipped, find_stories, read_story
    from annotate.render import inline, json_spans
    from annotate.spotting import Spotter
    from glossary import store
    from glossary.errors import GlossError

    with reported():
        spotter = Spotter(store.read(glossary))
    failed = False
    texts: list[str] = []
    groups: list[dict[str, Any]] = []
    for found in find_stories(paths or [Path("stories")]):
        if isinstance(found, Skipped):
            continue
        try:
            story = read_story(found)
        except GlossError as err:
            warn(err.lines())
            failed = True
            continue
        spots = spotter.spot(story, first=first)
        if format is Format.json:
            groups.append(json_spans.story_spans(story, spots))
        else:
            texts.append(inline.render(story, spots))
    body = (
        json.dumps(groups, ensure_ascii=False, indent=2) + "\n"
        if format is Format.json
        else "\n\n".join(texts) + "\n"
    )
    if output is None:
        typer.echo(body, nl=False)
    else:
        with reported():
            store.atomic_write(output, body.encode("utf-8"))
    if failed:
        raise typer.Exit(1)
