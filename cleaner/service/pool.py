"""A small pool of cleaning processes, each running one document at a time.

Why processes and not the threadpool: a thread cannot be stopped, so a document that
blows the time budget would keep a core busy after its 504 and, repeated, wedge the
server. Here each document runs in a dedicated child process; when the budget runs out
that one child is killed and replaced, and documents on other children are untouched.
A plain ProcessPoolExecutor cannot do that (it does not say which child runs which task).

A child that dies (the OOM killer, an operator's kill) is replaced: at once when idle, so
/readyz stays true, and when it dies under a document that document is tried once more on
a fresh child, since the death may not be the document's doing; a document that takes two
children down is answered as a crash. Children ignore SIGINT and SIGTERM: a Ctrl-C or a
service manager signalling the whole process group must not kill documents the server is
still draining; the parent stops them (pipe closed or killed) when it is done with them.

The event loop never blocks: waiting on a child happens in a driver thread, one per child.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import queue
import signal
import threading
from typing import Any

# Replies: ("ok", result_json_bytes, removed_by_rule) or ("err", status, code, message).
Reply = tuple

_READY = "ready"
_START_TIMEOUT = 60.0
_IDLE_CHECK_SECONDS = 0.5  # how soon an idle driver notices its child died
_ATTEMPTS = 2  # a document whose child dies under it gets one more, on a fresh child


class DocumentTimeout(Exception):
    """The document was not cleaned within the per-document budget."""


class WorkerCrashed(Exception):
    """The cleaning process died (e.g. killed by the OOM killer) mid-document."""


def _child_main(conn: Any) -> None:
    """Child process: load everything once, then clean jobs until told to stop."""
    from cleaner.service.work import run_job, warm

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    warm()
    conn.send(_READY)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return  # the server process is gone
        if job is None:
            return
        try:
            conn.send(run_job(job))
        except OSError:
            return  # the server process went away while we were cleaning


class _Worker:
    """One child process and our end of its pipe."""

    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_child_main, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        # Wait for the warm-up so startup time never counts against a document's budget.
        if not self.conn.poll(_START_TIMEOUT) or self.conn.recv() != _READY:
            self.kill()
            raise WorkerCrashed("cleaning process did not start")

    @property
    def alive(self) -> bool:
        return self.proc.is_alive()

    def call(self, job: dict, timeout: float) -> Reply:
        self.conn.send(job)
        if not self.conn.poll(timeout):
            raise DocumentTimeout(f"document took longer than {timeout:g} s")
        return self.conn.recv()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(2)
        self.kill()

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(2)
        self.conn.close()


class CleanPool:
    """`await pool.run(job, timeout)` cleans one document in a child process.

    Each child has a driver thread that takes the next job from a shared queue the moment
    the previous reply is in, so a child does not sit idle waiting for the event loop to
    hand it work (that handoff cost ~20% of throughput on seed-sized articles).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._ctx = multiprocessing.get_context("spawn")  # fork is unsafe in a threaded server
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._drivers: list[threading.Thread] = []
        self._workers: set[_Worker] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        started = await asyncio.gather(*(asyncio.to_thread(_Worker, self._ctx) for _ in range(self.size)))
        for worker in started:
            self._workers.add(worker)
            driver = threading.Thread(target=self._drive, args=(worker,), name="clean-pool", daemon=True)
            driver.start()
            self._drivers.append(driver)

    @property
    def alive(self) -> bool:
        # A copy: driver threads may swap a worker while the probe looks.
        workers = list(self._workers)
        return bool(workers) and all(w.alive for w in workers)

    async def run(self, job: dict, timeout: float) -> Reply:
        assert self._loop is not None, "pool not started"
        future = self._loop.create_future()
        self._jobs.put((job, timeout, future))
        return await future

    def _drive(self, worker: _Worker) -> None:
        """Driver thread: run queued jobs on `worker`, replacing it whenever it must die."""
        while True:
            try:
                item = self._jobs.get(timeout=_IDLE_CHECK_SECONDS)
            except queue.Empty:
                if not worker.alive:
                    worker = self._replace(worker)
                continue
            if item is None:
                break
            job, timeout, future = item
            if future.done():  # the request was cancelled (client gone) while queued
                continue
            outcome, worker = self._run(worker, job, timeout)
            self._loop.call_soon_threadsafe(_settle, future, outcome)
        worker.stop()

    def _run(self, worker: _Worker, job: dict, timeout: float) -> tuple[Any, _Worker]:
        """(reply or exception, the worker to use next) for one job."""
        crash: WorkerCrashed | None = None
        for _ in range(_ATTEMPTS):
            if not worker.alive:  # died since its last job: not this document's fault
                worker = self._replace(worker)
            try:
                return worker.call(job, timeout), worker
            except DocumentTimeout as exc:
                return exc, self._replace(worker)
            except (EOFError, OSError) as exc:
                crash = WorkerCrashed(_death(worker, exc))
                worker = self._replace(worker)
        return crash, worker

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        self._workers.discard(worker)
        try:
            fresh = _Worker(self._ctx)
        except WorkerCrashed:
            return worker  # dead: its next job fails with OSError and we try again then
        self._workers.add(fresh)
        return fresh

    async def close(self) -> None:
        for _ in self._drivers:
            self._jobs.put(None)
        await asyncio.gather(*(asyncio.to_thread(d.join, 5) for d in self._drivers))
        self._workers.clear()


def _death(worker: _Worker, exc: BaseException) -> str:
    worker.proc.join(0.5)
    code = worker.proc.exitcode
    if code is not None and code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}" if code is not None else (str(exc) or type(exc).__name__)


def _settle(future: asyncio.Future, outcome: Any) -> None:
    if future.done():
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
