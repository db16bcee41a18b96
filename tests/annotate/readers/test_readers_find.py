"""Finding and reading stories: every format by suffix, folders in order, one error per file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.readers import READERS, Skipped, find_stories, read_story
from glossary.errors import GlossError

STORIES = Path(__file__).parents[2] / "data" / "stories"


def test_every_fixture_reads() -> None:
    found = list(find_stories([STORIES]))
    assert all(not isinstance(f, Skipped) for f in found)
    names = [p.name for p in found if isinstance(p, Path)]
    assert names == sorted(names)
    assert {Path(n).suffix for n in names} == {".epub", ".html", ".md", ".txt"}
    for path in found:
        assert isinstance(path, Path)
        assert read_story(path).text


def test_folders_recursively_in_a_stable_order(tmp_path: Path) -> None:
    for name in ["b/2.txt", "a.md", "b/1.html", "c.pdf", ".hidden/x.txt", "b/.x.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text")
    found = [
        str(f.relative_to(tmp_path)) if isinstance(f, Path) else f for f in find_stories([tmp_path])
    ]
    assert found == [
        "a.md",
        "b/1.html",
        "b/2.txt",
        Skipped(tmp_path / "c.pdf", "not a story format"),
    ]
    assert str(found[-1]) == f"{tmp_path / 'c.pdf'}: skipped (not a story format)"
    # a file named on its own is passed on, so that reading it says what is wrong
    assert list(find_stories([tmp_path / "c.pdf"])) == [tmp_path / "c.pdf"]


def test_linked_folders_are_followed_once_and_a_loop_ends(tmp_path: Path) -> None:
    shelf = tmp_path / "elsewhere" / "shelf"
    shelf.mkdir(parents=True)
    (shelf / "s.txt").write_text("text")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "linked").symlink_to(shelf)
    (shelf / "loop").symlink_to(tmp_path / "archive")  # archive/linked/loop/linked/...
    found = [f.relative_to(tmp_path) for f in find_stories([tmp_path / "archive"])]
    assert [str(f) for f in found] == ["archive/linked/s.txt"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("story.pdf", b"%PDF", "not a story format gloss reads (.epub, .htm, .html, .markdown"),
        ("empty.html", b"", "empty file"),
        ("blank.md", b"\n\n   \n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary file, not a story"),
        ("image.html", b"GIF89a\x01\x00\x01\x00\x00\xff\x00", "binary file, not a story"),
        (
            "nothing.html",
            b"<html><head><title>t</title></head><body> </body></html>",
            "no story text found",
        ),
        ("comment.md", b"<!-- only a comment -->", "no story text found"),
    ],
)
def test_bad_files_are_one_line_naming_the_file(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(GlossError) as caught:
        read_story(path)
    assert caught.value.message.startswith(f"{path}: {message}")
    assert "\n" not in caught.value.message


def test_a_label_names_the_file_in_errors(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    with pytest.raises(GlossError, match=r"^stories/e\.txt: empty file$"):
        read_story(tmp_path / "e.txt", "stories/e.txt")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    suffix=st.sampled_from(sorted(READERS)),
    seed=st.sampled_from(sorted(p.name for p in STORIES.iterdir())),
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=4)), max_size=8),
    cut=st.integers(0, 10**6),
)
def test_damaged_files_give_a_story_or_a_gloss_error(
    tmp_path: Path, suffix: str, seed: str, edits: list[tuple[int, bytes]], cut: int
) -> None:
    data = bytearray((STORIES / seed).read_bytes())
    for at, new in edits:
        at %= len(data) + 1
        data[at : at + len(new)] = new
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(bytes(data[: max(cut, len(data) // 2)]))
    try:
        read_story(path)
    except GlossError as err:
        assert err.message.startswith(f"{path}: ")


def test_the_bundled_stories_folder_reads(tmp_path: Path) -> None:
    root = Path(__file__).parents[3] / "stories"
    shutil.copytree(root, tmp_path / "stories")
    stories = [read_story(p) for p in find_stories([tmp_path / "stories"]) if isinstance(p, Path)]
    assert len(stories) == 2
