"""Ctrl-C pressed twice (or `timeout -s INT`, which signals the whole process group) during a
parallel `gloss extract`: the command ends promptly, exit 130, the glossary as it was, no
worker left behind, no traceback. Real processes, real signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")

STORY = (
    "The rain had not stopped for three days. Octavia said nothing for a long time.\n\n"
    'She bent down and whispered, "Hod yu op." Hold on.\n\n'
    "The gonakru (warriors) waited by the gate of Polis.\n"
) * 40
MINE = "terms:\n  - term: heda  # mine\n"


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many") / "stories"
    folder.mkdir()
    for i in range(1800):  # several seconds of work on two processes: the signals land mid-run
        (folder / f"s{i:04}.txt").write_text(STORY)
    return folder


def _alive(group: int) -> list[str]:
    """The processes of a group still running (zombies waiting for init are not)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(entry.name)
    return alive


@pytest.mark.parametrize(("after", "gap"), [(1.5, 0.01), (2.0, 0.03), (2.5, 0.05)])
def test_two_interrupts_to_the_group_end_the_run(
    tmp_path: Path, stories: Path, after: float, gap: float
) -> None:
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text(MINE)
    run = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from annotate.cli import main; main()",
            "extract",
            str(stories),
            "-j",
            "2",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, as a shell gives a job
    )
    try:
        time.sleep(after)
        assert run.poll() is None, "the run ended before it could be interrupted"
        os.killpg(run.pid, signal.SIGINT)
        time.sleep(gap)
        os.killpg(run.pid, signal.SIGINT)
        started = time.monotonic()
        _, err = run.communicate(timeout=15)
        took = time.monotonic() - started
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.communicate()
    assert run.returncode == 130, err
    assert took < 5, f"took {took:.1f} s to stop"
    assert "interrupted: glossary.yaml is as it was" in err
    assert "Traceback" not in err
    assert glossary.read_text() == MINE
    assert sorted(p.name for p in tmp_path.iterdir()) == [".glossary.yaml.lock", "glossary.yaml"]
    if Path("/proc/self/stat").exists():
        deadline = time.monotonic() + 5
        while _alive(run.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _alive(run.pid) == [], "a worker outlived the command"
