"""`gloss annotate`: print stories with the glossary's terms glossed where they stand."""

from __future__ import annotations

import os
import sys
from contextlib import closing
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from annotate.commands.common import DEFAULT_GLOSSARY, GlossaryOption, reported, warn
from annotate.render.formats import Format

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from annotate.render.model import Glossed, Rendered


def annotate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Story files or folders (.txt, .md, .html, .epub; default: stories/).",
            show_default=False,
        ),
    ] = None,
    glossary: GlossaryOption = DEFAULT_GLOSSARY,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="inline: `word [gloss]`; footnotes: numbered notes; interlinear: Leipzig-style"
            " glosses under conlang lines; markdown; html: one page, glosses on hover and tap;"
            " json: the glossed spans with offsets.",
        ),
    ] = Format.inline,
    output: Annotated[
        str | None,  # a str: a Path would drop the trailing `/` that asks for a folder
        typer.Option(
            "--output",
            "-o",
            metavar="OUT",
            help="Write to this file instead of stdout; to a folder (existing, or ending in /):"
            " one file per story.",
            show_default=False,
        ),
    ] = None,
    first: Annotated[
        bool, typer.Option("--first", help="Gloss only the first occurrence of a term per story.")
    ] = False,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour the glosses (default: on a terminal, unless NO_COLOR is set).",
            show_default=False,
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=0,
            metavar="N",
            help="Wrap lines to this many columns, 0 never (default: the terminal's width).",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Processes (default: all cores).")
    ] = None,
) -> None:
    """Print stories with every known conlang word and phrase glossed where it stands.

    Example: gloss annotate stories/002_8293946bfcb2c4ab.txt --format html -o story.html
    """
    from annotate.commands.progress import progress_bar
    from annotate.readers import Skipped, find_stories
    from annotate.render.formats import render, renderer, story_by_story
    from annotate.render.model import Glossed, Options, Rendered, learning
    from annotate.spotting import Spotter
    from annotate.spotting.batch import Layout, render_files, spot_files
    from glossary import files, store
    from glossary.errors import GlossError

    with reported():
        known = store.read(glossary)
        spotter = Spotter(known)
    to_terminal = output is None and sys.stdout.isatty()
    options = Options(
        color=_colour(color, to_terminal),
        width=(width if width is not None else _terminal_width(to_terminal)) or None,
        word=spotter.entry_for,
        learned=learning(known),
    )
    found = list(find_stories(paths or [Path("stories")]))
    # Story by story as they come, each rendered where it is read (only its text comes
    # back): one story in memory at a time. Only html (contents first) holds them all.
    by_story = story_by_story(fmt)
    to_folder = output is not None and (Path(output).is_dir() or output.endswith(("/", os.sep)))
    failed = False
    count = 0

    def each_story() -> Iterator[Glossed | Rendered]:
        """The stories read, spotted (and rendered, when `by_story`) on every core;
        messages in the order the files were found, as they come."""
        nonlocal failed, count
        stories = [item for item in found if not isinstance(item, Skipped)]
        # A bar on stderr while the stories go to a pipe or a file, not over them.
        bar = None if to_terminal else progress_bar("glossing stories")
        done = done_bytes = 0
        work = (
            render_files(stories, spotter, Layout(fmt, options.color, options.width), first, jobs)
            if by_story is not None
            else spot_files(stories, spotter, first, jobs)
        )
        with closing(work) as outcomes:
            for each in found:
                outcome = each if isinstance(each, Skipped) else next(outcomes)
                if bar is not None and isinstance(each, Path):
                    done, done_bytes = done + 1, done_bytes + files.size_of(each)
                    bar(done, len(stories), done_bytes)
                if isinstance(outcome, Skipped):
                    warn([str(outcome)])
                elif isinstance(outcome, GlossError):
                    warn(outcome.lines())
                    failed = True
                else:
                    count += 1
                    yield outcome if isinstance(outcome, Rendered) else Glossed(*outcome)

    def texts() -> Iterator[Rendered]:
        """Each story on its own: rendered by the workers, or here (html)."""
        for item in each_story():
            if isinstance(item, Glossed):
                item = Rendered(item.story.path, render(fmt, [item], options))
            yield item

    def pieces() -> Iterator[str]:
        if by_story is not None:
            return by_story.joined(texts(), options)
        glossed = [item for item in each_story() if isinstance(item, Glossed)]
        return iter([render(fmt, glossed, options)])

    try:
        if output is not None and to_folder:
            with reported():
                _make_folder(Path(output))
                alone = (  # each file a whole document: a JSON array of one, say
                    Rendered(item.path, "".join(by_story.joined([item], options)))
                    if by_story is not None
                    else item
                    for item in texts()
                )
                _write_each(Path(output), alone, renderer(fmt).SUFFIX)
        else:
            stream = pieces()
            head = next(stream, "")
            if count:  # nothing at all (not even `[]`) when no story could be read
                whole = chain([head], stream)
                if output is None:
                    for piece in whole:
                        # color=: click would strip the styles whenever stdout is not a terminal
                        typer.echo(piece, nl=False, color=options.color)
                else:
                    with reported():
                        files.atomic_write(Path(output), (p.encode("utf-8") for p in whole))
    except KeyboardInterrupt:
        typer.echo("\ninterrupted", err=True)
        raise typer.Exit(130) from None
    if not count and not failed:
        warn(["gloss: no stories found"])
        failed = True
    if failed:
        raise typer.Exit(1)


def _colour(chosen: bool | None, to_terminal: bool) -> bool:
    # https://no-color.org: any non-empty NO_COLOR turns colour off unless asked for.
    if chosen is not None:
        return chosen
    return to_terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _terminal_width(to_terminal: bool) -> int | None:
    if not to_terminal:
        return None  # piped: keep the story's own lines
    import shutil

    return shutil.get_terminal_size().columns


def _make_folder(folder: Path) -> None:
    from glossary.errors import GlossError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise GlossError(f"{folder}: cannot make the folder: {err.strerror}") from None


def _write_each(folder: Path, texts: Iterable[Rendered], suffix: str) -> None:
    """One file per story as it comes: its file name with the format's suffix, numbered when
    two clash."""
    from glossary.files import atomic_write

    taken: set[str] = set()
    for item in texts:
        stem = Path(item.path).stem or "story"
        name, n = f"{stem}{suffix}", 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}{suffix}"
        taken.add(name)
        atomic_write(folder / name, item.text.encode("utf-8"))
