"""Choosing among overlapping hits: `_longest_first`'s shortcut (one hit holds the whole
cluster) against the plain longest-first pass."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotate.spotting.spotter import _longest_first

Hit = tuple[int, int, int]


def plain_longest_first(cluster: list[Hit]) -> list[Hit]:
    taken: list[Hit] = []
    for hit in sorted(cluster, key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= t[0] or t[1] <= hit[0] for t in taken):
            taken.append(hit)
    return sorted(taken)


# Distinct spans, as the automaton gives (one pattern per span), with a pattern number each.
SPANS = st.sets(st.tuples(st.integers(0, 6), st.integers(1, 5)), min_size=1, max_size=8)


@given(SPANS, st.booleans())
def test_the_shortcut_agrees_with_the_plain_pass(spans: set[tuple[int, int]], whole: bool) -> None:
    hits = [(start, start + length, k) for k, (start, length) in enumerate(sorted(spans))]
    if whole:  # often one hit holds all the others, as a phrase holds its words
        start, reach = min(h[0] for h in hits), max(h[1] for h in hits)
        hits = sorted({(h[0], h[1]) for h in hits} | {(start, reach)})
        hits = [(s, e, k) for k, (s, e) in enumerate(hits)]
    cluster = sorted(hits, key=lambda h: h[0])
    reach = max(h[1] for h in cluster)
    assert _longest_first(cluster, reach) == plain_longest_first(cluster)
