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
from typing import TypeVar, cast

A = TypeVar("A")
B = TypeVar("B")

_FAILED = object()  # the child gave no result


def together(first: Callable[[], A], second: Callable[[], B], processes: int = 1) -> tuple[A, B]:
    """`(first(), second())`, the two at once when `processes` allows and fork is safe."""
    child = _Child(second) if processes > 1 and _can_fork() else None
    try:
        a = first()
    except BaseException:
        if child is not None:
            child.kill()
        raise
    if child is not None and (b := child.result()) is not _FAILED:
        return a, cast(B, b)
    return a, second()


def _can_fork() -> bool:
    # A fork copies one thread: with others running (a pool's manager thread, say) a lock
    # they hold could stay locked in the child forever.
    return sys.platform == "linux" and threading.active_count() == 1


class _Child:
    def __init__(self, work: Callable[[], object]) -> None:
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: do the work, send it back, and end without cleanup
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's
                os.close(read)
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)  # never back into the parent's code, nor its buffers flushed
        os.close(write)
        self.read = read

    def result(self) -> object:
        chunks = []
        try:
            while chunk := os.read(self.read, 1 << 20):
                chunks.append(chunk)
        except BaseException:  # Ctrl-C while waiting: the child is not waited for
            self.kill()
            raise
        os.close(self.read)
        _, status = os.waitpid(self.pid, 0)
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return _FAILED
        try:
            return pickle.loads(b"".join(chunks))
        except Exception:  # a truncated result: the work is done here instead
            return _FAILED

    def kill(self) -> None:
        os.close(self.read)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
