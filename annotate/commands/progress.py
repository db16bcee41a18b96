"""A progress bar on stderr for long runs: on a terminal only, so pipes and logs stay clean."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24
EVERY = 0.1  # seconds between redraws


class ProgressBar:
    """`label [#####.......] 12/66 stories, 3.1 MB/s`, redrawn in place."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.started = time.monotonic()
        self.drawn = 0.0

    def __call__(self, done: int, total: int, done_bytes: int) -> None:
        now = time.monotonic()
        if done < total and now - self.drawn < EVERY:
            return
        self.drawn = now
        filled = WIDTH * done // max(total, 1)
        rate = done_bytes / 1e6 / max(now - self.started, 1e-6)
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] "
            f"{done}/{total} stories, {rate:.1f} MB/s"
        )
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def progress_bar(label: str) -> ProgressBar | None:
    """A bar on stderr when it is a terminal; None (silence) when piped or redirected."""
    return ProgressBar(label, sys.stderr) if sys.stderr.isatty() else None
