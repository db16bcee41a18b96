"""`gloss annotate` and `export` as a pipeline sees them: a reader that leaves early, a book
missing a chapter."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app
from annotate.render.formats import Format

GLOSSARY = "terms:\n  - term: Heda\n    translations: [Commander]\n"
# far more than a pipe holds (64 kB), in every format: the reader leaves mid-output
STORY = "".join(f"Line {n}: Heda spoke, and the clans listened. Heda!\n" for n in range(40_000))
GLOSS = [sys.executable, "-c", "from annotate.cli import main; main()"]


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    (tmp_path / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    folder = tmp_path / "stories"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(STORY, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", [f.value for f in Format if f is not Format.epub])  # epub: -o
def test_a_reader_that_leaves_is_a_normal_end(stories: Path, fmt: str) -> None:
    # `gloss annotate stories/ | head -1`, with a real pipe
    command = ["annotate", str(stories), "-f", fmt, "-j", "2"]
    assert _reader_leaves(command, stories.parent) == (0, "")


def _reader_leaves(command: list[str], cwd: Path) -> tuple[int, str]:
    """Run gloss with a real pipe whose reader takes one line and closes it: exit, stderr."""
    with subprocess.Popen(
        [*GLOSS, *command], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        return process.wait(timeout=60), err.decode()


def _epub(path: Path, chapters: dict[str, str], missing: str) -> Path:
    items = "".join(
        f'<item id="c{i}" href="{name}" media-type="application/xhtml+xml"/>'
        for i, name in enumerate(chapters)
    )
    spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
    opf = (
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/>'
        f"<manifest>{items}</manifest><spine>{spine}</spine></package>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("content.opf", opf)
        for name, text in chapters.items():
            if name != missing:
                archive.writestr(name, f"<html><body><p>{text}</p></body></html>")
    return path


def test_a_book_missing_a_chapter_is_glossed_without_it(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    book = _epub(
        tmp_path / "book.epub",
        {"one.xhtml": "Heda spoke.", "two.xhtml": "Lost.", "three.xhtml": "Heda left."},
        missing="two.xhtml",
    )
    other = tmp_path / "other.txt"
    other.write_text("Heda again.\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["annotate", str(book), str(other), "-g", str(tmp_path / "g.yaml"), "-j", "1"]
    )
    assert result.exit_code == 1  # said, and the rest done
    assert result.stderr == f"{book}: corrupt EPUB: two.xhtml is missing; the rest was read\n"
    assert "Heda [Commander] spoke." in result.stdout
    assert "Heda [Commander] left." in result.stdout or "Heda left." in result.stdout
    assert "Lost" not in result.stdout
    assert "Heda [Commander] again." in result.stdout


@pytest.mark.parametrize("fmt", ["csv", "markdown", "json"])
def test_an_export_reader_that_leaves_is_a_normal_end(tmp_path: Path, fmt: str) -> None:
    # `gloss export -f csv | head -1`: a glossary far bigger than a pipe holds
    terms = "".join(f"  - term: vesh{n}\n    translations: [walk {n}]\n" for n in range(20_000))
    (tmp_path / "glossary.yaml").write_text(f"terms:\n{terms}", encoding="utf-8")
    assert _reader_leaves(["export", "--format", fmt], tmp_path) == (0, "")
