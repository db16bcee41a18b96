"""Two `gloss extract` runs into one glossary take turns (real processes): neither loses the
other's work; a run waits with a message on a terminal, and gives up after `--wait`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from glossary.store.files import lock_path

# Two story sets with words of their own: `zorvak (stone)` and the like, no lexicon needed.
WORDS = {
    "a": [
        "zorvak",
        "tilmeth",
        "quorash",
        "brundil",
        "velkarn",
        "sopheth",
        "drakmul",
        "yontari",
        "feshkol",
        "gimbrath",
    ],
    "b": [
        "nurvask",
        "olthemi",
        "prasquin",
        "rilmodh",
        "sarvetch",
        "thonkel",
        "umbrisk",
        "wexholt",
        "yarrumi",
        "zelphod",
    ],
}


def _stories(folder: Path, words: list[str], copies: int) -> None:
    folder.mkdir(parents=True)
    lines = "".join(f"The {w} (thing {i}) waited by the gate.\n\n" for i, w in enumerate(words))
    for i in range(copies):  # enough work that two unlocked runs would overlap
        (folder / f"s{i:03}.txt").write_text("Octavia said nothing.\n\n" + lines * 5)


def _gloss(cwd: Path, *args: str, stderr: int = subprocess.PIPE) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from annotate.cli import main; main()", *args],
        cwd=cwd,
        text=True,
        stdout=subprocess.PIPE,
        stderr=stderr,
    )


def test_two_runs_at_once_keep_both_runs_work(tmp_path: Path) -> None:
    for name, words in WORDS.items():
        _stories(tmp_path / name, words, 60)
    (tmp_path / "glossary.yaml").write_text("terms:\n  - term: heda  # mine\n")
    # held here while both start, so that both are surely running when it is let go
    with FileLock(lock_path(tmp_path / "glossary.yaml")):
        runs = [_gloss(tmp_path, "extract", name, "--lexicon", "none", "-j", "1") for name in WORDS]
        time.sleep(1.0)
        assert all(run.poll() is None for run in runs), "a run did not wait for the lock"
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        assert "added 10, updated 0" in err
    text = (tmp_path / "glossary.yaml").read_text()
    assert text.startswith("terms:\n  - term: heda  # mine\n")
    for words in WORDS.values():
        for word in words:
            assert f"  - term: {word}\n" in text


def test_a_run_gives_up_after_its_wait_and_leaves_the_glossary(tmp_path: Path) -> None:
    _stories(tmp_path / "a", WORDS["a"], 1)
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text("terms: []\n")
    with FileLock(lock_path(glossary)):
        started = time.monotonic()
        run = _gloss(tmp_path, "extract", "a", "--lexicon", "none", "--wait", "0.5")
        out, err = run.communicate(timeout=60)
        took = time.monotonic() - started
    assert (run.returncode, out) == (1, "")
    assert err == (
        "glossary.yaml: another gloss is still writing it; gave up after 0.5 s "
        "(--wait SECONDS to wait longer)\n"
    )
    assert 0.5 <= took < 20
    assert glossary.read_text() == "terms: []\n"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_waiting_run_says_so_on_a_terminal(tmp_path: Path) -> None:
    _stories(tmp_path / "a", WORDS["a"], 1)
    glossary = tmp_path / "glossary.yaml"
    leader, follower = os.openpty()
    try:
        with FileLock(lock_path(glossary)):
            run = _gloss(tmp_path, "extract", "a", "--lexicon", "none", stderr=follower)
            said = b""
            deadline = time.monotonic() + 30
            while b"Ctrl-C to stop" not in said and time.monotonic() < deadline:
                said += os.read(leader, 1024)
        out, _ = run.communicate(timeout=60)
    finally:
        os.close(follower)
        os.close(leader)
    assert b"waiting for another gloss to finish with glossary.yaml (up to 600 s" in said
    assert run.returncode == 0
    assert "added zorvak" in out
    assert "term: zorvak" in glossary.read_text()


def test_a_dry_run_does_not_wait(tmp_path: Path) -> None:
    _stories(tmp_path / "a", WORDS["a"], 1)
    glossary = tmp_path / "glossary.yaml"
    with FileLock(lock_path(glossary)):
        run = _gloss(tmp_path, "extract", "a", "--lexicon", "none", "-n", "--wait", "0")
        _, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert "would add 10" in err
    assert not glossary.exists()
