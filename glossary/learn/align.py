"""Word alignment of phrase pairs: which English words each conlang word stands for.

IBM Model 1 with a NULL word and fast_align's diagonal prior (Dyer et al. 2013), trained both
ways (English from the conlang, the conlang from English) by a few rounds of EM, and
symmetrised: a link's weight is the geometric mean of its two posteriors, so a word that is
likely one way only (an English `the`, which goes with every conlang word) links weakly.

Anchors are conlang words whose English is known (single-word glossary entries): their rows of
the table are fixed, which explains their English words away in every line they stand in.

Plain Python, deterministic: each (source word, target word) cell has a number, each pair is
a grid of cell numbers, and EM runs over flat lists of floats.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import mul

Words = Sequence[str]
Grid = list[list[float]]  # grid[i][j]: source word i (of a pair) with target word j


@dataclass(frozen=True)
class Settings:
    iterations: int = 4  # more change nothing measurable (tests/bench/eval_learn.py)
    # fast_align's lambda: how strongly links keep to the diagonal. Milder than its 4: a
    # conlang's word order is not English's (`nou ste`: "is not"), and a few phrases must
    # not lean on position.
    diagonal: float = 2.0
    null: float = 0.08  # prior probability that a target word comes from no source word
    anchor: float = 0.9  # probability an anchor gives its known translations, all together


def _priors(m: int, n: int, settings: Settings) -> Grid:
    """priors[j][i]: fast_align's prior for target word j coming from source word i (NULL
    last), normalised over i."""
    rows = []
    for j in range(n):
        weights = [math.exp(-settings.diagonal * abs((i + 1) / m - (j + 1) / n)) for i in range(m)]
        total = sum(weights)
        rows.append([(1 - settings.null) * w / total for w in weights] + [settings.null])
    return rows


class Direction:
    """t(target | source) over a fixed set of pairs, trained by EM."""

    def __init__(
        self,
        pairs: Sequence[tuple[Words, Words]],
        settings: Settings,
        fixed: Mapping[str, Mapping[str, float]] | None = None,
    ) -> None:
        self.settings = settings
        self.cells: dict[tuple[str, str], int] = {}
        owner: list[str] = []  # the source word of each cell ("" is NULL)
        self.grids: list[list[list[int]]] = []  # per pair: [j][i] cell numbers, NULL last
        for source, target in pairs:
            words = [*source, ""]
            grid = []
            for e in target:
                row = []
                for f in words:
                    cell = self.cells.setdefault((f, e), len(self.cells))
                    if cell == len(owner):
                        owner.append(f)
                    row.append(cell)
                grid.append(row)
            self.grids.append(grid)
        self.owner = owner
        shapes: dict[tuple[int, int], Grid] = {}
        self.priors = [
            shapes.get((len(s), len(e)))
            or shapes.setdefault((len(s), len(e)), _priors(len(s), len(e), settings))
            for s, e in pairs
        ]
        width: dict[str, int] = {}
        for f in owner:
            width[f] = width.get(f, 0) + 1
        self.prob = [1.0 / width[f] for f in owner]
        fixed = fixed or {}
        rows: dict[str, list[int]] = {}
        for (f, e), cell in self.cells.items():
            if f not in fixed:
                rows.setdefault(f, []).append(cell)
                continue
            known = fixed[f]
            share = settings.anchor * known[e] if e in known else (1 - settings.anchor)
            self.prob[cell] = share / (1 if e in known else max(1, width[f] - len(known)))
        self.rows = list(rows.values())  # the cells of each source word EM may change
        # Every target word of every pair with its priors, in order: what an EM step reads.
        self._rows = [
            row
            for grid, prior in zip(self.grids, self.priors, strict=True)
            for row in zip(grid, prior, strict=True)
        ]

    def train(self) -> None:
        for _ in range(self.settings.iterations):
            self._step()

    def _step(self) -> None:
        prob = self.prob
        counts = [0.0] * len(prob)
        at = prob.__getitem__
        for cells, weights in self._rows:
            scores = list(map(mul, map(at, cells), weights))
            total = sum(scores)
            if total > 0:
                for c, share in zip(cells, map(mul, scores, repeat(1 / total)), strict=True):
                    counts[c] += share
        count = counts.__getitem__
        for cells in self.rows:
            total = sum(map(count, cells))
            if total > 0:
                scale = 1 / total
                for c in cells:
                    prob[c] = counts[c] * scale

    def posteriors(self, pair: int) -> Grid:
        """post[i][j] of one training pair: target word j comes from source word i."""
        prob = self.prob
        grid, prior = self.grids[pair], self.priors[pair]
        size = len(grid[0]) - 1 if grid else 0
        post = [[0.0] * len(grid) for _ in range(size)]
        for j, (cells, weights) in enumerate(zip(grid, prior, strict=True)):
            scores = list(map(mul, map(prob.__getitem__, cells), weights))
            total = sum(scores)
            if total > 0:
                for i in range(size):
                    post[i][j] = scores[i] / total
        return post

    def table(self) -> dict[str, dict[str, float]]:
        """t(target | source) as nested dicts (for inspection and tests)."""
        table: dict[str, dict[str, float]] = {}
        for (f, e), cell in self.cells.items():
            table.setdefault(f, {})[e] = self.prob[cell]
        return table


@dataclass(frozen=True)
class Model:
    """Both directions over the same pairs (conlang, English)."""

    forward: Direction  # English from the conlang
    backward: Direction  # the conlang from English

    def links(self, pair: int) -> Grid:
        """links[i][j] of training pair `pair`: how surely its conlang word i and English
        word j translate each other (0-1)."""
        ahead = self.forward.posteriors(pair)
        back = self.backward.posteriors(pair)
        return [
            [math.sqrt(a * back[j][i]) for j, a in enumerate(row)] for i, row in enumerate(ahead)
        ]


def fit(
    pairs: Sequence[tuple[Words, Words]],
    anchors: Mapping[str, Mapping[str, float]] | None = None,
    settings: Settings = Settings(),
) -> Model:
    """Train both directions; `anchors`: conlang words with known English, t(English | word)."""
    forward = Direction(pairs, settings, anchors)
    forward.train()
    backward = Direction([(e, f) for f, e in pairs], settings)
    backward.train()
    return Model(forward, backward)
