"""The local engine: records in chunks on the crash-safe process pool (cleaner/parallel.py).

The reader streams records (JSONL lines unparsed); the pool keeps at most `2 x workers`
chunks in flight, so memory stays flat whatever the input size. A worker parses, cleans
and serialises its chunk (cleaner.batch.records.encode_chunk), so the driver only reads
lines, moves bytes and appends them. `write` is called once per chunk (or per record of a
chunk redone after its worker died) and flushes, so an interrupted run loses at most the
lines in the OS-unflushed tail, which `--resume` redoes.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable

from cleaner.batch.codec import JSONL, Encoded
from cleaner.batch.pages import ExplainPages
from cleaner.batch.readers import record_size
from cleaner.batch.records import ChunkResult, Item, encode_chunk, failed_chunk
from cleaner.batch.report import RunReport
from cleaner.options import Options
from cleaner.parallel import GracefulInterrupt, LocalEngine, chunked, map_chunks


class EncodeChunk:
    """What a worker does with a chunk: parse, clean and serialise each record.
    Picklable, so the pool sends it once per worker."""

    def __init__(self, options: Options, pages: ExplainPages | None, layout: str) -> None:
        self.options, self.pages, self.layout = options, pages, layout

    def __call__(self, items: list[Item]) -> ChunkResult:
        return encode_chunk(items, self.options, self.pages, self.layout)

    def lost(self, items: list[Item], exc: BaseException) -> ChunkResult:
        """A chunk whose worker died: every record becomes an error, none is lost."""
        message = f"worker failed: {type(exc).__name__}: {exc}"
        return failed_chunk(items, message, pages=self.pages is not None, layout=self.layout)


def run_local(
    items: Iterable[Item],
    options: Options,
    write: Callable[[list[Encoded]], None],
    engine: LocalEngine,
    *,
    layout: str = JSONL,
    pages: ExplainPages | None = None,
    on_chunk: Callable[[RunReport], None] | None = None,
) -> RunReport:
    """Clean every record and hand each chunk's serialised outputs to `write`; the run's
    report, `interrupted` if a first Ctrl-C stopped it early. `layout` is the sink's;
    with `pages`, workers also write each record's explain page."""
    report = RunReport(engine="local")
    start = time.monotonic()
    work = EncodeChunk(options, pages, layout)
    with GracefulInterrupt() as interrupt:
        chunks = interrupt.until(chunked(items, engine.chunk_size, engine.chunk_bytes, record_size))
        for chunk in map_chunks(work, chunks, workers=engine.workers, lost=work.lost, ordered=engine.ordered):
            write(chunk.records)
            report.add(len(chunk.records), sum(not r.ok for r in chunk.records), chunk.removed_by_rule)
            report.seconds = time.monotonic() - start
            if on_chunk is not None:
                on_chunk(report)
        report.interrupted = interrupt.requested
    report.seconds = time.monotonic() - start
    return report
