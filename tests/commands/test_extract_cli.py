"""`gloss extract` end to end: files and folders, bad input, dry runs, the glossary's safety."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from annotate.cli import app

runner = CliRunner()

STORY = (
    "The rain had not stopped for three days. Octavia said nothing for a long time.\n\n"
    'She bent down and whispered, "Hod yu op." Hold on.\n\n'
    "The gonakru (warriors) waited by the gate of Polis.\n"
)


def write_story(folder: Path, name: str = "one.txt", text: str = STORY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extract_writes_the_glossary_and_a_second_run_changes_nothing(in_tmp: Path) -> None:
    write_story(in_tmp / "stories")
    first = runner.invoke(app, ["extract", "--lexicon", "none"])
    assert first.exit_code == 0, first.output
    assert "added Hod yu op (= Hold on)" in first.stdout
    assert first.stderr.startswith("glossary.yaml: added ")
    text = (in_tmp / "glossary.yaml").read_text()
    assert "  - term: gonakru\n    translations: [warriors]\n" in text
    second = runner.invoke(app, ["extract", "--lexicon", "none"])
    assert second.exit_code == 0
    assert second.stdout == ""
    assert second.stderr == "glossary.yaml: added 0, updated 0 from 1 story, unchanged\n"
    assert (in_tmp / "glossary.yaml").read_text() == text


def test_bad_files_are_reported_and_the_rest_is_done(in_tmp: Path) -> None:
    write_story(in_tmp / "in")
    (in_tmp / "in" / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (in_tmp / "in" / "empty.md").write_text("")
    (in_tmp / "in" / "cover.jpg").write_bytes(b"\xff\xd8")
    result = runner.invoke(app, ["extract", "in", "-g", "g.yaml", "--lexicon", "none"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        "in/cover.jpg: skipped (not a story format)",
        "in/bin.txt: binary file, not a story",
        "in/empty.md: empty file",
    ]
    assert "Traceback" not in result.output
    assert "term: gonakru" in (in_tmp / "g.yaml").read_text()


def test_dry_run_writes_nothing(in_tmp: Path) -> None:
    story = write_story(in_tmp)
    result = runner.invoke(app, ["extract", str(story), "--dry-run", "--lexicon", "none"])
    assert result.exit_code == 0
    assert "added gonakru (= warriors)" in result.stdout
    assert "would add" in result.stderr
    assert not (in_tmp / "glossary.yaml").exists()


def test_a_broken_glossary_is_reported_and_left_untouched(in_tmp: Path) -> None:
    story = write_story(in_tmp)
    broken = "terms:\n  - term: Heda\n    translaton: [Commander]\n"
    (in_tmp / "glossary.yaml").write_text(broken)
    result = runner.invoke(app, ["extract", str(story)])
    assert result.exit_code == 1
    assert result.stderr == (
        "glossary.yaml:3:5: unknown key `translaton` (did you mean `translations`?)\n"
    )
    assert (in_tmp / "glossary.yaml").read_text() == broken


def test_the_lexicon_supplies_translations_marked_as_its_own(in_tmp: Path) -> None:
    story = write_story(
        in_tmp,
        text="Heda rode to Polis with the Skaikru and the Trikru.\n\n"
        "Wanheda, they called her. Azgeda wanted her dead.\n",
    )
    result = runner.invoke(app, ["extract", str(story)])
    assert result.exit_code == 0, result.output
    text = (in_tmp / "glossary.yaml").read_text()
    assert text.startswith("language: Trigedasleng\n")
    assert "lexicon: trigedasleng" in text
    off = runner.invoke(app, ["extract", str(story), "-g", "off.yaml", "--lexicon", "none"])
    assert off.exit_code == 0
    assert "lexicon:" not in (in_tmp / "off.yaml").read_text()


def test_an_unknown_lexicon_is_a_clear_error(in_tmp: Path) -> None:
    story = write_story(in_tmp)
    result = runner.invoke(app, ["extract", str(story), "--lexicon", "klingon"])
    assert result.exit_code == 1
    assert result.stderr == (
        "unknown lexicon 'klingon'; choose auto, none, trigedasleng, or a path to a glossary file\n"
    )
