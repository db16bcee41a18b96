"""Many stories read, spotted and rendered on every core, back in the order they were given."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from annotate import heap
from annotate.pool import ordered_map
from annotate.readers import read_story
from annotate.readers.partly import PartlyRead
from annotate.render import json_plain
from annotate.render.formats import BOOKS, Format, StoryByStory, story_by_story
from annotate.render.json_plain import Found
from annotate.render.memo import PerEntry
from annotate.render.model import Glossed, Options, Rendered
from annotate.spotting.spotter import Spot, Spotter
from annotate.story import Story
from glossary.errors import GlossError
from glossary.models import Glossary

if TYPE_CHECKING:
    from annotate.lexicon import Lexicon
    from glossary.learn.glosser import Glosser

# A story and its spots, or why it could not be read; or the story rendered where it was read.
Spotted = tuple[Story, list[Spot]] | GlossError


class Book(NamedTuple):
    """One story made into an EPUB where it was read (`--format epub`)."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Partly:
    """A story read without some of its parts (an EPUB's missing chapter file): what was made
    of the rest, and the lines that say what is missing."""

    outcome: tuple[Story, list[Spot]] | Rendered | Book
    missing: list[str]


Outcome = Spotted | Rendered | Book | Partly


@dataclass(frozen=True)
class Layout:
    """How each story is rendered where it is read: the format and the options that travel
    to a worker process (the word lookups are rebuilt there)."""

    fmt: Format
    color: bool = False
    width: int | None = None
    every: bool = False
    notes_only: bool = False  # ao3: the Translations block alone
    first: bool = False  # only the first occurrence of a term (epub: per chapter)
    ruby: bool = False  # epub: short glosses above their words


@dataclass
class _Worker:
    spotter: Spotter
    first: bool
    module: StoryByStory | None = None
    options: Options | None = None
    layout: Layout | None = None
    plain: json_plain.Plain | None = None  # json of .txt stories, read in stretches


_worker: _Worker | None = None
PLAIN = frozenset({".txt", ".text"})  # what the plain-text reader reads


def _prepare(spotter: Spotter, layout: Layout) -> None:
    """Each process gets the spotter once: forked, the parent's own; spawned, rebuilt."""
    global _worker
    # A process that spots stories and ends (one job: the command restores the collector).
    heap.settle()
    # A book keeps every spot: `first` is per chapter there, which the book sees to.
    _worker = _Worker(spotter, layout.first and layout.fmt not in BOOKS, layout=layout)
    if layout.fmt not in BOOKS and story_by_story(layout.fmt) is not None:
        _worker.module = story_by_story(layout.fmt)
        _worker.options = options_for(
            spotter,
            color=layout.color,
            width=layout.width,
            every=layout.every,
            notes_only=layout.notes_only,
        )
        if layout.fmt == Format.json and not layout.first:
            _worker.plain = json_plain.Plain(spotter, layout.every)


def _spotted(path: Path) -> tuple[Spotted, list[str]]:
    """The story and its spots, or why it could not be read; and what of it is missing."""
    assert _worker is not None, "_prepare runs first"
    missing: list[str] = []
    try:
        if not path.exists():
            raise GlossError(f"{path}: no such file or folder")
        story = read_story(path)
    except PartlyRead as err:  # a book without a chapter: the rest glossed, the gap reported
        story, missing = err.story, err.used()
    except GlossError as err:  # one bad story is reported; the others are still glossed
        return err, []
    return (story, _worker.spotter.spot(story, first=_worker.first)), missing


def _one(path: Path) -> Spotted | Partly:
    spotted, missing = _spotted(path)
    return Partly(spotted, missing) if missing and isinstance(spotted, tuple) else spotted


def _rendered(path: Path) -> Rendered | GlossError | Partly:
    assert _worker is not None and _worker.module is not None and _worker.options is not None
    if _worker.plain is not None and path.suffix.lower() in PLAIN and path.is_file():
        try:
            text = json_plain.rendered(_worker.plain, path)
        except OSError:
            text = None  # read the usual way, which says what is wrong
        if text is not None:
            return Rendered(str(path), text)
    spotted, missing = _spotted(path)
    if isinstance(spotted, GlossError):
        return spotted
    story, spots = spotted
    rendered = Rendered(story.path, _worker.module.one(Glossed(story, spots), _worker.options))
    return Partly(rendered, missing) if missing else rendered


def _book(path: Path) -> Book | GlossError | Partly:
    """The story at `path` as a glossed EPUB: an EPUB given back whole with notes added, any
    other story made into a new one."""
    assert _worker is not None and _worker.layout is not None, "_prepare runs first"
    layout = _worker.layout
    if path.suffix.lower() == ".epub":
        from annotate.render.epub_glossed import glossed_file

        try:
            data, missing = glossed_file(
                path, _worker.spotter, first=layout.first, every=layout.every, ruby=layout.ruby
            )
        except GlossError as err:
            return err
        book = Book(str(path), data)
        return Partly(book, missing) if missing else book
    from annotate.render.epub_book import book as new_book

    spotted, missing = _spotted(path)
    if isinstance(spotted, GlossError):
        return spotted
    data = new_book(Glossed(*spotted), first=layout.first, every=layout.every, ruby=layout.ruby)
    made = Book(str(path), data)
    return Partly(made, missing) if missing else made


def annotated(
    files: Sequence[Path], spotter: Spotter, layout: Layout, jobs: int | None = None
) -> Generator[Outcome, None, None]:
    """`gloss annotate`'s work on `files`, in order, on `jobs` processes (default every core):
    each story read, spotted and rendered in `layout.fmt` where it is read (only its text
    comes back), made into an EPUB there (`epub`), or read and spotted for one page of all
    the stories (`html`, whose contents come first)."""
    if layout.fmt in BOOKS:
        return book_files(files, spotter, layout, jobs)
    if story_by_story(layout.fmt) is not None:
        return render_files(files, spotter, layout, jobs)
    return spot_files(files, spotter, layout.first, jobs)


def book_files(
    files: Sequence[Path], spotter: Spotter, layout: Layout, jobs: int | None = None
) -> Generator[Book | GlossError | Partly, None, None]:
    """Each file made into a glossed EPUB where it was read, in order."""
    return ordered_map(_book, files, jobs, _prepare, (spotter, layout))


def spot_files(
    files: Sequence[Path], spotter: Spotter, first: bool = False, jobs: int | None = None
) -> Generator[Spotted | Partly, None, None]:
    """Each file read and spotted (on `jobs` processes; default every core), in order."""
    return ordered_map(_one, files, jobs, _prepare, (spotter, Layout(Format.html, first=first)))


def render_files(
    files: Sequence[Path], spotter: Spotter, layout: Layout, jobs: int | None = None
) -> Generator[Rendered | GlossError | Partly, None, None]:
    """Each file read, spotted and rendered on its own in `layout.fmt` (a format that renders
    story by story) where it was read, in order: only the text comes back. A long plain-text
    story in json goes out in stretches, spread over the processes too."""
    if story_by_story(layout.fmt) is None:
        raise ValueError(f"{layout.fmt} renders all stories at once")
    items: list[Path | json_plain.Stretch] = []
    for path in files:
        parts = _stretched(path) if layout.fmt == Format.json and not layout.first else None
        items.extend(parts or [path])
    done = ordered_map(_work, items, jobs, _prepare, (spotter, layout))
    try:
        yield from _gathered(items, done, spotter, layout)
    finally:
        done.close()


def _stretched(path: Path) -> list[json_plain.Stretch] | None:
    """A plain-text story long enough to be cut, in stretches; else None."""
    try:
        if path.suffix.lower() not in PLAIN or path.stat().st_size <= json_plain.STRETCH:
            return None
        parts = json_plain.stretches(path, json_plain.STRETCH)
    except OSError:
        return None  # the reader says what is wrong
    return parts if parts is not None and len(parts) > 1 else None


def _work(item: Path | json_plain.Stretch) -> Rendered | GlossError | Partly | Found | None:
    if isinstance(item, Path):
        return _rendered(item)
    assert _worker is not None and _worker.plain is not None, "_prepare runs first"
    try:
        return _worker.plain.spotted(item)
    except OSError:
        return None  # read again whole, which says what is wrong


def _gathered(
    items: list[Path | json_plain.Stretch],
    done: Iterator[Rendered | GlossError | Partly | Found | None],
    spotter: Spotter,
    layout: Layout,
) -> Iterator[Rendered | GlossError | Partly]:
    """The outcomes of `items` in order, a story's stretches put together as one story."""
    assembly: json_plain.Assembly | None = None  # None: a stretch could not be read
    memo = PerEntry()  # what the stories' assemblies work out once
    for n, (item, outcome) in enumerate(zip(items, done, strict=True)):
        if isinstance(item, Path):
            assert not isinstance(outcome, Found) and outcome is not None
            yield outcome
            continue
        assert not isinstance(outcome, Rendered | GlossError | Partly)
        if item.start == 0:
            assembly = json_plain.Assembly(spotter.glossary.terms, memo)
        if assembly is not None and outcome is not None:
            assembly.add(outcome)
        else:
            assembly = None
        following = items[n + 1] if n + 1 < len(items) else None
        if isinstance(following, json_plain.Stretch) and following.start > 0:
            continue  # more of this story to come
        if assembly is not None and not assembly.empty:
            text, assembly = assembly.story(item.path), None  # its rows let go before it is written
            yield Rendered(item.path, text)
            continue
        if _worker is None:  # read the usual way, here, which says what is wrong
            _prepare(spotter, layout)
        yield _rendered(Path(item.path))


def options_for(
    spotter: Spotter,
    *,
    color: bool = False,
    width: int | None = None,
    every: bool = False,
    notes_only: bool = False,
) -> Options:
    """The options of one run, with the word glosses of `spotter`'s glossary (interlinear)."""
    glossary = spotter.glossary
    return Options(
        color,
        width,
        word=spotter.entry_for,
        learned=learning(glossary),
        lexicon=lexicon_glosses(glossary.language),
        every=every,
        notes_only=notes_only,
    )


def learning(glossary: Glossary) -> Callable[[str], str | None]:
    """The best learned gloss of a word no entry translates; learns on first use
    (interlinear). An entry without a translation covers nothing here: its word may still
    be learned from the phrases."""
    glosser: Glosser | None = None

    def best(word: str) -> str | None:
        nonlocal glosser
        if glosser is None:
            from glossary.learn.glosser import Glosser

            translated = [e for e in glossary.terms if e.translations]
            glosser = Glosser(glossary.model_copy(update={"terms": translated}))
        return glosser.best(word)

    return best


def lexicon_glosses(language: str | None) -> Callable[[str], str | None]:
    """The first translation the bundled lexicon of `language` gives a word (not a name);
    the lexicon read on first use; none when there is no such lexicon or it is broken."""
    lexicon: Lexicon | None = None
    loaded = False

    def first(word: str) -> str | None:
        nonlocal lexicon, loaded
        if not loaded:
            from annotate.lexicon import load_lexicon

            loaded = True
            try:
                lexicon = load_lexicon("auto", language)
            except GlossError:
                lexicon = None  # a broken lexicon glosses nothing; the rest still works
        entry = lexicon.lookup(word) if lexicon is not None else None
        if entry is None or entry.kind == "name" or not entry.translations:
            return None
        return entry.translations[0]

    return first
