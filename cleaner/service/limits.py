"""Bounds on what one request may cost: body size (checked while reading) and time."""
from __future__ import annotations

from fastapi import Request

from cleaner.options import Options, fields_where
from cleaner.service.errors import ServiceError
from cleaner.service.settings import ServiceSettings
from cleaner.errors import DocumentTimeout
from cleaner.service.pool import CleanPool, Reply, WorkerCrashed


def _too_large(limit: int) -> ServiceError:
    return ServiceError(413, "body_too_large", f"request body is over the {limit}-byte limit")


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes.

    A declared Content-Length over the limit is refused before reading anything; a
    chunked or lying body is refused at the first chunk past the limit, so an oversized
    upload is never held in memory in full.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


# The limits: Options fields whose CLEANER_<NAME> setting caps what a request may ask for.
LIMITS = tuple(fields_where(lambda surface: surface.cap))


def server_options(options: Options, settings: ServiceSettings) -> Options:
    """The client's options under the server's limits (CLEANER_MAX_INPUT_CHARS, ...).

    A limit the client left out is the server's; one it set counts only when lower. The
    time budget is the service's own (CLEANER_DOC_TIMEOUT_SECONDS, enforced by killing
    the cleaning process), so a client's `timeout_seconds` is dropped: a document stopped
    by it would leave a thread running inside a cleaning process.
    """
    given = options.model_fields_set
    update: dict[str, object] = {}
    for name in LIMITS:
        cap = getattr(settings, name)
        update[name] = min(getattr(options, name), cap) if name in given else cap
    update["timeout_seconds"] = None
    return options.model_copy(update=update)


async def clean_within_budget(pool: CleanPool, job: dict, budget: float) -> Reply:
    """Run one document on the pool; over budget is a 504 and its process is replaced.

    A 500 worker_crashed means the document took down a fresh process too (the pool tries
    it twice), which points at the document, not at bad luck.
    """
    try:
        return await pool.run(job, budget)
    except DocumentTimeout as exc:
        return ("err", 504, exc.code, str(exc))
    except WorkerCrashed as exc:
        return ("err", 500, "worker_crashed",
                f"the cleaning process died under this document on each of its tries ({exc})")
