"""`gloss dedupe` through the CLI: the listing, --json, --apply and its errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app
from glossary.store.reading import read

DUPLICATES = Path(__file__).parents[1] / "data" / "lookup" / "duplicates.yaml"
runner = CliRunner()


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "g.yaml"
    shutil.copy(DUPLICATES, path)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["dedupe", *args])
    return result.exit_code, result.stdout, result.stderr


def test_listing(glossary: Path) -> None:
    assert run("-g", str(glossary)) == (
        0,
        "1. Heda (commander) <- Hedda (leader)  [same spelling, different translations, 100]\n"
        "2. Sky kru (Sky People) <- Skaikru (Sky People)  [spelled alike, same translation, 100]\n"
        "3. Floukru (Boat People) <- Flokru (boat people; sea clan)  "
        "[spelled alike, same translation, 92]\n",
        "",
    )


def test_json(glossary: Path) -> None:
    _, out, _ = run("-g", str(glossary), "--json")
    assert json.loads(out)[2] == {
        "keep": "Floukru",
        "merge": "Flokru",
        "score": 92,
        "reason": "spelled alike, same translation",
    }


def test_apply_the_ones_a_person_keeps(glossary: Path) -> None:
    assert run("-g", str(glossary), "--apply", "2, 3") == (
        0,
        "",
        f"merged Skaikru into Sky kru\nmerged Flokru into Floukru\n{glossary}: 2 merged\n",
    )
    assert [e.term for e in read(glossary).terms] == [
        "Heda",
        "Floukru",
        "gouthru klir",
        "gouthru klin",
        "Hedda",
        "Sky kru",
    ]
    assert run("-g", str(glossary), "--apply", "all")[2].endswith(f"{glossary}: 1 merged\n")
    assert run("-g", str(glossary)) == (0, "", f"{glossary}: no likely duplicates\n")
    assert run("-g", str(glossary), "--json") == (0, "[]\n", f"{glossary}: no likely duplicates\n")


@pytest.mark.parametrize("value", ["4", "0", "one", "1,,2"])
def test_apply_needs_listed_numbers(glossary: Path, value: str) -> None:
    before = glossary.read_bytes()
    code, _, err = run("-g", str(glossary), "--apply", value)
    assert code == 2
    assert "is not a pair number (1 to 3) or `all`" in err
    assert glossary.read_bytes() == before


def test_missing_glossary(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    code, out, err = run("-g", str(missing))
    assert (code, out) == (1, "")
    assert err.startswith(f"{missing}: no glossary yet; make one from stories with `gloss extract")


def test_help_says_what_the_listing_does(glossary: Path) -> None:
    said = " ".join(runner.invoke(app, ["dedupe", "--help"]).stdout.split())
    listed = run("-g", str(glossary))[1]
    # one spelling with different senses: listed, and the help says so
    assert "[same spelling, different translations, 100]" in listed
    assert "also with different translations, marked `same spelling, different" in said
    # one letter apart with different senses (gouthru klir, klin): never listed, as it says
    assert "gouthru" not in listed
    assert "Spelled alike but not the same, with different senses" in said
    assert "is never listed" in said
