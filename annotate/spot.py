"""Spotting: where the glossary's terms stand in a story (first version, token based)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotate.story import Story
from glossary.models import Entry, Glossary
from glossary.normalize import squash

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Spot:
    """One glossed span: `story.text[start:end]` belongs to `entry`."""

    start: int
    end: int
    entry: Entry


def glossable(entry: Entry) -> bool:
    """Rejected entries are never glossed; names are people, not vocabulary."""
    return entry.status != "rejected" and entry.kind != "name"


def _key(text: str) -> tuple[str, ...]:
    return tuple(squash(w) for w in _WORD.findall(text))


def spot(story: Story, glossary: Glossary, *, first: bool = False) -> list[Spot]:
    """Every occurrence of a glossable term, longest match first, in text order.

    Example: spot(read_story(Path("x.txt")), store.read(Path("glossary.yaml")))
    """
    index: dict[tuple[str, ...], Entry] = {}
    for entry in glossary.terms:
        if glossable(entry):
            for spelling in entry.spellings():
                index.setdefault(_key(spelling), entry)
    index.pop((), None)
    longest = max((len(k) for k in index), default=0)
    words = [(m.start(), m.end(), squash(m.group())) for m in _WORD.finditer(story.text)]
    spots: list[Spot] = []
    seen: set[str] = set()
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            found = index.get(tuple(w[2] for w in words[i : i + n]))
            if found is None:
                continue
            entry = found
            start, end = words[i][0], words[i + n - 1][1]
            if re.search(r"\n\s*\n", story.text[start:end]):
                continue
            if not (first and entry.term in seen):
                spots.append(Spot(start, end, entry))
                seen.add(entry.term)
            i += n
            break
        else:
            i += 1
    return spots
