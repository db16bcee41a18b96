"""One story in, findings out: conlang spans, their translations, where each stands."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from annotate.extract import notes
from annotate.extract.english import Vocabulary, zipf
from annotate.extract.names import person_names
from annotate.extract.scoring import Known, foreignness, is_conlang_run
from annotate.extract.scoring import is_rare as _is_rare
from annotate.extract.tokens import PUNCTUATION, Token, quotations, sentences, strip_span, words
from annotate.extract.translations import Gloss, Near, english, translate
from annotate.story import Part, Span, Story
from glossary.findings import Finding
from glossary.models import Kind

QUOTE_CHARS = 200
_KOM = re.compile(r"\b([A-Z][\w-]+) (kom) ([A-Z][\w-]+)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c\u201d*_(]\s*|\n)$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d']?\s+")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d']?(?=\s|$)")
# Author's notes talk about the story (ship names, episodes): no vocabulary is taken from them
# but their glossary lines and footnotes.
_NOTE_PARAGRAPH = re.compile(
    r"[\W_]*(?:a/?n\b|author'?s?\s+notes?|notes?\b|disclaimer|summary)"
    r"|(?:[^\n]*\n)?by\s+\S+\s*$"  # a title and byline
    r"|(?:[A-Z][\w ]{0,20}:[^\n]*(?:\n|$))+$",  # a header of `Key: value` lines
    re.IGNORECASE,
)
_MARKERS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+|\[\^?\w+\]|\(\d{1,2}\)")
_MORPHOLOGY = re.compile(r"\w{3,}(?:kru|kom)$", re.IGNORECASE)


class Lexicon(Known, Protocol):
    """A lexicon as extraction uses it: conlang words, names, and glosses to fall back on."""

    @property
    def name(self) -> str: ...

    def gloss(self, spelling: str) -> tuple[str, list[str], Kind] | None:
        """(canonical term, translations, kind) of a known spelling."""
        ...

    def phrases(self) -> Iterable[str]:
        """Folded multi-word spellings, to recognise lines the story does not mark."""
        ...


@dataclass
class Candidate:
    start: int
    end: int
    kind: Kind
    signal: str
    confidence: float
    gloss: Gloss | None = None


class _Scan:
    """The state of one story's extraction."""

    def __init__(self, story: Story, known: Known) -> None:
        self.story = story
        self.text = story.text
        self.known: Known = _Remembered(known)
        self.quotes = list(quotations(self.text))
        self.entries = list(notes.glossary_lines(story))
        self.notes = notes.note_regions(story)
        self.footnotes = notes.footnotes(story)
        self.vocab = Vocabulary(self._narration_words())
        self.names = person_names(self.text)
        self.counts = Counter(t.bare.casefold() for t in words(self.text))
        # One byte per character of the text: 1 where a finding or its translation stands.
        self.taken = bytearray(len(self.text))
        for entry in self.entries:
            self.take(entry.line_start, entry.line_end)
        self.quote_starts = [start for start, _ in self.quotes]
        self.found: list[Candidate] = []
        self._rare: dict[str, bool] = {}

    def _narration_words(self) -> Counter[str]:
        masked = list(self.text)
        for start, end in [*self.quotes, *((s.start, s.end) for s in self.story.italics)]:
            masked[start:end] = " " * (end - start)
        for start, end in self.notes:
            masked[start:end] = " " * (end - start)
        return Counter(t.text.casefold() for t in words("".join(masked)))

    def in_notes(self, paragraph: Span) -> bool:
        if any(s <= paragraph.start < e for s, e in self.notes):
            return True
        return bool(_NOTE_PARAGRAPH.match(self.text, paragraph.start, paragraph.end))

    def is_name(self, word: str) -> bool:
        return self.known.is_name(word) or word in self.names

    def is_rare(self, word: str) -> bool:
        if word not in self._rare:
            self._rare[word] = _is_rare(word, self.known)
        return self._rare[word]

    def free(self, start: int, end: int) -> bool:
        return self.taken.find(1, start, end) < 0

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def near(self, start: int, end: int, limit: int, quoted: bool) -> Near:
        return Near(
            self.story,
            start,
            end,
            limit,
            self.vocab,
            self.known,
            len(words(self.text, start, end)),
            quoted,
        )

    def gloss(self, start: int, end: int, limit: int, quoted: bool) -> Gloss | None:
        found = translate(self.near(start, end, limit, quoted))
        if found is None:
            found = self._footnote(start, end)
        return found

    def _footnote(self, start: int, end: int) -> Gloss | None:
        key = notes.reference(self.text, end)
        if key is None or key not in self.footnotes:
            return None
        body, offset = notes.resolve(self.footnotes[key], end)
        term = self.text[start:end]
        m = re.match(
            rf"[*_\"\u201c]*{re.escape(term)}[*_\"\u201d]*\s*(?:[-\u2013\u2014=:,]|means)\s*",
            body,
            re.IGNORECASE,
        )
        if m:
            body, offset = body[m.end() :], offset + m.end()
        # "Blood must not have blood. Canon line, 3x07." : the first sentence is the gloss
        body = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", body, maxsplit=1)[0].strip(PUNCTUATION)
        if not body or not english(body, self.near(start, end, end, False), max_words=12):
            return None
        return Gloss(body, offset, offset + len(body), "footnote", 0.85)

    def add(self, candidate: Candidate) -> None:
        self.found.append(candidate)
        self.take(candidate.start, candidate.end)
        if candidate.gloss and candidate.gloss.method != "lexicon":
            # the translation is English: none of its words is a candidate
            self.take(candidate.gloss.start, candidate.gloss.end)

    def marked_words(self, paragraph: Span) -> None:
        """A word with a footnote marker (`Reshop¹`, `trimani (1)`) that a note explains, even
        inside a longer line."""
        for token in words(self.text, paragraph.start, paragraph.end):
            key = notes.reference(self.text, token.end, tight=True)
            if key is None or key not in self.footnotes:
                continue
            gloss = self._footnote(token.start, token.end)
            if gloss is not None:
                self.found.append(Candidate(token.start, token.end, "word", "footnote", 0.8, gloss))

    # -- the signals, strongest first --------------------------------------------------

    def glossary_blocks(self) -> None:
        for entry in self.entries:
            tokens = words(self.text, entry.start, entry.end)
            if not tokens or not entry.translation:
                continue
            near = self.near(entry.start, entry.end, entry.line_end, False)
            if not english(entry.translation, near, max_words=16):
                continue
            if not is_conlang_run(tokens, self.vocab, self.known, evidence=True) and not (
                len(tokens) > 1 and self.known.is_word(self.text[entry.start : entry.end])
            ):
                continue
            start, end = strip_span(self.text, entry.start, entry.end)
            gloss = Gloss(entry.translation, entry.end, entry.line_end, "notes", 0.9)
            self.found.append(Candidate(start, end, _kind(tokens), "notes", 0.9, gloss))

    def quotations(self, paragraph: Span) -> None:
        for q_start, q_end in self.quotes:
            if not (paragraph.start <= q_start < paragraph.end) or not self.free(q_start, q_end):
                continue
            inner = re.sub(
                r"\([^()\n]*\)", lambda m: " " * len(m.group()), self.text[q_start:q_end]
            )
            for s_start, s_end in sentences(inner, 0, len(inner)):
                start, end = strip_span(inner, s_start, s_end)
                if end <= start:
                    continue
                start, end = q_start + start, q_start + end
                tokens = words(self.text, start, end)
                if len(tokens) < 2:
                    self._one_word_line(tokens, paragraph)
                    continue
                gloss = self.gloss(start, end, paragraph.end, quoted=True)
                if is_conlang_run(tokens, self.vocab, self.known, evidence=gloss is not None):
                    self.add(Candidate(start, end, "phrase", "quotation", 0.75, gloss))

    def _one_word_line(self, tokens: list[Token], paragraph: Span) -> None:
        """`"Hom. It's the word for home."`: a one-word sentence the quotation explains."""
        if len(tokens) != 1 or self._quoted(tokens[0].start, tokens[0].end):
            return  # a whole one-word quotation is judged with the other words
        token = tokens[0]
        if self.is_name(token.bare) or foreignness(token.bare, self.vocab, self.known) < 0.5:
            return
        gloss = self.gloss(token.start, token.end, paragraph.end, quoted=True)
        if gloss is not None:
            self.add(Candidate(token.start, token.end, "word", "quotation", 0.7, gloss))

    def italic_runs(self, paragraph: Span) -> None:
        for span in self.story.italics:
            if not (paragraph.start <= span.start < paragraph.end):
                continue
            start, end = strip_span(self.text, span.start, span.end)
            tokens = words(self.text, start, end)
            if len(tokens) < 2 or not self.free(start, end):
                continue
            gloss = self.gloss(start, end, paragraph.end, quoted=False)
            if is_conlang_run(tokens, self.vocab, self.known, evidence=gloss is not None):
                self.add(Candidate(start, end, "phrase", "italics", 0.7, gloss))

    def lexicon_phrases(self, paragraph: Span, lexicon: Lexicon | None) -> None:
        if lexicon is None:
            return
        phrases, starts, longest = _phrase_index(lexicon)
        tokens = words(self.text, paragraph.start, paragraph.end)
        i = 0
        while i < len(tokens):
            if tokens[i].text.casefold() in starts:
                for n in range(min(longest, len(tokens) - i), 1, -1):
                    key = " ".join(t.text.casefold() for t in tokens[i : i + n])
                    start, end = tokens[i].start, tokens[i + n - 1].end
                    if key in phrases and self.free(start, end):
                        quoted = self._quoted(start, end)
                        gloss = self.gloss(start, end, paragraph.end, quoted=quoted)
                        self.add(Candidate(start, end, "phrase", "lexicon", 0.85, gloss))
                        i += n - 1
                        break
            i += 1

    def single_words(self, paragraph: Span, known_only: bool = False) -> None:
        for token in words(self.text, paragraph.start, paragraph.end):
            if not self.free(token.start, token.end):
                continue
            word = token.bare
            end = token.start + len(word)
            if len(word) < 2 or word.isupper() or (known_only and not self.known.is_word(word)):
                continue
            quoted = self._quoted(token.start, end)
            if not self.is_rare(word) and not (quoted and self._glossed_line(token, end)):
                continue
            capital = word[:1].isupper()
            if self.is_name(word):
                if capital:
                    self.add(Candidate(token.start, end, "name", "name", 0.6))
                continue
            gloss = self.gloss(token.start, end, paragraph.end, quoted=quoted)
            evidence = [
                capital
                and not _SENTENCE_START.search(self.text[max(0, token.start - 3) : token.start]),
                self.story.in_italics(token.start, end),
                self.counts[word.casefold()] >= 2,
                zipf(word) == 0.0,
                self.known.is_word(word),
                bool(_MORPHOLOGY.match(word)),
                self._in_title(token.start),
                gloss is not None,
            ]
            if any(evidence):
                confidence = min(0.95, 0.4 + 0.1 * sum(evidence))
                kind: Kind = "group" if word.casefold().endswith("kru") else "word"
                self.add(Candidate(token.start, end, kind, "rare word", confidence, gloss))

    def _in_title(self, offset: int) -> bool:
        section = self.story.part_at(offset)
        return section is not None and section.part in (Part.title, Part.chapter_title)

    def _glossed_line(self, token: Token, end: int) -> bool:
        """A one-word line that is not plainly English and that the story translates."""
        if foreignness(token.bare, self.vocab, self.known) < 0.5:
            return False
        limit = self.text.find("\n", end)
        return (
            self.gloss(token.start, end, len(self.text) if limit < 0 else limit, True) is not None
        )

    def _quoted(self, start: int, end: int) -> bool:
        """A span that is a whole quotation by itself (`"Wanheddaa."`)."""
        i = bisect.bisect_right(self.quote_starts, start) - 1
        if i < 0:
            return False
        q_start, q_end = self.quotes[i]
        return end <= q_end and strip_span(self.text, q_start, q_end) == (start, end)

    def kom(self, paragraph: Span) -> None:
        """`Anya kom Trikru`: a name, `kom` (of), and a clan."""
        for m in _KOM.finditer(self.text, paragraph.start, paragraph.end):
            if self.free(m.start(2), m.end(2)):
                self.add(Candidate(m.start(2), m.end(2), "word", "kom", 0.7))

    def run(self, lexicon: Lexicon | None) -> list[Candidate]:
        self.glossary_blocks()
        for paragraph in self.story.paragraphs or [Span(0, len(self.text))]:
            if self.in_notes(paragraph):
                self.single_words(paragraph, known_only=True)
                continue
            self.marked_words(paragraph)
            self.quotations(paragraph)
            self.italic_runs(paragraph)
            self.lexicon_phrases(paragraph, lexicon)
            self.kom(paragraph)
            self.single_words(paragraph)
        return self.found


class _Remembered:
    """A lexicon's answers remembered for one story: the same words are asked about often."""

    def __init__(self, known: Known) -> None:
        self._known = known
        self._words: dict[str, bool] = {}
        self._names: dict[str, bool] = {}

    def is_word(self, spelling: str) -> bool:
        if spelling not in self._words:
            self._words[spelling] = self._known.is_word(spelling)
        return self._words[spelling]

    def is_name(self, spelling: str) -> bool:
        if spelling not in self._names:
            self._names[spelling] = self._known.is_name(spelling)
        return self._names[spelling]


_PHRASES: dict[object, tuple[frozenset[str], frozenset[str], int]] = {}


def _phrase_index(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str], int]:
    """A lexicon's phrases, their first words, and the most words one has; built once."""
    key: object = lexicon
    if key not in _PHRASES:
        phrases = frozenset(lexicon.phrases())
        starts = frozenset(p.split(" ", 1)[0] for p in phrases)
        _PHRASES[key] = (phrases, starts, max((p.count(" ") + 1 for p in phrases), default=0))
    return _PHRASES[key]


def _kind(tokens: list[Token]) -> Kind:
    return "phrase" if len(tokens) > 1 else "word"


def _context(text: str, start: int, end: int) -> str:
    """The sentence a finding stands in (and its translation), on one line, cut to size."""
    para = text.rfind("\n", 0, start) + 1
    left = para
    for brk in _SENTENCE_BREAK.finditer(text, para, start):
        left = brk.end()
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    stop = _SENTENCE_END.search(text, end, right)
    right = stop.end() if stop else right
    prefix = suffix = ""
    if start - left > QUOTE_CHARS // 2:
        left = text.find(" ", start - QUOTE_CHARS // 2, start) + 1 or start
        prefix = "\u2026"
    if right - left > QUOTE_CHARS:
        right = max(end, text.rfind(" ", left, left + QUOTE_CHARS))
        suffix = "\u2026"
    return prefix + " ".join(text[left:right].split()) + suffix


def extract_story(story: Story, known: Known, lexicon: Lexicon | None = None) -> list[Finding]:
    """Every conlang finding of one story, in text order."""
    scan = _Scan(story, known)
    findings: list[Finding] = []
    glossed: set[str] = set()
    for cand in sorted(scan.run(lexicon), key=lambda c: c.start):
        term = " ".join(_MARKERS.sub("", story.text[cand.start : cand.end]).split())
        if not term:
            continue
        gloss = cand.gloss
        kind = cand.kind
        entry = lexicon.gloss(term) if lexicon else None
        if entry and entry[2] != "word":
            kind = entry[2]
        near_gloss = (
            gloss
            and 0 <= gloss.start - cand.end < QUOTE_CHARS
            and ("\n\n" not in story.text[cand.end : gloss.start])
        )
        end = max(cand.end, gloss.end) if gloss and near_gloss else cand.end
        where, line = story.location(cand.start)  # `book.epub!OEBPS/ch1.xhtml` for an EPUB
        findings.append(
            Finding(
                term=term,
                kind=kind,
                translation=gloss.text if gloss else None,
                story=where,
                line=line,
                quote=_context(story.text, cand.start, end),
                method=gloss.method if gloss else cand.signal,
                confidence=max(cand.confidence, gloss.confidence if gloss else 0.0),
            )
        )
        if entry and lexicon and entry[1] and term.casefold() not in glossed and kind != "name":
            glossed.add(term.casefold())
            findings.append(
                Finding(
                    term=entry[0],
                    kind=kind,
                    translation="; ".join(entry[1]),
                    method="lexicon",
                    confidence=0.9,
                    lexicon=lexicon.name,
                )
            )
    return findings
