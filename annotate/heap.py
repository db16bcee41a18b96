"""The garbage collector in a process that runs one command and ends: the one place gloss
changes it, at the command's edge (`settled`, in the CLI) and in each worker's start-up
(`settle`). Library functions leave it alone.

A command makes millions of short-lived objects (tokens, matches, YAML nodes) that their
reference counts free at once, and keeps a few large structures to its end (a glossary, its
index, the lexicon, the spotter). Python's collector, tuned for anything, examines young
objects every 700 allocations and walks everything alive on each full pass, again and again
while a large glossary is loaded. `settle` freezes what is alive (`gc.freeze`: never walked
again), lets far more allocations pass between young collections, and makes full passes rare;
cycles are still collected.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 20_000  # allocations between young collections (Python's default: 700)
FULL = 100  # middle collections between full passes (Python's default: 10)


def settle() -> None:
    """Freeze all that is alive now, collect young objects seldom and everything rarely."""
    gc.freeze()
    gc.set_threshold(YOUNG, 10, FULL)


@contextmanager
def settled() -> Iterator[None]:
    """`settle` for a while (a command's run); afterwards the collector is as it was, so a
    caller in the same process (a test) gets its own back."""
    before = gc.get_threshold()
    try:
        settle()
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
