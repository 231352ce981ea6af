"""`cleaner serve`: run the HTTP service under uvicorn."""
from __future__ import annotations

import argparse
import logging
import os
import sys

from pydantic import ValidationError

from cleaner.errors import validation_message
from cleaner.flags import add_option_flags, env_name, given_flags
from cleaner.profiles.store import check_profiles
from cleaner.service.settings import ServiceSettings


def _env_defaults() -> dict:
    """host/port/workers from CLEANER_*; a bad variable must not break other commands."""
    fields = ServiceSettings.model_fields
    fallback = {name: fields[name].default for name in ("host", "port", "workers")}
    try:
        settings = ServiceSettings()
    except ValidationError:
        return fallback  # `cleaner serve` re-reads the env and reports the error there
    return {name: getattr(settings, name) for name in fallback}


def register(subparsers: argparse._SubParsersAction) -> None:
    # Defaults come from CLEANER_* so flags and env agree; flags win.
    env = argparse.Namespace(**_env_defaults())
    serve = subparsers.add_parser("serve", help="run the HTTP service (uvicorn); settings also from CLEANER_*")
    serve.add_argument("--host", default=env.host, help=f"bind address (CLEANER_HOST, default {env.host})")
    serve.add_argument("--port", type=int, default=env.port, help=f"port (CLEANER_PORT, default {env.port})")
    serve.add_argument("--workers", type=int, default=env.workers,
                       help=f"uvicorn worker processes (CLEANER_WORKERS, default {env.workers})")
    add_option_flags(serve, only=lambda surface: surface.cap or surface.operator,
                     title="cleaning limits and operator settings (each also CLEANER_<NAME>; flags win)")
    serve.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    given = given_flags(args)
    try:
        # Check the environment as given (before the flags overwrite any of it below).
        ServiceSettings()
        settings = ServiceSettings(host=args.host, port=args.port, workers=args.workers, **given)
    except ValidationError as exc:
        print(f"cleaner serve: {validation_message(exc.errors(), every=True, name=_variable)}", file=sys.stderr)
        return 2
    if settings.profiles:
        problem = check_profiles(settings.profiles)
        if problem:
            print(f"cleaner serve: CLEANER_PROFILES: {problem}", file=sys.stderr)
            return 2
    # Workers are separate processes that build the app from the environment, so the
    # flags are handed down that way.
    os.environ["CLEANER_HOST"] = settings.host
    os.environ["CLEANER_PORT"] = str(settings.port)
    os.environ["CLEANER_WORKERS"] = str(settings.workers)
    for name in given:
        os.environ[env_name(name)] = str(getattr(settings, name))
    logging.basicConfig(level=settings.log_level.upper(), format="%(message)s")
    from cleaner.service.serving import serve  # lazy: loads uvicorn (0.13 s), which only `serve` needs

    return serve(settings)


def _variable(loc: tuple) -> str:
    # Name the variable the operator has to fix, not the pydantic field.
    return f"{env_name('_'.join(str(p) for p in loc))} (or its flag)"
