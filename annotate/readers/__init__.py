"""Readers: one function per format, each turning a file into a Story.

`.txt` plain text, `.md` Markdown, `.html`/`.htm`/`.xhtml` pages (AO3 downloads by their
structure), `.epub` books. Every problem with a file is a `GlossError` naming it.
"""

from __future__ import annotations

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
    """Read one story file; GlossError naming the file when it cannot be read."""
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
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() in READERS:
                    yield child
                else:
                    yield Skipped(child, "not a story format")
        else:
            yield path
