"""The local engine: a process pool fed with bounded in-flight chunks.

The reader streams records (JSONL lines unparsed); they are grouped into chunks of
`chunk_size` records (or fewer, when a chunk reaches `chunk_bytes`), and at most
`2 * workers` chunks are in flight, so memory stays flat whatever the input size. A
worker parses, cleans and serialises its chunk (cleaner.batch.records.encode_chunk), so
the driver only reads lines, moves bytes and appends them. With `ordered` results are
written in input order; otherwise as chunks finish. The writer is flushed after every
chunk so an interrupted run loses at most the lines in the OS-unflushed tail, which
`--resume` redoes.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, TextIO

from cleaner.batch.readers import Progress, RawLine
from cleaner.batch.records import ChunkResult, Encoded, Item, encode_chunk, failed_chunk
from cleaner.batch.writers import JSONL
from cleaner.explain.batch import BatchReport
from cleaner.options import Options

DEFAULT_CHUNK_SIZE = 64
DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024


@dataclass
class Summary:
    docs: int = 0
    errors: int = 0
    skipped: int = 0
    prior_errors: int = 0  # error records already in the output a --resume continued
    interrupted: bool = False  # stopped early by Ctrl-C; the output is incomplete
    seconds: float = 0.0
    removed_by_rule: Counter = field(default_factory=Counter)

    @property
    def failed(self) -> bool:
        """Whether the output as a whole holds any error record (exit status 1)."""
        return bool(self.errors or self.prior_errors)

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds if self.seconds > 0 else 0.0

    def add_chunk(self, chunk: ChunkResult) -> None:
        self.docs += len(chunk.records)
        self.errors += sum(not r.ok for r in chunk.records)
        self.removed_by_rule.update(chunk.removed_by_rule)

    def render(self) -> str:
        lines = [
            f"docs: {self.docs}  errors: {self.errors}  skipped (resumed): {self.skipped}"
            + (f" ({self.prior_errors} of them errors)" if self.prior_errors else "")
            + "  "
            f"time: {self.seconds:.1f}s  docs/s: {self.docs_per_second:.1f}"
        ]
        if self.removed_by_rule:
            total = sum(self.removed_by_rule.values())
            lines.append(f"removed spans: {total}")
            for rule, n in sorted(self.removed_by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(f"  {rule:<10} {n}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "errors": self.errors,
            "skipped": self.skipped,
            "prior_errors": self.prior_errors,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.docs_per_second, 2),
            "removed_by_rule": dict(sorted(self.removed_by_rule.items())),
        }


class ProgressBar:
    """docs, docs/s and ETA (from input bytes consumed) on a TTY; silent otherwise."""

    def __init__(self, progress: Progress, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.progress = progress
        self.start = time.monotonic()
        self._last = 0.0

    def update(self, docs: int, errors: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.2:
            return
        self._last = now
        elapsed = max(now - self.start, 1e-9)
        rate = docs / elapsed
        line = f"\r{docs} docs  {errors} errors  {rate:.1f} docs/s"
        total, done = self.progress.total, self.progress.consumed
        if total and done:
            frac = min(done / total, 1.0)
            eta = elapsed * (1 - frac) / frac if frac > 0 else 0.0
            width = 24
            filled = int(frac * width)
            line = f"\r[{'#' * filled}{'.' * (width - filled)}] {frac * 100:5.1f}%  " + line[1:] + f"  ETA {_fmt(eta)}"
        self.stream.write(line + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


class GracefulInterrupt:
    """First Ctrl-C: stop reading input, finish and write the chunks in flight, return.
    A second Ctrl-C raises KeyboardInterrupt at once."""

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


def _fmt(seconds: float) -> str:
    seconds = int(seconds)
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def _record_size(item: Item) -> int:
    if isinstance(item, RawLine):
        return len(item.data)
    body = item.get("text") if item.get("text") is not None else item.get("html")
    return len(body) if isinstance(body, (str, bytes, bytearray)) else 0


def chunked(items: Iterable[Item], size: int, max_bytes: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    nbytes = 0
    for item in items:
        chunk.append(item)
        nbytes += _record_size(item)
        if len(chunk) >= size or nbytes >= max_bytes:
            yield chunk
            chunk, nbytes = [], 0
    if chunk:
        yield chunk


_WORKER_OPTIONS: Options | None = None
_WORKER_REPORT: BatchReport | None = None
_WORKER_LAYOUT = JSONL


def _init_worker(options: Options, report: BatchReport | None = None, layout: str = JSONL) -> None:
    global _WORKER_OPTIONS, _WORKER_REPORT, _WORKER_LAYOUT
    _WORKER_OPTIONS = options
    _WORKER_REPORT = report
    _WORKER_LAYOUT = layout
    # Ctrl-C is the driver's to handle (it closes the output for --resume); a worker
    # interrupted mid-chunk would only turn good records into errors.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the driver dies (e.g. kill -9), so
    no orphaned worker keeps running after a crash."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == 1:  # the driver died before prctl took effect
            os._exit(1)
    except (OSError, AttributeError):
        pass


# How long a worker lets a document stopped by its time budget wind down (it stops at
# its next Python bytecode; only a call stuck in C code takes longer).
RUNAWAY_GRACE = 5.0


def _run_chunk(items: list[Item]) -> ChunkResult:
    assert _WORKER_OPTIONS is not None
    _exit_if_runaway()
    return encode_chunk(items, _WORKER_OPTIONS, _WORKER_REPORT, _WORKER_LAYOUT)


def _exit_if_runaway() -> None:
    """A document over its budget that is still running (stuck in C code) would keep a
    core and its memory: the worker exits, and the pool redoes this chunk's records on
    a fresh process (nothing is lost; see _Pool.result)."""
    from cleaner.limits import runaway_threads

    if runaway_threads(wait=RUNAWAY_GRACE):
        os._exit(3)


def run_local(
    items: Iterable[Item],
    options: Options,
    write: Callable[[list[Encoded]], None],
    *,
    workers: int,
    layout: str = JSONL,
    ordered: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    bar: ProgressBar | None = None,
    report: BatchReport | None = None,
) -> Summary:
    """Clean every record and hand each chunk's serialised outputs to `write` (which
    writes and flushes them), returning the summary. `layout` is the writer's
    (cleaner.batch.writers.JSONL or TXT).

    With `report`, workers also write each record's explain page (cleaner.explain.batch)."""
    summary = Summary()
    start = time.monotonic()

    def emit(chunk: ChunkResult) -> None:
        write(chunk.records)
        summary.add_chunk(chunk)
        if bar is not None:
            bar.update(summary.docs, summary.errors)

    with GracefulInterrupt() as interrupt:
        chunks = _until(chunked(items, chunk_size, chunk_bytes), interrupt)
        if workers <= 1:
            for chunk in chunks:
                emit(encode_chunk(chunk, options, report, layout))
        else:
            _run_pool(chunks, options, emit, workers=workers, ordered=ordered, report=report, layout=layout)
        summary.interrupted = interrupt.requested
    summary.seconds = time.monotonic() - start
    if bar is not None:
        bar.update(summary.docs, summary.errors, force=True)
        bar.close()
    return summary


def _until(chunks: Iterator[list[Item]], interrupt: GracefulInterrupt) -> Iterator[list[Item]]:
    """The chunks, until a Ctrl-C is requested (a chunk already read is still handed out)."""
    for chunk in chunks:
        yield chunk
        if interrupt.requested:
            return


class _Pool:
    """A process pool that is replaced when a worker dies (killed, out of memory, crash)."""

    def __init__(self, workers: int, options: Options, report: BatchReport | None = None, layout: str = JSONL) -> None:
        self.workers, self.options, self.report, self.layout = workers, options, report, layout
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers, initializer=_init_worker, initargs=(self.options, self.report, self.layout)
        )

    def submit(self, items: list[Item]) -> tuple[Future, ProcessPoolExecutor]:
        try:
            return self.executor.submit(_run_chunk, items), self.executor
        except BrokenProcessPool:
            self.replace(self.executor)
            return self.executor.submit(_run_chunk, items), self.executor

    def replace(self, broken: ProcessPoolExecutor) -> None:
        """Swap in a fresh executor if `broken` is still the current one."""
        if broken is self.executor:
            broken.shutdown(wait=False, cancel_futures=True)
            self.executor = self._new()

    def result(self, fut: Future, owner: ProcessPoolExecutor, items: list[Item]) -> ChunkResult:
        """The chunk's outputs. If its worker died, the records are redone one at a time
        on a fresh pool, so only a record that kills its worker again becomes an error
        (the others in the chunk, or in flight beside it, are not blamed)."""
        try:
            return fut.result()
        except BrokenProcessPool:
            self.replace(owner)
        except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
            return self._failed(items, exc)
        records: list[Encoded] = []
        removed: Counter[str] = Counter()
        for item in items:
            single, owner = self.submit([item])
            try:
                done = single.result()
            except BrokenProcessPool as exc:
                self.replace(owner)
                done = self._failed([item], exc)
            except Exception as exc:  # noqa: BLE001
                done = self._failed([item], exc)
            records.extend(done.records)
            removed.update(done.removed_by_rule)
        return ChunkResult(records, dict(removed))

    def _failed(self, items: list[Item], exc: BaseException) -> ChunkResult:
        """A chunk whose worker died: every record becomes an error, none is lost."""
        message = f"worker failed: {type(exc).__name__}: {exc}"
        return failed_chunk(items, message, report=self.report is not None, layout=self.layout)

    def shutdown(self, wait: bool) -> None:
        self.executor.shutdown(wait=wait, cancel_futures=True)


def _run_pool(
    chunks: Iterator[list[Item]], options: Options, emit, *, workers: int, ordered: bool,
    report: BatchReport | None = None, layout: str = JSONL,
) -> None:
    max_in_flight = 2 * workers
    pool = _Pool(workers, options, report, layout)
    # In submission order: future, the executor it went to, and its records (kept so a
    # dead worker loses none).
    in_flight: deque[tuple[Future, ProcessPoolExecutor, list[Item]]] = deque()
    exhausted = False
    try:
        while True:
            while not exhausted and len(in_flight) < max_in_flight:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                fut, owner = pool.submit(chunk)
                in_flight.append((fut, owner, chunk))
            if not in_flight:
                break
            if ordered:
                fut, owner, recs = in_flight.popleft()
                emit(pool.result(fut, owner, recs))
            else:
                done, _ = wait([entry[0] for entry in in_flight], return_when=FIRST_COMPLETED)
                keep: deque[tuple[Future, ProcessPoolExecutor, list[Item]]] = deque()
                for entry in in_flight:
                    if entry[0] in done:
                        emit(pool.result(*entry))
                    else:
                        keep.append(entry)
                in_flight = keep
    except BaseException:
        pool.shutdown(wait=False)
        raise
    pool.shutdown(wait=True)


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
