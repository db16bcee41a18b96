"""Saving by splicing: the text a whole dump gives, with untouched entries kept as written."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from glossary.store import document as store

TEXT = """\
# My glossary
language: Trigedasleng  # the show's
terms:
  # confirmed first
  - term: Heda
    translations: [Commander]  # or leader
    kind: title
    status: confirmed
  - term: Wanheda
    translations: [Commander of Death]
    sources:
      - story: stories/a.txt
        line: 3
        quote: '"Wanheda." Commander of Death.'
        confidence: 0.85
    # people say it with fear

  - term: yu
    translations:
      - you
  - term: gonplei
    notes: |
      two
      lines
  - term: kru
    translations: [people, clan]
"""


def whole(doc: store.Document) -> str:
    """What saving wrote before splicing: one dump of the whole tree."""
    return store._dump(store._round_trip(doc.style), doc.data)


def load(tmp_path: Path, text: str = TEXT) -> store.Document:
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    return store.load(path)


def entry(term: str) -> CommentedMap:
    return CommentedMap([("term", term), ("translations", CommentedSeq(["new"]))])


Edit = Callable[[CommentedMap, CommentedSeq], Any]


def _share(root: CommentedMap, terms: CommentedSeq) -> None:
    terms[4]["translations"] = terms[0]["translations"]


def _move_last_first(root: CommentedMap, terms: CommentedSeq) -> None:
    terms.insert(0, terms.pop(-1))


@pytest.mark.parametrize(
    ("edit", "spliced"),
    [
        (lambda root, terms: None, True),
        (lambda root, terms: terms[2]["translations"].append("your"), True),
        (lambda root, terms: terms[1]["sources"][0].__setitem__("line", 4), True),
        (lambda root, terms: terms.append(entry("sonraun")), True),
        (lambda root, terms: terms.insert(0, entry("sonraun")), True),
        (lambda root, terms: terms.insert(3, entry("sonraun")), True),
        (lambda root, terms: terms.__delitem__(1), True),
        (lambda root, terms: terms.__delitem__(0), True),
        (_move_last_first, True),
        (lambda root, terms: terms[3].yaml_add_eol_comment("a comment", "term"), True),
        (lambda root, terms: terms[2].__setitem__("term", SingleQuotedScalarString("yu")), True),
        (lambda root, terms: terms[0]["translations"].fa.set_block_style(), True),
        (lambda root, terms: terms[0].__setitem__("notes", LiteralScalarString("a\nb\n")), True),
        (lambda root, terms: terms[1].__setitem__("seen", 7), True),
        (lambda root, terms: terms.__setitem__(2, copy.deepcopy(terms[2])), True),
        (lambda root, terms: root.__setitem__("language", "Trig"), False),
        (lambda root, terms: root.insert(0, "description", "mine"), False),
        (_share, False),  # a whole dump writes an anchor and an alias
    ],
)
def test_splice_writes_what_a_whole_dump_writes(edit: Edit, spliced: bool, tmp_path: Path) -> None:
    doc = load(tmp_path)
    assert whole(doc) == TEXT  # a file as ruamel writes it
    edit(doc.data, doc.data["terms"])
    text, layout = store._render(doc)
    assert text == whole(doc)
    assert (layout is not None) is spliced


@pytest.mark.parametrize(
    "edit",
    [
        lambda terms: terms.append(entry("sonraun")),
        lambda terms: terms.__delitem__(-1),
        lambda terms: terms[-1]["translations"].append("x"),
    ],
)
def test_comments_ending_the_list_are_placed_by_ruamel(
    edit: Callable[[CommentedSeq], Any], tmp_path: Path
) -> None:
    doc = load(tmp_path, TEXT + "\n# the end\n")
    edit(doc.data["terms"])
    text, layout = store._render(doc)
    assert layout is None
    assert text == whole(doc)
    assert text.endswith("\n# the end\n")


def test_untouched_entries_keep_their_formatting(tmp_path: Path) -> None:
    text = TEXT.replace("[people, clan]", "[ people,clan ]").replace("[Commander]", '["Commander"]')
    doc = load(tmp_path, text)
    assert whole(doc) != text  # ruamel alone would rewrite both lists
    assert store.save(doc) is False  # nothing changed: the file is left alone
    doc.data["terms"][2]["translations"].append("your")
    assert store.save(doc) is True
    saved = doc.path.read_text(encoding="utf-8")
    assert "[ people,clan ]" in saved and '["Commander"]' in saved
    assert "      - your\n" in saved
    assert store.load(doc.path).glossary == store.validate(doc.data, "g.yaml")
    assert store.save(doc) is False  # the layout follows what was written


def test_a_file_without_a_last_line_break(tmp_path: Path) -> None:
    doc = load(tmp_path, TEXT.rstrip("\n"))
    assert store.save(doc) is False
    doc.data["terms"].append(entry("sonraun"))
    store.save(doc)
    assert store.load(doc.path).glossary.terms[-1].term == "sonraun"


_OPS = st.lists(
    st.tuples(
        st.sampled_from(["edit", "append", "insert", "delete", "move", "copy", "eol", "flow"]),
        st.integers(0, 100),
        st.integers(0, 100),
    ),
    max_size=5,
)


@settings(max_examples=80, deadline=None)
@given(ops=_OPS)
def test_any_edits(
    ops: list[tuple[str, int, int]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    doc = load(tmp_path_factory.mktemp("g"))
    terms = doc.data["terms"]
    for op, a, b in ops:
        if not terms:
            break
        i, j = a % len(terms), b % len(terms)
        if op == "edit":
            terms[i]["notes"] = f"note {b}"
        elif op == "append":
            terms.append(entry(f"new {a}"))
        elif op == "insert":
            terms.insert(i, entry(f"new {a}"))
        elif op == "delete":
            del terms[i]
        elif op == "move":
            terms.insert(j, terms.pop(i))
        elif op == "copy":
            terms[i] = copy.deepcopy(terms[j])
        elif op == "eol":
            terms[i].yaml_add_eol_comment(f"note {b}", "term")
        elif op == "flow" and isinstance(terms[i].get("translations"), CommentedSeq):
            terms[i]["translations"].fa.set_flow_style()
    assert store.dumps(doc) == whole(doc)
