"""Spotting: where the glossary's terms stand in a story, as exact offsets into its text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import itemgetter
from typing import NamedTuple

from annotate.spotting.folding import fold, key, squash
from annotate.spotting.index import Index, Pattern
from annotate.story import Story
from glossary.models import Entry, Glossary

# A blank line ends a paragraph: no phrase is found across it.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# Texts are spotted in chunks of about this many characters, cut at blank lines: the big
# integers of `squash` stay cache-sized and memory stays flat however long the story.
CHUNK = 1 << 18

_Hit = tuple[int, int, int]  # start, end (offsets into the text), pattern number


class Spot(NamedTuple):
    """One glossed span: `story.text[start:end]` belongs to `entry`."""

    start: int
    end: int
    entry: Entry


class Spotter:
    """A glossary made ready for spotting; build it once, spot many stories.

    Example: Spotter(reading.read(Path("glossary.yaml"))).spot(read_story(Path("x.txt")))
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.index = Index(glossary)

    def __reduce__(self) -> tuple[type[Spotter], tuple[Glossary]]:
        # The automaton does not pickle: a process started by spawn builds its own. Forked
        # workers (Linux) inherit the parent's as it is, built once.
        return (Spotter, (self.glossary,))

    def spot(self, story: Story, *, first: bool = False) -> list[Spot]:
        """Glossable terms in `story`, in text order, never overlapping.

        Every spelling of an entry, whole words, any case, shouted elongations, across line
        breaks but not blank lines; where matches overlap the longest wins; `first` keeps
        only each entry's first occurrence.
        """
        return self.spot_text(story.text, first=first)

    def entry_for(self, text: str) -> Entry | None:
        """The entry (a name too, never a rejected one) that `text`, a word or phrase, is a
        spelling of, for word-by-word glosses."""
        pattern = self.index.by_key.get(key(text))
        return pattern.choose(text) if pattern else None

    def spot_text(self, text: str, *, first: bool = False) -> list[Spot]:
        spots: list[Spot] = []
        for start, end in _chunks(text):
            spots.extend(self._choose(text, self._hits(text, start, end)))
        shown = self.index.glossable
        kept = [s for s in spots if id(s.entry) in shown] if self.index.hides else spots
        if first:
            firsts: dict[int, Spot] = {}
            for s in kept:
                firsts.setdefault(id(s.entry), s)
            kept = sorted(firsts.values())
        return kept

    def _hits(self, text: str, start: int, end: int) -> list[_Hit]:
        index = self.index
        if index.automaton is None:
            return []
        squashed, where = squash(b" " + fold(text[start:end]) + b" ")
        found = index.automaton.find_matches_as_indexes(squashed, overlapping=True)
        if not found:
            return []
        # A match is " key ": the word starts at the byte after its first space and ends
        # where its last space starts; `where` says where those bytes stand in the text.
        shift = start - 1  # the leading pad
        starts = (where[[a + 1 for _, a, _ in found]] + shift).tolist()
        ends = (where[[b - 1 for _, _, b in found]] + shift).tolist()
        hits: list[_Hit] = list(zip(starts, ends, [i for i, _, _ in found], strict=True))
        if index.any_doubtful:
            doubtful, patterns = index.doubtful, index.patterns
            hits = [h for h in hits if not (doubtful[h[2]] and _false(text, h, patterns[h[2]]))]
        return hits

    def _choose(self, text: str, hits: list[_Hit]) -> list[Spot]:
        """The longest hits that do not overlap, in text order."""
        hits.sort(key=_START)
        patterns, sole = self.index.patterns, self.index.sole
        spots: list[Spot] = []
        i, n = 0, len(hits)
        while i < n:
            s, e, k = hits[i]
            j = i + 1
            if j < n and hits[j][0] < e:  # a cluster of overlapping hits
                reach = e
                while j < n and hits[j][0] < reach:
                    reach = max(reach, hits[j][1])
                    j += 1
                taken = _longest_first(hits[i:j], reach)
            else:
                entry = sole[k] or patterns[k].choose(text[s:e])
                if entry is not None:
                    spots.append(Spot(s, e, entry))
                i = j
                continue
            for s, e, k in taken:
                entry = sole[k] or patterns[k].choose(text[s:e])
                if entry is not None:
                    spots.append(Spot(s, e, entry))
            i = j
        return spots


# By start alone, in C (a Python key function was a tenth of the per-hit work): hits that
# share a start overlap, so they fall in one cluster, and `_longest_first` orders a cluster.
_START = itemgetter(0)


def _false(text: str, hit: _Hit, pattern: Pattern) -> bool:
    """A hit the text does not bear out: a phrase across a blank line, or a key holding OTHER
    whose letters are not the text's."""
    s, e, _ = hit
    if text.find("\n", s, e) >= 0 and _BLANK_LINE.search(text, s, e):
        return True
    return pattern.checked and pattern.choose(text[s:e]) is None


def _longest_first(cluster: list[_Hit], reach: int) -> list[_Hit]:
    """The hits of a cluster (by start) that the longest first leave standing."""
    start = cluster[0][0]
    for hit in cluster:
        if hit[0] != start:
            break
        if hit[1] == reach:  # it holds all the others (nearly every cluster: a phrase's words)
            return [hit]
    taken: list[_Hit] = []
    for hit in sorted(cluster, key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= t[0] or t[1] <= hit[0] for t in taken):
            taken.append(hit)
    return sorted(taken)


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start < len(text):
        cut = text.find("\n\n", start + CHUNK)
        end = len(text) if cut < 0 else cut
        yield start, end
        start = end


def spot(story: Story, glossary: Glossary, *, first: bool = False) -> list[Spot]:
    """Spot one story against a glossary (build a `Spotter` to spot several)."""
    return Spotter(glossary).spot(story, first=first)
