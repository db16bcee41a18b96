"""A story read without some of its parts (an EPUB missing a chapter file)."""

from __future__ import annotations

from annotate.story import Story
from glossary.errors import GlossError


class PartlyRead(GlossError):
    """Raised once the rest of a story is read: `story` holds it, the message says what is
    missing. A caller that knows this error glosses `story` and reports the message (exit 1
    at the end); any other caller refuses the story with the message, as for any GlossError.

    Example: PartlyRead(story, "book.epub: corrupt EPUB: OEBPS/ch2.xhtml is missing ...")
    """

    def __init__(self, story: Story, message: str) -> None:
        super().__init__(message)
        self.story = story

    def __reduce__(self) -> tuple[type[PartlyRead], tuple[Story, str]]:
        # sent between processes whole (the default would call __init__ with the message only)
        return (PartlyRead, (self.story, self.message))
