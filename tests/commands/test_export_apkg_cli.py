"""`gloss export --format apkg`: an Anki deck, only ever to a file."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app
from glossary.store.reading import read

GLOSSARY = Path(__file__).parents[1] / "data" / "lookup" / "glossary.yaml"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def notes(apkg: Path) -> list[tuple[str, str]]:
    """(guid, Term field) of every note in the package."""
    with zipfile.ZipFile(apkg) as package:
        collection = package.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    db.deserialize(collection)
    rows = db.execute("SELECT guid, flds FROM notes ORDER BY id").fetchall()
    return [(guid, flds.split("\x1f")[0]) for guid, flds in rows]


def test_a_deck_with_one_note_per_entry_not_rejected(tmp_path: Path) -> None:
    deck = tmp_path / "deck.apkg"
    assert run("export", "-f", "apkg", "-g", str(GLOSSARY), "-o", str(deck)) == (0, "", "")
    kept = [e.term for e in read(GLOSSARY).terms if e.status != "rejected"]
    assert [term for _, term in notes(deck)] == kept
    assert "gona" not in kept  # the rejected one


def test_exporting_twice_gives_the_same_notes(tmp_path: Path) -> None:
    one, two = tmp_path / "1.apkg", tmp_path / "2.apkg"
    for deck in (one, two):
        assert run("export", "-f", "apkg", "-g", str(GLOSSARY), "-o", str(deck))[0] == 0
    assert notes(one) == notes(two)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "apkg is a binary file (an Anki deck): give the file to write, e.g. -o deck.apkg"),
        (["-o", str(GLOSSARY)], "is the glossary being read"),
    ],
)
def test_never_to_the_terminal_nor_onto_the_glossary(args: list[str], message: str) -> None:
    code, out, err = run("export", "-f", "apkg", "-g", str(GLOSSARY), *args)
    assert (code, out) == (2, "")
    assert message in " ".join(err.replace("│", "").split())


def test_a_missing_glossary_writes_nothing(tmp_path: Path) -> None:
    missing, deck = tmp_path / "none.yaml", tmp_path / "deck.apkg"
    code, out, err = run("export", "-f", "apkg", "-g", str(missing), "-o", str(deck))
    assert (code, out, err) == (1, "", f"{missing}: no such file\n")
    assert not deck.exists()


def test_the_package_is_a_zip_anki_reads(tmp_path: Path) -> None:
    deck = tmp_path / "deck.apkg"
    run("export", "-f", "apkg", "-g", str(GLOSSARY), "-o", str(deck))
    with zipfile.ZipFile(io.BytesIO(deck.read_bytes())) as package:
        assert package.testzip() is None
        assert sorted(package.namelist()) == ["collection.anki2", "media"]
