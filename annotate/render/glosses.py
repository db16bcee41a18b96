"""What the formats say about an entry: its gloss, its title, the list of what was used."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from annotate.spotting import Spot
from annotate.story import Part, Story
from glossary.models import Entry
from glossary.normalize import fold


def gloss(entry: Entry) -> str:
    """All translations, `; ` between them; `?` for an entry nobody has translated yet."""
    return "; ".join(entry.translations) or "?"


def short_gloss(entry: Entry) -> str:
    """The first translation: what fits under one word."""
    return entry.translations[0] if entry.translations else "?"


@dataclass
class Used:
    """One entry a story used: its number (order of first use) and how it was written."""

    entry: Entry
    number: int
    written: list[str] = field(default_factory=list)  # other spellings, as they stand

    @property
    def others(self) -> list[str]:
        """Spellings seen that differ from the term beyond case."""
        return [w for w in self.written if fold(w) != fold(self.entry.term)]


def used(story: Story, spots: list[Spot]) -> list[Used]:
    """The entries the spots belong to, in order of first use, each once."""
    found: dict[int, Used] = {}
    for spot in spots:
        item = found.get(id(spot.entry))
        if item is None:
            item = found[id(spot.entry)] = Used(spot.entry, len(found) + 1)
        text = " ".join(story.text[spot.start : spot.end].split())
        if all(fold(text) != fold(w) for w in item.written):
            item.written.append(text)
    return list(found.values())


def numbers(story: Story, spots: list[Spot]) -> dict[int, int]:
    """Each spot's entry's number, keyed by `id(entry)`."""
    return {id(u.entry): u.number for u in used(story, spots)}


def title(story: Story) -> str:
    """The story's title section, else its file name without the suffix."""
    for section in story.sections:
        if section.part == Part.title:
            return " ".join(story.text[section.start : section.end].split())
    return PurePath(story.path).stem
