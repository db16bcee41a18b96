"""EPUB: spine order, AO3 and FanFicFare notes kept apart, member lines, bombs and corruption."""

from __future__ import annotations

import pickle
import re
import zipfile
from pathlib import Path

import pytest

from annotate.readers import epub as epub_module
from annotate.readers import read_story
from annotate.readers.partly import PartlyRead
from annotate.story import Story
from glossary.errors import GlossError

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="{opf}" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def opf(title: str, items: list[tuple[str, str]], description: str = "", extra: str = "") -> str:
    manifest = "\n".join(
        f'    <item id="{i}" href="{href}" media-type="application/xhtml+xml"/>'
        for i, href in items
    )
    spine = "\n".join(f'    <itemref idref="{i}"/>' for i, _ in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>{title}</dc:title>
    <dc:description>{description}</dc:description>
{extra}
  </metadata>
  <manifest>
{manifest}
  </manifest>
  <spine>
{spine}
  </spine>
</package>
"""


def xhtml(body: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>x</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body>
{body}
</body>
</html>
"""


# FanFicFare: content.opf at the root, OEBPS/title_page.xhtml (metadata), OEBPS/file0001.xhtml...
FANFICFARE = {
    "META-INF/container.xml": CONTAINER.format(opf="content.opf"),
    "content.opf": opf(
        "Ai Laik Heda",
        [
            ("title_page", "OEBPS/title_page.xhtml"),
            ("file0002", "OEBPS/file0002.xhtml"),  # spine order, not name order
            ("file0001", "OEBPS/file0001.xhtml"),
        ],
        description="&lt;p&gt;Lexa learns &lt;i&gt;Gonasleng&lt;/i&gt;.&lt;/p&gt;",
        extra='    <dc:contributor role="bkp">FanFicFare [https://github.com/JimmXinu/FanFicFare]'
        "</dc:contributor>",
    ),
    "OEBPS/title_page.xhtml": xhtml("<h3>Ai Laik Heda by skaigirl</h3>\n<b>Summary:</b> x"),
    "OEBPS/file0001.xhtml": xhtml(
        """<h3 class="fff_chapter_title">Second</h3>
<p>Clarke said <i>Wanheda</i>.</p>"""
    ),
    "OEBPS/file0002.xhtml": xhtml(
        """<h3 class="fff_chapter_title">First</h3>
<div class="fff_chapter_notes fff_head_notes">
<p>Notes: <em>heda</em> = commander</p>
</div>
<p>Lexa spoke: <em>Ai laik Heda</em>.</p>
<p>Then silence.</p>
<div class="fff_chapter_notes fff_foot_notes"><p>Thanks for reading!</p></div>"""
    ),
}

# AO3: a preface file, one file per chapter (meta and userstuff blocks), an afterword file.
AO3 = {
    "META-INF/container.xml": CONTAINER.format(opf="OEBPS/content.opf"),
    "OEBPS/content.opf": opf(
        "Jus Drein",
        [
            ("preface", "preface.xhtml"),
            ("ch1", "chapter1.xhtml"),
            ("ch2", "chapter2.xhtml"),
            ("afterword", "afterword.xhtml"),
        ],
        description="Summary the OPF repeats",
    ),
    "OEBPS/preface.xhtml": xhtml(
        """<div id="preface">
<div class="meta"><h1>Jus Drein</h1>
<div class="byline">by skaigirl</div>
<p>Zusammenfassung</p>
<blockquote class="userstuff"><p>Blood must have blood.</p></blockquote>
<p>Anmerkungen</p>
<blockquote class="userstuff"><p><em>Jus drein jus daun</em> is Trig.</p></blockquote>
</div>
</div>"""
    ),
    "OEBPS/chapter1.xhtml": xhtml(
        """<div class="meta group">
<h2 class="heading">Kapitel 1</h2>
<p>Kapitel Anmerkungen</p>
<blockquote class="userstuff"><p>Head note.</p></blockquote>
</div>
<div class="userstuff"><p>"<em>Jus drein</em>," she said.</p></div>
<div class="meta group">
<blockquote class="userstuff"><p>End note one.</p></blockquote>
</div>"""
    ),
    "OEBPS/chapter2.xhtml": xhtml(
        """<div class="meta group"><h2 class="heading">Kapitel 2</h2></div>
<div class="userstuff">
<p>Second <span title="blood">drein</span>.</p>
</div>"""
    ),
    "OEBPS/afterword.xhtml": xhtml(
        """<div id="afterword"><div id="endnotes">
<p>Anmerkungen</p>
<blockquote class="userstuff"><p>Work end note.</p></blockquote>
</div></div>"""
    ),
}


def build(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def parts(story: Story) -> list[tuple[str, int | None, str]]:
    return [(s.part.value, s.chapter, story.text[s.start : s.end]) for s in story.sections]


def where(story: Story, needle: str) -> tuple[str, int]:
    return story.location(story.text.index(needle))


def test_fanficfare_epub(tmp_path: Path) -> None:
    story = read_story(build(tmp_path / "fff.epub", FANFICFARE))
    assert parts(story) == [
        ("title", None, "Ai Laik Heda"),
        ("summary", None, "Lexa learns Gonasleng."),
        ("chapter_title", 1, "First"),
        ("notes", 1, "Notes: heda = commander"),
        ("text", 1, "Lexa spoke: Ai laik Heda.\n\nThen silence."),
        ("end_notes", 1, "Thanks for reading!"),
        ("chapter_title", 2, "Second"),
        ("text", 2, "Clarke said Wanheda."),
    ]
    assert [story.text[s.start : s.end] for s in story.italics] == [
        "Gonasleng",
        "heda",
        "Ai laik Heda",
        "Wanheda",
    ]
    epub = str(tmp_path / "fff.epub")
    assert where(story, "Ai Laik") == (f"{epub}!content.opf", 4)
    assert where(story, "Lexa learns") == (f"{epub}!content.opf", 5)
    assert where(story, "First") == (f"{epub}!OEBPS/file0002.xhtml", 6)
    assert where(story, "Then silence") == (f"{epub}!OEBPS/file0002.xhtml", 11)
    assert where(story, "Thanks") == (f"{epub}!OEBPS/file0002.xhtml", 12)
    assert where(story, "Clarke") == (f"{epub}!OEBPS/file0001.xhtml", 7)


def test_ao3_epub(tmp_path: Path) -> None:
    story = read_story(build(tmp_path / "ao3.epub", AO3))
    assert parts(story) == [
        ("title", None, "Jus Drein"),
        ("summary", None, "Blood must have blood."),
        ("notes", None, "Jus drein jus daun is Trig."),
        ("chapter_title", 1, "Kapitel 1"),
        ("notes", 1, "Head note."),
        ("text", 1, '"Jus drein," she said.'),
        ("end_notes", 1, "End note one."),
        ("chapter_title", 2, "Kapitel 2"),
        ("text", 2, "Second drein."),
        ("end_notes", None, "Work end note."),
    ]
    assert [(story.text[h.start : h.end], h.title) for h in story.hovers] == [("drein", "blood")]
    epub = str(tmp_path / "ao3.epub")
    assert where(story, "Second") == (f"{epub}!OEBPS/chapter2.xhtml", 8)
    assert where(story, "End note") == (f"{epub}!OEBPS/chapter1.xhtml", 13)
    assert where(story, "Work end") == (f"{epub}!OEBPS/afterword.xhtml", 8)


def test_any_epub_reads_spine_files_as_chapters(tmp_path: Path) -> None:
    members = {
        "META-INF/container.xml": CONTAINER.format(opf="book.opf"),
        "book.opf": opf(
            "Plain", [("nav", "nav.xhtml"), ("a", "a.xhtml"), ("cover", "c.xhtml")]
        ).replace('href="nav.xhtml"', 'href="nav.xhtml" properties="nav"'),
        "nav.xhtml": xhtml("<nav><ol><li>Contents</li></ol></nav>"),
        "a.xhtml": xhtml('<div class="chapter"><p>One <i>two</i><br/>three</p><p/>Four</div>'),
        "c.xhtml": xhtml('<div><img src="cover.jpg" alt="Cover"/></div>'),
    }
    story = read_story(build(tmp_path / "plain.epub", members))
    assert parts(story) == [("title", None, "Plain"), ("text", 1, "One two\nthree\n\nFour")]
    assert where(story, "Four") == (f"{tmp_path / 'plain.epub'}!a.xhtml", 6)


def test_a_lone_opf_stands_in_for_a_missing_container(tmp_path: Path) -> None:
    members = {k: v for k, v in FANFICFARE.items() if k != "META-INF/container.xml"}
    assert "Clarke said Wanheda." in read_story(build(tmp_path / "x.epub", members)).text


BOMB_OPF = """<?xml version="1.0"?>
<!DOCTYPE package [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<package xmlns="http://www.idpf.org/2007/opf"><metadata><title>&b;</title></metadata></package>
"""


EXTERNAL_OPF = """<?xml version="1.0"?>
<!DOCTYPE package [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<package xmlns="http://www.idpf.org/2007/opf"><metadata><title>&e;</title></metadata></package>
"""


def without(name: str) -> dict[str, str]:
    return {k: v for k, v in FANFICFARE.items() if k != name}


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (without("content.opf"), "corrupt EPUB: content.opf is missing"),
        ({"OEBPS/a.xhtml": "<p>x</p>"}, "corrupt EPUB: no OPF package file"),
        (
            {k: v for k, v in FANFICFARE.items() if not k.startswith("OEBPS/file")},
            "corrupt EPUB: OEBPS/file0002.xhtml, OEBPS/file0001.xhtml are missing",
        ),
        (
            {**FANFICFARE, "content.opf": "<package><broken"},
            "corrupt EPUB: content.opf is not well-formed XML (unclosed token at line 1, "
            "column 10)",
        ),
        (
            {**FANFICFARE, "content.opf": BOMB_OPF},
            "refused: content.opf declares an XML entity ('a'), as entity bombs do",
        ),
        (
            {**FANFICFARE, "content.opf": EXTERNAL_OPF},
            "refused: content.opf declares an XML entity ('e'), as entity bombs do",
        ),
        (
            {**FANFICFARE, "content.opf": opf("T", [("a", "a.xhtml")]).replace('"a"/>', '"b"/>')},
            "corrupt EPUB: the spine names 'b', not in the manifest",
        ),
        (
            {**FANFICFARE, "OEBPS/file0001.xhtml": xhtml(""), "OEBPS/file0002.xhtml": ""},
            # a title from the OPF but no text at all
            "no story text in the EPUB's spine",
        ),
    ],
)
def test_corrupt_epubs_are_one_sentence(
    tmp_path: Path, members: dict[str, str], message: str
) -> None:
    path = build(tmp_path / "bad.epub", members)
    with pytest.raises(GlossError) as caught:
        read_story(path)
    assert caught.value.lines() == [f"{path}: {message}"]
    assert not isinstance(caught.value, PartlyRead)


def test_a_missing_chapter_file_is_left_out_and_said(tmp_path: Path) -> None:
    path = build(tmp_path / "lost.epub", without("OEBPS/file0002.xhtml"))
    with pytest.raises(PartlyRead) as caught:
        read_story(path)
    said = f"{path}: corrupt EPUB: OEBPS/file0002.xhtml is missing"
    assert caught.value.lines() == [said]  # for a caller that refuses the book
    assert caught.value.used() == [f"{said}; the rest was read"]  # for one that reads on
    story = caught.value.story
    assert "Clarke said Wanheda." in story.text  # the chapter that is there
    assert "Lexa spoke" not in story.text
    assert where(story, "Clarke said") == (f"{path}!OEBPS/file0001.xhtml", 7)
    # it crosses to the process that reports it whole
    again = pickle.loads(pickle.dumps(caught.value))
    assert (again.story.text, again.lines()) == (story.text, caught.value.lines())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"%PDF-1.4 not a zip at all", "not an EPUB (not a zip archive)"),
    ],
)
def test_files_that_are_no_zip(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.epub"
    path.write_bytes(content)
    with pytest.raises(GlossError, match=f"^{re.escape(f'{path}: {message}')}"):
        read_story(path)


def test_a_truncated_archive(tmp_path: Path) -> None:
    path = build(tmp_path / "t.epub", FANFICFARE)
    path.write_bytes(path.read_bytes()[:-200])  # the central directory is gone
    with pytest.raises(GlossError, match="not an EPUB"):
        read_story(path)


@pytest.mark.parametrize(
    ("stored", "damage"),
    [
        (False, "damaged (it does not decompress)"),  # inside the deflated bytes
        (True, "damaged (its checksum does not match)"),  # stored: only the CRC tells
    ],
)
def test_a_damaged_member(tmp_path: Path, stored: bool, damage: str) -> None:
    path = tmp_path / "d.epub"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        for name, text in {**FANFICFARE, "OEBPS/file0001.xhtml": "x" * 5000}.items():
            z.writestr(name, text)
        info = z.getinfo("OEBPS/file0001.xhtml")
    data = bytearray(path.read_bytes())
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + 4  # its data
    data[at : at + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    with pytest.raises(GlossError) as caught:
        read_story(path)
    assert caught.value.lines() == [f"{path}: corrupt EPUB: OEBPS/file0001.xhtml is {damage}"]


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_TOTAL", 10_000, "refused: would expand to"),
        ("MAX_MEMBER", 10_000, "refused: OEBPS/file0001.xhtml would expand to"),
        ("MAX_MEMBERS", 3, "refused: 6 files in the archive"),
    ],
)
def test_bombs_are_refused_before_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int, message: str
) -> None:
    # 100 kB of zeros deflate to a few hundred bytes: a small stand-in for a real bomb
    members = {**FANFICFARE, "OEBPS/file0001.xhtml": xhtml("<p>" + "0" * 100_000 + "</p>")}
    path = build(tmp_path / "bomb.epub", members)
    assert path.stat().st_size < 5_000
    monkeypatch.setattr(epub_module, limit, value)
    with pytest.raises(GlossError, match=f"^{re.escape(f'{path}: {message}')}"):
        read_story(path)


@pytest.mark.parametrize(
    ("name", "members"), [("ao3_work.epub", AO3), ("fanficfare.epub", FANFICFARE)]
)
def test_committed_fixtures_are_the_books_above(name: str, members: dict[str, str]) -> None:
    # tests/data/stories holds these books for the CLI and benchmarks; they must not drift
    with zipfile.ZipFile(Path(__file__).parents[2] / "data" / "stories" / name) as archive:
        assert archive.namelist() == ["mimetype", *members]
        assert {n: archive.read(n).decode() for n in members} == members
