"""`gloss extract`: read stories and merge what they say into the glossary."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from annotate.commands.common import DEFAULT_GLOSSARY, GlossaryOption, reported, warn
from glossary.errors import GlossError

if TYPE_CHECKING:
    from glossary.merge import Change

DEFAULT_WAIT = 600.0  # seconds: another extract into the same glossary is waited for this long


def _lexicon_choice(value: str) -> str:
    """An unknown `--lexicon` name is a usage error (a path's problems are the file's)."""
    from annotate.lexicon import AUTO, NONE, available

    key = value.strip().casefold()
    names = [AUTO, NONE, *available()]
    looks_like_path = "/" in value or "\\" in value or key.endswith((".yaml", ".yml"))
    if key in names or looks_like_path or Path(value.strip()).exists():
        return value
    raise typer.BadParameter(
        f"unknown lexicon {value!r}; choose {', '.join(names)}, or a path to a glossary file"
    )


def extract(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Story files or folders (.txt, .md, .html, .epub).", show_default=False
        ),
    ] = None,
    glossary: GlossaryOption = DEFAULT_GLOSSARY,
    lexicon: Annotated[
        str,
        typer.Option(
            "--lexicon",
            "-l",
            help="`auto` (by the glossary's language), `none`, a bundled name, or a glossary file.",
            callback=_lexicon_choice,
        ),
    ] = "auto",
    language: Annotated[
        str | None,
        typer.Option(help="The conlang, for a new glossary (e.g. Trigedasleng)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show what would change; write nothing.")
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Processes (default: all cores).")
    ] = None,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            min=0,
            metavar="SECONDS",
            help="How long to wait for another extract into the same glossary to finish.",
        ),
    ] = DEFAULT_WAIT,
) -> None:
    """Find the conlang in stories and the translations they give, and merge them into the
    glossary (default stories/ into glossary.yaml). Nothing a person edited is undone; two
    runs into one glossary take turns.

    Example: gloss extract stories/ -g glossary.yaml --dry-run
    """
    from annotate.commands.progress import progress_bar
    from annotate.extract.run import extract_paths
    from glossary import merge
    from glossary.learn.glosser import merge_learned
    from glossary.store import document as store

    asked = paths or [Path("stories")]
    stories, failed = _stories(asked)
    if not stories:
        _nothing_to_read(asked, glossary)
    saving = written = False
    try:
        with reported(), _turn(glossary, wait, dry_run):
            doc = store.load_or_new(glossary, language)
            known_language = doc.glossary.language or language
            # Each story's findings are merged as they come: memory stays flat on any corpus.
            merger = merge.Merger(doc)
            result = extract_paths(
                stories,
                lexicon,
                known_language,
                jobs,
                progress_bar("reading stories"),
                merger.add,
                settle=True,
            )
            if result.lexicon and not doc.glossary.language and "language" not in doc.data:
                doc.data.insert(0, "language", result.lexicon.language)
            report = merger.finish()
            report.changes += merge_learned(doc).changes  # words phrases teach
            saving = True
            if result.stories and not dry_run:  # nothing read: nothing to write
                written = store.save(doc)
    except KeyboardInterrupt:
        state = "is as it was or fully updated" if saving else "is as it was"
        typer.echo(f"\ninterrupted: {glossary} {state}", err=True)
        raise typer.Exit(130) from None
    warn(result.skipped)
    warn(result.errors)
    if result.doubted:
        doubted, seen = result.doubted
        warn(
            [
                f"gloss: the stories show {seen} word{'s' if seen > 1 else ''} of the "
                f"{doubted.language} lexicon, too few to use it unasked; if they are "
                f"{doubted.language}, run again with --lexicon {doubted.name}"
            ]
        )
    if not result.stories:
        warn([f"{glossary}: not written (no story could be read)"])
        raise typer.Exit(1)
    _say_changes(report.changes)  # only now: what is reported as added is in the file
    add, update = ("would add", "would update") if dry_run else ("added", "updated")
    state = "" if dry_run or written else ", unchanged"
    typer.echo(
        f"{glossary}: {add} {len(report.added)}, {update} {len(report.updated)} "
        f"from {result.stories} stor{'y' if result.stories == 1 else 'ies'}{state}",
        err=True,
    )
    if result.errors or failed:
        raise typer.Exit(1)


@contextmanager
def _turn(glossary: Path, wait: float, dry_run: bool) -> Iterator[None]:
    """The whole read-merge-write under the glossary's lock: two runs take turns, and neither
    undoes the other's work. A dry run writes nothing, and a file is only ever replaced
    whole, so it reads without one."""
    from glossary.store import files

    with ExitStack() as stack:
        if not dry_run:
            try:
                stack.enter_context(files.locked(glossary, wait, _waiting(glossary, wait)))
            except files.Busy as err:
                raise GlossError(f"{err.message} (--wait SECONDS to wait longer)") from None
        yield


def _stories(paths: list[Path]) -> tuple[list[Path], bool]:
    """The story files under `paths`, each once however it was reached (`stories/x.txt` and
    its absolute path are one story, shown as first written); whether a path was missing.
    Missing paths and files of other types are reported here."""
    from annotate.readers import Skipped, find_stories

    missing = [p for p in paths if not (p.exists() or p.is_symlink())]
    warn(f"{p}: no such file or folder" for p in missing)
    found: dict[Path, Path] = {}
    folders: dict[Path, Path] = {}  # resolved once each: an archive has many stories a folder
    for item in find_stories(p for p in paths if p not in missing):
        if isinstance(item, Skipped):
            warn([str(item)])
            continue
        if item.is_symlink():
            where = item.resolve()
        else:
            folder = folders.get(item.parent)
            if folder is None:
                folder = folders[item.parent] = item.parent.resolve()
            where = folder / item.name
        found.setdefault(where, item)
    return list(found.values()), bool(missing)


def _nothing_to_read(paths: list[Path], glossary: Path) -> None:
    """No story file at all: say where gloss looked and for what; write nothing."""
    from annotate.readers import READERS

    where = ", ".join(str(p) for p in paths)
    kinds = ", ".join(sorted(READERS))
    warn([f"gloss: no stories found in {where} (looked for {kinds} files); {glossary} not written"])
    raise typer.Exit(1)


def _waiting(glossary: Path, wait: float) -> Callable[[], None] | None:
    """What to say while another run holds the glossary: on a terminal, one line."""

    def say() -> None:
        typer.echo(
            f"waiting for another gloss to finish with {glossary} (up to {wait:g} s; "
            "Ctrl-C to stop)",
            err=True,
        )

    return say if sys.stderr.isatty() else None


def _say_changes(changes: list[Change]) -> None:
    """Each change on its own line; the names added, which are not vocabulary, on one."""
    names = [c.term for c in changes if c.action == "added" and c.kind == "name"]
    for change in changes:
        if not (change.action == "added" and change.kind == "name"):
            typer.echo(str(change))
    if names:
        typer.echo(f"added {len(names)} name{'s' if len(names) > 1 else ''}: {', '.join(names)}")
