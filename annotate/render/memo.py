"""What renderers work out from an entry, once for all the stories of a run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from glossary.models import Entry

T = TypeVar("T")


class PerEntry:
    """`make(entry)` for each entry and each `make`, made on first use and kept for the run
    (`Options.memo`). Each is kept beside its entry, so an entry gone and its `id` reused by
    another is never mistaken for it.

    Example: memo.get(gloss, entry) -> "Commander" (worked out once per entry)
    """

    def __init__(self) -> None:
        self._kept: dict[tuple[Callable[[Entry], Any], int], tuple[Entry, Any]] = {}

    def get(self, make: Callable[[Entry], T], entry: Entry) -> T:
        key = (make, id(entry))
        kept = self._kept.get(key)
        if kept is None or kept[0] is not entry:
            kept = self._kept[key] = (entry, make(entry))
        return cast(T, kept[1])
