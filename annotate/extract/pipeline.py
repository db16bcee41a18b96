"""One story in, findings out: conlang spans, their translations, where each stands."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from annotate.extract import lines, names, notes, versions
from annotate.extract.choice import choose
from annotate.extract.english import COMMON, VERY_COMMON, Vocabulary, stopwords, zipf
from annotate.extract.remembered import remembered
from annotate.extract.scorer import THRESHOLD
from annotate.extract.scoring import Known, foreignness, is_conlang_run
from annotate.extract.tokens import (
    PUNCTUATION,
    WORD,
    Token,
    bare,
    count_words,
    locate,
    quotations,
    sentences,
    split_forms,
    starts_word,
    strip_span,
    words,
)
from annotate.extract.translations import Gloss, Near, english, interpreters, rate, translate
from annotate.story import Part, Span, Story
from glossary.findings import Finding
from glossary.models import Grammar, Kind

QUOTE_CHARS = 200
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c\u201d*_(]\s*|\n)$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d']?\s+")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d']?(?=\s|$)")
# Author's notes talk about the story (ship names, episodes): no vocabulary is taken from them
# but their glossary lines and footnotes.
_NOTE_PARAGRAPH = re.compile(
    r"[\W_]*(?:a/?n\b|author'?s?\s+notes?|notes?\b|disclaimer|summary)"
    r"|(?:[^\n]*\n)?by\s+\S+\s*$"  # a title and byline
    r"|(?:(?!chapter\b|part\b|book\b)[A-Z][\w ]{0,20}:[^\n]*(?:\n|$))+$",  # `Key: value` lines
    re.IGNORECASE,
)
_SPEAKER = re.compile(r"([A-Z][\w'\u2019-]{0,20}):[ \t]")  # a line of a play: `Tavi: ...`
_MARKERS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+|\[\^?\w+\]|\(\d{1,2}\)")
_ASIDE = re.compile(r"\([^()\n]*\)")  # blanked out of a quotation before it is judged
_BRACKET = re.compile(r"[(\[]")
_CHAPTER = re.compile(
    r"(?:chapter|part|book|prologue|epilogue)\b[\s\w.]{0,12}?[:.\u2013\u2014-]\s+", re.I
)
_HALVES = re.compile(r"\s+[|/\u2013\u2014-]{1,2}\s+|:\s+")  # `A | B`, `A - B`, `A: B`
_HALF_MARK = re.compile(r"[|/:\u2013\u2014-]")  # what `_HALVES` needs, found fast
_QUOTE_MARK = re.compile('["\u201c\u201d]')
_LAST_WORD = re.compile(r"(\w+)\W{0,6}$")  # the word right before a bracket
# What stands around a line set apart: quotes, slashes, dashes, asterisks.
_LINE_MARKS = PUNCTUATION + "/~\u2026"


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

    @property
    def grammar(self) -> Grammar:
        """What is true of the language: joiners, group endings, glossary headings."""
        ...


@dataclass
class Candidate:
    """A conlang span a signal found, with the translations proposed for it, best first;
    `gloss` is the one it keeps (the best, until the story-wide choice settles it)."""

    start: int
    end: int
    kind: Kind
    signal: str
    confidence: float
    options: list[Gloss] = field(default_factory=list)
    gloss: Gloss | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.gloss = self.options[0] if self.options else None


class _Scan:
    """The state of one story's extraction."""

    def __init__(self, story: Story, known: Known, lexicon: Lexicon | None) -> None:
        self.story = story
        self.text = text = story.text
        self.known = remembered(known)
        self.lexicon = lexicon
        self.grammar = grammar = lexicon.grammar if lexicon else Grammar()
        headings = tuple(grammar.headings)
        self.groups = tuple(suffix.casefold() for suffix in grammar.group_suffixes)
        self.quotes = list(quotations(text))
        self.italics = sorted(story.italics, key=lambda s: s.start)
        self.entries = notes.without_scripts(text, list(notes.glossary_lines(story, headings)))
        self.notes = notes.note_regions(story, headings)
        self.footnotes = notes.footnotes(story)
        self.markers = notes.markers(text) if self.footnotes else []
        # Narration: the words outside quotations, italics and notes
        narrated, rest = split_forms(
            text, [*self.quotes, *((s.start, s.end) for s in self.italics), *self.notes]
        )
        self.forms = forms = narrated.copy()
        forms.update(rest)
        # Each distinct word once: counted by its folded stem (and, in the narration, by its
        # folded form, the story's English), and sorted out as rare, as the start of a lexicon
        # phrase, or as written in lower case (so not a name).
        english: Counter[str] = Counter()
        self.counts = counts = Counter[str]()
        rare: set[str] = set()
        firsts: set[str] = set()
        lowered: set[str] = set()
        starts = _phrase_index(lexicon)[2]
        form = self.known.form
        for written, n in forms.items():
            folded, stem, is_rare = form(written)
            counts[stem] = counts.get(stem, 0) + n
            if written in narrated:
                english[folded] = english.get(folded, 0) + narrated[written]
            if is_rare:
                rare.add(written)
            if folded in starts:
                firsts.add(written)
            if written[:1].islower():
                lowered.add(folded)
        self.vocab = Vocabulary(english)
        # The few words looked at one by one, found in one pass: rare words, would-be names,
        # and the first words of the lexicon's phrases.
        speakers = names.speakers(text, lowered)
        spelt = names.spellings(speakers, self.forms)
        located = locate(text, spelt | rare | firsts)
        looked = spelt | rare
        capitals = [t for t in located if t.text[:1].isupper() and t.text in looked]
        self.nouns = names.common_nouns(text, capitals)
        self.names = {name for name in speakers if name.casefold() not in self.nouns}
        self._speakers = _play_speakers(story)
        self.names |= self._speakers
        self.lowered = lowered
        self.words = self._candidate_words([t for t in located if t.text in rare])
        self.firsts = _offsets([t for t in located if t.text in firsts])
        # One byte per character of the text: 1 where a finding or its translation stands.
        self.taken = bytearray(len(self.text))
        for entry in self.entries:
            self.take(entry.line_start, entry.line_end)
        self.quote_starts = [start for start, _ in self.quotes]
        self.interpreters = interpreters(text, self.quotes)
        self.joins = names.joined(text, tuple(grammar.joiners))
        self.join_starts = [start for start, _ in self.joins]
        self.italic_starts = [span.start for span in self.italics]
        self.found: list[Candidate] = []
        self._paragraph_starts = [p.start for p in story.paragraphs]
        self._foreign: dict[str, bool] = {}
        self._told: dict[str, list[str]] = {}

    def _candidate_words(self, rare: list[Token]) -> tuple[list[Token], list[int]]:
        """The tokens `single_words` can take, in text order: rare words, and one-word
        quotations (`"Hom."`). Every other word of the story is English and never looked at."""
        found = {t.start: t for t in rare}
        for q_start, q_end in self.quotes:
            start, end = strip_span(self.text, q_start, q_end)
            m = WORD.match(self.text, start)
            if m and start + len(bare(m.group())) == end and starts_word(self.text, start):
                found.setdefault(start, Token(start, m.end(), m.group(), bare(m.group())))
        return _offsets([found[start] for start in sorted(found)])

    def _within(self, starts: list[int], paragraph: Span) -> slice:
        return slice(
            bisect.bisect_left(starts, paragraph.start), bisect.bisect_left(starts, paragraph.end)
        )

    def in_notes(self, paragraph: Span) -> bool:
        if any(s <= paragraph.start < e for s, e in self.notes):
            return True
        if not _NOTE_PARAGRAPH.match(self.text, paragraph.start, paragraph.end):
            return False
        said = _SPEAKER.match(self.text, paragraph.start, paragraph.end)
        return said is None or said.group(1) not in self._speakers

    def is_name(self, word: str) -> bool:
        return self.known.is_name(word) or word in self.names

    def is_rare(self, word: str) -> bool:
        return self.known.is_rare(word)

    def _could_be_conlang(self, start: int, end: int) -> bool:
        """A cheap bound on `is_conlang_run` and `_one_word_line`: one word that looks
        foreign here, or two or more words. Most English dialogue is never tokenised."""
        found = WORD.findall(self.text, start, end)
        enough = min(2, len(found))  # no more need be looked at
        foreign = 0
        memo = self._foreign
        for form in found:
            looks = memo.get(form)
            if looks is None:
                looks = memo[form] = foreignness(bare(form), self.vocab, self.known) >= 0.5
            foreign += looks
            if foreign >= enough:
                return True
        return False

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
            count_words(self.text, start, end),
            quoted,
            self._glosses if self.lexicon else None,
            self.interpreters,
        )

    def _glosses(self, spelling: str) -> list[str]:
        found = self._told.get(spelling)
        if found is None:  # the scorer asks of the same words again and again
            entry = self.lexicon.gloss(spelling) if self.lexicon else None
            found = self._told[spelling] = entry[1] if entry else []
        return found

    def gloss(self, start: int, end: int, limit: int, quoted: bool) -> list[Gloss]:
        """The translations the story may give the span, best first."""
        near = self.near(start, end, limit, quoted)
        found = translate(near)
        note = self._footnote(start, end)
        if note is not None:
            note = rate(note, self.text[start:end], near)
            found = sorted([*found, note], key=lambda g: -g.confidence)
        return found

    def _footnote(self, start: int, end: int) -> Gloss | None:
        key = notes.reference(self.text, end)
        if key is None or key not in self.footnotes:
            return None
        body, offset = notes.resolve(self.footnotes[key], end)
        term = self.text[start:end]
        skip = notes.lead_in(body, term)
        body, offset = body[skip:], offset + skip
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
        markers = self.markers[self._within(self.markers, paragraph)]
        if not markers:
            return
        for token in words(self.text, paragraph.start, paragraph.end):
            key = notes.reference(self.text, token.end, tight=True)
            if key is None or key not in self.footnotes:
                continue
            gloss = self._footnote(token.start, token.end)
            if gloss is not None:
                self.found.append(
                    Candidate(token.start, token.end, "word", "footnote", 0.8, [gloss])
                )

    # -- the signals, strongest first --------------------------------------------------

    def glossary_blocks(self) -> None:
        """An author's glossary: its lines whose term has a word English does not use, or
        every line of a block where most terms have one (`Kel ta - my friend` among them)."""
        blocks: dict[int, list[tuple[notes.Entry, list[Token]]]] = {}
        for entry in self.entries:
            tokens = words(self.text, entry.start, entry.end)
            if not tokens or not entry.translation:
                continue
            near = self.near(entry.start, entry.end, entry.line_end, False)
            if english(entry.translation, near, max_words=16):
                blocks.setdefault(entry.block, []).append((entry, tokens))
        for block in blocks.values():
            foreign = [self._term_like(entry, tokens) for entry, tokens in block]
            whole = sum(foreign) > 1 and 2 * sum(foreign) >= len(block)
            for (entry, tokens), looks in zip(block, foreign, strict=True):
                if not (looks or (whole and any(_uncommon(t.bare) for t in tokens))):
                    continue
                start, end = strip_span(self.text, entry.start, entry.end)
                gloss = Gloss(entry.translation, entry.end, entry.line_end, "notes", 0.9)
                self.found.append(Candidate(start, end, _kind(tokens), "notes", 0.9, [gloss]))

    def _term_like(self, entry: notes.Entry, tokens: list[Token]) -> bool:
        """A glossary line's term with a word English does not use (whatever the story's
        narration writes), or one the lexicon knows."""
        return any(self._un_english(t.bare) for t in tokens) or (
            len(tokens) > 1 and self.known.is_word(self.text[entry.start : entry.end])
        )

    def quotations(self, paragraph: Span) -> None:
        for q_start, q_end in self.quotes[self._within(self.quote_starts, paragraph)]:
            if not self.free(q_start, q_end):
                continue
            inner = self.text[q_start:q_end]
            if "(" in inner:
                inner = _ASIDE.sub(lambda m: " " * len(m.group()), inner)
            parts = [
                (q_start + start, q_start + end)
                for start, end in (strip_span(inner, *s) for s in sentences(inner, 0, len(inner)))
                if end > start
            ]
            if len(parts) > 1 and self._whole_line(parts, paragraph):
                continue
            for start, end in parts:
                if not self._could_be_conlang(start, end):
                    continue
                tokens = words(self.text, start, end)
                if len(tokens) < 2:
                    self._one_word_line(tokens, paragraph)
                    continue
                if not is_conlang_run(tokens, self.vocab, self.known, evidence=True):
                    continue  # not even with a translation beside it: no need to look for one
                glosses = self.gloss(start, end, paragraph.end, quoted=True)
                if glosses or is_conlang_run(tokens, self.vocab, self.known):
                    self.add(Candidate(start, end, "phrase", "quotation", 0.75, glosses))

    def _whole_line(self, parts: list[tuple[int, int]], paragraph: Span) -> bool:
        """A quotation of several sentences, every one of them conlang, is one line with one
        translation (`"Vesh tem. Orru kal!"`), unless an aside stands between them."""
        start, end = parts[0][0], parts[-1][1]
        if not self._could_be_conlang(*parts[0]):
            return False  # English dialogue, nearly always: known from its first sentence
        said = {self.text[s:e].strip(PUNCTUATION).casefold() for s, e in parts}
        if len(said) == 1:
            return False  # one line said again (`"Vesh tem. Vesh tem."`): the line is the term
        if "(" in self.text[start:end] or not all(
            self._could_be_conlang(s, e) and self._foreign_sentence(s, e) for s, e in parts
        ):
            return False
        tokens = words(self.text, start, end)
        if not is_conlang_run(tokens, self.vocab, self.known, evidence=True):
            return False
        glosses = self.gloss(start, end, paragraph.end, quoted=True)
        if not glosses and not is_conlang_run(tokens, self.vocab, self.known):
            return False
        self.add(Candidate(start, end, "phrase", "quotation", 0.75, glosses))
        return True

    def _foreign_sentence(self, start: int, end: int) -> bool:
        """A sentence that is conlang as a whole, or no words at all (`...`)."""
        tokens = words(self.text, start, end)
        if len(tokens) == 1:
            word = tokens[0].bare
            return not self.is_name(word) and foreignness(word, self.vocab, self.known) >= 0.5
        return not tokens or is_conlang_run(tokens, self.vocab, self.known, evidence=True)

    def kindred_quotations(self) -> None:
        """Quotations in the words of the story's translated lines: a real language shares
        many of its words with English (`vesh es mon kalu`), so a line judged by English alone
        is missed until the story shows which words are its own."""
        own = {
            t.bare.casefold()
            for c in self.found
            if c.kind == "phrase"
            for t in words(self.text, c.start, c.end)
            if t.bare.casefold() not in stopwords()
        }
        if len(own) < 4:
            return
        for q_start, q_end in self.quotes:
            start, end = strip_span(self.text, q_start, q_end)
            if not self.free(start, end):
                continue
            forms = [bare(f) for f in WORD.findall(self.text, start, end)]
            ours = sum(1 for f in forms if f.casefold() in own or self._un_english(f))
            if ours < 2 or 3 * ours < 2 * len(forms):
                continue
            paragraph = self.story.paragraphs[
                bisect.bisect_right(self._paragraph_starts, start) - 1
            ]
            glosses = self.gloss(start, end, paragraph.end, quoted=True)
            self.add(Candidate(start, end, "phrase", "quotation", 0.7, glosses))

    def _one_word_line(self, tokens: list[Token], paragraph: Span) -> None:
        """`"Hom. It's the word for home."`: a one-word sentence the quotation explains."""
        if len(tokens) != 1 or self._quoted(tokens[0].start, tokens[0].end):
            return  # a whole one-word quotation is judged with the other words
        token = tokens[0]
        if self.is_name(token.bare) or foreignness(token.bare, self.vocab, self.known) < 0.5:
            return
        if not self._un_english(token.bare):
            return
        glosses = self.gloss(token.start, token.end, paragraph.end, quoted=True)
        if glosses:
            self.add(Candidate(token.start, token.end, "word", "quotation", 0.7, glosses))

    def italic_runs(self, paragraph: Span) -> None:
        for span in self.italics[self._within(self.italic_starts, paragraph)]:
            start, end = strip_span(self.text, span.start, span.end)
            if not self._could_be_conlang(start, end) or not self.free(start, end):
                continue
            tokens = words(self.text, start, end)
            if len(tokens) < 2:
                continue
            if not is_conlang_run(tokens, self.vocab, self.known, evidence=True):
                continue
            glosses = self.gloss(start, end, paragraph.end, quoted=False)
            if glosses or is_conlang_run(tokens, self.vocab, self.known):
                self.add(Candidate(start, end, "phrase", "italics", 0.7, glosses))

    def paired_line(self, paragraph: Span) -> None:
        """A short line of two halves, the conlang and its English, either way round: a title
        (`Veshan Orru | Into the Dawn`, `Chapter 2: Dawn - Orruk`, `Orruk: Dawn`)."""
        if paragraph.end - paragraph.start > 240:
            return
        if not _HALF_MARK.search(self.text, paragraph.start, paragraph.end):
            return  # a cheap bound: `_HALVES` is tried at every space
        if not _HALVES.search(self.text, paragraph.start, paragraph.end):
            return
        pos = paragraph.start
        while pos < paragraph.end:
            stop = self.text.find("\n", pos, paragraph.end)
            stop = paragraph.end if stop < 0 else stop
            self._paired(pos, stop, paragraph)
            pos = stop + 1

    def _paired(self, start: int, end: int, paragraph: Span) -> None:
        start, end = strip_span(self.text, start, end, _LINE_MARKS)
        label = _CHAPTER.match(self.text, start, end)
        if label:
            start = label.end()
        halves = _HALVES.search(self.text, start, end)
        if halves is None or not self.free(start, end):
            return
        left = strip_span(self.text, start, halves.start(), _LINE_MARKS)
        right = strip_span(self.text, halves.end(), end, _LINE_MARKS)
        for (span_start, span_end), (gloss_start, gloss_end) in ((left, right), (right, left)):
            tokens = words(self.text, span_start, span_end)
            told = words(self.text, gloss_start, gloss_end)
            if not tokens or not told or len(tokens) > 6 or len(told) > 8:
                continue
            if "," in self.text[span_start:span_end] + self.text[gloss_start:gloss_end]:
                continue  # a sentence going on, not a title
            if any(ch.isdigit() for ch in self.text[gloss_start:gloss_end]):
                continue  # a label (`after episode 2.04`), not a rendering
            if not all(self._un_english(t.bare) or t.bare[:1].isupper() for t in tokens):
                continue  # the conlang half: its words foreign, or names
            if not any(self._un_english(t.bare) for t in tokens) or self.is_name(tokens[0].bare):
                continue
            if any(self._un_english(t.bare) and not t.bare[:1].isupper() for t in told):
                continue  # the English half: no foreign word but a name
            span = self.text[span_start:span_end]
            near = self.near(span_start, span_end, paragraph.end, True)
            english_side = self.text[gloss_start:gloss_end]
            kept = {t.bare for t in tokens}  # a name both halves keep is no English
            if not english(" ".join(t.bare for t in told if t.bare not in kept), near):
                continue
            gloss = rate(Gloss(english_side, gloss_start, gloss_end, "title", 0.8), span, near)
            self.add(Candidate(span_start, span_end, _kind(tokens), "title", 0.7, [gloss]))
            return

    def foreign_line(self, paragraph: Span) -> None:
        """A paragraph in the conlang from end to end, quoted or not: a line of a song, a
        prayer, a chant (`/Vesh tem orru--/`)."""
        rare = self.words[1]
        if (
            paragraph.end - paragraph.start > 2 * QUOTE_CHARS
            or bisect.bisect_left(rare, paragraph.start) == bisect.bisect_left(rare, paragraph.end)
            or self._quoted_paragraph(paragraph)
        ):
            return  # prose, a line without a rare word, or a quotation `quotations` judged
        start, end = strip_span(self.text, paragraph.start, paragraph.end, _LINE_MARKS)
        label = _CHAPTER.match(self.text, start, end)
        if label:
            start = label.end()
        bracket = (
            _BRACKET.search(self.text, start, end) if _bracketed(self.text, start, end) else None
        )
        if bracket:  # `Tavi (tah-vee)`: what stands before a pronunciation or gloss ending it
            close = self.text.find(")" if bracket[0] == "(" else "]", bracket.end(), end)
            if close >= 0 and self.text[close + 1 : end].strip(_LINE_MARKS):
                return  # the paragraph goes on after the bracket: no line of its own
            start, end = strip_span(self.text, start, bracket.start(), _LINE_MARKS)
        if end <= start or end - start > QUOTE_CHARS or not self.free(start, end):
            return
        tokens = words(self.text, start, end)
        if len(tokens) < 2:
            return
        glosses: list[Gloss] | None = None
        if not (is_conlang_run(tokens, self.vocab, self.known) or self._mostly_un_english(tokens)):
            # less will do when the next line renders it (`(We ride at dawn)`)
            if not is_conlang_run(tokens, self.vocab, self.known, evidence=True):
                return
            glosses = [g for g in self.gloss(start, end, paragraph.end, True) if g.start > end]
            if not glosses or glosses[0].method != "parentheses":
                return
        if all(t.text[:1].isupper() for t in tokens) and any(
            zipf(t.bare) >= COMMON for t in tokens
        ):
            return  # a heading or a place: `Tavi's POV`, `Orruk, North Province`
        if glosses is None:
            glosses = self.gloss(start, end, paragraph.end, quoted=True)
        self.add(Candidate(start, end, "phrase", "line", 0.7, glosses))

    def _quoted_paragraph(self, paragraph: Span) -> bool:
        i = bisect.bisect_left(self.quote_starts, paragraph.start)
        if i == len(self.quotes):
            return False
        start, end = self.quotes[i]
        before = self.text[paragraph.start : start].strip(_LINE_MARKS)
        return not before and not self.text[end : paragraph.end].strip(_LINE_MARKS)

    def _mostly_un_english(self, tokens: list[Token]) -> bool:
        """A short line, half its words or more such as English never writes, one rare, and
        none of English's commonest words (`the`, `she`)."""
        foreign = [t for t in tokens if self._un_english(t.bare) and not self.is_name(t.bare)]
        return (
            len(tokens) <= 8
            and 2 * len(foreign) >= len(tokens)
            and any(self.is_rare(t.bare) for t in foreign)
            and not any(t.bare.casefold() in stopwords() for t in tokens)
        )

    def bracketed_runs(self, paragraph: Span) -> None:
        """`she sang Orru vesh kalani (Dawn of the kalani)`: the conlang words right before a
        bracket that translates them, grown back over short words between foreign ones, the
        whole phrase and not only its last word."""
        if not _bracketed(self.text, paragraph.start, paragraph.end):
            return
        for bracket in _BRACKET.finditer(self.text, paragraph.start, paragraph.end):
            last = _LAST_WORD.search(
                self.text, max(paragraph.start, bracket.start() - 40), bracket.start()
            )
            if last is None or not (self._un_english(last[1]) or len(last[1]) <= 3):
                continue  # an English word right before it: the bracket says something else
            begin = self._run_start(paragraph.start, bracket.start())
            tokens = words(self.text, begin, bracket.start())
            run = self._foreign_run(tokens)
            if not run or (len(run) < 2 and not run[0].text[:1].islower()):
                continue  # one word must be written in lower case: `Tavi (her friend)` is a name
            start, end = run[0].start, run[-1].end
            if not self.free(start, end) or self.text[end : bracket.start()].strip(_LINE_MARKS):
                continue
            glosses = self.gloss(start, end, paragraph.end, quoted=False)
            if not glosses or glosses[0].method != "parentheses":
                continue
            if len(run) < 2 and count_words(glosses[0].text, 0, len(glosses[0].text)) > 3:
                continue  # a word's rendering is a word or three, not an aside
            self.add(Candidate(start, end, _kind(run), "narration", 0.7, glosses))

    def _run_start(self, start: int, bracket: int) -> int:
        """Where a phrase before a bracket may begin: not before a quotation that opens a
        sentence of its own (`him. "Vash tem?" (...)`), nor inside one still open; a quoted
        word within the phrase (`de "orruk". (...)`) is part of it."""
        begin = max(start, bracket - QUOTE_CHARS)
        marks = [m.start() for m in _QUOTE_MARK.finditer(self.text, begin, bracket)]
        if len(marks) % 2:
            return marks[-1] + 1  # inside a quotation still open
        if marks:
            before = self.text[begin : marks[-2]].rstrip()
            if not before or before[-1] in ".!?:\u2014\u2013-":
                return marks[-2] + 1
        return begin

    def _un_english(self, word: str) -> bool:
        """Foreign by English itself, whatever this story's narration writes: for the places
        where the narration may be in the language (glossary lines, dialogue after a dash)."""
        return len(word) > 1 and (zipf(word) < COMMON or self.known.is_word(word))

    def _foreign_run(self, tokens: list[Token]) -> list[Token]:
        """The longest run of foreign words that ends the tokens, with a foreign word at
        each end: short words in between (`de`, `el`, `y`), and two English ones at most.

        Judged by English itself rather than by this story, whose narration may be the same
        language written without quotes (dialogue after a dash)."""
        run: list[Token] = []
        gap: list[Token] = []
        english_gap = 0
        for token in reversed(tokens):
            word = token.bare
            if self.is_name(word):
                break
            if self._un_english(word):
                run = [token, *gap, *run]
                gap, english_gap = [], 0
            elif (run or not gap) and len(word) <= 3 and zipf(word) < VERY_COMMON + 1:
                gap.insert(0, token)
            elif run and english_gap < 2 and len(word) <= 4:
                gap.insert(0, token)
                english_gap += 1
            else:
                break
        return run

    def lexicon_phrases(self, paragraph: Span) -> None:
        phrases, prefixes, _ = _phrase_index(self.lexicon)
        firsts, offsets = self.firsts
        taken_to = paragraph.start  # a word of a phrase found does not start another
        for first in firsts[self._within(offsets, paragraph)]:
            if first.start < taken_to:
                continue
            # Word by word while the words so far begin some phrase; the longest free one wins.
            ends: list[int] = []
            key = ""
            for m in WORD.finditer(self.text, first.start, paragraph.end):
                key = f"{key} {m.group().casefold()}" if key else m.group().casefold()
                if key not in prefixes:
                    break
                if key in phrases and " " in key:
                    ends.append(m.end())
            for end in reversed(ends):
                start = first.start
                if self.free(start, end):
                    quoted = self._quoted(start, end)
                    glosses = self.gloss(start, end, paragraph.end, quoted=quoted)
                    self.add(Candidate(start, end, "phrase", "lexicon", 0.85, glosses))
                    taken_to = end
                    break

    def single_words(self, paragraph: Span, known_only: bool = False) -> None:
        tokens, offsets = self.words
        for token in tokens[self._within(offsets, paragraph)]:
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
            glosses = self.gloss(token.start, end, paragraph.end, quoted=quoted)
            if not glosses and not quoted and self._unmarked_capital(word, token.start, end):
                self.add(Candidate(token.start, end, "name", "name", 0.5))
                continue
            evidence = [
                capital
                and not _SENTENCE_START.search(self.text[max(0, token.start - 3) : token.start]),
                self.story.in_italics(token.start, end),
                self.counts[word.casefold()] >= 2,
                zipf(word) == 0.0,
                self.known.is_word(word),
                self._grouped(word),
                self._in_title(token.start),
                bool(glosses),
            ]
            if any(evidence):
                confidence = min(0.95, 0.4 + 0.1 * sum(evidence))
                kind: Kind = "group" if self._grouped(word) else "word"
                self.add(Candidate(token.start, end, kind, "rare word", confidence, glosses))

    def _unmarked_capital(self, word: str, start: int, end: int) -> bool:
        """A capitalised word the story never writes in lower case nor after `the` or `a`,
        never sets apart (italics) and never translates, that no lexicon knows: a name, as
        most such words in fan fiction are."""
        folded = word.casefold()
        return (
            word[:1].isupper()
            and folded not in self.lowered
            and folded not in self.nouns
            and not self.known.is_word(word)
            and not self._grouped(word)
            and not self.story.in_italics(start, end)
            and not self._in_title(start)
        )

    def second_versions(self) -> None:
        """Lines the story gives again in English further on: a song's lines then its English
        lines, a scene then the same scene in English (`versions`)."""
        paragraphs = self.story.paragraphs
        starts = [p.start for p in paragraphs]
        waiting: dict[int, list[Candidate]] = {}
        for candidate in self.found:
            if not candidate.options and candidate.kind == "phrase":
                waiting.setdefault(bisect.bisect_right(starts, candidate.start) - 1, []).append(
                    candidate
                )
        if not waiting:
            return
        found = {bisect.bisect_right(starts, c.start) - 1 for c in self.found}

        def sung(i: int) -> bool:
            return any(c.signal == "line" for c in waiting.get(i, []))

        def rendered(i: int) -> bool:
            span = strip_span(self.text, paragraphs[i].start, paragraphs[i].end, _LINE_MARKS)
            told = self.text[span[0] : span[1]]
            near = self.near(span[0], span[1], span[1], True)
            return (
                i not in found
                and 0 < count_words(self.text, *span) <= versions.MAX_LINE_WORDS
                and english(told, near, max_words=versions.MAX_LINE_WORDS)
            )

        phrases: dict[int, list[Candidate]] = {}
        for candidate in self.found:
            if candidate.kind == "phrase":
                at = bisect.bisect_right(starts, candidate.start) - 1
                phrases.setdefault(at, []).append(candidate)

        def lined(i: int) -> bool:  # a line in the language, glossed already or not
            return any(c.signal == "line" for c in phrases.get(i, []))

        paired = versions.stanzas(_stanzas(self.text, paragraphs), lined, rendered)
        rendering = {j: i for i, j in paired.items()}
        for i, j in paired.items():
            start, end = strip_span(self.text, paragraphs[j].start, paragraphs[j].end, _LINE_MARKS)
            gloss = Gloss(self.text[start:end], start, end, "verse", 0.8)
            ours = phrases.get(i)
            if ours is None:  # a line of the stanza not judged foreign on its own
                if rendered(i):
                    continue
                begin, stop = strip_span(
                    self.text, paragraphs[i].start, paragraphs[i].end, _LINE_MARKS
                )
                ours = [Candidate(begin, stop, "phrase", "line", 0.7)]
                self.add(ours[0])
            for candidate in ours:
                told = candidate.gloss
                if told is not None:
                    told_at = bisect.bisect_right(starts, told.start) - 1
                    if rendering.get(told_at, i) == i:
                        continue  # glossed, and not by another line of the English stanza
                candidate.options.clear()
                candidate.gloss = None
                self._offer(candidate, gloss)
        for i, j in versions.verses(len(paragraphs), sung, rendered).items():
            start, end = strip_span(self.text, paragraphs[j].start, paragraphs[j].end, _LINE_MARKS)
            for candidate in waiting[i]:
                if not candidate.options:
                    self._offer(candidate, Gloss(self.text[start:end], start, end, "verse", 0.8))
        texts = [self.text[p.start : p.end] for p in paragraphs]
        offset = versions.scene_offset(texts, lambda i: i in waiting)
        if offset is None:
            return
        for i, candidates in waiting.items():
            j = i + offset
            if j >= len(paragraphs):
                continue
            said = list(quotations(self.text, paragraphs[i].start, paragraphs[i].end))
            theirs = list(quotations(self.text, paragraphs[j].start, paragraphs[j].end))
            if len(said) != len(theirs):
                continue
            for candidate in candidates:
                k = next((k for k, (s, e) in enumerate(said) if s <= candidate.start < e), None)
                if k is not None:
                    start, end = strip_span(self.text, *theirs[k])
                    gloss = Gloss(self.text[start:end], start, end, "version", 0.8)
                    self._offer(candidate, gloss)

    def _offer(self, candidate: Candidate, gloss: Gloss) -> None:
        """A translation found after the fact, rated as any other and kept if trusted."""
        near = self.near(candidate.start, candidate.end, candidate.end, True)
        if not english(gloss.text, near, max_words=versions.MAX_LINE_WORDS + 16):
            return
        rated = rate(gloss, self.text[candidate.start : candidate.end], near)
        if rated.confidence >= THRESHOLD:
            candidate.options.append(rated)
            candidate.gloss = candidate.gloss or rated

    def _in_title(self, offset: int) -> bool:
        section = self.story.part_at(offset)
        return section is not None and section.part in (Part.title, Part.chapter_title)

    def _glossed_line(self, token: Token, end: int) -> bool:
        """A one-word line that is not plainly English and that the story translates (not an
        interjection English writes often: `Ah.`, `Hmm.`)."""
        if foreignness(token.bare, self.vocab, self.known) < 0.5 or not self._un_english(
            token.bare
        ):
            return False
        limit = self.text.find("\n", end)
        return bool(self.gloss(token.start, end, len(self.text) if limit < 0 else limit, True))

    def _quoted(self, start: int, end: int) -> bool:
        """A span that is a whole quotation by itself (`"Wanheddaa."`)."""
        i = bisect.bisect_right(self.quote_starts, start) - 1
        if i < 0:
            return False
        q_start, q_end = self.quotes[i]
        return end <= q_end and strip_span(self.text, q_start, q_end) == (start, end)

    def _grouped(self, word: str) -> bool:
        """A word with the ending of the language's peoples (`Ulkru` when `kru` is one)."""
        folded = word.casefold()
        return any(len(folded) > len(g) + 2 and folded.endswith(g) for g in self.groups)

    def joiners(self, paragraph: Span) -> None:
        """A joiner of the language between a name and a group (`Tavi ven Ulkru`)."""
        for start, end in self.joins[self._within(self.join_starts, paragraph)]:
            if self.free(start, end):
                self.add(Candidate(start, end, "word", "joiner", 0.7))

    def run(self) -> list[Candidate]:
        self.glossary_blocks()
        for paragraph in self.story.paragraphs or [Span(0, len(self.text))]:
            if self.in_notes(paragraph):
                self.single_words(paragraph, known_only=True)
                continue
            self.marked_words(paragraph)
            self.quotations(paragraph)
            self.italic_runs(paragraph)
            self.paired_line(paragraph)
            self.foreign_line(paragraph)
            self.bracketed_runs(paragraph)
            self.lexicon_phrases(paragraph)
            self.joiners(paragraph)
            self.single_words(paragraph)
        self.kindred_quotations()
        self.second_versions()
        for candidate, gloss in zip(
            self.found, choose([c.options for c in self.found], len(self.text)), strict=True
        ):
            candidate.gloss = gloss
        return self.found


_PHRASES: dict[object, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    None: (frozenset(), frozenset(), frozenset())
}


def _phrase_index(lexicon: Lexicon | None) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """A lexicon's phrases, every run of their first words (`yu`, `yu gonplei`, ...), and
    their first words alone; built once."""
    key: object = lexicon
    if lexicon is not None and key not in _PHRASES:
        phrases = frozenset(lexicon.phrases())
        prefixes = frozenset(
            " ".join(words[:n])
            for words in (p.split(" ") for p in phrases)
            for n in range(1, len(words) + 1)
        )
        starts = frozenset(p.split(" ", 1)[0] for p in phrases)
        _PHRASES[key] = (phrases, prefixes, starts)
    return _PHRASES[key]


def _bracketed(text: str, start: int, end: int) -> bool:
    """Whether a bracket of `_BRACKET` opens between start and end: most paragraphs have none,
    and two plain searches say so faster than the pattern."""
    return text.find("(", start, end) >= 0 or text.find("[", start, end) >= 0


def _uncommon(word: str) -> bool:
    """Neither a letter (`A/N`) nor one of English's commonest words."""
    return len(word) > 1 and zipf(word) < VERY_COMMON


def _offsets(tokens: list[Token]) -> tuple[list[Token], list[int]]:
    """Tokens in text order with their start offsets, for bisecting by paragraph."""
    return tokens, [t.start for t in tokens]


def _play_speakers(story: Story) -> frozenset[str]:
    """Who speaks the story's lines written as a play: a label that starts three paragraphs
    or more (`Rating:` starts one)."""
    labels = Counter(
        m.group(1) for p in story.paragraphs if (m := _SPEAKER.match(story.text, p.start, p.end))
    )
    return frozenset(label for label, n in labels.items() if n >= 3)


def _stanzas(text: str, paragraphs: list[Span]) -> list[range]:
    """Runs of paragraphs with no blank line between them: the stanzas of a song whose lines
    are read one by one."""
    found: list[range] = []
    first = 0
    for i in range(1, len(paragraphs) + 1):
        if i == len(paragraphs) or text.count("\n", paragraphs[i - 1].end, paragraphs[i].start) > 1:
            found.append(range(first, i))
            first = i
    return found


def _kind(tokens: list[Token]) -> Kind:
    return "phrase" if len(tokens) > 1 else "word"


def _context(text: str, start: int, end: int) -> str:
    """The sentence a finding stands in (and its translation), on one line, cut to size.

    Looks no further than a quote's length either side, so a story that is one long line
    costs the same per finding as one in short lines."""
    window = max(0, start - QUOTE_CHARS)
    para = text.rfind("\n", window, start) + 1 or window
    left = para
    for brk in _SENTENCE_BREAK.finditer(text, para, start):
        left = brk.end()
    limit = min(len(text), max(end, left + QUOTE_CHARS) + 2)
    right = text.find("\n", end, limit)
    right = limit if right < 0 else right
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
    story = lines.read_apart(story)
    scan = _Scan(story, known, lexicon)
    findings: list[Finding] = []
    glossed: set[str] = set()
    for cand in sorted(scan.run(), key=lambda c: c.start):
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
