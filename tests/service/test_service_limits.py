"""cleaner/service/limits.py: the operator's CLEANER_MAX_* are the default and a cap
clients cannot raise; a body over the limit is refused before it is held whole.

read_body is driven here with an ASGI receive channel that counts what is pulled from
it, so "before buffering" is checked as the number of chunks read, not inferred from the
status code (the end-to-end 413s are in test_service_api.py).
"""
from __future__ import annotations

import asyncio

import pytest
from starlette.requests import Request

from cleaner.options import Options
from cleaner.service.errors import ServiceError
from cleaner.service.limits import read_body, server_options
from cleaner.service.settings import ServiceSettings


def test_limits_a_client_left_out_are_the_servers():
    settings = ServiceSettings(max_input_chars=20_000_000, max_lines=1000, max_html_depth=100, max_html_nodes=500)
    opts = server_options(Options(preset="conservative"), settings)
    assert (opts.max_input_chars, opts.max_lines, opts.max_html_depth, opts.max_html_nodes) == (20_000_000, 1000, 100, 500)
    assert opts.preset.value == "conservative"


def test_a_client_may_lower_a_limit_but_not_raise_it():
    settings = ServiceSettings(max_lines=1000)
    assert server_options(Options(max_lines=10), settings).max_lines == 10
    assert server_options(Options(max_lines=10**9), settings).max_lines == 1000


def test_a_clients_time_budget_is_dropped_for_the_services_own():
    assert server_options(Options(timeout_seconds=500), ServiceSettings()).timeout_seconds is None


def test_limit_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CLEANER_MAX_LINES", "1234")
    monkeypatch.setenv("CLEANER_MAX_HTML_NODES", "99")
    settings = ServiceSettings()
    assert (settings.max_lines, settings.max_html_nodes) == (1234, 99)


LIMIT = 25_000
CHUNK = b"w" * 10_000


def _request(chunks: list[bytes], content_length: int | None = None) -> tuple[Request, list[int]]:
    """A request whose body arrives in `chunks`; the list records each chunk pulled."""
    pulled: list[int] = []
    headers = [(b"content-type", b"text/plain")]
    if content_length is not None:
        headers.append((b"content-length", str(content_length).encode()))
    scope = {"type": "http", "method": "POST", "path": "/v1/clean", "headers": headers, "query_string": b""}
    pending = list(chunks)

    async def receive() -> dict:
        if not pending:
            return {"type": "http.request", "body": b"", "more_body": False}
        chunk = pending.pop(0)
        pulled.append(len(chunk))
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    return Request(scope, receive), pulled


def _refused(request: Request) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        asyncio.run(read_body(request, LIMIT))
    assert caught.value.status == 413 and caught.value.code == "body_too_large"
    return caught.value


def test_declared_length_over_the_limit_is_refused_without_reading_the_body():
    request, pulled = _request([CHUNK] * 100, content_length=100 * len(CHUNK))
    _refused(request)
    assert pulled == []


def test_chunked_body_is_refused_at_the_first_chunk_past_the_limit():
    # No Content-Length (Transfer-Encoding: chunked): only reading tells the size.
    request, pulled = _request([CHUNK] * 100)
    _refused(request)
    assert len(pulled) == 3  # 30,000 bytes pulled of 1,000,000 sent: never held whole


def test_a_length_that_lies_low_does_not_get_past_the_limit():
    request, pulled = _request([CHUNK] * 100, content_length=10)
    _refused(request)
    assert len(pulled) == 3


def test_a_body_at_the_limit_is_read_whole():
    body = [CHUNK, CHUNK, b"w" * (LIMIT - 2 * len(CHUNK))]
    request, pulled = _request(body, content_length=LIMIT)
    assert asyncio.run(read_body(request, LIMIT)) == b"".join(body)
    assert sum(pulled) == LIMIT
