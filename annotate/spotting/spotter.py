"""Spotting: where the glossary's terms stand in a story, as exact offsets into its text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from annotate.spotting.folding import OffsetMap, fold, key, squash
from annotate.spotting.index import Index, Pattern, glossable
from annotate.story import Story
from glossary.models import Entry, Glossary

# A blank line ends a paragraph: no phrase is found across it.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# Texts are spotted in chunks of about this many characters, cut at blank lines, so that the
# offset map walks only the chunks that have matches, and memory stays flat.
CHUNK = 1 << 18


@dataclass(frozen=True, slots=True)
class Spot:
    """One glossed span: `story.text[start:end]` belongs to `entry`."""

    start: int
    end: int
    entry: Entry


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    pattern: Pattern


class Spotter:
    """A glossary made ready for spotting; build it once, spot many stories.

    Example: Spotter(store.read(Path("glossary.yaml"))).spot(read_story(Path("x.txt")))
    """

    def __init__(self, glossary: Glossary) -> None:
        self.index = Index(glossary)

    def spot(self, story: Story, *, first: bool = False) -> list[Spot]:
        """Glossable terms in `story`, in text order, never overlapping.

        Every spelling of an entry, whole words, any case, shouted elongations; the longest
        match wins where matches overlap; `first` keeps only each entry's first occurrence.
        """
        return spot_text(self.index, story.text, first=first)


def spot(story: Story, glossary: Glossary, *, first: bool = False) -> list[Spot]:
    """Spot one story against a glossary (build a `Spotter` to spot several)."""
    return Spotter(glossary).spot(story, first=first)


def spot_text(index: Index, text: str, *, first: bool = False) -> list[Spot]:
    spots: list[Spot] = []
    for start, end in _chunks(text):
        spots.extend(_choose(text, _hits(index, text, start, end)))
    kept = [s for s in spots if glossable(s.entry)]
    if first:
        firsts: dict[int, Spot] = {}
        for s in kept:
            firsts.setdefault(id(s.entry), s)
        kept = sorted(firsts.values(), key=lambda s: s.start)
    return kept


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start < len(text):
        cut = text.find("\n\n", start + CHUNK)
        end = len(text) if cut < 0 else cut
        yield start, end
        start = end


def _hits(index: Index, text: str, start: int, end: int) -> list[_Hit]:
    if index.automaton is None:
        return []
    squashed, mask = squash(b" " + fold(text[start:end]) + b" ")
    found = index.automaton.find_matches_as_indexes(squashed, overlapping=True)
    if not found:
        return []
    # A match is " key ": the word starts after its first space and ends at its last.
    where = OffsetMap(mask).positions([q for _, a, b in found for q in (a + 1, b - 1)])
    shift = start - 1  # the leading pad
    hits = []
    for i, a, b in found:
        hit = _Hit(where[a + 1] + shift, where[b - 1] + shift, index.patterns[i])
        if _BLANK_LINE.search(text, hit.start, hit.end):
            continue
        if hit.pattern.checked and key(text[hit.start : hit.end]) != hit.pattern.key:
            continue  # OTHER stands for many letters: this one was not the key's
        hits.append(hit)
    return hits


def _choose(text: str, hits: list[_Hit]) -> Iterator[Spot]:
    """The longest hits that do not overlap, in text order."""
    hits.sort(key=lambda h: (h.start, -h.end))
    cluster: list[_Hit] = []
    reach = -1
    for hit in hits:
        if hit.start >= reach and cluster:
            yield from _longest_first(text, cluster)
            cluster = []
        cluster.append(hit)
        reach = max(reach, hit.end)
    if cluster:
        yield from _longest_first(text, cluster)


def _longest_first(text: str, cluster: list[_Hit]) -> list[Spot]:
    if len(cluster) == 1:
        (hit,) = cluster
        return [Spot(hit.start, hit.end, hit.pattern.choose(text[hit.start : hit.end]))]
    taken: list[_Hit] = []
    for hit in sorted(cluster, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= t.start or t.end <= hit.start for t in taken):
            taken.append(hit)
    taken.sort(key=lambda h: h.start)
    return [Spot(h.start, h.end, h.pattern.choose(text[h.start : h.end])) for h in taken]
