"""Whether a story translates a glossed span right there, so that a reader needs no gloss:
`"Yo gonplei ste odon." Your fight it over.`, `Heda (Commander)`, `Wanheda means Commander
of Death`, an italic line after the line, `the Commander, Heda`.

The story's own words for it are the entry's translations and what its sources quote as a
translation; they count when they stand close after the span (across one paragraph break, for
a translation on the next line) or just before it in its paragraph. A translation of a word
or two must stand as it is; a longer one may differ a little (`it` for `is`). Translations
made only of words such as `is` or `of` prove nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotate.render.glosses import meanings
from annotate.render.memo import PerEntry
from annotate.spotting import Spot
from glossary.lookup.keys import STOP_WORDS
from glossary.models import Entry

AFTER = 30  # characters looked at after a span, beyond the translation's length
BEFORE = 8  # the same before it: `the Commander, Heda`
FUZZY_MIN = 10  # a translation this long may differ a little
FUZZY = 88  # how little: rapidfuzz's partial_ratio
_NOT_WORD = re.compile(r"[\W_]+")
_BLANK = re.compile(r"\n[^\S\n]*\n")


def plain(text: str) -> str:
    """Lower case, words apart by one space, nothing else: how texts are compared here."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


@dataclass(frozen=True)
class Said:
    """An entry's translations as compared, and the words that must show for one to match."""

    texts: tuple[str, ...]
    words: tuple[str, ...]  # one meaningful word of each text: a cheap first test
    longest: int

    @classmethod
    def of(cls, entry: Entry) -> Said:
        found: dict[str, None] = {}
        for text in [*meanings(entry), *(s.translation for s in entry.sources)]:
            if not text:
                continue
            for sense in text.split(";"):
                key = plain(sense)
                if len(key) >= 3 and any(w not in STOP_WORDS for w in key.split()):
                    found[key] = None
        texts = tuple(found)
        longest_words = tuple(max(t.split(), key=len) for t in texts)
        return cls(texts, longest_words, max(map(len, texts), default=0))


class Own:
    """Asks, spot by spot, whether the story translates it right there."""

    def __init__(self, text: str, memo: PerEntry | None = None) -> None:
        self.text = text
        self.memo = memo or PerEntry()

    def translated_here(self, spot: Spot) -> bool:
        said = self.memo.get(Said.of, spot.entry)
        if not said.texts:
            return False
        # A word of `plain(around)` stands as it is in `around` lower-cased, and so in the
        # widest stretch `around` may be cut from: a cheap first test, which most spots fail.
        longest = said.longest
        widest = self.text[max(0, spot.start - BEFORE - longest) : spot.end + AFTER + longest]
        lowered = widest.lower()
        if not any(w in lowered for w in said.words):
            return False
        around = self._around(spot, longest)
        window = plain(around)
        if not any(w in window for w in said.words):
            return False
        padded = f" {window} "
        for text in said.texts:
            if f" {text} " in padded:
                return True
            if len(text) >= FUZZY_MIN and " " in text and _near(text, window):
                return True
        return False

    def _around(self, spot: Spot, longest: int) -> str:
        text = self.text
        after = text[spot.end : spot.end + AFTER + longest]
        # (A blank line holds two newlines: most windows hold fewer, and need no search.)
        if after.count("\n") >= 4 and len(breaks := list(_BLANK.finditer(after))) > 1:
            after = after[: breaks[1].start()]  # one paragraph more at most: the next line
        before = text[max(0, spot.start - BEFORE - longest) : spot.start]
        if before.count("\n") >= 2 and (blank := list(_BLANK.finditer(before))):
            before = before[blank[-1].end() :]
        return f"{before}\n{after}"


def _near(text: str, window: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(text, window, score_cutoff=FUZZY) > 0
