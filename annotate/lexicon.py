"""Bundled and user lexicons: curated glossaries that recognise terms and supply translations.

A lexicon is a glossary file in the project's own format. Extraction uses it to recognise known
terms and to offer a translation a story does not give, always marked as the lexicon's (see
`Lexicon.source`). It is chosen by the glossary's `language` (`auto`), by name, or by path, and
`none` switches it off so a reader of another conlang never gets Trigedasleng glosses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from glossary.errors import GlossError
from glossary.models import Entry, Glossary, Grammar, Kind, Source
from glossary.spelling import fold, solid
from glossary.store import reading

PACKAGE = "annotate.lexicons"
AUTO = "auto"
NONE = "none"


def normalise(text: str) -> str:
    """The lookup key of a spelling in a lexicon: `glossary.spelling.solid`."""
    return solid(text)


@dataclass(frozen=True, eq=False)  # identity: hashable, cheap to compare
class Lexicon:
    """A loaded lexicon and its index by normalised spelling (term and variants)."""

    name: str
    glossary: Glossary
    _index: dict[str, Entry] = field(init=False, repr=False, compare=False)
    _phrases: list[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Entry] = {}
        for entry in self.glossary.terms:
            if (
                entry.status == "rejected"
            ):  # a user file may keep rejected entries: never offer them
                continue
            for spelling in entry.spellings():
                # The first entry to claim a spelling keeps it (the bundled files have no clashes).
                index.setdefault(normalise(spelling), entry)
        phrases = {
            fold(spelling)
            for entry in index.values()
            if entry.kind != "name"
            for spelling in entry.spellings()
        }
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_phrases", sorted(p for p in phrases if " " in p))

    @property
    def language(self) -> str | None:
        return self.glossary.language

    @property
    def grammar(self) -> Grammar:
        return self.glossary.grammar or Grammar()

    def lookup(self, spelling: str) -> Entry | None:
        """The entry spelled this way, in any case, accent, spacing or shouted form."""
        key = normalise(spelling)
        return self._index.get(key) if key else None

    def __contains__(self, spelling: object) -> bool:
        return isinstance(spelling, str) and self.lookup(spelling) is not None

    # What extraction asks (annotate.extract.pipeline.Lexicon).
    def is_word(self, spelling: str) -> bool:
        """A known conlang term that is not a person's name."""
        entry = self.lookup(spelling)
        return entry is not None and entry.kind != "name"

    def is_name(self, spelling: str) -> bool:
        entry = self.lookup(spelling)
        return entry is not None and entry.kind == "name"

    def gloss(self, spelling: str) -> tuple[str, list[str], Kind] | None:
        """(canonical term, translations, kind) of a known spelling."""
        entry = self.lookup(spelling)
        return (entry.term, list(entry.translations), entry.kind) if entry else None

    def phrases(self) -> list[str]:
        """Every multi-word spelling but names', folded (`fold`: words kept apart by one space),
        to recognise canon lines a story does not mark."""
        return self._phrases

    def __len__(self) -> int:
        return len(self.glossary.terms)

    def source(self, entry: Entry) -> Source:
        """The provenance to record when this lexicon supplies `entry`'s translation."""
        return Source(
            method="lexicon",
            lexicon=self.name,
            translation="; ".join(entry.translations) or None,
        )


def available() -> list[str]:
    """Names of the bundled lexicons, e.g. `["trigedasleng"]`."""
    folder = resources.files(PACKAGE)
    return sorted(
        item.name.removesuffix(".yaml")
        for item in folder.iterdir()
        if item.is_file() and item.name.endswith(".yaml")
    )


@cache
def bundled(name: str) -> Lexicon:
    """A bundled lexicon by name, read once per process: the validated copy in gloss's
    cache (`glossary.cache`, keyed by the file's bytes) when there is one, else with the
    C-backed safe loader, and a copy kept for the next process."""
    from glossary.store import cache as copies

    if name not in available():
        raise GlossError(f"unknown lexicon {name!r}; choose {_choices()}")
    raw = resources.files(PACKAGE).joinpath(f"{name}.yaml").read_bytes()
    folder = copies.location()
    key = copies.key(raw) if folder else ""
    if folder and (kept := copies.fetch(folder, key)) is not None:
        return Lexicon(name=name, glossary=kept)
    try:
        data: Any = YAML(typ="safe", pure=False).load(raw.decode("utf-8"))
        glossary = Glossary.model_validate(data if data is not None else {})
    except (YAMLError, ValidationError, UnicodeDecodeError) as err:
        first = str(err).strip().splitlines()[0]
        raise GlossError(f"bundled lexicon {name!r} is broken: {first}") from None
    if folder:
        copies.keep(folder, key, glossary)
    return Lexicon(name=name, glossary=glossary)


def load_lexicon(choice: str, language: str | None) -> Lexicon | None:
    """The lexicon a `--lexicon` choice means, or None when there is none to use.

    `auto`: the bundled lexicon whose language is `language` (any case), else None; a glossary
    with no language gets none. `none`: None. A bundled name (`trigedasleng`): that lexicon.
    Anything else is a path to a glossary YAML file. Raises GlossError for an unknown name or a
    file that cannot be read or is not a valid glossary (with positions, via `glossary.store`).
    """
    choice = choice.strip()
    key = choice.casefold()
    if key == NONE:
        return None
    if key == AUTO:
        return _by_language(language)
    if key in available():
        return bundled(key)
    if not _looks_like_path(choice):
        raise GlossError(f"unknown lexicon {choice!r}; choose {_choices()}")
    path = Path(choice).expanduser()
    return Lexicon(name=path.stem, glossary=reading.read(path))


def _by_language(language: str | None) -> Lexicon | None:
    if not language or not language.strip():
        return None
    wanted = language.strip().casefold()
    for name in available():
        lexicon = bundled(name)
        if (lexicon.language or "").strip().casefold() == wanted:
            return lexicon
    return None


def _looks_like_path(choice: str) -> bool:
    # A bare word that is no bundled name is a typo, not a file in the working folder.
    return (
        "/" in choice
        or "\\" in choice
        or choice.endswith((".yaml", ".yml"))
        or (Path(choice).exists())
    )


def _choices() -> str:
    return ", ".join([AUTO, NONE, *available()]) + ", or a path to a glossary file"
