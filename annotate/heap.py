"""The garbage collector in a process that works through stories and then ends.

Extracting and spotting make millions of short-lived objects (tokens, matches, lists) that
their reference counts free at once, and keep a few large structures for the whole run (the
lexicon, the word frequencies, the glossary, the spotter). Python's collector, tuned for
anything, examines young objects every 700 allocations and walks everything alive on each full
pass. `settle` freezes what is alive (`gc.freeze`: never walked again) and lets far more
allocations pass between young collections, so most objects are freed before the collector
ever sees them. On the 10 MB bench shelf: 1,240 collections taking 0.31 s of CPU become about
20 taking 0.05 s; `annotate` over the 100 MB corpus takes 8% less CPU.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 20_000  # allocations between young collections (Python's default: 700)


def settle() -> None:
    """Freeze all that is alive now, and collect young objects seldom."""
    gc.freeze()
    gc.set_threshold(YOUNG, 10, 10)


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
