"""The progress bar: drawn in place on a terminal, never on a pipe."""

from __future__ import annotations

import io

import pytest

from annotate.commands import progress
from annotate.commands.progress import ProgressBar, progress_bar


def test_the_bar_shows_stories_and_speed_and_ends_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 1.0, 1.05, 2.0])
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    out = io.StringIO()
    bar = ProgressBar("reading stories", out)
    bar(1, 4, 2_000_000)
    bar(2, 4, 2_500_000)  # 0.05 s later: not redrawn
    bar(4, 4, 6_000_000)
    assert out.getvalue() == (
        "\rreading stories [######..................] 1/4 stories, 2.0 MB/s"
        "\rreading stories [########################] 4/4 stories, 3.0 MB/s\n"
    )


def test_no_bar_when_stderr_is_not_a_terminal() -> None:
    assert progress_bar("reading stories") is None  # pytest captures stderr
