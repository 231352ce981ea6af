"""Optional API-key auth for /v1: `Authorization: Bearer <key>` or `X-API-Key: <key>`."""
from __future__ import annotations

import hmac

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from cleaner.service.errors import ServiceError

# auto_error=False: we decide (auth may be off) and answer in our own error format;
# declaring them still documents both schemes in the OpenAPI.
_bearer = HTTPBearer(auto_error=False)
_header = APIKeyHeader(name="X-API-Key", auto_error=False)


# Both are async on purpose: FastAPI runs a plain `def` dependency in its thread pool,
# two thread hops per request for work that never blocks.
async def presented_key(
    bearer: HTTPAuthorizationCredentials | None = Depends(_bearer),
    header: str | None = Depends(_header),
) -> str | None:
    if bearer is not None:
        return bearer.credentials
    return header


async def require_key(request: Request, key: str | None = Depends(presented_key)) -> None:
    """A no-op when no key is configured; otherwise 401 unless the key matches."""
    expected: str | None = request.app.state.settings.api_key
    if not expected:
        return
    if key is None:
        raise ServiceError(401, "unauthorized", "missing API key (Authorization: Bearer <key>)")
    # compare_digest on bytes: constant time, and safe for non-ASCII keys.
    if not hmac.compare_digest(key.encode("utf-8"), expected.encode("utf-8")):
        raise ServiceError(401, "unauthorized", "invalid API key")
