"""Flow and render: the shortcuts for whole paragraphs and many roots change no story."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.readers.dom import parse_html, render, render_all
from annotate.readers.flow import Flow, _printable
from annotate.story import Part, Story, StoryBuilder


def story(steps: Callable[[Flow], None]) -> Story:
    builder = StoryBuilder("x")
    flow = Flow(builder)
    flow.begin(Part.text)
    flow.text("before", 1)
    steps(flow)
    flow.text("after", 9)
    flow.end()
    return builder.build()


@pytest.mark.parametrize(
    "text",
    [
        *("plain words", " padded ", "two  spaces", "no\u00a0break", "a\nnewline"),
        *("\n", " ", "\u00a0", "\u2003 \u00a0", ""),
    ],
)
@pytest.mark.parametrize(("italic", "hover"), [(False, None), (True, None), (False, "h")])
def test_block_is_a_paragraph_of_text(text: str, italic: bool, hover: str | None) -> None:
    def one_by_one(flow: Flow) -> None:
        flow.paragraph()
        flow.text(text, 5, italic, hover)
        flow.paragraph()

    assert story(lambda flow: flow.block(text, 5, italic, hover)) == story(one_by_one)


@pytest.mark.parametrize("text", [" ", "\n", " \n\t ", "\n\n"])
@pytest.mark.parametrize(("italic", "hover"), [(False, None), (True, "h")])
def test_space_is_text_of_only_whitespace(text: str, italic: bool, hover: str | None) -> None:
    assert story(lambda flow: flow.space(italic, hover)) == story(
        lambda flow: flow.text(text, 5, italic, hover)
    )


def test_render_all_renders_each_root_in_turn() -> None:
    doc = parse_html("<p>a <em>b</em></p> c <div title='t'>d<br>e</div><i>f</i> g")
    assert doc.body is not None
    roots = []
    child = doc.body.first_child
    while child is not None:
        roots.append(child)
        child = child.next

    def each(flow: Flow) -> None:
        for root in roots:
            render(root, flow, doc)

    assert story(lambda flow: render_all(roots, flow, doc)) == story(each)


def test_a_lone_surrogate_is_dropped_as_selectolax_does() -> None:
    doc = parse_html("<p>a\ud800b</p>")
    assert doc.body is not None
    assert doc.body.text() == "ab"


@given(st.text())
def test_printable_is_isprintable(text: str) -> None:
    assert _printable(text) == text.isprintable()


PIECES = st.sampled_from(["a", "é", " ", "  ", "\n", "\t", "\u00a0", "|", "\x00"])
TEXTS = st.lists(PIECES, max_size=5).map("".join)


@given(st.lists(st.tuples(st.integers(1, 9), TEXTS), max_size=6))
def test_blocks_are_blocks_one_by_one(blocks: list[tuple[int, str]]) -> None:
    def one_by_one(flow: Flow) -> None:
        for line, text in blocks:
            flow.block(text, line)

    assert story(lambda flow: flow.blocks(blocks)) == story(one_by_one)


Step = tuple[str, str, bool, str | None]
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["text", "block", "space", "paragraph", "line_break"]),
        TEXTS,
        st.booleans(),
        st.sampled_from([None, "h"]),
    ),
    max_size=8,
)


def replay(steps: list[Step], *, after_block: bool) -> Story:
    """The steps flowed in turn; without `after_block`, spaces and paragraph ends that come
    right after a block are left out."""

    def flowed(flow: Flow) -> None:
        block_before = False
        for name, text, italic, hover in steps:
            if name in ("space", "paragraph") and block_before and not after_block:
                continue
            block_before = name == "block"
            if name in ("text", "block"):
                getattr(flow, name)(text, 3, italic, hover)
            elif name == "space":
                flow.space(italic, hover)
            else:
                getattr(flow, name)()

    return story(flowed)


@given(STEPS)
def test_nothing_after_a_block_needs_flowing(steps: list[Step]) -> None:
    """What `render_all` leaves out while it gathers blocks: a space or a paragraph's end
    just after a block changes nothing."""
    assert replay(steps, after_block=False) == replay(steps, after_block=True)
