"""Readers: one function per format, each turning a file into a Story.

`.txt` plain text, `.md` Markdown, `.html`/`.htm`/`.xhtml` pages (AO3 downloads by their
structure), `.epub` books. Every problem with a file is a `GlossError` naming it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotate.readers.epub import read_epub
from annotate.readers.html import read_html
from annotate.readers.markdown import read_markdown
from annotate.readers.text import read_text
from annotate.story import Story
from glossary.errors import GlossError

Reader = Callable[[Path, str], Story]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".epub": read_epub,
}


def read_story(path: Path, label: str | None = None) -> Story:
    """Read one story file; GlossError naming the file when it cannot be read, `PartlyRead`
    (with the story) when some of it could not (an EPUB missing a chapter file)."""
    label = label or str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise GlossError(f"{label}: not a story format gloss reads ({', '.join(sorted(READERS))})")
    try:
        story = reader(path, label)
    except RecursionError:
        raise GlossError(f"{label}: nested too deeply to read") from None
    if not story.text.strip():
        raise GlossError(f"{label}: no story text found")
    return story


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: skipped ({self.reason})"


def find_stories(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Story files under `paths` (files or folders, recursively, in a stable order).

    Files of other types inside folders come out as `Skipped`; a named file of an unknown
    type is passed on, so that reading it reports why. Hidden files and folders are left out.
    """
    for path in paths:
        if path.is_dir():
            for child in _files(path):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() in READERS:
                    yield child
                else:
                    yield Skipped(child, "not a story format")
        else:
            yield path


def _files(root: Path) -> list[Path]:
    """Every file under `root`, sorted; a linked folder is followed (an archive of shelves
    may be links), each folder once, so a link loop ends."""
    seen: set[tuple[int, int]] = set()
    found: list[Path] = []
    for folder, folders, names in os.walk(root, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            folders[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            folders[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        found.extend(Path(folder, name) for name in names)
    return sorted(p for p in found if p.is_file())
