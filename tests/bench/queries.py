"""Lookup queries of every kind people type, with the entries that are a right answer.

From `bench_lookup.py`: exact and misspelt conlang words (a doubled letter shouted, a letter
added), an English sense, a whole spoken line and a part of one, nonsense and stop words (which
must find nothing). Drawn from the glossary itself with a seeded generator.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from glossary.lookup.keys import english_key, english_keys
from glossary.models import Glossary
from glossary.spelling import fold

NOTHING = ("the", "of", "and", "is", "to", "a", "I", "x", "it was", "of the")
Query = tuple[str, str, set[str]]  # kind, query, terms that are a right answer (folded)


def _shout(word: str, rng: random.Random) -> str:
    at = rng.randrange(len(word))
    return (word[:at] + word[at] * 2 + word[at:]).upper() if rng.random() < 0.5 else word + "a"


def queries(glossary: Glossary, count: int, seed: int) -> list[Query]:
    """About `count` queries of each kind (fewer when the glossary has fewer entries)."""
    rng = random.Random(seed)
    words = [e for e in glossary.terms if " " not in e.term and len(fold(e.term)) >= 4]
    phrases = [e for e in glossary.terms if len(e.term.split()) >= 4]
    out: list[Query] = []
    for entry in rng.sample(words, min(count, len(words))):
        out.append(("conlang, exact", entry.term, {fold(entry.term)}))
        out.append(("conlang, misspelt", _shout(entry.term, rng), {fold(entry.term)}))
    senses: dict[str, set[str]] = {}  # every entry with a sense is a right answer for it
    for entry in glossary.terms:
        for key in (k for t in entry.translations for k in english_keys(t)):
            senses.setdefault(key, set()).add(fold(entry.term))
    translated = [e for e in words if e.translations]
    for entry in rng.sample(translated, min(count, len(translated))):
        sense = rng.choice(entry.translations).split(",")[0]
        out.append(("English sense", sense, senses.get(english_key(sense), set())))
    for entry in rng.sample(phrases, min(count // 4, len(phrases))):
        out.append(("whole line", entry.term, {fold(entry.term)}))
        middle = entry.term.split()[1:-1]
        out.append(("partial line", " ".join(middle), {fold(entry.term)}))
    for _ in range(count // 4):
        nonsense = "".join(rng.choice("qxzjvkw") for _ in range(rng.randint(4, 9)))
        out.append(("nonsense", nonsense, set()))
        out.append(("stop word, letter", rng.choice(NOTHING), set()))
    return out


def answer(find: Callable[[str], list[str]], batch: list[Query]) -> tuple[float, list[bool]]:
    """Milliseconds per query, and for each query whether it was answered right: the best hit
    is a right answer (for nonsense and stop words: nothing found)."""
    right: list[bool] = []
    start = time.perf_counter()
    for _, query, answers in batch:
        found = find(query)
        right.append((not found) if not answers else bool(found and found[0] in answers))
    elapsed = time.perf_counter() - start
    return elapsed / len(batch) * 1000, right


def shares(batch: list[Query], right: list[bool]) -> dict[str, float]:
    """The share answered right, of all queries (`all`) and of each kind."""
    kinds: dict[str, list[bool]] = {"all": right}
    for (kind, _, _), ok in zip(batch, right, strict=True):
        kinds.setdefault(kind, []).append(ok)
    return {kind: round(sum(oks) / len(oks), 3) for kind, oks in kinds.items()}
