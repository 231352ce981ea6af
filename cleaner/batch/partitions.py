"""Input partitions: slices of the inputs that a task reads by itself (the Dask engines of
`cleaner batch` and `cleaner learn`).

The driver plans partitions without holding records: each JSONL input is scanned once for
line boundaries every `partition_size` lines (with byte offsets when uncompressed, so a
task seeks straight to its slice; a compressed slice is reached by decompressing and
skipping lines, cheap next to cleaning), and document files are grouped `partition_size`
at a time. Without a size, partitions are sized once the total is known, so that
every worker gets several.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterator

from cleaner.batch.readers import Source, is_compressed, iter_source, open_input

DEFAULT_PARTITION_SIZE = 2000  # the most records a partition holds unless told otherwise
PARTS_PER_WORKER = 4  # a few per worker, so one slow partition does not leave the others idle
FINE_STARTS = 65_536  # slice starts kept per input while sizing (about 6 MB at the most)


@dataclass(frozen=True)
class Partition:
    index: int
    sources: tuple[Source, ...]  # one JSONL source, or a group of document files
    first_line: int = 1
    stop_line: int | None = None
    offset: int = 0
    first_record: int = 0  # records (non-blank lines, documents) before this partition
    records: int = 0  # records in it

    @property
    def part_stem(self) -> str:
        return f"part-{self.index:05d}"

    @property
    def part_name(self) -> str:
        return f"part-{self.index:05d}.jsonl"

    def describe(self) -> dict[str, Any]:
        if len(self.sources) == 1 and self.sources[0].kind == "jsonl":
            return {"input": self.sources[0].path, "lines": [self.first_line, self.stop_line]}
        return {"inputs": [s.path for s in self.sources]}


Bound = tuple[int, int, int]  # (first line, byte offset, records before it) of a slice


@dataclass
class _Scan:
    """Slice starts every `every` lines of one JSONL input, and where it ends."""

    every: int
    starts: list[Bound]
    end: Bound

    def slices(self, step: int) -> Iterator[tuple[Bound, Bound]]:
        """Consecutive (start, stop) of slices of `step` lines (a multiple of `every`)."""
        chosen = [bound for bound in self.starts if (bound[0] - 1) % step == 0] + [self.end]
        return zip(chosen, chosen[1:])


def _scan(source: Source, every: int | None) -> _Scan:
    """One pass over a JSONL input for slice starts: every `every` lines, or, when None,
    as finely as FINE_STARTS allows (the step doubles, keeping every other start, as the
    input grows), so the partition size can be chosen once the total is known. A record
    is a non-blank line, as the reader counts them."""
    step = every or 1
    stream = open_input(source.path)
    starts: list[Bound] = []
    pos, line, records = 0, 1, 0
    try:
        while True:
            if (line - 1) % step == 0:
                starts.append((line, pos, records))
                if every is None and len(starts) > FINE_STARTS:
                    starts, step = starts[::2], step * 2
            n = 0
            blank = True
            while True:
                chunk = stream.readline(1 << 20)
                n += len(chunk)
                blank = blank and not chunk.strip()
                if not chunk or chunk.endswith(b"\n"):
                    break
            if n == 0:
                break
            pos += n
            line += 1
            records += not blank
    finally:
        stream.close()
    if starts and starts[-1][0] == line:
        starts.pop()  # a slice that would start at EOF
    return _Scan(step, starts, (line, pos, records))


@dataclass
class Plan:
    parts: list[Partition]
    size: int  # records (lines) per partition
    records: int  # in all partitions


def fitting_size(records: int, workers: int) -> int:
    """Partitions small enough that every worker gets several (a few hundred documents on
    two workers made one partition of DEFAULT_PARTITION_SIZE before, and one busy worker),
    and no larger than DEFAULT_PARTITION_SIZE."""
    return max(1, min(DEFAULT_PARTITION_SIZE, math.ceil(records / (workers * PARTS_PER_WORKER))))


def plan_partitions(sources: list[Source], partition_size: int | None = None, workers: int = 1) -> Plan:
    """Partitions of `partition_size` records (lines), or, when None, of the size that
    gives each of `workers` about PARTS_PER_WORKER of them."""
    scans = {i: _scan(source, partition_size) for i, source in enumerate(sources) if source.kind == "jsonl"}
    records = sum(scan.end[2] for scan in scans.values()) + sum(s.kind == "doc" for s in sources)
    size = partition_size or fitting_size(records, workers)
    parts: list[Partition] = []
    docs: list[Source] = []
    before = 0  # records in the partitions planned so far

    def flush_docs() -> None:
        nonlocal before
        while docs:
            group = tuple(docs[:size])
            del docs[:size]
            parts.append(Partition(len(parts), group, first_record=before, records=len(group)))
            before += len(group)

    for i, source in enumerate(sources):
        if source.kind == "doc":
            docs.append(source)
            if len(docs) >= size:
                flush_docs()
            continue
        flush_docs()
        scan = scans[i]
        seekable = not is_compressed(source.path)
        step = math.ceil(size / scan.every) * scan.every
        for (first, offset, done), (stop, _, upto) in scan.slices(step):
            parts.append(Partition(len(parts), (source,), first, stop, offset if seekable else 0,
                                   before + done, upto - done))
        before += scan.end[2]
    flush_docs()
    return Plan(parts, size, records)


def partition_records(part: Partition, max_record_bytes: int) -> Iterator[dict[str, Any]]:
    """The records of one partition, read where the task runs."""
    for source in part.sources:
        yield from iter_source(source, max_record_bytes, part.first_line, part.stop_line, part.offset)
