"""`gloss annotate`: print stories with the glossary's terms glossed where they stand."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from annotate.commands.common import (
    DEFAULT_GLOSSARY,
    GlossaryOption,
    reported,
    until_reader_leaves,
    warn,
)
from annotate.render.formats import BOOKS, Format


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
            " json: the glossed spans with offsets; ao3: HTML for AO3's editor, translations as"
            " hover text and a Translations block for the end notes; epub: an EPUB 3 (-o) with"
            " pop-up footnotes and a Glossary chapter, an EPUB given back whole.",
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
        bool,
        typer.Option(
            "--first",
            help="Gloss only the first occurrence of a term per story (epub: per chapter).",
        ),
    ] = False,
    every: Annotated[
        bool,
        typer.Option(
            "--every",
            help="Gloss every occurrence (by default: the first in each chapter or scene, and"
            " again after a long gap).",
        ),
    ] = False,
    notes_only: Annotated[
        bool,
        typer.Option(
            "--notes-only",
            help="With --format ao3: only the Translations block, for the chapter's end notes.",
        ),
    ] = False,
    ruby: Annotated[
        bool,
        typer.Option(
            "--ruby",
            help="With --format epub: a short gloss above its words (<ruby>), a long one still"
            " a footnote (default: all footnotes).",
        ),
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

    Example: gloss annotate chapter.md --format ao3 -o chapter.html

    Example: gloss annotate book.epub --format epub -o book.glossed.epub

    Example: gloss annotate stories/ --format epub --ruby -o books/
    """
    from annotate.batch import Layout, annotated, options_for
    from annotate.commands.output import refuse_inputs
    from annotate.commands.progress import progress_bar
    from annotate.readers import find_stories
    from annotate.spotting import Spotter
    from annotate.writing import Glossing, is_folder, write_all
    from glossary.store import files, reading

    with reported():
        known = reading.read(glossary)
        spotter = Spotter(known)
    if first and every:
        raise typer.BadParameter("--first and --every ask for opposite things: choose one")
    if notes_only and fmt != Format.ao3:
        raise typer.BadParameter("--notes-only goes with --format ao3")
    if ruby and fmt != Format.epub:
        raise typer.BadParameter("--ruby goes with --format epub")
    to_terminal = output is None and sys.stdout.isatty()
    options = options_for(
        spotter,
        color=_colour(color, to_terminal),
        width=(width if width is not None else _terminal_width(to_terminal)) or None,
        every=every,
        notes_only=notes_only,
    )
    run = Glossing(
        list(find_stories(paths or [Path("stories")])),
        fmt,
        options,
        warn=warn,
        progress=None if to_terminal else progress_bar("glossing stories"),
    )
    if fmt in BOOKS:
        _books_wanted(output, len(run.stories))
    if output is not None and not is_folder(output):  # a folder numbers clashing names itself
        refuse_inputs(Path(output), run.stories, glossary)
    # Each story rendered where it is read, only its text sent back, written as it comes:
    # one story in memory at a time. Only one html page (contents first) holds them all.
    layout = Layout(
        fmt,
        options.color,
        options.width,
        every=every,
        notes_only=notes_only,
        first=first,
        ruby=ruby,
    )
    outcomes = annotated(run.stories, spotter, layout, jobs)
    try:
        # closing(): a reader that leaves stops the workers too
        with until_reader_leaves(), closing(outcomes), reported():
            if fmt in BOOKS and output is not None:
                run.books(output, outcomes)
            elif output is not None and is_folder(output):
                run.to_folder(Path(output), outcomes)
            elif output is not None:
                with files.replacing(Path(output)) as target:  # made first: fails before work
                    write_all(run.pieces(outcomes), target)
                    target.keep = run.count > 0
            else:
                _print(run.pieces(outcomes), options.color)
    except KeyboardInterrupt:
        typer.echo("\ninterrupted", err=True)
        raise typer.Exit(130) from None
    if not run.count and not run.failed:
        warn(["gloss: no stories found"])
        run.failed = True
    if run.failed:
        raise typer.Exit(1)


def _books_wanted(output: str | None, stories: int) -> None:
    """A book is written to a file: `-o BOOK.epub`, or a folder for several stories."""
    from annotate.writing import is_folder

    if output is None:
        raise typer.BadParameter(
            "--format epub writes a book: give -o BOOK.epub (or -o FOLDER/ for one per story)",
            param_hint="'--output' / '-o'",
        )
    if stories > 1 and not is_folder(output):
        raise typer.BadParameter(
            f"--format epub makes one book per story: give -o FOLDER/ for {stories} stories",
            param_hint="'--output' / '-o'",
        )


def _print(pieces: Iterable[str], color: bool) -> None:
    """Write to stdout as click's `echo` does (UTF-8 where the locale says ASCII; a story's
    own escape sequences stripped unless colour is on). A piece with no escape at all (nearly
    every one; every json one) goes straight to the stream `echo` writes to: its stripping, a
    regex over the whole piece, took a quarter of the main process's time for 80 MB of json."""
    stream = typer.get_text_stream("stdout")
    for piece in pieces:
        if color or "\x1b" in piece:
            # color=: click would strip the styles whenever stdout is not a terminal
            typer.echo(piece, nl=False, color=color)
        else:
            for at in range(0, len(piece), _SLICE):  # no encoded copy of a long story whole
                stream.write(piece[at : at + _SLICE])
            stream.flush()  # as echo: each story out as soon as it is done


_SLICE = 1 << 20  # characters written at a time


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
