"""Merging imported entries into a glossary document, by the rules of `glossary.merge`.

An import is matched to existing entries by spelling key only (term or variant, `squash`ed):
a dictionary's one-letter neighbours are different words as often as not (`gouthru klir`, safe
passage; `gouthru klin`, suicide), so joining them is left to `gloss dedupe` and a person.
Within that, merge's own entry rules apply: a rejected entry stays rejected, a translation once
proposed (and recorded in a source) is not proposed again, a second identical run changes
nothing. Part of speech, etymology and notes are filled in only where an entry has none.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from glossary.exchange.formats import Canon, Format, Imported, guess_format, read
from glossary.findings import Finding
from glossary.merge import Change, MergeReport, flow, new_entry, update_entry
from glossary.models import Entry
from glossary.spelling import fold, squash
from glossary.store.document import Document, decode
from glossary.store.files import read_bytes

CONFIDENCE = 0.9  # a dictionary's sense is stronger evidence than a pattern seen in a story
FILLED = ("pos", "etymology", "notes")


def combine(entries: Iterable[Entry]) -> list[Entry]:
    """Entries of one spelling key folded into one, in order of first appearance: the senses,
    variants, parts of speech and notes of homographs are all kept."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[squash(entry.term)].append(entry)
    combined = []
    for group in groups.values():
        first = group[0]
        update: dict[str, object] = {
            "translations": _union(t for e in group for t in e.translations),
            "variants": _union(v for e in group for v in [e.term, *e.variants] if v != first.term),
            "kind": Counter(e.kind for e in group).most_common(1)[0][0],
        }
        for name in FILLED:
            values = _union(str(getattr(e, name)) for e in group if getattr(e, name))
            update[name] = "; ".join(values) or None
        combined.append(first.model_copy(update=update))
    return combined


def _union(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def findings_of(entry: Entry, lexicon: str, known: Iterable[str] | None = None) -> list[Finding]:
    """One finding per sense merge should hear of. For an entry the glossary has, the senses
    it has already (`known`, folded) are left out, so they add no source either."""
    skip = set(known or ())
    senses: list[str | None] = [t for t in entry.translations if fold(t) not in skip]
    if known is None and not senses:
        senses = [None]  # a new term without a translation is still a finding
    return [
        Finding(
            term=entry.term,
            kind=entry.kind,
            translation=sense,
            method="import",
            confidence=CONFIDENCE,
            lexicon=lexicon,
        )
        for sense in senses
    ]


def _add_variants(node: CommentedMap, entry: Entry) -> list[str]:
    spellings = {fold(str(s)) for s in [node.get("term"), *(node.get("variants") or [])]}
    added = []
    for spelling in entry.spellings():
        if fold(spelling) not in spellings:
            if node.get("variants") is None:
                node["variants"] = flow([])
            node["variants"].append(spelling)
            spellings.add(fold(spelling))
            added.append(f"variant {spelling!r}")
    return added


def _node(entry: Entry) -> CommentedMap:
    """An entry restored whole (gloss's own export), lists of strings in flow style."""
    node = CommentedMap()
    for key, value in entry.model_dump(exclude_none=True).items():
        if value == []:
            continue
        node[key] = flow(value) if key in ("translations", "variants") else value
    return node


def _fill(node: CommentedMap, entry: Entry) -> list[str]:
    details = []
    for name in FILLED:
        value = getattr(entry, name)
        if value and not node.get(name):
            node[name] = value
            details.append(name)
    return details


class _Spellings:
    """Entries that were in the glossary before the import, by spelling key."""

    def __init__(self, terms: Sequence[object]) -> None:
        self.at: dict[str, list[int]] = defaultdict(list)
        for i, node in enumerate(terms):
            if not isinstance(node, dict):
                continue
            for spelling in [node.get("term"), *(node.get("variants") or [])]:
                key = squash(str(spelling or ""))
                if key and i not in self.at[key]:
                    self.at[key].append(i)
        self.taken: Counter[str] = Counter()

    def find(self, entry: Entry) -> int | None:
        """The entry this one belongs to. The n-th import of a key goes to the n-th entry of
        that key, so that entries a person kept apart come back apart."""
        for spelling in entry.spellings():
            key = squash(spelling)
            if self.at.get(key):
                places = self.at[key]
                self.taken[key] += 1
                return places[min(self.taken[key], len(places)) - 1]
        return None


def merge_imported(doc: Document, imported: Imported, lexicon: str) -> MergeReport:
    """Merge what a file held into `doc.data` in place; the report says what changed."""
    if not isinstance(doc.data.get("terms"), list):
        doc.data["terms"] = CommentedSeq()
    terms: CommentedSeq = doc.data["terms"]
    entries = [r.entry for r in imported.records]
    if imported.grouped:
        entries = combine(entries)
    spellings = _Spellings(terms)
    report = MergeReport()
    for entry in entries:
        at = spellings.find(entry)
        if at is None:
            if imported.grouped:
                node = new_entry(findings_of(entry, lexicon))
                _add_variants(node, entry)
                _fill(node, entry)
            else:
                node = _node(entry)
            terms.append(node)
            translations = "; ".join(node.get("translations") or [])
            details = [f"= {translations}"] if translations else []
            report.changes.append(Change(node["term"], "added", details))
            continue
        node = terms[at]
        if str(node.get("status", "")) == "rejected":
            report.skipped_rejected += 1
            continue
        known = [fold(str(t)) for t in node.get("translations") or []]
        findings = findings_of(entry, lexicon, known)
        # merge adds an empty `sources:` to an entry it is handed without news: don't ask it.
        details = update_entry(node, findings) if findings else []
        details += _add_variants(node, entry) + _fill(node, entry)
        if details:
            report.changes.append(Change(str(node["term"]), "updated", details))
    return report


def read_source(path: Path, fmt: Format | None = None, canon: Canon = "all") -> Imported:
    """The entries of a file to import, in its format (guessed from its name when not given)."""
    label = str(path)
    text = decode(read_bytes(path, label), label)[0]
    return read(text, label, fmt or guess_format(label, text), canon)
