"""A lexicon's answers and the words' English-ness, remembered from story to story in one
process: every story asks about the same words. Bounded, so a huge corpus keeps memory flat."""

from __future__ import annotations

from typing import NamedTuple

from annotate.extract.scoring import Known
from annotate.extract.scoring import is_rare as _is_rare
from annotate.extract.tokens import bare


class Form(NamedTuple):
    folded: str  # casefolded
    stem: str  # casefolded, without a possessive `'s`
    rare: bool  # a single-word candidate (`single_words`)


class Remembered:
    """A lexicon's answers remembered from story to story: every story asks about the same
    English words. Forgotten past a size, so a huge corpus keeps memory flat."""

    LIMIT = 50_000  # words per memo; a few MB each

    def __init__(self, known: Known) -> None:
        self._known = known
        self._words: dict[str, bool] = {}
        self._names: dict[str, bool] = {}
        self._rare: dict[str, bool] = {}
        self._forms: dict[str, Form] = {}

    def is_word(self, spelling: str) -> bool:
        if spelling not in self._words:
            self._words[spelling] = self._known.is_word(spelling)
        return self._words[spelling]

    def is_name(self, spelling: str) -> bool:
        if spelling not in self._names:
            self._names[spelling] = self._known.is_name(spelling)
        return self._names[spelling]

    def is_rare(self, word: str) -> bool:
        if word not in self._rare:
            self._rare[word] = _is_rare(word, self)
        return self._rare[word]

    def form(self, written: str) -> Form:
        """What extraction asks of every word a story writes."""
        if written not in self._forms:
            stem = bare(written)
            self._forms[written] = Form(
                written.casefold(), stem.casefold(), len(stem) >= 2 and self.is_rare(stem)
            )
        return self._forms[written]

    def trim(self) -> None:
        for memo in (self._words, self._names, self._rare, self._forms):
            if len(memo) > self.LIMIT:
                memo.clear()


_REMEMBERED: dict[int, tuple[Known, Remembered]] = {}


def remembered(known: Known) -> Remembered:
    """The one memory of `known` in this process (kept with it, so its id is not reused)."""
    if id(known) not in _REMEMBERED:
        if len(_REMEMBERED) > 4:
            _REMEMBERED.clear()
        _REMEMBERED[id(known)] = (known, Remembered(known))
    memory = _REMEMBERED[id(known)][1]
    memory.trim()
    return memory
