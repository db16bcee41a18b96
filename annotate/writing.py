"""The stories of `gloss annotate` written out as `batch.annotated` gives them back: each one's
text in the chosen format, to a stream, a file or a folder, or its book; a message for each
that could not be read (in the order the files were found) and the progress so far, handed to
what the command gives to say them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from annotate.batch import Book, Outcome, Partly
from annotate.readers import Skipped
from annotate.render.formats import Format, render, renderer, story_by_story
from annotate.render.model import Glossed, Options, Rendered
from glossary.errors import GlossError
from glossary.store import files

Warn = Callable[[Iterable[str]], None]  # says lines to the person running the command
Progress = Callable[[int, int, int], None]  # stories done, of how many, their bytes


def _silent(lines: Iterable[str]) -> None:
    return None


class Glossing:
    """One run of `annotate` over the stories found; `count` and `failed` say how it went."""

    def __init__(
        self,
        found: list[Path | Skipped],
        fmt: Format,
        options: Options,
        *,
        warn: Warn = _silent,
        progress: Progress | None = None,
    ) -> None:
        self.found, self.fmt, self.options = found, fmt, options
        self.warn, self.progress = warn, progress
        self.stories = [item for item in found if not isinstance(item, Skipped)]
        self.count = 0  # stories read
        self.failed = False  # a story could not be read

    def each(self, outcomes: Iterator[Outcome]) -> Iterator[Glossed | Rendered | Book]:
        """The stories read (`outcomes` holds one per story in `stories`), messages said."""
        bar, warn = self.progress, self.warn
        done = done_bytes = 0
        for each in self.found:
            outcome = each if isinstance(each, Skipped) else next(outcomes)
            if bar is not None and isinstance(each, Path):
                done, done_bytes = done + 1, done_bytes + files.size_of(each)
                bar(done, len(self.stories), done_bytes)
            if isinstance(outcome, Partly):  # the rest of the story is glossed, the gap said
                warn(outcome.missing)
                self.failed = True
                outcome = outcome.outcome
            if isinstance(outcome, Skipped):
                warn([str(outcome)])
            elif isinstance(outcome, GlossError):
                warn(outcome.lines())
                self.failed = True
            else:
                self.count += 1
                yield outcome if isinstance(outcome, Rendered | Book) else Glossed(*outcome)
        # Asked once more, the workers end as after any run; left unasked, they would be
        # stopped, and Python's exit could trip over a pool still closing (a traceback).
        next(outcomes, None)

    def texts(self, outcomes: Iterator[Outcome]) -> Iterator[Rendered]:
        """Each story on its own: rendered by the workers, or here (html)."""
        for item in self.each(outcomes):
            if isinstance(item, Book):
                continue  # (books are written by `books`)
            if isinstance(item, Glossed):
                item = Rendered(item.story.path, render(self.fmt, [item], self.options))
            yield item

    def pieces(self, outcomes: Iterator[Outcome]) -> Iterator[str]:
        """The whole output, story by story where the format allows; nothing at all (not
        even `[]`) when no story could be read."""
        module = story_by_story(self.fmt)
        if module is None:  # html: the contents of all the stories come first
            glossed = [item for item in self.each(outcomes) if isinstance(item, Glossed)]
            if glossed:
                yield render(self.fmt, glossed, self.options)
            return
        held: list[str] = []  # what the format says before any story was read
        for piece in module.joined(self.texts(outcomes), self.options):
            held.append(piece)
            if self.count:
                yield from held
                held.clear()

    def alone(self, outcomes: Iterator[Outcome]) -> Iterator[Rendered]:
        """Each story as a whole document of its own (a JSON array of one, say)."""
        module = story_by_story(self.fmt)
        for item in self.texts(outcomes):
            if module is not None:
                item = Rendered(item.path, "".join(module.joined([item], self.options)))
            yield item

    def to_folder(self, folder: Path, outcomes: Iterator[Outcome]) -> None:
        """One file per story as it comes: its file name with the format's suffix, numbered
        when two clash or when the name is a story being read (`-o` onto the stories)."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise GlossError(f"{folder}: cannot make the folder: {err.strerror}") from None
        suffix = renderer(self.fmt).SUFFIX
        inputs = {path.resolve() for path in self.stories}
        taken: set[str] = set()
        for item in self.alone(outcomes):
            stem = Path(item.path).stem or "story"
            name, n = f"{stem}{suffix}", 1
            while name in taken or (folder / name).resolve() in inputs:
                n += 1
                name = f"{stem}-{n}{suffix}"
            taken.add(name)
            files.atomic_write(folder / name, item.text.encode("utf-8"))

    def books(self, output: str, outcomes: Iterator[Outcome]) -> None:
        """Each story's EPUB as it comes: to `output`, or into it as a folder, named as the
        story with `.epub`, numbered when two clash or the name is a story being read."""
        folder = Path(output)
        if is_folder(output):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise GlossError(f"{folder}: cannot make the folder: {err.strerror}") from None
        inputs = {path.resolve() for path in self.stories}
        taken: set[str] = set()
        for item in self.each(outcomes):
            if not isinstance(item, Book):
                continue
            if not is_folder(output):
                files.atomic_write(folder, item.data)
                continue
            stem = Path(item.path).stem or "story"
            name, n = f"{stem}.epub", 1
            while name in taken or (folder / name).resolve() in inputs:
                n += 1
                name = f"{stem}-{n}.epub"
            taken.add(name)
            files.atomic_write(folder / name, item.data)


def is_folder(output: str) -> bool:
    """`-o` names a folder: one that exists, or a path ending in `/`."""
    return Path(output).is_dir() or output.endswith(("/", os.sep))


def write_all(pieces: Iterable[str], target: files.Replacement) -> None:
    for piece in pieces:
        for at in range(0, len(piece), _SLICE):  # no encoded copy of a long story whole
            target.write(piece[at : at + _SLICE].encode("utf-8"))


_SLICE = 1 << 20  # characters encoded at a time
