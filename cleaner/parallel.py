"""One crash-safe parallel map for the shells: chunks of work on a local process pool, or
tasks on a Dask cluster. `cleaner batch` and `cleaner learn` both run on it.

Local (`map_chunks`): a process pool fed at most `2 x workers` chunks at a time, so memory
stays flat whatever the input size; results come in input order or as chunks finish. The
work object goes to each worker once (the pool's initializer), not with every chunk. A
worker that dies (killed, out of memory, a crash in C code) breaks the pool: a fresh pool
takes its place and each chunk that was in flight is redone one item at a time, so only
an item that kills its worker again is lost, and it comes back through `lost` as that
item's failure, never silently. Workers leave Ctrl-C to the driver (`GracefulInterrupt`)
and, on Linux, die with it.

Dask (`dask_client`, `map_on_dask`): a LocalCluster of single-threaded worker processes,
or the cluster at a scheduler address; tasks run there and their results come back as
they complete. dask is optional (the `[dask]` extra): without it `DaskMissing` says so.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

from cleaner.limits import runaway_threads

T = TypeVar("T")
R = TypeVar("R")

# How long a worker lets a document stopped by its time budget wind down before taking
# another chunk (it stops at its next Python bytecode; only a call stuck in C code takes
# longer, and then the worker exits so the pool replaces it).
RUNAWAY_GRACE = 5.0
DASK_EXTRA = "pip install 'cleaner[dask]'"


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass(frozen=True)
class LocalEngine:
    """A process pool on this machine (`workers` 1: in this process, no pool)."""

    workers: int = field(default_factory=default_workers)
    chunk_size: int = 64  # items a worker takes at a time
    chunk_bytes: int = 8 * 1024 * 1024  # or fewer items, once their content is this large
    ordered: bool = False  # results in input order (else as chunks finish)

    def __post_init__(self) -> None:
        _at_least_one(workers=self.workers, chunk_size=self.chunk_size, chunk_bytes=self.chunk_bytes)


@dataclass(frozen=True)
class DaskEngine:
    """Dask tasks over input partitions: on a LocalCluster of `workers` processes, or on
    the cluster at `scheduler` (whose workers must read the inputs and the output)."""

    workers: int = field(default_factory=default_workers)
    scheduler: str | None = None
    partition_size: int | None = None  # records per task; None: the default

    def __post_init__(self) -> None:
        sizes = {} if self.partition_size is None else {"partition_size": self.partition_size}
        _at_least_one(workers=self.workers, **sizes)


def _at_least_one(**values: int) -> None:
    for name, value in values.items():
        if value < 1:
            raise ValueError(f"{name} must be at least 1, not {value}")


def chunked(items: Iterable[T], size: int, max_bytes: int, size_of: Callable[[T], int]) -> Iterator[list[T]]:
    """`items` in lists of `size`, or fewer once their `size_of` sum reaches `max_bytes`."""
    chunk: list[T] = []
    nbytes = 0
    for item in items:
        chunk.append(item)
        nbytes += size_of(item)
        if len(chunk) >= size or nbytes >= max_bytes:
            yield chunk
            chunk, nbytes = [], 0
    if chunk:
        yield chunk


class GracefulInterrupt:
    """First Ctrl-C: stop taking input, finish the work in flight, return. A second Ctrl-C
    raises KeyboardInterrupt at once. Only the main thread can own SIGINT; elsewhere this
    is inert."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def _handler(self, signum: int, frame: Any) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self) -> "GracefulInterrupt":
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def until(self, chunks: Iterable[T]) -> Iterator[T]:
        """The chunks, until a Ctrl-C is requested (a chunk already read is still handed out)."""
        for chunk in chunks:
            yield chunk
            if self.requested:
                return


# ---- the local process pool -------------------------------------------------------------

_WORK: Callable[[list[Any]], Any] | None = None


def _init_worker(work: Callable[[list[Any]], Any]) -> None:
    global _WORK
    _WORK = work
    # Ctrl-C is the driver's to handle (it closes the output for --resume); a worker
    # interrupted mid-chunk would only turn good items into failures.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the driver dies (e.g. kill -9), so no
    orphaned worker keeps running after a crash."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == 1:  # the driver died before prctl took effect
            os._exit(1)
    except (OSError, AttributeError):
        pass


def _run_in_worker(chunk: list[Any]) -> Any:
    assert _WORK is not None
    # A document over its time budget that still runs (stuck in C code) would keep a core
    # and its memory: the worker exits instead, and the pool redoes this chunk's items on
    # a fresh process (nothing is lost; see _Pool.outcomes).
    if runaway_threads(wait=RUNAWAY_GRACE):
        os._exit(3)
    return _WORK(chunk)


def map_chunks(
    work: Callable[[list[T]], R],
    chunks: Iterable[list[T]],
    *,
    workers: int,
    lost: Callable[[list[T], BaseException], R],
    ordered: bool = False,
) -> Iterator[R]:
    """`work(chunk)` for every chunk: in this process when `workers` <= 1, else on a pool.

    `work` must pickle (a module-level function or an instance of a module-level class).
    A chunk yields one result, or, if its worker died, one per item, redone one at a
    time; `lost([item], exc)` stands for an item whose worker died again, and for a chunk
    whose result could not come back (e.g. it does not pickle).
    """
    if workers <= 1:
        for chunk in chunks:
            yield work(chunk)
        return
    yield from _Pool(work, workers, lost).map(iter(chunks), ordered)


class _Pool(Generic[T, R]):
    """A process pool that is replaced when a worker dies."""

    def __init__(self, work: Callable[[list[T]], R], workers: int, lost: Callable[[list[T], BaseException], R]) -> None:
        self.work, self.workers, self.lost = work, workers, lost
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, initializer=_init_worker, initargs=(self.work,))

    def submit(self, chunk: list[T]) -> tuple[Future, ProcessPoolExecutor]:
        try:
            return self.executor.submit(_run_in_worker, chunk), self.executor
        except BrokenProcessPool:
            self.replace(self.executor)
            return self.executor.submit(_run_in_worker, chunk), self.executor

    def replace(self, broken: ProcessPoolExecutor) -> None:
        """Swap in a fresh executor if `broken` is still the current one."""
        if broken is self.executor:
            broken.shutdown(wait=False, cancel_futures=True)
            self.executor = self._new()

    def outcomes(self, fut: Future, owner: ProcessPoolExecutor, chunk: list[T]) -> Iterator[R]:
        """The chunk's result. If its worker died, its items are redone one at a time on a
        fresh pool, so only an item that kills its worker again is lost (the others in the
        chunk, or in flight beside it, are not blamed)."""
        try:
            yield fut.result()
            return
        except BrokenProcessPool:
            self.replace(owner)
        except Exception as exc:  # noqa: BLE001 - e.g. a result that does not pickle
            yield self.lost(chunk, exc)
            return
        for item in chunk:
            single, owner = self.submit([item])
            try:
                yield single.result()
            except BrokenProcessPool as exc:
                self.replace(owner)
                yield self.lost([item], exc)
            except Exception as exc:  # noqa: BLE001
                yield self.lost([item], exc)

    def map(self, chunks: Iterator[list[T]], ordered: bool) -> Iterator[R]:
        # In submission order: future, the executor it went to, and its chunk (kept so a
        # dead worker loses none).
        in_flight: deque[tuple[Future, ProcessPoolExecutor, list[T]]] = deque()
        exhausted = False
        try:
            while True:
                while not exhausted and len(in_flight) < 2 * self.workers:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    in_flight.append((*self.submit(chunk), chunk))
                if not in_flight:
                    break
                if ordered:
                    yield from self.outcomes(*in_flight.popleft())
                    continue
                done, _ = wait([entry[0] for entry in in_flight], return_when=FIRST_COMPLETED)
                still: deque[tuple[Future, ProcessPoolExecutor, list[T]]] = deque()
                for entry in in_flight:
                    if entry[0] in done:
                        yield from self.outcomes(*entry)
                    else:
                        still.append(entry)
                in_flight = still
        except BaseException:
            self.executor.shutdown(wait=False, cancel_futures=True)
            raise
        self.executor.shutdown(wait=True, cancel_futures=True)


# ---- Dask ---------------------------------------------------------------------------------


class DaskMissing(ImportError):
    """The dask engine was asked for, but dask or distributed is not installed."""


def require_dask() -> Any:
    """The distributed package, or DaskMissing naming the extra to install."""
    try:
        import distributed  # lazy: optional heavy dependency (the [dask] extra), 0.4 s to import
    except ImportError as exc:
        raise DaskMissing(f"the dask engine needs dask and distributed ({exc.name} is missing): "
                          f"{DASK_EXTRA}") from None
    return distributed


@contextmanager
def dask_client(workers: int, scheduler: str | None = None) -> Iterator[Any]:
    """A distributed.Client: on the cluster at `scheduler`, or on a LocalCluster of
    `workers` single-threaded processes (cleaning is CPU-bound and holds the GIL) that is
    shut down on exit."""
    distributed = require_dask()
    if scheduler:
        client = distributed.Client(scheduler)
        cluster = None
    else:
        # The dashboard on a free port of this host only: whoever reaches a Dask cluster
        # can run code on it (SECURITY.md).
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        )
        client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def map_on_dask(client: Any, fn: Callable[..., R], tasks: list[Any], **kwargs: Any) -> Iterator[R]:
    """`fn(task, **kwargs)` for every task on the cluster, yielded as each completes. A task
    that fails raises here (Dask has already retried it on other workers by then)."""
    distributed = require_dask()
    futures = client.map(fn, tasks, pure=False, **kwargs)
    for fut in distributed.as_completed(futures):
        result = fut.result()
        fut.release()
        yield result


def dashboard_link(client: Any) -> str | None:
    """The address of the cluster's dashboard, if its scheduler serves one."""
    try:
        served = "dashboard" in client.scheduler_info().get("services", {})
    except Exception:  # noqa: BLE001 - a scheduler that does not say: no link, the run goes on
        return None
    return client.dashboard_link if served else None
