"""The fast entry writer gives exactly what ruamel's emitter gives, or gives up."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from glossary.findings import Finding
from glossary.merge import flow, merge, new_entry
from glossary.store import document as store
from glossary.store import emit


def ruamel_text(node: CommentedMap, offset: int = 2) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    out = io.StringIO()
    yaml.dump(CommentedMap(terms=CommentedSeq([node])), out)
    return out.getvalue().removeprefix("terms:\n")


TEXT = st.text(
    alphabet=st.sampled_from([*"ab yes:#-'\"[]{},&*!|>%@`?é\u2019\t\\.01~", "\u00a0"]),
    min_size=0,
    max_size=12,
)


# What `Emitter.analyze_scalar` reads of its emitter, as `YAML()` sets it up.
EMITTER = SimpleNamespace(
    serializer=SimpleNamespace(use_version=None),
    allow_unicode=True,
    unicode_supplementary=True,
    allow_space_break=None,
)
LINE = st.text(
    alphabet=st.sampled_from([*" \t\r\0ab:#-?,[]{}&*!|>'\"%@`.\x7f\x85\xa0\ufeff\ufffe\U0001f600"]),
    max_size=8,
)


@settings(max_examples=2000, deadline=None)
@given(LINE, st.booleans())
def test_plain_allowed_is_ruamels_analysis(text: str, flow: bool) -> None:
    analysis = Emitter.analyze_scalar(EMITTER, text)  # type: ignore[arg-type]
    if not analysis.multiline:
        ruamel = analysis.allow_flow_plain if flow else analysis.allow_block_plain
        assert emit.plain_allowed(text, flow) is ruamel
        assert (emit.SPECIAL.search(text) is None) is analysis.allow_single_quoted


SCALAR = st.text(alphabet=st.sampled_from([*"0123456789.+-_:eE xyYnNoOtTfF~<=!&*"]), max_size=8)


@settings(max_examples=2000, deadline=None)
@given(SCALAR | st.sampled_from(["yes", "No", "null", "~", "2001-12-14", "1_000", ".inf", "<<"]))
def test_implicit_tag_is_ruamels_resolution(text: str) -> None:
    resolved = VersionedResolver().resolve(ScalarNode, text, (True, False))
    assert emit.implicit_tag(text) == str(resolved)


def finding(term: str, translation: str | None, quote: str, story: str) -> Finding:
    return Finding(
        term=term, translation=translation, story=story, line=3, quote=quote, method="echo"
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(TEXT, st.none() | TEXT, TEXT, TEXT), min_size=1, max_size=3))
def test_same_text_as_ruamel_whenever_it_writes(
    found: list[tuple[str, str | None, str, str]],
) -> None:
    findings = [finding(t or "x", tr, q, s) for t, tr, q, s in found]
    node = new_entry(findings)
    fast = emit.entry(node)
    if fast is not None:
        assert fast == ruamel_text(node)
    else:  # given up only for what it leaves to ruamel: a tab or a no-break space, quoted
        assert any(ch in "\t\u00a0" for f in found for text in f if text for ch in text)


@pytest.mark.parametrize("offset", [0, 2, 4])
def test_a_typical_extracted_entry_is_written_fast(offset: int) -> None:
    node = new_entry(
        [
            finding(
                "Wanheda",
                "Commander of Death",
                '"Wanheda," she said: it\'s what they call her.',
                "a/b.txt",
            ),
            finding("wanheda", None, "The Wanheda [sic] #1 - yes", "c.md"),
        ]
    )
    node["seen"] = 7
    fast = emit.entry(node, offset, offset + 2)
    assert fast is not None and fast == ruamel_text(node, offset)


@pytest.mark.parametrize(
    "change",
    [
        lambda n: n.yaml_add_eol_comment("mine", "term"),  # a comment
        lambda n: n.__setitem__("notes", "line one\nline two"),  # a line break
        lambda n: n.__setitem__("etymology", CommentedMap(a=1)),  # a nested map
        lambda n: n.__setitem__("seen", None),
        lambda n: n.__setitem__("translations", flow(["x" * 2000])),  # long text
    ],
)
def test_what_only_ruamel_can_write_is_left_to_it(change: object) -> None:
    node = new_entry([finding("Heda", "Commander", "Heda.", "a.txt")])
    change(node)  # type: ignore[operator]
    assert emit.entry(node) is None


@pytest.mark.parametrize("language", [None, "Trigedasleng"])
@pytest.mark.parametrize("offset", [0, 2])
def test_a_new_glossary_is_saved_as_ruamel_would_save_it(
    tmp_path: Path, language: str | None, offset: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[str | None] = []

    def counted(*args: object) -> str | None:
        written.append(fast(*args))  # type: ignore[arg-type]
        return written[-1]

    fast = emit.entry
    monkeypatch.setattr(emit, "entry", counted)
    doc = store.load_or_new(tmp_path / "g.yaml", language)
    doc.style = replace(doc.style, offset=offset, sequence=offset + 2)
    merge(
        doc,
        [finding(f"word{n}", f"sense: {n}'s", f'"Word{n}," she said.', "a.txt") for n in range(30)],
    )
    whole = store._dump(store._round_trip(doc.style), doc.data)
    assert store.dumps(doc) == whole
    assert len(written) == len(doc.data["terms"]) and None not in written  # all written fast
    store.save(doc)
    again = store.load(tmp_path / "g.yaml")  # now spliced: new entries written fast too
    merge(again, [finding("Heda", "Commander", "Heda.", "b.txt")])
    assert store.dumps(again) == store._dump(store._round_trip(again.style), again.data)
