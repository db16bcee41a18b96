"""Translations given as a second version of the text: the lines of a song, then the same
lines in English; a scene in the language, then the same scene again in English.

Both work on paragraphs by their index in the story, and say which paragraph renders which.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from annotate.extract.tokens import QUOTE

LOOK_AHEAD = 8  # paragraphs between a song's last line and its English lines, at most
MAX_LINE_WORDS = 12  # a line of a song or its rendering, not a paragraph of prose


def verses(
    count: int, foreign: Callable[[int], bool], english: Callable[[int], bool]
) -> dict[int, int]:
    """Each foreign line of a run of two or more, paired with the English line at the same
    place in the next run of as many English lines (`count`: the paragraphs there are)."""
    pairs: dict[int, int] = {}
    i = 0
    while i < count:
        if not foreign(i):
            i += 1
            continue
        end = i
        while end < count and foreign(end):
            end += 1
        size = end - i
        if size >= 2:
            for start in range(end, min(count, end + LOOK_AHEAD)):
                if all(start + k < count and english(start + k) for k in range(size)):
                    pairs.update({i + k: start + k for k in range(size)})
                    break
        i = end
    return pairs


def stanzas(
    blocks: Sequence[range], foreign: Callable[[int], bool], english: Callable[[int], bool]
) -> dict[int, int]:
    """Each line of a stanza (`blocks`: lines with no blank line between them) half or more
    of whose lines are foreign, paired with the line at the same place in the next stanza or
    the one after, of as many lines, English all but one."""
    pairs: dict[int, int] = {}
    for b, block in enumerate(blocks):
        if len(block) < 2 or 2 * sum(1 for i in block if foreign(i)) < len(block):
            continue
        for later in blocks[b + 1 : b + 3]:
            if len(later) == len(block) and sum(1 for j in later if english(j)) >= len(later) - 1:
                pairs.update(zip(block, later, strict=True))
                break
    return pairs


def skeleton(text: str) -> str:
    """A paragraph's narration: what it says outside quotations, folded."""
    return " ".join(QUOTE.sub(" ", text).casefold().split())


def scene_offset(paragraphs: Sequence[str], foreign: Callable[[int], bool]) -> int | None:
    """How many paragraphs later the story tells a scene again: the distance from paragraphs
    with foreign quotations to later ones with the same narration around their quotations,
    when two or more agree."""
    told = [i for i in range(len(paragraphs)) if foreign(i)]
    if len(told) < 2:
        return None  # two scenes must agree
    later: dict[str, list[int]] = {}
    # only a paragraph with a quotation can tell its quotation again
    shapes = {
        i: skeleton(p) if '"' in p or "\u201c" in p else ""
        for i, p in enumerate(paragraphs[told[0] :], told[0])
    }
    for i, shape in shapes.items():
        if len(shape.split()) >= 3:
            later.setdefault(shape, []).append(i)
    offsets: Counter[int] = Counter()
    for i in told:
        if len(shapes[i].split()) >= 3:
            offsets.update(j - i for j in later[shapes[i]] if j > i)
    if not offsets:
        return None
    offset, support = offsets.most_common(1)[0]
    return offset if support >= 2 else None
