"""`gloss annotate` end to end: exact texts on stdout and stderr, exit codes, -o."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app
from annotate.commands.annotate import _colour

GLOSSARY = """\
terms:
  - term: Heda
    translations: [Commander]
  - term: Yu gonplei ste odon
    translations: [Your fight is over]
  - term: Lexa
    kind: name
"""
STORY = 'Heda. "Yu gonplei\nste odon," Lexa said. HEDDAA!\n'


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    (tmp_path / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "a.txt").write_text(STORY, encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["annotate", *args])
    return result.exit_code, result.stdout, result.stderr


def test_inline_is_the_default_and_stories_the_default_folder(folder: Path) -> None:
    # A repeat a few words on is left as it is: the reader has just read its gloss.
    assert run() == (
        0,
        'Heda [Commander]. "Yu gonplei\nste odon [Your fight is over]," Lexa said. HEDDAA!\n',
        "",
    )


def test_every_glosses_each_repeat(folder: Path) -> None:
    code, out, _ = run("--every")
    assert (code, out.count("[Commander]")) == (0, 2)


def test_first_and_every_together_are_a_usage_error(folder: Path) -> None:
    code, _, err = run("--first", "--every")
    assert code == 2 and "choose one" in err


def test_first_glosses_each_term_once(folder: Path) -> None:
    code, out, _ = run("--first")
    assert (code, out.count("[Commander]")) == (0, 1)


def test_json_spans_per_story(folder: Path) -> None:
    code, out, _ = run("--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {
            "story": "stories/a.txt",
            "spans": [
                {
                    "term": "Heda",
                    "text": "Heda",
                    "start": 0,
                    "end": 4,
                    "line": 1,
                    "translations": ["Commander"],
                    "kind": "word",
                    "status": "candidate",
                    "shown": "gloss",
                },
                {
                    "term": "Yu gonplei ste odon",
                    "text": "Yu gonplei\nste odon",
                    "start": 7,
                    "end": 26,
                    "line": 1,
                    "translations": ["Your fight is over"],
                    "kind": "word",
                    "status": "candidate",
                    "shown": "gloss",
                },
                {
                    "term": "Heda",
                    "text": "HEDDAA",
                    "start": 40,
                    "end": 46,
                    "line": 2,
                    "translations": ["Commander"],
                    "kind": "word",
                    "status": "candidate",
                    "shown": "repeat",
                },
            ],
        }
    ]


def test_several_stories_have_headings(folder: Path) -> None:
    (folder / "stories" / "b.txt").write_text("heda\n", encoding="utf-8")
    code, out, _ = run("stories/b.txt", "stories/b.txt")
    assert (code, out) == (
        0,
        "==> stories/b.txt <==\nheda [Commander]\n\n==> stories/b.txt <==\nheda [Commander]\n",
    )


def test_a_bad_story_is_one_line_and_the_others_are_still_printed(folder: Path) -> None:
    (folder / "stories" / "bad.epub").write_bytes(b"PK\x00 not a zip")
    (folder / "stories" / "notes.pdf").write_bytes(b"%PDF")
    code, out, err = run("stories", "missing.txt")
    assert code == 1
    assert (
        out == 'Heda [Commander]. "Yu gonplei\nste odon [Your fight is over]," Lexa said. HEDDAA!\n'
    )
    assert err.splitlines() == [
        "stories/bad.epub: not an EPUB (not a zip archive)",
        "stories/notes.pdf: skipped (not a story format)",
        "missing.txt: no such file or folder",
    ]


@pytest.mark.parametrize("fmt", ["json", "inline", "footnotes", "interlinear", "markdown", "html"])
def test_any_number_of_jobs_gives_the_same_output(folder: Path, fmt: str) -> None:
    for n in range(8):  # enough stories for a pool
        (folder / "stories" / f"s{n}.txt").write_text(STORY * (n + 1), encoding="utf-8")
    (folder / "stories" / "bad.epub").write_bytes(b"PK\x00 not a zip")
    one, two = run("--format", fmt, "-j", "1"), run("--format", fmt, "-j", "2")
    assert one == two
    assert one[0] == 1 and "HEDDAA" in one[1]
    assert one[2] == "stories/bad.epub: not an EPUB (not a zip archive)\n"


@pytest.mark.parametrize(
    ("glossary", "expected"),
    [
        ("missing.yaml", "missing.yaml: no such file\n"),
        (
            "bad.yaml",
            "bad.yaml:3:2: syntax error: expected <block end>, but found"
            " '<block sequence start>' (while parsing a block mapping)\n",
        ),
        (
            "invalid.yaml",
            "invalid.yaml:2:5: unknown key `translaton` (did you mean `translations`?)\n",
        ),
    ],
)
def test_a_glossary_that_cannot_be_read_is_reported(
    folder: Path, glossary: str, expected: str
) -> None:
    (folder / "bad.yaml").write_text("terms:\n  - term: a\n - term: b\n", encoding="utf-8")
    (folder / "invalid.yaml").write_text("terms:\n  - translaton: x\n    term: a\n")
    code, out, err = run("-g", glossary)
    assert (code, out) == (1, "")
    assert err == expected


def test_an_unknown_format_is_a_usage_error(folder: Path) -> None:
    code, _, err = run("--format", "pdf")
    assert code == 2
    assert err.endswith(
        "Error: Invalid value for '--format' / '-f': Value error, 'pdf' is not one of 'inline',"
        " 'footnotes', 'interlinear', 'markdown', 'html', 'json', 'ao3',"
        " 'epub'.\n"
    )


def test_no_story_found(folder: Path) -> None:
    (folder / "empty").mkdir()
    assert run("empty") == (1, "", "gloss: no stories found\n")


@pytest.mark.parametrize("fmt", ["json", "inline", "footnotes", "interlinear", "markdown", "html"])
def test_output_file_is_what_stdout_would_be(folder: Path, fmt: str) -> None:
    (folder / "stories" / "b.txt").write_text("Heda\n", encoding="utf-8")
    code, out, err = run("-f", fmt, "-o", "out.txt")
    assert (code, out, err) == (0, "", "")
    assert (folder / "out.txt").read_text(encoding="utf-8") == run("-f", fmt)[1]
    assert not list(folder.glob(".out.txt.*"))  # no temp file left behind


@pytest.mark.parametrize("fmt", ["json", "inline", "footnotes", "interlinear", "markdown", "html"])
def test_each_file_in_an_output_folder_is_its_story_alone(folder: Path, fmt: str) -> None:
    (folder / "stories" / "b.txt").write_text("Heda\n", encoding="utf-8")
    assert run("-f", fmt, "-o", "out/")[0] == 0
    for story in ("a", "b"):
        written = next((folder / "out").glob(f"{story}.*")).read_text(encoding="utf-8")
        assert written == run(f"stories/{story}.txt", "-f", fmt)[1]


def test_no_output_file_when_no_story_could_be_read(folder: Path) -> None:
    (folder / "bad.epub").write_bytes(b"PK\x00 not a zip")
    assert run("bad.epub", "-f", "json", "-o", "out.json")[0] == 1
    assert not (folder / "out.json").exists()


def test_output_folder_gets_one_file_per_story(folder: Path) -> None:
    (folder / "stories" / "sub").mkdir()
    (folder / "stories" / "sub" / "a.txt").write_text("Heda\n", encoding="utf-8")
    code, _, _ = run("stories", "-f", "html", "-o", "pages/")
    assert code == 0
    assert sorted(p.name for p in (folder / "pages").iterdir()) == ["a-2.html", "a.html"]
    page = (folder / "pages" / "a-2.html").read_text(encoding="utf-8")
    assert "<title>a</title>" in page and "<nav" not in page


def test_several_stories_in_one_page_have_contents(folder: Path) -> None:
    (folder / "stories" / "b.txt").write_text("Heda\n", encoding="utf-8")
    assert run("-f", "html", "-o", "all.html")[0] == 0
    page = (folder / "all.html").read_text(encoding="utf-8")
    assert '<li><a href="#s1">a</a></li>\n<li><a href="#s2">b</a></li>' in page


def test_output_into_the_stories_folder_never_overwrites_a_story(folder: Path) -> None:
    (folder / "stories" / "b.md").write_text("Heda\n", encoding="utf-8")
    (folder / "stories" / "b.txt").write_text("Heda\n", encoding="utf-8")
    assert run("stories", "-o", "stories/")[0] == 0
    assert (folder / "stories" / "a.txt").read_text(encoding="utf-8") == STORY
    assert (folder / "stories" / "b.txt").read_text(encoding="utf-8") == "Heda\n"
    glossed = {p.name: p.read_text(encoding="utf-8") for p in (folder / "stories").iterdir()}
    assert glossed["a-2.txt"].startswith("Heda [Commander].")
    assert glossed["b-2.txt"] == glossed["b-3.txt"] == "Heda [Commander]\n"


def test_an_output_file_that_cannot_be_written_fails_before_any_story_is_read(
    folder: Path,
) -> None:
    (folder / "stories" / "bad.epub").write_bytes(b"PK\x00 not a zip")
    code, out, err = run("stories", "-o", "stories/a.txt/out.txt")
    assert (code, out) == (1, "")
    assert err.startswith("stories/a.txt/out.txt: cannot write: ")
    assert "bad.epub" not in err  # no story was read


def test_the_collector_is_as_it_was_after_a_run_in_process(folder: Path) -> None:
    # annotate settles the collector for its run (annotate.heap); a caller keeps its own
    before = gc.get_threshold(), gc.get_freeze_count()
    assert run("-j", "1")[0] == 0
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_output_to_a_folder_that_cannot_be_made(folder: Path) -> None:
    (folder / "file").write_text("x")
    code, _, err = run("-o", "file/sub/")
    assert code == 1
    assert err.startswith("file/sub: cannot make the folder: ")


@pytest.mark.parametrize(
    ("chosen", "terminal", "env", "expected"),
    [
        (None, True, {}, True),
        (None, False, {}, False),
        (None, True, {"NO_COLOR": "1"}, False),
        (None, True, {"NO_COLOR": ""}, True),  # https://no-color.org: only a non-empty value
        (None, True, {"TERM": "dumb"}, False),
        (True, False, {"NO_COLOR": "1"}, True),
        (False, True, {}, False),
    ],
)
def test_colour(
    monkeypatch: pytest.MonkeyPatch,
    chosen: bool | None,
    terminal: bool,
    env: dict[str, str],
    expected: bool,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _colour(chosen, terminal) is expected


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(app, ["annotate", "--help"])
    assert result.exit_code == 0
    assert "Example: gloss annotate" in result.stdout


def test_a_parallel_run_ends_cleanly(folder: Path) -> None:
    """The pool is closed when the last story is out: no noise from it at exit."""
    for n in range(6):
        (folder / "stories" / f"s{n}.txt").write_text(STORY, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "from annotate.cli import main; main()", "annotate", "-j", "2"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.count("==> stories/") == 7


@pytest.mark.parametrize(
    ("story", "encoding", "expected"),
    [
        ("Heda \u2014 \x1b[31mred\x1b[0m.", "utf-8", "Heda [Commander] \u2014 red.\n"),
        # written as UTF-8 all the same
        ("Heda \u2014 \x1b[31mred\x1b[0m.", "ascii", "Heda [Commander] \u2014 red.\n"),
        ("Heda \u2014 red.", "utf-8", "Heda [Commander] \u2014 red.\n"),  # nothing to strip
        ("Heda \u2014 red.", "ascii", "Heda [Commander] \u2014 red.\n"),
    ],
)
def test_piped_output_has_no_control_sequences_of_the_story(
    folder: Path, story: str, encoding: str, expected: str
) -> None:
    """A story's own terminal escapes never reach a pipe (nor a file), whatever its encoding."""
    (folder / "stories" / "a.txt").write_text(story + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "from annotate.cli import main; main()", "annotate"],
        cwd=folder,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.decode("utf-8") == expected
