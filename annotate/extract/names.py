"""Telling people's names from conlang words: how the story uses a capitalised word."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from functools import lru_cache

from annotate.extract.english import stopwords
from annotate.extract.tokens import Token

# Verbs of speech and gesture that follow a person's name in narration ("Anya nodded").
_SPEECH = (
    "said|says|asked|asks|replied|whispered|shouted|yelled|called|muttered|murmured|sighed|"
    "laughed|smiled|smirked|nodded|frowned|growled|snapped|answered|breathed|grinned|"
    "turned|looked|glanced|shrugged|knew|thought|felt"
)
# `(?<!\w\w)` right after a capital is `\b` before it, and lets `re` skip to capitals fast;
# `BEFORE` checks the boundary before its verb in code, for the same reason.
_AFTER = re.compile(rf"([A-Z](?<!\w\w)[\w'\u2019-]*)\s+(?:{_SPEECH})\b")
_BEFORE_VERBS = ("said", "asked", "replied", "whispered", "shouted", "told")  # all end in d
BEFORE = re.compile(rf"(?:{'|'.join(_BEFORE_VERBS)})\s+([A-Z][\w-]*)\b")
_VERB_END = re.compile(r"d\s+[A-Z]")  # `re` finds a first letter fast: then the verb is checked
_WORD_CHAR = re.compile(r"\w")
# A determiner right before a word: `the Heda`, `a gonakru` are common nouns.
_DETERMINER = re.compile(r"\b(?:the|a|an|my|your|her|his|their|our|as|of)\s+$", re.IGNORECASE)
_POSSESSIVE = ("'s", "\u2019s")


def speakers(text: str, lowered: Container[str]) -> set[str]:
    """Capitalised words the story uses like people's names ("Anya nodded", "said Lexa") and
    never writes in lower case (`lowered`: the folded words it does)."""
    as_person: set[str] = set()
    for m in [*_AFTER.finditer(text), *said(text)]:
        as_person.add(m.group(1).removesuffix(_POSSESSIVE[0]).removesuffix(_POSSESSIVE[1]))
    # `I said`, `She nodded`: the commonest English words are never names
    return {
        name
        for name in as_person
        if name.casefold() not in lowered and name.casefold() not in stopwords()
    }


def said(text: str) -> list[re.Match[str]]:
    """The matches of `BEFORE` ("said Lexa") that `finditer` gives, but the one after a
    word character (`unsaid Lexa`); looked for from the `d` that ends every verb."""
    found = []
    pos = 0  # where `finditer` would go on looking
    for end in _VERB_END.finditer(text):
        for verb in _BEFORE_VERBS:
            start = end.start() + 1 - len(verb)
            if start >= pos and text.startswith(verb, start):
                m = BEFORE.match(text, start)
                if m:
                    pos = m.end()
                    if not (start and _WORD_CHAR.match(text, start - 1)):
                        found.append(m)
                break  # no verb ends another
    return found


def spellings(names: Iterable[str], forms: Container[str]) -> set[str]:
    """How the story writes each of `names` (never in lower case: then it is no name):
    as is, in capitals, possessive or not. `forms`: the story's words as written."""
    found: set[str] = set()
    for name in names:
        for cased in (name, name.upper()):
            for written in (cased, *(cased + suffix for suffix in _POSSESSIVE)):
                if written in forms:
                    found.add(written)
    return found


def common_nouns(text: str, tokens: Iterable[Token]) -> set[str]:
    """Folded words of `tokens` that the story also puts after a determiner (`the Heda`)."""
    found: set[str] = set()
    for token in tokens:
        word = token.bare.casefold()
        if word not in found and _DETERMINER.search(text, max(0, token.start - 40), token.start):
            found.add(word)
    return found


@lru_cache(maxsize=8)
def _joined(joiners: tuple[str, ...]) -> re.Pattern[str] | None:
    if not joiners:
        return None
    words = "|".join(re.escape(j) for j in joiners)
    return re.compile(rf"([A-Z](?<!\w\w)[\w-]+) ({words}) ([A-Z][\w-]+)")  # as `_AFTER`


def joined(text: str, joiners: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where a joiner of the language stands between a name and a group (`Tavi ven Ulkru`,
    with `ven` its joiner): the joiner's span in each. No joiners, nothing found.

    The spans `_joined(joiners).finditer` gives, tried only where a joiner stands between
    spaces (plain searches), from the first capital of the name before it that `finditer`
    could start at: a scan of the text would try every capital."""
    pattern = _joined(joiners)
    if pattern is None:
        return []
    found: list[tuple[int, int]] = []
    taken = 0  # where the last match ended: `finditer` never overlaps its matches
    for at in sorted({at for joiner in joiners for at in _between_spaces(text, joiner)}):
        start = _name_start(text, at)
        m = pattern.match(text, start) if start is not None and start >= taken else None
        if m is not None:
            found.append(m.span(2))
            taken = m.end()
    return found


def _name_start(text: str, end: int) -> int | None:
    """Where a match of `_joined` whose name ends at `end` can start: the first capital of
    the run of word characters and hyphens before `end` with no word character right before
    it (`x-Tavi ven Ulkru`: at `T`)."""
    start = end
    while start > 0 and _NAME_CHAR.match(text, start - 1):
        start -= 1
    for i in range(start, end):
        if "A" <= text[i] <= "Z" and (i == start or text[i - 1] == "-"):
            return i
    return None


_NAME_CHAR = re.compile(r"[\w-]")


def _between_spaces(text: str, word: str) -> list[int]:
    """Where ` word ` stands in the text, at its first space."""
    found = []
    at = text.find(f" {word} ")
    while at >= 0:
        found.append(at)
        at = text.find(f" {word} ", at + 1)
    return found
