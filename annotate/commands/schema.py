"""`gloss schema`: the JSON Schema of the glossary file, for editors."""

from __future__ import annotations

import json

import typer


def schema() -> None:
    """Print the JSON Schema of the glossary file, so editors validate it as you type.

    Example: gloss schema > glossary.schema.json
    """
    from glossary.models import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
