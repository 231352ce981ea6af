"""A real cleaning service on 127.0.0.1 for the HTTP fuzz and bad-input tests."""
from __future__ import annotations

from typing import Iterator

import httpx
import pytest

from tests.service.conftest import Server

# The defaults (what the bad-input table of docs/reliability.md describes), except a time budget generous
# enough for a loaded CI machine; it still bounds a runaway document.
SERVICE_ENV = {"CLEANER_DOC_TIMEOUT_SECONDS": "60"}


@pytest.fixture(scope="session")
def service_server() -> Iterator[Server]:
    server = Server("reliability", SERVICE_ENV)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def service(service_server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service_server.url, timeout=120) as client:
        yield client
