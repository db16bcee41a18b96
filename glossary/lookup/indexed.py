"""A glossary ready for lookups: its index from the cache when these bytes (and what else the
index depends on) were indexed before, else built and kept there. The glossary itself is read
only when asked for (learning needs it; a lookup answered by the index does not)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from glossary.lookup.index import Index
from glossary.models import Glossary
from glossary.store import cache
from glossary.store.files import read_bytes
from glossary.store.reading import parse

Respell = Callable[[Glossary], Mapping[str, str] | None]


class Indexed:
    """A glossary's lookup index, and the glossary on demand."""

    def __init__(self, index: Index, load: Callable[[], Glossary]) -> None:
        self.index = index
        self._load = load
        self._glossary: Glossary | None = None

    @property
    def glossary(self) -> Glossary:
        if self._glossary is None:
            self._glossary = self._load()
        return self._glossary


def indexed(path: Path, respellings: Respell, extra: bytes = b"") -> Indexed:
    """The glossary at `path` indexed, with the respellings `respellings(glossary)` gives
    when it states none of its own; `extra` stands for what those depend on (the bundled
    lexicons), so that a changed lexicon means a new index. Raises GlossError as
    `reading.read` does."""
    raw = read_bytes(path, str(path))
    folder = cache.location()
    name = cache.key(raw) if folder else ""

    def load() -> Glossary:
        if folder and (kept := cache.fetch(folder, name)) is not None:
            return kept
        glossary = parse(raw, path)
        if folder:
            cache.keep(folder, name, glossary)
        return glossary

    if not folder:
        glossary = load()
        return Indexed(Index(glossary, respellings(glossary)), lambda: glossary)
    where = cache.index_key(name, extra)
    state = cache.fetch_index(folder, where)
    index = Index.restored(state) if state is not None else None
    if index is not None:
        return Indexed(index, load)
    glossary = load()
    index = Index(glossary, respellings(glossary))
    cache.keep_index(folder, where, index.state())
    return Indexed(index, lambda: glossary)
