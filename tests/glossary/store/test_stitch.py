"""Stitched round-trip loading: exactly the tree ruamel builds alone, or no tree at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

from glossary.errors import GlossError
from glossary.models import Entry, Glossary, Source
from glossary.store import checks, reading, stitch
from glossary.store import document as store


def pure(text: str) -> Any:
    return store._round_trip(store.Style()).load(text)


def stitched(text: str) -> CommentedMap | None:
    return stitch.load(text, store._round_trip(store.Style()).load)


def _comments(node: Any) -> Any:
    def token(t: Any) -> Any:
        if t is None:
            return None
        if isinstance(t, list):
            return [token(x) for x in t]
        return (t.value, t.start_mark.column)

    ca = node.ca
    return token(ca.comment), {k: token(v) for k, v in ca.items.items()}, token(ca.end)


def difference(a: Any, b: Any, at: str = "$") -> str | None:
    """Where two round-trip trees differ in anything saving or positions depend on."""
    if type(a) is not type(b):
        return f"{at}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, CommentedMap | CommentedSeq):
        mine = (a.lc.line, a.lc.col, a.lc.data, _comments(a), a.fa.flow_style(), len(a))
        theirs = (b.lc.line, b.lc.col, b.lc.data, _comments(b), b.fa.flow_style(), len(b))
        if mine != theirs:
            return f"{at}: {mine} != {theirs}"
        if isinstance(a, CommentedMap):
            if list(a) != list(b):
                return f"{at}: keys {list(a)} != {list(b)}"
            pairs = [(f"{at}.{k}", a[k], b[k]) for k in a]
        else:
            pairs = [(f"{at}[{i}]", x, y) for i, (x, y) in enumerate(zip(a, b, strict=True))]
        return next((d for p, x, y in pairs if (d := difference(x, y, p))), None)
    if isinstance(a, TaggedScalar):
        a, b = (a.value, a.style, str(a.tag)), (b.value, b.style, str(b.tag))
    if a != b or repr(a) != repr(b):
        return f"{at}: {a!r} != {b!r}"
    anchors = [x.yaml_anchor() if hasattr(x, "yaml_anchor") else None for x in (a, b)]
    mine, theirs = (x.value if x else None for x in anchors)
    return f"{at}: anchor {mine} != {theirs}" if mine != theirs else None


def assert_same(text: str, expect_stitched: bool = True) -> None:
    tree = stitched(text)
    assert (tree is not None) is expect_stitched
    if tree is not None:
        reference = pure(text)
        assert difference(tree, reference) is None
        style = store.guess_style(text)
        mine = store.dumps(store.Document(Path("g.yaml"), tree, Glossary(), style))
        assert mine == store.dumps(store.Document(Path("g.yaml"), reference, Glossary(), style))


def entry(n: int, indent: str = "  ") -> str:
    return (
        f"{indent}- term: Term {n}\n"
        f"{indent}  translations: [word {n}, 'a, b']\n"
        f"{indent}  kind: word\n"
        f"{indent}  sources:\n"
        f"{indent}    - story: stories/s{n}.txt\n"
        f"{indent}      line: {n + 1}\n"
        f"{indent}      quote: '\"Term {n}.\" It''s #{n}: a quote'\n"
        f'{indent}      translation: "word {n}"\n'
        f"{indent}      confidence: 0.{n % 9 + 1}0\n"
    )


def glossary(*middle: str, head: str = "language: Trigedasleng\nterms:\n", tail: str = "") -> str:
    """A head, entries 0-2, the middle texts each followed by two entries, and a tail."""
    body = "".join(entry(n) for n in range(3))
    for n, text in enumerate(middle):
        body += text + entry(10 + 2 * n) + entry(11 + 2 * n)
    return head + body + tail


@pytest.mark.parametrize(
    "text",
    [
        glossary(),
        glossary(head="# top comment\n\nlanguage: Trigedasleng  # eol\nterms:  # the terms\n"),
        glossary(head="---\nlanguage: Trigedasleng\nterms:\n  # before the first\n"),
        glossary(head="terms:\n"),
        glossary(head="language: |\n  Trig\n  edasleng\nterms:\n"),
        glossary("  # between entries\n", "# at column zero\n", "\n", "  \n"),
        glossary("  - term: x  # eol comment\n    kind: name\n"),
        glossary("  - term: x\n    notes: |\n      two\n      lines\n"),
        glossary("  - term: x\n    notes: >-\n      folded\n      text\n"),
        glossary("  - term: x\n    notes:\n    kind: name\n"),  # a null value
        glossary("  - term: x\n    notes:\n"),  # a null value, then the next entry
        glossary("  - term: x\n    translations: [look!, 'see?', 'a: b']\n"),
        glossary("  - term: x\n    translations: [ a ,b ]\n"),
        glossary("  - term: &t x\n    variants: [*t]\n"),
        glossary("  - term: 'multi\n      line'\n"),
        glossary("  - term: plain\n      continued\n"),
        glossary("  - term: \u00e9t\u00e9 \U0001f600 x  # after wide characters\n"),
        glossary("  - term: x\n    notes: !!str 5\n"),
        glossary("  -   term: x\n      kind: word\n"),
        glossary("  - {term: x, kind: word}\n"),
        glossary("  - term: x\n    notes: 'yes'\n    seen: 0o17\n    confidence: 1e-1\n"),
        glossary(tail="  # after the last entry\n"),
        glossary(tail="\n\n# the end\n"),
        glossary(tail="# the end, no line break"),
        glossary(tail="description: after the terms\n"),
        "language: x\nterms:\n" + "".join(entry(n, indent="") for n in range(4)),
        "language: x\nterms:\n" + "".join(entry(n, indent="    ") for n in range(4)),
        "terms:\n" + "".join(entry(n) for n in range(4)).rstrip("\n"),
    ],
)
def test_stitched_is_the_tree_ruamel_builds(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stitch, "MOSTLY_IRREGULAR", 1)
    assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        glossary(tail="description: after the terms  # a comment\n"),
        glossary(tail="  # a comment\ndescription: after the terms\n"),
        glossary("  - term: [unclosed\n"),
        glossary("  - term: x\n    translations: [look!, see?]\n"),  # libyaml cannot
        glossary("  - term: x\n    term: y\n"),  # a duplicate key
        glossary("  - term: *nowhere\n"),
        glossary("  - term: x\n    variants: [*elsewhere]\n", head="a: &elsewhere y\nterms:\n"),
        "%YAML 1.1\n---\n" + glossary(),
        glossary().replace("\n", "\r\n"),
        glossary("  - term: x\u2028y\n"),
        "- " + glossary().replace("\n", "\n  "),
        "terms: [{term: a}, {term: b}]\n",
        "terms:\n" + entry(1),
        "terms:\n" + entry(1) + "---\nterms: []\n",
        "words:\n" + entry(1) + entry(2),
        "",
    ],
)
def test_not_stitched(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stitch, "MOSTLY_IRREGULAR", 1)
    assert stitched(text) is None


@pytest.mark.parametrize(
    ("spaced", "stitches"),
    [(1, False), (2, True)],  # entries with a comment after them: all, half
)
def test_a_mostly_irregular_file_is_left_to_ruamel(spaced: int, stitches: bool) -> None:
    body = "".join(entry(n) + ("  # seen\n" if n % spaced == 0 else "") for n in range(30))
    assert (stitched("terms:\n" + body) is not None) is stitches


@pytest.mark.parametrize(
    ("last", "stitches"),
    [
        ("    kind: word", True),
        ("    kind: word   ", True),
        ("    seen: 5", True),
        ("    confidence: 0.50", True),
        ("    notes: 'x y'", True),
        ('    notes: "x y"', True),
        ("    translations:\n      - x", True),
        ("    translations:\n      - 'x'", True),
        ("    translations:\n      - [x]", True),
        ("    sources:\n      - story: s\n        line: 3", True),
        ("    sources:\n      - story: s\n        quote: 'q'", True),
        ("    sources:\n      - - x", True),
        # ruamel puts these blank lines before the next entry, in the list: not stitched
        ("    translations: [x, y]", False),
        ("    notes:", False),
    ],
)
@pytest.mark.parametrize("blanks", [1, 2])
def test_blank_lines_between_entries(last: str, stitches: bool, blanks: int) -> None:
    body = "".join(f"  - term: t{n}\n{last}\n" + "\n" * blanks for n in range(6))
    assert_same("language: x\nterms:\n" + body + "  - term: end\n", stitches)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a: 1\nb:\n  - c\n", []),
        ("a: 1\n\nb: 2\n", [1]),
        ("a: 1  # c\nb: 'x # y'\n", [0]),
        ("a:\nb: 2", [0]),  # null
        ("a:\n  b: 2", []),
        ("a:\n- b\n", []),
        ("a:", [0]),
        ("a: |\n  x\n", [0, 1]),
        ("a: [x, {b: c}]\n", [0]),
        ("a: x:y\nb: x: y\n", [1]),
        ("a: \t\n", [0]),
    ],
)
def test_irregular_lines(text: str, lines: list[int]) -> None:
    assert stitch.irregular_lines(text) == lines


_TEXTS = st.text(
    alphabet=st.sampled_from("abc XYZ\u00e9\u2019'\"#:-,[]{}!?&*|>%@`\\/\t\n"), min_size=1
).filter(lambda s: s.strip() == s and s.strip())
_ENTRIES = st.builds(
    Entry,
    term=_TEXTS,
    translations=st.lists(_TEXTS, max_size=3),
    notes=st.none() | _TEXTS,
    sources=st.lists(st.builds(Source, quote=_TEXTS, line=st.integers(1, 99)), max_size=2),
)
_NOISE = st.sampled_from(["", "  ", "# note", "  # note", "      # deep note", "\n"])


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(_ENTRIES, min_size=2, max_size=6),
    noise=st.lists(st.tuples(st.integers(0, 10_000), _NOISE), max_size=4),
    eol=st.lists(st.integers(0, 10_000), max_size=3),
)
def test_any_glossary_with_comments(
    entries: list[Entry],
    noise: list[tuple[int, str]],
    eol: list[int],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    stitch.MOSTLY_IRREGULAR, before = 1, stitch.MOSTLY_IRREGULAR
    try:
        doc = store.load_or_new(tmp_path_factory.mktemp("g") / "g.yaml", "Trigedasleng")
        doc.data["terms"] = [e.model_dump(exclude_defaults=True) for e in entries]
        lines = store.dumps(doc).split("\n")
        for at in eol:
            if lines[at % len(lines)].strip():
                lines[at % len(lines)] += "  # eol"
        for at, line in sorted(noise, reverse=True):
            lines.insert(1 + at % len(lines), line)
        text = "\n".join(lines)
        try:
            pure(text)
        except Exception:
            assert stitched(text) is None
            return
        tree = stitched(text)
        if tree is not None:
            assert difference(tree, pure(text)) is None
    finally:
        stitch.MOSTLY_IRREGULAR = before


BIG = "# my glossary\nlanguage: Trigedasleng\nterms:\n" + "".join(
    entry(n) + ("  # checked\n" if n % 50 == 0 else "") for n in range(200)
)


def test_store_loads_a_big_file_as_ruamel_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(BIG) > store.STITCH_FROM
    path = tmp_path / "g.yaml"
    path.write_text(BIG, encoding="utf-8")
    doc = store.load(path)
    monkeypatch.setattr(store, "STITCH_FROM", 10**9)
    reference = store.load(path)
    assert difference(doc.data, reference.data) is None
    assert doc.glossary == reference.glossary == reading.read(path)
    assert store.dumps(doc) == BIG
    assert store.save(doc) is False  # unchanged: not rewritten


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  - term: Term 120\n", "  - term: Term 120\n    translaton: x\n"),
        ("      line: 131\n", "      line: -4\n"),
        ("  - term: Term 140\n", "  - term:\n"),
        ("  - term: Term 150\n", "  - term: Term 3\n"),  # a duplicate spelling (checks)
    ],
)
def test_big_file_problems_at_the_same_places(
    old: str, new: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(BIG.replace(old, new), encoding="utf-8")

    def problems() -> list[str]:
        try:
            return [str(p) for p in checks.check(store.load(path))]
        except GlossError as err:
            return err.lines()

    mine = problems()
    monkeypatch.setattr(store, "STITCH_FROM", 10**9)
    assert mine == problems() != []
