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

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, TextIO

from cleaner.batch.readers import Progress, record_size
from cleaner.batch.records import ChunkResult, Encoded, Item, encode_chunk, failed_chunk
from cleaner.batch.writers import JSONL
from cleaner.explain.batch import BatchReport
from cleaner.options import Options
from cleaner.parallel import GracefulInterrupt, chunked, map_chunks

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


def _fmt(seconds: float) -> str:
    seconds = int(seconds)
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class EncodeChunk:
    """What a worker does with a chunk: parse, clean and serialise each record
    (cleaner.batch.records.encode_chunk). Picklable, so the pool sends it once per worker."""

    def __init__(self, options: Options, report: BatchReport | None, layout: str) -> None:
        self.options, self.report, self.layout = options, report, layout

    def __call__(self, items: list[Item]) -> ChunkResult:
        return encode_chunk(items, self.options, self.report, self.layout)

    def lost(self, items: list[Item], exc: BaseException) -> ChunkResult:
        """A chunk whose worker died: every record becomes an error, none is lost."""
        message = f"worker failed: {type(exc).__name__}: {exc}"
        return failed_chunk(items, message, report=self.report is not None, layout=self.layout)


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
    work = EncodeChunk(options, report, layout)
    with GracefulInterrupt() as interrupt:
        chunks = interrupt.until(chunked(items, chunk_size, chunk_bytes, record_size))
        for chunk in map_chunks(work, chunks, workers=workers, lost=work.lost, ordered=ordered):
            write(chunk.records)
            summary.add_chunk(chunk)
            if bar is not None:
                bar.update(summary.docs, summary.errors)
        summary.interrupted = interrupt.requested
    summary.seconds = time.monotonic() - start
    if bar is not None:
        bar.update(summary.docs, summary.errors, force=True)
        bar.close()
    return summary
