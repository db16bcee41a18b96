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

import marshal
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from heapq import nlargest
from typing import Any, Literal, cast, overload

from rapidfuzz import fuzz, process

from glossary.lookup.keys import (
    STOP_WORDS,
    Respellings,
    conlang_key,
    conlang_words,
    english_key,
    english_keys,
    is_stop_words,
)
from glossary.models import Entry, Glossary
from glossary.spelling import fold

Field = Literal["term", "variant", "translation"]
_FIELD_RANK: dict[str, int] = {"term": 0, "variant": 1, "translation": 2}

MAX_RUN = 6  # the longest run of query words looked up as one exact spelling
NEAR_AFTER = 16  # searches of a table before `_near` indexes it
INSIDE_MAX = 50  # phrases holding a word, per language, before the limit is applied
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
    inside: bool = False  # the query is one of the words of `text` (a phrase)

    def sort_key(self) -> tuple[bool, bool, int, int, int]:
        """Hits for the whole query first, phrases holding it as a word last; then the best
        score, the most words covered."""
        return (
            not self.whole,
            self.inside,
            -self.score,
            -self.words,
            _FIELD_RANK[self.matched],
        )

    def strength(self) -> tuple[bool, int, int, bool, int]:
        """How good a match this is for its entry: a match of its own spelling or sense
        before a word inside it; score, words covered, then the rest."""
        return (self.inside, -self.score, -self.words, not self.whole, _FIELD_RANK[self.matched])


Item = tuple[str, int, Field, str, tuple[str, ...]]  # key, entry, field, text, word keys
Row = tuple[int, Field, str, tuple[str, ...]]  # entry, field, text, word keys
# A table as stored: keys, each row's entry (array "I" bytes) and field with the position of
# its text among the entry's spellings or translations (array "I" bytes).
TableState = tuple[list[str], bytes, bytes]
SideState = tuple[TableState, TableState, TableState, dict[str, list[int]], bytes]
# What an entry's hits show: term, translations, variants, kind, status.
EntryState = tuple[str, list[str], list[str], str, str]
STATE = 3  # the version of `Index.state`'s shape
FIELDS: tuple[Field, ...] = ("term", "variant", "translation")
_PLACES = 1 << 24  # a row's code: field * _PLACES + position


def _order(key: str) -> tuple[int, str]:
    return len(key), key


class _Sorted:
    """Rows by key in keys sorted by `_order`: a bisection."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys

    def get(self, key: str, default: Sequence[int] = ()) -> Sequence[int]:
        lo = bisect_left(self.keys, _order(key), key=_order)
        hi = bisect_right(self.keys, _order(key), lo, key=_order)
        return range(lo, hi) if lo < hi else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self.get(key, ()))


RowsByKey = dict[str, list[int]] | _Sorted


@dataclass
class _Table:
    """Keys sorted by length, with what each key stands for."""

    keys: list[str] = field(default_factory=list)  # sorted by length, then by themselves
    rows: list[Row] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    exact: RowsByKey = field(default_factory=dict)  # rows by key
    # per key length: the rows of the keys of that length by each key with a letter left out
    shortened: dict[int, dict[str, list[int]]] = field(default_factory=dict)
    searches: int = 0

    @classmethod
    def build(cls, items: Iterable[Item]) -> _Table:
        table = cls()
        seen: set[tuple[str, int]] = set()
        exact: dict[str, list[int]] = {}
        table.exact = exact
        for key, entry, where, text, words in sorted(items, key=lambda item: _order(item[0])):
            if key and (key, entry) not in seen:
                seen.add((key, entry))
                exact.setdefault(key, []).append(len(table.keys))
                table.keys.append(key)
                table.rows.append((entry, where, text, words))
                table.lengths.append(len(key))
        return table

    def state(self, place: Callable[[Row], int]) -> TableState:
        """What rebuilds the table (`restored`), for `marshal`: the rows as two arrays, a
        row's text as its position in its entry (`place`), so that reading it back makes
        no object per row."""
        entries = array("I", (row[0] for row in self.rows))
        codes = array("I", (_FIELD_RANK[row[1]] * _PLACES + place(row) for row in self.rows))
        return self.keys, entries.tobytes(), codes.tobytes()

    @classmethod
    def restored(cls, state: TableState, text: Callable[[int, int], str]) -> _Table:
        """The table again; `text(entry, code)` gives a row's text back. Its keys are found
        by bisection (they are sorted) rather than a dict that would take longer to read
        back than the few lookups it would serve."""
        keys, entries, codes = state
        rows = _Rows(_array("I", entries), _array("I", codes), text)
        return cls(keys, cast(list[Row], rows), list(map(len, keys)), _Sorted(keys))

    def search(self, key: str, cutoff: float) -> Iterator[tuple[int, int]]:
        """(score, row) of keys at least `cutoff` like `key`. ratio >= c needs lengths within
        2*min/(a+b) >= c, so only that slice of the table is compared."""
        if cutoff >= 100:  # short keys: only the same key will do, and a dict finds it
            return ((100, row) for row in self.exact.get(key, ()))
        c = cutoff / 100
        shortest, longest = int(c * len(key) / (2 - c)), int(len(key) * (2 - c) / c) + 1
        lo, hi = bisect_left(self.lengths, shortest), bisect_right(self.lengths, longest)
        self.searches += 1
        one_edit = lo < hi and (100 - cutoff) * (len(key) + self.lengths[hi - 1]) < 200
        # `_near` indexes every key with a letter left out, once per length: worth it for
        # many searches (dedupe), not for the few of one lookup, which rapidfuzz does in C.
        if one_edit and (self.searches > NEAR_AFTER or len(key) + 1 in self.shortened):
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
        # partial_ratio is slow: only phrases sharing words with a query are compared, two
        # of them (one for a phrase of two words, so that the other may be misspelt).
        self.rows_with: dict[str, list[int]] = {}
        self.least: list[int] = []
        for row, (*_, words) in enumerate(self.phrases.rows):
            meaningful = _meaningful(words)
            self.least.append(1 if len(meaningful) <= 2 else 2)
            for word in meaningful:
                self.rows_with.setdefault(word, []).append(row)
        # The words of the phrases, to find the phrases a word stands in (however spelt).
        self.words = _Table.build((w, 0, "term", w, (w,)) for w in self.rows_with)

    @property
    def exact(self) -> RowsByKey:
        """The rows of `all` by key."""
        return self.all.exact

    def state(self, place: Callable[[Row], int]) -> SideState:
        """What rebuilds the side (`restored`): plain lists, dicts and bytes, for `marshal`."""
        return (
            self.all.state(place),
            self.phrases.state(place),
            self.words.state(lambda row: 0),  # its rows are never read: only its keys
            self.rows_with,
            bytes(self.least),
        )

    @classmethod
    def restored(
        cls,
        state: SideState,
        text: Callable[[int, int], str],
        join: str,
        word_keys: Callable[[str], list[str]],
        cutoff: Callable[[int], float],
    ) -> _Side:
        side = cls.__new__(cls)
        side.join, side.word_keys, side.cutoff = join, word_keys, cutoff
        every, phrases, words, side.rows_with, least = state
        side.all, side.phrases = _Table.restored(every, text), _Table.restored(phrases, text)
        side.words = _Table.restored(words, text)
        side.least = list(least)
        return side

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


class _Rows(Sequence[Row]):
    """A restored table's rows, each made when it is asked for (a hit, a few per lookup)."""

    def __init__(self, entries: array[int], codes: array[int], text: Callable[[int, int], str]):
        self.entries, self.codes, self.text = entries, codes, text

    def __len__(self) -> int:
        return len(self.entries)

    @overload
    def __getitem__(self, i: int) -> Row: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Row]: ...
    def __getitem__(self, i: int | slice) -> Row | Sequence[Row]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        entry, code = self.entries[i], self.codes[i]
        return entry, FIELDS[code // _PLACES], self.text(entry, code), ()


class _Entries(Sequence[Entry]):
    """The entries of a restored index, each made when a hit first needs it: a glossary of
    100,000 entries is not rebuilt for the ten a lookup shows. Each entry is kept as its own
    marshal record in one blob, found by its offset."""

    def __init__(self, blob: bytes, offsets: array[int]) -> None:
        self.blob, self.offsets = blob, offsets
        self.made: dict[int, Entry] = {}
        self.states: dict[int, EntryState] = {}

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def state(self, i: int) -> EntryState:
        found = self.states.get(i)
        if found is None:
            record = self.blob[self.offsets[i] : self.offsets[i + 1]]
            found = self.states[i] = marshal.loads(record)
        return found

    def text(self, i: int, code: int) -> str:
        """The text of a row of entry `i`: the spelling or translation its code says."""
        term, translations, variants, _, _ = self.state(i)
        where, place = divmod(code, _PLACES)
        return term if where == 0 else (variants if where == 1 else translations)[place]

    @overload
    def __getitem__(self, i: int) -> Entry: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Entry]: ...
    def __getitem__(self, i: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        entry = self.made.get(i)
        if entry is None:
            term, translations, variants, kind, status = self.state(i)
            entry = self.made[i] = Entry.model_validate(
                {
                    "term": term,
                    "translations": translations,
                    "variants": variants,
                    "kind": kind,
                    "status": status,
                }
            )
        return entry

    @staticmethod
    def packed(states: Iterable[EntryState]) -> tuple[bytes, bytes]:
        """(blob, offsets as array "Q" bytes) of entry states."""
        records = [marshal.dumps(s) for s in states]
        offsets = array("Q", [0])
        for record in records:
            offsets.append(offsets[-1] + len(record))
        return b"".join(records), offsets.tobytes()


def _array(code: str, raw: bytes) -> array[int]:
    found = array(code)
    found.frombytes(raw)
    return found


def _entry_state(entry: Entry) -> EntryState:
    return (entry.term, entry.translations, entry.variants, entry.kind, entry.status)


class Index:
    """A glossary made ready for lookups. Rejected entries are left out.

    `respellings`: the language's (`{crew: kru}`), used when the glossary states none.
    `state()` is the built index as plain data (for a cache), `restored(state)` the index
    again, without the glossary.
    """

    entries: Sequence[Entry]

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

    def state(self) -> tuple[object, ...]:
        """The built index as lists, dicts, tuples, bytes and strings (what `marshal`
        writes)."""
        entries = self.entries

        def place(row: Row) -> int:
            entry, where, text, _ = row
            if where == "translation":
                return entries[entry].translations.index(text)
            return entries[entry].variants.index(text) if where == "variant" else 0

        blob, offsets = _Entries.packed(_entry_state(e) for e in entries)
        return (
            STATE,
            self.respellings.pairs,
            blob,
            offsets,
            self.conlang.state(place),
            self.english.state(place),
        )

    @classmethod
    def restored(cls, state: object) -> Index | None:
        """The index a `state()` was made from; None when it is not one (another version's,
        damaged)."""
        try:
            version, pairs, blob, offsets, conlang, english = cast(tuple[Any, ...], state)
            if version != STATE:
                return None
            index = cls.__new__(cls)
            index.respellings = Respellings(tuple(map(tuple, pairs)))
            entries = _Entries(blob, _array("Q", offsets))
            index.entries = entries
            words_of = partial(conlang_words, respellings=index.respellings)
            text = entries.text
            index.conlang = _Side.restored(conlang, text, "", words_of, conlang_cutoff)
            index.english = _Side.restored(english, text, " ", _english_words, english_cutoff)
        except (TypeError, ValueError):
            return None
        return index

    def _hit(
        self,
        table: _Table,
        row: int,
        score: int,
        part: str,
        words: int,
        whole: bool,
        inside: bool = False,
    ) -> Hit:
        entry, where, text, _ = table.rows[row]
        return Hit(self.entries[entry], score, where, text, part, words, whole, inside)

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

    def _inside(self, word: str) -> Iterator[Hit]:
        """The phrases a word (however spelt) stands in, on both sides; scored down by the
        share of the phrase the word is, so that the shortest come first."""
        for side, key, cutoff in self._keys(word):
            found: list[tuple[int, int]] = []
            for score, row in side.words.search(key, cutoff):
                held = side.words.keys[row]
                for phrase in side.rows_with.get(held, ()):
                    size = len(side.phrases.keys[phrase])
                    found.append((round(score * (0.5 + 0.5 * len(held) / size)), phrase))
            for score, phrase in nlargest(INSIDE_MAX, found):
                yield self._hit(side.phrases, phrase, score, word, 1, False, inside=True)

    def in_phrases(self, word: str) -> bool:
        """Whether a word (its conlang key) stands in some conlang phrase of the glossary."""
        return conlang_key(word, self.respellings) in self.conlang.rows_with

    def spelled(self, word: str) -> bool:
        """Whether some entry is spelled like this word (any case, accent, spacing)."""
        return conlang_key(word, self.respellings) in self.conlang.exact

    def lookup(self, query: str, limit: int | None = 10) -> list[Hit]:
        """The best entries for a query, best first: one hit per entry, its best match."""
        words = fold(query).split()
        if not words:
            return []
        hits = self._fuzzy(" ".join(words), len(words), whole=True)
        if len(words) == 1:
            hits += self._inside(words[0])
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
        return [self._as_typed(h) for h in (ranked[:limit] if limit is not None else ranked)]

    def _as_typed(self, hit: Hit) -> Hit:
        """The hit with the entry's spelling that is what was typed (but for case, accents
        and spaces), when the keys made another of its spellings match first (`wanheddaa`
        matches the variant `Wanheddaa`, not the term `Wanheda`)."""
        if hit.matched == "translation" or hit.inside:
            return hit
        typed = hit.query.replace(" ", "")
        for where, spelling in _spellings(hit.entry):
            if fold(spelling).replace(" ", "") == typed:
                return hit if spelling == hit.text else replace(hit, matched=where, text=spelling)
        return hit


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
