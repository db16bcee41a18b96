"""Learned glosses where no entry covers a word: the glosser, extract's candidates, lessons."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.exchange.formats import Imported, Record
from glossary.learn.glosser import Glosser, covered, lesson, merge_learned, proper, proposals
from glossary.learn.words import LEARNED, anchors_of, pairs_of
from glossary.models import Entry, Glossary
from glossary.store import document as store

LINES = [
    ("Yu gonplei ste odon", "Your fight is over"),
    ("Ai gonplei nou ste odon", "My fight is not over"),
    ("Ai nou ste kwelen", "I am not weak"),
    ("Yu ste kwelen", "You are weak"),
    ("Ai nou frag yu", "I will not kill you"),
    ("Ai gonplei ste yuj", "My fight is strong"),
]
PHRASES = [Entry(term=c, translations=[e], kind="phrase") for c, e in LINES]
GLOSSARY = Glossary(
    terms=[
        *PHRASES,
        Entry(term="odon", translations=["over"]),
        Entry(term="yu", translations=["you"], status="rejected"),  # a person said no
    ]
)


def test_covered_are_the_one_word_spellings_of_every_entry() -> None:
    glossary = Glossary(
        terms=[
            Entry(term="Heda", variants=["Hedaa", "big heda"]),
            Entry(term="in", status="rejected"),
            Entry(term="Yu gonplei ste odon", kind="phrase"),
        ]
    )
    assert covered(glossary) == {"heda", "in"}


@pytest.mark.parametrize(
    ("word", "gloss"),
    [
        ("gonplei", "fight"),
        ("Gonplei", "fight"),
        ("ste", "be"),
        ("ai", "I"),
        ("nou", "not"),
        ("kwelen", "weak"),  # two phrases: enough to show
        ("frag", None),  # one phrase only: "kill" is right here, but one phrase always aligns
        ("odon", None),  # an entry has it
        ("yu", None),  # a rejected entry has it
        ("hodnes", None),  # in no phrase
        ("ai gonplei", None),  # not one word
    ],
)
def test_the_glosser_glosses_words_no_entry_covers(word: str, gloss: str | None) -> None:
    assert Glosser(GLOSSARY).best(word) == gloss


def test_the_glosser_learns_only_for_a_word_of_a_phrase() -> None:
    glosser = Glosser(GLOSSARY)
    assert glosser.lookup("fight hodnes") == []
    assert glosser._learned is None  # nothing learned: no phrase has these words
    assert [item.word for item in glosser.lookup("gonplei nou ste odon gonplei")] == [
        "gonplei",
        "nou",
        "ste",
    ]


def test_proposals_are_learned_candidates_with_their_phrases() -> None:
    found = {(f.term, f.translation) for f in proposals(GLOSSARY)}
    assert found == {("gonplei", "fight"), ("ste", "be"), ("ai", "I"), ("nou", "not")}
    ste = [f for f in proposals(GLOSSARY) if f.term == "ste"]
    assert [f.quote for f in ste][:3] == [
        "Yu gonplei ste odon = Your fight is over",
        "Ai gonplei nou ste odon = My fight is not over",
        "Ai nou ste kwelen = I am not weak",
    ]
    assert all(f.method == LEARNED and f.kind == "word" for f in ste)
    assert all(0.5 <= f.confidence <= 1 for f in ste)


def test_names_are_shown_but_not_proposed() -> None:
    lines = [
        ("Leksa ste yuj", "Lexa is strong"),
        ("Leksa ste kwelen", "Lexa is weak"),
        ("Ai hod Leksa", "I love Lexa"),
        ("Yu ste kwelen", "You are weak"),
    ]
    glossary = Glossary(terms=[Entry(term=c, translations=[e], kind="phrase") for c, e in lines])
    assert Glosser(glossary).best("Leksa") == "Lexa"
    assert "Leksa" not in {f.term for f in proposals(glossary)}


@pytest.mark.parametrize(
    ("gloss", "is_proper"),
    [("Lexa", True), ("Sky People", True), ("I", False), ("fight", False), ("sky People", False)],
)
def test_proper(gloss: str, is_proper: bool) -> None:
    assert proper(gloss) is is_proper


def write(path: Path, glossary: Glossary) -> None:
    doc = store.load_or_new(path)
    doc.data["terms"] = [entry.model_dump(exclude_defaults=True) for entry in glossary.terms]
    store.save(doc)


def test_learned_candidates_are_added_once_and_teach_nothing_more(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    write(path, GLOSSARY)
    doc = store.load(path)
    report = merge_learned(doc)
    assert sorted(c.term for c in report.added) == ["ai", "gonplei", "nou", "ste"]
    store.save(doc)
    text = path.read_text(encoding="utf-8")
    assert "    translations: [fight]\n    kind: word\n    status: candidate\n" in text
    assert "method: learned" in text
    ste = next(e for e in store.load(path).glossary.terms if e.term == "ste")
    assert (len(ste.sources), ste.seen) == (3, 5)  # a few phrases quoted, all counted

    again = store.load(path)
    assert merge_learned(again).changes == []
    assert store.save(again) is False
    assert path.read_text(encoding="utf-8") == text
    # The candidates are neither pairs nor anchors: learning from the new file is the same.
    assert pairs_of(again.glossary) == pairs_of(GLOSSARY)
    assert anchors_of(again.glossary) == anchors_of(GLOSSARY)


def test_a_rejected_learned_candidate_is_not_proposed_again(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    write(path, GLOSSARY)
    doc = store.load(path)
    merge_learned(doc)
    for node in doc.data["terms"]:
        if node["term"] == "ste":
            node["status"] = "rejected"
    store.save(doc)
    again = store.load(path)
    assert merge_learned(again).changes == []


def test_a_lesson_takes_pairs_and_known_words_from_files() -> None:
    records = [
        Record(Entry(term=c, translations=[e], kind="phrase"), line)
        for line, (c, e) in enumerate(LINES, 1)
    ]
    records.append(Record(Entry(term="nou", translations=["not"]), 9))
    result = lesson(
        Glossary(terms=[Entry(term="odon", translations=["over"])]), [("f", Imported(records))]
    )
    assert (result.pairs, result.anchors) == (6, 2)
    words = {item.word: item for item in result.words}
    assert words["nou"].glosses[0].gloss == "not"
    assert words["gonplei"].evidence[0].story == "f"
    assert words["gonplei"].evidence[0].line == 1
    assert result.has_entry(words["odon"])
    assert not result.has_entry(words["nou"])  # known from the file, but no entry of the glossary
