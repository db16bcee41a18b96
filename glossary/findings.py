"""A finding: one sighting of a conlang term in a story, as extraction reports it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from glossary.models import Kind


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    term: str = Field(description="The term as it stands in the story.")
    kind: Kind = "word"
    translation: str | None = Field(None, description="The translation the source gives.")
    story: str | None = None
    line: int | None = None
    quote: str | None = None
    method: str = Field(description="How it was found: a pattern name or `lexicon`.")
    confidence: float = Field(0.5, ge=0, le=1)
    lexicon: str | None = Field(None, description="Set when the translation is a lexicon's.")
