"""`gloss annotate --format ao3` from the command line: the chapter, or its end notes alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app

GLOSSARY = "terms:\n  - term: Heda\n    translations: [Commander]\n"


@pytest.fixture
def chapter(tmp_path: Path) -> Path:
    (tmp_path / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    path = tmp_path / "chapter.md"
    path.write_text("*Heda* spoke.\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["annotate", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (
            [],
            '<p><span title="Commander"><em>Heda</em></span> spoke.</p>\n'
            "<!-- End notes: paste what follows into the chapter's end notes -->\n"
            "<p><strong>Translations</strong></p>\n<ul>\n<li><em>Heda</em>: Commander</li>\n"
            "</ul>\n",
        ),
        (
            ["--notes-only"],
            "<p><strong>Translations</strong></p>\n<ul>\n<li><em>Heda</em>: Commander</li>\n"
            "</ul>\n",
        ),
    ],
)
def test_ao3(chapter: Path, flags: list[str], expected: str) -> None:
    glossary = str(chapter.parent / "glossary.yaml")
    code, out, _ = run(str(chapter), "-g", glossary, "--format", "ao3", *flags)
    assert code == 0
    assert out == expected


def test_notes_only_needs_ao3(chapter: Path) -> None:
    glossary = str(chapter.parent / "glossary.yaml")
    code, _, err = run(str(chapter), "-g", glossary, "--notes-only")
    assert code == 2
    assert "--notes-only goes with --format ao3" in err
