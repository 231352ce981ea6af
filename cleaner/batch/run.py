"""The batch as a library: `cleaner.batch.run(source, sink, options, engine=...)`.

    from cleaner.batch import run, LocalEngine
    report = run("corpus.jsonl.zst", "clean.jsonl", {"preset": "aggressive"}, engine=LocalEngine(workers=8))
    report.documents, report.errors, report.removed_by_rule

Every input record becomes exactly one output record, the cleaned result or
`{"id", "error"}`; `cleaner batch` is a thin shell over this function.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, Sized

from cleaner.api import to_options
from cleaner.batch.codec import BatchError, Encoded
from cleaner.batch.dask_engine import run_dask
from cleaner.batch.local import run_local
from cleaner.batch.pages import ExplainPages, PagesError, SummaryLog, finish_pages, prepare_folder
from cleaner.batch.readers import RecordCount, Source, expand_inputs, iter_inputs, record_limit
from cleaner.batch.records import SUFFIXES, Item, as_record, error_record, with_position
from cleaner.batch.report import RunProgress, RunReport
from cleaner.batch.writers import OutputError, RecordSink, Sink, make_writer, output_layout, output_problem
from cleaner.options import Options
from cleaner.parallel import DaskEngine, LocalEngine, require_dask

Records = Iterable[Mapping[str, Any]]
ENGINES = {"local": LocalEngine, "dask": DaskEngine}


def run(
    source: Any,
    sink: Any,
    options: Options | Mapping[str, Any] | None = None,
    *,
    engine: str | LocalEngine | DaskEngine = "local",
    resume: bool = False,
    overwrite: bool = False,
    pages: ExplainPages | None = None,
    max_record_bytes: int | None = None,
    on_progress: Callable[[RunProgress], None] | None = None,
) -> RunReport:
    """Clean a corpus; the run's report.

    `source`: a path (JSONL, `.txt`/`.html` file, folder, glob; `.gz`/`.xz`/`.zst` read as
    such; "-" is JSONL on stdin), a list of them, or an iterable of records (dicts with
    `id`, `text` or `html`, and any fields to pass through). `sink`: an output path (named
    `.jsonl`/`.ndjson`: one JSONL file; else a folder of `.txt` files; the Dask engine
    writes a folder of part files), a `Sink`, or a function that receives each output
    record. An output that exists is refused unless `resume` (continue that run) or
    `overwrite` (replace it); one that is, or holds, an input is always refused. `pages`
    also writes an explain page per record and an index. `max_record_bytes` bounds a
    record while it is read (default: what `options.max_input_chars` can need).

    Raises BatchError (a ValueError) before cleaning anything if an input, the output or
    a setting cannot be used. A first Ctrl-C finishes the records in flight and returns a
    report marked `interrupted`; the output is then kept for `resume`.
    """
    opts = to_options(options)
    chosen = ENGINES[engine]() if isinstance(engine, str) else engine
    if isinstance(chosen, DaskEngine):
        require_dask()  # before anything is written: DaskMissing names the extra to install
        _check_dask_sink(sink)
    check_output(source, sink, chosen, resume=resume, overwrite=overwrite)
    max_record_bytes = record_limit(opts.max_input_chars, max_record_bytes)
    if pages is not None:
        _prepare_pages(pages, sink, opts, resume)
    if isinstance(chosen, DaskEngine):
        return _run_on_dask(source, os.fspath(sink), opts, chosen, resume, pages, max_record_bytes, on_progress)
    report = _run_here(source, _sink(sink, resume, SUFFIXES[opts.format.value]), opts, chosen, resume, pages, max_record_bytes, on_progress)
    report.output = os.fspath(sink) if isinstance(sink, (str, os.PathLike)) else None
    return report


def _run_here(source: Any, writer: Sink, options: Options, engine: LocalEngine, resume: bool,
              pages: ExplainPages | None, max_bytes: int, on_progress: Callable[[RunProgress], None] | None) -> RunReport:
    items, total = _items(source, max_bytes)
    skipped = 0
    log = SummaryLog(pages.folder) if pages is not None else None

    def write(records: list[Encoded]) -> None:
        if log is not None:
            log.write(records)  # flushed first: an output line always has its summary
        writer.write_records(records)
        writer.flush()

    def pending() -> Iterator[Item]:
        nonlocal skipped
        for position, item in enumerate(items):
            if resume and writer.may_skip():
                item = as_record(item)  # its id decides; the worker gets it parsed
                if writer.should_skip(item.get("id")):
                    skipped += 1
                    continue
            yield item if pages is None else with_position(item, position)

    def tell(report: RunReport) -> None:
        if on_progress is not None:
            on_progress(RunProgress(report.documents, report.errors, skipped, total(), report.seconds))

    report = None
    try:
        report = run_local(pending(), options, write, engine, layout=writer.layout, pages=pages, on_chunk=tell)
    finally:
        complete = report is not None and not report.interrupted
        writer.close(complete=complete)
        if log is not None:
            log.close()
        if pages is not None:
            done = None if report is None else report.documents + skipped
            note = finish_pages(pages, complete=complete, expected=done)
            if report is not None:
                report.notes.append(note)
    report.errors += writer.unwritable
    report.skipped = skipped
    report.prior_errors = writer.prior_errors if resume else 0
    return report


def check_output(source: Any, sink: Any, engine: LocalEngine | DaskEngine, *, resume: bool, overwrite: bool) -> None:
    """Before anything is read or written: an input is never overwritten, nor an earlier
    run's output without `resume` or `overwrite` (BatchError)."""
    if resume and overwrite:
        raise BatchError("--resume and --overwrite exclude each other")
    if not isinstance(sink, (str, os.PathLike)) or os.fspath(sink) == "-":
        return
    inputs = [s.path for s in _sources(source)] if _are_paths(source) else []
    layout = output_layout(os.fspath(sink), "dask" if isinstance(engine, DaskEngine) else "local")
    problem = output_problem(os.fspath(sink), inputs, layout, resume=resume, overwrite=overwrite)
    if problem:
        raise OutputError(problem)


def _check_dask_sink(sink: Any) -> None:
    if not isinstance(sink, (str, os.PathLike)):
        raise BatchError("the dask engine writes a folder of part files: give the sink as a folder path")
    if os.fspath(sink) == "-":
        raise BatchError("the dask engine writes a folder of part files; standard output (-o -) "
                         "needs the local engine")


def _run_on_dask(source: Any, outdir: str, options: Options, engine: DaskEngine, resume: bool,
                 pages: ExplainPages | None, max_bytes: int, on_progress: Callable[[RunProgress], None] | None
                 ) -> RunReport:
    sources = _sources(source)
    report = None
    try:
        report = run_dask(sources, outdir, options, engine, resume=resume,
                          max_record_bytes=max_bytes, pages=pages, on_progress=on_progress)
    finally:
        if pages is not None:
            done = None if report is None else report.documents + report.skipped
            note = finish_pages(pages, complete=report is not None, expected=done)
            if report is not None:
                report.notes.append(note)
    return report


def _prepare_pages(pages: ExplainPages, sink: Any, options: Options, resume: bool) -> None:
    if not options.explain:
        raise PagesError("explain pages need the removed spans (explain must stay on)")
    if isinstance(sink, (str, os.PathLike)) and os.path.abspath(sink) == os.path.abspath(pages.folder):
        raise PagesError("the explain pages' folder must differ from the output")
    try:
        prepare_folder(pages.folder, resume)
    except OSError as exc:
        raise PagesError(f"{pages.folder}: {exc.strerror or exc}") from None


def _sink(sink: Any, resume: bool, suffix: str = ".txt") -> Sink:
    """`suffix`: a folder output's file suffix, the output format's."""
    if isinstance(sink, (str, os.PathLike)):
        try:
            return make_writer(os.fspath(sink), resume, suffix=suffix)
        except OSError as exc:
            raise BatchError(f"{os.fspath(sink)}: {exc.strerror or exc}") from None
    if hasattr(sink, "write_records"):
        return sink
    if callable(sink):
        return RecordSink(sink)
    raise BatchError(f"a sink is an output path, a Sink or a function, not {type(sink).__name__}")


def _is_path(value: Any) -> bool:
    return isinstance(value, (str, os.PathLike, Source))


def _sources(source: Any) -> list[Source]:
    """Input paths as sources (a BatchError names one that cannot be read)."""
    given = [source] if _is_path(source) else list(source) if isinstance(source, Sequence) else None
    if given is None or not all(_is_path(item) for item in given):
        raise BatchError("the dask engine reads files: give the source as paths")
    ready = [item for item in given if isinstance(item, Source)]
    paths = [os.fspath(item) for item in given if not isinstance(item, Source)]
    return ready + expand_inputs(paths) if paths else ready


def _are_paths(source: Any) -> bool:
    return _is_path(source) or (isinstance(source, Sequence) and bool(source) and all(_is_path(s) for s in source))


def _items(source: Any, max_bytes: int) -> tuple[Iterable[Item], Callable[[], int | None]]:
    """What the local engine reads (JSONL lines unparsed and documents, or the records
    given), and how many there are, when known (counted on the side for inputs)."""
    if _are_paths(source):
        sources = _sources(source)
        count = RecordCount(sources)
        return iter_inputs(sources, max_bytes, raw=True), lambda: count.value
    known = len(source) if isinstance(source, Sized) else None
    return (_record(item, n) for n, item in enumerate(source, 1)), lambda: known


def _record(item: Any, n: int) -> dict[str, Any]:
    """A record handed in by the caller, copied (the batch adds private keys to its own)."""
    if not isinstance(item, Mapping):
        return error_record(f"records:{n}", f"record {n} is a {type(item).__name__}, not a mapping")
    record = dict(item)
    if record.get("id") is None:
        record["id"] = f"records:{n}"
    return record
