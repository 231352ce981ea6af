"""One error shape for every failure: {"error": {"code", "message"}} with a fitting status."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from cleaner.errors import validation_message


log = logging.getLogger("cleaner.service")


class ServiceError(Exception):
    """Raised anywhere in the service; the handler turns it into the JSON error body."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def body(self) -> dict:
        return {"error": {"code": self.code, "message": self.message}}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """The documented error payload, referenced from the OpenAPI responses."""

    error: ErrorDetail


def error_response(err: ServiceError, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(err.body(), status_code=err.status, headers=headers)


def install_handlers(app: FastAPI) -> None:
    """Replace FastAPI's {"detail": ...} bodies so clients see one error format."""

    @app.exception_handler(ServiceError)
    async def _service(_: Request, exc: ServiceError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(exc, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(ServiceError(422, "invalid_request", validation_message(exc.errors())))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        # A bug, not a bad request: log it in full, tell the client only that it happened.
        log.exception("unhandled error", exc_info=exc)
        return error_response(ServiceError(500, "internal_error", "unexpected server error"))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(ServiceError(exc.status_code, code, str(exc.detail)), exc.headers)
