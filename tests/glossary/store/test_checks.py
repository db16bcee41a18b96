"""`check_file`: a valid file the quick way; a file with problems loaded for their positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.store import checks

GOOD = "terms:\n  - term: Heda\n    variants: [Hedda]\n  - term: Wanheda\n"


def test_a_valid_file_is_not_loaded_for_editing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(GOOD, encoding="utf-8")

    def fail(path: Path) -> None:
        raise AssertionError("loaded with the round-trip loader")

    monkeypatch.setattr(checks, "load", fail)
    assert checks.check_file(path) == []


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            GOOD + "  - term: hedda\n",
            ["g.yaml:5:11: `hedda` is already a spelling of `Heda` (line 2)"],
        ),
        (
            GOOD + "    variants: [heda]\n",
            ["g.yaml:5:16: `heda` is already a spelling of `Heda` (line 2)"],
        ),
        (
            GOOD + "  - term: [x\n",
            [
                "g.yaml:5:11: syntax error: expected ',' or ']', but got '<stream end>' "
                "(while parsing a flow sequence)"
            ],
        ),
    ],
)
def test_problems_keep_their_positions(
    text: str, lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("g.yaml").write_text(text, encoding="utf-8")
    assert [str(p) for p in checks.check_file(Path("g.yaml"))] == lines
