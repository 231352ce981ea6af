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
import collections
import multiprocessing
import queue
import signal
import socket
import threading
import time
from multiprocessing.reduction import ForkingPickler
from typing import Any

from cleaner.errors import DocumentTimeout
from cleaner.service.work import run_job, warm

# Replies: ("ok", result_json_bytes, removed_by_rule) or ("err", status, code, message).
Reply = tuple

_READY = "ready"
_START_TIMEOUT = 60.0
_IDLE_CHECK_SECONDS = 0.5  # how soon an idle driver notices its child died
_ATTEMPTS = 2  # a document whose child dies under it gets one more, on a fresh child
_AHEAD = 1  # jobs waiting in a child's pipe behind the one it runs
# Jobs sent ahead fit the pipe's empty send buffer (a quarter of it at most), so such a
# send never blocks: see _Driver.
_AHEAD_MAX_BYTES = 32 * 1024


class WorkerCrashed(Exception):
    """The cleaning process died (e.g. killed by the OOM killer) mid-document."""


def _child_main(conn: Any) -> None:
    """Child process: load everything once, then clean jobs until told to stop."""
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
        self.ahead_max_bytes = min(_AHEAD_MAX_BYTES, _send_buffer(self.conn) // 4)
        # Wait for the warm-up so startup time never counts against a document's budget.
        if not self.conn.poll(_START_TIMEOUT) or self.conn.recv() != _READY:
            self.kill()
            raise WorkerCrashed("cleaning process did not start")

    @property
    def alive(self) -> bool:
        return self.proc.is_alive()

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

    Each child has a driver thread (`_Driver`) that takes jobs from a shared queue and keeps
    the child fed, so a child does not sit idle waiting for the event loop, or for the GIL,
    to hand it work.
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
            driver = threading.Thread(target=_Driver(self, worker).run, name="clean-pool", daemon=True)
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
        self._jobs.put(_Job(job, timeout, future))
        return await future

    def replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        self._workers.discard(worker)
        try:
            fresh = _Worker(self._ctx)
        except WorkerCrashed:
            return worker  # dead: its next job fails with OSError and we try again then
        self._workers.add(fresh)
        return fresh

    def settle(self, job: _Job, outcome: Any) -> None:
        self._loop.call_soon_threadsafe(_settle, job.future, outcome)

    async def close(self) -> None:
        for _ in self._drivers:
            self._jobs.put(None)
        await asyncio.gather(*(asyncio.to_thread(d.join, 5) for d in self._drivers))
        self._workers.clear()


class _Job:
    """A document on its way through the pool, pickled once however often it is sent.

    Pickled by the driver that takes it, not when queued: a queued request holds no
    second copy of its document, and the event loop does not pickle.
    """

    __slots__ = ("_payload", "attempts", "future", "job", "timeout")

    def __init__(self, job: dict, timeout: float, future: asyncio.Future) -> None:
        self.job = job
        self.timeout = timeout
        self.future = future
        self.attempts = 0
        self._payload: Any = None

    @property
    def payload(self) -> Any:
        if self._payload is None:
            self._payload = ForkingPickler.dumps(self.job)  # what Connection.send would pickle
            self.job = None  # the pickle is all that is sent from here on
        return self._payload


class _Driver:
    """Runs queued jobs on one child, replacing the child whenever it must die.

    A small job is sent while the child still runs the one before it, so the child finds
    its next document in the pipe the moment it replies: without that, each child idled
    about a third of the time under load, waiting for this thread to get the GIL back
    from the event loop. Only jobs that fit the pipe's send buffer go ahead: the child has
    read the job it runs, so the buffer is empty and such a send cannot block (a larger one
    could wait for the child to read while the child waits for us to read its reply).
    The document's time budget starts when the child takes it up, not when it was sent.
    """

    def __init__(self, pool: CleanPool, worker: _Worker) -> None:
        self.pool = pool
        self.worker = worker
        self.sent: collections.deque[_Job] = collections.deque()  # in the child's pipe; [0] runs
        self.held: collections.deque[_Job] = collections.deque()  # taken, to send before new ones
        self.started = 0.0  # when sent[0] began
        self.stopping = False

    def run(self) -> None:
        while True:
            if not self.sent:
                job = self._next_for_idle_child()
                if job is None:
                    break
                if not self.worker.alive:  # died since its last job: not this document's fault
                    self.worker = self.pool.replace(self.worker)
                self._send(job)
                continue
            self._send_ahead()
            if self.sent:  # else the child died as the job ahead was sent: start again
                self._collect()
        self.worker.stop()

    def _next_for_idle_child(self) -> _Job | None:
        """The next job (None once told to stop); replaces a child that dies while idle."""
        if self.held:
            return self.held.popleft()
        while not self.stopping:
            try:
                job = self.pool._jobs.get(timeout=_IDLE_CHECK_SECONDS)
            except queue.Empty:
                if not self.worker.alive:
                    self.worker = self.pool.replace(self.worker)
                continue
            if job is None:
                self.stopping = True
                return None
            if not job.future.done():  # else the request was cancelled (client gone) while queued
                return job
        return None

    def _send_ahead(self) -> None:
        """Queue one more small job behind the running one, if one is waiting."""
        if len(self.sent) > _AHEAD or self.stopping:
            return
        if self.held:
            job = self.held[0]
        else:
            try:
                job = self.pool._jobs.get_nowait()
            except queue.Empty:
                return
            if job is None:
                self.stopping = True
                return
            if job.future.done():
                return
            self.held.append(job)
        if len(job.payload) <= self.worker.ahead_max_bytes:
            self.held.popleft()
            self._send(job)

    def _send(self, job: _Job) -> None:
        if not self.sent:
            self.started = time.monotonic()
        self.sent.append(job)
        try:
            self.worker.conn.send_bytes(job.payload)
        except OSError as exc:
            self._child_died(exc)

    def _collect(self) -> None:
        """Wait for the running job's reply, within what is left of its budget."""
        job = self.sent[0]
        left = job.timeout - (time.monotonic() - self.started)
        try:
            if not self.worker.conn.poll(max(left, 0.0)):
                self._timed_out(job)
                return
            reply = self.worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._child_died(exc)
            return
        self.sent.popleft()
        self.started = time.monotonic()
        self.pool.settle(job, reply)

    def _timed_out(self, job: _Job) -> None:
        self.sent.popleft()
        self.pool.settle(job, DocumentTimeout.after(job.timeout))
        self._requeue_sent()
        self.worker = self.pool.replace(self.worker)

    def _child_died(self, exc: BaseException) -> None:
        """The running job is tried again on a fresh child, once; those behind it had not
        started, so they are simply sent again."""
        crash = WorkerCrashed(_death(self.worker, exc))
        job = self.sent[0]
        job.attempts += 1
        if job.attempts >= _ATTEMPTS:
            self.sent.popleft()
            self.pool.settle(job, crash)
        self._requeue_sent()
        self.worker = self.pool.replace(self.worker)

    def _requeue_sent(self) -> None:
        self.held.extendleft(reversed(self.sent))
        self.sent.clear()


def _send_buffer(conn: Any) -> int:
    """The pipe's send buffer in bytes (0 when it cannot be read: then nothing goes ahead)."""
    try:
        # A duplicate of the descriptor: closing it leaves the pipe open.
        with socket.fromfd(conn.fileno(), socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            return sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF)
    except (OSError, AttributeError):  # not a socket (another platform's pipe)
        return 0


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
