"""Fuzzy lookup both ways: a conlang spelling or an English gloss to the entries it means.

Every spelling and every sense of every translation is keyed once (`lookup_keys`) into tables
sorted by key length, so that a query is compared only with keys long enough to reach the
cutoff. The scorer is `fuzz.ratio`: fast, and it does not over-rank substrings as WRatio does.
A query of several words is also looked up word by word, as runs of words spelled exactly like
a term (`sky kru`), and against phrases with `partial_ratio` (one call per language): a phrase
inside the line, or the line inside a longer phrase.

Conlang spellings are keyed with the language's respellings (`crew: kru`): the glossary's own
(`grammar.respellings`) when it states them, else those the caller knows for its language.

Nothing is better than a wrong answer: short keys must match exactly, stop words and single
letters match nothing, and near-identical terms are all shown with their own scores.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Literal

from rapidfuzz import fuzz, process

from glossary.lookup_keys import (
    STOP_WORDS,
    Respellings,
    conlang_key,
    conlang_words,
    english_key,
    english_keys,
    is_stop_words,
)
from glossary.models import Entry, Glossary
from glossary.normalize import fold

Field = Literal["term", "variant", "translation"]
_FIELD_RANK: dict[str, int] = {"term": 0, "variant": 1, "translation": 2}

MAX_RUN = 6  # the longest run of query words looked up as one exact spelling
PART_MIN = 90  # partial_ratio for a phrase inside a line, or a line inside a phrase
STRONG = 90  # a whole-query hit this good makes longer phrases holding the query noise


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
    words: int = 1  # how many query words it covers
    whole: bool = True  # it answers the whole query, not some of its words

    def sort_key(self) -> tuple[bool, int, int, int]:
        """Hits for the whole query first; then the best score, the most words covered."""
        return (not self.whole, -self.score, -self.words, _FIELD_RANK[self.matched])

    def strength(self) -> tuple[int, int, bool, int]:
        """How good a match this is for its entry: score, words covered, then the rest."""
        return (-self.score, -self.words, not self.whole, _FIELD_RANK[self.matched])


Item = tuple[str, int, Field, str, tuple[str, ...]]  # key, entry, field, text, word keys
Row = tuple[int, Field, str, tuple[str, ...]]  # entry, field, text, word keys


@dataclass
class _Table:
    """Keys sorted by length, with what each key stands for."""

    keys: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    exact: dict[str, list[int]] = field(default_factory=dict)  # rows by key
    # per key length: the rows of the keys of that length by each key with a letter left out
    shortened: dict[int, dict[str, list[int]]] = field(default_factory=dict)

    @classmethod
    def build(cls, items: Iterable[Item]) -> _Table:
        table = cls()
        seen: set[tuple[str, int]] = set()
        for key, entry, where, text, words in sorted(items, key=lambda item: len(item[0])):
            if key and (key, entry) not in seen:
                seen.add((key, entry))
                table.exact.setdefault(key, []).append(len(table.keys))
                table.keys.append(key)
                table.rows.append((entry, where, text, words))
                table.lengths.append(len(key))
        return table

    def search(self, key: str, cutoff: float) -> Iterator[tuple[int, int]]:
        """(score, row) of keys at least `cutoff` like `key`. ratio >= c needs lengths within
        2*min/(a+b) >= c, so only that slice of the table is compared."""
        if cutoff >= 100:  # short keys: only the same key will do, and a dict finds it
            return ((100, row) for row in self.exact.get(key, ()))
        c = cutoff / 100
        shortest, longest = int(c * len(key) / (2 - c)), int(len(key) * (2 - c) / c) + 1
        lo, hi = bisect_left(self.lengths, shortest), bisect_right(self.lengths, longest)
        if lo < hi and (100 - cutoff) * (len(key) + self.lengths[hi - 1]) < 200:
            return self._near(key, cutoff)
        found = process.extract(
            key, self.keys[lo:hi], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        return ((round(score), lo + i) for _, score, i in found)

    def _near(self, key: str, cutoff: float) -> Iterator[tuple[int, int]]:
        """`search` where the cutoff leaves room for no more than one letter added or left
        out (ratio is 1 - distance / both lengths): a few dict lookups find those keys."""
        rows = set(self.exact.get(key, ()))
        for i in range(len(key)):
            rows.update(self.exact.get(key[:i] + key[i + 1 :], ()))
        rows.update(self._shortened(len(key) + 1).get(key, ()))
        scored = [(fuzz.ratio(key, self.keys[row]), row) for row in rows]
        # best first, then in table order, as `process.extract` gives them
        scored.sort(key=lambda found: (-found[0], found[1]))
        return ((round(score), row) for score, row in scored if score >= cutoff)

    def _shortened(self, length: int) -> dict[str, list[int]]:
        """The keys of `length` letters by each way of leaving one letter out (made once)."""
        if length not in self.shortened:
            index: dict[str, list[int]] = {}
            lo, hi = bisect_left(self.lengths, length), bisect_right(self.lengths, length)
            for row in range(lo, hi):
                key = self.keys[row]
                for short in {key[:i] + key[i + 1 :] for i in range(length)}:
                    index.setdefault(short, []).append(row)
            self.shortened[length] = index
        return self.shortened[length]

    def overlapping(self, key: str, rows: list[int]) -> Iterator[tuple[int, int]]:
        """(partial score, row) of the keys at `rows` that hold `key` or are held in it."""
        found = process.extract(
            key, [self.keys[r] for r in rows], scorer=fuzz.partial_ratio, score_cutoff=PART_MIN
        )
        return ((round(score), rows[i]) for _, score, i in found)


class _Side:
    """One language's keys: all of them, those of phrases (several words), and exact ones.

    `join` is how a key of several words is made from the keys of each: conlang keys have no
    spaces (compounds are spelled apart or together), English keys keep them.
    """

    def __init__(
        self,
        items: list[Item],
        join: str,
        word_keys: Callable[[str], list[str]],
        cutoff: Callable[[int], float],
    ) -> None:
        self.join, self.word_keys, self.cutoff = join, word_keys, cutoff
        self.all = _Table.build(items)
        self.phrases = _Table.build(i for i in items if len(i[4]) > 1)
        self.exact: dict[str, list[int]] = {}
        for row, key in enumerate(self.all.keys):
            self.exact.setdefault(key, []).append(row)
        # partial_ratio is slow: only phrases sharing words with a query are compared, two
        # of them (one for a phrase of two words, so that the other may be misspelt).
        self.rows_with: dict[str, list[int]] = {}
        self.least: list[int] = []
        for row, (*_, words) in enumerate(self.phrases.rows):
            meaningful = _meaningful(words)
            self.least.append(1 if len(meaningful) <= 2 else 2)
            for word in meaningful:
                self.rows_with.setdefault(word, []).append(row)

    def sharing(self, words: list[str]) -> list[int]:
        """Phrase rows with enough words in common with these word keys."""
        counts = Counter(r for w in _meaningful(words) for r in self.rows_with.get(w, ()))
        return [row for row, count in counts.items() if count >= self.least[row]]


def _meaningful(words: Iterable[str]) -> set[str]:
    return {w for w in words if w not in STOP_WORDS}


def _english_words(text: str) -> list[str]:
    return fold(text).split()


def own_respellings(glossary: Glossary) -> dict[str, str] | None:
    """The respellings the glossary's grammar states (`{}` too: it wants none), else None."""
    grammar = glossary.grammar
    # Set, not merely defaulted: a grammar written for its joiners keeps the language's swaps.
    return grammar.respellings if grammar and "respellings" in grammar.model_fields_set else None


def respellings_of(glossary: Glossary, fallback: Mapping[str, str] | None) -> Respellings:
    """The respellings a glossary is keyed with: its own, else `fallback` (its language's)."""
    own = own_respellings(glossary)
    return Respellings.of(own if own is not None else fallback)


class Index:
    """A glossary made ready for lookups. Rejected entries are left out.

    `respellings`: the language's (`{crew: kru}`), used when the glossary states none.
    """

    def __init__(self, glossary: Glossary, respellings: Mapping[str, str] | None = None) -> None:
        self.respellings = respellings_of(glossary, respellings)
        conlang_words_of = partial(conlang_words, respellings=self.respellings)
        self.entries = [e for e in glossary.terms if e.status != "rejected"]
        conlang: list[Item] = []
        english: list[Item] = []
        for i, entry in enumerate(self.entries):
            for where, spelling in _spellings(entry):
                words = tuple(conlang_words_of(spelling))
                conlang.append(("".join(words), i, where, spelling, words))
            for text in entry.translations:
                english.extend(
                    (k, i, "translation", text, tuple(k.split())) for k in english_keys(text)
                )
        self.conlang = _Side(conlang, "", conlang_words_of, conlang_cutoff)
        self.english = _Side(english, " ", _english_words, english_cutoff)

    def _hit(self, table: _Table, row: int, score: int, part: str, words: int, whole: bool) -> Hit:
        entry, where, text, _ = table.rows[row]
        return Hit(self.entries[entry], score, where, text, part, words, whole)

    def _keys(self, text: str) -> Iterator[tuple[_Side, str, float]]:
        """Each language's key of some query words and the score it needs; none for stop
        words (except a conlang spelling exactly like one: `in`, `so`) or single letters."""
        ckey, ekey = conlang_key(text, self.respellings), english_key(text)
        stop = is_stop_words(ekey)
        if len(ckey) >= 2:
            yield self.conlang, ckey, 100 if stop else self.conlang.cutoff(len(ckey))
        if len(ekey) >= 2 and not stop:
            yield self.english, ekey, self.english.cutoff(len(ekey))

    def _fuzzy(self, text: str, words: int, whole: bool) -> list[Hit]:
        keys = list(self._keys(text))
        # Spelled exactly like a key of one language: the query is in that language, and
        # only its near-identical keys are looked for (half the comparisons).
        exact = [(side, key, cutoff) for side, key, cutoff in keys if key in side.all.exact]
        return [
            self._hit(side.all, row, score, text, words, whole)
            for side, key, cutoff in exact or keys
            for score, row in side.all.search(key, cutoff)
        ]

    def _runs(self, words: list[str]) -> Iterator[Hit]:
        """Runs of two or more words of a line spelled exactly like a term: `sky kru`."""
        for size in range(2, min(MAX_RUN, len(words) - 1) + 1):
            for start in range(len(words) - size + 1):
                text = " ".join(words[start : start + size])
                for side, key, _ in self._keys(text):
                    for row in side.exact.get(key, []):
                        yield self._hit(side.all, row, 100, text, size, whole=False)

    def _phrases(self, words: list[str], strong: bool) -> Iterator[Hit]:
        """Phrases inside a line (scored on the words they cover), and longer phrases that
        hold the whole query (scored down by the share of the phrase it covers)."""
        for side in (self.conlang, self.english):
            keys = ["".join(side.word_keys(w)) for w in words]
            line = side.join.join(keys)
            if len(line) < 6 or is_stop_words(" ".join(words)):
                continue
            for score, row in side.phrases.overlapping(line, side.sharing(keys)):
                key = side.phrases.keys[row]
                if len(key) > len(line):
                    if not strong:
                        share = len(line) / len(key)
                        scaled = round(score * (0.5 + 0.5 * share))
                        yield self._hit(
                            side.phrases, row, scaled, " ".join(words), len(words), True
                        )
                    continue
                score, start, end = _on_words(key, line, keys, side.join)
                if end - start < 2 or end - start == len(words):
                    continue  # one word is looked up alone; all of them, as the whole query
                if score >= side.cutoff(len(key)):
                    text = " ".join(words[start:end])
                    yield self._hit(side.phrases, row, score, text, end - start, False)

    def lookup(self, query: str, limit: int | None = 10) -> list[Hit]:
        """The best entries for a query, best first: one hit per entry, its best match."""
        words = fold(query).split()
        if not words:
            return []
        hits = self._fuzzy(" ".join(words), len(words), whole=True)
        if len(words) > 1:
            strong = any(h.score >= STRONG for h in hits)
            hits += self._phrases(words, strong)
            hits += self._runs(words)
            for word in dict.fromkeys(words):  # a word said twice is looked up once
                hits += self._fuzzy(word, 1, whole=False)
        # Each entry by its best match (a phrase found exactly inside a line beats the line
        # being loosely like it); then the whole query's answers first.
        best: dict[int, Hit] = {}
        for hit in sorted(hits, key=Hit.strength):
            best.setdefault(id(hit.entry), hit)
        ranked = sorted(best.values(), key=Hit.sort_key)
        return ranked[:limit] if limit is not None else ranked


def _spellings(entry: Entry) -> Iterator[tuple[Field, str]]:
    yield "term", entry.term
    for variant in entry.variants:
        yield "variant", variant


def _on_words(key: str, line: str, keys: list[str], join: str) -> tuple[int, int, int]:
    """(score, start, end): the run of words of `line` (made of `keys`) a phrase is inside,
    scored on whole words so that it never matches half a word. The alignment may reach one
    word too far at either end; the best of those runs wins."""
    aligned = fuzz.partial_ratio_alignment(key, line)
    if aligned is None:
        return 0, 0, 0
    covered = []
    at = 0
    for i, word in enumerate(keys):
        if at < aligned.dest_end and at + len(word) > aligned.dest_start:
            covered.append(i)
        at += len(word) + len(join)
    if not covered:
        return 0, 0, 0
    first, last = covered[0], covered[-1] + 1
    runs = {(a, b) for a in (first, first + 1) for b in (last, last - 1) if b - a >= 1}
    return max((round(fuzz.ratio(key, join.join(keys[a:b]))), a, b) for a, b in runs)
