"""One made-up story, planned from a seeded random generator and written in any input format.

A story is English prose paragraphs from the bundled stories (names swapped around so that
files differ) with conlang lines spoken in between, each translated the ways fan fiction does:
an echo after the line, parentheses, a dash, "X means Y", italics, hover text, numbered notes
at the end, or not at all. The formats are what gloss reads: plain text, Markdown (with
footnotes), an AO3 HTML download and an AO3-style EPUB.
"""

from __future__ import annotations

import html
import io
import random
import zipfile
from dataclasses import dataclass, field

from tests.bench.sources import Line, Sources

FORMATS = ("txt", "md", "html", "epub")
NAMES: tuple[str, ...] = ("Clarke", "Lexa", "Anya", "Octavia", "Lincoln", "Indra", "Raven")
NAMES += ("Bellamy", "Echo", "Gaia", "Roan", "Murphy", "Emori", "Madi", "Niylah", "Luna", "Abby")
NAMES += ("Kane",)
LEADS: tuple[str, ...] = ("she said", "he said quietly", "came the answer", "someone called")
LEADS += ("she whispered", "he snapped", "the guard said", "they chanted", "she said, not unkindly")
# how a line's translation is given, per format (`note`: a numbered note at the end)
STYLES: dict[str, tuple[str, ...]] = {
    "txt": ("echo", "parens", "dash", "means", "note", "bare"),
    "md": ("echo", "parens", "dash", "means", "italics", "note", "bare"),
    "html": ("echo", "parens", "dash", "italics", "hover", "note", "bare"),
    "epub": ("echo", "parens", "dash", "italics", "hover", "note", "bare"),
}
FIXED_DATE = (2016, 2, 20, 12, 0, 0)


@dataclass(frozen=True)
class Spoken:
    line: Line
    style: str
    lead: str
    note: int = 0  # the note's number, for style `note`


Block = str | Spoken  # a prose paragraph, or a paragraph with a conlang line


@dataclass
class Plan:
    title: str
    author: str
    summary: str
    chapters: list[list[Block]] = field(default_factory=list)

    @property
    def notes(self) -> list[Line]:
        return [b.line for c in self.chapters for b in c if isinstance(b, Spoken) and b.note]


def plan(rng: random.Random, sources: Sources, fmt: str, size: int) -> Plan:
    """About `size` characters of story; every choice drawn from `rng`, in order."""
    swap = dict(zip(NAMES, rng.sample(NAMES, len(NAMES)), strict=True))
    words = rng.choice(sources.lines).trig.split()
    title = " ".join(words[:4]).strip(".,!?") or "Untitled"
    author = f"{rng.choice(NAMES).lower()}_{rng.choice(('kru', 'heda', 'fan', 'writes'))}"
    author += str(rng.randrange(1000))
    summary = _swap(rng.choice(sources.paragraphs), swap)[:300]
    chapters = max(1, min(20, size // 40_000 + rng.randrange(2)))
    story = Plan(title, author, summary)
    per_chapter, notes, written = size // chapters, 0, 0
    for _ in range(chapters):
        blocks: list[Block] = []
        goal = written + per_chapter
        while written < goal:
            if rng.random() < 0.2:
                line = rng.choice(sources.lines)
                style = rng.choice(STYLES[fmt])
                notes += style == "note"
                spoken = Spoken(line, style, rng.choice(LEADS), notes if style == "note" else 0)
                blocks.append(spoken)
                written += len(line.trig) + len(line.english) + 40
            else:
                paragraph = _swap(rng.choice(sources.paragraphs), swap)
                blocks.append(paragraph)
                written += len(paragraph) + 2
        story.chapters.append(blocks)
    return story


def render(story: Plan, fmt: str) -> bytes:
    if fmt == "txt":
        return to_text(story).encode("utf-8")
    if fmt == "md":
        return to_markdown(story).encode("utf-8")
    if fmt == "html":
        return to_html(story).encode("utf-8")
    if fmt == "epub":
        return to_epub(story)
    raise ValueError(f"unknown format {fmt!r}")


def _swap(text: str, names: dict[str, str]) -> str:
    if names.get("Clarke") == "Clarke" and names.get("Lexa") == "Lexa":
        return text
    return " ".join(_swap_word(w, names) for w in text.split(" "))


def _swap_word(word: str, names: dict[str, str]) -> str:
    bare = word.strip(".,!?;:\"'-")
    if bare in names:
        return word.replace(bare, names[bare], 1)
    return word


# --- plain text and Markdown ---------------------------------------------------------------


def _spoken_text(block: Spoken, italics: str | None) -> str:
    trig, english = block.line.trig, block.line.english
    if block.style == "echo":
        return f'"{trig}" {block.lead}. {english}'
    if block.style == "parens":
        return f'"{trig}" ({english}), {block.lead}.'
    if block.style == "dash":
        return f'"{trig}" - {english}'
    if block.style == "means":
        return f'{trig.rstrip(".!?")} means "{english.rstrip(".")}", {block.lead}.'
    if block.style == "italics" and italics:
        return f'"{trig}" {block.lead}. {italics}{english}{italics}'
    if block.style == "note":
        mark = f"[^{block.note}]" if italics else f" ({block.note})"
        return f'"{trig}"{mark} {block.lead}.'
    return f'"{trig}" {block.lead}.'


def to_text(story: Plan) -> str:
    out = [story.title, f"by {story.author}", "", f"Summary: {story.summary}", ""]
    for number, chapter in enumerate(story.chapters, 1):
        if len(story.chapters) > 1:
            out += [f"Chapter {number}", ""]
        for block in chapter:
            out += [block if isinstance(block, str) else _spoken_text(block, None), ""]
    if story.notes:
        out += ["Translations:"]
        out += [f"{n}. {line.trig} - {line.english}" for n, line in enumerate(story.notes, 1)]
    return "\n".join(out) + "\n"


def to_markdown(story: Plan) -> str:
    out = [f"# {story.title}", "", f"**Author:** {story.author}", "", f"> {story.summary}", ""]
    out += ["---", ""]
    for number, chapter in enumerate(story.chapters, 1):
        if len(story.chapters) > 1:
            out += [f"## Chapter {number}", ""]
        for block in chapter:
            out += [_md_escape(block) if isinstance(block, str) else _spoken_text(block, "*"), ""]
    for n, line in enumerate(story.notes, 1):
        out += [f"[^{n}]: *{line.trig.rstrip('.')}*: {line.english}"]
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")


# --- AO3 HTML and EPUB -----------------------------------------------------------------------


def _spoken_html(block: Spoken) -> str:
    trig, english = html.escape(block.line.trig), html.escape(block.line.english)
    if block.style == "italics":
        return f"<p>&quot;{trig}&quot; {block.lead}. <em>{english}</em></p>"
    if block.style == "hover":
        title = html.escape(block.line.english, quote=True)
        return f'<p>&quot;<span title="{title}">{trig}</span>&quot; {block.lead}.</p>'
    if block.style == "note":
        return f"<p>&quot;{trig}&quot;<sup>{block.note}</sup> {block.lead}.</p>"
    return f"<p>{html.escape(_spoken_text(block, None))}</p>"


def _paragraphs(chapter: list[Block]) -> list[str]:
    return [f"<p>{html.escape(b)}</p>" if isinstance(b, str) else _spoken_html(b) for b in chapter]


def _end_notes(story: Plan) -> list[str]:
    notes = [f"{n}. {line.trig} - {line.english}" for n, line in enumerate(story.notes, 1)]
    body = "<br/>\n".join(html.escape(n) for n in notes)
    return [
        '<div id="afterword">',
        '  <div id="endnotes">',
        "    <p>Notes</p>",
        '    <blockquote class="userstuff">',
        f"      <p>Translations:<br/>\n{body}</p>" if notes else "",
        "      <p>Thank you for reading!</p>",
        "    </blockquote>",
        "  </div>",
        "</div>",
    ]


def _preface(story: Plan) -> list[str]:
    return [
        '<div id="preface">',
        '  <div class="meta">',
        f"    <h1>{html.escape(story.title)}</h1>",
        f'    <div class="byline"><a rel="author">{html.escape(story.author)}</a></div>',
        "    <p>Summary</p>",
        f'    <blockquote class="userstuff"><p>{html.escape(story.summary)}</p></blockquote>',
        "  </div>",
        "</div>",
    ]


def to_html(story: Plan) -> str:
    out = ["<!DOCTYPE html>", "<html>", "<head>", '<meta charset="UTF-8"/>']
    out += [f"<title>{html.escape(story.title)} [Archive of Our Own]</title>", "</head>"]
    out += ["<body>", *_preface(story), '<div id="chapters" class="userstuff">']
    if len(story.chapters) == 1:
        out += ["<!--chapter content-->", *_paragraphs(story.chapters[0])]
        out += ["<!--/chapter content-->"]
    else:
        for number, chapter in enumerate(story.chapters, 1):
            out += ['  <div class="meta group">']
            out += [f'    <h2 class="heading">Chapter {number}</h2>', "  </div>"]
            out += ['  <div class="userstuff">', *_paragraphs(chapter), "  </div>"]
    out += ["</div>", *_end_notes(story), "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _xhtml(title: str, body: list[str]) -> bytes:
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!DOCTYPE html>",
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">',
        f"<head><title>{html.escape(title)}</title></head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>", ""]).encode("utf-8")


def _package(story: Plan, members: list[str]) -> bytes:
    items = [
        '    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
    ]
    items += [
        f'    <item id="m{i}" href="{m}" media-type="application/xhtml+xml"/>'
        for i, m in enumerate(members)
    ]
    spine = [f'    <itemref idref="m{i}"/>' for i in range(len(members))]
    text = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"'
        ' unique-identifier="bookid" xml:lang="en">',
        '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f'    <dc:identifier id="bookid">urn:bench:{html.escape(story.author)}</dc:identifier>',
        f"    <dc:title>{html.escape(story.title)}</dc:title>",
        f"    <dc:creator>{html.escape(story.author)}</dc:creator>",
        "    <dc:language>en</dc:language>",
        '    <meta property="dcterms:modified">2016-02-20T12:00:00Z</meta>',
        "  </metadata>",
        "  <manifest>",
        *items,
        "  </manifest>",
        "  <spine>",
        *spine,
        "  </spine>",
        "</package>",
        "",
    ]
    return "\n".join(text).encode("utf-8")


CONTAINER = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def to_epub(story: Plan) -> bytes:
    """An AO3-style EPUB: preface, one file per chapter, afterword; fixed dates (same bytes)."""
    documents = {"preface.xhtml": _xhtml(story.title, _preface(story))}
    for number, chapter in enumerate(story.chapters, 1):
        heading = f'<h2 class="heading">Chapter {number}</h2>'
        body = [heading, '<div class="userstuff">', *_paragraphs(chapter), "</div>"]
        documents[f"chapter{number}.xhtml"] = _xhtml(f"Chapter {number}", body)
    documents["afterword.xhtml"] = _xhtml("Afterword", _end_notes(story))
    links = [f'<li><a href="{name}">{name}</a></li>' for name in documents]
    nav = _xhtml("Contents", ['<nav id="toc"><ol>', *links, "</ol></nav>"])
    members = [
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", _package(story, list(documents))),
        ("OEBPS/nav.xhtml", nav),
        *((f"OEBPS/{name}", data) for name, data in documents.items()),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo("mimetype", date_time=FIXED_DATE)
        info.compress_type = zipfile.ZIP_STORED
        archive.writestr(info, b"application/epub+zip")
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()
