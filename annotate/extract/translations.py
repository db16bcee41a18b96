"""The ways a story gives a translation right beside a conlang span: one small proposer each.

A proposer takes the span and what is around it (`Near`) and proposes the translation its
convention finds, with the convention's name and prior; it looks only at the text next to the
span, so it is cheap. Every proposer is asked; `scorer` weighs what they propose, and the
story-wide `choice` keeps one translation per span. A new convention is a new proposer and a
row in the table of `PROPOSERS`, never a change to the others.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from annotate.extract import scorer
from annotate.extract.english import Vocabulary
from annotate.extract.scorer import Glosses
from annotate.extract.scoring import Known, foreignness
from annotate.extract.tokens import WORD, bare, words
from annotate.story import Span, Story


@dataclass(frozen=True)
class Gloss:
    text: str
    start: int  # where the translation stands in the story text
    end: int
    method: str
    confidence: float


@dataclass
class Near:
    """What a pattern may look at around a span."""

    story: Story
    start: int
    end: int
    limit: int  # end of the paragraph
    vocab: Vocabulary
    known: Known
    words: int  # words in the span
    quoted: bool  # the span is a whole quotation
    glosses: Glosses | None = None  # the lexicon's translations of a spelling
    interpreters: frozenset[str] = frozenset()  # who translates for others in this story


_CLOSE = r"[\"\u201d'\u2019*_]*"
_TRAIL = " \t\n.,;:!?\"'*_\u201c\u201d\u2018\u2019\u2013\u2014"

_CLOSING = re.compile(_CLOSE + r"[ \t]?[.,!?\u2014\u2013\u2026-]*" + _CLOSE)  # `orruk—"`, `oui !"`
# What an author writes before a translation to say it is one.
_LABELS = (
    r"(?:english\s+)?(?:translation|trans(?:lated)?|meaning|lit(?:erally)?|fig(?:uratively)?"
    r"|in\s+english)"
)
# `(x)`, `((x))`, `[x]`, `~[x]~`, `{x}` after the span, a label (`lit.`, `Translation:`) or a
# part of speech (`, noun`) inside left out.
_BRACKETED = re.compile(
    _CLOSE + r"[ \t]?[.,!?]*" + _CLOSE + r"[ \t]*(?:~[ \t]*)?(?:\(+|\[|\{)[ \t]*"  # ` !`: French
    r"(?:" + _LABELS + r"\.?\s*[:,-]?\s*|=\s*)?"
    r"[\"\u201c'\u2018*_]*([^()\[\]{}\n]{1,300}?)[\"\u201d'\u2019*_]*"
    r"(?:,\s*(?:noun|verb|adj(?:ective)?|adv(?:erb)?|n|v)\.?)?[ \t]*[.!?]?[ \t]*"
    r"(?:\)+|\]|\}|(?<=[.,!?])(?=[\"\u201d]))",  # an author who forgot to close: up to the quote
    re.IGNORECASE,
)
# `~ We ride at dawn` and `~We ride at dawn~`: a tilde line after the span.
_TILDE = re.compile(
    _CLOSE + r"[.,!?]*" + _CLOSE + r"[ \t]*~+[ \t]*"
    r"[\"\u201c'*_]*([^~\n\"\u201c\u201d]{2,120}?)[\"\u201d'*_]*[ \t]*(?:~+|$|\n)",
    re.MULTILINE,
)
# `(Translation: We ride at dawn)` later in the paragraph, a speech tag or a few words between.
_LABELLED = re.compile(
    r"[(\[][ \t]*"
    + _LABELS
    + r"\.?[ \t]*[:=-][ \t]*[\"\u201c'\u2018*_]*([^()\[\]\n]{2,160}?)[\"\u201d'\u2019*_]*"
    r"[ \t]*[.!?]?[ \t]*[)\]]",
    re.IGNORECASE,
)
_OPENING = re.compile(r"[\"\u201c]")
# `Translation: We ride at dawn` on the span's line or the next.
_LABEL = re.compile(
    _CLOSE
    + r"[.,!?]*"
    + _CLOSE
    + r"\s*(?:\n\s*)?[*_(\[]*(?:english\s+)?(?:translation|trans|meaning)"
    r"[*_]*\s*[:=-]\s*[*_\"\u201c']*([^\n\"\u201d*_)\]]{2,120}?)[*_\"\u201d')\]]*[ \t]*(?:\n|$)",
    re.IGNORECASE,
)
_DASH = re.compile(
    _CLOSE + r"[.,!?]*" + _CLOSE + r"(?:\s+[-\u2013\u2014]{1,2}|\s*[\u2013\u2014:])\s+"
    r"[\"\u201c'*_]*([^\n.!?;\"\u201c\u201d*_()]{2,100}?)"
    r"(?=\s[-\u2013\u2014]|[\n.!?;\"\u201c\u201d*_()]|$)"
)
_DEFINITION = re.compile(
    _CLOSE + r",?\s+(?:which\s+|that\s+)?(?:(?:roughly\s+)?means(?=\s|[a-z])|(?:meant|meaning|"
    r"translates\s+(?:to|as)|translated\s+(?:to|as)|is\s+(?:\w+\s+){0,2}for|was\s+(?:\w+\s+){0,2}for)\b)"
    r"\s*,?\s*[\"\u201c'\u2018*_]*([^\n.!?;:,\"\u201c\u201d*_()]{2,80})"
    r"|" + _CLOSE + r"[.,!?]\s+(?:it's|it\s+is|that's|that\s+is|it\s+means)\s+(?:the\s+)?"
    r"(?:\w+\s+)?word\s+for\s+[\"\u201c'\u2018*_]*([^\n.!?;:,\"\u201c\u201d*_()]{2,80})",
    re.IGNORECASE,
)
# `Orruk means dawn in the old tongue`: where the language is named, not translated;
# `Orruk means dawn and vesh means ride`: where the next definition starts.
_IN_LANGUAGE = re.compile(
    r"\s+in\s+(?:the\s+)?(?:\w+\s+)?(?:tongue|language|speech)\s*$|\s+in\s+[A-Z][\w'-]+\s*$"
    r"|\s+(?:and|or)\s+\S+\s+(?:means|is)\b.*$"
)
# `('Good morning, friends'- a greeting)`: a quoted rendering, then a note about it.
_AFTER_RENDERING = re.compile(
    _IN_LANGUAGE.pattern + r"|(?<=['\u2019\"\u201d])\s*[-\u2013\u2014;]\s*\S.*$"
)
_APPOSITIVE = re.compile(
    _CLOSE + r",\s+(?:or\s+|the\s+|or\s+the\s+)"
    r"([A-Za-z][\w'-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Za-z][\w'-]*){0,4})(?=\s*[,.;:!?]|\s*$)"
)
_ECHO_TITLE = re.compile(
    _CLOSE + r"[.!]" + _CLOSE + r"\s+(The\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})[.!]"
)
# A footnote marker left on the line (`(7)`, `[^2]`, `21` from a <sup>) before a speech tag.
_MARKER = r"(?:\s*(?:\(\d{1,3}\)|\[\^?[\w-]+\]|\d{1,3}(?=\s)|[\u00b9\u00b2\u00b3\u2070-\u2079]+))?"
_SPEECH_TAG = re.compile(
    _MARKER + r"\s*(?:[,.!?]\s*)?(?:(?:[A-Za-z]+\s+){1,3}?(?:said|says|whispered|asked|"
    r"replied|murmured|shouted|called|breathed|muttered|growled|added|answered|snapped|"
    r"repeated|chanted|told|tells|asks)\b"
    # `she warns them`, `Tavi growls`: a pronoun or a name, then a verb in -s or -ed
    r"|(?:[Ss]he|[Hh]e|[Tt]hey|I|[Ww]e|[A-Z][\w'\u2019-]+)(?:\s+[a-z]+ly)?\s+[a-z]{2,}(?:ed|s)\b"
    r"|came\s+the\s+(?:answer|reply|response)\b)[^.\"\u201c(\[]{0,80}[.,]?\s*",
)
_ARTICLE_LINE = re.compile(r"\s*[\"\u201c]((?:A|An|The)\s+[a-z]\w*(?:\s+[a-z]\w*){0,2})[.!]")
_SENTENCE = re.compile(r"[\"\u201c*_]*([^\n.!?\"\u201c\u201d]{2,160}[.!?]?)")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s+\S)")


def english(text: str, near: Near, max_words: int | None = None) -> bool:
    """Whether `text` reads as an English rendering of the span (and is not too long)."""
    forms = WORD.findall(text)  # no offsets needed: no tokens made
    if not forms:
        return False
    limit = max_words if max_words is not None else max(6, 2 * near.words + 4)
    if len(forms) > limit:
        return False
    scores = [foreignness(bare(form), near.vocab, near.known) for form in forms]
    return sum(scores) / len(scores) <= 0.35


def _clean(text: str) -> str:
    return " ".join(text.strip(_TRAIL).split())


def _hover(near: Near) -> Gloss | None:
    for hover in near.story.hovers:
        if hover.start <= near.start and near.end <= hover.end and hover.title.strip():
            return Gloss(_clean(hover.title), hover.start, hover.end, "hover", 0.95)
    return None


# What opens an aside about the span rather than its rendering: `Tavi (who had not slept)`.
_ASIDE_OPENING = re.compile(r"(?:who|whom|whose|which)\b", re.IGNORECASE)


def _after(
    pattern: re.Pattern[str],
    method: str,
    confidence: float,
    max_words: int | None = None,
    trim: re.Pattern[str] | None = None,
) -> Callable[[Near], Gloss | None]:
    """A proposer for a translation the pattern finds right after the span. `max_words`: a
    convention that says plainly what it holds may hold a long one; the scorer still
    weighs its length. `trim`: what to cut off the end of what the pattern found."""

    def find(near: Near) -> Gloss | None:
        m = pattern.match(near.story.text, near.end, near.limit)
        if m is None:
            return None
        group = next(i for i in range(1, (m.lastindex or 1) + 1) if m.group(i) is not None)
        end = m.end(group)
        cut = trim.search(m.group(group)) if trim else None
        if cut:
            end = m.start(group) + cut.start()
        text = _clean(near.story.text[m.start(group) : end])
        if not text or text.isdigit() or not english(text, near, max_words):
            return None
        if _ASIDE_OPENING.match(text) and "?" not in m.group(0):
            return None  # `(who had not slept)`; `(Who are you?)` renders a question
        return Gloss(text, m.start(group), end, method, confidence)

    return find


def _italic(near: Near) -> Gloss | None:
    """An English italic run right after the span (a speech tag between), or right before."""
    text = near.story.text
    italics = near.story.italics  # sorted and apart: by end as well as by start
    # Runs ending more than 40 characters before the span are too far to look at.
    first = bisect.bisect_left(italics, near.start - 40, key=_end)
    for span in itertools.islice(italics, first, None):
        if span.start >= near.end:
            gap = text[near.end : span.start]
            if span.start > near.limit + 2 and not _whole_paragraph_italic(
                near, span.start, span.end
            ):
                break
            if len(gap) > 80 or "\n\n" in gap.strip("\n") or '"' in gap.strip(_TRAIL + " "):
                break
        elif span.end <= near.start:
            gap = text[span.end : near.start]
            if len(gap) > 40 or "\n" in gap:
                continue
        else:
            continue
        body = _clean(text[span.start : span.end])
        if body and english(body, near):
            return Gloss(body, span.start, span.end, "italics", 0.85)
        if span.start >= near.end:
            break
    return None


def _whole_paragraph_italic(near: Near, start: int, end: int) -> bool:
    """Whether start-end is the whole of the first paragraph after the span's."""
    paragraphs = near.story.paragraphs
    i = bisect.bisect_left(paragraphs, near.limit, key=_start)
    if i == len(paragraphs):
        return False
    para = paragraphs[i]
    text = near.story.text[para.start : para.end].strip(_TRAIL)
    body = near.story.text[start:end].strip(_TRAIL)
    return para.start <= start and text == body


def _start(span: Span) -> int:
    return span.start


def _end(span: Span) -> int:
    return span.end


def _echo(near: Near) -> Gloss | None:
    """`"Hod yu op." Hold on.`: a bare English sentence right after a conlang line."""
    if not near.quoted:
        return None
    text = near.story.text
    close = _CLOSING.match(text, near.end, near.limit)
    pos = close.end() if close else near.end
    tag = _SPEECH_TAG.match(text, pos, near.limit)
    if tag:
        pos = tag.end()
    m = _SENTENCE.match(text, pos, near.limit)
    if (
        m is None
        or text[pos : m.start(1)].count("\n")
        or (not text[pos : m.start(1)].isspace() and pos != m.start(1))
    ):
        return None
    end = m.end(1)
    # A line of several sentences is rendered by as many (`"Vesh tem. Orru!" We ride. Now!`)
    for _ in _SENTENCE_END.finditer(text, near.start, near.end):
        more = _SENTENCE.match(text, end, near.limit)
        if more is None or text[end : more.start(1)].strip(" ") or '"' in more.group(0):
            break
        end = more.end(1)
    sentence = _clean(text[m.start(1) : end])
    if not sentence or '"' in m.group(0) or m.group(1).lstrip()[:1] in "([{~<":
        return None
    if not english(sentence, near, max_words=max(3, int(1.8 * near.words) + 2)):
        return None
    return Gloss(sentence, m.start(1), end, "echo", 0.7)


def _article_echo(near: Near) -> Gloss | None:
    """`"He's a branwada," Indra muttered. "A fool."`: a word, then its English in the next
    short line."""
    if near.words != 1:
        return None
    text = near.story.text
    close = _CLOSING.match(text, near.end, near.limit)
    pos = close.end() if close else near.end
    tag = _SPEECH_TAG.match(text, pos, near.limit)
    m = _ARTICLE_LINE.match(text, tag.end() if tag else pos, near.limit)
    if m is None or not english(m.group(1), near, max_words=4):
        return None
    return Gloss(_clean(m.group(1)), m.start(1), m.end(1), "echo", 0.6)


def _appositive(near: Near) -> Gloss | None:
    m = _APPOSITIVE.match(near.story.text, near.end, near.limit)
    if m is None:
        m = _ECHO_TITLE.match(near.story.text, near.end, near.limit)
        if m is None:
            return None
    text = _clean(m.group(1))
    tokens = words(text)
    if not tokens or any(near.known.is_name(t.text) for t in tokens):
        return None
    if not english(text, near, max_words=5):
        return None
    return Gloss(text, m.start(1), m.end(1), "appositive", 0.6)


def _labelled(near: Near) -> Gloss | None:
    """`"Vash tem orru," she says. (Translation: We ride at dawn)`: a bracket that says it
    holds a translation, before the paragraph's next quotation."""
    text = near.story.text
    stop = min(near.limit, near.end + 240)
    if text.find("(", near.end, stop) < 0 and text.find("[", near.end, stop) < 0:
        return None  # no bracket at all: most spans
    close = _CLOSING.match(text, near.end, stop)
    pos = close.end() if close else near.end
    quote = _OPENING.search(text, pos, stop)
    m = _LABELLED.search(text, pos, quote.start() if quote else stop)
    if m is None:
        return None
    body = _clean(m.group(1))
    if not body or not english(body, near, max_words=max(8, 2 * near.words + 4)):
        return None
    return Gloss(body, m.start(1), m.end(1), "label", 0.85)


def _next_line(near: Near) -> Gloss | None:
    """`"Vash tem orru." / We ride at dawn.`: a conlang line, then a short plain English
    paragraph with no mark at all, or the line another speaker or an interpreter says
    (`"We ride at dawn," the scout translated.`)."""
    if not near.quoted:
        return None
    text = near.story.text
    close = _CLOSING.match(text, near.end, near.limit)
    pos = close.end() if close else near.end
    tag = _SPEECH_TAG.match(text, pos, near.limit)
    if (tag.end() if tag else pos) < near.limit and text[
        (tag.end() if tag else pos) : near.limit
    ].strip(_TRAIL):
        return None  # the paragraph goes on: `_echo` looks there
    paragraphs = near.story.paragraphs
    i = bisect.bisect_left(paragraphs, near.limit, key=_start)
    if i == len(paragraphs):
        return None
    para = paragraphs[i]
    if para.start - near.limit > 4:
        return None
    m = _LINE.match(text, para.start, para.end)
    if m is None:
        return None
    group = "q" if m.group("q") is not None else "plain"
    body = _clean(m.group(group))
    said = f"{m.group('pre') or ''} {m.group('tag') or ''}"  # `X translated, "..."` too
    interpreted = _INTERPRETED.search(said) is not None or speaker(said) in near.interpreters
    if not body or body.isupper() or (group == "q" and not interpreted):
        return None  # a heading; another speaker's answer, unless the story says it translates
    bracketed = _WHOLE_BRACKET.fullmatch(body)
    if bracketed:  # `(We ride at dawn)` on a line of its own: marked as a translation
        body = _clean(bracketed.group(1))
    if not english(body, near, max_words=max(6, 2 * near.words + 3)):
        return None
    method, prior = ("interpreter", 0.8) if interpreted else ("next line", 0.6)
    if bracketed:
        method, prior = "parentheses", 0.85
    return Gloss(body, m.start(group), m.end(group), method, prior)


_WHOLE_BRACKET = re.compile(r"[(\[]([^()\[\]]+)[)\]]")


def speaker(said: str) -> str | None:
    """Who a speech tag names (`the Scout said`: scout), folded; None for a pronoun."""
    m = _SPEAKER.search(said)
    return m.group(1).casefold() if m and m.group(1) not in _PRONOUNS else None


def interpreters(text: str, quotes: list[tuple[int, int]]) -> frozenset[str]:
    """Who the story says translates (`"...," the scout translated`): their later lines after
    a line in the language render it, whatever verb their tag has."""
    found: set[str] = set()
    # Only the quotations with the word within reach are looked at: most have none.
    words = _interpreting(text)
    if not words:
        return frozenset()  # most stories: nobody translates
    starts = [start for start, _ in words]
    for start, end in quotes:
        i = bisect.bisect_left(starts, start - 60)
        if not any(
            (s >= start - 60 and e <= start) or (s >= end and e <= end + 60)
            for s, e in words[i : bisect.bisect_right(starts, end + 60)]
        ):
            continue
        who = speaker(text[max(0, start - 60) : start] + " " + text[end : end + 60])
        if who:
            found.add(who)
    return frozenset(found)


_SPEAKER = re.compile(
    r"\b([A-Z][\w'\u2019-]+)(?=[^\"\u201c\u201d]{0,30}?\b(?:said|translat|interpret|"
    r"suppl|explain|add|nod|repl|answer|murmur|offer|ask)\w*)"
)
_PRONOUNS = frozenset(["I", "He", "She", "They", "We", "It", "You", "The", "A", "An", "Then"])


# A whole paragraph: a quotation with or without a speech tag, or plain words.
_LINE = re.compile(
    r"[ \t]*(?:(?P<pre>[^\n\"\u201c]{0,80}?)[\"\u201c](?P<q>[^\"\u201c\u201d\n]{2,160})[\"\u201d]"
    r"(?P<tag>[^\n\"\u201c]{0,80})(?:[\"\u201c][^\n]*)?"  # the first quotation; more may follow
    r"|[*_]*(?P<plain>[^\n\"\u201c\u201d]{2,160}?)[*_]*)[ \t]*$"
)
_INTERPRETED = re.compile(r"\b(?:translat|interpret|explain|suppl(?:y|ied))\w*", re.IGNORECASE)
# The same words for a whole story: a first letter `re` can skip to, then the boundary before it.
_INTERPRETED_IN_TEXT = re.compile(
    r"[TtIiEeSs](?<!\w\w)(?i:(?<=t)ranslat|(?<=i)nterpret|(?<=e)xplain|(?<=s)uppl(?:y|ied))\w*"
)
_STEMS = ("translat", "interpret", "explain", "supply", "supplied")
_WORD_CHAR = re.compile(r"\w")
_WORD_END = re.compile(r"\w*")


def _interpreting(text: str) -> list[tuple[int, int]]:
    """The spans `_INTERPRETED_IN_TEXT.finditer` gives, the words found by plain searches of
    the text in lower case (faster than `re` looking at every t, i, e and s)."""
    lowered = text.lower()
    if len(lowered) != len(text) or "\u017f" in text or "\u0131" in text:
        # letters whose lower case is longer, or that `re` takes for an s or an i
        return [m.span() for m in _INTERPRETED_IN_TEXT.finditer(text)]
    found = []
    for stem in _STEMS:
        start = lowered.find(stem)
        while start >= 0:
            if not (start and _WORD_CHAR.match(text, start - 1)):
                rest = _WORD_END.match(text, start + len(stem))
                found.append((start, rest.end() if rest else start + len(stem)))
            start = lowered.find(stem, start + len(stem))
    return sorted(found)


PROPOSERS: list[Callable[[Near], Gloss | None]] = [
    _hover,
    _after(_BRACKETED, "parentheses", 0.9, max_words=40, trim=_AFTER_RENDERING),
    _after(_TILDE, "tilde", 0.85),
    _after(_LABEL, "label", 0.85),
    _labelled,
    _after(_DEFINITION, "definition", 0.85, trim=_IN_LANGUAGE),
    _after(_DASH, "dash", 0.75),
    _italic,
    _echo,
    _next_line,
    _appositive,
    _article_echo,
]


# Conventions that put a translation beside the span with nothing to say it is one.
UNMARKED = frozenset({"echo", "next line", "appositive"})
# Conventions whose translation stands away from the span by design: no distance counts.
AWAY = frozenset({"hover", "footnote", "notes", "verse", "version"})


def translate(near: Near) -> list[Gloss]:
    """Every translation the story may give beside the span, as the scorer rates it, best
    first; those it does not trust are left out."""
    span = near.story.text[near.start : near.end]
    found: dict[tuple[int, int], Gloss] = {}
    for propose in PROPOSERS:
        gloss = propose(near)
        if gloss is None:
            continue
        rated = rate(gloss, span, near)
        kept = found.get((gloss.start, gloss.end))
        if rated.confidence >= scorer.THRESHOLD and (
            kept is None or kept.confidence < rated.confidence
        ):
            found[(gloss.start, gloss.end)] = rated
    return sorted(found.values(), key=lambda g: -g.confidence)


def rate(gloss: Gloss, span: str, near: Near) -> Gloss:
    """The proposal with its convention's prior turned into the scorer's verdict."""
    beside = gloss.method not in AWAY and gloss.start >= near.end
    distance = gloss.start - near.end if beside else 0
    marked = gloss.method not in UNMARKED
    found = scorer.features(
        gloss.text, distance, span, near.vocab, near.known, near.glosses, marked
    )
    return replace(gloss, confidence=round(scorer.score(gloss.confidence, found), 3))
