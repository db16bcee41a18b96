"""One choice over the whole story: each span keeps at most one translation, and each stretch
of text is the translation of one span only; the best-rated pairs are settled first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class Option(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def confidence(self) -> float: ...


T = TypeVar("T", bound=Option)


def choose(options: Sequence[Sequence[T]], size: int) -> list[T | None]:
    """For each span's options (rated, any order), the one it keeps, or None.

    `size`: the length of the text the options stand in. An option whose text another span
    already took (any overlap) is passed over for the span's next best."""
    ranked = sorted(
        (
            (option.confidence, i, k)
            for i, opts in enumerate(options)
            for k, option in enumerate(opts)
        ),
        key=lambda rank: (-rank[0], rank[1], rank[2]),
    )
    chosen: list[T | None] = [None] * len(options)
    used = bytearray(size)
    for _, i, k in ranked:
        option = options[i][k]
        if chosen[i] is not None:
            continue
        start, end = max(0, option.start), min(size, option.end)
        if end > start and used.find(1, start, end) >= 0:
            continue
        chosen[i] = option
        used[start:end] = b"\x01" * max(0, end - start)
    return chosen
