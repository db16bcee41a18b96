"""The aligner: IBM Model 1 with NULL and a diagonal prior, both ways, anchors held fixed."""

from __future__ import annotations

import pytest

from glossary.learn.align import Direction, Settings, _priors, fit

# Conlang words, English words: `gonplei` is always with `fight`, `odon` with `over`.
LINES = [
    ("yu gonplei ste odon", "your fight is over"),
    ("ai gonplei nou ste odon", "my fight is not over"),
    ("ai nou frag yu", "i will not kill you"),
    ("yu ste kwelen", "you are weak"),
    ("ai gonplei ste yuj", "my fight is strong"),
]
PAIRS = [(conlang.split(), english.split()) for conlang, english in LINES]


def best(table: dict[str, dict[str, float]], word: str) -> str:
    row = table[word]
    return max(row, key=row.__getitem__)


@pytest.mark.parametrize(
    ("word", "english"),
    [("gonplei", "fight"), ("odon", "over"), ("kwelen", "weak"), ("yuj", "strong")],
)
def test_em_finds_what_always_goes_together(word: str, english: str) -> None:
    forward = Direction(PAIRS, Settings())
    forward.train()
    assert best(forward.table(), word) == english


@pytest.mark.parametrize(("m", "n"), [(1, 1), (3, 5), (6, 2)])
def test_the_priors_of_each_target_word_sum_to_one(m: int, n: int) -> None:
    for row in _priors(m, n, Settings()):
        assert len(row) == m + 1  # the source words and NULL
        assert sum(row) == pytest.approx(1.0)


def test_the_prior_prefers_the_diagonal() -> None:
    (first, _, last) = _priors(3, 3, Settings())
    assert first[0] > first[1] > first[2]
    assert last[2] > last[1] > last[0]


def test_an_anchor_keeps_its_row() -> None:
    # `ste` is fixed to mean "weak", against the evidence: EM must not move it.
    forward = Direction(PAIRS, Settings(), {"ste": {"weak": 1.0}})
    before = forward.table()["ste"]
    forward.train()
    assert forward.table()["ste"] == before
    assert best(forward.table(), "ste") == "weak"


def test_links_are_sure_where_both_directions_agree() -> None:
    model = fit(PAIRS)
    links = model.links(0)  # yu gonplei ste odon / your fight is over
    assert links[1][1] > 0.8  # gonplei - fight
    assert links[3][3] > 0.8  # odon - over
    assert links[1][3] < 0.1  # gonplei - over
    assert all(0.0 <= x <= 1.0 for row in links for x in row)


def test_training_is_deterministic() -> None:
    one, two = fit(PAIRS), fit(PAIRS)
    assert one.forward.table() == two.forward.table()
    assert [one.backward.posteriors(n) for n in range(len(PAIRS))] == [
        two.backward.posteriors(n) for n in range(len(PAIRS))
    ]


def test_no_pairs_train_to_an_empty_table() -> None:
    model = fit([])
    assert model.forward.table() == {}
