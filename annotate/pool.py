"""Work spread over processes, results back in the order it was given.

Used by `extract` and `annotate` on many stories: one process per core, at most a few stories
in flight per process (so finished ones never pile up in memory), Ctrl-C handled once, by the
parent, and the same results as one process, in the same order.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

PARALLEL_FROM = 4  # fewer items than this are quicker in one process than in a pool
AHEAD = 8  # items in flight per process

In = TypeVar("In")
Out = TypeVar("Out")


def cores() -> int:
    return os.cpu_count() or 1


def ordered_map(
    work: Callable[[In], Out],
    items: Sequence[In],
    jobs: int | None = None,
    setup: Callable[..., None] | None = None,
    setup_args: tuple[Any, ...] = (),
) -> Generator[Out, None, None]:
    """`map(work, items)` on `jobs` processes (default: every core). `setup(*setup_args)`
    prepares each process (and this one, when it does the work itself)."""
    jobs = jobs or cores()
    if jobs == 1 or len(items) < PARALLEL_FROM:
        if setup is not None:
            setup(*setup_args)
        yield from map(work, items)
        return
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_worker, initargs=(setup, setup_args)
    ) as pool:
        try:
            yield from _in_order(pool, work, items, jobs * AHEAD)
        except GeneratorExit:  # closed early by the caller: stop cleanly, nothing left behind
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        except BaseException:  # Ctrl-C or an error: drop what has not started, at once
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _in_order(
    pool: ProcessPoolExecutor, work: Callable[[In], Out], items: Iterable[In], ahead: int
) -> Iterator[Out]:
    pending: deque[Future[Out]] = deque()
    for item in items:
        pending.append(pool.submit(work, item))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _worker(setup: Callable[..., None] | None, args: tuple[Any, ...]) -> None:
    # Ctrl-C is the parent's to handle: a worker interrupted mid-story would only add noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if setup is not None:
        setup(*args)
