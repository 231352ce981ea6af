"""A small pool of cleaning processes, each running one document at a time.

Why processes and not the threadpool: a thread cannot be stopped, so a document that
blows the time budget would keep a core busy after its 504 and, repeated, wedge the
server. Here each document runs in a dedicated child process; when the budget runs out
that one child is killed and replaced, and documents on other children are untouched.
A plain ProcessPoolExecutor cannot do that (it does not say which child runs which task).

The event loop never blocks: waiting on a child happens in a helper thread, one per child.
"""
from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from typing import Any

# Replies: ("ok", result_json_bytes, removed_by_rule) or ("err", status, code, message).
Reply = tuple

_READY = "ready"
_START_TIMEOUT = 60.0


class DocumentTimeout(Exception):
    """The document was not cleaned within the per-document budget."""


class WorkerCrashed(Exception):
    """The cleaning process died (e.g. killed by the OOM killer) mid-document."""


def _child_main(conn: Any) -> None:
    """Child process: load everything once, then clean jobs until told to stop."""
    from cleaner.service.work import run_job, warm

    warm()
    conn.send(_READY)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        conn.send(run_job(job))


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
    """`await pool.run(job, timeout)` cleans one document in a child process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._ctx = multiprocessing.get_context("spawn")  # fork is unsafe in a threaded server
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="clean-pool")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._workers: set[_Worker] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        started = await asyncio.gather(
            *(self._loop.run_in_executor(self._threads, _Worker, self._ctx) for _ in range(self.size))
        )
        for worker in started:
            self._workers.add(worker)
            self._idle.put_nowait(worker)

    @property
    def alive(self) -> bool:
        # A copy: helper threads may swap a worker while the probe looks.
        workers = list(self._workers)
        return bool(workers) and all(w.proc.is_alive() for w in workers)

    async def run(self, job: dict, timeout: float) -> Reply:
        assert self._idle is not None and self._loop is not None, "pool not started"
        worker = await self._idle.get()
        # The helper thread owns the worker until it hands it back, so a cancelled request
        # (client gone) can never return a still-busy child to the idle queue.
        return await self._loop.run_in_executor(self._threads, self._call, worker, job, timeout)

    def _call(self, worker: _Worker, job: dict, timeout: float) -> Reply:
        try:
            return worker.call(job, timeout)
        except DocumentTimeout:
            worker = self._replace(worker)
            raise
        except (EOFError, OSError) as exc:
            worker = self._replace(worker)
            raise WorkerCrashed(str(exc) or type(exc).__name__) from None
        finally:
            self._loop.call_soon_threadsafe(self._idle.put_nowait, worker)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        self._workers.discard(worker)
        fresh = _Worker(self._ctx)
        self._workers.add(fresh)
        return fresh

    async def close(self) -> None:
        workers, self._workers = list(self._workers), set()
        await asyncio.gather(*(asyncio.to_thread(w.stop) for w in workers))
        self._threads.shutdown(wait=False, cancel_futures=True)
