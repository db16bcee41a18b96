"""Telling people's names from conlang words: how the story uses a capitalised word."""

from __future__ import annotations

import re
from collections import Counter

from annotate.extract.tokens import WORD

# Verbs of speech and gesture that follow a person's name in narration ("Anya nodded").
_SPEECH = (
    "said|says|asked|asks|replied|whispered|shouted|yelled|called|muttered|murmured|sighed|"
    "laughed|smiled|smirked|nodded|frowned|growled|snapped|answered|breathed|grinned|"
    "turned|looked|glanced|shrugged|knew|thought|felt"
)
_AFTER = re.compile(rf"\b([A-Z][\w'\u2019-]*)\s+(?:{_SPEECH})\b")
_BEFORE = re.compile(r"\b(?:said|asked|replied|whispered|shouted|told)\s+([A-Z][\w-]*)\b")
_COMMON_NOUN = re.compile(
    r"\b(?:the|a|an|my|your|her|his|their|our|as|of)\s+([A-Za-z][\w-]*)", re.IGNORECASE
)


def person_names(text: str) -> set[str]:
    """Capitalised words the story uses like people's names, never like common nouns."""
    as_person: Counter[str] = Counter()
    for pattern in (_AFTER, _BEFORE):
        for m in pattern.finditer(text):
            as_person[m.group(1).removesuffix("'s").removesuffix("\u2019s")] += 1
    common = {m.group(1).casefold() for m in _COMMON_NOUN.finditer(text)}
    lowered = {w.casefold() for w in WORD.findall(text) if w[:1].islower()}
    return {
        name
        for name in as_person
        if name.casefold() not in common and name.casefold() not in lowered
    }
