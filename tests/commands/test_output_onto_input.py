"""`-o` onto a file being read is refused, however the path is written; nothing is replaced.
Real processes, as a person runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

STORY = "The gonakru (warriors) waited by the gate.\n"
GLOSSARY = "terms:\n  - term: gonakru\n    translations: [warriors]\n"


def _gloss(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from annotate.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY)
    (tmp_path / "g.yaml").write_text(GLOSSARY)
    os.link(tmp_path / "b.txt", tmp_path / "hard.txt")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["annotate", "story.txt", "-g", "g.yaml", "-o", "story.txt"], "story.txt is a story"),
        (["annotate", "story.txt", "b.txt", "-g", "g.yaml", "-o", "./b.txt"], "b.txt is a story"),
        (["annotate", "story.txt", "-g", "g.yaml", "-o", "{abs}/story.txt"], "is the story"),
        (["annotate", "b.txt", "-g", "g.yaml", "-o", "hard.txt"], "hard.txt is the story b.txt"),
        (["annotate", "story.txt", "-g", "g.yaml", "-o", "g.yaml"], "g.yaml is the glossary"),
        (["export", "-f", "csv", "-g", "g.yaml", "-o", "g.yaml"], "g.yaml is the glossary"),
        (["export", "-f", "json", "-g", "./g.yaml", "-o", "{abs}/g.yaml"], "is the glossary"),
    ],
)
def test_output_onto_an_input_is_refused(folder: Path, args: list[str], what: str) -> None:
    args = [a.replace("{abs}", str(folder)) for a in args]
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    run = _gloss(folder, *args)
    assert run.returncode == 2, run.stderr
    assert what in run.stderr
    assert "being read; write the output to another file" in run.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.parametrize(
    "args",
    [
        ["annotate", "story.txt", "-g", "g.yaml", "-o", "out.txt"],
        ["export", "-f", "csv", "-g", "g.yaml", "-o", "out.csv"],
    ],
)
def test_output_elsewhere_is_written(folder: Path, args: list[str]) -> None:
    run = _gloss(folder, *args)
    assert run.returncode == 0, run.stderr
    assert (folder / args[-1]).read_text()
    assert (folder / "story.txt").read_text() == STORY
