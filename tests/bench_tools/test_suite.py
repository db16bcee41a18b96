"""The suite skips cleanly without ../shared; commands are timed with their own peak."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.bench import suite
from tests.bench.measure import Timing, measure, run_once
from tests.bench.sections import _baseline_row


def test_skips_with_a_message_without_the_shared_data(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(suite, "community_sources", lambda: None)
    code = suite.main(["--workdir", str(tmp_path), "--json", str(tmp_path / "r.json")])
    assert code == 0
    assert capsys.readouterr().out.startswith("skipped: the community data is not at")
    assert not (tmp_path / "r.json").exists()


def test_an_unknown_section_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        suite.parse(["--only", "extract,speed"])
    assert stop.value.code == 2


def test_a_command_peak_is_its_own_not_the_launchers_parent() -> None:
    ballast = bytearray(300 * 2**20)  # this process is big; the child must not look as big
    ballast[:: 2**12] = b"x" * len(ballast[:: 2**12])
    small = run_once([sys.executable, "-c", "pass"])
    assert small.returncode == 0 and 0 < small.peak_mb < 100 and small.seconds < 5
    del ballast


def test_exit_codes_and_messages_are_kept() -> None:
    failed = measure([sys.executable, "-c", "import sys; sys.exit('bad input')"], 2)
    assert not failed.ok and failed.error == "exit 1: bad input"
    warned = measure([sys.executable, "-c", "import sys; sys.exit('one story')"], 2, accept=(0, 1))
    assert warned.ok and len(warned.runs) == 2 and warned.warnings == "one story"


def test_a_baseline_must_be_an_executable(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        suite.parse(["--baseline", str(tmp_path / "no-gloss")])
    assert stop.value.code == 2
    assert suite.parse(["--baseline", sys.executable]).baseline == Path(sys.executable)


def test_a_command_cpu_time_is_reported() -> None:
    busy = run_once([sys.executable, "-c", "sum(range(3_000_000))"])
    idle = run_once([sys.executable, "-c", "import time; time.sleep(0.3)"])
    assert busy.cpu_seconds > 0 and idle.seconds >= 0.3 and idle.cpu_seconds < idle.seconds


@pytest.mark.parametrize(
    ("ours", "theirs", "ratio", "passed"),
    [
        ([2.0, 2.2, 2.1], [2.0, 2.2, 2.1], 1.0, True),  # medians compared
        ([2.0, 9.0, 2.1], [2.0, 2.0, 2.1], 1.05, True),  # within the noise allowed
        ([3.0, 3.0, 3.0], [2.0, 2.0, 2.0], 1.5, False),
    ],
)
def test_the_baseline_row_compares_cpu_medians(
    ours: list[float], theirs: list[float], ratio: float, passed: bool
) -> None:
    row = _baseline_row(10, Path("old/gloss"), Timing(cpu=ours), Timing(runs=[1.0], cpu=theirs))
    assert row.ratio == pytest.approx(ratio) and row.passed is passed


def test_a_baseline_that_failed_is_said() -> None:
    row = _baseline_row(10, Path("old/gloss"), Timing(cpu=[1.0]), Timing(error="exit 2: no"))
    assert row.value is None and "baseline exit 2: no" in row.note
