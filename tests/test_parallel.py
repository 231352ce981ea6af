"""The one crash-safe parallel map: results complete and in order, a dead worker blames
only the item that killed it, in-flight work is bounded, and the optional Dask engine
names its extra when missing."""
from __future__ import annotations

import os
import sys

import pytest

from cleaner import parallel
from cleaner.parallel import DaskMissing, chunked, map_chunks


class Square:
    """Squares each item; an item equal to `killer` kills its worker process (an OOM kill)."""

    def __init__(self, killer: int | None = None) -> None:
        self.killer = killer

    def __call__(self, chunk: list[int]) -> list[tuple[int, int]]:
        if self.killer in chunk and os.getpid() != PARENT:
            os._exit(9)
        return [(x, x * x) for x in chunk]

    @staticmethod
    def lost(chunk: list[int], exc: BaseException) -> list[tuple[int, str]]:
        return [(x, type(exc).__name__) for x in chunk]


PARENT = os.getpid()


def _flat(results) -> list:
    return [pair for result in results for pair in result]


@pytest.mark.parametrize("workers", [1, 2])
def test_every_item_once_in_input_order(workers):
    chunks = chunked(range(50), 7, 1 << 20, lambda _: 1)
    got = _flat(map_chunks(Square(), chunks, workers=workers, lost=Square.lost, ordered=True))
    assert got == [(x, x * x) for x in range(50)]


def test_unordered_results_are_complete():
    got = _flat(map_chunks(Square(), chunked(range(50), 4, 1 << 20, lambda _: 1), workers=2, lost=Square.lost))
    assert sorted(got) == [(x, x * x) for x in range(50)]


def test_a_dead_worker_loses_only_the_item_that_killed_it():
    work = Square(killer=23)
    got = _flat(map_chunks(work, chunked(range(60), 5, 1 << 20, lambda _: 1), workers=2, lost=work.lost, ordered=True))
    assert [x for x, _ in got] == list(range(60))
    failed = {x: outcome for x, outcome in got if isinstance(outcome, str)}
    assert failed == {23: "BrokenProcessPool"}


def test_chunks_in_flight_are_bounded():
    pulled = 0
    worst = 0

    def source():
        nonlocal pulled
        for chunk in chunked(range(200), 5, 1 << 20, lambda _: 1):
            pulled += 1
            yield chunk

    taken = 0
    for _ in map_chunks(Square(), source(), workers=2, lost=Square.lost):
        taken += 1
        worst = max(worst, pulled - taken)
    assert taken == 40
    assert worst <= 2 * 2  # at most 2 x workers chunks handed out and not yet returned


def test_chunked_stops_a_chunk_at_its_byte_budget():
    assert list(chunked(["aaaa", "b", "cc", "dddd", "e"], 10, 5, len)) == [["aaaa", "b"], ["cc", "dddd"], ["e"]]


def test_missing_dask_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an uninstalled package looks like
    with pytest.raises(DaskMissing, match=r"cleaner\[dask\]"):
        with parallel.dask_client(1):
            pass
