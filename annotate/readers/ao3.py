"""AO3 works (downloads, saved work pages, the XHTML files of AO3 EPUBs), read by structure.

AO3 translates its labels ("Summary", "Chapter Notes") into the reader's language, so parts are
found by ids, classes, comments and order. A download:

- `div#preface`: the `h1` is the title; its `blockquote.userstuff`s are the summary and notes.
- `div#chapters` (or a body holding `div.meta`/`div.userstuff`, as AO3 EPUB chapter files do):
  a `div.meta` with a heading starts a chapter (heading = chapter title, blockquotes = chapter
  summary and notes); `div.userstuff` is chapter text; a `div.meta` after the text holds the
  chapter's end notes. A single-chapter work has its text straight in `div#chapters`, between
  `<!--chapter content-->` and `<!--/chapter content-->`.
- `div#afterword`: the blockquotes of `div#endnotes` are the work's end notes.

A work page saved from the browser has the same parts as `div.preface` (the work's, and each
chapter's as `div.chapter.preface`), `div.userstuff` and `div.afterword`; there each note sits
in a `div.summary`, `div.notes` or `div.end.notes`, which says what it is.

One thing a download's structure cannot tell: a lone blockquote under a meta block is a summary
or notes. There the label before it decides if it is a known word for "summary" or "notes",
else the usual case does (a work's lone blockquote is its summary; a chapter's, its notes).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from annotate.readers.dom import Document, holds_elements, render_all
from annotate.readers.flow import Flow
from annotate.story import Part

# "Summary" and "Notes" in languages AO3 is read in: only a hint for the one ambiguous case.
_SUMMARY = (
    "summary|chapter summary|resumen|resumen del capítulo|résumé|résumé du chapitre|resumo"
    "|zusammenfassung|riassunto|samenvatting|sammanfattning|streszczenie|shrnutí|özet|резюме"
    "|краткое содержание|摘要|概要|要約|요약"
)
_NOTES = (
    "notes|chapter notes|notas|notas del capítulo|notes du chapitre|anmerkungen|note|notities"
    "|anteckningar|notatki|poznámky|notlar|примечания|注释|備考|メモ|노트"
)
SUMMARY_LABELS = frozenset(_SUMMARY.split("|"))
NOTES_LABELS = frozenset(_NOTES.split("|"))
_STRUCTURE = "div#preface, div#chapters, div#afterword"
_BLOCKS = "div.meta, div.userstuff, div.preface"
_PARTS = frozenset({"preface", "afterword"})
_LANDMARK = frozenset({"landmark"})  # a saved page's hidden "Chapter Text" headings


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
        self._pending: list[LexborNode] = []  # of the open part, not yet flowed

    def feed(self, doc: Document) -> None:
        tree = doc.tree
        for preface in _outermost(tree.css("div#preface, div.preface")):
            if _work_part(preface) == "preface":
                self._preface(preface, doc)
        # without `div#chapters` (an EPUB's files), the body; preface and afterword left out
        chapters = tree.css_first("div#chapters") or tree.body
        if chapters is not None:
            self._chapters(chapters, doc)
        for afterword in _outermost(tree.css("div#afterword, div.afterword")):
            endnotes = afterword.css_first("div#endnotes") or afterword
            for quote in _blockquotes(endnotes):
                self._part(Part.end_notes, None, quote, doc)
        self._render(doc)

    def finish(self) -> None:
        self.flow.end()
        self._open = None

    def _part(self, part: Part, chapter: int | None, node: LexborNode, doc: Document) -> None:
        if self._open != (part, chapter):
            self._render(doc)
            self.flow.begin(part, chapter)
            self._open = (part, chapter)
        self._pending.append(node)

    def _render(self, doc: Document) -> None:
        """Flow the nodes of the open part at once (a one-shot's paragraphs come one by one)."""
        render_all(self._pending, self.flow, doc, skip=_PARTS, skip_classes=_LANDMARK)
        self._pending.clear()

    def _preface(self, preface: LexborNode, doc: Document) -> None:
        if (title := preface.css_first("h1, h2.title")) is not None:
            self._part(Part.title, None, title, doc)
        for part, quote in _summary_and_notes(preface, Part.summary):
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
        classes = (attrs.get("class") or "").split()
        part = _part_of(attrs.get("id"), classes)
        if part in ("preface", "afterword", "landmark"):
            return
        tag = node.tag
        if tag == "div" and ("meta" in classes or part == "chapter preface"):
            self._meta(node, doc)
        elif tag == "div" and "userstuff" in classes:
            self._text(node, doc, new_chapter=True)
        # (a query matches the node itself too: only a div can be one of those blocks)
        elif (tag == "div" or holds_elements(node)) and node.css_first(_BLOCKS) is not None:
            self._chapters(node, doc)  # a wrapper around chapters
        elif loose:
            self._text(node, doc, new_chapter=False)

    def _meta(self, meta: LexborNode, doc: Document) -> None:
        heading = _heading(meta)
        if heading is not None:
            self.chapter += 1
            self._text_seen = False
            self._part(Part.chapter_title, self.chapter, heading, doc)
        elif self._text_seen:
            for quote in _blockquotes(meta):
                self._part(Part.end_notes, self.chapter, quote, doc)
            return
        self.chapter = max(self.chapter, 1)
        for part, quote in _summary_and_notes(meta, Part.notes):
            self._part(part, self.chapter, quote, doc)

    def _text(self, node: LexborNode, doc: Document, *, new_chapter: bool) -> None:
        if self.chapter == 0 or (new_chapter and self._text_seen):
            self.chapter += 1
        self._text_seen = True
        self._part(Part.text, self.chapter, node, doc)


def _classes(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


def _work_part(node: LexborNode) -> str | None:
    """What a block is by its id or classes: the work's preface or afterword, a chapter's."""
    attrs = node.attributes
    return _part_of(attrs.get("id"), (attrs.get("class") or "").split())


def _part_of(id_: str | None, classes: list[str]) -> str | None:
    if (id_ or "") in _PARTS:
        return id_
    if "landmark" in classes:
        return "landmark"
    if "afterword" in classes:
        return "afterword"
    if "preface" in classes:
        return "chapter preface" if "chapter" in classes else "preface"
    return None


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """`nodes` without those inside another of them (a note may quote with a blockquote)."""
    ids = {n.mem_id for n in nodes}
    out = []
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            out.append(node)
    return out


def _blockquotes(node: LexborNode) -> list[LexborNode]:
    return _outermost(node.css("blockquote.userstuff"))


def _within(node: LexborNode, top: LexborNode) -> list[str]:
    """The classes of `node`'s ancestors below `top`."""
    classes: list[str] = []
    parent = node.parent
    while parent is not None and parent.mem_id != top.mem_id:
        classes += _classes(parent)
        parent = parent.parent
    return classes


def _heading(meta: LexborNode) -> LexborNode | None:
    """The chapter heading of a meta block, not the heading of a note inside it."""
    for heading in meta.css("h1, h2, h3, h4, .heading"):
        if not {"summary", "notes", "end"} & set(_within(heading, meta)) and (
            "landmark" not in _classes(heading)
        ):
            return heading
    return None


def _summary_and_notes(meta: LexborNode, lone: Part) -> list[tuple[Part, LexborNode]]:
    """A saved page says by class; a download writes the summary before the notes, and a lone
    blockquote goes by its label, or is `lone`."""
    quotes = _blockquotes(meta)
    found: list[tuple[Part, LexborNode]] = []
    for i, quote in enumerate(quotes):
        around = _within(quote, meta)
        if "summary" in around:
            part = Part.summary
        elif "end" in around or "endnotes" in around:
            part = Part.end_notes
        elif "notes" in around:
            part = Part.notes
        elif len(quotes) > 1:
            part = Part.summary if i == 0 else Part.notes
        else:
            label = _label(quote)
            part = (
                Part.summary
                if label in SUMMARY_LABELS
                else Part.notes
                if label in NOTES_LABELS
                else lone
            )
        found.append((part, quote))
    return found


def _label(quote: LexborNode) -> str:
    node = quote.prev
    while node is not None and not node.is_element_node:
        node = node.prev
    if node is None or node.tag != "p":
        return ""
    return node.text(deep=True).strip().rstrip(":\uff1a").strip().lower()
