"""Reading a glossary to look things up (lookup, annotate, export): the validated copy in the
cache when these bytes were read before, else the C-backed loader, then a copy for next time.

No comments are kept and nothing here imports the YAML libraries until a file must be parsed:
a lookup served from the cache starts faster.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from glossary.models import Glossary
from glossary.store import cache
from glossary.store.files import read_bytes


def read(path: Path) -> Glossary:
    """The glossary at `path`, validated. Raises GlossError, with positions, when it cannot be
    used; only glossaries that could be used are cached, so no message comes from the cache."""
    raw = read_bytes(path, str(path))
    folder = cache.location()
    name = cache.key(raw) if folder else ""
    if folder and (kept := cache.fetch(folder, name)) is not None:
        return kept
    glossary = parse(raw, path)
    if folder:
        cache.keep(folder, name, glossary)
    return glossary


def parse(raw: bytes, path: Path) -> Glossary:
    """The glossary in these bytes: the C-backed safe loader, or, when it fails, the round-trip
    loader, which positions every problem (file:line:col)."""
    from ruamel.yaml.error import YAMLError

    from glossary.store import document as store
    from glossary.store import fastyaml

    text, _, _ = store.decode(raw, str(path))
    try:
        data: Any = fastyaml.safe_load(text)
        return Glossary.model_validate(data if data is not None else {})
    except (YAMLError, ValidationError):
        return store.loads(text, path).glossary
