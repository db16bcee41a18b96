"""Atomic writes: the file appears whole or not at all, and no temp file is left."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import pytest

from glossary.errors import GlossError
from glossary.store.files import atomic_write, replacing


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_pieces_are_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    with replacing(path) as target:
        target.write(b"one ")
        target.write(b"two")
    assert path.read_bytes() == b"one two"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("how", ["discarded", "failed"])
def test_the_old_file_stays_when_the_new_one_is_not_kept(tmp_path: Path, how: str) -> None:
    path = tmp_path / "out.txt"
    path.write_bytes(b"old")
    expected = pytest.raises(KeyboardInterrupt) if how == "failed" else nullcontext()
    with expected, replacing(path) as target:
        target.write(b"new")
        if how == "failed":
            raise KeyboardInterrupt
        target.keep = False
    assert path.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_the_temp_file_is_made_before_any_work(tmp_path: Path) -> None:
    worked = []
    failed = pytest.raises(GlossError, match=r"missing/out.txt: cannot write: ")
    with failed, replacing(tmp_path / "missing" / "out.txt"):
        worked.append(True)
    assert worked == []


def test_a_file_on_the_way_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("x")
    with pytest.raises(GlossError, match=r"story.txt/out.txt: cannot write: "):
        atomic_write(tmp_path / "story.txt" / "out.txt", b"x")
