"""Learning word glosses from phrase pairs: `Yu gonplei ste odon` / *Your fight is over* and
`Ai gonplei nou ste odon` / *My fight is not over* together say what `gonplei` and `nou` mean.

The pairs come from the glossary itself (phrase entries with their translations, and the
translations their sources quote) and from files; single-word entries with a translation are
anchors, their English known. `glossary.align` does the statistics; this module makes the
words, and reads the links back as glosses with scores and the phrases that support them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from glossary.learn.align import Model, Settings, fit
from glossary.learn.lemmas import english_words, lemmas
from glossary.lookup.keys import STOP_WORDS
from glossary.models import Entry, Glossary
from glossary.spelling import fold

MIN_LINK = 0.15  # a link weaker than this supports nothing
MIN_SCORE = 0.05  # glosses less likely than this are not listed
MAX_GLOSSES = 3
COMPOUND = 0.3  # two glosses this likely, side by side in the English, are one gloss
LEARNED = "learned"  # the `method` of what learning adds to a glossary
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True)
class PhrasePair:
    """A conlang line and its English translation, and where it was found."""

    conlang: str
    english: str
    story: str | None = None  # a story, a file of pairs, or None for a glossary entry
    line: int | None = None


@dataclass(frozen=True)
class Sense:
    gloss: str
    score: float  # 0-1: how much of the word's sightings link to this gloss


@dataclass
class Learned:
    """What the pairs say a conlang word means."""

    word: str  # folded
    spelling: str  # as most often written
    seen: int  # sightings in the pairs, besides those `carried`
    glosses: list[Sense] = field(default_factory=list)
    # The phrases whose sightings link it to its best gloss (one pair per conlang phrase).
    evidence: list[PhrasePair] = field(default_factory=list)
    carried: int = 0  # sightings whose English keeps the word as it is (names mostly)

    @property
    def best(self) -> Sense | None:
        return self.glosses[0] if self.glosses else None


def conlang_words(text: str) -> list[str]:
    return fold(text).split()


# --- from a glossary -------------------------------------------------------------------------


def learned_only(entry: Entry) -> bool:
    """A candidate that learning proposed and nobody has confirmed: it teaches nothing."""
    return (
        entry.status == "candidate"
        and bool(entry.sources)
        and all(s.method == LEARNED for s in entry.sources)
    )


def is_phrase(entry: Entry) -> bool:
    """Several words, or one a person called a phrase (`Mochof`: thank you)."""
    return entry.kind == "phrase" or len(conlang_words(entry.term)) > 1


def pairs_of(glossary: Glossary) -> list[PhrasePair]:
    """Phrase entries with their translations, and the translations their sources quote.
    Rejected entries and learned candidates say nothing."""
    pairs: dict[tuple[str, str], PhrasePair] = {}
    for entry in glossary.terms:
        if entry.status == "rejected" or learned_only(entry):
            continue
        if not is_phrase(entry):
            continue
        found = [
            PhrasePair(entry.term, s.translation, s.story, s.line)
            for s in entry.sources
            if s.translation and not s.lexicon and s.method != LEARNED
        ]
        # A story's own pair first: its place in the story is the better evidence.
        for pair in [*found, *(PhrasePair(entry.term, t) for t in entry.translations)]:
            pairs.setdefault((fold(pair.conlang), fold(pair.english)), pair)
    return list(pairs.values())


def anchors_of(glossary: Glossary) -> dict[str, list[str]]:
    """Single-word entries with translations: each spelling's folded word, its senses."""
    anchors: dict[str, list[str]] = {}
    for entry in glossary.terms:
        if entry.status == "rejected" or entry.kind == "name" or learned_only(entry):
            continue
        if is_phrase(entry):
            continue
        for spelling in entry.spellings() if entry.translations else []:
            words = conlang_words(spelling)
            if len(words) == 1:
                anchors.setdefault(words[0], []).extend(entry.translations)
    return anchors


# --- learning --------------------------------------------------------------------------------

Data = list[tuple[tuple[str, ...], tuple[str, ...]]]


def learn(
    pairs: Sequence[PhrasePair],
    anchors: Mapping[str, Sequence[str]] | None = None,
    settings: Settings | None = None,
) -> list[Learned]:
    """Every conlang word of the pairs with its likely glosses, the most often seen first."""
    tokenised = [(conlang_words(p.conlang), english_words(p.english)) for p in pairs]
    base = lemmas(e for _, english in tokenised for e in english)
    data: Data = []
    kept: list[PhrasePair] = []
    carried: Counter[str] = Counter()
    for pair, (conlang, english) in zip(pairs, tokenised, strict=True):
        # A word the English keeps as it is (a name, an untranslated title, an English word
        # in a conlang line) is explained there: that sighting teaches nothing more.
        same = set(conlang) & set(english)
        carried.update(w for w in conlang if w in same)
        source = tuple(f for f in conlang if f not in same)
        target = tuple(base.get(e, e) for e in english if e not in same)
        if source and target:
            data.append((source, target))
            kept.append(pair)
    model = fit(data, _fixed(anchors or {}, base), settings or Settings())
    links = _Links(model, data)
    spellings = _spellings(p.conlang for p in pairs)
    written = _spellings(p.english for p in pairs)
    words = dict.fromkeys([*(w for w, _ in links.seen.most_common()), *carried])
    learned = [
        Learned(
            word,
            spellings.get(word, word),
            links.seen[word],
            links.glosses(word, written),
            links.evidence(word, kept),
            carried[word],
        )
        for word in words
    ]
    return sorted(learned, key=lambda item: -(item.seen + item.carried))


def _fixed(
    anchors: Mapping[str, Sequence[str]], base: Mapping[str, str]
) -> dict[str, dict[str, float]]:
    """t(English | anchor): the words of its senses, in proportion."""
    fixed: dict[str, dict[str, float]] = {}
    for word, senses in anchors.items():
        english = [base.get(e, e) for sense in senses for e in english_words(sense)]
        if english:
            fixed[word] = {e: n / len(english) for e, n in Counter(english).items()}
    return fixed


class _Links:
    """The symmetrised links of every sighting of every word, summed up by English word."""

    def __init__(self, model: Model, data: Data) -> None:
        self.data = data
        self.mass: dict[str, dict[str, float]] = defaultdict(dict)
        self.support: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.seen: Counter[str] = Counter()
        self.where: dict[str, list[int]] = defaultdict(list)
        for n, (source, target) in enumerate(data):
            for f, row in zip(source, model.links(n), strict=True):
                self.seen[f] += 1
                self.where[f].append(n)
                strongest: dict[str, float] = {}  # a word twice in a line counts once
                for e, link in zip(target, row, strict=True):
                    if link > strongest.get(e, 0.0):
                        strongest[e] = link
                totals = self.mass[f]
                for e, link in strongest.items():
                    totals[e] = totals.get(e, 0.0) + link
                best = max(strongest, key=strongest.__getitem__)
                if strongest[best] >= MIN_LINK:
                    self.support[f, best].append(n)

    def _ranked(self, word: str) -> list[Sense]:
        count = self.seen[word]
        ranked = sorted(self.mass[word].items(), key=lambda item: (-item[1], item[0]))
        return [
            Sense(e, round(m / count, 3)) for e, m in ranked[:MAX_GLOSSES] if m / count >= MIN_SCORE
        ]

    def glosses(self, word: str, written: Mapping[str, str]) -> list[Sense]:
        """A word's likely glosses: the English words its sightings link to, by the average
        of their strongest link in each sighting; each word as the translations write it."""
        senses = _compound(self._ranked(word), [self.data[n][1] for n in self.where[word]])
        return [
            Sense(" ".join(written.get(e, e) for e in s.gloss.split()), s.score) for s in senses
        ]

    def evidence(self, word: str, pairs: list[PhrasePair]) -> list[PhrasePair]:
        """The phrases where the best gloss is the word's strongest link; a phrase translated
        twice is one piece of evidence."""
        ranked = self._ranked(word)
        if not ranked:
            return []
        phrases = {fold(pairs[n].conlang): pairs[n] for n in self.support[word, ranked[0].gloss]}
        return list(phrases.values())


def _compound(senses: list[Sense], targets: list[tuple[str, ...]]) -> list[Sense]:
    """The two best glosses as one (`sky people`) when both are likely content words that
    stand side by side in the translations."""
    if not senses or senses[0].gloss in STOP_WORDS:
        return senses
    for second in senses[1:]:
        if second.score < COMPOUND:
            break
        if second.gloss in STOP_WORDS:
            continue
        if together := _side_by_side(senses[0].gloss, second.gloss, targets):
            return [Sense(together, senses[0].score), *(s for s in senses[1:] if s != second)]
        break
    return senses


def _side_by_side(a: str, b: str, targets: list[tuple[str, ...]]) -> str | None:
    """`a b` (or `b a`) when the two glosses of one word stand next to each other in most of
    the translations holding both, two at least: `sky` and `people` of `Skaikru` are one
    gloss, "sky people"."""
    both = [t for t in targets if a in t and b in t]
    orders: Counter[str] = Counter()
    for target in both:
        for x, y in pairwise(target):
            if {x, y} == {a, b}:
                orders[f"{x} {y}"] += 1
                break
    if orders.total() < 2 or orders.total() * 2 < len(both):
        return None
    return orders.most_common(1)[0][0]


_SENTENCE_END = re.compile(r"[.!?:;\"“”]$")


def _spellings(lines: Iterable[str]) -> dict[str, str]:
    """How each word is most often written inside a sentence (`Heda`, `I`, `Lexa`); a word
    seen only opening sentences in lower case (`Teik ai...`: `teik`); a shouted word
    (`SISEN`) as written in lower case."""
    inside: dict[str, Counter[str]] = defaultdict(Counter)
    opening: dict[str, Counter[str]] = defaultdict(Counter)
    for text in lines:
        first = True
        for token in text.split():
            word = _EDGES.sub("", token)
            if len(keys := conlang_words(word)) == 1:
                if word[1:].isupper():
                    word = word.lower()
                (opening if first else inside)[keys[0]][word] += 1
            first = bool(_SENTENCE_END.search(token)) or not word
    written = {key: c.most_common(1)[0][0] for key, c in inside.items()}
    for key, c in opening.items():
        if key not in written:
            word = c.most_common(1)[0][0]
            written[key] = word if word == "I" else word.lower()
    return written
