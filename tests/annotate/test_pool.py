"""Work over processes comes back in order, with each process set up first."""

from __future__ import annotations

import os

import pytest

from annotate.pool import ordered_map

_PREFIX = ""


def _set_prefix(prefix: str) -> None:
    global _PREFIX
    _PREFIX = prefix


def _work(n: int) -> tuple[str, int]:
    return f"{_PREFIX}{n * n}", os.getpid()


@pytest.mark.parametrize(("jobs", "items"), [(1, 40), (2, 40), (2, 3)])
def test_results_come_back_in_order_from_set_up_processes(jobs: int, items: int) -> None:
    results = list(ordered_map(_work, list(range(items)), jobs, _set_prefix, ("sq",)))
    assert [text for text, _ in results] == [f"sq{n * n}" for n in range(items)]
    # a pool only when it pays: one process for one job or a handful of items
    in_this_process = {pid for _, pid in results} == {os.getpid()}
    assert in_this_process == (jobs == 1 or items < 4)
