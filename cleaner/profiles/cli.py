"""`cleaner learn` (build or update site profiles) and `cleaner profiles list|show|forget`.

Exit status: 0 done, 1 some record could not be learned, 2 usage error (bad arguments,
an unreadable profile DB).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from pydantic import ValidationError

from cleaner.batch.readers import Source, expand_inputs, record_limit, stdin_spooled
from cleaner.core.features import measure
from cleaner.core.rules.site import is_sentence_like
from cleaner.core.segment import segment
from cleaner.core.siteprofile import min_count
from cleaner.core.sites import explicit_site, site_of
from cleaner.flags import add_engine_flags, add_option_flags, engine_from_flags, env_name, flag_problem, options_from_flags
from cleaner.options import DEFAULT_MAX_INPUT_CHARS, Options
from cleaner.parallel import DaskMissing
from cleaner.profiles.learn import COMMIT_DOCUMENTS, LearnSummary, learn
from cleaner.profiles.store import ProfileError, ProfileStore, SQLiteStore
from cleaner.progress import CHOICES, ProgressBar

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PROFILES_ENV = env_name("profiles")


def _usage(cmd: str, message: str) -> int:
    print(f"cleaner {cmd}: {message}", file=sys.stderr)
    return EXIT_USAGE


def add_profiles_arg(p: argparse.ArgumentParser, help_text: str) -> None:
    default = os.environ.get(PROFILES_ENV) or None
    p.add_argument("--profiles", default=default, metavar="PATH",
                   help=f"{help_text} (default: ${PROFILES_ENV}{', now ' + default if default else ''})")


def register(subparsers: Any) -> None:
    learn = subparsers.add_parser(
        "learn",
        help="learn site profiles (each site's recurring lines) from a corpus into a profile DB",
        description="Count, per site, how many documents hold each line, into the SQLite profile DB "
        "at --profiles (created if missing, updated otherwise; a document learned before is not "
        "counted again). INPUT is read as by `cleaner batch`: JSONL ({id, text|html, url?, site?}), "
        "folders or globs of .txt/.html files, or - for JSONL on stdin. The site is the record's "
        "site field, else its url's registered domain, else --site.",
    )
    learn.add_argument("inputs", nargs="+", metavar="INPUT")
    add_profiles_arg(learn, "the profile DB to create or update")
    add_option_flags(learn, only=lambda surface: surface.learn, title="learning options")
    add_engine_flags(learn)
    learn.add_argument("--commit-documents", type=int, default=None, metavar="N",
                       help="local engine: documents per transaction (default 2000; fewer: less memory, "
                       "more frequent commits)")
    learn.set_defaults(handler=run_learn)

    prof = subparsers.add_parser("profiles", help="inspect a site-profile DB: list, show SITE, forget SITE")
    sub = prof.add_subparsers(dest="profiles_command", metavar="ACTION")
    lst = sub.add_parser("list", help="every site with its learned documents and recurring lines")
    add_profiles_arg(lst, "the profile DB")
    lst.add_argument("--format", choices=("text", "json"), default="text")
    lst.set_defaults(handler=run_list)

    show = sub.add_parser("show", help="a site's recurring lines with their document frequencies")
    show.add_argument("site", metavar="SITE", help="a site key (example.com) or any URL of the site")
    add_profiles_arg(show, "the profile DB")
    show.add_argument("--limit", type=int, default=50, help="lines to list (default 50; 0 = all)")
    show.add_argument("--min-documents", type=int, default=2, help="list lines held by at least this many documents")
    add_option_flags(show, only=lambda surface: surface.site_threshold, title="SITE001 thresholds")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(handler=run_show)

    forget = sub.add_parser("forget", help="delete a site's profile")
    forget.add_argument("site", metavar="SITE", help="a site key (example.com) or any URL of the site")
    add_profiles_arg(forget, "the profile DB")
    forget.set_defaults(handler=run_forget)
    prof.set_defaults(handler=lambda args: (prof.print_help(), EXIT_USAGE)[1])


# ---- learn ---------------------------------------------------------------------------


def run_learn(args: argparse.Namespace) -> int:
    try:
        problem = check_learn_args(args)
        sources = expand_inputs(args.inputs)
    except (DaskMissing, ValueError) as exc:  # BatchError is a ValueError
        problem = str(exc)
    if problem:
        return _usage("learn", problem)
    try:
        store = SQLiteStore(args.profiles)
    except ProfileError as exc:
        return _usage("learn", str(exc))
    try:
        with stdin_spooled(sources) as ready:
            summary = learn_with_flags(ready, store, args, "learn")
    except KeyboardInterrupt:
        print("cleaner learn: interrupted; what was committed stays, run it again to finish", file=sys.stderr)
        return 130
    except ProfileError as exc:
        print(f"cleaner learn: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.close()
    if summary is None:
        return EXIT_FAILED
    print(summary.render(), file=sys.stderr)
    if summary.interrupted:
        print("cleaner learn: interrupted; what was committed stays, run it again to finish", file=sys.stderr)
        return 130
    return EXIT_FAILED if summary.errors else EXIT_OK


def check_learn_args(args: argparse.Namespace) -> str | None:
    """A usage problem with the learning flags, or None (ValueError for the engine's)."""
    if not args.profiles:
        return f"--profiles PATH is required (or set {PROFILES_ENV})"
    if args.commit_documents is not None and args.commit_documents < 1:
        return "--commit-documents must be at least 1"
    engine_from_flags(args)
    try:
        args.site = options_from_flags(args).site
    except ValidationError as exc:
        return flag_problem(exc)
    return None


def learn_with_flags(sources: list[Source], store: ProfileStore, args: argparse.Namespace, cmd: str) -> LearnSummary | None:
    """Learn `sources` into `store` on the engine the flags chose (stdin already spooled);
    the summary, or None after reporting a failed Dask job."""
    bar = ProgressBar(sys.stderr, CHOICES[args.progress])
    try:
        return learn(sources, store, engine_from_flags(args), default_site=args.site,
                     max_record_bytes=record_limit(DEFAULT_MAX_INPUT_CHARS, args.max_record_bytes),
                     commit_documents=getattr(args, "commit_documents", None) or COMMIT_DOCUMENTS,
                     on_progress=bar.show)
    except (KeyboardInterrupt, ProfileError):
        raise
    except Exception as exc:
        if args.engine != "dask":
            raise
        # e.g. distributed.KilledWorker, a lost scheduler
        print(f"cleaner {cmd}: dask job failed: {type(exc).__name__}: {exc}; the partitions "
              "committed so far stay, run it again to finish", file=sys.stderr)
        return None
    finally:
        bar.close()


# ---- list / show / forget ------------------------------------------------------------


def _open(cmd: str, path: str | None, readonly: bool = True):
    if not path:
        raise _UsageError(f"--profiles PATH is required (or set {PROFILES_ENV})")
    if not os.path.isfile(path):
        raise _UsageError(f"{path}: no such profile DB (build one with `cleaner learn`)")
    try:
        return SQLiteStore(path, readonly=readonly)
    except ProfileError as exc:
        raise _UsageError(str(exc)) from None


class _UsageError(Exception):
    pass


def _site_arg(text: str) -> str:
    if "/" in text:
        site = site_of(url=text)
        if site is None:
            raise _UsageError(f"{text!r}: no site in this URL")
        return site
    try:
        return explicit_site(text)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None


def run_list(args: argparse.Namespace) -> int:
    try:
        store = _open("profiles list", args.profiles)
    except _UsageError as exc:
        return _usage("profiles list", str(exc))
    try:
        sites = store.sites()
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps([{"site": s.site, "documents": s.documents, "recurring_lines": s.lines} for s in sites],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{'documents':>9}  {'lines':>6}  site")
    for s in sites:
        print(f"{s.documents:>9}  {s.lines:>6}  {s.site}")
    print(f"{len(sites)} sites", file=sys.stderr)
    return EXIT_OK


def verdict_of(sample: str | None, count: int, documents: int, thresholds: Options) -> str:
    """What SITE001 does with this line under the thresholds given: removed, or kept and why."""
    if documents < thresholds.site_min_documents:
        return "kept: too few pages"
    blocks = segment(sample or "")
    long = bool(blocks) and is_sentence_like(measure(blocks[0], frozenset()))
    share = thresholds.site_long_share if long else thresholds.site_share
    kind = "sentence" if long else "line"
    return f"removed ({kind})" if count >= min_count(share, documents) else f"kept ({kind} under {share:g})"


def run_show(args: argparse.Namespace) -> int:
    try:
        thresholds = options_from_flags(args)
    except ValidationError as exc:
        return _usage("profiles show", flag_problem(exc))
    try:
        site = _site_arg(args.site)
        store = _open("profiles show", args.profiles)
    except _UsageError as exc:
        return _usage("profiles show", str(exc))
    if args.limit < 0 or args.min_documents < 1:
        return _usage("profiles show", "--limit must be >= 0 and --min-documents >= 1")
    try:
        documents, rows = store.lines(site, args.min_documents, args.limit or None)
    finally:
        store.close()
    if not documents:
        print(f"cleaner profiles show: no profile for {site}", file=sys.stderr)
        return EXIT_FAILED
    entries = [{
        "documents": r.documents,
        "share": round(r.documents / documents, 4),
        "line": r.sample,
        "site001": verdict_of(r.sample, r.documents, documents, thresholds),
    } for r in rows]
    if args.format == "json":
        print(json.dumps({"site": site, "documents": documents, "lines": entries}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{site}: {documents} documents learned")
    print(f"{'docs':>6} {'share':>6}  {'SITE001':<26} line")
    for e in entries:
        line = e["line"] if e["line"] is not None else "(text not kept)"
        print(f"{e['documents']:>6} {e['share']:>6.0%}  {e['site001']:<26} {line}")
    return EXIT_OK


def run_forget(args: argparse.Namespace) -> int:
    try:
        site = _site_arg(args.site)
        store = _open("profiles forget", args.profiles, readonly=False)
    except _UsageError as exc:
        return _usage("profiles forget", str(exc))
    try:
        found = store.forget(site)
    finally:
        store.close()
    if not found:
        print(f"cleaner profiles forget: no profile for {site}", file=sys.stderr)
        return EXIT_FAILED
    print(f"forgot {site}", file=sys.stderr)
    return EXIT_OK
