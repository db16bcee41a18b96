"""A YAML alias is one value in two places: an edit to one entry never reaches another, a file
gloss does not change is not rewritten, and `check` says where aliases are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from glossary.errors import Problem
from glossary.findings import Finding
from glossary.merge import merge
from glossary.store import aliases
from glossary.store import document as store
from glossary.store.checks import check_file

SHARED = """\
language: Trigedasleng
terms:
  - term: gonakru  # warriors
    translations: &w [warriors]
  - term: Hod yu op
    translations: *w
  - term: Heda
    translations: [Commander]
"""


def test_an_edit_to_one_entry_never_reaches_the_other(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(SHARED)
    doc = store.load(path)
    merge(doc, [Finding("Hod yu op", "echo", "phrase", "Hold on", "s.txt", 1, '"Hod yu op."')])
    assert store.save(doc)
    again = store.load(path).glossary
    assert [e.translations for e in again.terms] == [
        ["warriors"],
        ["warriors", "Hold on"],
        ["Commander"],
    ]
    # the untouched entries keep their text; the one that held the alias is written in full
    assert path.read_text().startswith(
        "language: Trigedasleng\nterms:\n  - term: gonakru  # warriors\n"
        "    translations: &w [warriors]\n  - term: Hod yu op\n"
        "    translations: [warriors, Hold on]\n"
    )


def test_a_file_with_aliases_that_nothing_changed_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(SHARED)
    doc = store.load(path)
    merge(doc, [])
    assert not store.save(doc)
    assert path.read_text() == SHARED


@pytest.mark.parametrize(
    ("text", "copies"),
    [
        (SHARED, 1),  # the second entry's list
        ("terms:\n  - term: a\n    translations: [x]\n", 0),
        # a shared mapping inside two entries' sources
        (
            "terms:\n  - term: a\n    sources: [&s {story: x.txt}]\n"
            "  - term: b\n    sources: [*s]\n",
            1,
        ),
    ],
)
def test_unshare_gives_each_place_its_own(text: str, copies: int, tmp_path: Path) -> None:
    data = store.parse(text, "g.yaml")
    touched = aliases.unshare(data)
    assert len(touched) == copies
    seen: set[int] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict | list):
            assert id(node) not in seen
            seen.add(id(node))
            for inner in node.values() if isinstance(node, dict) else node:
                walk(inner)

    walk(data)


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            SHARED,
            [
                Problem(
                    "g.yaml",
                    6,
                    19,
                    "`*w` repeats `&w` (line 4): gloss writes it out in full when it saves, "
                    "so that a change to one entry never reaches another",
                )
            ],
        ),
        ("terms:\n  - term: a & b\n    notes: '*w is no alias'\n", []),
    ],
)
def test_check_says_where_aliases_are(
    text: str, problems: list[Problem], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("g.yaml").write_text(text)
    assert check_file(Path("g.yaml")) == problems


def test_extract_never_writes_through_an_alias(tmp_path: Path) -> None:
    """The command itself, in its own process."""
    (tmp_path / "g.yaml").write_text(SHARED)
    (tmp_path / "s.txt").write_text('She bent down and whispered, "Hod yu op." Hold on.\n')
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from annotate.cli import main; main()",
            "extract",
            "s.txt",
            "-g",
            "g.yaml",
            "--lexicon",
            "none",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    terms = store.load(tmp_path / "g.yaml").glossary.terms
    assert terms[0].translations == ["warriors"]
    assert "Hold on" in terms[1].translations
