"""AO3 downloads (HTML, and the XHTML members of AO3 EPUBs), read by structure.

AO3 translates its labels ("Summary", "Chapter Notes") into the reader's language, so parts are
found by ids, classes, comments and order:

- `div#preface`: the `h1` is the title; its `blockquote.userstuff`s are the summary and notes.
- `div#chapters` (or a body holding `div.meta`/`div.userstuff`, as AO3 EPUB chapter files do):
  a `div.meta` with a heading starts a chapter (heading = chapter title, blockquotes = chapter
  summary and notes); `div.userstuff` is chapter text; a `div.meta` after the text holds the
  chapter's end notes. A single-chapter work has its text straight in `div#chapters`, between
  `<!--chapter content-->` and `<!--/chapter content-->`.
- `div#afterword`: the blockquotes of `div#endnotes` are the work's end notes.

One thing structure cannot tell: a lone blockquote under a meta block is a summary or notes.
There the label before it decides if it is a known word for "summary", else the usual case
does (a work's lone blockquote is its summary; a chapter's, its notes).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from annotate.readers.flow import Flow
from annotate.readers.html import Document, render
from annotate.story import Part

# "Summary" and "Notes" in languages AO3 is read in: only a hint for the one ambiguous case.
SUMMARY_LABELS = frozenset(
    [
        "summary",
        "chapter summary",
        "resumen",
        "resumen del capítulo",
        "résumé",
        "résumé du chapitre",
        "resumo",
        "zusammenfassung",
        "riassunto",
        "samenvatting",
        "sammanfattning",
        "streszczenie",
        "shrnutí",
        "özet",
        "резюме",
        "краткое содержание",
        "摘要",
        "概要",
        "要約",
        "요약",
    ]
)
NOTES_LABELS = frozenset(
    [
        "notes",
        "chapter notes",
        "notas",
        "notas del capítulo",
        "notes du chapitre",
        "anmerkungen",
        "note",
        "notities",
        "anteckningar",
        "notatki",
        "poznámky",
        "notlar",
        "примечания",
        "注释",
        "備考",
        "メモ",
        "노트",
    ]
)
_STRUCTURE = "div#preface, div#chapters, div#afterword"
_BLOCKS = "div.meta, div.userstuff"
_PARTS = frozenset({"preface", "afterword"})


def is_ao3(tree: LexborHTMLParser) -> bool:
    return tree.css_first(_STRUCTURE) is not None


def has_chapter_blocks(tree: LexborHTMLParser) -> bool:
    """An AO3 EPUB chapter file: `div.userstuff` text without the download's wrappers."""
    return tree.css_first("div.userstuff") is not None


class Ao3Work:
    """Reads one work from one document (HTML) or several in order (EPUB members)."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.chapter = 0
        self._text_seen = False  # the current chapter's text has begun
        self._open: tuple[Part, int | None] | None = None

    def feed(self, doc: Document) -> None:
        tree = doc.tree
        if (preface := tree.css_first("div#preface")) is not None:
            self._preface(preface, doc)
        # without `div#chapters` (an EPUB's files), the body; preface and afterword left out
        chapters = tree.css_first("div#chapters") or tree.body
        if chapters is not None:
            self._chapters(chapters, doc)
        if (afterword := tree.css_first("div#afterword")) is not None:
            endnotes = afterword.css_first("div#endnotes") or afterword
            for quote in _blockquotes(endnotes):
                self._part(Part.end_notes, None, quote, doc)

    def finish(self) -> None:
        self.flow.end()
        self._open = None

    def _part(self, part: Part, chapter: int | None, node: LexborNode, doc: Document) -> None:
        if self._open != (part, chapter):
            self.flow.begin(part, chapter)
            self._open = (part, chapter)
        render(node, self.flow, doc, skip=_PARTS)

    def _preface(self, preface: LexborNode, doc: Document) -> None:
        if (title := preface.css_first("h1")) is not None:
            self._part(Part.title, None, title, doc)
        for part, quote in _summary_and_notes(_blockquotes(preface), Part.summary):
            self._part(part, None, quote, doc)

    def _chapters(self, root: LexborNode, doc: Document) -> None:
        # Loose content (a single-chapter work) is text; with the `chapter content` comments,
        # only what stands between them.
        inside: bool | None = None
        child = root.child
        while child is not None:
            if child.is_comment_node:
                comment = (child.comment_content or "").strip().lower()
                if comment == "chapter content":
                    inside = True
                elif comment == "/chapter content":
                    inside = False
            elif child.is_element_node:
                self._block(child, doc, inside is not False)
            elif (
                child.is_text_node
                and inside is not False
                and not (child.text_content or "").isspace()
            ):
                self._text(child, doc, new_chapter=False)
            child = child.next

    def _block(self, node: LexborNode, doc: Document, loose: bool) -> None:
        attrs = node.attributes
        if attrs.get("id") in _PARTS:
            return
        classes = (attrs.get("class") or "").split()
        if node.tag == "div" and "meta" in classes:
            self._meta(node, doc)
        elif node.tag == "div" and "userstuff" in classes:
            self._text(node, doc, new_chapter=True)
        elif node.css_first(_BLOCKS) is not None:
            self._chapters(node, doc)  # a wrapper around chapters
        elif loose:
            self._text(node, doc, new_chapter=False)

    def _meta(self, meta: LexborNode, doc: Document) -> None:
        heading = meta.css_first(".heading, h2, h3")
        quotes = _blockquotes(meta)
        if heading is not None:
            self.chapter += 1
            self._text_seen = False
            self._part(Part.chapter_title, self.chapter, heading, doc)
        elif self._text_seen:
            for quote in quotes:
                self._part(Part.end_notes, self.chapter, quote, doc)
            return
        self.chapter = max(self.chapter, 1)
        for part, quote in _summary_and_notes(quotes, Part.notes):
            self._part(part, self.chapter, quote, doc)

    def _text(self, node: LexborNode, doc: Document, *, new_chapter: bool) -> None:
        if self.chapter == 0 or (new_chapter and self._text_seen):
            self.chapter += 1
        self._text_seen = True
        self._part(Part.text, self.chapter, node, doc)


def _blockquotes(node: LexborNode) -> list[LexborNode]:
    """The outermost `blockquote.userstuff`s under `node` (a note may quote with another)."""
    found = node.css("blockquote.userstuff")
    return [q for q in found if not any(_inside(q, other) for other in found if other is not q)]


def _inside(node: LexborNode, ancestor: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id == ancestor.mem_id:
            return True
        parent = parent.parent
    return False


def _summary_and_notes(quotes: list[LexborNode], lone: Part) -> list[tuple[Part, LexborNode]]:
    """AO3 writes the summary before the notes; a lone blockquote goes by its label or `lone`."""
    if len(quotes) == 1:
        label = _label(quotes[0])
        if label in SUMMARY_LABELS:
            lone = Part.summary
        elif label in NOTES_LABELS:
            lone = Part.notes
        return [(lone, quotes[0])]
    return [(Part.summary if i == 0 else Part.notes, q) for i, q in enumerate(quotes)]


def _label(quote: LexborNode) -> str:
    node = quote.prev
    while node is not None and not node.is_element_node:
        node = node.prev
    if node is None or node.tag != "p":
        return ""
    return node.text(deep=True).strip().rstrip(":\uff1a").strip().lower()
