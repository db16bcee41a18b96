"""A finding: one sighting of a conlang term in a story, as extraction reports it."""

from __future__ import annotations

from typing import NamedTuple

from glossary.models import Kind


class Finding(NamedTuple):
    """Made by gloss's own code only (extraction, imports, learning), never read from a file,
    so nothing is validated: a NamedTuple is built, pickled back from a worker process and
    read about 4x as fast as a pydantic model, and a corpus yields a few findings per KB."""

    term: str  # the term as it stands in the story
    method: str  # how it was found: a pattern name, `lexicon` or `learned`
    kind: Kind = "word"
    translation: str | None = None  # the translation the source gives
    story: str | None = None
    line: int | None = None
    quote: str | None = None
    confidence: float = 0.5  # 0-1
    lexicon: str | None = None  # set when the translation is a lexicon's
