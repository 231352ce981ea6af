"""`--engine dask`: the same job as the local engine, as Dask tasks over input partitions.

The driver plans partitions without holding records: each JSONL input is scanned once for
line boundaries every `partition_size` lines (with byte offsets when uncompressed, so a
task seeks straight to its slice; a compressed slice is reached by decompressing and
skipping lines, cheap next to cleaning), and document files are grouped `partition_size`
at a time. Each task reads its own slice, cleans it and writes `part-NNNNN.jsonl` plus
`part-NNNNN.stats.json` (temp names, then renamed: a part file that exists is complete).
The driver then writes `manifest.json`. `--resume` reruns only the missing parts.

Without a scheduler address a LocalCluster is started (one single-threaded worker process
per --workers); with one, the job joins that cluster, whose workers must be able to
import `cleaner` and read the inputs and the output folder (a shared file system).
"""
from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from cleaner.batch.local import Summary
from cleaner.batch.readers import DEFAULT_MAX_RECORD_BYTES, Source, iter_source, open_input
from cleaner.batch.records import process_record
from cleaner.batch.writers import OutputError, encode_line
from cleaner.explain.batch import POSITION_KEY, BatchReport, take_summary, write_part_summaries
from cleaner.jsonsafe import JSON_ERRORS
from cleaner.options import Options
from cleaner.parallel import dask_client, map_on_dask

DEFAULT_PARTITION_SIZE = 2000
MANIFEST = "manifest.json"
STDIN_SPOOL = "stdin.input"


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


def run_partition(
    part: Partition, options: Options, outdir: str, max_record_bytes: int, report: BatchReport | None = None
) -> dict[str, Any]:
    """Clean one partition into its part file; returns its stats (runs on a Dask worker).

    With `report`, each record's explain page is written as it completes and the part's
    summaries are written (complete) before the part file is renamed into place."""
    stats: dict[str, Any] = {"part": part.part_name, "records": 0, "errors": 0, "removed_by_rule": Counter()}
    final = os.path.join(outdir, part.part_name)
    tmp = final + f".tmp-{os.getpid()}"
    summaries: list[dict[str, Any]] = []
    position = part.first_record
    with open(tmp, "wb") as out:
        for source in part.sources:
            records = iter_source(source, max_record_bytes, None, part.first_line, part.stop_line, part.offset)
            for record in records:
                if report is not None:
                    record[POSITION_KEY] = position
                    position += 1
                result, ok, counts = process_record(record, options, report)
                if report is not None:
                    summaries.append(take_summary(result))
                out.write(encode_line(result))
                stats["records"] += 1
                stats["errors"] += 0 if ok else 1
                stats["removed_by_rule"].update(counts)
        out.flush()
        os.fsync(out.fileno())
    stats["removed_by_rule"] = dict(stats["removed_by_rule"])
    stats_path = os.path.join(outdir, part.part_name[: -len(".jsonl")] + ".stats.json")
    with open(stats_path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(stats, f)
    os.replace(stats_path + ".tmp", stats_path)
    if report is not None:
        write_part_summaries(report.folder, part.part_stem, summaries)
    os.replace(tmp, final)
    return stats


def _prepare_output(outdir: str, resume: bool) -> None:
    if os.path.exists(outdir) and not os.path.isdir(outdir):
        raise OutputError(f"{outdir}: the dask engine writes a folder of part files; this is a file")
    os.makedirs(outdir, exist_ok=True)
    if resume:
        return
    for name in os.listdir(outdir):
        if name.startswith("part-") or name in (MANIFEST, STDIN_SPOOL):
            os.remove(os.path.join(outdir, name))


def _spool_stdin(sources: list[Source], outdir: str, resume: bool) -> list[Source]:
    """Dask tasks cannot read the driver's stdin: copy it into the output folder first."""
    import sys

    out: list[Source] = []
    for source in sources:
        if source.is_stdin:
            path = os.path.join(outdir, STDIN_SPOOL)
            if not (resume and os.path.exists(path)):
                with open(path + ".tmp", "wb") as f:
                    shutil.copyfileobj(sys.stdin.buffer, f, 1 << 20)
                os.replace(path + ".tmp", path)
            source = Source(path, "jsonl", source.name, os.path.getsize(path))
        out.append(source)
    return out


def run_dask(
    sources: list[Source],
    outdir: str,
    options: Options,
    *,
    workers: int,
    scheduler: str | None = None,
    resume: bool = False,
    partition_size: int | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    report: BatchReport | None = None,
) -> Summary:
    start = time.monotonic()
    size = partition_size or DEFAULT_PARTITION_SIZE
    _prepare_output(outdir, resume)
    sources = _spool_stdin(sources, outdir, resume)
    parts = plan_partitions(sources, size)
    manifest_path = os.path.join(outdir, MANIFEST)
    if resume and os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            old = json.load(f)
        if old.get("partition_size") != size or old.get("parts_planned") != len(parts):
            raise OutputError(f"{outdir}: was written with another partitioning; rerun without --resume")
    todo = [p for p in parts if not (resume and os.path.exists(os.path.join(outdir, p.part_name)))]
    done_before = {p.index for p in parts} - {p.index for p in todo}
    # The plan goes down first so a later --resume can check it matches.
    _write_manifest(manifest_path, parts, size, {}, complete=False)

    if todo:
        with dask_client(workers, scheduler) as client:
            for _ in map_on_dask(client, run_partition, todo, options=options, outdir=os.path.abspath(outdir),
                                 max_record_bytes=max_record_bytes, report=report):
                pass

    stats: dict[int, dict[str, Any]] = {}
    for p in parts:
        with open(os.path.join(outdir, p.part_name[: -len(".jsonl")] + ".stats.json"), encoding="utf-8") as f:
            stats[p.index] = json.load(f)
    summary = Summary()
    for index, st in stats.items():
        if index in done_before:
            summary.skipped += st["records"]
            summary.prior_errors += st["errors"]
            continue
        summary.docs += st["records"]
        summary.errors += st["errors"]
        summary.removed_by_rule.update(st["removed_by_rule"])
    _write_manifest(manifest_path, parts, size, stats, complete=True)
    summary.seconds = time.monotonic() - start
    return summary


def _write_manifest(path: str, parts: list[Partition], size: int, stats: dict[int, dict[str, Any]], complete: bool) -> None:
    entries = []
    for p in parts:
        entry: dict[str, Any] = {"file": p.part_name, **p.describe()}
        if p.index in stats:
            entry["records"] = stats[p.index]["records"]
            entry["errors"] = stats[p.index]["errors"]
        entries.append(entry)
    removed: Counter = Counter()
    for st in stats.values():
        removed.update(st["removed_by_rule"])
    manifest = {
        "engine": "dask",
        "complete": complete,
        "partition_size": size,
        "parts_planned": len(parts),
        "records": sum(st["records"] for st in stats.values()),
        "errors": sum(st["errors"] for st in stats.values()),
        "removed_by_rule": dict(sorted(removed.items())),
        "parts": entries,
    }
    # Input paths may hold lone surrogates (a file name that is not UTF-8): written as escapes.
    with open(path + ".tmp", "w", encoding="utf-8", errors=JSON_ERRORS) as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
    os.replace(path + ".tmp", path)
