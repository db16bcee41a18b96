"""Extraction over many story files: one process per core, progress, errors collected."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from annotate.extract.pipeline import extract_story
from annotate.extract.scoring import NO_LEXICON
from annotate.lexicon import AUTO, Lexicon, available, bundled, load_lexicon
from annotate.readers import Skipped, find_stories, read_story
from glossary.errors import GlossError
from glossary.findings import Finding

PARALLEL_FROM = 4  # fewer stories than this are quicker in one process than in a pool
MIN_EVIDENCE = 3  # distinct lexicon words a corpus must show before the lexicon speaks for it

Progress = Callable[[int, int], None]


@dataclass
class Extraction:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    stories: int = 0
    lexicon: Lexicon | None = None


@cache
def _lexicon(spec: str | None) -> Lexicon | None:
    return load_lexicon(spec, None) if spec else None


def _one(job: tuple[str, str | None]) -> tuple[list[Finding], str | None]:
    path, spec = job
    try:
        story = read_story(Path(path))
        lexicon = _lexicon(spec)
        return extract_story(story, lexicon or NO_LEXICON, lexicon), None
    except GlossError as err:
        return [], err.lines()[0]


def _spec(lexicon: Lexicon | None, choice: str) -> str | None:
    if lexicon is None:
        return None
    return lexicon.name if lexicon.name in available() else choice


def _evidence(findings: Iterable[Finding], lexicon: Lexicon) -> int:
    """Distinct lexicon words the text itself pointed at (not the lexicon's own phrases)."""
    return len(
        {
            f.term.casefold()
            for f in findings
            if f.lexicon is None and f.method != "lexicon" and lexicon.is_word(f.term)
        }
    )


def extract_paths(
    paths: Sequence[Path],
    choice: str = AUTO,
    language: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Extraction:
    """Findings of every story under `paths`, in a stable order.

    `choice` is the `--lexicon` option. With `auto` and no language known yet, each bundled
    lexicon is tried and kept only when the stories show enough of its words.
    """
    result = Extraction()
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
    spec = _spec(lexicon, choice)
    jobs = jobs or os.cpu_count() or 1
    work = [(f, spec) for f in files]
    if jobs > 1 and len(files) >= PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            outcomes = pool.map(_one, work, chunksize=max(1, len(work) // (jobs * 8)))
            _collect(result, outcomes, len(work), progress)
    else:
        _collect(result, map(_one, work), len(work), progress)
    if guessing and lexicon is not None and _evidence(result.findings, lexicon) < MIN_EVIDENCE:
        result.findings = [
            f for f in result.findings if f.lexicon is None and f.method != "lexicon"
        ]
        lexicon = None
    result.lexicon = lexicon
    return result


def _collect(
    result: Extraction,
    outcomes: Iterable[tuple[list[Finding], str | None]],
    total: int,
    progress: Progress | None,
) -> None:
    for done, (findings, error) in enumerate(outcomes, 1):
        if error:
            result.errors.append(error)
        else:
            result.stories += 1
            result.findings.extend(findings)
        if progress:
            progress(done, total)
