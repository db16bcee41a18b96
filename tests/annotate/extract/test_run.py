"""Extraction over many files: findings streamed story by story, a guessed lexicon on trial."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from annotate import heap
from annotate.extract import run
from annotate.extract.run import extract_paths
from glossary.findings import Finding

TRIG = (
    'Lexa said, "Yu gonplei ste odon." Your fight is over. "Jus drein jus daun," she said.\n\n'
    "The gonakru (warriors) bowed to the Heda.\n"
)
OTHER = 'Mira said, "Vesh tal oru." The sand keeps. "Oru venna," she said again.\n'


def _stories(folder: Path, texts: list[str]) -> Path:
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"{i:02}.txt").write_text(text, encoding="utf-8")
    return folder


def _streamed(folder: Path, jobs: int = 1) -> tuple[list[list[Finding]], run.Extraction]:
    stories: list[list[Finding]] = []
    result = extract_paths([folder], "auto", None, jobs, None, stories.append)
    return stories, result


def _lexicon_findings(stories: list[list[Finding]]) -> int:
    return sum(1 for story in stories for f in story if f.lexicon)


@pytest.mark.parametrize(
    ("texts", "kept"),
    [
        ([TRIG] * 3, True),  # the stories show its words: the lexicon speaks
        ([OTHER] * 3, False),  # another conlang: not one of its glosses
    ],
)
def test_a_guessed_lexicon_is_kept_only_on_evidence(
    tmp_path: Path, texts: list[str], kept: bool
) -> None:
    stories, result = _streamed(_stories(tmp_path / "s", texts))
    assert (result.lexicon is not None, _lexicon_findings(stories) > 0) == (kept, kept)
    assert result.findings == []  # all went to the sink
    assert sum(map(len, stories)) > 0


def test_past_the_hold_only_the_lexicon_s_findings_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "HOLD_STORIES", 2)
    folder = _stories(tmp_path / "s", [OTHER] * 4 + [TRIG])
    stories, result = _streamed(folder)
    # the other conlang's stories went through before the evidence came
    assert result.lexicon is not None
    assert _lexicon_findings(stories) > 0
    assert [f.term for f in stories[0]] == [
        f.term for f in _streamed(_stories(tmp_path / "o", [OTHER]))[0][0]
    ]


def test_streamed_and_collected_findings_are_the_same(tmp_path: Path) -> None:
    folder = _stories(tmp_path / "s", [TRIG, OTHER, TRIG, OTHER, TRIG])
    stories, _ = _streamed(folder, jobs=2)
    collected = extract_paths([folder], "auto", None, 1)
    assert [f for story in stories for f in story] == collected.findings


@pytest.mark.parametrize("settle", [False, True])
def test_settling_changes_no_finding(tmp_path: Path, settle: bool) -> None:
    folder = _stories(tmp_path / "s", [TRIG, OTHER])
    before = gc.get_threshold(), gc.get_freeze_count()
    with heap.settled():  # as the command does; the collector as it was afterwards
        result = extract_paths([folder], "auto", None, 1, settle=settle)
    assert result.findings == extract_paths([folder], "auto", None, 1).findings
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_a_story_read_in_part_gives_its_findings_and_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotate.readers.partly import PartlyRead
    from annotate.readers.text import parse_text

    folder = _stories(tmp_path / "s", [OTHER, OTHER])
    rest = parse_text(OTHER, "book.epub")

    def partly(path: Path) -> object:
        if path.name == "00.txt":
            raise PartlyRead(rest, f"{path}: corrupt EPUB: ch2.xhtml is missing")
        return real(path)

    real = run.read_story
    monkeypatch.setattr(run, "read_story", partly)
    result = extract_paths([folder], choice="none", jobs=1)
    assert result.stories == 2
    assert result.errors == [
        f"{folder / '00.txt'}: corrupt EPUB: ch2.xhtml is missing; the rest was read"
    ]
    assert sum(f.term == "Vesh tal oru" for f in result.findings) == 2
