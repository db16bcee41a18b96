"""`writing.Glossing`: the stories `batch.annotated` gives back, written out, and what is said
of those that could not be read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from annotate.batch import Layout, Outcome, annotated
from annotate.readers import Skipped
from annotate.render.formats import Format
from annotate.render.model import Options
from annotate.spotting import Spotter
from annotate.writing import Glossing, is_folder
from glossary.models import Entry, Glossary

SPOTTER = Spotter(Glossary(terms=[Entry(term="veshka", translations=["the long walk"])]))


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    good = tmp_path / "a.txt"
    good.write_text("Mira said veshka.\n", encoding="utf-8")
    empty = tmp_path / "b.txt"
    empty.write_text("  \n", encoding="utf-8")
    return [good, empty]


def test_messages_go_to_the_warn_given_and_the_rest_is_written(files: list[Path]) -> None:
    said: list[str] = []

    def warn(lines: Iterable[str]) -> None:
        said.extend(lines)

    skipped = Skipped(files[0].with_suffix(".doc"), "not a story format")
    run = Glossing([files[0], skipped, files[1]], Format.json, Options(), warn=warn)
    pieces = "".join(run.pieces(annotated(files, SPOTTER, Layout(Format.json), jobs=1)))
    assert '"text": "veshka"' in pieces
    assert said == [f"{skipped.path}: skipped (not a story format)", f"{files[1]}: empty file"]
    assert (run.count, run.failed) == (1, True)


def test_progress_is_told_each_story_read(files: list[Path]) -> None:
    told: list[tuple[int, int]] = []
    run = Glossing(
        list(files), Format.json, Options(), progress=lambda n, of, _: told.append((n, of))
    )
    list(run.pieces(annotated(files, SPOTTER, Layout(Format.json), jobs=1)))
    assert told == [(1, 2), (2, 2)]


@pytest.mark.parametrize(
    ("output", "folder"),
    [("out/", True), ("out.json", False), (".", True)],
)
def test_is_folder(output: str, folder: bool) -> None:
    assert is_folder(output) == folder


def test_the_command_asks_for_outcomes_to_the_end(files: list[Path]) -> None:
    # so that the workers end as after any run, never stopped half-way (a race at exit)
    ended = []

    def outcomes() -> Iterator[Outcome]:
        yield from annotated(files[:1], SPOTTER, Layout(Format.json), jobs=1)
        ended.append(True)

    run = Glossing(list(files[:1]), Format.json, Options())
    assert [item.path for item in run.each(outcomes())] == [str(files[0])]  # type: ignore[union-attr]
    assert ended == [True]
