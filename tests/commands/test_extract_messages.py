"""What `gloss extract` says: names apart, nothing claimed before it is saved, nothing written
when there is nothing to read, a missing path named as annotate names it, one story however
its path is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app
from annotate.commands.extract import _say_changes
from glossary.errors import GlossError
from glossary.merge import Change

runner = CliRunner()

STORY = (
    'She bent down and whispered, "Hod yu op." Hold on.\n\n'
    "The gonakru (warriors) waited by the gate of Polis.\n"
)
KINDS = ".epub, .htm, .html, .markdown, .md, .text, .txt, .xhtml"


def _story(folder: Path, name: str = "one.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(STORY)
    return folder / name


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        (
            [
                Change("Heda", "added", ["= Commander"], "title"),
                Change("Costia", "added", [], "name"),
                Change("Clarke", "updated", ["1 source"], "name"),
                Change("Lexa", "added", [], "name"),
            ],
            "added Heda (= Commander)\nupdated Clarke (1 source)\nadded 2 names: Costia, Lexa\n",
        ),
        ([Change("Octavia", "added", [], "name")], "added 1 name: Octavia\n"),
        ([Change("gonakru", "added", ["= warriors"], "word")], "added gonakru (= warriors)\n"),
    ],
)
def test_names_are_listed_on_a_line_of_their_own(
    changes: list[Change], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _say_changes(changes)
    assert capsys.readouterr().out == said


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            [],
            f"stories: no such file or folder\ngloss: no stories found in stories (looked for "
            f"{KINDS} files); glossary.yaml not written\n",
        ),
        (
            ["nope/"],
            f"nope: no such file or folder\ngloss: no stories found in nope (looked for "
            f"{KINDS} files); glossary.yaml not written\n",
        ),
        (
            ["empty"],
            f"gloss: no stories found in empty (looked for {KINDS} files); "
            "glossary.yaml not written\n",
        ),
    ],
)
def test_nothing_to_read_writes_nothing_and_says_what_it_looked_for(
    in_tmp: Path, args: list[str], said: str
) -> None:
    (in_tmp / "empty").mkdir()
    result = runner.invoke(app, ["extract", *args])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", said)
    assert sorted(p.name for p in in_tmp.iterdir()) == ["empty"]


def test_a_missing_path_is_named_and_the_rest_is_read(in_tmp: Path) -> None:
    story = _story(in_tmp / "stories")
    result = runner.invoke(app, ["extract", "nope/", str(story), "--lexicon", "none"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "nope: no such file or folder"
    assert "term: gonakru" in (in_tmp / "glossary.yaml").read_text()


def test_nothing_is_claimed_added_when_the_glossary_cannot_be_saved(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _story(in_tmp / "stories")
    from glossary.store import document as store

    def full(*_: object) -> bool:
        raise GlossError("glossary.yaml: cannot write: No space left on device")

    monkeypatch.setattr(store, "save", full)
    result = runner.invoke(app, ["extract", "--lexicon", "none"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "glossary.yaml: cannot write: No space left on device\n"


def test_one_story_however_its_path_is_written(in_tmp: Path) -> None:
    story = _story(in_tmp / "stories")
    first = runner.invoke(app, ["extract", "stories/one.txt", "--lexicon", "none"])
    assert first.exit_code == 0, first.output
    text = (in_tmp / "glossary.yaml").read_text()
    assert "story: stories/one.txt\n" in text  # as the person wrote it
    # by its absolute path, through `..`, and twice in one run: the same story, nothing new
    again = runner.invoke(
        app, ["extract", str(story), "stories/../stories", "stories", "--lexicon", "none"]
    )
    assert again.exit_code == 0, again.output
    assert (again.stdout, again.stderr) == (
        "",
        "glossary.yaml: added 0, updated 0 from 1 story, unchanged\n",
    )
    assert (in_tmp / "glossary.yaml").read_text() == text


@pytest.mark.parametrize(
    ("story", "hint"),
    [
        (
            'Lexa looked at her. "Heda," she said.\n\nThe gonakru waited.\n',
            "gloss: the stories show 2 words of the Trigedasleng lexicon, too few to use it "
            "unasked; if they are Trigedasleng, run again with --lexicon trigedasleng\n",
        ),
        ("Mira looked at her. The halvetri waited by the well.\n", None),  # no word of it
    ],
)
def test_a_lexicon_too_little_seen_is_named_once(
    tmp_path: Path, story: str, hint: str | None
) -> None:
    (tmp_path / "s.txt").write_text(story)
    result = runner.invoke(
        app, ["extract", str(tmp_path / "s.txt"), "-g", str(tmp_path / "g.yaml")]
    )
    assert result.exit_code == 0
    assert (hint in result.stderr) if hint else ("--lexicon" not in result.stderr)
