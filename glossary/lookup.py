"""Fuzzy lookup both ways: a conlang spelling or an English gloss to the entries it means.

Every spelling and every sense of every translation is keyed once (`lookup_keys`), and the
table is sorted by key length, so that a query is compared only with keys long enough to reach
the cutoff. The scorer is `fuzz.ratio` (fast, and it does not over-rank substrings as WRatio
does); a query of several words is also looked up piece by piece, and as part of a longer phrase.
Nothing is better than a wrong answer: short keys must match exactly, stop words match nothing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from glossary.lookup_keys import conlang_key, english_key, english_keys, is_stop_words
from glossary.models import Entry, Glossary
from glossary.normalize import fold

Field = Literal["term", "variant", "translation"]
_FIELD_RANK: dict[str, int] = {"term": 0, "variant": 1, "translation": 2}

MAX_WINDOW = 6  # the longest run of query words looked up on its own
PART_MIN = 90  # partial_ratio a query needs to count as part of a longer phrase


def conlang_cutoff(length: int) -> float:
    """How close a conlang key must be: the shorter the word, the fewer letters may differ."""
    if length <= 3:
        return 100
    if length <= 5:
        return 90  # one letter more in a 4-letter word (89) is too often another word
    return 80 if length <= 8 else 75


def english_cutoff(length: int) -> float:
    # English words one letter apart are usually different words (fight, night): be strict.
    if length <= 4:
        return 100
    return 90 if length <= 7 else 85


@dataclass(frozen=True)
class Hit:
    """One entry found for a query: what matched, how well (0-100), for which query words."""

    entry: Entry
    score: int
    matched: Field
    text: str  # the spelling or translation that matched
    query: str  # the words of the query it matched (folded): all of them or some
    words: int = 1  # how many query words it covers; more covered ranks first
    whole: bool = True  # it matched the whole query, not some of its words

    def sort_key(self) -> tuple[bool, int, int, int]:
        """Hits for the whole query first; then the best score, the most words covered."""
        return (not self.whole, -self.score, -self.words, _FIELD_RANK[self.matched])


@dataclass
class _Table:
    """Keys sorted by length, with what each key stands for."""

    keys: list[str] = field(default_factory=list)
    rows: list[tuple[int, Field, str]] = field(default_factory=list)  # entry, field, text
    lengths: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, items: Iterable[tuple[str, int, Field, str]]) -> _Table:
        table = cls()
        seen: set[tuple[str, int]] = set()
        for key, entry, where, text in sorted(items, key=lambda item: len(item[0])):
            if not key or (key, entry) in seen:
                continue
            seen.add((key, entry))
            table.keys.append(key)
            table.rows.append((entry, where, text))
            table.lengths.append(len(key))
        return table

    def search(self, key: str, cutoff: float) -> list[tuple[int, int]]:
        """(score, row) of keys at least `cutoff` like `key`; only feasible lengths compared."""
        c = cutoff / 100
        shortest = int(c * len(key) / (2 - c))
        longest = int(len(key) * (2 - c) / c) + 1 if c else max(self.lengths, default=0)
        lo, hi = bisect_left(self.lengths, shortest), bisect_right(self.lengths, longest)
        found = process.extract(
            key, self.keys[lo:hi], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        return [(round(score), lo + i) for _, score, i in found]

    def search_within(self, key: str) -> list[tuple[int, int]]:
        """(score, row) of longer keys that hold `key`: a partial line of a phrase. The score
        falls with the share of the phrase the query covers."""
        lo = bisect_right(self.lengths, len(key))
        found = process.extract(
            key, self.keys[lo:], scorer=fuzz.partial_ratio, score_cutoff=PART_MIN, limit=None
        )
        hits = []
        for _, score, i in found:
            share = len(key) / self.lengths[lo + i]
            hits.append((round(score * (0.5 + 0.5 * share)), lo + i))
        return hits


class Index:
    """A glossary made ready for lookups. Rejected entries are left out."""

    def __init__(self, glossary: Glossary) -> None:
        self.entries = [e for e in glossary.terms if e.status != "rejected"]
        conlang: list[tuple[str, int, Field, str]] = []
        english: list[tuple[str, int, Field, str]] = []
        for i, entry in enumerate(self.entries):
            conlang.append((conlang_key(entry.term), i, "term", entry.term))
            conlang.extend((conlang_key(v), i, "variant", v) for v in entry.variants)
            for translation in entry.translations:
                english.extend(
                    (k, i, "translation", translation) for k in english_keys(translation)
                )
        self.conlang = _Table.build(conlang)
        self.english = _Table.build(english)

    def _window(self, part: str, words: int, whole: bool) -> list[Hit]:
        """The hits for some words of a query (or all of them, `whole`)."""
        found: list[tuple[_Table, list[tuple[int, int]]]] = []
        ckey = conlang_key(part)
        ekey = english_key(part)
        stop = is_stop_words(ekey)
        if len(ckey) >= 2:
            # A stop word may still be a conlang word spelled exactly (`in`, `so`).
            cutoff = 100 if stop else conlang_cutoff(len(ckey))
            found.append((self.conlang, self.conlang.search(ckey, cutoff)))
        if len(ekey) >= 2 and not stop:
            found.append((self.english, self.english.search(ekey, english_cutoff(len(ekey)))))
        if whole and words >= 2 and not stop:
            found.append((self.conlang, self.conlang.search_within(ckey)))
            found.append((self.english, self.english.search_within(ekey)))
        hits = []
        for table, rows in found:
            for score, row in rows:
                entry, where, text = table.rows[row]
                # Some words of a line that are merely like a one-word term (`ai laik` and
                # `bilaik`) are a coincidence; a compound spelled apart (`sky kru`) is exact.
                if not whole and words > 1 and score < 100 and " " not in fold(text):
                    continue
                hits.append(Hit(self.entries[entry], score, where, text, part, words, whole))
        return hits

    def lookup(self, query: str, limit: int | None = 10) -> list[Hit]:
        """The best entries for a query, best first: one hit per entry, its best match."""
        words = fold(query).split()
        hits: list[Hit] = []
        for size in range(len(words), 0, -1):
            if size < len(words) and size > MAX_WINDOW:
                continue
            for start in range(len(words) - size + 1):
                part = " ".join(words[start : start + size])
                hits += self._window(part, size, whole=size == len(words))
        best: dict[int, Hit] = {}
        for hit in sorted(hits, key=Hit.sort_key):
            best.setdefault(id(hit.entry), hit)
        ranked = list(best.values())
        return ranked[:limit] if limit is not None else ranked


def lookup(glossary: Glossary, queries: Sequence[str], limit: int | None = 10) -> list[list[Hit]]:
    """The hits for each query, in the order of the queries."""
    index = Index(glossary)
    return [index.lookup(q, limit) for q in queries]
