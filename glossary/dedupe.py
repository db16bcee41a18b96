"""Entries that are probably one term, for a person to confirm; merging the ones they keep.

A pair is proposed when two entries share a spelling key (case, accents, doubled letters,
compound spaces, the language's respellings such as `crew: kru`), when one's variant is the
other's spelling, or when they are spelled alike and share a sense. Spelled alike with
different senses (`gouthru klir`, safe passage; `gouthru klin`, suicide) is never proposed.
Merging loses nothing: translations, variants, sources, notes and the YAML comments of the
merged entry all move to the one kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from glossary.errors import GlossError
from glossary.lookup.index import Index, conlang_cutoff
from glossary.lookup.keys import conlang_key, english_keys
from glossary.merge import flow
from glossary.models import Entry, Glossary
from glossary.spelling import compact, fold
from glossary.store.document import Document

FUZZY_MIN = 85  # spelled alike: one or two letters apart in a word of six or more
SENSE_MIN = 90  # token_set_ratio at which two translations are one sense
_STATUS_RANK = {"confirmed": 0, "candidate": 1, "rejected": 2}


@dataclass(frozen=True)
class Pair:
    """Two entries (positions in the file's `terms`) that are probably one term."""

    keep: int
    merge: int
    score: int  # how alike their spellings are, 0-100
    reason: str


def _senses(entry: Entry) -> set[str]:
    return {k for t in entry.translations for k in english_keys(t)}


def share_sense(a: Entry, b: Entry) -> bool:
    """Two entries mean the same at least once: a sense in common, or two near-identical."""
    sa, sb = _senses(a), _senses(b)
    return bool(sa & sb) or any(fuzz.token_set_ratio(x, y) >= SENSE_MIN for x in sa for y in sb)


def _evidence(entry: Entry) -> int:
    return max(entry.seen or 0, len(entry.sources))


def _order(glossary: Glossary, i: int, j: int) -> tuple[int, int]:
    """Which of two entries to keep: a confirmed one, then the better attested, then the first."""

    def rank(k: int) -> tuple[int, int, int]:
        entry = glossary.terms[k]
        return (_STATUS_RANK[entry.status], -_evidence(entry), k)

    return (i, j) if rank(i) <= rank(j) else (j, i)


def _reason(a: Entry, b: Entry, score: int) -> str | None:
    """Why two entries alike in spelling are probably one term; None when they are not."""
    a_keys = {compact(s) for s in a.spellings()}
    b_keys = {compact(s) for s in b.spellings()}
    if compact(a.term) == compact(b.term):
        if a.translations and b.translations and not share_sense(a, b):
            return "same spelling, different translations"  # homographs: a person decides
        return "same spelling"
    if a_keys & b_keys:
        return "one's variant is the other's spelling"
    if a.translations and b.translations:
        return "spelled alike, same translation" if share_sense(a, b) else None
    return "spelled alike, one without translation" if score >= 90 else None


def candidates(glossary: Glossary, respellings: Mapping[str, str] | None = None) -> list[Pair]:
    """Pairs of entries that are probably one term, the likeliest first. Rejected entries are
    left out: a person decided about them. Spellings are compared as lookup compares them,
    with the glossary's respellings, else `respellings` (its language's)."""
    index = Index(glossary, respellings)
    position = {id(e): i for i, e in enumerate(glossary.terms)}
    scores: dict[tuple[int, int], int] = {}
    for entry in index.entries:
        i = position[id(entry)]
        for spelling in entry.spellings():
            key = conlang_key(spelling, index.respellings)
            if len(key) < 2:
                continue
            cutoff = max(FUZZY_MIN, conlang_cutoff(len(key)))
            for score, row in index.conlang.all.search(key, cutoff):
                j = position[id(index.entries[index.conlang.all.rows[row][0]])]
                if i < j:
                    scores[i, j] = max(scores.get((i, j), 0), score)
    pairs = []
    for (i, j), score in scores.items():
        a, b = glossary.terms[i], glossary.terms[j]
        if a.kind != b.kind and "name" in (a.kind, b.kind):
            continue  # a person and a word spelled alike are two things
        if (reason := _reason(a, b, score)) is not None:
            keep, merge = _order(glossary, i, j)
            pairs.append(Pair(keep, merge, score, reason))
    return sorted(pairs, key=lambda p: (-p.score, min(p.keep, p.merge)))


# --- merging -------------------------------------------------------------------------------


def _comment_lines(token: Any) -> list[str]:
    return [line.strip() for line in str(token.value).splitlines() if line.strip()]


def _tokens(ca_item: Any) -> Iterator[Any]:
    for slot in ca_item or []:
        if isinstance(slot, list):
            yield from (t for t in slot if t is not None)
        elif slot is not None:
            yield slot


def _node_comments(node: Any) -> tuple[list[str], list[str]]:
    """The comment lines of an entry node, and those after its last line: ruamel keeps the
    lines before the next entry there, and they belong to that next entry."""
    own: list[str] = []
    after: list[str] = []
    if isinstance(node, CommentedMap):
        keys: list[Any] = list(node)
    elif isinstance(node, CommentedSeq):
        keys = list(range(len(node)))
    else:
        return own, after
    last = keys[-1] if keys else None
    for key, item in node.ca.items.items():
        for token in _tokens(item):
            lines = _comment_lines(token)
            if key != last:
                own += lines
            elif str(token.value).startswith("#"):  # a comment at the end of the line
                own += lines[:1]
                after += lines[1:]
            else:
                after += lines
    for key in keys:
        child_own, child_after = _node_comments(node[key])
        own += child_own
        (after if key == last else own).extend(child_after)
    return own, after


def _last_token(node: Any) -> tuple[Any, Any] | None:
    """Where ruamel keeps the comment lines that follow an entry: (comment slots, index) of
    the end-of-line slot of its deepest last item."""
    while True:
        if isinstance(node, CommentedMap) and len(node):
            key: Any = list(node)[-1]
            slot_index = 2
        elif isinstance(node, CommentedSeq) and len(node):
            key, slot_index = len(node) - 1, 0
        else:
            return None
        child = node[key]
        is_block = isinstance(child, CommentedMap | CommentedSeq) and not child.fa.flow_style()
        if is_block and len(child):
            node = child
            continue
        slots = node.ca.items.get(key)
        return (slots, slot_index) if slots else None


def _lift_trailing(terms: CommentedSeq, index: int, column: int) -> None:
    """Move the comment lines that follow entry `index` to stand before the next entry, so
    that editing or deleting the entry leaves them where they are."""
    found = _last_token(terms[index])
    if found is None or index + 1 >= len(terms):
        return
    slots, at = found
    token = slots[at]
    if token is None:
        return
    value = str(token.value)
    lines = _comment_lines(token)
    keep_first = value.startswith("#")  # an end-of-line comment stays on its line
    after = lines[1:] if keep_first else lines
    if not after:
        return
    if keep_first:
        token.value = lines[0] + "\n"
    else:
        slots[at] = None
    pending = [line for t in _tokens(terms.ca.items.get(index + 1)) for line in _comment_lines(t)]
    terms.ca.items.pop(index + 1, None)
    _before(terms, index + 1, after + pending, column)


def _before(terms: CommentedSeq, index: int, lines: Sequence[str], column: int) -> None:
    """Comment lines to stand just before the entry at `index`, after those already there."""
    if not lines:
        return
    slot = terms.ca.items.setdefault(index, [None, [], None, None])
    if slot[1] is None:
        slot[1] = []
    slot[1].extend(CommentToken(f"{line}\n", CommentMark(column)) for line in lines)


def _remove(terms: CommentedSeq, index: int) -> list[str]:
    """Delete an entry (its trailing lines lifted already) and return its comment lines."""
    before = [line for t in _tokens(terms.ca.items.get(index)) for line in _comment_lines(t)]
    own, after = _node_comments(terms[index])
    del terms[index]
    return before + own + after


def _extend(node: CommentedMap, key: str, values: Sequence[str], have: Sequence[object]) -> None:
    """Append the values whose folded form is not yet in `have`."""
    known = {fold(str(v)) for v in have}
    for value in values:
        if fold(value) in known:
            continue
        known.add(fold(value))
        if node.get(key) is None:
            node[key] = flow([])
        node[key].append(value)


def _join(a: object, b: object) -> str | None:
    parts = [str(p) for p in (a, b) if p]
    return "; ".join(dict.fromkeys(parts)) or None


def merge_into(keep: CommentedMap, gone: CommentedMap) -> None:
    """Everything `gone` holds, added to `keep`; what `keep` has is never changed."""
    seen = _seen(keep) + _seen(gone)
    if keep.get("variants") is None:
        # A new `variants:` goes where people expect it, after the translations.
        at = list(keep).index("translations") + 1 if "translations" in keep else 1
        keep.insert(at, "variants", flow([]))
    _extend(keep, "translations", gone.get("translations") or [], keep.get("translations") or [])
    spellings = [str(s) for s in [gone.get("term"), *(gone.get("variants") or [])] if s]
    _extend(keep, "variants", spellings, [keep.get("term"), *(keep.get("variants") or [])])
    sources = gone.get("sources") or []
    if sources:
        if keep.get("sources") is None:
            keep["sources"] = CommentedSeq()
        known = [dict(s) for s in keep["sources"]]
        # Copies: the comments of `gone` are moved as lines of their own, not inside sources.
        keep["sources"].extend(CommentedMap(s) for s in sources if dict(s) not in known)
    if seen > len(keep.get("sources") or []):
        keep["seen"] = seen
    if gone.get("status") == "confirmed" and keep.get("status") != "confirmed":
        keep["status"] = "confirmed"  # a person confirmed one spelling of it
    for key in ("pos", "etymology", "notes"):
        if (value := _join(keep.get(key), gone.get(key))) is not None:
            keep[key] = value
    if gone.get("confidence") is not None:
        keep["confidence"] = max(float(keep.get("confidence") or 0), float(gone["confidence"]))


def _seen(node: CommentedMap) -> int:
    """Findings of an entry: `seen` when more were seen than its sources keep."""
    return max(int(node.get("seen") or 0), len(node.get("sources") or []))


def apply(doc: Document, pairs: Sequence[Pair]) -> list[str]:
    """Merge each pair in `doc.data` (positions as in `doc.glossary`); what was done, in words.
    Chains (A with B, B with C) end in one entry."""
    terms: CommentedSeq = doc.data["terms"]
    nodes = list(terms)
    column = doc.style.offset  # where the dash of an entry stands
    into: dict[int, int] = {}

    def final(k: int) -> int:
        while k in into:
            k = into[k]
        return k

    for k in sorted({k for p in pairs for k in (p.keep, p.merge)}, reverse=True):
        _lift_trailing(terms, k, column)
    done: list[str] = []
    for pair in pairs:
        keep, gone = final(pair.keep), final(pair.merge)
        if keep == gone:
            continue
        merge_into(nodes[keep], nodes[gone])
        into[gone] = keep
        done.append(f"merged {nodes[gone]['term']} into {nodes[keep]['term']}")
    moved: dict[int, list[str]] = {}
    for gone in sorted(into, reverse=True):
        lines = _remove(terms, _position(terms, nodes[gone]))
        label = nodes[gone]["term"]
        moved.setdefault(final(gone), []).extend(f"# {label}: {ln.lstrip('# ')}" for ln in lines)
    for keep, lines in moved.items():
        _before(terms, _position(terms, nodes[keep]), lines, column)
    return done


def _position(terms: CommentedSeq, node: CommentedMap) -> int:
    for i, item in enumerate(terms):
        if item is node:
            return i
    raise GlossError("an entry to merge is no longer in the glossary")
