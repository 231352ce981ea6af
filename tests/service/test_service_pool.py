"""The clean pool's driver against scripted children: which job is sent when, what a
timeout or a dead child costs the jobs behind the running one, and when a budget starts.

Real cleaning processes are killed mid-document in test_service_signals.py; here a fake
pipe stands in for the child so that every ordering is deterministic.
"""
from __future__ import annotations

import multiprocessing
import pickle
import queue
import threading
import time

import pytest

from cleaner.errors import DocumentTimeout
from cleaner.service import pool as pool_module
from cleaner.service.pool import WorkerCrashed, _Driver, _Job, _send_buffer

SMALL = "a small document"
LARGE = "x" * (pool_module._AHEAD_MAX_BYTES + 1)


class _Future:
    def __init__(self, cancelled: bool = False) -> None:
        self.cancelled = cancelled

    def done(self) -> bool:
        return self.cancelled


class _Proc:
    exitcode = -9  # SIGKILL, as the OOM killer leaves it

    def join(self, timeout: float | None = None) -> None:
        return None


class _Child:
    """A scripted cleaning process: replies to its jobs in order, after `seconds[text]`;
    texts in `dies_on` kill it, texts in `hangs_on` never finish."""

    def __init__(self, log: list, *, dies_on=(), hangs_on=(), seconds=None, breaks_on=(),
                 ahead_max_bytes=pool_module._AHEAD_MAX_BYTES) -> None:
        self.log, self.dies_on, self.hangs_on = log, set(dies_on), set(hangs_on)
        self.breaks_on = set(breaks_on)
        self.ahead_max_bytes = ahead_max_bytes
        self.seconds = seconds or {}
        self.inbox: list[str] = []
        self.dead = False
        self.proc = _Proc()
        self.conn = self
        self.polls: list[tuple[str, float]] = []

    # the parent's end of the pipe
    def send_bytes(self, payload) -> None:
        text = pickle.loads(payload)["text"]
        if text in self.breaks_on:
            self.dead = True  # died under the running job just as this one was sent
        if self.dead:
            raise BrokenPipeError("child gone")
        self.inbox.append(text)
        self.log.append(("sent", text, self))

    def poll(self, timeout: float) -> bool:
        text = self.inbox[0]
        self.polls.append((text, timeout))
        if text in self.hangs_on:
            return False
        time.sleep(self.seconds.get(text, 0.0))
        return True

    def recv(self):
        text = self.inbox.pop(0)
        if text in self.dies_on:
            self.dead = True
            raise EOFError
        self.log.append(("done", text, self))
        return ("ok", text.encode(), {})

    # the _Worker interface
    @property
    def alive(self) -> bool:
        return not self.dead

    def stop(self) -> None:
        self.dead = True


class _Pool:
    """What a driver needs of CleanPool: the shared queue, replacements, settling."""

    def __init__(self, make_child) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.make_child = make_child
        self.children = [make_child()]
        self.outcomes: dict[str, object] = {}

    def replace(self, worker):
        worker.dead = True
        self.children.append(self.make_child())
        return self.children[-1]

    def settle(self, job, outcome) -> None:
        self.outcomes[job.text] = outcome


class _TextJob(_Job):
    __slots__ = ("text",)  # the fakes know jobs by their text


def _run(pool: _Pool, *jobs: tuple[str, float], cancelled=()) -> None:
    """Queue the jobs, then the stop sentinel, and let one driver work through them."""
    for text, timeout in jobs:
        job = _TextJob({"text": text}, timeout, _Future(cancelled=text in cancelled))
        job.text = text
        pool._jobs.put(job)
    pool._jobs.put(None)
    driver = threading.Thread(target=_Driver(pool, pool.children[0]).run, daemon=True)
    driver.start()
    driver.join(30)
    assert not driver.is_alive(), "the driver did not stop"


def _steps(log: list) -> list[tuple[str, str]]:
    return [(what, text[:8]) for what, text, _ in log]


def test_a_small_job_is_sent_while_the_child_still_runs_the_one_before():
    log: list = []
    pool = _Pool(lambda: _Child(log))
    _run(pool, ("one", 5), ("two", 5), ("three", 5))
    assert _steps(log) == [("sent", "one"), ("sent", "two"), ("done", "one"), ("sent", "three"),
                           ("done", "two"), ("done", "three")]
    assert pool.outcomes == {text: ("ok", text.encode(), {}) for text in ("one", "two", "three")}


def test_a_large_job_waits_until_the_child_is_free():
    # Sent ahead, it could block on a full pipe while the child blocks writing its reply.
    log: list = []
    pool = _Pool(lambda: _Child(log))
    _run(pool, ("one", 5), (LARGE, 5), ("three", 5))
    assert _steps(log) == [("sent", "one"), ("done", "one"), ("sent", LARGE[:8]), ("sent", "three"),
                           ("done", LARGE[:8]), ("done", "three")]
    assert len(pool.outcomes) == 3


def test_what_goes_ahead_is_bounded_by_the_pipes_own_send_buffer():
    log: list = []
    middling = "m" * 2000  # under the fixed cap, over a quarter of this child's buffer
    pool = _Pool(lambda: _Child(log, ahead_max_bytes=1000))
    _run(pool, ("one", 5), (middling, 5))
    assert _steps(log) == [("sent", "one"), ("done", "one"), ("sent", "mmmmmmmm"), ("done", "mmmmmmmm")]


def test_the_send_buffer_is_read_from_a_duplicate_that_leaves_the_pipe_open():
    parent, child = multiprocessing.get_context("spawn").Pipe()
    with parent, child:
        assert _send_buffer(parent) >= 4 * 1024
        parent.send("still open")
        assert child.recv() == "still open"


def test_a_pipe_that_is_no_socket_sends_nothing_ahead():
    read_end, write_end = multiprocessing.get_context("spawn").Pipe(duplex=False)  # os.pipe
    with read_end, write_end:
        assert _send_buffer(write_end) == 0


def test_a_budget_starts_when_the_child_takes_the_job_up_not_when_it_was_sent():
    log: list = []
    pool = _Pool(lambda: _Child(log, seconds={"one": 0.3}))
    _run(pool, ("one", 5), ("two", 0.4))
    assert _steps(log)[:2] == [("sent", "one"), ("sent", "two")]  # two waited 0.3 s in the pipe
    waits = dict(pool.children[0].polls)
    assert waits["two"] > 0.35, waits  # nearly all of its 0.4 s, not 0.1 s
    assert pool.outcomes["two"] == ("ok", b"two", {})


def test_a_timeout_costs_only_the_running_job_the_one_behind_goes_to_a_fresh_child():
    log: list = []
    pool = _Pool(lambda: _Child(log, hangs_on={"stuck"}))
    _run(pool, ("stuck", 0.05), ("next", 5))
    assert isinstance(pool.outcomes["stuck"], DocumentTimeout)
    assert pool.outcomes["next"] == ("ok", b"next", {})
    first, fresh = pool.children[:2]
    assert [child for what, text, child in log if (what, text) == ("done", "next")] == [fresh]
    assert first.dead


def test_a_dead_child_retries_the_running_job_once_and_resends_the_one_behind_for_free():
    log: list = []
    deaths = iter([{"doomed"}, {"doomed"}, set()])  # doomed takes down two children in turn
    pool = _Pool(lambda: _Child(log, dies_on=next(deaths)))
    _run(pool, ("doomed", 5), ("next", 5))
    assert isinstance(pool.outcomes["doomed"], WorkerCrashed)
    assert "SIGKILL" in str(pool.outcomes["doomed"])
    # next was in the pipe of both dead children, and is answered, not charged.
    assert pool.outcomes["next"] == ("ok", b"next", {})
    assert len(pool.children) == 3


@pytest.mark.parametrize("how", ["dies_on", "breaks_on"])  # under the job, or found dead sending the next
def test_a_job_whose_first_child_dies_is_answered_by_the_second(how):
    log: list = []
    deaths = iter([{"unlucky" if how == "dies_on" else "next"}, set()])
    pool = _Pool(lambda: _Child(log, **{how: next(deaths)}))
    _run(pool, ("unlucky", 5), ("next", 5))
    assert pool.outcomes == {"unlucky": ("ok", b"unlucky", {}), "next": ("ok", b"next", {})}
    assert len(pool.children) == 2


def test_a_cancelled_request_is_not_sent():
    log: list = []
    pool = _Pool(lambda: _Child(log))
    _run(pool, ("one", 5), ("gone", 5), ("three", 5), cancelled={"gone"})
    assert "gone" not in {text for _, text, _ in log}
    assert set(pool.outcomes) == {"one", "three"}


def test_jobs_taken_before_the_stop_signal_are_all_answered():
    # The stop sentinel can be taken while a job is in the pipe and another held back.
    log: list = []
    deaths = iter([{"one"}, set()])
    pool = _Pool(lambda: _Child(log, dies_on=next(deaths)))
    _run(pool, ("one", 5), (LARGE, 5))
    assert set(pool.outcomes) == {"one", LARGE}
