"""The glossary cache: a validated copy per content, served only for that content."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from glossary.errors import GlossError
from glossary.models import Entry, Glossary
from glossary.store import cache, fastyaml, reading
from glossary.store import document as store

TEXT = """\
# a comment the cache need not keep
language: Trigedasleng
terms:
  - term: Heda
    translations: [Commander]
    kind: title
    status: confirmed
    sources:
      - story: stories/a.txt
        line: 3
        confidence: 0.85
  - term: yu
    translations: [you]
"""


def copies(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{cache.PREFIX}*{cache.SUFFIX}"))


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, parsing YAML fails the test: what is read must come from the cache."""

    def fail(text: str) -> object:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(fastyaml, "safe_load", fail)
    monkeypatch.setattr(store, "loads", fail)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"GLOSS_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/c"),
        ({"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/x/gloss"),
        ({"XDG_CACHE_HOME": "relative", "HOME": "/h"}, "/h/.cache/gloss"),
        ({"HOME": "/h"}, "/h/.cache/gloss"),
        ({"GLOSS_CACHE_DIR": "", "HOME": "/h"}, "/h/.cache/gloss"),
        ({"GLOSS_NO_CACHE": "0", "HOME": "/h"}, "/h/.cache/gloss"),
        ({"GLOSS_NO_CACHE": "1", "GLOSS_CACHE_DIR": "/c"}, None),
        ({"GLOSS_NO_CACHE": "yes", "HOME": "/h"}, None),
    ],
)
def test_location(environ: dict[str, str], expected: str | None) -> None:
    found = cache.location(environ)
    assert (str(found) if found else None) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (b"terms: []\n", b"terms: []\n", True),
        (b"terms: []\n", b"terms: [] \n", False),
        (b"", b"\n", False),
    ],
)
def test_key_is_the_content(a: bytes, b: bytes, same: bool) -> None:
    assert (cache.key(a) == cache.key(b)) is same


def test_hit_returns_an_equal_glossary(
    tmp_path: Path, _own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(TEXT, encoding="utf-8")
    fresh = reading.read(path)
    assert len(copies(_own_cache)) == 1
    no_parsing(monkeypatch)
    kept = reading.read(path)
    assert kept == fresh
    assert kept.terms[0].sources[0].confidence == 0.85
    assert kept.model_fields_set == fresh.model_fields_set


def test_same_bytes_elsewhere_share_a_copy(tmp_path: Path, _own_cache: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert reading.read(tmp_path / "a.yaml") == reading.read(tmp_path / "b.yaml")
    assert len(copies(_own_cache)) == 1


def test_changed_content_misses(tmp_path: Path, _own_cache: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(TEXT, encoding="utf-8")
    assert reading.read(path).terms[1].translations == ["you"]
    path.write_text(TEXT.replace("[you]", "[you, your]"), encoding="utf-8")
    assert reading.read(path).terms[1].translations == ["you", "your"]
    assert len(copies(_own_cache)) == 2


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"terms": [{"term": ""}]}', b'{"terms": 5}', b"\xff\xfe"],
)
def test_damaged_copy_is_ignored_and_rewritten(
    tmp_path: Path, _own_cache: Path, damage: bytes
) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(TEXT, encoding="utf-8")
    fresh = reading.read(path)
    [copy] = copies(_own_cache)
    copy.write_bytes(damage)
    assert reading.read(path) == fresh
    assert Glossary.model_validate_json(copy.read_bytes()) == fresh


def test_unusable_cache_folder_is_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GLOSS_CACHE_DIR", str(blocker / "cache"))
    path = tmp_path / "g.yaml"
    path.write_text(TEXT, encoding="utf-8")
    assert reading.read(path).terms[0].term == "Heda"
    assert reading.read(path).terms[0].term == "Heda"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_cache_folder_is_no_cache(tmp_path: Path, _own_cache: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(TEXT, encoding="utf-8")
    _own_cache.chmod(0o500)
    try:
        assert reading.read(path).terms[0].term == "Heda"
        assert copies(_own_cache) == []
    finally:
        _own_cache.chmod(0o700)


def test_no_cache(tmp_path: Path, _own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSS_NO_CACHE", "1")
    path = tmp_path / "g.yaml"
    path.write_text(TEXT, encoding="utf-8")
    assert reading.read(path) == reading.read(path)
    assert copies(_own_cache) == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("terms:\n  - term: a\n    translaton: x\n", ":3:5: unknown key"),
        ("terms: [a\n", ":1:8: syntax error"),
        ("terms:\n  - term: a\n  - term: a\n    term: b\n", ":4:5: syntax error"),
    ],
)
def test_bad_files_are_never_cached(
    tmp_path: Path, _own_cache: Path, text: str, where: str
) -> None:
    for name in ("a.yaml", "b.yaml"):  # the second one's errors name it, not the first
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(GlossError) as raised:
            reading.read(path)
        assert raised.value.lines()[0].startswith(f"{path}{where}")
    assert copies(_own_cache) == []


def test_prune_keeps_the_most_recently_used(tmp_path: Path) -> None:
    glossary = Glossary(terms=[Entry(term="a")])
    for number in range(5):
        cache.keep(tmp_path, f"{number:040x}", glossary)
        os.utime(cache._path(tmp_path, f"{number:040x}"), (number, number))
    cache.fetch(tmp_path, f"{0:040x}")  # used now: the newest
    cache.prune(tmp_path, keep_at_most=2)
    assert [p.name[len(cache.PREFIX) :][:40] for p in copies(tmp_path)] == [
        f"{0:040x}",
        f"{4:040x}",
    ]


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
def test_an_interrupted_write_leaves_nothing(
    error: BaseException, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(cache.os, "replace", fail)
    with contextlib.suppress(KeyboardInterrupt):
        cache.keep(tmp_path, "0" * 40, Glossary(terms=[Entry(term="a")]))
    assert list(tmp_path.iterdir()) == []
