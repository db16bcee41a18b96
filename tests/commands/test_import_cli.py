"""`gloss import` through the CLI: summaries, skipped rows, exit codes and error texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app
from glossary.store.reading import read

DICTIONARY = Path(__file__).parents[1] / "data" / "lookup" / "dictionary.json"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["import", *args])
    return result.exit_code, result.stdout, result.stderr


def test_dictionary_import_reports_skipped_entries_by_line(tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    code, out, err = run(str(DICTIONARY), "-g", str(glossary))
    assert (code, out) == (1, "")  # two entries skipped: exit 1, the rest imported
    assert err == (
        f"{DICTIONARY}:11:1: skipped: no `word`\n"
        f"{DICTIONARY}:12:1: skipped: an entry is a JSON object\n"
        f"{glossary}: 8 added, 0 updated, 2 skipped\n"
    )
    assert len(read(glossary).terms) == 8
    code, _, err = run(str(DICTIONARY), "-g", str(glossary))
    assert err.endswith(f"{glossary}: 0 added, 0 updated, 2 skipped\n")


@pytest.mark.parametrize(("canon", "added"), [("canon", 7), ("noncanon", 1)])
def test_canon_filter(tmp_path: Path, canon: str, added: int) -> None:
    glossary = tmp_path / "g.yaml"
    _, _, err = run(str(DICTIONARY), "-g", str(glossary), "--canon", canon)
    assert err.endswith(f"{glossary}: {added} added, 0 updated, 2 skipped\n")


def test_csv_with_format_option(tmp_path: Path) -> None:
    source = tmp_path / "words.txt"
    source.write_text("term,translation\nheda,commander\n", encoding="utf-8")
    glossary = tmp_path / "g.yaml"
    assert run(str(source), "-g", str(glossary), "--format", "csv") == (
        0,
        "",
        f"{glossary}: 1 added, 0 updated\n",
    )
    assert [(e.term, e.translations) for e in read(glossary).terms] == [("heda", ["commander"])]


def test_rejected_entries_are_left_alone(tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text("terms:\n  - term: Heda\n    status: rejected\n", encoding="utf-8")
    _, _, err = run(str(DICTIONARY), "-g", str(glossary))
    assert err.endswith(f"{glossary}: 7 added, 0 updated, 1 rejected left alone, 2 skipped\n")
    assert read(glossary).terms[0].translations == []


@pytest.mark.parametrize(
    ("name", "content", "args", "message"),
    [
        ("none.csv", None, [], "{source}: no such file\n"),
        (
            "x.xlsx",
            "",
            [],
            "{source}: cannot tell the format; give --format dictionary|lines|json|csv|tsv\n",
        ),
        (
            "bad.json",
            "[1, {",
            [],
            "{source}:1:6: invalid JSON: Expecting property name enclosed in double quotes\n",
        ),
        ("deep.json", "[" * 100_000 + "]" * 100_000, [], "{source}: nested too deeply to read\n"),
    ],
)
def test_unreadable_sources_change_nothing(
    tmp_path: Path, name: str, content: str | None, args: list[str], message: str
) -> None:
    source = tmp_path / name
    if content is not None:
        source.write_text(content, encoding="utf-8")
    glossary = tmp_path / "g.yaml"
    assert run(str(source), "-g", str(glossary), *args) == (1, "", message.format(source=source))
    assert not glossary.exists()


def test_broken_glossary_is_not_touched(tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text("terms: [\n", encoding="utf-8")
    code, _, err = run(str(DICTIONARY), "-g", str(glossary))
    assert code == 1 and err.startswith(f"{glossary}:2:1: syntax error")
    assert glossary.read_text(encoding="utf-8") == "terms: [\n"


@pytest.mark.parametrize(
    "args", [[], ["x.json", "--format", "xlsx"], ["x.json", "--canon", "some"]]
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args)[0] == 2
