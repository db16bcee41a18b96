"""Markdown drafts: CommonMark italics (`*x*`, `_x_`), headings, footnote definitions.

markdown-it-py parses (CommonMark's emphasis rules are subtle: `snake_case` is no italics,
`*a*b*` is) and gives each block its source lines; inside a paragraph every soft or hard break
is one more source line. Inline HTML is read too: `<i>`/`<em>` italics and `<span title>` hover
texts, as AO3 writers use them; HTML blocks go through the HTML reader.

Structure: a lone top-level heading that opens the file is the title; the other headings of
the highest remaining level start chapters (their text is the chapter title); deeper headings
are text. Footnote definitions (`[^label]: text`, continued by indented lines) are taken out
before parsing, their lines left blank so that every other line keeps its number, and come
last as `footnotes` sections carrying their labels.

Paragraphs with no Markdown syntax but plain `*italics*`, most of a story, are set aside
before parsing (`markdown_plain`): the parser, pure Python, costs ten times more than the rest.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from annotate.readers.decoding import decode_text, read_bytes
from annotate.readers.dom import parse_html, render
from annotate.readers.flow import Flow
from annotate.readers.markdown_plain import PLACEHOLDER, SetAside, set_aside
from annotate.story import Part, Story, StoryBuilder

_FOOTNOTE = re.compile(
    r"^ {0,3}\[\^([^\]\n]+)\]:[ \t]*(.*(?:\n(?:[ \t]*\n)*(?: {4}|\t).*)*)", re.MULTILINE
)
_INDENT = re.compile(r"^(?: {1,4}|\t)", re.MULTILINE)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>")
_TITLE = re.compile(r"""\btitle\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_PARSER = MarkdownIt("commonmark")
_WITH_TEXT = frozenset({"inline", "code_block", "fence", "html_block"})


def read_markdown(path: Path, label: str) -> Story:
    return parse_markdown(decode_text(read_bytes(path, label), label), label)


def parse_markdown(source: str, label: str) -> Story:
    body, footnotes = split_footnotes(source)
    builder = StoryBuilder(label)
    reader = _Reader(builder)
    tokens, aside = _parse(body)
    reader.chapter_headings(tokens)
    builder.begin(Part.text)
    reader.blocks(tokens, aside, 0, top=True)
    for label_, line, text in footnotes:
        reader.flow.begin(Part.footnotes, None, label_)
        reader.blocks(*_parse(text), line - 1, top=False)
    return builder.build()


def _parse(source: str) -> tuple[list[Token], SetAside]:
    """The tokens of `source` with its plain paragraphs set aside, and what was set aside."""
    aside = set_aside(source)
    if aside.text == PLACEHOLDER:  # all set aside, as most footnotes: what the parser would say
        return [Token("html_block", "", 0, map=[0, 1], content=PLACEHOLDER, block=True)], aside
    tokens = _PARSER.parse(aside.text)
    if aside.runs:
        placeholders = {
            t.map[0] if t.map else -1
            for t in tokens
            if t.type == "html_block" and t.level == 0 and t.content.rstrip() == PLACEHOLDER
        }
        if not placeholders.issuperset(aside.runs):  # not where they were put: a lone `\r`
            return _PARSER.parse(source), SetAside(source)  # above is a line break to the parser
    return tokens, aside


def split_footnotes(source: str) -> tuple[str, list[tuple[str, int, str]]]:
    """The source with footnote definitions blanked, and each one's (label, line, Markdown)."""
    found: list[tuple[str, int, str]] = []
    pieces: list[str] = []
    done, line = 0, 1
    for match in _footnotes(source):
        line += source.count("\n", done, match.start())
        found.append((match.group(1), line, _INDENT.sub("", match.group(2))))
        pieces += [source[done : match.start()], "\n" * match.group(0).count("\n")]
        line += match.group(0).count("\n")
        done = match.end()
    if not found:
        return source, found
    pieces.append(source[done:])
    return "".join(pieces), found


def _footnotes(source: str) -> Iterator[re.Match[str]]:
    """`_FOOTNOTE.finditer(source)`, trying only lines that begin with `[^` (4x faster)."""
    done = line = seen = 0  # `line`: where the line holding `seen` begins
    at = source.find("[^")
    while at >= 0:
        line = source.rfind("\n", seen, at) + 1 or line
        seen = at
        if line >= done and at - line <= 3 and source[line:at] == " " * (at - line):
            match = _FOOTNOTE.match(source, line)
            if match:
                yield match
                done = match.end()
        at = source.find("[^", max(at + 2, done))


class _Reader:
    def __init__(self, builder: StoryBuilder) -> None:
        self.builder = builder
        self.flow = Flow(builder)
        self.title_at: int | None = None  # index of the title's heading_open
        self.chapter_tag: str | None = None  # `h2`: the level whose headings start chapters
        self.chapter: int | None = None

    def chapter_headings(self, tokens: list[Token]) -> None:
        tags = [t.tag for t in tokens if t.type == "heading_open" and t.level == 0]
        if not tags:
            return
        if tokens[0].type == "heading_open" and tags.count(tags[0]) == 1 and tags[0] == min(tags):
            self.title_at = 0
            tags = tags[1:]
        self.chapter_tag = min(tags) if tags else None

    def blocks(self, tokens: list[Token], aside: SetAside, offset: int, *, top: bool) -> None:
        """Flow the blocks of a parsed document whose line 1 is source line `offset + 1`, and
        the plain paragraphs `aside` in place of their placeholders.

        Headings give structure only at the `top`, not inside a footnote."""
        heading: Part | None = None
        for i, token in enumerate(tokens):
            kind = token.type
            if kind == "heading_open" and top:
                if i == self.title_at:
                    heading = Part.title
                elif token.tag == self.chapter_tag and token.level == 0:
                    heading = Part.chapter_title
                    self.chapter = (self.chapter or 0) + 1
                if heading is not None:
                    self.flow.begin(heading, None if heading is Part.title else self.chapter)
            elif kind == "heading_close" and heading is not None:
                self.flow.begin(Part.text, self.chapter)
                heading = None
            elif kind in _WITH_TEXT:
                start = token.map[0] if token.map else -1
                line = offset + (aside.source_line(start) + 1 if token.map else 0)
                if kind == "inline":
                    self.inline(token.children or [], line)
                    self.flow.paragraph()
                elif kind == "html_block" and start in aside.runs:  # a placeholder
                    for at, text in zip(*aside.runs[start], strict=True):
                        if "*" in text:
                            self.italics(text, offset + at + 1)
                        else:
                            self.builder.add_paragraph(text, offset + at + 1)
                elif kind == "html_block":
                    doc = parse_html(token.content, first_line=line)
                    if doc.body is not None:
                        render(doc.body, self.flow, doc)
                    self.flow.paragraph()
                else:
                    first = line + (1 if kind == "fence" else 0)
                    self.builder.add(token.content.rstrip("\n"), first)
                    self.flow.paragraph()

    def italics(self, text: str, line: int) -> None:
        """A paragraph set aside whose `*`s open and close italics in turn."""
        add = self.builder.add
        for i, part in enumerate(text.split("*")):
            for j, piece in enumerate(part.split("\n") if "\n" in part else (part,)):
                if j:
                    add("\n", line, italic=i % 2 == 1)
                    line += 1
                add(piece, line, italic=i % 2 == 1)
        self.flow.paragraph()

    def inline(self, children: list[Token], line: int) -> None:
        add = self.builder.add
        emphasis = 0  # open `*x*`
        tags = 0  # open `<i>`/`<em>`
        hovers: list[str | None] = []  # open `<span>`s, with their titles
        for child in children:
            kind = child.type
            if kind in ("text", "code_inline", "softbreak", "hardbreak"):
                hover = next((h for h in reversed(hovers) if h), None)
                breaks = kind in ("softbreak", "hardbreak")  # italics go on over a line break
                add(
                    "\n" if breaks else child.content, line, italic=emphasis + tags > 0, hover=hover
                )
                line += 1 if breaks else 0
            elif kind == "em_open":
                emphasis += 1
            elif kind == "em_close":
                emphasis -= 1
            elif kind == "html_inline":
                for tag in _TAG.finditer(child.content):
                    closing, name = tag.group(1), tag.group(2).lower()
                    if name in ("i", "em"):
                        tags = max(tags - 1, 0) if closing else tags + 1
                    elif name == "span" and closing:
                        if hovers:
                            hovers.pop()
                    elif name == "span":
                        title = _TITLE.search(tag.group(3))
                        value = title and next(g for g in title.groups() if g is not None)
                        hovers.append(html.unescape(value) if value else None)
                    elif name == "br":
                        add("\n", line)
                line += child.content.count("\n")
