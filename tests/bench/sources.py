"""The raw material of the benchmark's corpus and glossaries, read once.

English prose comes from the bundled stories (stories/, shipped with gloss); Trigedasleng lines
with their translations and the dictionary's words come from the community data in
../shared/data/trigedasleng (no license: read from there only, never copied into the project).
Without ../shared, `fixture_sources` builds smaller material from the repository alone (the
bundled stories and lexicon), which is what the fast unit tests use.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
COMMUNITY = SHARED / "data" / "trigedasleng"
STORIES = REPO / "stories"
LEXICON = REPO / "annotate" / "lexicons" / "trigedasleng.yaml"

# A term is kept only when it is plain words: letters, apostrophes and hyphens.
_WORDS = re.compile(r"[A-Za-z][A-Za-z'\-]*(?: [A-Za-z][A-Za-z'\-]*)*")
_EDGES = " .,!?;:\"'…-"


@dataclass(frozen=True)
class Line:
    """A line spoken in the conlang and what it means."""

    trig: str
    english: str
    speaker: str


@dataclass(frozen=True)
class Word:
    """A dictionary or lexicon entry: one word or a fixed phrase."""

    term: str
    translations: tuple[str, ...]
    pos: str | None = None
    made_up: bool = False  # a pseudo-word of the benchmark, not Trigedasleng


@dataclass(frozen=True)
class Sources:
    paragraphs: tuple[str, ...]  # English prose paragraphs
    lines: tuple[Line, ...]  # conlang lines with translations
    lexicon: tuple[Word, ...]  # the bundled lexicon's vocabulary
    dictionary: tuple[Word, ...]  # the community dictionary's (empty without ../shared)


def clean_term(text: str) -> str | None:
    """`...Ste komba...` -> `Ste komba`; None when what is left is not plain words."""
    term = " ".join(text.split()).strip(_EDGES)
    return term if _WORDS.fullmatch(term) else None


def bundled_paragraphs(folder: Path = STORIES) -> tuple[str, ...]:
    paragraphs: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        paragraphs += [" ".join(p.split()) for p in text.split("\n\n") if len(p.split()) >= 8]
    return tuple(paragraphs)


def community_lines(folder: Path = COMMUNITY) -> tuple[Line, ...]:
    lines = []
    for item in json.loads((folder / "translations.json").read_text(encoding="utf-8")):
        trig = " ".join(str(item.get("trigedasleng") or "").split())
        english = " ".join(str(item.get("translation") or "").split())
        speaker = str(item.get("speaker") or "").strip()
        if trig and english and speaker != "?":
            lines.append(Line(trig, english, speaker))
    return tuple(lines)


def dictionary_words(folder: Path = COMMUNITY) -> tuple[Word, ...]:
    """`noun: leader; commander` -> Word(term, (leader, commander), noun)."""
    words = []
    for item in json.loads((folder / "dictionary.json").read_text(encoding="utf-8")):
        term = clean_term(str(item.get("word") or ""))
        if term is None:
            continue
        pos, _, senses = str(item.get("translation") or "").rpartition(":")
        translations = tuple(s.strip() for s in senses.split(";") if s.strip())[:3]
        words.append(Word(term, translations or ("(untranslated)",), pos.strip() or None))
    return tuple(words)


def lexicon_words(path: Path = LEXICON) -> tuple[Word, ...]:
    """The bundled lexicon's vocabulary (names left out: they are never glossed)."""
    from glossary.store.reading import read

    words = []
    for entry in read(path).terms:
        term = clean_term(entry.term)
        if term is not None and entry.kind != "name":
            words.append(Word(term, tuple(entry.translations) or ("(untranslated)",), entry.pos))
    return tuple(words)


def lexicon_lines(path: Path = LEXICON) -> tuple[Line, ...]:
    """The lexicon's phrases as spoken lines: the material when ../shared is absent."""
    return tuple(Line(w.term, w.translations[0], "") for w in lexicon_words(path) if " " in w.term)


def community_sources() -> Sources | None:
    """The full material; None when ../shared/data/trigedasleng is not there."""
    if not (COMMUNITY / "translations.json").is_file():
        return None
    if not (COMMUNITY / "dictionary.json").is_file():
        return None
    return Sources(
        paragraphs=bundled_paragraphs(),
        lines=community_lines(),
        lexicon=lexicon_words(),
        dictionary=dictionary_words(),
    )


def fixture_sources() -> Sources:
    """Material from the repository alone (bundled stories and lexicon), for the unit tests."""
    return Sources(
        paragraphs=bundled_paragraphs(),
        lines=lexicon_lines(),
        lexicon=lexicon_words(),
        dictionary=(),
    )
