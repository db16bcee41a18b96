"""Plain text: encodings of old downloads, CRLF, `_x_`/`*x*` italics, paragraphs and lines."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from annotate.readers import read_story
from annotate.readers.decoding import decode_markup, decode_text
from annotate.readers.text import parse_text
from glossary.errors import GlossError

ROOT = Path(__file__).parents[3]
STORIES = ROOT / "tests" / "data" / "stories"
SAMPLE = "“Beja,” Lexa said — café.\n"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (SAMPLE.encode("utf-8"), SAMPLE),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), SAMPLE),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), SAMPLE),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), SAMPLE),
        (SAMPLE.encode("cp1252"), SAMPLE),
        (b"caf\xe9 \x81 odd", "café \x81 odd"),  # a byte cp1252 lacks: latin-1
        (b"a\r\nb\rc\n", "a\nb\nc\n"),
        (b"\xff\xfe", ""),  # a BOM alone
    ],
)
def test_decoding(raw: bytes, text: str) -> None:
    assert decode_text(raw, "x") == text


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "x: empty file"),
        (b" \n\t\r\n", "x: empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x: binary file, not a story"),
        (codecs.BOM_UTF16_LE + b"a\x00\x00\x00", "x: binary file, not a story"),
    ],
)
def test_bad_bytes(raw: bytes, message: str) -> None:
    with pytest.raises(GlossError, match=f"^{message}$"):
        decode_text(raw, "x")


@pytest.mark.parametrize(
    "head",
    ['<meta charset="koi8-r">', '<?xml version="1.0" encoding="KOI8-R"?>'],
)
def test_declared_charset_of_a_page_that_is_not_utf8(head: str) -> None:
    raw = f"{head}<p>Привет</p>".encode("koi8-r")
    assert "Привет" in decode_markup(raw, "x")[0]
    assert "Привет" not in decode_text(raw, "x")  # plain text: cp1252


def test_old_cp1252_download() -> None:
    story = read_story(STORIES / "old_download.txt")
    assert story.text == (
        "Downloaded from an old archive—2015.\n\n"
        "“Beja,” Lexa said. Beja means please.\nClarke café\u2019d on.\n\n"
        "Ai gonplei ste odon … she whispered."
    )
    assert [(story.text[s.start : s.end], story.line_of(s.start)) for s in story.italics] == [
        ("Beja", 3),
        ("Ai gonplei ste odon", 6),
    ]
    assert [story.line_of(p.start) for p in story.paragraphs] == [1, 3, 6]
    assert story.line_of(story.text.index("Clarke")) == 4


@pytest.mark.parametrize(
    ("source", "text", "italic"),
    [
        ("_Heda_ said", "Heda said", ["Heda"]),
        ("say *jus drein* now", "say jus drein now", ["jus drein"]),
        ("a *wrapped\nphrase* here", "a wrapped\nphrase here", ["wrapped\nphrase"]),
        ("snake_case_name and 2*3*4", "snake_case_name and 2*3*4", []),
        ("**bold** and __strong__", "**bold** and __strong__", []),
        ("* * *", "* * *", []),
        ("*Note: never closed", "*Note: never closed", []),
        ("* not * and _ not _", "* not * and _ not _", []),
        ("*one*\n\n*two*", "one\n\ntwo", ["one", "two"]),  # never across paragraphs
    ],
)
def test_italic_markers(source: str, text: str, italic: list[str]) -> None:
    story = parse_text(source, "x")
    assert story.text == text
    assert [story.text[s.start : s.end] for s in story.italics] == italic


@pytest.mark.parametrize("name", ["000_e9dc7f655c919a4e.txt", "002_8293946bfcb2c4ab.txt"])
def test_bundled_stories_keep_their_lines(name: str) -> None:
    path = ROOT / "stories" / name
    lines = path.read_text(encoding="utf-8").split("\n")
    story = read_story(path)
    for paragraph in story.paragraphs:
        first = story.text[paragraph.start : paragraph.end].split("\n")[0]
        assert lines[story.line_of(paragraph.start) - 1].startswith(first)


def test_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(GlossError, match=r"gone\.txt: no such file$"):
        read_story(tmp_path / "gone.txt")
    with pytest.raises(GlossError, match=r"dir\.txt: is a folder$"):
        read_story(tmp_path / "dir.txt")
