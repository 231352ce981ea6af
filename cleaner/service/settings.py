"""Service configuration, read from CLEANER_* environment variables.

The service's own knobs are declared here; the cleaning options an operator sets (the
limits, which requests may lower but not raise, and what only the operator may set, such
as the profile DB) are the Options fields marked so, taken with their type, bounds,
default and description (cleaner/options.py).
"""
from __future__ import annotations

import copy
import os
from typing import Any

from pydantic import Field, create_model
from pydantic_settings import BaseSettings, SettingsConfigDict

from cleaner.options import fields_where


def _default_processes() -> int:
    # One cleaning process per core, shared out between the uvicorn workers.
    cores = os.cpu_count() or 1
    workers = int(os.environ.get("CLEANER_WORKERS", "1") or 1)
    return max(1, cores // max(1, workers))


def operator_fields() -> dict[str, Any]:
    """The Options fields an operator sets (CLEANER_<NAME>, `cleaner serve --<name>`)."""
    return fields_where(lambda surface: surface.cap or surface.operator)


class _ServiceKnobs(BaseSettings):
    """The service's own knobs (ServiceSettings adds the operator's cleaning options)."""

    model_config = SettingsConfigDict(env_prefix="CLEANER_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    workers: int = Field(default=1, ge=1, description="uvicorn worker processes")
    processes: int = Field(
        default_factory=_default_processes,
        ge=1,
        description="cleaning processes per uvicorn worker",
    )
    max_body_bytes: int = Field(default=5 * 1024 * 1024, ge=1)
    max_batch_documents: int = Field(default=100, ge=1)
    doc_timeout_seconds: float = Field(default=10.0, gt=0)
    api_key: str | None = None
    cors_origins: list[str] = Field(default_factory=list)
    log_level: str = "info"


ServiceSettings = create_model(
    "ServiceSettings",
    __base__=_ServiceKnobs,
    __doc__="Every knob an operator may turn; each one is also `CLEANER_<NAME>`.",
    **{name: (info.annotation, copy.copy(info)) for name, info in operator_fields().items()},
)
