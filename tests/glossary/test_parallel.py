"""Two pieces of work at once: the same results as one after the other, whatever happens."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from glossary.parallel import together

FORKS = sys.platform == "linux"


def fail() -> int:
    raise ValueError("no")


def die() -> None:
    os._exit(3)  # a child that ends with no result


@pytest.mark.parametrize("processes", [1, 2])
def test_the_results_come_back_in_order(processes: int) -> None:
    assert together(lambda: "first", lambda: {"second": [1.5, None]}, processes) == (
        "first",
        {"second": [1.5, None]},
    )


@pytest.mark.skipif(not FORKS, reason="forks on Linux only")
def test_the_second_runs_in_another_process_only_when_allowed() -> None:
    assert together(os.getpid, os.getpid, 2)[1] != os.getpid()
    assert together(os.getpid, os.getpid, 1)[1] == os.getpid()


@pytest.mark.skipif(not FORKS, reason="forks on Linux only")
def test_a_child_that_ends_without_a_result_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def second() -> int:
        if os.getpid() != parent:
            die()
        return parent

    assert together(lambda: 1, second, 2) == (1, parent)
    _no_child_left()


def test_an_error_in_the_second_is_raised_here() -> None:
    with pytest.raises(ValueError, match="no"):
        together(lambda: 1, fail, 2)
    _no_child_left()


@pytest.mark.skipif(not FORKS, reason="forks on Linux only")
def test_no_process_to_spare_leaves_the_work_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    before = _open_files()
    assert together(lambda: 1, os.getpid, 2) == (1, os.getpid())
    assert _open_files() == before  # the pipe closed again


@pytest.mark.skipif(not FORKS, reason="forks on Linux only")
def test_an_error_in_the_first_ends_the_child() -> None:
    with pytest.raises(ValueError, match="no"):
        together(fail, lambda: 2, 2)
    _no_child_left()


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert together(os.getpid, os.getpid, 2)[1] == os.getpid()
    finally:
        stop.set()
        thread.join()


def _open_files() -> int:
    return len(os.listdir(f"/proc/{os.getpid()}/fd"))


def _no_child_left() -> None:
    """Every child this process forked was waited for: none runs on, no zombie is left."""
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
