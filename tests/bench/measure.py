"""Timing and peak memory of commands, each run in a fresh process.

A command's peak is its `ru_maxrss` from `os.wait4`, taken by a small launcher (launch.py, see
there why): the largest resident set of the process or of any child it waited for (the largest
one process, not their sum), so peaks of different commands never mix. Times are wall-clock,
taken around the command alone; a figure is the median of its runs. A figure whose runs have
taken more than the time budget (`BUDGET.seconds`) stops early: slow figures get fewer runs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tests.bench.sources import REPO

LAUNCHER = Path(__file__).with_name("launch.py")


@dataclass
class Budget:
    seconds: float = 300.0  # no further run of a figure once its runs took this long

    def spent(self, seconds: list[float]) -> bool:
        return sum(seconds) >= self.seconds


BUDGET = Budget()


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: bytes  # only when asked for
    stderr: str  # the end of it
    cpu_seconds: float = 0.0  # user and system time


@dataclass
class Timing:
    """The runs of one command: median seconds, highest peak, and what went wrong."""

    runs: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # CPU seconds of each run
    error: str | None = None
    warnings: str | None = None  # stderr of a run that succeeded with exit 1 (some input bad)
    last: Sample | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def peak_mb(self) -> float:
        return max(self.peaks) if self.peaks else 0.0

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def add(self, other: Timing) -> None:
        """`other`'s runs after these (runs of one command measured in turns with another)."""
        self.runs += other.runs
        self.peaks += other.peaks
        self.cpu += other.cpu
        self.error = self.error or other.error
        self.warnings = self.warnings or other.warnings
        self.last = other.last or self.last


def run_once(
    argv: Sequence[str],
    *,
    stdout: Path | None = None,
    capture: bool = False,
    cwd: Path = REPO,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
) -> Sample:
    """Run a command to its end: output to `stdout` (a file), captured, or to /dev/null."""
    with ExitStack() as stack:
        err = stack.enter_context(tempfile.TemporaryFile())
        target: IO[bytes] | int = subprocess.DEVNULL
        if stdout is not None:
            target = stack.enter_context(stdout.open("wb"))
        elif capture:
            target = stack.enter_context(tempfile.TemporaryFile())
        report = stack.enter_context(tempfile.NamedTemporaryFile("r", suffix=".launch"))
        done = subprocess.run(
            [sys.executable, "-S", str(LAUNCHER), report.name, *argv],
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            stdout=target,
            stderr=err,
            cwd=cwd,
            env={**os.environ, **env} if env else None,
            check=False,
        )
        captured = b""
        if capture and not isinstance(target, int):
            target.seek(0)
            captured = target.read()
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace")
        figures = report.read().split()
    if len(figures) != 3:  # the launcher itself failed: the command never ran
        return Sample(0.0, 0.0, done.returncode or 127, captured, tail)
    seconds, peak_kb, cpu = float(figures[0]), int(figures[1]), float(figures[2])
    return Sample(seconds, peak_kb / 1024, done.returncode, captured, tail, cpu)


def measure(
    argv: Sequence[str],
    runs: int,
    *,
    before: Callable[[], None] | None = None,
    warmup: bool = False,
    accept: tuple[int, ...] = (0,),
    stdout: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Timing:
    """Median of `runs` runs (after one untimed run with `warmup`); `before` runs before each.

    An exit code in `accept` other than 0 is kept as a warning (gloss exits 1 when a story could
    not be read but did the rest); any other stops the runs with an error.
    """
    timing = Timing()
    for number in range(runs + warmup):
        if before:
            before()
        sample = run_once(argv, stdout=stdout, env=env)
        if sample.returncode not in accept:
            timing.error = f"exit {sample.returncode}: {_last_lines(sample.stderr)}"
            return timing
        if sample.returncode != 0:
            timing.warnings = _last_lines(sample.stderr)
        if warmup and number == 0:
            continue
        timing.runs.append(sample.seconds)
        timing.peaks.append(sample.peak_mb)
        timing.cpu.append(sample.cpu_seconds)
        timing.last = sample
        if BUDGET.spent(timing.runs):
            break
    return timing


def _last_lines(text: str, lines: int = 3) -> str:
    return " | ".join(text.strip().splitlines()[-lines:]) or "(no message)"


# --- Python tasks (tests/bench/tasks.py), each run in its own process -----------------------


@dataclass
class TaskRuns:
    """What a task reported in each run (its own in-process timings), and its peaks."""

    results: list[dict[str, Any]] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.results)

    def median(self, key: str) -> float:
        return float(statistics.median(float(r[key]) for r in self.results))

    @property
    def peak_mb(self) -> float:
        return max(self.peaks) if self.peaks else 0.0


def task(
    name: str,
    args: Mapping[str, object],
    runs: int,
    *,
    warmup: bool = False,
    env: Mapping[str, str] | None = None,
) -> TaskRuns:
    """Run `python -m tests.bench.tasks NAME ARGS_JSON` `runs` times in fresh processes (after
    one untimed run with `warmup`)."""
    argv = [sys.executable, "-m", "tests.bench.tasks", name, json.dumps(args)]
    out = TaskRuns()
    spent: list[float] = []
    for number in range(runs + warmup):
        sample = run_once(argv, capture=True, env=env)
        spent.append(sample.seconds)
        if sample.returncode != 0:
            out.error = f"{name}: exit {sample.returncode}: {_last_lines(sample.stderr)}"
            return out
        result = json.loads(sample.stdout.decode("utf-8").strip().splitlines()[-1])
        if "skipped" in result:
            out.error = str(result["skipped"])
            return out
        if warmup and number == 0:
            continue
        out.results.append(result)
        out.peaks.append(sample.peak_mb)
        if BUDGET.spent(spent):
            break
    return out
