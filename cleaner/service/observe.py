"""Request id, access log and request metrics, as one pure-ASGI middleware.

Pure ASGI rather than BaseHTTPMiddleware: it neither buffers bodies nor adds a task
per request, which matters at a few ms per document.
"""
from __future__ import annotations

import itertools
import json
import logging
import re
import time
import uuid
from typing import Any

from cleaner.service.metrics import ServiceMetrics

access_log = logging.getLogger("cleaner.access")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Made ids: a random per-process prefix and a counter. Unique without a uuid4 per
# request, whose os.urandom call gives up the GIL and, with the pool's driver threads
# busy, waited milliseconds to get it back.
_ID_PREFIX = uuid.uuid4().hex[:16]
_ID_COUNTER = itertools.count(1)


def _request_id(scope: dict) -> str:
    """Echo a sane client X-Request-ID (so traces join up), else make one."""
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            given = value.decode("latin-1")
            if _SAFE_ID.match(given):
                return given
    return f"{_ID_PREFIX}{next(_ID_COUNTER):016x}"


def _route(scope: dict, status: int) -> str:
    # The route template, not the raw path, so metric labels stay bounded. Only the
    # fixed docs routes (/openapi.json, /docs) and the docs' few asset files under
    # /static-offline-docs (any other name there is a 404) answer without setting a route.
    route = getattr(scope.get("route"), "path", None)
    if route:
        return route
    return "unmatched" if status in (404, 405) else scope["path"]


class ObserveMiddleware:
    def __init__(self, app: Any, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _request_id(scope)
        started = time.perf_counter()
        status = 500  # what the client gets if the app dies before answering

        async def send_with_id(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self._record(scope, rid, status, time.perf_counter() - started)

    def _record(self, scope: dict, rid: str, status: int, seconds: float) -> None:
        route = _route(scope, status)
        self.metrics.observe_request(scope["method"], route, status, seconds)
        if access_log.isEnabledFor(logging.INFO):
            client = scope.get("client") or ("", 0)
            access_log.info(json.dumps({
                "event": "request", "request_id": rid, "method": scope["method"],
                "path": scope["path"], "route": route, "status": status,
                "ms": round(seconds * 1000, 2), "client": client[0],
            }))
