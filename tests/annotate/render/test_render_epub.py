"""`--format epub`: a book from every input format passes epubcheck; an EPUB comes back whole
but for its glossed chapters, its package document and the added Glossary; pop-up footnotes
that link both ways; hostile books refused with nothing written."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app

DATA = Path(__file__).parents[2] / "data"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
GLOSSARY = """terms:
  - term: Heda
    translations: [Commander]
  - term: Wanheda
    translations: [Commander of Death]
  - term: Jus drein
    translations: [Blood must have blood]
  - term: drein
    translations: [blood]
  - term: Yu gonplei ste odon
    translations: [Your fight is over]
    variants: [Yo gonplei ste odon]
"""
OPF3 = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:0b5b8c0e-3f63-4d8e-9d1c-2a3b5c7d9e11</dc:identifier>
<dc:title>Wanheda</dc:title><dc:creator>skaigirl</dc:creator><dc:language>en</dc:language>
<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="css" href="style.css" media-type="text/css"/>
<item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>
<item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/>
</manifest>
<spine><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>
"""
NAV = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en">
<head><title>Contents</title></head>
<body><nav epub:type="toc" id="toc"><ol><li><a href="text/one.xhtml">One</a></li>
<li><a href="text/two.xhtml">Two</a></li></ol></nav></body>
</html>
"""


def chapter(title: str, body: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
<head><title>{title}</title><link rel="stylesheet" type="text/css" href="../style.css"/></head>
<body>
<h1 id="n1">{title}</h1>
{body}
</body>
</html>
"""


def epub3(path: Path) -> Path:
    """A valid EPUB 3: two chapters, a stylesheet, its own `id="n1"` (which notes must not
    meet), a link and a heading holding terms (where no note goes)."""
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile '
            'full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
            compress_type=zipfile.ZIP_DEFLATED,
        )
        book.writestr("OEBPS/content.opf", OPF3)
        book.writestr("OEBPS/nav.xhtml", NAV)
        book.writestr("OEBPS/style.css", "p { text-indent: 1em; }\n")
        book.writestr(
            "OEBPS/text/one.xhtml",
            chapter(
                "Heda",
                "<p>They called her <em>Wanheda</em> &amp; Heda.</p>\n"
                '<p>A <a href="two.xhtml">link to Heda</a>. Heda&#x21;</p>',
            ),
        )
        book.writestr(
            "OEBPS/text/two.xhtml",
            chapter("Two", '<p>"Yo gonplei\nste odon," she said. Heda. Heda.</p>'),
        )
    return path


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def annotate(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["annotate", *map(str, args)])
    return result.exit_code, result.stderr


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist()}


def epubcheck(path: Path) -> str:
    """epubcheck's verdict (`Messages: ...`): Debian's package, run as its jar."""
    java = shutil.which("java")
    if java is None or not EPUBCHECK.exists():
        pytest.skip("epubcheck is not installed (apt-get install epubcheck; CI installs it)")
    done = subprocess.run(
        [java, "-jar", str(EPUBCHECK), str(path)], capture_output=True, text=True, timeout=300
    )
    said = done.stdout + done.stderr
    found = re.search(r"Messages: \d+ fatals / \d+ errors", said)
    assert found, said
    return found.group() + ("" if done.returncode == 0 else f"\n{said}")


@pytest.mark.parametrize("flags", [[], ["--ruby"]])
@pytest.mark.parametrize(
    "story",
    ["annotate/traps.txt", "stories/draft.md", "stories/ao3_work.html", "epub3"],
)
def test_a_book_from_every_input_format_passes_epubcheck(
    tmp_path: Path, glossary: Path, story: str, flags: list[str]
) -> None:
    source = epub3(tmp_path / "book.epub") if story == "epub3" else DATA / story
    out = tmp_path / "out.epub"
    code, err = annotate(source, "-g", glossary, "--format", "epub", "-o", out, *flags)
    assert (code, err) == (0, "")
    assert epubcheck(out) == "Messages: 0 fatals / 0 errors"
    if flags:
        assert "<rt>" in "".join(m.decode() for m in members(out).values() if m[:5] == b"<?xml")


def test_an_epub2_book_gains_no_epubcheck_message(tmp_path: Path, glossary: Path) -> None:
    """AO3's download as the fixture has it (its own package lacks what EPUB 2 asks for):
    glossed, with or without --ruby, epubcheck says no more about it than before."""
    source = DATA / "stories" / "ao3_work.epub"
    before = epubcheck(source).split("\n")[0]
    for flags in ([], ["--ruby"]):
        out = tmp_path / f"out{len(flags)}.epub"
        assert annotate(source, "-g", glossary, "-f", "epub", "-o", out, *flags) == (0, "")
        assert epubcheck(out).split("\n")[0] == before


def test_an_ao3_epub_comes_back_whole(tmp_path: Path, glossary: Path) -> None:
    source = DATA / "stories" / "ao3_work.epub"
    out = tmp_path / "out.epub"
    assert annotate(source, "-g", glossary, "--format", "epub", "-o", out) == (0, "")
    before, after = members(source), members(out)
    assert set(after) == {*before, "OEBPS/gloss-glossary.xhtml"}
    changed = {name for name in before if before[name] != after[name]}
    chapters = {f"OEBPS/{n}.xhtml" for n in ("preface", "chapter1", "chapter2", "afterword")}
    assert "OEBPS/content.opf" in changed and "OEBPS/chapter2.xhtml" in changed
    assert changed - {"OEBPS/content.opf"} <= chapters
    assert next(iter(after)) == "mimetype"
    opf = after["OEBPS/content.opf"].decode()
    assert '<itemref idref="gloss-glossary"/>' in opf
    assert 'href="gloss-glossary.xhtml"' in opf
    # what was there before is all still there, in order: only insertions
    for name in changed:
        old, new = before[name].decode(), after[name].decode()
        assert _without_insertions(new) == old, name


def _without_insertions(text: str) -> str:
    text = re.sub(r'<sup><a id="gloss-r\d+" href="#gloss-n\d+">\d+</a></sup>', "", text)
    text = re.sub(r'<div id="gloss-n\d+">.*?</div>\n', "", text)
    return re.sub(r' *<(item|itemref) id(?:ref)?="gloss-glossary"[^>]*/>\n', "", text)


def test_notes_pop_up_and_link_back(tmp_path: Path, glossary: Path) -> None:
    out = tmp_path / "out.epub"
    assert annotate(epub3(tmp_path / "b.epub"), "-g", glossary, "-f", "epub", "-o", out)[0] == 0
    one = members(out)["OEBPS/text/one.xhtml"].decode()
    refs = re.findall(
        r'<a epub:type="noteref" role="doc-noteref" id="(gloss-r\d+)" href="#(gloss-n\d+)">', one
    )
    assert refs == [("gloss-r1", "gloss-n1"), ("gloss-r2", "gloss-n2")]
    for back, note in refs:
        assert re.search(
            rf'<aside epub:type="footnote" role="doc-footnote" id="{note}"><p>'
            rf'<a href="#{back}" role="doc-backlink">',
            one,
        )
    assert 'xmlns:epub="http://www.idpf.org/2007/ops"' in one
    # no note inside the heading or the link; the book's own id="n1" met by none
    assert '<h1 id="n1">Heda</h1>' in one and '">link to Heda</a>' in one
    assert "<em>Wanheda<sup>" in one and "&amp; Heda<sup>" in one
    nav = members(out)["OEBPS/nav.xhtml"].decode()
    assert nav == NAV.replace(
        "</ol></nav>", '<li><a href="gloss-glossary.xhtml">Glossary</a></li>\n</ol></nav>'
    )
    glossary_page = members(out)["OEBPS/gloss-glossary.xhtml"].decode()
    assert '<dt>Heda</dt>\n<dd>Commander (first in <a href="text/one.xhtml#gloss-r2">' in (
        glossary_page
    )


def test_first_is_the_first_occurrence_per_chapter(tmp_path: Path, glossary: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text(
        "# Story\n\n## Chapter 1\n\nHeda. Heda.\n\nXXX\n\nHeda.\n\n## Chapter 2\n\nHeda, Heda.\n",
        encoding="utf-8",
    )
    counts = {}
    for flags in ([], ["--first"]):
        out = tmp_path / f"out{len(flags)}.epub"
        assert annotate(story, "-g", glossary, "-f", "epub", "-o", out, *flags) == (0, "")
        found = members(out)
        counts[len(flags)] = [
            found[f"OEBPS/chapter-{n}.xhtml"].decode().count('role="doc-noteref"') for n in (2, 3)
        ]
    assert counts == {0: [2, 1], 1: [1, 1]}  # by default again after a scene break


@pytest.mark.parametrize("flags", [[], ["--ruby"]])
def test_a_book_glossed_again_is_not_doubled(
    tmp_path: Path, glossary: Path, flags: list[str]
) -> None:
    once, twice = tmp_path / "once.epub", tmp_path / "twice.epub"
    book = epub3(tmp_path / "b.epub")
    assert annotate(book, "-g", glossary, "-f", "epub", "-o", once, *flags)[0] == 0
    assert annotate(once, "-g", glossary, "-f", "epub", "-o", twice, *flags)[0] == 0
    first, second = members(once), members(twice)
    assert second["OEBPS/text/one.xhtml"] == first["OEBPS/text/one.xhtml"]
    assert second["OEBPS/text/two.xhtml"] == first["OEBPS/text/two.xhtml"]


def test_ruby_puts_short_glosses_above_their_words(tmp_path: Path, glossary: Path) -> None:
    """An EPUB 3 book: short glosses become ruby inside the chapter's own markup (a phrase
    across a line of the source too); the Glossary links to them; no note, no namespace
    added where every gloss is ruby."""
    out = tmp_path / "out.epub"
    book = epub3(tmp_path / "b.epub")
    assert annotate(book, "-g", glossary, "-f", "epub", "--ruby", "-o", out) == (0, "")
    found = members(out)
    one, two = found["OEBPS/text/one.xhtml"].decode(), found["OEBPS/text/two.xhtml"].decode()
    rp = "<rp> (</rp><rt>{}</rt><rp>)</rp></ruby>"
    assert (
        f'<em><ruby id="gloss-g1">Wanheda{rp.format("Commander of Death")}</em> &amp; '
        f'<ruby id="gloss-g2">Heda{rp.format("Commander")}.'
    ) in one
    assert f'"<ruby id="gloss-g1">Yo gonplei\nste odon{rp.format("Your fight is over")},' in two
    assert "noteref" not in one + two and "xmlns:epub" not in one
    glossary_page = found["OEBPS/gloss-glossary.xhtml"].decode()
    assert '<a href="text/one.xhtml#gloss-g2">Heda</a>' in glossary_page


@pytest.mark.parametrize(
    ("paragraph", "ruby", "notes"),
    [
        ("<p>Heda.</p>", 1, 0),
        ("<p>Heda. Yo gonplei ste odon.</p>", 2, 0),
        ("<p><em>Yo gonplei</em> ste odon.</p>", 0, 1),  # a tag inside: a ruby would cross it
        ("<p>Yo gon&#112;lei ste odon.</p>", 1, 0),  # an entity is no tag
        ("<p>Heda means <ruby>Heda<rt>x</rt></ruby>.</p>", 1, 0),  # none in the book's own
    ],
)
def test_which_glosses_become_ruby_in_a_chapter(
    glossary: Path, paragraph: str, ruby: int, notes: int
) -> None:
    from annotate.render.epub_glossed import gloss_chapter
    from annotate.render.epub_parts import Terms
    from annotate.spotting import Spotter
    from glossary.store.reading import read

    spotter = Spotter(read(glossary))
    source = chapter("x", paragraph).encode()
    new = gloss_chapter(source, spotter, Terms(), "x.xhtml", "x", every=True, ruby=True)
    assert new is not None
    body = new.decode().split("<body>", 1)[1]
    assert (body.count('<ruby id="gloss-g'), body.count('role="doc-noteref"')) == (ruby, notes)


def test_ruby_in_a_new_book_and_where_a_line_breaks(tmp_path: Path, glossary: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text(
        '# Story\n\n## One\n\n*Wanheda* and Heda. "Yo gonplei\nste odon," she said.\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.epub"
    assert annotate(story, "-g", glossary, "-f", "epub", "--ruby", "-o", out) == (0, "")
    page = members(out)["OEBPS/chapter-2.xhtml"].decode()
    assert '<ruby id="g1"><em>Wanheda</em><rp> (</rp><rt>Commander of Death</rt>' in page
    assert '<ruby id="g2">Heda<rp> (</rp><rt>Commander</rt><rp>)</rp></ruby>' in page
    # a ruby holds no line break: the phrase across two lines stays a footnote
    assert 'ste odon<sup><a epub:type="noteref"' in page


def test_ruby_goes_with_epub(tmp_path: Path, glossary: Path) -> None:
    story = tmp_path / "a.txt"
    story.write_text("Heda.\n", encoding="utf-8")
    code, err = annotate(story, "-g", glossary, "--ruby")
    assert code == 2
    assert "--ruby goes with --format epub" in " ".join(err.split())


@pytest.mark.parametrize(
    ("added", "message"),
    [
        ([("../evil.xhtml", "x")], "refused: member '../evil.xhtml' would leave the book"),
        ([("/etc/evil", "x")], "refused: member '/etc/evil' would leave the book"),
        ([("OEBPS/nav.xhtml", "x")], "refused: member 'OEBPS/nav.xhtml' is in the archive twice"),
        (None, "not an EPUB (not a zip archive)"),
    ],
)
def test_hostile_books_write_nothing(
    tmp_path: Path, glossary: Path, added: list[tuple[str, str]] | None, message: str
) -> None:
    book = tmp_path / "in" / "bad.epub"
    book.parent.mkdir()
    if added is None:
        book.write_bytes(b"PK\x03\x04 not really")
    else:
        epub3(book)
        with warnings.catch_warnings(), zipfile.ZipFile(book, "a") as archive:
            warnings.simplefilter("ignore")  # (zipfile warns of a name written twice)
            for name, data in added:
                archive.writestr(name, data)
    out = tmp_path / "out"
    before = sorted(tmp_path.rglob("*"))
    code, err = annotate(book, "-g", glossary, "-f", "epub", "-o", f"{out}/")
    assert code == 1
    assert err == f"{book}: {message}\n"
    assert sorted(p for p in tmp_path.rglob("*") if p != out) == before
    assert not any(out.iterdir())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--format epub writes a book: give -o BOOK.epub (or -o FOLDER/ for one per story)"),
        (["-o", "x.epub", "second"], "--format epub makes one book per story: give -o FOLDER/"),
    ],
)
def test_where_the_book_goes_is_a_usage_error(
    tmp_path: Path, glossary: Path, args: list[str], message: str
) -> None:
    story = tmp_path / "a.txt"
    story.write_text("Heda.\n", encoding="utf-8")
    extra = [str(tmp_path / "b.txt") if a == "second" else a for a in args]
    if "second" in args:
        (tmp_path / "b.txt").write_text("Heda.\n", encoding="utf-8")
    code, err = annotate(story, "-g", glossary, "-f", "epub", *extra)
    assert code == 2
    assert message in " ".join(err.split())


def test_a_glossed_chapter_in_a_browser_its_note_links_resolve(
    tmp_path: Path, glossary: Path
) -> None:
    """The chapter opened as XHTML in headless Chromium: well-formed, every noteref leads to
    its aside and every aside's link back to its noteref."""
    from tests.annotate.render.test_render_html_browser import CHROMIUM, Browser

    if CHROMIUM is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium); CI installs it")
    out = tmp_path / "out.epub"
    assert annotate(epub3(tmp_path / "b.epub"), "-g", glossary, "-f", "epub", "-o", out)[0] == 0
    chapter = tmp_path / "one.xhtml"
    chapter.write_bytes(members(out)["OEBPS/text/one.xhtml"])
    browser = Browser(tmp_path / "profile")
    try:
        browser.open(chapter.as_uri())
        found = browser.eval(
            "(() => { if (document.querySelector('parsererror')) return 'not well-formed';"
            " const refs = [...document.querySelectorAll('a[role=\"doc-noteref\"]')];"
            " return refs.map(a => { const note = document.getElementById("
            "a.getAttribute('href').slice(1)); const back = note && note.querySelector("
            "'a[role=\"doc-backlink\"]'); return [note && note.localName, back &&"
            " document.getElementById(back.getAttribute('href').slice(1)) === a]; }); })()"
        )
    finally:
        browser.close()
    assert found == [["aside", True], ["aside", True]]


def test_a_book_missing_a_chapter_is_glossed_but_for_it(tmp_path: Path, glossary: Path) -> None:
    book = epub3(tmp_path / "b.epub")
    with zipfile.ZipFile(book) as old, zipfile.ZipFile(tmp_path / "lacking.epub", "w") as new:
        for info in old.infolist():
            if info.filename != "OEBPS/text/two.xhtml":
                new.writestr(info, old.read(info))
    out = tmp_path / "out.epub"
    code, err = annotate(tmp_path / "lacking.epub", "-g", glossary, "-f", "epub", "-o", out)
    assert code == 1
    assert err == (
        f"{tmp_path / 'lacking.epub'}: corrupt EPUB: OEBPS/text/two.xhtml is missing;"
        " the rest was glossed\n"
    )
    assert 'role="doc-noteref"' in members(out)["OEBPS/text/one.xhtml"].decode()


def test_a_chapter_whose_comment_never_ends_is_left_as_it_is(tmp_path: Path) -> None:
    from annotate.render.epub_glossed import gloss_chapter
    from annotate.render.epub_parts import Terms
    from annotate.spotting import Spotter
    from glossary.store import reading

    spotter = Spotter(reading.read(DATA / "annotate" / "trigedasleng.yaml"))
    source = chapter("x", "<p>Heda <!-- Heda</p>" + "<!--" * 10_000).encode()
    assert gloss_chapter(source, spotter, Terms(), "x.xhtml", "x") is None
    assert gloss_chapter(chapter("x", "<p>Heda.</p>").encode(), spotter, Terms(), "x", "x")


def test_a_ruby_gloss_in_a_browser_stands_above_its_word(tmp_path: Path, glossary: Path) -> None:
    """With --ruby, headless Chromium draws each gloss above its word, its parentheses hidden."""
    from tests.annotate.render.test_render_html_browser import CHROMIUM, Browser

    if CHROMIUM is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium); CI installs it")
    out = tmp_path / "out.epub"
    book = epub3(tmp_path / "b.epub")
    assert annotate(book, "-g", glossary, "-f", "epub", "--ruby", "-o", out)[0] == 0
    chapter = tmp_path / "one.xhtml"
    chapter.write_bytes(members(out)["OEBPS/text/one.xhtml"])
    browser = Browser(tmp_path / "profile")
    try:
        browser.open(chapter.as_uri())
        found = browser.eval(
            "(() => { if (document.querySelector('parsererror')) return 'not well-formed';"
            " return [...document.querySelectorAll('ruby')].map(r => {"
            " const base = document.createRange(); base.selectNodeContents(r);"
            " base.setEndBefore(r.querySelector('rp'));"
            " const word = base.getBoundingClientRect();"
            " const gloss = r.querySelector('rt').getBoundingClientRect();"
            " const shown = [...r.querySelectorAll('rp')].some(p => p.getClientRects().length);"
            " return [r.querySelector('rt').textContent, gloss.bottom <= word.top + 1, shown];"
            " }); })()"
        )
    finally:
        browser.close()
    assert found == [["Commander of Death", True, False], ["Commander", True, False]]


@pytest.mark.parametrize(
    "source",
    [
        "<p>Vash tem orru.</p>",
        "<p>Vash &amp; tem&#x21;orru&nbsp;&#233;</p><p>&lt;&lt;veshka&gt;</p>",
        "<p>&amp;</p><p>a&#97;&#x61;a</p>",
        "<p><em>Vash</em> t&#101;m <!-- orru --> orru</p>",
    ],
)
def test_each_character_of_a_chapter_maps_back_to_its_source(source: str) -> None:
    """What the spotter reads, character by character, is where gloss inserts: each
    character's source stretch (an entity whole) decodes to that character."""
    from html import unescape

    from annotate.render.epub_glossed import read_text

    found = read_text(source)
    text = "".join(found.text)
    for k, char in enumerate(text):
        if char == "\n":  # (blocks apart: not in the source)
            continue
        start, end = found.source_start(k), found.source_end(k + 1)
        assert unescape(source[start:end]) == char, (k, source[start:end])
