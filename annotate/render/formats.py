"""The output formats by name, each module imported only when it is used."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:  # the CLI imports this module for `Format`: keep it light
    from annotate.render.model import Glossed, Options


class Format(StrEnum):
    inline = "inline"
    footnotes = "footnotes"
    interlinear = "interlinear"
    markdown = "markdown"
    html = "html"
    json = "json"


_MODULES = {Format.json: "json_spans"}


class Renderer(Protocol):
    SUFFIX: str

    def render(self, items: Sequence[Glossed], options: Options) -> str: ...


def renderer(fmt: Format) -> Renderer:
    """The module that renders `fmt`: `render(items, options)` and its file `SUFFIX`."""
    module = importlib.import_module(f"annotate.render.{_MODULES.get(fmt, fmt.value)}")
    return cast(Renderer, module)


def render(fmt: Format, items: Sequence[Glossed], options: Options) -> str:
    """The text of `items` in format `fmt`.

    Example: render(Format.inline, [Glossed(story, spots)], Options())
    """
    return renderer(fmt).render(items, options)
