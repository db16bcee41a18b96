"""Merge findings into a glossary document without undoing anything a person did.

The rules (DESIGN.md): new terms are added as candidates; an existing entry gains new
spellings, new sources and the translations those sources give; a `rejected` entry stays
rejected and is not proposed again; an edited translation stays, because a translation once
recorded in a source is never proposed again; a second identical run changes nothing.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from glossary.findings import Finding
from glossary.models import Kind
from glossary.spelling import fold, squash
from glossary.store.document import Document
from glossary.typos import TYPO_MIN_LENGTH, Spellings

MAX_SOURCES = 3  # evidence kept per entry; more findings only raise `seen`
# Translations proposed per entry, at most: a corpus of thousands of stories words one line
# in ever more ways, and an entry (and the file) would grow without end.
MAX_PROPOSED = 8


@dataclass
class Change:
    term: str
    action: str  # "added" | "updated"
    details: list[str] = field(default_factory=list)
    kind: str | None = None  # the entry's kind: names are listed apart from vocabulary

    def __str__(self) -> str:
        detail = f" ({', '.join(self.details)})" if self.details else ""
        return f"{self.action} {self.term}{detail}"


@dataclass
class MergeReport:
    changes: list[Change] = field(default_factory=list)
    skipped_rejected: int = 0

    @property
    def added(self) -> list[Change]:
        return [c for c in self.changes if c.action == "added"]

    @property
    def updated(self) -> list[Change]:
        return [c for c in self.changes if c.action == "updated"]


def _compatible(a: Iterable[str], b: Iterable[str]) -> bool:
    """Two translation lists can belong to one term: one is empty or they share a sense."""
    a, b = [fold(t) for t in a], [fold(t) for t in b]
    if not a or not b:
        return True
    return any(fuzz.token_set_ratio(x, y) >= 80 for x in a for y in b)


def same_term(key_a: str, key_b: str, trans_a: Iterable[str], trans_b: Iterable[str]) -> bool:
    """One term spelled two ways: equal keys, or a one-letter typo in a long word whose
    translations agree. `gouthru klir` (safe passage) and `gouthru klin` (suicide) stay apart."""
    if key_a == key_b:
        return True
    if min(len(key_a), len(key_b)) < TYPO_MIN_LENGTH:
        return False
    if Levenshtein.distance(key_a, key_b, score_cutoff=1) > 1:
        return False
    return _compatible(trans_a, trans_b)


def _translations(findings: Iterable[Finding]) -> list[str]:
    """Every sense the findings give, a lexicon's senses (`; ` between them) one by one."""
    senses: list[str] = []
    for f in findings:
        if f.translation:
            senses.extend(f.translation.split("; ") if f.lexicon else [f.translation])
    return senses


def group(findings: Iterable[Finding]) -> list[list[Finding]]:
    """Findings that are one term, in order of first sighting: the same key, else a typo of
    a group's key whose translations agree (`same_term`)."""
    groups: list[list[Finding]] = []
    keys: Spellings[int] = Spellings()
    for finding in findings:
        key = squash(finding.term)
        if not key:
            continue
        at = keys.exact([key])
        if at is None:
            at = next(
                (
                    i
                    for _, _, i in keys.typos([key])
                    if _compatible(_translations(groups[i]), _translations([finding]))
                ),
                None,
            )
        if at is None:
            keys.add(key, len(groups))
            groups.append([finding])
        else:
            groups[at].append(finding)
    return groups


_PLAIN = re.compile(r"[\w\u2019][\w\u2019 .'()-]*")


def flow(items: Sequence[str]) -> CommentedSeq:
    """A one-line list; items that are not plain words are quoted, so that every YAML reader
    (libyaml too) reads `[look!, see?]`-like lists the same."""
    seq = CommentedSeq(
        item if _PLAIN.fullmatch(item) else SingleQuotedScalarString(item) for item in items
    )
    seq.fa.set_flow_style()
    return seq


def _source_node(finding: Finding) -> CommentedMap:
    node = CommentedMap()
    fields: dict[str, Any] = {
        "story": finding.story,
        "line": finding.line,
        "quote": finding.quote,
        "translation": finding.translation,
        "method": finding.method,
        "confidence": round(finding.confidence, 2),
        "lexicon": finding.lexicon,
    }
    for key, value in fields.items():
        if value is not None:
            node[key] = value
    return node


def story_key(story: object) -> object:
    """Where a story is, however its path was written: `stories/x.txt` and its absolute path
    are one story (the source keeps the spelling it was first recorded with)."""
    if not isinstance(story, str) or not story:
        return story
    return _resolved(story, os.getcwd())  # a relative path means one thing per folder


@lru_cache(maxsize=1 << 12)  # a story's findings come together: the same path again and again
def _resolved(story: str, folder: str) -> str:
    try:
        return os.path.realpath(os.path.join(folder, story))
    except (OSError, ValueError):  # a path no system could hold (a NUL): it is only itself
        return story


def _source_id(source: Any) -> tuple[Any, ...]:
    if source.get("lexicon"):
        return ("lexicon", source.get("lexicon"), fold(str(source.get("translation") or "")))
    return (
        "story",
        story_key(source.get("story")),
        source.get("line"),
        fold(str(source.get("quote") or "")),
    )


def _finding_id(finding: Finding) -> tuple[Any, ...]:
    """`_source_id` of the source a finding would become, without building it."""
    if finding.lexicon:
        return ("lexicon", finding.lexicon, fold(finding.translation or ""))
    return ("story", story_key(finding.story), finding.line, fold(finding.quote or ""))


class _Ids(dict[int, tuple[Any, ...]]):
    """Findings' ids, each worked out once (folding a quote is not free)."""

    def of(self, finding: Finding) -> tuple[Any, ...]:
        key = id(finding)
        if key not in self:
            self[key] = _finding_id(finding)
        return self[key]

    def sightings(self, findings: Iterable[Finding]) -> int:
        return len({self.of(f) for f in findings if not f.lexicon})


def _spelling_of(findings: Sequence[Finding]) -> str:
    """The canonical spelling: a lexicon's, else the most common one, the first on a tie."""
    for finding in findings:
        if finding.lexicon:
            return finding.term
    counts = Counter(f.term for f in findings)  # in order of first sighting
    return max(counts, key=counts.__getitem__)  # max keeps the first of equals


def _kind_of(findings: Sequence[Finding]) -> Kind:
    return Counter(f.kind for f in findings).most_common(1)[0][0]


def _ordered(findings: Sequence[Finding]) -> list[Finding]:
    # The story's own evidence first (translated, then the most confident), a lexicon's last.
    return sorted(
        findings, key=lambda f: (f.lexicon is not None, f.translation is None, -f.confidence)
    )


class _Index:
    """Existing entries by spelling key, for finding where a group belongs."""

    def __init__(self, terms: CommentedSeq) -> None:
        self.terms = terms
        self.keys: Spellings[int] = Spellings()
        for i in range(len(terms)):
            self.add(i)

    def add(self, index: int) -> None:
        node = self.terms[index]
        for spelling in [node.get("term"), *(node.get("variants") or [])]:
            if isinstance(spelling, str) and spelling.strip():
                self.keys.add(squash(spelling), index)

    def find(self, findings: Sequence[Finding]) -> int | None:
        wanted = {squash(f.term) for f in findings}
        at = self.keys.exact(wanted)
        if at is not None:
            return at
        translations = _translations(findings)
        for _, _, index in self.keys.typos(wanted):
            if _compatible(self.terms[index].get("translations") or [], translations):
                return index
        return None


@dataclass
class _Updated:
    """What a run added to one existing entry, over all the stories that touched it."""

    translations: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    sources: int = 0

    def details(self) -> list[str]:
        details = [f"translation {t!r}" for t in self.translations]
        details += [f"variant {v!r}" for v in self.variants]
        if self.sources:
            details.append(f"{self.sources} source{'s' if self.sources > 1 else ''}")
        return details


@dataclass(frozen=True)
class _Full:
    """What decides whether findings change an entry whose sources are full."""

    known: frozenset[tuple[Any, ...]]  # its sources' ids
    translations: frozenset[str]  # folded: proposed in a source, or in its translations
    spellings: frozenset[str]  # folded term and variants
    capped: bool  # MAX_PROPOSED translations proposed: no more are taken

    @classmethod
    def of(cls, node: CommentedMap) -> _Full | None:
        sources = node.get("sources")
        if not isinstance(sources, list) or len(sources) < MAX_SOURCES:
            return None  # a new source would be kept
        maps = [s for s in sources if isinstance(s, dict)]
        proposed = {fold(str(s.get("translation"))) for s in maps if s.get("translation")}
        return cls(
            frozenset(_source_id(s) for s in maps),
            frozenset(proposed | {fold(str(t)) for t in node.get("translations") or []}),
            frozenset(fold(str(t)) for t in [node.get("term"), *(node.get("variants") or [])]),
            len(proposed) >= MAX_PROPOSED,
        )


class Merger:
    """Findings merged into `doc.data` in place as they come, a story at a time, so a huge
    corpus never has to be held in memory; `finish` records sightings and reports."""

    def __init__(self, doc: Document) -> None:
        if not isinstance(doc.data.get("terms"), list):
            doc.data["terms"] = CommentedSeq()
        self.terms: CommentedSeq = doc.data["terms"]
        self.index = _Index(self.terms)
        self.changed: dict[int, _Updated | None] = {}  # None: added by this run
        self.sightings: Counter[int] = Counter()
        self.rejected: set[int] = set()
        self.full: dict[int, _Full] = {}  # entries that only count sightings now

    def add(self, findings: Iterable[Finding]) -> None:
        findings = list(findings)  # ids are remembered by identity while the list lives
        ids = _Ids()
        for found in group(findings):
            at = self.index.find(found)
            if at is None:
                self.terms.append(new_entry(found, count_seen=False, ids=ids))
                at = len(self.terms) - 1
                self.index.add(at)
                self.changed[at] = None
            elif at in self.rejected or str(self.terms[at].get("status", "")) == "rejected":
                self.rejected.add(at)
                continue
            elif self._nothing_new(at, found, ids):
                pass  # the common case on a large corpus: a term seen again, as before
            else:
                self.full.pop(at, None)
                update = _update(self.terms[at], found, ids)
                if update.translations or update.variants or update.sources:
                    self.index.add(at)
                    if at not in self.changed:
                        self.changed[at] = _Updated()
                    done = self.changed[at]
                    if done is not None:
                        done.translations += update.translations
                        done.variants += update.variants
                        done.sources += update.sources
            self.sightings[at] += ids.sightings(found)

    def _nothing_new(self, at: int, found: Sequence[Finding], ids: _Ids) -> bool:
        """Whether `_update` would leave the entry as it is: its sources are full, and the
        findings bring no new source with a new translation, and no new spelling."""
        full = self.full.get(at)
        if full is None:
            full = _Full.of(self.terms[at])
            if full is None:
                return False
            self.full[at] = full
        for f in found:
            if fold(f.term) not in full.spellings:
                return False
            fresh = f.translation and ids.of(f) not in full.known and not full.capped
            if fresh and fold(f.translation or "") not in full.translations:
                return False
        return True

    def finish(self) -> MergeReport:
        for at, sightings in self.sightings.items():
            if _count_seen(self.terms[at], sightings) and at not in self.changed:
                self.changed[at] = _Updated()  # only `seen` grew: saved, not reported
        report = MergeReport(skipped_rejected=len(self.rejected))
        for at, done in self.changed.items():
            node = self.terms[at]
            if done is None:
                kind = str(node.get("kind") or "") or None
                report.changes.append(Change(str(node["term"]), "added", _summary(node), kind))
            elif done.details():
                report.changes.append(Change(str(node["term"]), "updated", done.details()))
        return report


def merge(doc: Document, findings: Iterable[Finding]) -> MergeReport:
    """Merge findings into `doc.data` in place; the report says what changed."""
    merger = Merger(doc)
    merger.add(findings)
    return merger.finish()


def _summary(node: CommentedMap) -> list[str]:
    translations = node.get("translations") or []
    return [f"= {'; '.join(translations)}"] if translations else []


def new_entry(
    findings: Sequence[Finding], count_seen: bool = True, ids: _Ids | None = None
) -> CommentedMap:
    node = CommentedMap()
    term = _spelling_of(findings)
    node["term"] = term
    node["translations"] = flow([])
    node["variants"] = flow([])
    node["kind"] = _kind_of(findings)
    node["status"] = "candidate"
    node["sources"] = CommentedSeq()
    ids = ids if ids is not None else _Ids()
    _update(node, findings, ids)
    if count_seen:
        _count_seen(node, ids.sightings(findings))
    for key in ("translations", "variants"):
        if not node[key]:
            del node[key]
    return node


def update_entry(node: CommentedMap, findings: Sequence[Finding]) -> list[str]:
    """Add what is new in `findings` to an entry; the details of what was added."""
    ids = _Ids()
    update = _update(node, findings, ids)
    _count_seen(node, ids.sightings(findings))
    return update.details()


def _new_list(node: CommentedMap, key: str, after: tuple[str, ...]) -> CommentedSeq:
    """An empty list put where a new entry has it (after `after`), not at the end."""
    keys = list(node)
    at = max((keys.index(k) + 1 for k in after if k in node), default=0)
    seq = flow([])
    node.insert(at, key, seq)
    return seq


def _count_seen(node: CommentedMap, sightings: int) -> bool:
    """Record `seen` when the sightings outnumber the sources kept; whether it changed."""
    seen = max(int(node.get("seen") or 0), sightings)
    sources = node.get("sources") or []
    kept = sum(1 for s in sources if isinstance(s, dict) and not s.get("lexicon"))
    if seen > kept and seen != node.get("seen"):
        node["seen"] = seen
        return True
    return False


def _update(node: CommentedMap, findings: Sequence[Finding], ids: _Ids) -> _Updated:
    """Add what is new in `findings` to an entry: its new sources, translations, variants."""
    update = _Updated()
    sources = node.get("sources")
    if sources is None:
        sources = node["sources"] = CommentedSeq()
    known = {_source_id(s) for s in sources if isinstance(s, dict)}
    # Every translation ever proposed stays recorded in a source, so one a person
    # edited or deleted is not proposed again.
    proposed = {
        fold(str(s.get("translation")))
        for s in sources
        if isinstance(s, dict) and s.get("translation")
    }
    translations = node.get("translations")
    have = {fold(str(t)) for t in translations or []}

    fresh = [f for f in _ordered(findings) if ids.of(f) not in known]
    seen_ids: set[tuple[Any, ...]] = set()
    for finding in fresh:
        fid = ids.of(finding)
        if fid in seen_ids:
            continue
        seen_ids.add(fid)
        text = finding.translation
        new_translation = (
            bool(text) and fold(text or "") not in proposed | have and len(proposed) < MAX_PROPOSED
        )
        if len(sources) < MAX_SOURCES or new_translation:
            sources.append(_source_node(finding))
        if new_translation and text:
            if translations is None:
                translations = _new_list(node, "translations", after=("term",))
            # A lexicon gives its senses in one line, `; ` between them.
            for sense in text.split("; ") if finding.lexicon else [text]:
                if fold(sense) not in have:
                    translations.append(flow([sense])[0])
                    have.add(fold(sense))
                    update.translations.append(sense)
            proposed.add(fold(text))

    spellings = {fold(str(s)) for s in [node.get("term"), *(node.get("variants") or [])]}
    for spelling in dict.fromkeys(f.term for f in findings):
        if fold(spelling) in spellings:
            continue
        variants = node.get("variants")
        if variants is None:
            variants = _new_list(node, "variants", after=("term", "translations"))
        variants.append(flow([spelling])[0])
        spellings.add(fold(spelling))
        update.variants.append(spelling)
    update.sources = max(0, len(sources) - len(known))
    return update
