"""`cleaner clean` (one document) and `cleaner batch` (a corpus): thin shells over clean().

Exit status: 0 everything cleaned, 1 some record (or the document) failed, 2 usage error.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import Any

from pydantic import ValidationError

from cleaner.options import Options, Preset
from cleaner.profiles.cli import add_site_args, check_profiles, learn_sources, site_options, spooled_stdin

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# Per-document time budget of `cleaner batch`: far above any real page (a 5 MB text
# cleans in seconds), so only a pathological record ever reaches it.
DEFAULT_TIMEOUT = 60.0
# Both linear on any input: the comment loop is possessive (with a plain `*`, a run of
# "<!---->" not followed by a tag can be split between iterations in 2^n ways), and a
# tag's attribute text stops at the next "<", so no two tag attempts scan the same text.
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^<>]*>\s*)?(?:<!--.*?-->\s*)*+<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(?:p|div|br|span|a|script|style|table|article|section|meta|link|title|h[1-6])\b[^<>]*>", re.I)


def looks_like_html(data: bytes) -> bool:
    """HTML if it opens like a page, or if the head is dense with common tags."""
    head = data[:65536].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAGS.findall(head[:8192])) >= 5


def _add_option_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--preset", choices=[x.value for x in Preset], default=Preset.BALANCED.value,
                   help="how eager the heuristics are (default: balanced)")
    p.add_argument("--disable", default="", metavar="CODES",
                   help="comma-separated rule codes or prefixes to switch off, e.g. NAV,CAP002")
    add_site_args(p)
    limits = p.add_argument_group("limits (defaults: the library's, see docs/reliability.md)")
    for flag, help_text in _LIMIT_FLAGS.items():
        limits.add_argument(f"--{flag}", type=int, default=None, metavar="N", help=help_text)


_LIMIT_FLAGS = {
    "max-input-chars": "longer documents are refused",
    "max-lines": "documents with more lines are refused",
    "max-html-depth": "HTML nested deeper is flattened before parsing (at most 250)",
    "max-html-nodes": "HTML pages with more elements skip main-text extraction",
}


def _options(args: argparse.Namespace, explain: bool = True) -> Options:
    limits = {
        flag.replace("-", "_"): getattr(args, flag.replace("-", "_"))
        for flag in _LIMIT_FLAGS
        if getattr(args, flag.replace("-", "_"), None) is not None
    }
    timeout = getattr(args, "timeout", None)
    return Options(preset=args.preset, disable=args.disable, explain=explain,
                   timeout_seconds=timeout if timeout else None, **limits, **site_options(args))


def language_arg(value: str) -> str | None:
    """--language: an unsupported code is a usage error naming the supported ones."""
    from cleaner.errors import InvalidInput
    from cleaner.core.language_codes import language_code

    try:
        return language_code(value)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _usage(cmd: str, message: str) -> int:
    print(f"cleaner {cmd}: {message}", file=sys.stderr)
    return EXIT_USAGE


def _options_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()))
    return f"invalid {where or 'option'}: {err.get('msg', 'invalid')}"


def register(subparsers: Any) -> None:
    c = subparsers.add_parser("clean", help="clean one document (text or HTML) and print the result")
    c.add_argument("file", metavar="FILE|-", help="a text or HTML file (.gz/.xz/.zst ok), or - for stdin")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--html", action="store_true", help="force HTML mode (default: detect by content)")
    c.add_argument("--url", default=None, help="the page URL, passed to clean()")
    c.add_argument("--language", type=language_arg, default=None, help="ISO 639-1 code; default: detect")
    _add_option_args(c)
    c.set_defaults(handler=run_clean)

    b = subparsers.add_parser(
        "batch",
        help="clean a corpus: JSONL, folders or globs of .txt/.html, or - (stdin)",
        description="Clean a corpus. INPUT is JSONL ({id, text|html, url?, language?}), a folder "
        "or glob of .txt/.html files (id = relative path), or - for JSONL on stdin; .gz/.xz/.zst "
        "are read transparently. OUTPUT named *.jsonl is JSONL, anything else a folder of .txt "
        "files (engine dask: a folder of part files plus manifest.json).",
    )
    b.add_argument("inputs", nargs="+", metavar="INPUT")
    b.add_argument("-o", "--output", required=True, metavar="OUTPUT")
    b.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    b.add_argument("--ordered", action="store_true", help="write results in input order")
    b.add_argument("--resume", action="store_true", help="continue an interrupted run, skipping ids already written")
    b.add_argument("--overwrite", action="store_true",
                   help="replace an existing OUTPUT (without it, or --resume, an existing OUTPUT is refused)")
    b.add_argument("--no-explain", action="store_true", help="leave out the removed spans")
    b.add_argument("--engine", choices=("local", "dask"), default="local")
    b.add_argument("--scheduler", default=None, metavar="ADDR", help="dask scheduler address (default: a LocalCluster)")
    b.add_argument("--chunk-size", type=int, default=None, help="records per chunk / dask partition")
    b.add_argument("--max-record-bytes", type=int, default=None,
                   help="largest decompressed JSONL line or document file accepted (default: what "
                   "--max-input-chars can need, 6 bytes a character plus 1 MiB: 31 MiB)")
    b.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"time budget per document; over it the record becomes an error and the run "
                   f"goes on (default {DEFAULT_TIMEOUT:g}; 0 = none)")
    b.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                   help="progress bar on stderr (auto: only on a TTY)")
    b.add_argument("--report", default=None, metavar="DIR",
                   help="also write an explain page per document and DIR/index.html with per-rule totals")
    b.add_argument("--report-limit", type=int, default=None, metavar="N",
                   help="with --report: pages for the first N records only (every record gets an index row)")
    b.add_argument("--learn", action="store_true",
                   help="first learn site profiles from the inputs into --profiles, then clean with them")
    _add_option_args(b)
    b.set_defaults(handler=run_batch)


def run_clean(args: argparse.Namespace) -> int:
    from cleaner.api import clean
    from cleaner.batch.readers import read_bounded
    from cleaner.errors import CleanerError

    try:
        options = _options(args)
    except ValidationError as exc:
        return _usage("clean", _options_error(exc))
    if options.profiles and (problem := check_profiles(options.profiles)):
        return _usage("clean", problem)
    limit = options.max_input_chars * 4  # UTF-8 bytes; clean() then checks characters
    try:
        data = read_bounded(args.file, limit)
    except OSError as exc:
        return _usage("clean", f"{args.file}: {exc.strerror or exc}")
    if len(data) > limit:
        print(f"cleaner clean: {args.file}: input is larger than {limit} bytes", file=sys.stderr)
        return EXIT_FAILED
    try:
        if args.html or looks_like_html(data):
            result = clean(html=data, url=args.url, language=args.language, options=options)
        else:
            result = clean(text=data, url=args.url, language=args.language, options=options)
    except CleanerError as exc:
        print(f"cleaner clean: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - e.g. a mode not implemented yet
        print(f"cleaner clean: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.format == "json":
        print(json.dumps(result.model_dump(), ensure_ascii=False, indent=2))
    else:
        from cleaner.batch.writers import render_text

        sys.stdout.write(render_text({"title": result.title, "text": result.text}))
    return EXIT_OK


def run_batch(args: argparse.Namespace) -> int:
    from cleaner.batch.local import default_workers
    from cleaner.batch.readers import InputError, expand_inputs, record_limit

    try:
        options = _options(args, explain=not args.no_explain)
    except ValidationError as exc:
        return _usage("batch", _options_error(exc))
    workers = args.workers if args.workers is not None else default_workers()
    if workers < 1:
        return _usage("batch", "--workers must be at least 1")
    if args.chunk_size is not None and args.chunk_size < 1:
        return _usage("batch", "--chunk-size must be at least 1")
    if args.scheduler and args.engine != "dask":
        return _usage("batch", "--scheduler needs --engine dask")
    if args.inputs.count("-") > 1:
        return _usage("batch", "stdin (-) can be given once")
    report, problem = _batch_report(args)
    if problem:
        return _usage("batch", problem)
    max_bytes = record_limit(options.max_input_chars, args.max_record_bytes)
    try:
        sources = expand_inputs(args.inputs)
    except InputError as exc:
        return _usage("batch", str(exc))
    problem = _output_problem(args, sources)
    if problem:
        return _usage("batch", problem)
    if args.learn and not args.profiles:
        return _usage("batch", "--learn needs --profiles PATH (the DB to learn into and clean with)")
    if args.profiles and not args.learn:
        problem = check_profiles(args.profiles)
        if problem:
            return _usage("batch", problem)
    if args.learn:
        with spooled_stdin(sources) as ready:  # two passes: stdin is read once, into a file
            status = learn_first(ready, args, max_bytes)
            if status is not None:
                return status
            return _clean_sources(ready, args, options, workers, max_bytes, report)
    return _clean_sources(sources, args, options, workers, max_bytes, report)


def _output_problem(args: argparse.Namespace, sources: list) -> str | None:
    """Checked before anything is read or written: an input is never overwritten, nor an
    earlier run's output without --resume or --overwrite."""
    from cleaner.batch.writers import output_layout, output_problem

    if args.resume and args.overwrite:
        return "--resume and --overwrite exclude each other"
    layout = output_layout(args.output, args.engine)
    return output_problem(args.output, [s.path for s in sources], layout, resume=args.resume, overwrite=args.overwrite)


def learn_first(sources: list, args: argparse.Namespace, max_bytes: int) -> int | None:
    """`batch --learn`, pass one: learn the inputs into --profiles; an exit status if it failed."""
    from cleaner.profiles.store import ProfileError, SQLiteStore

    try:
        store = SQLiteStore(args.profiles)
    except ProfileError as exc:
        return _usage("batch", str(exc))
    try:
        summary = learn_sources(sources, store, args, max_bytes)
    except ProfileError as exc:
        print(f"cleaner batch: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.close()
    if summary is None:
        return EXIT_FAILED
    print("learned: " + summary.render(), file=sys.stderr)
    if summary.interrupted:
        print("cleaner batch: interrupted while learning; rerun to continue", file=sys.stderr)
        return 130
    return None


def _clean_sources(sources: list, args: argparse.Namespace, options: Options, workers: int, max_bytes: int,
                   report: Any) -> int:
    from cleaner.batch.local import ProgressBar, run_local
    from cleaner.batch.readers import InputError, Progress, iter_inputs
    from cleaner.batch.records import Encoded, as_record, with_position
    from cleaner.batch.writers import OutputError, make_writer

    if args.engine == "dask":
        from cleaner.batch.dask_engine import run_dask

        try:
            summary = run_dask(
                sources, args.output, options, workers=workers, scheduler=args.scheduler,
                resume=args.resume, partition_size=args.chunk_size, max_record_bytes=max_bytes,
                report=report,
            )
        except (InputError, OutputError) as exc:
            return _usage("batch", str(exc))
        except KeyboardInterrupt:
            _finish_report(report, None, complete=False)
            print("cleaner batch: interrupted; finished parts are kept, rerun with --resume", file=sys.stderr)
            return 130
        except Exception as exc:  # noqa: BLE001 - e.g. distributed.KilledWorker, a lost scheduler
            _finish_report(report, None, complete=False)
            print(f"cleaner batch: dask job failed: {type(exc).__name__}: {exc}; "
                  "finished parts are kept, rerun with --resume", file=sys.stderr)
            return EXIT_FAILED
        _finish_report(report, summary, complete=True)
        print(summary.render(), file=sys.stderr)
        return EXIT_FAILED if summary.failed else EXIT_OK

    try:
        writer = make_writer(args.output, args.resume)
    except (OutputError, OSError) as exc:
        return _usage("batch", str(exc))
    progress = Progress()
    skipped = 0
    if report is not None:
        from cleaner.explain.batch import SummaryLog

        log = SummaryLog(report.folder)

    def write(records: list[Encoded]) -> None:
        if report is not None:
            log.write(records)  # flushed first: an output line always has its summary
        writer.write_records(records)
        writer.flush()

    def pending():
        nonlocal skipped
        for position, item in enumerate(iter_inputs(sources, max_bytes, progress, raw=True)):
            if args.resume and writer.may_skip():
                item = as_record(item)  # its id decides; the worker gets it parsed
                if writer.should_skip(item.get("id")):
                    skipped += 1
                    continue
            yield item if report is None else with_position(item, position)

    enabled = {"auto": None, "always": True, "never": False}[args.progress]
    bar = ProgressBar(progress, sys.stderr, enabled)
    try:
        summary = run_local(
            pending(), options, write, workers=workers, layout=writer.layout, ordered=args.ordered,
            **({"chunk_size": args.chunk_size} if args.chunk_size else {}), bar=bar, report=report,
        )
    except KeyboardInterrupt:
        summary = None
    except BaseException:
        writer.close(complete=False)
        raise
    finally:
        if report is not None:
            log.close()
    if summary is None or summary.interrupted:
        writer.close(complete=False)
        _finish_report(report, summary, complete=False)
        if summary is not None:
            print(summary.render(), file=sys.stderr)
        print("cleaner batch: interrupted; rerun with --resume to continue", file=sys.stderr)
        return 130
    writer.close(complete=True)
    summary.errors += writer.unwritable
    summary.skipped = skipped
    summary.prior_errors = writer.prior_errors if args.resume else 0
    _finish_report(report, summary, complete=True)
    print(summary.render(), file=sys.stderr)
    return EXIT_FAILED if summary.failed else EXIT_OK


def _batch_report(args: argparse.Namespace) -> tuple[Any, str | None]:
    """The --report settings, or a usage problem; DIR is prepared here (cleared unless --resume)."""
    if args.report is None:
        return None, "--report-limit needs --report" if args.report_limit is not None else None
    if args.no_explain:
        return None, "--report needs the removed spans; drop --no-explain"
    if args.report_limit is not None and args.report_limit < 0:
        return None, "--report-limit must be 0 or more"
    from cleaner.explain.batch import BatchReport, ReportError, prepare_folder

    folder = os.path.abspath(args.report)  # dask tasks may run in another working folder
    if os.path.abspath(args.output) == folder:
        return None, "--report DIR must differ from the output"
    try:
        prepare_folder(folder, args.resume)
    except (ReportError, OSError) as exc:
        return None, str(exc)
    return BatchReport(folder, args.report_limit), None


def _finish_report(report: Any, summary: Any, complete: bool) -> None:
    """Rebuild DIR/index.html from every summary on disk (this run's and resumed ones)."""
    if report is None:
        return
    from cleaner.explain.batch import write_index

    expected = None if summary is None else summary.docs + summary.skipped
    try:
        totals = write_index(report.folder, complete=complete, expected=expected)
    except OSError as exc:
        print(f"cleaner batch: report index not written: {exc}", file=sys.stderr)
        return
    print(f"cleaner batch: report: {os.path.join(report.folder, 'index.html')} "
          f"({totals.docs} documents, {totals.pages} pages)", file=sys.stderr)
