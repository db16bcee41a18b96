"""What every glossed EPUB is made of: the pop-up footnotes, the Glossary chapter, the zip.

A glossed term is followed by an EPUB 3 noteref, and its note is an aside in the same file
(Kobo, Apple Books, calibre's viewer and KOReader show it as a pop-up; other readers follow the
link, and the note links back):

    Heda<sup><a epub:type="noteref" role="doc-noteref" id="r1" href="#n1">1</a></sup>
    <aside epub:type="footnote" role="doc-footnote" id="n1"><p><a href="#r1"
    role="doc-backlink">Heda</a>: Commander</p></aside>

With `--ruby`, a short gloss stands above its words instead (`fits_above` says which), and
a reader without ruby shows it in parentheses after them:

    <ruby id="g1">Heda<rp> (</rp><rt>Commander</rt><rp>)</rp></ruby>
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from annotate.render.glosses import NO_TRANSLATION, gloss
from glossary.models import Entry

OPS = "http://www.idpf.org/2007/ops"
XHTML = "http://www.w3.org/1999/xhtml"
GLOSSARY_TITLE = "Glossary"
MIMETYPE = b"application/epub+zip"
XHTML11 = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN"'
    ' "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">'
)


def text(value: str) -> str:
    """Text for XHTML: escaped, and no character XML forbids."""
    return escape(_xml_chars(value), quote=False)


def attribute(value: str) -> str:
    return escape(" ".join(_xml_chars(value).split()), quote=True)


# What XML 1.0 forbids: control characters, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_chars(value: str) -> str:
    return _NOT_XML.sub("", value)


def noteref(prefix: str, number: int, *, epub2: bool = False) -> str:
    """The marker after a glossed term (`epub2`: a plain link, all XHTML 1.1 allows)."""
    kind = "" if epub2 else ' epub:type="noteref" role="doc-noteref"'
    return f'<sup><a{kind} id="{prefix}r{number}" href="#{prefix}n{number}">{number}</a></sup>'


def aside(prefix: str, number: int, written: str, entry: Entry, *, epub2: bool = False) -> str:
    """The note, linking back to its marker (`epub2`: a div, as XHTML 1.1 has no aside)."""
    role = "" if epub2 else ' role="doc-backlink"'
    back = f'<a href="#{prefix}r{number}"{role}>'
    note = f"<p>{back}{text(written)}</a>: {text(gloss(entry))}</p>"
    if epub2:
        return f'<div id="{prefix}n{number}">{note}</div>'
    return f'<aside epub:type="footnote" role="doc-footnote" id="{prefix}n{number}">{note}</aside>'


# Ruby never wraps: a long gloss above a word would stretch its line. Ruby text is about half
# the size of the words, so a gloss up to three times as long as its words (or as short as
# RUBY_ALWAYS) spaces them out little.
RUBY_MOST = 24  # characters
RUBY_ALWAYS = 12


def fits_above(written: str, said: str) -> bool:
    """Whether the gloss `said` is short enough to stand above `written` as ruby."""
    if not said or len(said) > RUBY_MOST:
        return False
    return len(said) <= max(RUBY_ALWAYS, 3 * len(written))


def ruby_start(prefix: str, number: int) -> str:
    """What opens a ruby gloss (its id: where the Glossary chapter links to)."""
    return f'<ruby id="{prefix}g{number}">'


def ruby_end(entry: Entry) -> str:
    """What closes a ruby gloss: the gloss, in parentheses where ruby is not shown."""
    return f"<rp> (</rp><rt>{text(gloss(entry))}</rt><rp>)</rp></ruby>"


@dataclass
class Term:
    """One entry the book uses: how it was first written and where it first stands."""

    entry: Entry
    href: str  # the first noteref (or the chapter, when none was glossed), from the glossary
    chapter: str  # the chapter's name, for the link's text


@dataclass
class Terms:
    """Every entry the book uses, in order of first use."""

    found: dict[int, Term] = field(default_factory=dict)

    def add(self, entry: Entry, href: str, chapter: str) -> None:
        if id(entry) not in self.found:
            self.found[id(entry)] = Term(entry, href, chapter)


def glossary_page(terms: Iterable[Term], *, epub2: bool = False) -> str:
    """The Glossary chapter: every term the book uses, its translations, where it first
    appears (XHTML that EPUB 2 and 3 readers alike take)."""
    rows = []
    for term in sorted(terms, key=lambda t: t.entry.term.casefold()):
        said = gloss(term.entry) or NO_TRANSLATION
        rows.append(f"<dt>{text(term.entry.term)}</dt>")
        rows.append(
            f'<dd>{text(said)} (first in <a href="{attribute(term.href)}">'
            f"{text(term.chapter)}</a>)</dd>"
        )
    body = "\n".join(["<dl>", *rows, "</dl>"]) if rows else "<p>No glossed terms.</p>"
    return page(GLOSSARY_TITLE, f"<h1>{GLOSSARY_TITLE}</h1>\n{body}", epub2=epub2)


def page(title: str, body: str, *, epub2: bool = False) -> str:
    """One XHTML content document (`epub2`: in the XHTML 1.1 an EPUB 2 book must hold)."""
    if epub2:
        doctype, root = XHTML11, f'<html xmlns="{XHTML}" xml:lang="en">'
    else:
        doctype = "<!DOCTYPE html>"
        root = f'<html xmlns="{XHTML}" xmlns:epub="{OPS}" lang="en" xml:lang="en">'
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n{root}\n'
        f"<head>\n<title>{text(title)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def zipped(members: Iterable[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    """An EPUB archive: `mimetype` first and stored, as the OCF requires (the book's own, or
    the standard one); the rest in the order given (a ZipInfo keeps its compression and date;
    a name is deflated)."""
    given = list(members)
    info, mimetype = next(
        ((info, data) for info, data in given if _name(info) == "mimetype"), ("", MIMETYPE)
    )
    first = info if isinstance(info, zipfile.ZipInfo) else _stored("mimetype")
    first.compress_type = zipfile.ZIP_STORED
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(first, mimetype)
        for info, data in given:
            if _name(info) == "mimetype":
                continue
            if isinstance(info, str):
                info = zipfile.ZipInfo(info, date_time=(2000, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _name(info: zipfile.ZipInfo | str) -> str:
    return info if isinstance(info, str) else info.filename


def _stored(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    return info
