"""Inline text into paragraphs, by the whitespace rules a browser uses.

HTML readers hand over text nodes as they come (with their source line, italic and hover
state); `Flow` collapses runs of whitespace (the no-break space too, which fics use as filler:
`<p>&nbsp;</p>`) to one space, drops it at paragraph edges, turns
`<br>` into a line break and `<br><br>` into a paragraph break, and keeps every piece's source
line, splitting nodes at their newlines so each piece knows its own line.
"""

from __future__ import annotations

from annotate.story import Part, StoryBuilder

_CONTROLS = bytes([*range(32), 127])  # what ASCII cannot print


def _printable(text: str) -> bool:
    """`text.isprintable()`: for ASCII text by a byte table, at half the cost of a Unicode
    lookup per character."""
    if text.isascii():
        return len(text.encode().translate(None, _CONTROLS)) == len(text)
    return text.isprintable()


class Flow:
    def __init__(self, builder: StoryBuilder) -> None:
        self.builder = builder
        self._started = False  # text in the current paragraph
        self._space: tuple[bool, str | None] | None = None  # a pending space's italic, hover
        self._breaks = 0  # pending <br>s

    def text(self, text: str, line: int, italic: bool = False, hover: str | None = None) -> None:
        """Append a text node that starts at source line `line`."""
        if "\n" in text:
            for i, piece in enumerate(text.split("\n")):
                if i:
                    self.space(italic, hover)
                if piece:
                    self.text(piece, line + i, italic, hover)
            return
        if not text:
            return
        # Any whitespace collapses to one space, the no-break space too. Printable text holds no
        # whitespace but the ASCII space, so without double spaces there is nothing to collapse:
        # the hot path, spared a split.
        plain = _printable(text) and "  " not in text
        words = text.strip() if plain else " ".join(text.split())
        space = self._space
        if space is None and text[0].isspace():
            space = (italic, hover)
        if not words:
            self._space = space
            return
        add = self.builder.add
        if self._started:
            if self._breaks:
                add("\n", line)
            elif space is not None:
                add(" ", line, italic=space[0], hover=space[1])
        self._breaks = 0
        add(words, line, italic=italic, hover=hover)
        self._started = True
        self._space = (italic, hover) if text[-1].isspace() else None

    def block(self, text: str, line: int, italic: bool = False, hover: str | None = None) -> None:
        """A block that holds one text node (most paragraphs): `paragraph()`, `text(...)`,
        `paragraph()`, at once when it is plain text."""
        builder = self.builder
        if builder.paragraph_start is not None:
            builder.end_paragraph()
        self._started = False
        self._space = None
        self._breaks = 0
        if text.isspace():  # `<p>&nbsp;</p>`: a space at most, which the block's end drops
            return
        if italic or hover or not _printable(text) or "  " in text:  # a newline is unprintable
            self.text(text, line, italic, hover)
            self.paragraph()
        elif words := text.strip():
            builder.add_paragraph(words, line)

    def blocks(self, blocks: list[tuple[int, str]]) -> None:
        """`block(text, line)` for each (line, text) of blocks in a row: at once when all are
        plain text, as most of a story is."""
        # a separator that is printable and no space, so it makes no double space
        joined = "|".join([text for _, text in blocks])
        if blocks and _printable(joined) and "  " not in joined:
            self.paragraph()
            for line, text in blocks:
                self.builder.add_paragraph(text.strip(), line)
            return
        for line, text in blocks:
            self.block(text, line)

    def space(self, italic: bool = False, hover: str | None = None) -> None:
        """A space, as from text that is only whitespace: it shows between words."""
        if self._space is None:
            self._space = (italic, hover)

    def line_break(self) -> None:
        """A `<br>`: the second in a row (with only whitespace between) ends the paragraph."""
        self._breaks += 1
        if self._breaks >= 2 and self._started:
            self.paragraph()

    def paragraph(self) -> None:
        """End the current paragraph (a block element starts or ends)."""
        if self.builder.paragraph_start is not None:  # most blocks have just ended one
            self.builder.end_paragraph()
        self._started = False
        self._space = None
        self._breaks = 0

    def begin(self, part: Part, chapter: int | None = None, label: str | None = None) -> None:
        self.paragraph()
        self.builder.begin(part, chapter, label)

    def end(self) -> None:
        self.paragraph()
        self.builder.end_section()
