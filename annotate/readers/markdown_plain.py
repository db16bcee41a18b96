"""Plain paragraphs of a Markdown draft, set aside before parsing: nine in ten, read for free.

A paragraph with no Markdown syntax in it (no `_`<&\\`, no line that could start a block or
underline a heading) is its lines, each stripped of the spaces CommonMark drops around a line
break, joined by line breaks. So is one whose only syntax is italics as stories write them,
`*Heda*,`: each `*` alone, opening and closing in turn where CommonMark's rules leave no doubt
(`italic_pairs`). `set_aside` takes such paragraphs out, so that markdown-it-py,
pure Python, parses only the rest: each run of them becomes one line `<!---->`, an HTML block,
which like them closes a list or indented code above it, so the blocks around it parse as
before (and unlike them needs no inline parsing). `source_line` maps the lines of the shorter
text back to the source's.

A plain paragraph follows a blank line (or opens the file) unindented: nothing before it can
hold it, unless a fenced code block or an HTML block that spans blank lines is open, so from
the paragraph of the first line that could open one (rare in stories) on, nothing is set aside.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

PLACEHOLDER = "<!---->"
Paragraphs = tuple[Sequence[int], list[str]]  # the source line of each, and its text

# Lines up to a blank one, from a line's start: tried inside a blank line of n spaces, it
# would take n steps at each of them.
_PARAGRAPH = r"(?<![^\n])[ \t]*+[^ \t\n][^\n]*+(?:\n[ \t]*+[^ \t\n][^\n]*+)*+"
_BLOCK_START = r"[\-+#>=~]|\d+[.)]"  # what may start a block or underline a heading


def _runs(text: str) -> re.Pattern[str]:
    """A run of plain paragraphs, blank lines apart, in group `run`, or another paragraph.

    A plain paragraph's lines are all `text`, none able to start a block or underline a
    heading; the first is not indented, nor begun by whitespace that the parser strips."""
    plain = (
        rf"(?!\s|{_BLOCK_START}){text}(?:\n[ \t]*+(?!{_BLOCK_START}){text})*+"
        r"(?=\n[ \t]*+(?:\n|\Z)|\Z)"
    )
    return re.compile(rf"(?P<run>{plain}(?:\n(?:[ \t]*+\n)++{plain})*+)|{_PARAGRAPH}")


# Text: no inline syntax, nor `\r` or `\0`, which the parser rewrites. Brackets are text too
# (footnote marks: `[^1]`) where nothing defines a link (`[x]: url`) and no `](` makes one.
_RUNS = _runs(r"[^\n_`\\<&\[\r\0]++")
_RUNS_NO_LINKS = _runs(r"(?:[^\n_`\\<&\]\r\0]++|\](?!\())++")
_PARAGRAPHS = re.compile(_PARAGRAPH)
# A fence or an HTML block that a blank line does not end (CommonMark's HTML blocks 1 to 5).
_SPANS_BLANKS = r" {0,3}(?:```|~~~|<(?:[!?]|(?:script|pre|style|textarea)\b))"
_SPANS_BLANKS_FIRST = re.compile(_SPANS_BLANKS, re.I)
_SPANS_BLANKS_NEXT = re.compile(rf"\n{_SPANS_BLANKS}", re.I)  # (ten times faster than `^`)
_BREAK = re.compile(r" *\n[ \t]*")  # the spaces around a line break that the parser drops
# Next to a `*`: whitespace, punctuation (ASCII's and Unicode's in every version; neither
# symbols nor `*`), or letters and digits, as CommonMark tells an opening `*` from a closing.
_STAR = re.compile(r"\*")
_WHITESPACE = re.compile(r"\s")  # str.isspace's
_SPACE, _PUNCTUATION, _ALNUM = 1, 2, 3
_KINDS = dict.fromkeys(" \t\n", _SPACE) | dict.fromkeys(
    "!\"#$%'()+,-./:;=>?@[]^{|}~\u201c\u201d\u2018\u2019\u00ab\u00bb\u2013\u2014\u2026",
    _PUNCTUATION,
)  # (curly quotes, guillemets, dashes, ellipsis)


@dataclass(frozen=True, slots=True)
class SetAside:
    """A Markdown source's text to parse, and the paragraphs set aside from it."""

    text: str  # the source, each run of plain paragraphs replaced by a placeholder line
    # by the placeholder's line in `text` (0-based), the source lines and texts of its run
    runs: dict[int, Paragraphs] = field(default_factory=dict)
    _placeholders: list[int] = field(default_factory=list)  # their lines in `text`, in order
    _dropped: list[int] = field(default_factory=list)  # source lines dropped up to each

    def source_line(self, line: int) -> int:
        """The 0-based line of the source that line `line` of `text` comes from."""
        i = bisect.bisect_left(self._placeholders, line)
        return line + (self._dropped[i - 1] if i else 0)


def set_aside(source: str) -> SetAside:
    """Replace each run of plain paragraphs of `source` with a placeholder."""
    runs: dict[int, Paragraphs] = {}
    placeholders: list[int] = []
    dropped: list[int] = [0]
    pieces: list[str] = []
    done = at = line = 0  # source[:done] is in `pieces`; `line`: the 0-based line at `at`
    runs_in = _RUNS if "]:" in source else _RUNS_NO_LINKS
    for match in runs_in.finditer(source, 0, _stop(source)):
        if match.lastgroup is None:
            continue
        line += source.count("\n", at, match.start())
        at = match.start()
        for start, end, paragraphs in _paragraphs(match, line):
            placeholders.append(paragraphs[0][0] - dropped[-1])
            runs[placeholders[-1]] = paragraphs
            dropped.append(dropped[-1] + source.count("\n", start, end))
            pieces += [source[done:start], PLACEHOLDER]
            done = end
    if not pieces:
        return SetAside(source)
    pieces.append(source[done:])
    return SetAside("".join(pieces), runs, placeholders, dropped[1:])


Run = tuple[int, int, "Paragraphs"]  # start and end in the source, its paragraphs


def _paragraphs(match: re.Match[str], line: int) -> list[Run]:
    """The paragraphs of a run that begins at `line`, the run split around any paragraph
    that `_left_in` leaves to the parser."""
    run = match.group()
    lines = run.split("\n")
    if not any(lines[1::2]):  # one line each, one blank line apart: most
        texts = [text.rstrip(" \t") for text in lines[::2]]
        if (  # and none left in: the checks of `_left_in` at once
            all(texts)
            and not _WHITESPACE.search("".join([text[-1] for text in texts]))
            and ("*" not in run or all(italic_pairs(text) for text in texts if "*" in text))
        ):
            return [(match.start(), match.end(), (range(line, line + len(lines), 2), texts))]
    runs: list[Run] = []
    numbers: list[int] = []
    texts = []
    source, at, start, end = match.string, match.start(), 0, 0
    for paragraph in _PARAGRAPHS.finditer(source, match.start(), match.end()):
        line += source.count("\n", at, paragraph.start())
        at = paragraph.start()
        text = _BREAK.sub("\n", paragraph.group().rstrip(" \t"))
        if _left_in(text):
            if texts:
                runs.append((start, end, (numbers, texts)))
                numbers, texts = [], []
            continue
        if not texts:
            start = paragraph.start()
        end = paragraph.end()
        numbers.append(line)
        texts.append(text)
    if texts:
        runs.append((start, end, (numbers, texts)))
    return runs


def _left_in(text: str) -> bool:
    """Whether a paragraph is left to the parser: one that ends in whitespace which the
    parser strips, or not, by its version, or has a `*` that is not plainly italics."""
    return text[-1].isspace() or ("*" in text and not italic_pairs(text))


def italic_pairs(text: str) -> bool:
    """Whether every `*` of a paragraph is alone and opens italics, or closes them, in turn:
    after a space or punctuation and before a letter (or punctuation, after a space), and the
    mirror image; the edges count as spaces. Then `text.split("*")` alternates roman, italic."""
    stars = [star.start() for star in _STAR.finditer(text)]
    if len(stars) % 2:
        return False
    last = len(text) - 1
    for k, i in enumerate(stars):
        before = _kind(text[i - 1]) if i else _SPACE
        after = _kind(text[i + 1]) if i < last else _SPACE
        if k % 2:
            before, after = after, before  # a closing `*` mirrors an opening one
        if not (before == _SPACE and after in (_ALNUM, _PUNCTUATION)) and not (
            before == _PUNCTUATION and after == _ALNUM
        ):
            return False
    return True


def _kind(char: str) -> int:
    kind = _KINDS.get(char)
    if kind is None:
        return _ALNUM if char.isalnum() else 0
    return kind


def _stop(source: str) -> int:
    """The start of the paragraph of the first line that could open a fence or a long HTML
    block; the end of the source if no line does."""
    if _SPANS_BLANKS_FIRST.match(source):
        return 0
    spans = _SPANS_BLANKS_NEXT.search(source)
    if spans is None:
        return len(source)
    start = spans.start() + 1  # walk back to the line after a blank one
    while start > 0:
        before = source.rfind("\n", 0, start - 1) + 1
        if not source[before : start - 1].strip(" \t"):
            break
        start = before
    return start
