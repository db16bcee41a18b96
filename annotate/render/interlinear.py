"""`interlinear`: the story, and after each paragraph every conlang stretch of two or more
words set out Leipzig-style: the words, a word-by-word gloss aligned in columns under them,
and the free translation in quotes. Single glossed words keep an inline gloss.

A word's gloss is its entry's, else the bundled lexicon's (of the glossary's language), else
the one learned from the glossary's phrases (marked `~`); `?` only for a word nobody knows.
Single words are glossed where a reader needs it (`choice`); a stretch is set out unless every
span of it was glossed just before.

Example (`~`: learned from the glossary's phrases; `?`: not known):
    Yu      gonplei  ste  odon.
    you     fight    ~be  over
    'Your fight is over'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from annotate.render.choice import Shown, chosen
from annotate.render.glosses import gloss, short_gloss
from annotate.render.inline import bracket
from annotate.render.model import Glossed, Options, Rendered, each
from annotate.render.runs import blocks
from annotate.render.terminal import Piece, Style, each_story, emit, paint, story_pieces, width_of
from annotate.spotting import Spot
from annotate.story import Story

SUFFIX = ".txt"
INDENT = "    "
_WORD = re.compile(r"[^\W_]+")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
# What may stand between two glossed spans of one stretch: no word, no sentence end.
_JOINS = re.compile(r"[^\w.!?;:\n]*\n?[^\w.!?;:\n]*")


@dataclass(frozen=True)
class Stretch:
    """Glossed spans of one sentence next to each other (spaces, commas, dashes between)."""

    spots: list[Spot]

    @property
    def start(self) -> int:
        return self.spots[0].start

    @property
    def end(self) -> int:
        return self.spots[-1].end


def stretches(story: Story, spots: list[Spot]) -> list[Stretch]:
    """The conlang stretches of two words or more; a single glossed word is no stretch."""
    groups: list[list[Spot]] = []
    for spot in spots:
        between = story.text[groups[-1][-1].end : spot.start] if groups else ""
        if groups and _JOINS.fullmatch(between):
            groups[-1].append(spot)
        else:
            groups.append([spot])
    return [
        Stretch(g) for g in groups if len(_WORD.findall(story.text[g[0].start : g[-1].end])) >= 2
    ]


def _words(text: str) -> int:
    # Whitespace-separated, as the columns are: `TRIGEDASLE\u0302NG` is one word.
    return sum(1 for w in text.split() if _WORD.search(w))


def leipzig(story: Story, stretch: Stretch, options: Options) -> list[str]:
    """The three lines of one stretch (more when its columns are wider than the page)."""
    words = story.text[stretch.start : stretch.end].split()
    glosses = [_word_gloss(w, options) for w in words]
    entries = [s.entry for s in stretch.spots]
    if len(entries) == 1:
        free = gloss(entries[0])
    else:
        free = " / ".join(g for g in map(short_gloss, entries) if g)
    columns = [max(width_of(w), width_of(g)) for w, g in zip(words, glosses, strict=True)]
    rows: list[list[int]] = [[]]
    used = len(INDENT)
    for i, size in enumerate(columns):
        if rows[-1] and options.width and used + size > options.width:
            rows.append([])
            used = len(INDENT)
        rows[-1].append(i)
        used += size + 2
    lines = []
    for row in rows:
        top = "  ".join(_pad(words[i], columns[i]) for i in row).rstrip()
        under = "  ".join(_pad(glosses[i], columns[i]) for i in row).rstrip()
        lines.append(INDENT + paint(top, Style.ITALIC, options.color))
        lines.append(INDENT + paint(under, Style.GLOSS, options.color))
    if free:
        lines.append(f"{INDENT}\u2018{free}\u2019")
    return lines


def _pad(text: str, size: int) -> str:
    return text + " " * (size - width_of(text))


def _word_gloss(word: str, options: Options) -> str:
    """Leipzig: a gloss of several English words is one column, its words joined by dots;
    the entry's gloss, else the lexicon's, else `~` and the one learned from the glossary's
    phrases, else `?`."""
    bare = _EDGES.sub("", word)
    if not bare:
        return "?"
    entry = options.word(bare)
    if entry is not None and entry.kind == "name":
        return bare
    found = short_gloss(entry) if entry is not None else ""
    if not found and (lexicon := options.lexicon(bare)):
        found = lexicon
    if not found and (learned := options.learned(bare)):
        found = "~" + learned
    return ".".join(found.split()) or "?"


def joined(texts: Iterable[Rendered], options: Options) -> Iterator[str]:
    return each_story(texts, options)


def render(items: Sequence[Glossed], options: Options) -> str:
    return "".join(joined(each(items, options, one), options))


def one(item: Glossed, options: Options) -> str:
    """One story on its own."""
    story = item.story
    shown = chosen(story, item.spots, every=options.every, memo=options.memo)
    every = stretches(story, item.spots)
    found = [st for st in every if any(shown[id(s)] != Shown.repeat for s in st.spots)]
    in_stretch = {id(s) for st in every for s in st.spots}

    def after(spot: Spot) -> Piece | None:
        if id(spot) in in_stretch or shown[id(spot)] != Shown.gloss:
            return None
        return bracket(spot)

    paragraphs = []
    for block in blocks(story):
        pieces = story_pieces(
            story, item.spots, after, color=options.color, start=block.start, end=block.end
        )
        lines = [emit(pieces, color=options.color, width=options.width)]
        for stretch in found:
            if block.start <= stretch.start < block.end:
                lines += ["", *leipzig(story, stretch, options)]
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs) + "\n"
