"""`gloss export` through the CLI: every format to stdout or a file, and back in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app
from glossary.exchange.exporters import FORMATS
from glossary.models import Entry
from glossary.store.reading import read

GLOSSARY = Path(__file__).parents[1] / "data" / "lookup" / "glossary.yaml"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("fmt", "first_line"),
    [
        ("csv", "term,translations,variants,kind,status,pos,notes"),
        ("tsv", "Wanheda\tcommander of death\ttitle"),
        ("tbx", '<?xml version="1.0" encoding="UTF-8"?>'),
        ("anki", "#separator:Comma"),
        ("markdown", "| Term | Meaning |"),
        ("json", "{"),
    ],
)
def test_every_format_to_stdout(fmt: str, first_line: str) -> None:
    code, out, err = run("export", "--format", fmt, "-g", str(GLOSSARY))
    assert (code, out.splitlines()[0], err) == (0, first_line, "")


def _out_and_in(tmp_path: Path, fmt: str) -> tuple[list[Entry], list[Entry]]:
    out = tmp_path / f"g.{fmt}"
    assert run("export", "-f", fmt, "-g", str(GLOSSARY), "-o", str(out)) == (0, "", "")
    back = tmp_path / "back.yaml"
    assert run("import", str(out), "-g", str(back))[0] == 0
    return read(GLOSSARY).terms, read(back).terms


def test_json_out_and_in_is_lossless(tmp_path: Path) -> None:
    original, again = _out_and_in(tmp_path, "json")
    assert again == original


def test_csv_out_and_in_keeps_every_term_and_translation(tmp_path: Path) -> None:
    original, again = _out_and_in(tmp_path, "csv")

    def pairs(entries: list[Entry]) -> set[tuple[str, str | None]]:
        return {(e.term, t) for e in entries for t in e.translations or [None]}

    assert pairs(again) == pairs(original)
    assert [e.term for e in again] == list(dict.fromkeys(e.term for e in original))


def test_json_is_the_glossary() -> None:
    _, out, _ = run("export", "-f", "json", "-g", str(GLOSSARY))
    data = json.loads(out)
    assert data["language"] == "Trigedasleng"
    assert [t["term"] for t in data["terms"]][:3] == ["Wanheda", "Heda", "Skaikru"]


def test_missing_glossary(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    assert run("export", "-f", "csv", "-g", str(missing)) == (1, "", f"{missing}: no such file\n")


@pytest.mark.parametrize("args", [["export"], ["export", "-f", "xlsx"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args, "-g", str(GLOSSARY))[0] == 2


def test_formats_are_the_documented_ones() -> None:
    assert FORMATS == ("csv", "tsv", "tbx", "anki", "markdown", "json")
