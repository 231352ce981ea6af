"""`cleaner explain FILE [-o report.html] [--html]`: the explain view as one HTML file."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cleaner.api import clean
from cleaner.batch.readers import looks_like_html, read_document
from cleaner.batch.writers import same_file
from cleaner.errors import CleanerError
from cleaner.explain.render import render_report
from cleaner.flags import add_option_flags, flag_problem, language_arg, options_from_flags
from cleaner.jsonsafe import JSON_ERRORS

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "explain", help="write an HTML report: the input with every removed span highlighted by rule"
    )
    p.add_argument("file", metavar="FILE|-", help="a text or HTML file (.gz/.xz/.zst ok), or - for stdin")
    p.add_argument("-o", "--output", default=None, metavar="REPORT",
                   help="where to write the report, - for stdout (default: FILE with .explain.html, or stdout for -)")
    p.add_argument("--html", action="store_true", help="force HTML mode (default: detect by content)")
    p.add_argument("--url", default=None, help="the page URL, passed to clean()")
    p.add_argument("--language", type=language_arg, default=None, help="ISO 639-1 code; default: detect")
    add_option_flags(p, fixed=("explain",))
    p.set_defaults(handler=run_explain)


def _fail(message: str, status: int) -> int:
    print(f"cleaner explain: {message}", file=sys.stderr)
    return status


def run_explain(args: argparse.Namespace) -> int:
    try:
        options = options_from_flags(args, fixed={"explain": True})
    except ValidationError as exc:
        return _fail(flag_problem(exc), EXIT_USAGE)
    try:
        data = read_document(args.file, options.max_input_chars)
    except OSError as exc:
        return _fail(f"{args.file}: {exc.strerror or exc}", EXIT_USAGE)
    except CleanerError as exc:  # larger than the limit
        return _fail(str(exc), EXIT_FAILED)
    try:
        if args.html or looks_like_html(data):
            result = clean(html=data, url=args.url, language=args.language, options=options)
            source = result.source_text or ""
        else:
            source = data.decode("utf-8")
            result = clean(text=source, url=args.url, language=args.language, options=options)
    except UnicodeDecodeError as exc:
        return _fail(f"{args.file}: not valid UTF-8 (byte {exc.start}); use --html for pages", EXIT_FAILED)
    except CleanerError as exc:
        return _fail(str(exc), EXIT_FAILED)
    name = "stdin" if args.file == "-" else Path(args.file).name
    page = render_report(source, result, name=name, fmt=options.format.value)
    if args.output == "-" or (args.output is None and args.file == "-"):
        sys.stdout.write(page)
        return EXIT_OK
    out = Path(args.output) if args.output else Path(args.file).with_suffix(".explain.html")
    if args.file != "-" and same_file(str(out), args.file):
        return _fail(f"{out} is the input; write the report elsewhere", EXIT_USAGE)
    try:
        # --url comes from the command line, where a byte that is not UTF-8 becomes a lone surrogate
        out.write_text(page, encoding="utf-8", errors=JSON_ERRORS)
    except OSError as exc:
        return _fail(f"{out}: {exc.strerror or exc}", EXIT_FAILED)
    print(f"cleaner explain: wrote {out} ({len(result.removed)} removed spans)", file=sys.stderr)
    return EXIT_OK
