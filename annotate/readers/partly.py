"""A story read without some of its parts (an EPUB missing a chapter file)."""

from __future__ import annotations

from annotate.story import Story
from glossary.errors import GlossError


class PartlyRead(GlossError):
    """Raised once the rest of a story is read: `story` holds it, the message says what is
    missing. A caller that knows this error uses `story` and reports `used()` (exit 1 at the
    end); any other caller refuses the story with the message, as for any GlossError.

    Example: PartlyRead(story, "book.epub: corrupt EPUB: OEBPS/ch2.xhtml is missing")
    """

    def __init__(self, story: Story, message: str) -> None:
        super().__init__(message)
        self.story = story

    def used(self) -> list[str]:
        """The lines to report when `story` was used: what is missing, and that the rest was
        read."""
        return [f"{line}; the rest was read" for line in self.lines()]

    def __reduce__(self) -> tuple[type[PartlyRead], tuple[Story, str]]:
        # sent between processes whole (the default would call __init__ with the message only)
        return (PartlyRead, (self.story, self.message))
