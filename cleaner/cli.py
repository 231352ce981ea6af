"""The `cleaner` command: a thin shell over the library; each shell module adds its commands.

Subcommands come from modules that expose `register(subparsers)`; `cleaner rules` is here.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from cleaner import __version__
from cleaner.batch import cli as batch_cli
from cleaner.core.rules import RULES, describe, resolve_selector, rule_languages
from cleaner.explain import cli as explain_cli
from cleaner.profiles import cli as profiles_cli
from cleaner.service import cli as service_cli

# Each module registers its own subcommands (serve; clean, batch; learn, profiles; explain).
COMMAND_MODULES = (service_cli, batch_cli, profiles_cli, explain_cli)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Strip boilerplate from scraped articles (text or HTML) and explain every removal.",
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    rules = sub.add_parser("rules", help="list the rule registry (code, name, summary, languages)")
    rules.add_argument("selector", nargs="?", help="a code or prefix, e.g. NEWS or CAP002")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=run_rules)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def run_rules(args: argparse.Namespace) -> int:
    try:
        prefix = resolve_selector(args.selector) if args.selector else ""
    except ValueError as exc:
        print(f"cleaner rules: {exc}", file=sys.stderr)
        return 2
    chosen = [rule for code, rule in sorted(RULES.items()) if code.startswith(prefix)]
    if args.format == "json":
        print(json.dumps([describe(rule) for rule in chosen], ensure_ascii=False, indent=2))
        return 0
    for rule in chosen:
        languages = ",".join(rule_languages(rule))
        print(f"{rule.code:<9} {rule.name:<28} [{languages}] {rule.summary}")
        if args.selector and rule.explanation:
            print(f"{'':<10}{rule.explanation}")
    return 0


# What a shell reports for a command killed by SIGPIPE (128 + 13), as `yes | head -n 1`
# does: the reader stopped early, so the output is incomplete.
EXIT_BROKEN_PIPE = 141


def main(argv: list[str] | None = None) -> int:
    try:
        try:
            return _run(argv)
        finally:
            # Output that fit in the buffer meets a closed pipe only here.
            sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_BROKEN_PIPE


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return int(args.handler(args) or 0)


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's own flush at exit cannot raise
    BrokenPipeError again on what is still buffered (the recipe of Python's `signal` docs)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
