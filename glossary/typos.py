"""Spelling keys in the order they were first seen, for finding where a term belongs.

Exact keys are a dict lookup; one-letter typos are looked for only among keys of about the
same length, by rapidfuzz in C, so merging stays fast however large the glossary grows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

TYPO_MIN_LENGTH = 6  # shorter words one letter apart are too often different words

T = TypeVar("T")


class Spellings(Generic[T]):
    """Keys, each with the value it was first added with (an entry's index, a group)."""

    def __init__(self) -> None:
        self._first: dict[str, tuple[int, T]] = {}
        self._by_length: dict[int, list[str]] = {}

    def add(self, key: str, value: T) -> None:
        if key in self._first:
            return
        self._first[key] = (len(self._first), value)
        if len(key) >= TYPO_MIN_LENGTH:
            self._by_length.setdefault(len(key), []).append(key)

    def exact(self, keys: Iterable[str]) -> T | None:
        """The value of the earliest added of `keys`."""
        found = [self._first[key] for key in keys if key in self._first]
        return min(found, key=lambda hit: hit[0])[1] if found else None

    def typos(self, keys: Iterable[str]) -> list[tuple[str, str, T]]:
        """(added key, wanted key, value) for each added key one edit away from a wanted one,
        earliest added first."""
        hits: list[tuple[int, str, str, T]] = []
        for wanted in set(keys):
            if len(wanted) < TYPO_MIN_LENGTH:
                continue
            for length in (len(wanted) - 1, len(wanted), len(wanted) + 1):
                choices = self._by_length.get(length)
                if not choices:
                    continue
                for key, _, _ in process.extract(
                    wanted, choices, scorer=Levenshtein.distance, score_cutoff=1, limit=None
                ):
                    if key != wanted:
                        order, value = self._first[key]
                        hits.append((order, key, wanted, value))
        hits.sort(key=lambda hit: (hit[0], hit[2]))
        return [(key, wanted, value) for _, key, wanted, value in hits]
