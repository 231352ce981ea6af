"""Options as command-line flags, derived from the model: one flag per field. Also the
engine flags that `cleaner batch` and `cleaner learn` share.

`--max-lines N` sets `max_lines`: the flag is the field's name with dashes, its type,
choices, bounds and help come from the field, and booleans get `--x/--no-x`. A flag left
out leaves its field unset, so `Options.model_fields_set` holds exactly what was given.
Commands choose which fields they take (`cleaner learn` only those marked `learn`), may
fix a field (`cleaner explain` always explains) and may give a field another default
(`cleaner batch --timeout-seconds` is 60).
"""
from __future__ import annotations

import argparse
import enum
import os
import types
import typing
from typing import Any, Callable, Mapping, Sequence

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from cleaner.core.language_codes import language_code
from cleaner.errors import InvalidInput, validation_message
from cleaner.options import Options, Surface, fields_where, surface_of
from cleaner.parallel import DaskEngine, LocalEngine, require_dask

# Words that turn an optional number off from the command line (`--timeout-seconds none`);
# 0 too, since such a number (a time budget) is never 0.
NONE_WORDS = ("none", "0")
ENV_PREFIX = "CLEANER_"
# Where a parser notes the fields it took flags for (a positional may share a field's name).
FIELDS_KEY = "_option_fields"


def flag_name(field: str) -> str:
    return "--" + field.replace("_", "-")


def env_name(field: str) -> str:
    """The environment variable of an operator's field (the service settings' name too)."""
    return ENV_PREFIX + field.upper()


def add_option_flags(
    parser: argparse.ArgumentParser,
    *,
    model: type[BaseModel] = Options,
    only: Callable[[Surface], bool] = lambda surface: True,
    fixed: Sequence[str] = (),
    defaults: Mapping[str, Any] | None = None,
    aliases: Mapping[str, Sequence[str]] | None = None,
    title: str = "cleaning options",
) -> None:
    """A flag for each field of `model` that `only` admits and that is not `fixed`.

    `defaults` overrides a field's default for this command; `aliases` adds older
    spellings (`--timeout` for `--timeout-seconds`).
    """
    group = parser.add_argument_group(title)
    defaults, aliases = defaults or {}, aliases or {}
    taken = [name for name in fields_where(only, model) if name not in fixed]
    parser.set_defaults(**{FIELDS_KEY: tuple(taken)})
    for name in taken:
        info = model.model_fields[name]
        default = defaults.get(name, _env_default(name, info))
        spellings = [flag_name(name), *aliases.get(name, ())]
        group.add_argument(*spellings, dest=name, default=default, help=_help(info, default),
                           **_kind(name, info))


def options_from_flags(
    args: argparse.Namespace, *, model: type[BaseModel] = Options, fixed: Mapping[str, Any] | None = None
) -> Any:
    """The model from the flags given (and `fixed` values); raises ValidationError."""
    return model(**given_flags(args), **(fixed or {}))


def given_flags(args: argparse.Namespace) -> dict[str, Any]:
    """The option fields whose flags were given (or have a command default), by field name."""
    taken = getattr(args, FIELDS_KEY, ())
    chosen = {name: getattr(args, name) for name in taken if getattr(args, name, None) is not None}
    return {name: None if value is OFF else value for name, value in chosen.items()}


def flag_problem(exc: ValidationError) -> str:
    """What the model refused, worded with the flags the user typed."""
    return validation_message(exc.errors(), name=lambda loc: flag_name(str(loc[0])) if loc else "")


class _Off:
    """An optional number turned off on the command line: the field is set, to None
    (unlike a flag left out, which leaves the field unset)."""

    def __repr__(self) -> str:
        return "none"


OFF = _Off()


def _kind(name: str, info: FieldInfo) -> dict[str, Any]:
    """argparse's type, choices, action and metavar for the field."""
    surface = surface_of(info)
    base = _plain_type(info.annotation)
    if base is bool:
        return {"action": argparse.BooleanOptionalAction}
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return {"choices": [member.value for member in base]}
    convert = base if base in (int, float) else str
    if _optional(info.annotation) and base in (int, float):
        convert = _or_none(base)
    metavar = surface.metavar or {int: "N", float: "X"}.get(base, name.upper())
    return {"type": convert, "metavar": metavar}


def _plain_type(annotation: Any) -> Any:
    """int for `int | None`; str for `tuple[str, ...]` (given comma-separated)."""
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return _plain_type(args[0])
    if typing.get_origin(annotation) is tuple:
        return str
    return annotation


def _optional(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation)


def _or_none(convert: type) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        return OFF if text.strip().lower() in NONE_WORDS else convert(text)

    parse.__name__ = convert.__name__  # argparse names the type in its error message
    return parse


def _help(info: FieldInfo, default: Any) -> str:
    shown = info.default if default is None else default
    if isinstance(shown, enum.Enum):
        shown = shown.value
    if shown in (None, (), OFF):
        shown = "none"
    return f"{info.description or ''} (default: {shown})".replace("%", "%%")


def _env_default(name: str, info: FieldInfo) -> Any:
    """An operator's field defaults to its CLEANER_<NAME> on the command line too."""
    return os.environ.get(env_name(name)) or None if surface_of(info).operator else None


# ---- the engine flags `cleaner batch` and `cleaner learn` share ---------------------------


def language_arg(value: str) -> str | None:
    """--language: an unsupported code is a usage error naming the supported ones."""
    try:
        return language_code(value)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_engine_flags(parser: argparse.ArgumentParser) -> None:
    """--engine, --workers, --scheduler, --chunk-size, --max-record-bytes, --progress."""
    group = parser.add_argument_group("engine")
    group.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local: a process pool on this machine; dask: a Dask cluster (the [dask] extra)")
    group.add_argument("--workers", type=int, default=None,
                       help="worker processes, local or in the LocalCluster (default: all usable cores)")
    group.add_argument("--scheduler", default=None, metavar="ADDR",
                       help="with --engine dask: the scheduler of a running cluster (default: a LocalCluster)")
    group.add_argument("--chunk-size", type=int, default=None, metavar="N",
                       help="records per chunk (local, default 64) or per Dask partition (default 2000)")
    group.add_argument("--max-record-bytes", type=int, default=None, metavar="N",
                       help="largest decompressed JSONL line or document file accepted (default: what "
                       "--max-input-chars can need, 6 bytes a character plus 1 MiB: 31 MiB)")
    group.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                       help="progress line on stderr (auto: only on a TTY)")


def engine_from_flags(args: argparse.Namespace, *, ordered: bool = False) -> LocalEngine | DaskEngine:
    """The engine the flags describe; ValueError for a setting out of range, DaskMissing
    for the dask engine without dask installed."""
    if args.scheduler and args.engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    workers = {"workers": args.workers} if args.workers is not None else {}
    if args.engine == "dask":
        require_dask()  # DaskMissing (an ImportError) names the extra to install
        return DaskEngine(**workers, scheduler=args.scheduler, partition_size=args.chunk_size)
    chunk = {"chunk_size": args.chunk_size} if args.chunk_size is not None else {}
    return LocalEngine(**workers, **chunk, ordered=ordered)
