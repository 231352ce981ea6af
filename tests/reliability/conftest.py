"""A real cleaning service on 127.0.0.1 for the HTTP fuzz and bad-input tests."""
from __future__ import annotations

from typing import Iterator

import httpx
import pytest

from tests.service.conftest import Server

# Small limits so hostile bodies reach every branch fast; the time budget is generous
# enough for a loaded CI machine but bounds a runaway document.
SERVICE_ENV = {
    "CLEANER_MAX_BODY_BYTES": str(60 * 1024 * 1024),
    "CLEANER_DOC_TIMEOUT_SECONDS": "60",
    "CLEANER_MAX_BATCH_DOCUMENTS": "20",
}


@pytest.fixture(scope="session")
def service() -> Iterator[httpx.Client]:
    server = Server("reliability", SERVICE_ENV)
    try:
        server.wait_ready()
        with httpx.Client(base_url=server.url, timeout=120) as client:
            yield client
    finally:
        server.stop()
