"""`json_spans.lines`, which walks the anchors beside the offsets, against `Story.line_of`."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotate.render.json_spans import lines
from annotate.story import Story


@st.composite
def stories_and_offsets(draw: st.DrawFn) -> tuple[Story, list[int]]:
    text = draw(st.text(alphabet="ab\n", max_size=40))
    positions = st.integers(0, len(text))
    starts = sorted(draw(st.lists(positions, max_size=6)))
    anchors = [(start, draw(st.integers(1, 50))) for start in starts]
    offsets = sorted(draw(st.lists(positions, max_size=20)))
    return Story(path="s.txt", text=text, anchors=anchors), offsets


@given(stories_and_offsets())
def test_lines_are_those_of_the_story(case: tuple[Story, list[int]]) -> None:
    story, offsets = case
    assert lines(story, offsets) == [story.line_of(o) for o in offsets]
