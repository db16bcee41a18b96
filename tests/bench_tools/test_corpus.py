"""The benchmark's corpus: the same seed makes the same bytes, in files gloss reads."""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import pytest

from annotate.readers import read_story
from tests.bench.corpus import build, generate
from tests.bench.sources import Sources, clean_term, fixture_sources
from tests.bench.stories import FORMATS, plan, render


@cache
def sources() -> Sources:
    return fixture_sources()


def test_the_same_seed_makes_the_same_bytes() -> None:
    first = list(generate(sources(), seed=3, size_bytes=300_000))
    again = list(generate(sources(), seed=3, size_bytes=300_000))
    other = list(generate(sources(), seed=4, size_bytes=300_000))
    assert first == again
    assert [data for _, data in first] != [data for _, data in other]


def test_a_bigger_corpus_begins_with_the_smaller_one() -> None:
    small = list(generate(sources(), seed=3, size_bytes=200_000))
    big = list(generate(sources(), seed=3, size_bytes=600_000))
    assert big[: len(small)] == small
    assert sum(len(data) for _, data in small) >= 200_000


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_read_by_gloss(fmt: str, tmp_path: Path) -> None:
    rng = random.Random(7)
    story = plan(rng, sources(), fmt, 20_000)
    path = tmp_path / f"story.{fmt}"
    path.write_bytes(render(story, fmt))
    text = read_story(path).text
    spoken = [b.line.trig for chapter in story.chapters for b in chapter if not isinstance(b, str)]
    assert spoken, "a story has conlang lines"
    assert spoken[0].split()[0] in text
    assert len(text) > 10_000


def test_a_built_corpus_is_kept_and_reused(tmp_path: Path) -> None:
    corpus, made = build(sources(), 0.3, 5, tmp_path)
    again, made_again = build(sources(), 0.3, 5, tmp_path)
    assert made and not made_again
    assert again.files == corpus.files and again.bytes == corpus.bytes >= 300_000
    assert sum(n for n, _ in corpus.formats.values()) == corpus.files
    assert corpus.part(0.1)[0] == [corpus.root / "shelf000"]


@pytest.mark.parametrize(
    ("raw", "term"),
    [("...Ste komba...", "Ste komba"), ("Heda!", "Heda"), ("Sen yu, gada.", None), ("", None)],
)
def test_terms_are_plain_words(raw: str, term: str | None) -> None:
    assert clean_term(raw) == term
