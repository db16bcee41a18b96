"""The fast entry writer gives exactly what ruamel's emitter gives, or gives up."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from glossary import emit
from glossary.findings import Finding
from glossary.merge import flow, new_entry


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
