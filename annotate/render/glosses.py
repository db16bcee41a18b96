"""What the formats say about an entry: its gloss, its title, the list of what was used."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from annotate.spotting import Spot
from annotate.story import Part, Story
from glossary.models import Entry
from glossary.spelling import fold

NO_TRANSLATION = "no translation yet"
_SENSES = re.compile(r"\s*[;,]\s*")


def meanings(entry: Entry) -> list[str]:
    """The translations worth showing: a sense that only repeats one of the entry's own
    spellings is dropped (`Polis, the capital` of `Polis` is `the capital`), and a
    translation that is nothing else is dropped whole."""
    spelled = {fold(s) for s in entry.spellings()}
    kept = []
    for translation in entry.translations:
        senses = _SENSES.split(translation)
        if all(fold(s) not in spelled for s in senses):
            kept.append(translation)
            continue
        rest = ", ".join(s for s in senses if s and fold(s) not in spelled)
        if rest:
            kept.append(rest)
    return kept


def gloss(entry: Entry) -> str:
    """All translations worth showing, `; ` between them; empty when there is none."""
    return "; ".join(meanings(entry))


def has_gloss(entry: Entry) -> bool:
    """Whether `entry` has a translation worth showing."""
    return bool(gloss(entry))


def short_gloss(entry: Entry) -> str:
    """The first translation worth showing: what fits under one word (empty when none)."""
    found = meanings(entry)
    return found[0] if found else ""


@dataclass
class Used:
    """One entry a story used: its number (order of first use among the entries with a
    translation; 0 for one without) and how it was written."""

    entry: Entry
    number: int
    written: list[str] = field(default_factory=list)  # other spellings, as they stand
    meaning: str = ""  # `gloss(entry)`

    @property
    def others(self) -> list[str]:
        """Spellings seen that differ from the term beyond case."""
        return [w for w in self.written if fold(w) != fold(self.entry.term)]

    @property
    def said(self) -> str:
        """What the glossary section says it means."""
        return self.meaning or NO_TRANSLATION


def used(story: Story, spots: list[Spot]) -> list[Used]:
    """The entries the spots belong to, each once: those with a translation numbered in
    order of first use, then those without (listed as having no translation yet)."""
    found: dict[int, Used] = {}
    for spot in spots:
        item = found.get(id(spot.entry))
        if item is None:
            item = found[id(spot.entry)] = Used(spot.entry, 0, meaning=gloss(spot.entry))
        text = " ".join(story.text[spot.start : spot.end].split())
        if all(fold(text) != fold(w) for w in item.written):
            item.written.append(text)
    translated = [u for u in found.values() if u.meaning]
    for number, item in enumerate(translated, 1):
        item.number = number
    return translated + [u for u in found.values() if not u.meaning]


def numbers(story: Story, spots: list[Spot]) -> dict[int, int]:
    """Each spot's entry's number, keyed by `id(entry)` (0: no translation)."""
    return {id(u.entry): u.number for u in used(story, spots)}


# How a story names itself when no reader found a title: AO3's text download (the title,
# then "Posted originally on the Archive of Our Own"), a `Title:` line, a Markdown heading.
_POSTED = re.compile(r"posted originally on the archive of our own", re.IGNORECASE)
_TITLE_LINE = re.compile(r"^\s*title\s*:\s*(\S.*?)\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#\s+(\S.*?)\s*#*\s*$")
HEAD_LINES = 12  # how far into the text a title may stand


def title(story: Story) -> str:
    """The story's own title (its title section, else what its first lines say it is
    called), else its file name without the suffix."""
    for section in story.sections:
        if section.part == Part.title:
            return " ".join(story.text[section.start : section.end].split())
    return _named(story.text) or PurePath(story.path).stem


def _named(text: str) -> str | None:
    lines = [line for line in text[:4000].split("\n", HEAD_LINES)[:HEAD_LINES] if line.strip()]
    for i, line in enumerate(lines):
        if _POSTED.search(line):
            return " ".join(lines[i - 1].split()) if i else None
        if match := _TITLE_LINE.match(line) or (_HEADING.match(line) if not i else None):
            return match.group(1)
    return None
