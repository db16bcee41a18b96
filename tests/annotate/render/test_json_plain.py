"""`json` of a plain-text story read in stretches: the same object as from the whole Story."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from annotate.cli import app
from annotate.readers import read_story
from annotate.readers.text import paragraphs
from annotate.render import json_plain, json_spans
from annotate.render.choice import is_scene_break
from annotate.render.json_plain import Assembly, Plain, Stretch, stretches
from annotate.render.model import Glossed, Options
from annotate.spotting import Spotter
from glossary.models import Entry, Glossary

SPOTTER = Spotter(
    Glossary(
        terms=[
            Entry(term="veshka", translations=["the long walk"]),
            Entry(term="Vash tem orru", translations=["the sand keeps"]),
            Entry(term="orru", translations=["sand"]),
            Entry(term="kelvesh"),  # no translation yet
            Entry(term="Tamu", kind="name"),
        ]
    )
)
PARAGRAPH = "Tamu said veshka, the long walk, and went on."
# (name, the file's text): stretches of 64 bytes fall in every place of these
STORIES = [
    ("plain", "\n\n".join([PARAGRAPH] * 6)),
    ("a phrase over a line break", "They sang Vash\ntem orru at dusk.\n\n" * 5),
    ("translated in the next paragraph", f"{'x ' * 25}veshka\n\nthe long walk\n\nveshka\n"),
    ("scene breaks", f"{PARAGRAPH}\n\n* * *\n\n{PARAGRAPH}\n\nXXX\n\nveshka orru"),
    ("italics", f"_veshka_ said *Vash tem orru* there.\n\n{PARAGRAPH}\n\n" * 3),
    ("ragged whitespace", f"  {PARAGRAPH}  \n\n\n \n\t{PARAGRAPH}\n \n{PARAGRAPH}\n\n\n"),
    ("untranslated and a name", "kelvesh Tamu kelvesh\n\n" * 8),
    ("long gap", f"veshka {'word ' * 1100}\n\nveshka\n\n{'w ' * 3000}veshka"),
]


def _whole(path: Path, every: bool) -> str:
    story = read_story(path)
    return json_spans.one(Glossed(story, SPOTTER.spot(story)), Options(every=every))


def _in_stretches(path: Path, size: int, every: bool) -> str | None:
    plain, assembly = Plain(SPOTTER, every), Assembly(SPOTTER.glossary.terms)
    pieces = stretches(path, size)
    assert pieces is not None
    for piece in pieces:
        found = plain.spotted(piece)
        if found is None:
            return None
        assembly.add(found)
    return assembly.story(str(path))


@pytest.mark.parametrize(("name", "text"), STORIES, ids=[name for name, _ in STORIES])
@pytest.mark.parametrize("size", [16, 64, 1 << 20])
@pytest.mark.parametrize("every", [False, True])
def test_stretches_give_the_story_object(
    tmp_path: Path, name: str, text: str, size: int, every: bool
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    assert _in_stretches(path, size, every) == _whole(path, every)


@pytest.mark.parametrize(
    ("text", "cuts"),
    [
        ("a\n\nb\n\nc", [(0, 6), (6, 7)]),  # at the first blank line 2 bytes on
        ("ab\ncd\n\n\nef", [(0, 7), (7, 10)]),
        ("abcdef", [(0, 6)]),
        ("", []),
    ],
)
def test_stretches_are_cut_after_blank_lines(
    tmp_path: Path, text: str, cuts: list[tuple[int, int]]
) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(text.encode())
    assert stretches(path, 2) == [Stretch(str(path), *cut) for cut in cuts]


def test_a_file_with_a_byte_order_mark_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"veshka")
    assert stretches(path, 2) is None


@pytest.mark.parametrize(
    "raw",
    [
        b"veshka\n\ncaf\xe9 orru",  # cp1252
        b"veshka\r\n\r\norru",  # Windows line ends
    ],
)
def test_a_stretch_the_reader_reads_otherwise_is_read_whole(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(raw)
    assert _in_stretches(path, 4, False) is None
    assert json_plain.rendered(Plain(SPOTTER), path) is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ab", "* * *", "XXX", "\n", "\n\n", " ", "_x_", "*", "\t", "~", "\u2003"]),
        max_size=12,
    ),
    st.integers(1, 5),
)
def test_a_stretch_as_it_stands_is_read_as_the_reader_reads_it(
    pieces: list[str], line: int
) -> None:
    text = "".join(pieces).rstrip("\n")
    layout = json_plain._Layout.of(text.encode(), text, line)
    found = paragraphs(text, line)
    assert layout.text == found.text
    spans = list(zip(found.starts, found.ends, strict=True))
    assert layout.breaks() == [e for s, e in spans if is_scene_break(found.text[s:e])]
    owned = [(k, o) for k, (s, e) in enumerate(spans) for o in range(s, e)]
    assert layout.lines([o for _, o in owned]) == [found.line_of(k, o) for k, o in owned]


def test_a_long_story_over_every_process_is_the_same_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(json_plain, "STRETCH", 64)  # forked workers see it too
    (tmp_path / "glossary.yaml").write_text(
        "terms:\n  - term: veshka\n    translations: [the long walk]\n", encoding="utf-8"
    )
    text = "\n\n".join(STORIES[3][1] for _ in range(20))
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "e.txt").write_bytes(text.encode("cp1252"))
    files = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]
    one = CliRunner().invoke(app, ["annotate", "a.txt", "--format", "json", "-j", "1"])
    many = CliRunner().invoke(app, ["annotate", *files, "--format", "json", "-j", "2"])
    assert one.exit_code == many.exit_code == 0
    body = one.stdout.removeprefix("[\n").removesuffix("\n]\n")
    assert (
        many.stdout
        == "[\n" + ",\n".join(body.replace('"a.txt"', f'"{name}"') for name in files) + "\n]\n"
    )
