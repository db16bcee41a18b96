"""Likely duplicates, and merging them without losing anything."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossary.dedupe import Pair, apply, candidates, share_sense
from glossary.models import Entry, Glossary, Source
from glossary.store.document import dumps, load, save
from glossary.store.reading import read

DUPLICATES = Path(__file__).parents[1] / "data" / "lookup" / "duplicates.yaml"
TRIG = {"crew": "kru", "you": "yu", "sky": "skai"}  # what the Trigedasleng lexicon gives


def pairs_of(*entries: Entry) -> list[tuple[str, str, str]]:
    glossary = Glossary(terms=list(entries))
    return [
        (glossary.terms[p.keep].term, glossary.terms[p.merge].term, p.reason)
        for p in candidates(glossary, TRIG)
    ]


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        # case, doubled letters, spaces inside a compound: one spelling
        (
            [Entry(term="Heda", translations=["commander"]), Entry(term="HEDDA")],
            [("Heda", "HEDDA", "same spelling")],
        ),
        (
            [Entry(term="Sky kru", translations=["Sky People"]), Entry(term="Skaikru")],
            [("Sky kru", "Skaikru", "spelled alike, one without translation")],  # sky = skai
        ),
        (
            [Entry(term="ste daun", translations=["be dead"]), Entry(term="stedaun")],
            [("ste daun", "stedaun", "same spelling")],
        ),
        # homographs kept apart by a person: listed, for the person to decide
        (
            [Entry(term="daun", translations=["down"]), Entry(term="daun", translations=["sad"])],
            [("daun", "daun", "same spelling, different translations")],
        ),
        # one entry's variant is the other's term
        (
            [
                Entry(term="Okteivia", variants=["Oktaivia"], kind="name"),
                Entry(term="Oktaivia", kind="name"),
            ],
            [("Okteivia", "Oktaivia", "one's variant is the other's spelling")],
        ),
        # spelled alike with a sense in common
        (
            [
                Entry(term="Floukru", translations=["Boat People"]),
                Entry(term="Flokru", translations=["boat people", "sea clan"]),
            ],
            [("Floukru", "Flokru", "spelled alike, same translation")],
        ),
        # spelled alike, opposite senses: never
        (
            [
                Entry(term="gouthru klir", translations=["safe passage"]),
                Entry(term="gouthru klin", translations=["suicide"]),
            ],
            [],
        ),
        # short words one letter apart are other words
        ([Entry(term="kom", translations=["from"]), Entry(term="kon", translations=["from"])], []),
        # a rejected entry was decided by a person
        ([Entry(term="Heda"), Entry(term="Hedda", status="rejected")], []),
        # a person and a word spelled alike
        ([Entry(term="Ontari", kind="name"), Entry(term="ontari")], []),
    ],
)
def test_candidates(entries: list[Entry], expected: list[tuple[str, str, str]]) -> None:
    assert pairs_of(*entries) == expected


@pytest.mark.parametrize(
    ("first", "second", "keep"),
    [
        (Entry(term="Flokru"), Entry(term="Floukru", status="confirmed"), "Floukru"),
        (
            Entry(term="Flokru"),
            Entry(term="Floukru", sources=[Source(story="a"), Source(story="b")]),
            "Floukru",
        ),
        (
            Entry(term="Flokru", seen=9),
            Entry(term="Floukru", sources=[Source(story="a")]),
            "Flokru",
        ),
        (Entry(term="Flokru"), Entry(term="Floukru"), "Flokru"),  # the first, all else equal
    ],
)
def test_which_entry_is_kept(first: Entry, second: Entry, keep: str) -> None:
    assert pairs_of(first, second)[0][0] == keep


@pytest.mark.parametrize(
    ("a", "b", "shared"),
    [
        (["leader, commander"], ["Commander"], True),
        (["to kiss"], ["kiss"], True),
        (["safe passage"], ["suicide"], False),
        ([], ["anything"], False),
    ],
)
def test_share_sense(a: list[str], b: list[str], shared: bool) -> None:
    assert share_sense(Entry(term="x", translations=a), Entry(term="y", translations=b)) is shared


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.yaml"
    shutil.copy(DUPLICATES, path)
    return path


def test_merging_loses_nothing_and_keeps_comments_in_place(copy: Path) -> None:
    doc = load(copy)
    found = candidates(doc.glossary, TRIG)
    assert [(doc.glossary.terms[p.keep].term, doc.glossary.terms[p.merge].term) for p in found] == [
        ("Heda", "Hedda"),
        ("Sky kru", "Skaikru"),
        ("Floukru", "Flokru"),
    ]
    assert apply(doc, found) == [
        "merged Hedda into Heda",
        "merged Skaikru into Sky kru",
        "merged Flokru into Floukru",
    ]
    save(doc)
    assert copy.read_text(encoding="utf-8") == (
        "# Entries that are probably one term, for dedupe tests (written for the tests).\n"
        "language: Trigedasleng\n"
        "terms:\n"
        "  # the commander\n"
        "  - term: Heda  # kept\n"
        "    translations: [commander, leader]\n"
        "    variants: [Hedda]\n"
        "    status: confirmed\n"
        "  # Flokru: boat people again\n"
        "  # Flokru: fan spelling\n"
        "  - term: Floukru\n"
        "    translations: [Boat People, sea clan]\n"
        "    variants: [Flokru]\n"
        "    sources:\n"
        "      - story: a.txt\n"
        "        line: 3\n"
        "        quote: the Floukru came\n"
        "      - story: b.txt\n"
        "        line: 9\n"
        "    notes: seen in AO3 fics\n"
        "  # comment before gouthru\n"
        "  - term: gouthru klir\n"
        "    translations: [safe passage]\n"
        "  - term: gouthru klin\n"
        "    translations: [suicide]\n"
        "  - term: Sky kru\n"
        "    translations: [Sky People]\n"
        "    variants: [Skaikru]\n"
        "  # last comment\n"
    )
    assert candidates(read(copy), TRIG) == []  # nothing left to propose


def test_chains_end_in_one_entry(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        "terms:\n"
        "  - term: Okteivia\n    kind: name\n    variants: [Oktaivia]\n"
        "  - term: Oktaivia\n    kind: name\n    variants: [Octavia]\n"
        "  - term: Octavia\n    kind: name\n    seen: 2\n    notes: Blake\n",
        encoding="utf-8",
    )
    doc = load(path)
    apply(doc, [Pair(0, 1, 100, "x"), Pair(1, 2, 100, "x")])
    assert dumps(doc) == (
        "terms:\n"
        "  - term: Okteivia\n    kind: name\n    variants: [Oktaivia, Octavia]\n"
        "    seen: 2\n    notes: Blake\n"
    )


def test_merge_adds_sources_once_and_counts_sightings(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        "terms:\n"
        "  - term: Wanheda\n    sources:\n      - {story: a.txt, line: 1}\n"
        "  - term: Wanhedaa\n    seen: 5\n    status: confirmed\n    sources:\n"
        "      - {story: a.txt, line: 1}\n      - {story: b.txt, line: 2}\n",
        encoding="utf-8",
    )
    doc = load(path)
    apply(doc, candidates(doc.glossary))
    save(doc)
    entry = read(path).terms
    assert [e.term for e in entry] == ["Wanhedaa"]  # confirmed and better attested: kept
    assert [s.story for s in entry[0].sources] == ["a.txt", "b.txt"]
    assert (entry[0].variants, entry[0].seen, entry[0].status) == (["Wanheda"], 6, "confirmed")
