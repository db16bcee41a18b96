"""The benchmark's glossaries: sizes, a fifth multi-word, nested, valid for gloss and PyYAML."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from glossary.models import Glossary
from glossary.spelling import squash
from glossary.store.document import load
from tests.bench.glossaries import curated_yaml, flow_list, pick, scalar, spotting_yaml
from tests.bench.sources import Sources, fixture_sources


@cache
def sources() -> Sources:
    return fixture_sources()


@pytest.mark.parametrize("count", [100, 2_000])
def test_sizes_and_the_multi_word_share(count: int) -> None:
    terms = pick(sources(), 1, count)
    assert len(terms) == count
    assert sum(" " in w.term for w in terms) == count // 5
    assert len({squash(w.term) for w in terms}) == count  # no two spelled alike


def test_smaller_glossaries_are_the_start_of_bigger_ones() -> None:
    assert pick(sources(), 1, 2_000)[:100] == pick(sources(), 1, 100)
    assert pick(sources(), 2, 100) != pick(sources(), 1, 100)


def test_real_words_come_first_and_common_english_is_left_out() -> None:
    lexicon = {w.term for w in sources().lexicon}
    first = pick(sources(), 1, 50)
    assert all(w.term in lexicon for w in first[:10] if " " not in w.term)
    assert not {"in", "op", "no"} & {w.term.casefold() for w in pick(sources(), 1, 300)}


@pytest.mark.parametrize(
    "text", ["no", "Yes", "a: b", "it's", "#x", "Heda", "null", "[x]", "one, two", "a - b"]
)
def test_scalars_read_back_as_the_same_string(text: str) -> None:
    yaml = YAML(typ="safe", pure=True)
    assert yaml.load(f"k: {scalar(text)}\n") == {"k": text}
    assert yaml.load(f"k: {flow_list([text, 'x'])}\n") == {"k": [text, "x"]}


def test_spotting_glossary_is_valid(tmp_path: Path) -> None:
    terms = pick(sources(), 1, 100)
    path = tmp_path / "g.yaml"
    path.write_text(spotting_yaml(terms), encoding="utf-8")
    model = load(path).glossary
    assert [e.term for e in model.terms] == [w.term for w in terms]


def test_curated_glossary_is_valid_with_sources(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(curated_yaml(sources(), 1, 200), encoding="utf-8")
    model: Glossary = load(path).glossary
    assert len(model.terms) == 200
    assert all(e.sources and e.term in (e.sources[0].quote or "") for e in model.terms)
