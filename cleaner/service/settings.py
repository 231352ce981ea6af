"""Service configuration, read from CLEANER_* environment variables."""
from __future__ import annotations

import os

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from cleaner.options import (
    DEFAULT_MAX_HTML_DEPTH,
    DEFAULT_MAX_HTML_NODES,
    DEFAULT_MAX_INPUT_CHARS,
    DEFAULT_MAX_LINES,
    LXML_MAX_DEPTH,
)


def _default_processes() -> int:
    # One cleaning process per core, shared out between the uvicorn workers.
    cores = os.cpu_count() or 1
    workers = int(os.environ.get("CLEANER_WORKERS", "1") or 1)
    return max(1, cores // max(1, workers))


class ServiceSettings(BaseSettings):
    """Every knob an operator may turn; each one is also `CLEANER_<NAME>`."""

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
    # Per-document limits: the default for every request and a cap clients cannot raise.
    max_input_chars: int = Field(default=DEFAULT_MAX_INPUT_CHARS, ge=1)
    max_lines: int = Field(default=DEFAULT_MAX_LINES, ge=1)
    max_html_depth: int = Field(default=DEFAULT_MAX_HTML_DEPTH, ge=1, le=LXML_MAX_DEPTH)
    max_html_nodes: int = Field(default=DEFAULT_MAX_HTML_NODES, ge=1)
    api_key: str | None = None
    cors_origins: list[str] = Field(default_factory=list)
    log_level: str = "info"
    profiles: str | None = Field(
        default=None, description="site-profile DB (cleaner learn), opened read-only; SITE001 then "
        "applies to requests that carry a url or site",
    )
