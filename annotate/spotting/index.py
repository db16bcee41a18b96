"""The automaton of a glossary's spellings, and which entry each spelling belongs to."""

from __future__ import annotations

from dataclasses import dataclass

from ahocorasick_rs import BytesAhoCorasick, Implementation

from annotate.spotting.folding import OTHER, exact_key, keys
from glossary.models import Entry, Glossary
from glossary.spelling import fold


def glossable(entry: Entry) -> bool:
    """Rejected entries are never glossed; names are people, not vocabulary."""
    return entry.status != "rejected" and entry.kind != "name"


@dataclass(frozen=True, slots=True)
class Claim:
    """One entry's claim on a key through one of its spellings."""

    entry: Entry
    spelling: str  # `fold`ed, to prefer the entry spelled exactly as the text is
    order: int  # position in the glossary: the earlier entry wins a tie
    exact: str  # `exact_key` of the spelling, for keys that hold OTHER (else "")

    @property
    def rank(self) -> tuple[int, int, int]:
        # Vocabulary before names (a name never hides a word), confirmed before candidates.
        return (self.entry.kind == "name", self.entry.status != "confirmed", self.order)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A key as the automaton looks for it, and the entries that claim it."""

    key: bytes
    claims: tuple[Claim, ...]
    checked: bool  # the key holds OTHER bytes: a match must be confirmed on the text

    def choose(self, text: str) -> Entry | None:
        """The entry `text` (as it stands) belongs to: the one spelled alike, else the best;
        None when the key holds OTHER and no spelling is `text`'s letters."""
        claims = self.claims
        if self.checked:
            exact = exact_key(text)
            claims = tuple(c for c in claims if c.exact == exact)
            if not claims:
                return None
        folded = fold(text)
        for claim in claims:
            if claim.spelling == folded:
                return claim.entry
        return claims[0].entry

    @property
    def sole(self) -> Entry | None:
        """The entry when only one claims the key: no choosing needed."""
        return self.claims[0].entry if len(self.claims) == 1 and not self.checked else None


class Index:
    """Every spelling of the glossary's entries in one Aho-Corasick automaton.

    Names are in it too, so that a person's multi-word name is matched whole (and not glossed)
    rather than its words glossed as vocabulary; rejected entries are left out entirely.
    """

    def __init__(self, glossary: Glossary) -> None:
        spelled = [
            (order, entry, spelling)
            for order, entry in enumerate(glossary.terms)
            if entry.status != "rejected"
            for spelling in entry.spellings()
        ]
        claims: dict[bytes, list[Claim]] = {}
        for (order, entry, spelling), k in zip(
            spelled, keys([s for _, _, s in spelled]), strict=True
        ):
            if k:
                # `exact_key` is slow and only checks keys that hold OTHER
                exact = exact_key(spelling) if OTHER in k else ""
                claims.setdefault(k, []).append(Claim(entry, fold(spelling), order, exact))
        self.patterns: list[Pattern] = [
            Pattern(k, tuple(c) if len(c) == 1 else _ranked(c), OTHER in k)
            for k, c in claims.items()
        ]
        self.by_key = {p.key: p for p in self.patterns}
        # Per pattern number, for the loop over every hit: the entry when no choice is needed;
        # whether a hit must be checked on the text (a phrase may cross a blank line).
        self.sole: list[Entry | None] = [p.sole for p in self.patterns]
        self.doubtful: list[bool] = [p.checked or b" " in p.key for p in self.patterns]
        self.any_doubtful = any(self.doubtful)
        # Entries shown (by id): names and rejected entries are matched but never glossed.
        self.glossable = {
            id(c.entry) for p in self.patterns for c in p.claims if glossable(c.entry)
        }
        # Whether any entry is matched but not shown: if none, spots need no filtering.
        self.hides = any(not glossable(c.entry) for p in self.patterns for c in p.claims)
        # Padded with the space every non-word character folds to: whole words only.
        self.automaton: BytesAhoCorasick | None = (
            # A DFA: three times the speed of the default NFA here, 0.1 s to build for 50,000.
            BytesAhoCorasick(
                [b" " + p.key + b" " for p in self.patterns], implementation=Implementation.DFA
            )
            if self.patterns
            else None
        )


def _ranked(claims: list[Claim]) -> tuple[Claim, ...]:
    return tuple(sorted(_unique(claims), key=lambda c: c.rank))


def _unique(claims: list[Claim]) -> list[Claim]:
    """One claim per entry (its term and a variant may share a key)."""
    seen: set[int] = set()
    kept = []
    for claim in claims:
        if id(claim.entry) not in seen:
            seen.add(id(claim.entry))
            kept.append(claim)
    return kept
