"""The output formats by name, each module imported only when it is used."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:  # the CLI imports this module for `Format`: keep it light
    from annotate.render.model import Glossed, Options, Rendered


class Format(StrEnum):
    inline = "inline"
    footnotes = "footnotes"
    interlinear = "interlinear"
    markdown = "markdown"
    html = "html"
    json = "json"
    ao3 = "ao3"
    epub = "epub"


_MODULES = {Format.json: "json_spans", Format.epub: "epub_book"}
# Formats that write a book per story (bytes, with -o), not text: the command makes them.
BOOKS = frozenset({Format.epub})


class Renderer(Protocol):
    SUFFIX: str

    def render(self, items: Sequence[Glossed], options: Options) -> str: ...


class StoryByStory(Renderer, Protocol):
    """A format whose stories are rendered each on its own (`one`, anywhere, in a worker
    process too) and then `joined` in order: all but html, whose contents come first."""

    def one(self, item: Glossed, options: Options) -> str: ...

    def joined(self, texts: Iterable[Rendered], options: Options) -> Iterator[str]: ...


def renderer(fmt: Format) -> Renderer:
    """The module that renders `fmt`: `render(items, options)` and its file `SUFFIX`."""
    module = importlib.import_module(f"annotate.render.{_MODULES.get(fmt, fmt.value)}")
    return cast(Renderer, module)


def story_by_story(fmt: Format) -> StoryByStory | None:
    """The module of `fmt` when it renders each story on its own, else None."""
    module = renderer(fmt)
    return cast(StoryByStory, module) if hasattr(module, "one") else None


def stream(fmt: Format, items: Iterable[Glossed], options: Options) -> Iterator[str]:
    """The text of `items` in format `fmt`, story by story as they come, for the formats that
    can (one story in memory at a time); the whole text at the end for the others (html,
    whose contents come first)."""
    from annotate.render.model import each

    module = story_by_story(fmt)
    if module is not None:
        return module.joined(each(items, options, module.one), options)
    return iter([renderer(fmt).render(list(items), options)])


def render(fmt: Format, items: Sequence[Glossed], options: Options) -> str:
    """The text of `items` in format `fmt`.

    Example: render(Format.inline, [Glossed(story, spots)], Options())
    """
    return renderer(fmt).render(items, options)
