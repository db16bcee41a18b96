"""Extraction over many story files: one process per core, findings streamed out story by
story in a stable order, progress, errors collected."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from annotate import heap
from annotate.extract import english
from annotate.extract.pipeline import extract_story
from annotate.extract.scoring import NO_LEXICON
from annotate.lexicon import AUTO, Lexicon, available, bundled, load_lexicon
from annotate.pool import ordered_map
from annotate.readers import Skipped, find_stories, read_story
from annotate.readers.partly import PartlyRead
from glossary.errors import GlossError
from glossary.findings import Finding
from glossary.store.files import size_of

MIN_EVIDENCE = 3  # distinct lexicon words a corpus must show before the lexicon speaks for it
HOLD_STORIES = 256  # stories held back while a guessed lexicon is unconfirmed, at most

Progress = Callable[[int, int, int], None]  # stories done, stories in all, bytes read
Sink = Callable[[list[Finding]], None]  # takes one story's findings


@dataclass
class Extraction:
    findings: list[Finding] = field(default_factory=list)  # when no sink took them
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    stories: int = 0
    lexicon: Lexicon | None = None
    # a guessed lexicon left out for want of evidence, and the few of its words the stories show
    doubted: tuple[Lexicon, int] | None = None


@cache
def _lexicon(spec: str | None) -> Lexicon | None:
    return load_lexicon(spec, None) if spec else None


def _prepare(spec: str | None, settle: bool) -> None:
    """Ready a process for its stories: the lexicon and the word frequencies loaded and, in
    a process that only extracts, settled (`heap.settle`: the collector's full passes over
    them took about 60 ms each, ten passes over 10 MB)."""
    _lexicon(spec)
    english.load()
    if settle:
        heap.settle()


Outcome = tuple[list[Finding] | None, str | None]  # findings (None: unread), what went wrong


def _one(job: tuple[str, str | None]) -> Outcome:
    """A story's findings, and what went wrong reading it: a story read in part (an EPUB
    missing a chapter) gives the findings of the rest and says what is missing."""
    path, spec = job
    lexicon = _lexicon(spec)
    try:
        story = read_story(Path(path))
    except PartlyRead as err:
        return extract_story(err.story, lexicon or NO_LEXICON, lexicon), err.used()[0]
    except GlossError as err:
        return None, err.lines()[0]
    return extract_story(story, lexicon or NO_LEXICON, lexicon), None


def _spec(lexicon: Lexicon | None, choice: str) -> str | None:
    if lexicon is None:
        return None
    return lexicon.name if lexicon.name in available() else choice


def _from_lexicon(finding: Finding) -> bool:
    return finding.lexicon is not None or finding.method == "lexicon"


class _Guess:
    """A bundled lexicon on trial: its findings are held back until the stories show
    `MIN_EVIDENCE` of its words, then let through; dropped if they never do.

    Stories are held whole at first, so a confirmed lexicon merges exactly as if it had been
    chosen; past `HOLD_STORIES` only the lexicon's own findings are held (one per term and
    translation), so memory stays flat on a corpus in another conlang."""

    def __init__(self, lexicon: Lexicon, sink: Sink) -> None:
        self.lexicon = lexicon
        self.sink = sink
        self.evidence: set[str] = set()
        self.held: list[list[Finding]] = []
        self.held_lexicon: dict[tuple[str, str | None, str], Finding] = {}
        self.confirmed = False

    def take(self, findings: list[Finding]) -> None:
        if self.confirmed:
            self.sink(findings)
            return
        for f in findings:
            if not _from_lexicon(f) and self.lexicon.is_word(f.term):
                self.evidence.add(f.term.casefold())
        if len(self.evidence) >= MIN_EVIDENCE:
            self.confirmed = True
            for story in self.held:
                self.sink(story)
            self.sink(list(self.held_lexicon.values()))
            self.held, self.held_lexicon = [], {}
            self.sink(findings)
        elif len(self.held) < HOLD_STORIES and not self.held_lexicon:
            self.held.append(findings)
        else:
            for story in [*self.held, findings]:
                self._split(story)
            self.held = []

    def _split(self, findings: list[Finding]) -> None:
        own = []
        for f in findings:
            if _from_lexicon(f):
                self.held_lexicon.setdefault((f.term, f.translation, f.method), f)
            else:
                own.append(f)
        self.sink(own)

    def finish(self) -> bool:
        """Whether the lexicon was confirmed; if not, what the stories found is let through
        without it."""
        if not self.confirmed:
            for story in self.held:
                self.sink([f for f in story if not _from_lexicon(f)])
        return self.confirmed


def extract_paths(
    paths: Sequence[Path],
    choice: str = AUTO,
    language: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    sink: Sink | None = None,
    settle: bool = False,
) -> Extraction:
    """Findings of every story under `paths`, given to `sink` story by story in a stable
    order (the same for any number of jobs), or kept in `findings` without one.

    `choice` is the `--lexicon` option. With `auto` and no language known yet, each bundled
    lexicon is tried and kept only when the stories show enough of its words. `settle`: this
    process does little else (a command), so the garbage collector may be tuned for it
    (`heap.settle`) in it and in the processes it starts.
    """
    result = Extraction()
    take: Sink = sink or result.findings.extend
    guessing = choice.casefold() == AUTO and not language
    lexicon = load_lexicon(choice, language)
    if guessing:
        names = available()
        lexicon = bundled(names[0]) if names else None
    files: list[str] = []
    for item in find_stories(paths):
        if isinstance(item, Skipped):
            result.skipped.append(str(item))
        else:
            files.append(str(item))
    guess = _Guess(lexicon, take) if guessing and lexicon is not None else None
    spec = _spec(lexicon, choice)
    _run(files, (spec, settle), jobs, result, guess.take if guess else take, progress)
    result.lexicon = lexicon if guess is None or guess.finish() else None
    if guess is not None and result.lexicon is None and guess.evidence:
        result.doubted = (guess.lexicon, len(guess.evidence))
    return result


def _run(
    files: list[str],
    setup: tuple[str | None, bool],  # the lexicon's spec, and whether to settle
    jobs: int | None,
    result: Extraction,
    take: Sink,
    progress: Progress | None,
) -> None:
    work = [(f, setup[0]) for f in files]
    prepare = _prepare if files else None  # with no story, nothing need be loaded
    # closed at once on Ctrl-C, wherever it lands: the pool stops with it
    with closing(ordered_map(_one, work, jobs, prepare, setup)) as outcomes:
        _collect(result, outcomes, [size_of(f) for f in files], take, progress)


def _collect(
    result: Extraction,
    outcomes: Iterable[Outcome],
    sizes: list[int],
    take: Sink,
    progress: Progress | None,
) -> None:
    done_bytes = 0
    for done, ((findings, error), size) in enumerate(zip(outcomes, sizes, strict=True), 1):
        if error:
            result.errors.append(error)
        if findings is not None:
            result.stories += 1
            take(findings)
        done_bytes += size
        if progress:
            progress(done, len(sizes), done_bytes)
