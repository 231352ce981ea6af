"""`cleaner clean` (one document) and `cleaner batch` (a corpus): thin shells over
`cleaner.clean` and `cleaner.batch.run`.

Exit status: 0 everything cleaned, 1 some record (or the document) failed, 2 usage error,
130 interrupted.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from pydantic import ValidationError

from cleaner.api import clean
from cleaner.batch.codec import BatchError
from cleaner.batch.pages import ExplainPages
from cleaner.batch.readers import expand_inputs, looks_like_html, read_document, stdin_spooled
from cleaner.batch.records import render_document
from cleaner.batch.report import RunProgress, RunReport
from cleaner.batch.run import check_output, run
from cleaner.errors import CleanerError
from cleaner.flags import add_engine_flags, add_option_flags, language_arg, engine_from_flags, flag_problem, options_from_flags
from cleaner.options import Options, OutputFormat
from cleaner.parallel import DaskMissing
from cleaner.profiles.cli import learn_with_flags
from cleaner.profiles.store import ProfileError, SQLiteStore, check_profiles
from cleaner.progress import CHOICES, ProgressBar

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool its reader left
# Per-document time budget of `cleaner batch`: far above any real page (a 5 MB text
# cleans in seconds), so only a pathological record ever reaches it.
DEFAULT_TIMEOUT = 60.0


class _Usage(Exception):
    """A usage problem found while reading the flags (exit status 2)."""


def _say(cmd: str, message: str) -> None:
    print(f"cleaner {cmd}: {message}", file=sys.stderr)


def _usage(cmd: str, message: str) -> int:
    _say(cmd, message)
    return EXIT_USAGE


def register(subparsers: Any) -> None:
    c = subparsers.add_parser("clean", help="clean one document (text or HTML) and print the result")
    c.add_argument("file", metavar="FILE|-", help="a text or HTML file (.gz/.xz/.zst ok), or - for stdin")
    c.add_argument("--json", action="store_true",
                   help="print the whole result as JSON (title, text in --format, metadata, removed spans; "
                   "--format json prints it too, with the blocks)")
    c.add_argument("--html", action="store_true", help="force HTML mode (default: detect by content)")
    c.add_argument("--url", default=None, help="the page URL, passed to clean()")
    c.add_argument("--language", type=language_arg, default=None, help="ISO 639-1 code; default: detect")
    add_option_flags(c)
    c.set_defaults(handler=run_clean)

    b = subparsers.add_parser(
        "batch",
        help="clean a corpus: JSONL, folders or globs of .txt/.html, or - (stdin)",
        description="Clean a corpus. INPUT is JSONL ({id, text|html, url?, language?}), a folder "
        "or glob of .txt/.html files (id = relative path), or - for JSONL on stdin; .gz/.xz/.zst "
        "are read transparently. OUTPUT named *.jsonl is JSONL, anything else a folder of .txt "
        "files (.md, .html or .json with --format markdown, html or json; engine dask: a folder of part "
        "files plus manifest.json).",
    )
    b.add_argument("inputs", nargs="+", metavar="INPUT")
    b.add_argument("-o", "--output", required=True, metavar="OUTPUT",
                   help="NAME.jsonl: one JSONL file; -: JSONL on standard output; else a folder of .txt files")
    b.add_argument("--summary", default=None, metavar="FILE",
                   help="also write the run's summary (documents, errors, time, removals by family and rule) "
                   "as JSON to FILE")
    b.add_argument("--ordered", action="store_true", help="write results in input order")
    b.add_argument("--resume", action="store_true", help="continue an interrupted run, skipping ids already written")
    b.add_argument("--overwrite", action="store_true",
                   help="replace an existing OUTPUT (without it, or --resume, an existing OUTPUT is refused)")
    b.add_argument("--report", default=None, metavar="DIR",
                   help="also write an explain page per document and DIR/index.html with per-rule totals")
    b.add_argument("--report-limit", type=int, default=None, metavar="N",
                   help="with --report: pages for the first N records only (every record gets an index row)")
    b.add_argument("--learn", action="store_true",
                   help="first learn site profiles from the inputs into --profiles, then clean with them")
    add_engine_flags(b)
    add_option_flags(b, defaults={"timeout_seconds": DEFAULT_TIMEOUT}, aliases={"timeout_seconds": ["--timeout"]})
    b.set_defaults(handler=run_batch)


# ---- clean ---------------------------------------------------------------------------------


def run_clean(args: argparse.Namespace) -> int:
    try:
        options = options_from_flags(args)
    except ValidationError as exc:
        return _usage("clean", flag_problem(exc))
    if options.profiles and (problem := check_profiles(options.profiles)):
        return _usage("clean", problem)
    try:
        data = read_document(args.file, options.max_input_chars)
    except OSError as exc:
        return _usage("clean", f"{args.file}: {exc.strerror or exc}")
    except CleanerError as exc:  # larger than the limit
        _say("clean", str(exc))
        return EXIT_FAILED
    try:
        if args.html or looks_like_html(data):
            result = clean(html=data, url=args.url, language=args.language, options=options)
        else:
            result = clean(text=data, url=args.url, language=args.language, options=options)
    except CleanerError as exc:
        _say("clean", str(exc))
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - e.g. a mode not implemented yet
        _say("clean", f"{type(exc).__name__}: {exc}")
        return EXIT_FAILED
    if args.json or options.format is OutputFormat.JSON:
        # --format json printed the whole result before the structured formats came; it still does
        print(json.dumps(result.model_dump(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_document({"title": result.title, "text": result.text}, options.format.value))
    return EXIT_OK


# ---- batch ---------------------------------------------------------------------------------


def run_batch(args: argparse.Namespace) -> int:
    try:
        options, engine, pages = _settings(args)
        sources = expand_inputs(args.inputs)
        # Before anything is read or written, --learn included (run() checks it again).
        check_output(sources, args.output, engine, resume=args.resume, overwrite=args.overwrite)
    except (_Usage, DaskMissing, ValueError) as exc:
        return _usage("batch", str(exc))
    if not args.learn:
        return _clean(sources, args, options, engine, pages)
    with stdin_spooled(sources) as ready:  # two passes: stdin is read once, into a file
        status = _learn_first(ready, args)
        return status if status is not None else _clean(ready, args, options, engine, pages)


def _settings(args: argparse.Namespace) -> tuple[Options, Any, ExplainPages | None]:
    """Options, engine and explain pages from the flags; _Usage or ValueError if unusable."""
    try:
        options = options_from_flags(args)
    except ValidationError as exc:
        raise _Usage(flag_problem(exc)) from None
    engine = engine_from_flags(args, ordered=args.ordered)
    if args.learn and not args.profiles:
        raise _Usage("--learn needs --profiles PATH (the DB to learn into and clean with)")
    if args.profiles and not args.learn and (problem := check_profiles(args.profiles)):
        raise _Usage(problem)
    return options, engine, _pages(args)


def _pages(args: argparse.Namespace) -> ExplainPages | None:
    if args.report is None:
        if args.report_limit is not None:
            raise _Usage("--report-limit needs --report")
        return None
    if args.explain is False:
        raise _Usage("--report needs the removed spans; drop --no-explain")
    if args.report_limit is not None and args.report_limit < 0:
        raise _Usage("--report-limit must be 0 or more")
    # An absolute path: Dask tasks may run in another working folder.
    return ExplainPages(os.path.abspath(args.report), args.report_limit)


def _learn_first(sources: list, args: argparse.Namespace) -> int | None:
    """`batch --learn`, pass one: learn the inputs into --profiles; an exit status if it failed."""
    try:
        store = SQLiteStore(args.profiles)
    except ProfileError as exc:
        return _usage("batch", str(exc))
    try:
        summary = learn_with_flags(sources, store, args, "batch")
    except ProfileError as exc:
        _say("batch", str(exc))
        return EXIT_FAILED
    finally:
        store.close()
    if summary is None:
        return EXIT_FAILED
    print("learned: " + summary.render(), file=sys.stderr)
    if summary.interrupted:
        _say("batch", "interrupted while learning; rerun to continue")
        return EXIT_INTERRUPTED
    return None


def _clean(sources: list, args: argparse.Namespace, options: Options, engine: Any, pages: ExplainPages | None) -> int:
    bar = ProgressBar(sys.stderr, CHOICES[args.progress])

    def show(progress: RunProgress) -> None:
        if progress.dashboard:
            bar.note(f"dask dashboard: {progress.dashboard}")
        bar.show(progress.documents, progress.errors, progress.total, progress.skipped)

    dask = args.engine == "dask"
    kept = "finished parts are kept" if dask else "the output so far is kept"
    try:
        report = run(sources, args.output, options, engine=engine, resume=args.resume, overwrite=args.overwrite,
                     pages=pages, max_record_bytes=args.max_record_bytes, on_progress=show)
    except BatchError as exc:
        return _usage("batch", str(exc))
    except KeyboardInterrupt:
        _say("batch", f"interrupted; {kept}, rerun with --resume to continue")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `-o - | head`: the reader has what it wanted. Quietly, as Unix tools stop, and
        # with stdout pointed at /dev/null so the interpreter's last flush cannot fail.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        if not dask:
            raise
        # e.g. distributed.KilledWorker, a lost scheduler
        _say("batch", f"dask job failed: {type(exc).__name__}: {exc}; {kept}, rerun with --resume")
        return EXIT_FAILED
    finally:
        bar.close()
    return _finish(report, args.summary)


def _finish(report: RunReport, summary: str | None) -> int:
    for note in report.notes:
        _say("batch", note)
    print(report.render(), file=sys.stderr)
    if summary is not None:
        try:
            report.write_json(summary)
        except OSError as exc:
            _say("batch", f"summary not written: {summary}: {exc.strerror or exc}")
            return EXIT_FAILED
    if report.interrupted:
        _say("batch", "interrupted; rerun with --resume to continue")
        return EXIT_INTERRUPTED
    return EXIT_FAILED if report.failed else EXIT_OK
