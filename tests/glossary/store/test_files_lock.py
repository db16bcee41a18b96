"""The glossary's lock and file identity: what `extract` and `-o` rely on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossary.errors import GlossError
from glossary.store.files import lock_path, locked, same_file


def test_the_lock_file_is_hidden_beside_the_glossary() -> None:
    assert lock_path(Path("work/glossary.yaml")) == Path("work/.glossary.yaml.lock")


def test_a_lock_in_a_folder_that_is_not_there_makes_no_folder(tmp_path: Path) -> None:
    with pytest.raises(GlossError) as caught, locked(tmp_path / "nope" / "g.yaml", 1):
        pass
    assert caught.value.message == f"{tmp_path}/nope/g.yaml: cannot write: no such folder"
    assert not (tmp_path / "nope").exists()


def test_the_lock_is_let_go(tmp_path: Path) -> None:
    called: list[str] = []
    for _ in range(2):  # taken twice in a row: the second finds it free, no wait
        with locked(tmp_path / "g.yaml", 0, lambda: called.append("waited")):
            pass
    assert called == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("x.txt", "x.txt", True),
        ("x.txt", "./x.txt", True),
        ("x.txt", "{tmp}/x.txt", True),
        ("x.txt", "sub/../x.txt", True),
        ("x.txt", "hard.txt", True),  # a hard link
        ("x.txt", "link.txt", True),  # a symbolic link
        ("x.txt", "y.txt", False),  # the same bytes, another file
        ("x.txt", "missing.txt", False),
    ],
)
def test_same_file_is_identity_not_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, a: str, b: str, same: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.txt").write_text("a story")
    Path("y.txt").write_text("a story")
    Path("sub").mkdir()
    os.link("x.txt", "hard.txt")
    os.symlink("x.txt", "link.txt")
    assert same_file(Path(a), Path(b.replace("{tmp}", str(tmp_path)))) is same
