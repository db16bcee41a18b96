"""The glossary as an Anki deck package (`.apkg`): one note per entry, updated in place when
the deck is exported and imported again.

Anki matches what it imports by id, so every id here is derived, never random:

- the deck id and the note type (model) id: the first 8 bytes of a SHA-256 of the glossary's
  `language` (case and spacing folded) with a prefix of their own, in genanki's range
  [2^30, 2^31). One language is one deck, however often it is exported; the note type's prefix
  carries a version, raised whenever its fields change, since Anki keeps a note type's fields
  once imported.
- each note's GUID: `genanki.guid_for` of the language and the term (a second entry with the
  same term gets its number after it), so a changed translation or example updates the note and
  keeps its review history.

Anki updates an existing note only from a newer one, so notes carry the time of the export.

Fields are HTML: everything from the glossary is escaped, and so are the characters Anki reads
in a field's text (`{` of a cloze, `[` of `[sound:...]` and `[latex]`, `\\` of MathJax), so a
quote shows as written and plays, typesets and hides nothing.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from io import BytesIO
from pathlib import Path

import genanki
from rapidfuzz.fuzz import partial_ratio, ratio

from glossary.models import Entry, Glossary, Source
from glossary.spelling import squash

FIELDS = ("Term", "Translation", "Example", "Source", "Kind")
SEPARATOR = "; "  # between translations in one field, as in the other exports
NOTE_TYPE_VERSION = 1  # raise when FIELDS or the templates change shape

_QUESTION = '<div class="term">{{Term}}</div>'
_ANSWER = """{{FrontSide}}
<hr id="answer">
<div class="translation">{{#Translation}}{{Translation}}{{/Translation}}\
{{^Translation}}<i>no translation yet</i>{{/Translation}}</div>
{{#Example}}<div class="example">{{cloze:Example}}</div>{{/Example}}
<div class="about">{{Kind}}{{#Source}} &middot; {{Source}}{{/Source}}</div>"""
# `cloze:` on the answer side of this (first, c1) card shows the sentence with the term
# highlighted; switching the notes to Anki's own Cloze type makes it a fill-in card as it is.
_CSS = """.card { font-family: sans-serif; font-size: 22px; text-align: center; }
.term { font-size: 30px; font-weight: bold; }
.example { margin-top: 1em; font-style: italic; }
.cloze { font-weight: bold; font-style: normal; color: #1565c0; }
.nightMode .cloze { color: #90caf9; }
.about { margin-top: 1em; font-size: 14px; color: #777; }"""


@dataclass(frozen=True)
class DeckNote:
    """One entry as Anki gets it: the note's GUID, its fields (HTML) and its tags."""

    guid: str
    term: str
    translation: str
    example: str
    source: str
    kind: str
    tags: tuple[str, ...]

    def fields(self) -> list[str]:
        return [self.term, self.translation, self.example, self.source, self.kind]


def _language_key(glossary: Glossary) -> str:
    return " ".join((glossary.language or "").split()).casefold()


def _derived_id(kind: str, glossary: Glossary) -> int:
    digest = hashlib.sha256(f"gloss {kind}\0{_language_key(glossary)}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def deck_id(glossary: Glossary) -> int:
    """The deck's id: the same for every export of a glossary of this language."""
    return _derived_id("deck", glossary)


def model_id(glossary: Glossary) -> int:
    """The note type's id: the same for every export of this language and note type version."""
    return _derived_id(f"note type v{NOTE_TYPE_VERSION}", glossary)


# Characters Anki acts on in a field's text, as character references (they show the same).
_ACTIVE = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;", "\\": "&#92;"})


def _escaped(text: str) -> str:
    return escape(text, quote=False).translate(_ACTIVE)


def _text(text: str) -> str:
    """Plain text as an Anki field shows it: escaped, on one line, nothing for Anki to act on."""
    return _escaped(" ".join(text.split()))


_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
FUZZY_CUTOFF = 85  # a phrase the story spells a little differently (`Yo gonplei` for `Yu gonplei`)


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    key: str
    stem_end: int  # before a possessive `'s` (the end when there is none)
    stem_key: str


def _words(quote: str) -> list[_Word]:
    words = []
    for m in _WORD.finditer(quote):
        stem = _POSSESSIVE.sub("", m.group())
        words.append(
            _Word(m.start(), m.end(), squash(m.group()), m.start() + len(stem), squash(stem))
        )
    return words


def _match(words: list[_Word], key: tuple[str, ...], fuzzy: bool) -> int | None:
    """The end offset of `key` (the words of a spelling) said at the start of `words`."""
    if len(words) < len(key):
        return None
    *before, last = words[: len(key)]
    for last_key, end in ((last.stem_key, last.stem_end), (last.key, last.end)):
        said = (*(w.key for w in before), last_key)
        if said == key or (fuzzy and ratio(" ".join(said), " ".join(key)) >= FUZZY_CUTOFF):
            return end
    return None


def _occurrences(quote: str, keys: list[tuple[str, ...]], fuzzy: bool) -> list[tuple[int, int]]:
    """Where the quote says one of `keys` (the words of each spelling, longest first):
    (start, end) offsets, the longest spelling at each place."""
    words = _words(quote)
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for key in keys:
            if (end := _match(words[i:], key, fuzzy)) is not None:
                found.append((words[i].start, end))
                i += len(key)
                break
        else:
            i += 1
    return found


def cloze(quote: str, spellings: Iterable[str]) -> str:
    """The quote as field HTML with each use of the term, in any of its spellings, as cloze 1
    (`{{c1::Heda}}`): however cased, accented or stretched (`Wanheddaa`), a possessive `'s`
    left out, and a few letters off when no spelling is there as it is. Empty when the quote
    does not use the term (Anki's cloze filter shows nothing for a field without c1)."""
    quote = " ".join(quote.split())
    keys = sorted({tuple(k) for s in spellings if (k := squash(s).split())}, key=len, reverse=True)
    said = f" {squash(quote)} "  # cheap checks first: most quotes are looked at once or twice
    spans: list[tuple[int, int]] = []
    if any(f" {k} " in said or f" {k}s " in said for k in map(" ".join, keys)):
        spans = _occurrences(quote, keys, fuzzy=False)
    # a window's ratio at the cutoff keeps partial_ratio within a few points of it
    if not spans and any(partial_ratio(" ".join(k), said) >= FUZZY_CUTOFF - 10 for k in keys):
        spans = _occurrences(quote, keys, fuzzy=True)
    if not spans:
        return ""
    parts, at = [], 0
    for start, end in spans:
        # `::` inside a cloze would start its hint: the colons as references too
        hidden = _escaped(quote[start:end]).replace(":", "&#58;")
        parts += [_escaped(quote[at:start]), "{{c1::", hidden, "}}"]
        at = end
    parts.append(_escaped(quote[at:]))
    return "".join(parts)


def _where(source: Source) -> str:
    if source.story:
        return f"{source.story}, line {source.line}" if source.line else source.story
    return f"lexicon {source.lexicon}" if source.lexicon else ""


def _example(entry: Entry) -> tuple[str, str]:
    """The first quote that uses the term, clozed, and where it is from; else no example and
    the first source that says where."""
    for source in entry.sources:
        if source.quote and (example := cloze(source.quote, entry.spellings())):
            return example, _text(_where(source))
    where = next((w for s in entry.sources if (w := _where(s))), "")
    return "", _text(where)


def _tag(text: str) -> str:
    return "_".join(text.split())


def deck_notes(glossary: Glossary) -> Iterator[DeckNote]:
    """One note per entry that is not rejected, in the glossary's order."""
    language = _language_key(glossary)
    seen: dict[str, int] = {}
    for entry in glossary.terms:
        if entry.status == "rejected":
            continue
        seen[entry.term] = count = seen.get(entry.term, 0) + 1
        identity = (language, entry.term) if count == 1 else (language, entry.term, count)
        example, source = _example(entry)
        yield DeckNote(
            guid=genanki.guid_for(*identity),
            term=_text(entry.term),
            translation=_text(SEPARATOR.join(entry.translations)),
            example=example,
            source=source,
            kind=_text(entry.kind),
            tags=tuple(_tag(t) for t in ("gloss", entry.kind, entry.pos) if t and t.strip()),
        )


def _model(glossary: Glossary) -> genanki.Model:
    language = glossary.language or "Conlang"
    return genanki.Model(
        model_id(glossary),
        f"gloss: {language} term",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Term and meaning", "qfmt": _QUESTION, "afmt": _ANSWER}],
        css=_CSS,
    )


def deck_name(glossary: Glossary) -> str:
    # `::` in a deck's name would make a sub-deck
    return f"{glossary.language or 'Conlang'} glossary".replace("::", ":")


def to_apkg(glossary: Glossary, now: float) -> bytes:
    """The deck package: a zip holding the SQLite collection `collection.anki2` and an empty
    media list. `now` (seconds since the epoch) dates the notes and numbers them."""
    model = _model(glossary)
    deck = genanki.Deck(deck_id(glossary), deck_name(glossary))
    for note in deck_notes(glossary):
        deck.add_note(
            genanki.Note(model=model, fields=note.fields(), guid=note.guid, tags=list(note.tags))
        )
    with tempfile.TemporaryDirectory(prefix="gloss-apkg-") as folder:
        path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(path)
        try:
            cursor = connection.cursor()
            genanki.Package(deck).write_to_db(cursor, now, itertools.count(int(now * 1000)))
            connection.commit()
        finally:
            connection.close()
        collection = path.read_bytes()
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("collection.anki2", collection)
        package.writestr("media", "{}")
    return out.getvalue()
