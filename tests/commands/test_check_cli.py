"""`gloss check`: every kind of problem, with its file, line, column and exact text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app

runner = CliRunner()

GOOD = """\
language: Trigedasleng
terms:
  - term: Heda
    translations: [Commander]
  - term: Wanheda
    variants: [Wanhedaa]
"""

CASES = [
    # (what, file text, the exact lines on stderr)
    (
        "syntax error on line 5",
        "language: Trig\nterms:\n  - term: Heda\n    kind: title\n  - term: [Skaikru\n",
        [
            "glossary.yaml:5:11: syntax error: expected ',' or ']', "
            "but got '<stream end>' (while parsing a flow sequence)"
        ],
    ),
    (
        "tab indentation on line 5",
        "language: Trig\nterms:\n  - term: Heda\n    kind: title\n\t- term: x\n",
        [
            "glossary.yaml:5:1: syntax error: found character '\\t' that cannot start any token "
            "(while scanning for the next token)"
        ],
    ),
    (
        "unknown key on line 6",
        "language: Trig\nterms:\n  - term: Heda\n    kind: title\n  - term: Skaikru\n"
        "    translaton: [Sky People]\n",
        ["glossary.yaml:6:5: unknown key `translaton` (did you mean `translations`?)"],
    ),
    (
        "wrong type",
        "terms:\n  - term: Heda\n    translations: Commander\n",
        ["glossary.yaml:3:19: `translations`: Input should be a valid list"],
    ),
    (
        "a number for a term",
        "terms:\n  - term: 12\n",
        ["glossary.yaml:2:11: `term`: Input should be a valid string"],
    ),
    (
        "empty term",
        "terms:\n  - term: ''\n  - term:\n",
        ["glossary.yaml:2:11: `term` is empty", "glossary.yaml:3:5: `term` is empty"],
    ),
    (
        "missing term",
        "terms:\n  - translations: [x]\n",
        ["glossary.yaml:2:5: `term` is required"],
    ),
    (
        "unknown kind",
        "terms:\n  - term: Heda\n    kind: titel\n",
        [
            "glossary.yaml:3:11: `kind`: Input should be 'word', 'phrase', 'name', 'title', "
            "'place', 'group' or 'other'"
        ],
    ),
    (
        "one spelling claimed by two entries",
        "terms:\n  - term: Heda\n  - term: Wanheda\n    variants: [HEDA]\n",
        ["glossary.yaml:4:16: `HEDA` is already a spelling of `Heda` (line 2)"],
    ),
    (
        "a duplicate key",
        "terms:\n  - term: Heda\n    term: Heda\n",
        [
            'glossary.yaml:3:5: syntax error: found duplicate key "term" with value "Heda" '
            '(original value: "Heda") (while constructing a mapping)'
        ],
    ),
    (
        "not a mapping",
        "- Heda\n",
        ["glossary.yaml:1:1: a glossary is a mapping with a `terms:` list"],
    ),
    (
        "not UTF-8",
        b"terms:\n  - term: caf\xe9\n",
        ["glossary.yaml:2:14: not UTF-8 text; save the file as UTF-8"],
    ),
]


@pytest.mark.parametrize(("what", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_check_reports_each_problem(
    in_tmp: Path, what: str, text: str | bytes, expected: list[str]
) -> None:
    path = in_tmp / "glossary.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, what
    assert result.stderr.splitlines()[: len(expected)] == expected
    assert "Traceback" not in result.output
    assert path.read_bytes() == before  # reported, never touched


def test_check_passes_a_good_file(in_tmp: Path) -> None:
    (in_tmp / "g.yaml").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["check", "-g", "g.yaml"])
    assert (result.exit_code, result.stderr) == (0, "g.yaml: ok\n")


def test_check_a_missing_file(in_tmp: Path) -> None:
    result = runner.invoke(app, ["check", "-g", "nope.yaml"])
    assert (result.exit_code, result.stderr) == (1, "nope.yaml: no such file\n")


def test_schema_is_json_schema_of_the_file(in_tmp: Path) -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    entry = schema["$defs"]["Entry"]
    assert entry["required"] == ["term"]
    assert entry["additionalProperties"] is False
    assert {"term", "translations", "variants", "kind", "status", "sources"} <= set(
        entry["properties"]
    )


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("gloss ")


@pytest.mark.parametrize("command", ["extract", "lookup", "annotate", "check", "schema"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout


def test_a_usage_error_exits_2() -> None:
    result = runner.invoke(app, ["check", "--no-such-option"])
    assert result.exit_code == 2
