"""Merging findings: nothing a person did is undone; a second identical run changes nothing."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from glossary.findings import Finding
from glossary.merge import MAX_PROPOSED, Merger, group, merge, same_term
from glossary.store import document as store


def finding(term: str, translation: str | None = None, line: int = 1, **kw: object) -> Finding:
    return Finding(
        term=term,
        translation=translation,
        story="s.txt",
        line=line,
        quote=f"... {term} ...",
        method="echo" if translation else "rare word",
        **kw,  # type: ignore[arg-type]
    )


FINDINGS = [
    finding("Heda", line=3),
    finding("Wanheda", "Commander of Death", line=5),
    finding("Wanheddaa", line=9),
    finding("heda", line=12),
]


def run(path: Path, findings: list[Finding]) -> store.Document:
    doc = store.load_or_new(path)
    merge(doc, findings)
    store.save(doc)
    return store.load(path)


def test_spellings_of_one_term_become_one_entry(tmp_path: Path) -> None:
    doc = run(tmp_path / "g.yaml", FINDINGS)
    terms = {e.term: e for e in doc.glossary.terms}
    assert sorted(terms) == ["Heda", "Wanheda"]
    assert terms["Wanheda"].variants == ["Wanheddaa"]  # shouted; `heda` is only case
    assert terms["Wanheda"].translations == ["Commander of Death"]
    assert terms["Heda"].variants == []


def test_a_second_identical_run_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    run(path, FINDINGS)
    before = path.read_bytes()
    doc = store.load(path)
    report = merge(doc, FINDINGS)
    assert report.changes == []
    assert store.save(doc) is False
    assert path.read_bytes() == before


def test_an_edited_translation_stays_and_is_not_proposed_again(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    run(path, FINDINGS)
    text = path.read_text().replace("[Commander of Death]", "[Death's commander]  # mine")
    path.write_text(text)
    doc = run(path, FINDINGS)
    assert path.read_text() == text
    assert doc.glossary.terms[1].translations == ["Death's commander"]


def test_a_rejected_entry_stays_rejected(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("terms:\n  - term: Wanheda\n    status: rejected  # not conlang here\n")
    doc = store.load(path)
    report = merge(doc, [finding("Wanheddaa", "Commander of Death", line=40)])
    assert (report.changes, report.skipped_rejected) == ([], 1)
    assert store.save(doc) is False


def test_hand_written_entries_and_comments_stay(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        "# my Trig notes\nlanguage: Trigedasleng\nterms:\n"
        "  - term: Heda  # Lexa's title\n    translations: [Commander]\n    status: confirmed\n"
    )
    doc = run(path, FINDINGS)
    text = path.read_text()
    assert text.startswith(
        "# my Trig notes\nlanguage: Trigedasleng\nterms:\n  - term: Heda  # Lexa's title\n"
        "    translations: [Commander]\n    status: confirmed\n    sources:\n"
    )
    heda = doc.glossary.terms[0]
    assert (heda.status, heda.translations, len(heda.sources)) == ("confirmed", ["Commander"], 2)


@pytest.mark.parametrize(
    ("a", "b", "trans_a", "trans_b", "same"),
    [
        ("wanheda", "wanheda", [], [], True),
        ("trigedasleng", "trigedaslang", [], [], True),  # a typo in a long word
        ("gouthru klir", "gouthru klin", ["safe passage"], ["suicide"], False),
        ("meshet", "meshat", ["water"], ["salt"], False),  # one letter, two meanings
        ("kom", "kon", [], [], False),  # too short to call a typo
        ("sonraun", "sonrain", ["life"], ["alive"], False),
        ("sonraun", "sonrain", ["life"], ["life"], True),
    ],
)
def test_same_term(a: str, b: str, trans_a: list[str], trans_b: list[str], same: bool) -> None:
    assert same_term(a, b, trans_a, trans_b) is same


def test_look_alike_words_with_different_meanings_stay_apart() -> None:
    groups = group([finding("gouthru klir", "safe passage"), finding("gouthru klin", "suicide")])
    assert [[f.term for f in g] for g in groups] == [["gouthru klir"], ["gouthru klin"]]


def test_sources_are_bounded_and_counted(tmp_path: Path) -> None:
    many = [finding("Skaikru", line=n) for n in range(1, 11)]
    doc = run(tmp_path / "g.yaml", many)
    entry = doc.glossary.terms[0]
    assert (len(entry.sources), entry.seen) == (3, 10)


def test_lexicon_senses_are_separate_translations_after_the_story_s(tmp_path: Path) -> None:
    lexicon = Finding(
        term="Heda", translation="Commander; leader", method="lexicon", lexicon="trigedasleng"
    )
    doc = run(tmp_path / "g.yaml", [lexicon, finding("Heda", "the Commander")])
    entry = doc.glossary.terms[0]
    assert entry.translations == ["the Commander", "Commander", "leader"]
    assert [s.lexicon for s in entry.sources] == [None, "trigedasleng"]


def test_a_lexicon_s_senses_keep_look_alike_words_apart() -> None:
    klir = Finding(term="gouthru klir", translation="safe passage", method="lexicon", lexicon="t")
    klin = Finding(term="gouthru klin", translation="suicide; death", method="lexicon", lexicon="t")
    assert len(group([klir, klin])) == 2


def test_written_lists_read_the_same_with_libyaml(tmp_path: Path) -> None:
    doc = run(tmp_path / "g.yaml", [finding("Chit", "what?"), finding("Gyon au", "Go away!")])
    assert [e.translations for e in doc.glossary.terms] == [["what?"], ["Go away!"]]
    from ruamel.yaml import YAML

    assert YAML(typ="safe", pure=False).load((tmp_path / "g.yaml").read_text())["terms"]


def test_merged_story_by_story_is_merged_once(tmp_path: Path) -> None:
    """The streaming `Merger` (a story at a time) gives what one merge of everything gives:
    sightings add up across stories and each entry is reported once."""
    stories = [
        [finding("Skaikru", line=n) for n in range(1, 4)],
        [finding("Skaikru", "sky people", line=7), *FINDINGS],
        [finding("Skaikru", line=n) for n in range(20, 25)],
    ]
    for story_no, story in enumerate(stories):
        stories[story_no] = [f._replace(story=f"{story_no}.txt") for f in story]
    once = store.load_or_new(tmp_path / "once.yaml")
    once_report = merge(once, [f for story in stories for f in story])
    streamed = store.load_or_new(tmp_path / "streamed.yaml")
    merger = Merger(streamed)
    for story in stories:
        merger.add(story)
    report = merger.finish()

    # the same entries, translations, variants and sightings; only which sources are kept
    # may differ (a stream keeps the first ones and every one with a new translation)
    def essentials(doc: store.Document) -> list[tuple[object, ...]]:
        glossary = store.validate(doc.data, "g.yaml")
        return [(e.term, e.translations, e.variants, e.kind, e.seen) for e in glossary.terms]

    assert essentials(streamed) == essentials(once)
    assert [str(c) for c in report.changes] == [str(c) for c in once_report.changes]
    assert "seen: 9" in store.dumps(streamed)


def test_typos_are_matched_among_many_entries_of_every_length(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = sorted(
        {"".join(rng.choices("bcdfgklmnprstvz", k=rng.randint(4, 12))) for _ in range(3000)}
    )
    doc = store.load_or_new(tmp_path / "g.yaml")
    merge(doc, [finding(w, f"sense {w.upper()}", line=n) for n, w in enumerate(words)])
    long_word = next(w for w in words if len(w) == 9)
    typo = long_word[:4] + long_word[5:]  # a letter left out
    report = merge(
        doc, [finding("wanheda", "commander of death"), finding(typo, f"sense {long_word.upper()}")]
    )
    assert [str(c) for c in report.changes] == [
        "added wanheda (= commander of death)",
        f"updated {long_word} (variant {typo!r}, 1 source)",
    ]


def test_an_entry_seen_again_only_counts_the_sighting(tmp_path: Path) -> None:
    """Once an entry's sources are full, a finding with nothing new leaves it as it was
    (the shortcut a large corpus takes) but `seen`, and one with something new still lands."""
    doc = store.load_or_new(tmp_path / "g.yaml")
    merger = Merger(doc)
    merger.add([finding("Skaikru", "sky people", line=n) for n in range(1, 4)])
    before = store.dumps(doc)
    merger.add([finding("Skaikru", "sky people", line=n) for n in range(10, 20)])
    assert store.dumps(doc) == before
    merger.add([finding("skaikru", "the sky clan", line=30), finding("Skaikrus", line=31)])
    report = merger.finish()
    entry = store.validate(doc.data, "g.yaml").terms[0]
    assert (entry.translations, entry.variants, entry.seen) == (
        ["sky people", "the sky clan"],
        ["Skaikrus"],
        15,
    )
    assert [str(c) for c in report.changes] == ["added Skaikru (= sky people; the sky clan)"]


def test_translations_taken_per_entry_are_bounded(tmp_path: Path) -> None:
    """Thousands of stories word a line in ever more ways: an entry takes the first
    MAX_PROPOSED translations, and the rest only count as sightings."""
    doc = run(tmp_path / "g.yaml", [finding("Hod op", f"stop {n}!", line=n) for n in range(1, 40)])
    entry = doc.glossary.terms[0]
    assert len(entry.translations) == MAX_PROPOSED == len(entry.sources)
    assert entry.seen == 39
