"""Learned glosses where the glossary has no entry: for `lookup`, interlinear glosses and
`extract`'s candidates. Learning runs from the glossary's own phrases, only when asked.

What no entry covers: a word that is no entry's spelling (a rejected entry's too: a person
said no). What is shown: a best gloss at least `SHOWN` sure that two phrases or more support
(one phrase alone always "aligns", and is often wrong). What `extract` proposes: a gloss at
least `PROPOSED` sure that `MIN_PHRASES` phrases support, and not a proper noun (names,
peoples and places are the extractor's to find).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from glossary.exchange.formats import Imported
from glossary.findings import Finding
from glossary.learn.words import (
    LEARNED,
    Learned,
    PhrasePair,
    anchors_of,
    conlang_words,
    is_phrase,
    learn,
    pairs_of,
)
from glossary.merge import MergeReport, merge
from glossary.models import Glossary
from glossary.spelling import fold, squash
from glossary.store.document import Document

SHOWN = 0.3
SHOWN_PHRASES = 2
PROPOSED = 0.5
MIN_PHRASES = 3


def covered(glossary: Glossary) -> set[str]:
    """The `squash` keys of every one-word spelling an entry has, rejected entries' too."""
    keys = set()
    for entry in glossary.terms:
        for spelling in entry.spellings():
            if len(conlang_words(spelling)) == 1:
                keys.add(squash(spelling))
    return keys


class Glosser:
    """The learned glosses of a glossary's words that no entry covers; learns on first use,
    and only for a word that stands in one of the glossary's phrases.

    Example: Glosser(glossary).gloss("ste")  # Learned(word="ste", glosses=[be 0.8], ...)
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._pairs: list[PhrasePair] | None = None
        self._vocabulary: set[str] = set()
        self._learned: dict[str, Learned] | None = None

    @property
    def pairs(self) -> list[PhrasePair]:
        if self._pairs is None:
            self._pairs = pairs_of(self.glossary)
            self._vocabulary = {w for p in self._pairs for w in conlang_words(p.conlang)}
        return self._pairs

    def words(self) -> dict[str, Learned]:
        """Every uncovered word with a gloss at least `SHOWN` sure, by folded word."""
        if self._learned is None:
            known = covered(self.glossary)
            self._learned = {
                item.word: item
                for item in learn(self.pairs, anchors_of(self.glossary))
                if squash(item.word) not in known
                and item.glosses
                and item.glosses[0].score >= SHOWN
                and len(item.evidence) >= SHOWN_PHRASES
            }
        return self._learned

    def gloss(self, word: str) -> Learned | None:
        """What one word (as written) was learned to mean, if no entry covers it."""
        words = conlang_words(word)
        if len(words) != 1 or not self._mentioned(words):
            return None
        return self.words().get(words[0])

    def best(self, word: str) -> str | None:
        """The best learned gloss of one word, if no entry covers it."""
        item = self.gloss(word)
        return item.glosses[0].gloss if item else None

    def lookup(self, query: str) -> list[Learned]:
        """The learned words of a query, in its order (none when no phrase has them: then
        nothing is learned at all)."""
        words = list(dict.fromkeys(conlang_words(query)))
        if not self._mentioned(words):
            return []
        learned = self.words()
        return [learned[w] for w in words if w in learned]

    def _mentioned(self, words: list[str]) -> bool:
        """Some of these words stand in some phrase: only then is learning worth its time."""
        return bool(self.pairs) and not self._vocabulary.isdisjoint(words)


def proper(gloss: str) -> bool:
    """A gloss the translations always capitalise (`Lexa`, `Sky People`): the word is a name,
    a people or a place, for the extractor and a person to tell apart, not vocabulary."""
    words = gloss.split()
    return words != ["I"] and all(w[:1].isupper() for w in words)


def proposals(glossary: Glossary) -> list[Finding]:
    """Candidate findings for `extract`: the words no entry covers that the glossary's phrases
    teach well enough, one finding per supporting phrase."""
    findings = []
    for item in Glosser(glossary).words().values():
        best = item.glosses[0]
        if best.score < PROPOSED or len(item.evidence) < MIN_PHRASES or proper(best.gloss):
            continue
        for pair in item.evidence:  # merge keeps a few as sources, and counts them all
            findings.append(
                Finding(
                    term=item.spelling,
                    translation=best.gloss,
                    story=pair.story,
                    line=pair.line,
                    quote=f"{pair.conlang} = {pair.english}",
                    method=LEARNED,
                    confidence=min(1.0, best.score),
                )
            )
    return findings


def merge_learned(doc: Document) -> MergeReport:
    """Add `proposals` of the document as it stands (after extraction) to it, as candidates."""
    glossary = Glossary.model_validate(doc.data)
    return merge(doc, proposals(glossary))


@dataclass
class Lesson:
    """What `gloss learn` found: every word of the pairs, and which of them entries cover."""

    words: list[Learned] = field(default_factory=list)
    covered: set[str] = field(default_factory=set)  # `squash` keys
    pairs: int = 0  # phrase and translation pairs
    anchors: int = 0
    phrases: int = 0  # distinct phrases among the pairs, as each word's evidence counts them

    def has_entry(self, item: Learned) -> bool:
        return squash(item.word) in self.covered


def lesson(glossary: Glossary, files: Sequence[tuple[str, Imported]] = ()) -> Lesson:
    """Learn from a glossary's phrases and the records of files (`(label, records)`): their
    phrases are more pairs, their single words with a translation more anchors."""
    pairs = pairs_of(glossary)
    anchors = anchors_of(glossary)
    for label, imported in files:
        for record in imported.records:
            entry = record.entry
            if is_phrase(entry):
                pairs += [PhrasePair(entry.term, t, label, record.line) for t in entry.translations]
        more = Glossary(terms=[r.entry for r in imported.records])
        for word, senses in anchors_of(more).items():
            anchors.setdefault(word, []).extend(senses)
    words = learn(pairs, anchors)
    phrases = len({fold(p.conlang) for p in pairs})
    return Lesson(words, covered(glossary), len(pairs), len(anchors), phrases)
