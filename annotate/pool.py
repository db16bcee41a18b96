"""Work spread over processes, results back in the order it was given.

Used by `extract` and `annotate` on many stories: one process per core, at most a few stories
in flight per process (so finished ones never pile up in memory), Ctrl-C handled once, by the
parent, and the same results as one process, in the same order. Stopped early (Ctrl-C, an
error, a closed pipe), the workers are ended at once rather than waited for: their work is
unwanted, and a wait is what a second Ctrl-C would land in.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
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
        with _interrupts_held():  # forked now: a worker never sees Ctrl-C before it ignores it
            pool.submit(_nothing)
        try:
            yield from _in_order(pool, work, items, jobs * AHEAD)
        except BaseException:  # Ctrl-C, an error, or closed early by the caller
            _stop(pool)
            raise


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now, mid-story or not, and drop the work not started; leaving the
    `with` then joins only what is already ending."""
    for process in list((pool._processes or {}).values()):
        with suppress(OSError, ValueError):  # ended already, or closed
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _nothing() -> None:
    return None


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """SIGINT held back (where the platform can) while processes are forked: the children
    inherit the mask, so none of them runs the parent's handler before `_worker` runs."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


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
    if hasattr(signal, "pthread_sigmask"):  # held back while it was forked (`_interrupts_held`)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if setup is not None:
        setup(*args)
