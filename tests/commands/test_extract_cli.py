"""`gloss extract` end to end: files and folders, bad input, dry runs, the glossary's safety."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from pytest import MonkeyPatch
from typer.testing import CliRunner

from annotate.cli import app
from glossary.findings import Finding
from tests.conftest import REPO

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


def test_an_unknown_lexicon_is_a_usage_error_that_lists_the_names(in_tmp: Path) -> None:
    story = write_story(in_tmp)
    result = runner.invoke(app, ["extract", str(story), "--lexicon", "klingon"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--lexicon' / '-l': unknown lexicon 'klingon'; "
        "choose auto, none, trigedasleng, or a path to a glossary file"
    )
    assert not (in_tmp / "glossary.yaml").exists()


def test_ctrl_c_leaves_the_glossary_as_it_was(in_tmp: Path, monkeypatch: MonkeyPatch) -> None:
    for i in range(5):
        write_story(in_tmp / "stories", f"s{i}.txt")
    (in_tmp / "glossary.yaml").write_text("terms:\n  - term: heda  # mine\n")
    from annotate.extract import run

    real = run._one
    calls: list[str] = []

    def interrupted(job: tuple[str, str | None]) -> tuple[list[Finding], str | None]:
        calls.append(job[0])
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(job)

    monkeypatch.setattr(run, "_one", interrupted)
    result = runner.invoke(app, ["extract", "-j", "1"])
    assert (result.exit_code, result.stderr) == (130, "\ninterrupted: glossary.yaml is as it was\n")
    assert (in_tmp / "glossary.yaml").read_text() == "terms:\n  - term: heda  # mine\n"
    assert sorted(p.name for p in in_tmp.iterdir()) == [
        ".glossary.yaml.lock",
        "glossary.yaml",
        "stories",
    ]


def test_a_real_interrupt_of_a_parallel_run(tmp_path: Path) -> None:
    """SIGINT to a `gloss extract -j 2` in the middle of a long run: exit 130, the glossary
    byte for byte as it was, no temporary file left, no traceback."""
    for i in range(1800):  # about 6 s of work here: the interrupt at 2 s lands mid-run
        write_story(tmp_path / "stories", f"s{i:03}.txt", STORY * 40)
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text("terms:\n  - term: heda  # mine\n")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from annotate.cli import main; main()",
            "extract",
            "stories",
            "-j",
            "2",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.0)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted: glossary.yaml is as it was" in err
    assert "Traceback" not in err
    assert glossary.read_text() == "terms:\n  - term: heda  # mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".glossary.yaml.lock",
        "glossary.yaml",
        "stories",
    ]


def test_one_job_and_two_give_the_same_glossary(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    for i, name in enumerate(sorted((REPO / "tests/data/extract").glob("0*.*"))):
        (stories / f"{i}").mkdir(parents=True)
        (stories / f"{i}" / name.name).write_bytes(name.read_bytes())
    for jobs in ("1", "2"):
        result = runner.invoke(
            app, ["extract", str(stories), "-g", f"{tmp_path}/{jobs}.yaml", "-j", jobs]
        )
        assert result.exit_code == 0, result.output
    assert (tmp_path / "1.yaml").read_bytes() == (tmp_path / "2.yaml").read_bytes()
