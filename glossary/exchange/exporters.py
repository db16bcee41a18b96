"""Writing a glossary for other tools: CSV, OmegaT TSV, TBX, Anki, Markdown, JSON.

Each writer takes the validated model and returns text. `json` and `csv` are lossless enough
to come back in through `gloss import` (all fields; term, translations, variants, kind, part of
speech and notes). The others are for people and tools that use the glossary as a reference, so
they leave rejected entries out.

Nothing a glossary says can act in the program that opens the export: a spreadsheet cell that
would start a formula is neutralised as OWASP advises (CSV injection), and Markdown shows terms
as text, never as markup or links.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from html import escape
from typing import Literal
from xml.etree import ElementTree as ET

from glossary.models import Entry, Glossary

Format = Literal["csv", "tsv", "tbx", "anki", "markdown", "json"]
FORMATS: tuple[Format, ...] = ("csv", "tsv", "tbx", "anki", "markdown", "json")
SEPARATOR = "; "  # between translations (or variants) in one cell; import splits on `;`


def _kept(glossary: Glossary) -> Iterable[Entry]:
    return (e for e in glossary.terms if e.status != "rejected")


def _one_line(text: str) -> str:
    """Tabs and line breaks would end a TSV field or an Anki card field."""
    return " ".join(text.split())


# A cell a spreadsheet runs as a formula starts with one of these (OWASP, CSV injection).
FORMULA_STARTS = "=+-@\t\r"
# Quoted: a formula start, and quotes already before one, so that `gloss import` takes exactly
# one quote off again (`-kru` is written `'-kru`, `'-kru` is written `''-kru`).
_NEEDS_QUOTE = re.compile(rf"^'*[{re.escape(FORMULA_STARTS)}]")


def inert(cell: str) -> str:
    """A spreadsheet cell that shows `cell` as text: `=1+1` becomes `'=1+1`."""
    return "'" + cell if _NEEDS_QUOTE.match(cell) else cell


def _inert_html(cell: str) -> str:
    """For a field shown as HTML (Anki's): the first character as a character reference, so
    the field reads the same and no spreadsheet sees a formula."""
    if cell[:1] and cell[0] in FORMULA_STARTS:
        return f"&#{ord(cell[0])};{cell[1:]}"
    return cell


def to_json(glossary: Glossary) -> str:
    data = glossary.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = ("term", "translations", "variants", "kind", "status", "pos", "notes")


def to_csv(glossary: Glossary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in glossary.terms:
        row = [e.term, SEPARATOR.join(e.translations), SEPARATOR.join(e.variants)]
        writer.writerow(map(inert, [*row, e.kind, e.status, e.pos or "", e.notes or ""]))
    return out.getvalue()


def _comment(entry: Entry) -> str:
    parts = [entry.kind, entry.pos, entry.notes]
    return _one_line(SEPARATOR.join(p for p in parts if p))


def to_tsv(glossary: Glossary) -> str:
    """An OmegaT glossary: `source<TAB>target<TAB>comment`, one line per translation, every
    spelling a source of its own, so that OmegaT recognises each."""
    lines = []
    for entry in _kept(glossary):
        for spelling in entry.spellings():
            for translation in entry.translations:
                fields = (spelling, translation, _comment(entry))
                lines.append("\t".join(inert(_one_line(f)) for f in fields))
    return "".join(line + "\n" for line in lines)


def _language_tag(name: str | None) -> str:
    """A BCP 47 tag for a conlang: `art` (artificial languages), with a private-use subtag of
    at most 8 letters from its name (`art-x-trigedas`)."""
    letters = re.sub(r"[^a-z0-9]", "", (name or "").casefold())[:8]
    return f"art-x-{letters}" if letters else "art"


TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def to_tbx(glossary: Glossary, target: str = "en") -> str:
    """TBX-Core (ISO 30042:2019): one concept entry per term; its spellings in the conlang's
    language section, its translations in the target language's."""
    ET.register_namespace("", TBX_NS)
    tbx = ET.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Core", "style": "dca", XML_LANG: target})
    header = ET.SubElement(tbx, f"{{{TBX_NS}}}tbxHeader")
    desc = ET.SubElement(ET.SubElement(header, f"{{{TBX_NS}}}fileDesc"), f"{{{TBX_NS}}}sourceDesc")
    ET.SubElement(
        desc, f"{{{TBX_NS}}}p"
    ).text = f"{glossary.language or 'Conlang'} glossary (gloss)"
    body = ET.SubElement(ET.SubElement(tbx, f"{{{TBX_NS}}}text"), f"{{{TBX_NS}}}body")
    source = _language_tag(glossary.language)
    for number, entry in enumerate(_kept(glossary), 1):
        concept = ET.SubElement(body, f"{{{TBX_NS}}}conceptEntry", {"id": f"c{number}"})
        for lang, terms in ((source, entry.spellings()), (target, entry.translations)):
            if not terms:
                continue
            section = ET.SubElement(concept, f"{{{TBX_NS}}}langSec", {XML_LANG: lang})
            for term in terms:
                term_sec = ET.SubElement(section, f"{{{TBX_NS}}}termSec")
                ET.SubElement(term_sec, f"{{{TBX_NS}}}term").text = term
    ET.indent(tbx)
    xml = ET.tostring(tbx, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{xml}\n'


def _example(entry: Entry) -> str:
    """The first quote a source keeps: the term as a story used it."""
    return next((_one_line(s.quote) for s in entry.sources if s.quote), "")


def to_anki(glossary: Glossary) -> str:
    """A CSV Anki imports as Basic notes: the term (and its other spellings) on the front; the
    meaning and an example sentence from the sources on the back; kind and part of speech as
    tags. Anki reads the `#` header lines (Anki 2.1.55 and later)."""
    out = io.StringIO()
    out.write("#separator:Comma\n#html:true\n#notetype:Basic\n#columns:Front,Back,Tags\n")
    out.write("#tags column:3\n")
    writer = csv.writer(out, lineterminator="\n")
    for entry in _kept(glossary):
        if not entry.translations:  # nothing to learn (names, untranslated candidates)
            continue
        front = escape(entry.term)
        if entry.variants:
            front += f" ({escape(', '.join(entry.variants))})"
        back = escape(SEPARATOR.join(entry.translations))
        if example := _example(entry):
            back += f"<br><br><i>{escape(example)}</i>"
        tags = " ".join(t.replace(" ", "_") for t in (entry.kind, entry.pos) if t)
        writer.writerow([_inert_html(front), _inert_html(back), inert(tags)])
    return out.getvalue()


# Every ASCII character that can start Markdown or HTML markup, a link or an entity; a
# backslash before any of them shows it as itself (CommonMark). `(`, `!`, `:` only act after an
# (escaped) `[` or `<`. Line starts (`- `, `1.`) need nothing: a table cell starts no line.
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~&])")


def _cell(text: str) -> str:
    """Text that a Markdown table cell shows as it is."""
    return _MARKUP.sub(r"\\\1", _one_line(text))


def to_markdown(glossary: Glossary) -> str:
    """A table to paste into a story's notes: term (and other spellings), meaning."""
    lines = ["| Term | Meaning |", "| --- | --- |"]
    for entry in _kept(glossary):
        term = f"**{_cell(entry.term)}**"
        if entry.variants:
            term += f" ({_cell(', '.join(entry.variants))})"
        meaning = _cell(SEPARATOR.join(entry.translations)) or (
            "name" if entry.kind == "name" else ""
        )
        lines.append(f"| {term} | {meaning} |")
    return "\n".join(lines) + "\n"


WRITERS: dict[Format, Callable[[Glossary], str]] = {
    "csv": to_csv,
    "tsv": to_tsv,
    "tbx": to_tbx,
    "anki": to_anki,
    "markdown": to_markdown,
    "json": to_json,
}


def export(glossary: Glossary, fmt: Format) -> str:
    """The glossary as text in `fmt`."""
    return WRITERS[fmt](glossary)
