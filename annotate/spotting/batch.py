"""Many stories read and spotted on every core, back in the order they were given."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path

from annotate.pool import ordered_map
from annotate.readers import read_story
from annotate.spotting.spotter import Spot, Spotter
from annotate.story import Story
from glossary.errors import GlossError
from glossary.models import Glossary

Outcome = (
    tuple[Story, list[Spot]] | GlossError
)  # a story with its spots, or why it could not be read

_spotter: Spotter | None = None
_first = False


def _prepare(glossary: Glossary, first: bool) -> None:
    """Each process builds its own automaton once, from the glossary sent to it once."""
    global _spotter, _first
    _spotter, _first = Spotter(glossary), first


def _one(path: Path) -> Outcome:
    assert _spotter is not None, "_prepare runs first"
    try:
        if not path.exists():
            raise GlossError(f"{path}: no such file or folder")
        story = read_story(path)
    except GlossError as err:  # one bad story is reported; the others are still glossed
        return err
    return story, _spotter.spot(story, first=_first)


def spot_files(
    files: Sequence[Path], glossary: Glossary, first: bool = False, jobs: int | None = None
) -> Generator[Outcome, None, None]:
    """Each file read and spotted (on `jobs` processes; default every core), in order."""
    return ordered_map(_one, files, jobs, _prepare, (glossary, first))
