"""Input partitions: slices of the inputs that a task reads by itself (the Dask engines of
`cleaner batch` and `cleaner learn`).

The driver plans partitions without holding records: each JSONL input is scanned once for
line boundaries every `partition_size` lines (with byte offsets when uncompressed, so a
task seeks straight to its slice; a compressed slice is reached by decompressing and
skipping lines, cheap next to cleaning), and document files are grouped `partition_size`
at a time.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from cleaner.batch.readers import Source, iter_source, open_input

DEFAULT_PARTITION_SIZE = 2000


@dataclass(frozen=True)
class Partition:
    index: int
    sources: tuple[Source, ...]  # one JSONL source, or a group of document files
    first_line: int = 1
    stop_line: int | None = None
    offset: int = 0
    first_record: int = 0  # records (non-blank lines, documents) before this partition

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


def _is_compressed(path: str) -> bool:
    with open(path, "rb") as f:
        head = f.read(6)
    return head.startswith((b"\x1f\x8b", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd"))


def _line_boundaries(source: Source, every: int) -> list[tuple[int, int, int]]:
    """(first line, byte offset, records before) of each slice of `every` lines; a final
    (line, offset, records) end. A record is a non-blank line, as the reader counts them."""
    stream = open_input(source.path)
    bounds: list[tuple[int, int, int]] = []
    pos, line, records = 0, 1, 0
    try:
        while True:
            if (line - 1) % every == 0:
                bounds.append((line, pos, records))
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
    if bounds and bounds[-1][0] == line:
        bounds.pop()  # a slice that would start at EOF
    bounds.append((line, pos, records))
    return bounds


def plan_partitions(sources: list[Source], partition_size: int) -> list[Partition]:
    parts: list[Partition] = []
    docs: list[Source] = []
    before = 0  # records in the partitions planned so far

    def flush_docs() -> None:
        nonlocal before
        while docs:
            group = tuple(docs[:partition_size])
            del docs[:partition_size]
            parts.append(Partition(len(parts), group, first_record=before))
            before += len(group)

    for source in sources:
        if source.kind == "doc":
            docs.append(source)
            if len(docs) >= partition_size:
                flush_docs()
            continue
        flush_docs()
        seekable = not _is_compressed(source.path)
        bounds = _line_boundaries(source, partition_size)
        for (first, offset, done), (stop, _, _) in zip(bounds, bounds[1:]):
            parts.append(Partition(len(parts), (source,), first, stop, offset if seekable else 0, before + done))
        before += bounds[-1][2]
    flush_docs()
    return parts


def partition_records(part: Partition, max_record_bytes: int) -> Iterator[dict[str, Any]]:
    """The records of one partition, read where the task runs."""
    for source in part.sources:
        yield from iter_source(source, max_record_bytes, None, part.first_line, part.stop_line, part.offset)
