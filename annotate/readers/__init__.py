"""Readers: one function per format, each turning a file into a Story."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotate.readers.text import read_text
from annotate.story import Story
from glossary.errors import GlossError

Reader = Callable[[Path, str], Story]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
}


def read_story(path: Path, label: str | None = None) -> Story:
    """Read one story file; GlossError naming the file when it cannot be read."""
    label = label or str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise GlossError(f"{label}: not a story format gloss reads ({', '.join(sorted(READERS))})")
    return reader(path, label)


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: skipped ({self.reason})"


def find_stories(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Story files under `paths` (files or folders, recursively, in a stable order).

    Files of other types inside folders come out as `Skipped`; a named file of an unknown
    type is passed on, so that reading it reports why.
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
