"""Pydantic models of the glossary file (see DESIGN.md for the contract).

Unknown keys are errors (`extra="forbid"`): a typo such as `translaton:` must be reported,
never silently dropped. Models describe the file; the store edits the YAML document itself so
that comments and key order survive.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


# `name` is a person: never glossed as vocabulary; `group` is a clan or people (-kru).
Kind = Literal["word", "phrase", "name", "title", "place", "group", "other"]
Status = Literal["candidate", "confirmed", "rejected"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    """One finding: where a term was seen and what the story (or a lexicon) said it means."""

    story: str | None = Field(None, description="Path of the story the finding comes from.")
    line: int | None = Field(None, ge=1, description="1-based line in the story file.")
    quote: str | None = Field(None, description="The text around the finding, as it stands.")
    translation: str | None = Field(None, description="The translation as the source gives it.")
    method: str | None = Field(
        None, description="How it was found: a pattern name, `lexicon`, `import`, ..."
    )
    confidence: float | None = Field(None, ge=0, le=1)
    lexicon: str | None = Field(None, description="Name of the lexicon that supplied it.")


class Entry(_Strict):
    term: NonEmpty = Field(description="The canonical spelling.")
    translations: list[NonEmpty] = Field(default_factory=list)
    variants: list[NonEmpty] = Field(
        default_factory=list, description="Other spellings that mean this entry."
    )
    kind: Kind = Field("word", description="`name` entries are never glossed as vocabulary.")
    status: Status = "candidate"
    sources: list[Source] = Field(default_factory=list)
    seen: int | None = Field(
        None, ge=0, description="Findings in all, when more were seen than `sources` keeps."
    )
    confidence: float | None = Field(None, ge=0, le=1)
    pos: str | None = Field(None, description="Part of speech.")
    etymology: str | None = None
    notes: str | None = None

    @field_validator("term", mode="before")
    @classmethod
    def _term_is_text(cls, value: object) -> object:
        # YAML reads `term: 12` or `term: yes` as a number or boolean; say so plainly.
        if value is None:
            raise ValueError("term is empty")
        return value

    def spellings(self) -> list[str]:
        """The term and its variants, the term first."""
        return [self.term, *self.variants]


class Grammar(_Strict):
    """What is true of one language and helps read it, as data any glossary or lexicon may
    carry: extraction and lookup know no language of their own."""

    joiners: list[NonEmpty] = Field(
        default_factory=list,
        description="Words that join a name and a group into one term (`Name of Clan`).",
    )
    group_suffixes: list[NonEmpty] = Field(
        default_factory=list, description="Endings of words that name a people or clan."
    )
    headings: list[NonEmpty] = Field(
        default_factory=list,
        description="Names of the language that head an author's glossary (`Trig:`).",
    )
    respellings: dict[NonEmpty, NonEmpty] = Field(
        default_factory=dict,
        description="English spellings fans write for a piece of a term (`crew: kru`).",
    )


class Glossary(_Strict):
    language: str | None = Field(None, description="The conlang, e.g. Trigedasleng.")
    description: str | None = None
    grammar: Grammar | None = Field(
        None, description="What is true of the language, for extraction and lookup."
    )
    terms: list[Entry] = Field(default_factory=list)


def json_schema() -> dict[str, object]:
    """The JSON Schema of the glossary file, for editors that validate YAML as people type."""
    schema = Glossary.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "gloss glossary"
    return schema
