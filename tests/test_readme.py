"""The README's quick start is what CI runs: exactly two commands, read from the README."""

from __future__ import annotations

import re

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CI = (REPO / ".ci" / "run").read_text(encoding="utf-8")


def _block_after(marker: str) -> list[str]:
    m = re.search(rf"<!-- quickstart:{marker} -->\n```\w*\n(.*?)```", README, re.DOTALL)
    assert m, f"no quick start block after <!-- quickstart:{marker} -->"
    return [line for line in m.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_one_line_commands() -> None:
    run, test = _block_after("run"), _block_after("test")
    assert len(run) == 1 and len(test) == 1
    assert "gloss extract" in run[0] and "gloss annotate" in run[0]
    assert "pytest" in test[0] and ".[test]" in test[0]


def test_ci_runs_the_readme_commands_not_a_copy() -> None:
    assert "readme_command run" in CI and "readme_command test" in CI
    assert "-m pytest" not in CI  # the test command comes only from the README
