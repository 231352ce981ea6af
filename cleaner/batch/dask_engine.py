"""The Dask engine: the same job as the local engine, as Dask tasks over input partitions
(cleaner/batch/partitions.py). Each task reads its own slice, cleans it and writes `part-NNNNN.jsonl` plus
`part-NNNNN.stats.json` (temp names, then renamed: a part file that exists is complete).
The driver then writes `manifest.json`. `--resume` reruns only the missing parts.

Without a scheduler address a LocalCluster is started (one single-threaded worker process
per --workers); with one, the job joins that cluster, whose workers must be able to
import `cleaner` and read the inputs and the output folder (a shared file system).
"""
from __future__ import annotations

import json
import os
import time
from collections import Counter
from typing import Any, Callable

from cleaner.batch.codec import encode_line
from cleaner.batch.pages import POSITION_KEY, ExplainPages, take_summary, write_part_summaries
from cleaner.batch.partitions import Partition, Plan, partition_records, plan_partitions
from cleaner.batch.readers import DEFAULT_MAX_RECORD_BYTES, Source, spool_stdin
from cleaner.batch.records import process_record
from cleaner.batch.report import RunProgress, RunReport
from cleaner.batch.writers import OutputError
from cleaner.jsonsafe import JSON_ERRORS
from cleaner.options import Options
from cleaner.parallel import DaskEngine, dashboard_link, dask_client, map_on_dask

MANIFEST = "manifest.json"
STDIN_SPOOL = "stdin.input"


def run_partition(
    part: Partition, options: Options, outdir: str, max_record_bytes: int, pages: ExplainPages | None = None
) -> dict[str, Any]:
    """Clean one partition into its part file; returns its stats (runs on a Dask worker).

    With `pages`, each record's explain page is written as it completes and the part's
    summaries are written (complete) before the part file is renamed into place."""
    stats: dict[str, Any] = {"part": part.part_name, "index": part.index, "records": 0, "errors": 0, "removed_by_rule": Counter()}
    final = os.path.join(outdir, part.part_name)
    tmp = final + f".tmp-{os.getpid()}"
    summaries: list[dict[str, Any]] = []
    position = part.first_record
    with open(tmp, "wb") as out:
        for record in partition_records(part, max_record_bytes):
            if pages is not None:
                record[POSITION_KEY] = position
                position += 1
            result, ok, counts = process_record(record, options, pages)
            if pages is not None:
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
    if pages is not None:
        write_part_summaries(pages.folder, part.part_stem, summaries)
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


def run_dask(
    sources: list[Source],
    outdir: str,
    options: Options,
    engine: DaskEngine,
    *,
    resume: bool = False,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    pages: ExplainPages | None = None,
    on_progress: Callable[[RunProgress], None] | None = None,
) -> RunReport:
    """Clean every source into part files under `outdir` (a folder); the run's report.
    `on_progress` hears of each finished partition, and first of the dashboard."""
    start = time.monotonic()
    _prepare_output(outdir, resume)
    # Dask tasks cannot read the driver's stdin: it is copied into the output folder first
    # (and kept, for a --resume).
    sources = spool_stdin(sources, os.path.join(outdir, STDIN_SPOOL), reuse=resume)
    manifest_path = os.path.join(outdir, MANIFEST)
    old = _read_manifest(manifest_path) if resume else None
    # A resumed run keeps the partitioning it began with (the automatic size depends on
    # the number of workers); a size given anew must match it.
    size = engine.partition_size or (old or {}).get("partition_size")
    plan = plan_partitions(sources, size, engine.workers)
    if old is not None and (old.get("partition_size") != plan.size or old.get("parts_planned") != len(plan.parts)):
        raise OutputError(f"{outdir}: was written with another partitioning; rerun without --resume")
    stats = {p.index: st for p in plan.parts if resume and (st := _finished(outdir, p)) is not None}
    todo = [p for p in plan.parts if p.index not in stats]
    # The plan goes down first so a later --resume can check it matches.
    _write_manifest(manifest_path, plan, {}, complete=False)
    report = RunReport(engine="dask", output=outdir)
    for st in stats.values():
        report.skipped += st["records"]
        report.prior_errors += st["errors"]

    def tell(dashboard: str | None = None) -> None:
        if on_progress is not None:
            report.seconds = time.monotonic() - start
            on_progress(RunProgress(report.documents, report.errors, report.skipped, plan.records,
                                    report.seconds, dashboard))

    if todo:
        with dask_client(engine.workers, engine.scheduler) as client:
            tell(dashboard_link(client))
            for st in map_on_dask(client, run_partition, todo, options=options, outdir=os.path.abspath(outdir),
                                  max_record_bytes=max_record_bytes, pages=pages):
                stats[st["index"]] = st
                report.add(st["records"], st["errors"], st["removed_by_rule"])
                tell()
    _write_manifest(manifest_path, plan, stats, complete=True)
    report.seconds = time.monotonic() - start
    return report


def _read_manifest(path: str) -> dict[str, Any] | None:
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _finished(outdir: str, part: Partition) -> dict[str, Any] | None:
    """The stats of a part an earlier run finished (its file exists), else None."""
    if not os.path.exists(os.path.join(outdir, part.part_name)):
        return None
    with open(os.path.join(outdir, part.part_stem + ".stats.json"), encoding="utf-8") as f:
        return json.load(f)


def _write_manifest(path: str, plan: Plan, stats: dict[int, dict[str, Any]], complete: bool) -> None:
    entries = []
    for p in plan.parts:
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
        "partition_size": plan.size,
        "parts_planned": len(plan.parts),
        "records": sum(st["records"] for st in stats.values()),
        "errors": sum(st["errors"] for st in stats.values()),
        "removed_by_rule": dict(sorted(removed.items())),
        "parts": entries,
    }
    # Input paths may hold lone surrogates (a file name that is not UTF-8): written as escapes.
    with open(path + ".tmp", "w", encoding="utf-8", errors=JSON_ERRORS) as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
    os.replace(path + ".tmp", path)
