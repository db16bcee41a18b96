"""Two pieces of work at once: the second in a forked child process, its result pickled back.

For the steps `extract` runs in one process after its stories (the two directions of the
aligner, the text of a new glossary), when the command may use more than one core. A fork
needs no pickling of the work's input and starts in a few milliseconds. Only where forking is
safe (Linux, no other thread running); anywhere else, or when the child fails in any way, the
second piece is done here after the first: the results are the same either way.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import NoReturn, TypeVar, cast

A = TypeVar("A")
B = TypeVar("B")

_FAILED = object()  # the child gave no result


def together(first: Callable[[], A], second: Callable[[], B], processes: int = 1) -> tuple[A, B]:
    """`(first(), second())`, the two at once when `processes` allows and fork is safe."""
    started: list[_Child] = []  # filled before Ctrl-C can land: a child is never left behind
    try:
        if processes > 1 and _can_fork():
            _start(second, started)
        a = first()
        b = started[0].result() if started else _FAILED
    except BaseException:
        for child in started:
            child.end(kill=True)
        raise
    return a, (second() if b is _FAILED else cast(B, b))


def _can_fork() -> bool:
    # A fork copies one thread: with others running (a pool's manager thread, say) a lock
    # they hold could stay locked in the child forever.
    return sys.platform == "linux" and threading.active_count() == 1


def _start(work: Callable[[], object], started: list[_Child]) -> None:
    """Fork a child doing `work` into `started`; none when the system has no process to
    spare (the work is then done here)."""
    try:
        read, write = os.pipe()
    except OSError:
        return
    # Ctrl-C waits until the child is in `started` (and the child never runs our handler).
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        return
    if pid == 0:
        _serve(work, read, write, mask)
    started.append(_Child(pid, read))
    os.close(write)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _serve(
    work: Callable[[], object], read: int, write: int, mask: set[int | signal.Signals]
) -> NoReturn:
    """The child: do the work, send it back pickled, and end without any cleanup."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(read)
        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as out:
            out.write(data)
        code = 0
    finally:
        os._exit(code)  # never back into the parent's code, nor its buffers flushed


class _Child:
    """A forked process doing one piece of work, its result to come through a pipe."""

    def __init__(self, pid: int, read: int) -> None:
        self.pid, self.read = pid, read
        self.status: int | None = None  # once waited for

    def result(self) -> object:
        """What the child sent, or `_FAILED` when it ended without a whole result."""
        chunks = []
        while chunk := os.read(self.read, 1 << 20):
            chunks.append(chunk)
        status = self.end(kill=False)
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return _FAILED
        try:
            return pickle.loads(b"".join(chunks))
        except Exception:  # a truncated result: the work is done here instead
            return _FAILED

    def end(self, kill: bool) -> int:
        """Close the pipe and wait for the child (killed first, if `kill`); safe to repeat."""
        if self.read >= 0:
            os.close(self.read)
            self.read = -1
        if self.status is None:
            if kill:
                os.kill(self.pid, signal.SIGKILL)
            self.status = os.waitpid(self.pid, 0)[1]
        return self.status
