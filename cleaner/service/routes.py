"""The endpoints. Each one parses and checks, then hands the document to the clean pool."""
from __future__ import annotations

import asyncio
import json
from typing import Any

from pathlib import Path

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse
from pydantic import ValidationError

from cleaner.core.rules import RULES, describe
from cleaner.errors import validation_message
from cleaner.jsonsafe import MAX_JSON_DEPTH, json_too_deep
from cleaner.options import Options, fields_where
from cleaner.profiles.lookup import reader_for
from cleaner.profiles.store import ProfileError
from cleaner.service.auth import require_key
from cleaner.service.errors import ErrorBody, ServiceError, log
from cleaner.service.limits import clean_within_budget, read_body, server_options
from cleaner.service.models import BatchRequest, BatchResponse, CleanRequest, Health, RuleInfo
from cleaner.result import CleanResult

JSON = "application/json"
_ERRORS = {
    status: {"model": ErrorBody, "description": text}
    for status, text in {
        400: "Neither or both of text and html.",
        401: "Missing or wrong API key (only when CLEANER_API_KEY is set).",
        413: "Body (or document) over the limit.",
        415: "Unsupported Content-Type.",
        422: "Invalid JSON, options or language, or undecodable bytes.",
        501: "HTML cleaning not available in this build.",
        504: "The document exceeded the per-document time budget.",
    }.items()
}

# Raw bodies take their options from the query string: every Options field a request
# may set, and the document's own fields of CleanRequest (url, site, language), which
# win over an option of the same name. They are read by hand and validated by Options (a
# 422 names the bad one): declared as FastAPI Query parameters they cost about half a
# millisecond of introspection per request, JSON requests included. They are documented
# in _CLEAN_BODY instead.
_RAW_DOCUMENT_PARAMS = tuple(name for name in CleanRequest.model_fields if name not in ("text", "html", "options"))
_RAW_OPTION_PARAMS = tuple(
    name for name in fields_where(lambda surface: not surface.operator) if name not in _RAW_DOCUMENT_PARAMS
)


def _query_parameters() -> list[dict[str, Any]]:
    """The OpenAPI parameters of a raw-body /v1/clean, from the models' own schemas."""
    sources = [(Options, name) for name in _RAW_OPTION_PARAMS] + [(CleanRequest, name) for name in _RAW_DOCUMENT_PARAMS]
    params = []
    for model, name in sources:
        schema = model.model_json_schema()
        field = schema["properties"][name]
        params.append({
            "name": name, "in": "query", "required": False,
            "schema": _query_schema(field, schema.get("$defs", {})),
            "description": "Raw bodies: " + (model.model_fields[name].description or name),
        })
    return params


def _query_schema(field: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """A field's JSON schema as a query string carries it: one value, lists comma-separated."""
    if "$ref" in field:
        return _query_schema(defs[field["$ref"].rsplit("/", 1)[-1]], defs)
    if "anyOf" in field:
        given = [option for option in field["anyOf"] if option.get("type") != "null"]
        return _query_schema(given[0], defs)
    if field.get("type") == "array":
        return {"type": "string"}
    return {key: value for key, value in field.items() if key not in ("title", "default", "description")}


# /v1/clean accepts three bodies; FastAPI cannot infer that, so the OpenAPI says it here.
_CLEAN_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            JSON: {"schema": {"$ref": "#/components/schemas/CleanRequest"}},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    },
    "parameters": _query_parameters(),
}
_BATCH_BODY = {
    "requestBody": {
        "required": True,
        "content": {JSON: {"schema": {"$ref": "#/components/schemas/BatchRequest"}}},
    }
}

v1 = APIRouter(prefix="/v1", dependencies=[Depends(require_key)], responses=_ERRORS)
probes = APIRouter()


# ---- parsing -------------------------------------------------------------------------


def _media_type(request: Request) -> tuple[str, str | None]:
    """('text/plain', 'utf-8') from the Content-Type header, lowercased."""
    raw = request.headers.get("content-type", "")
    kind, _, params = raw.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower() or None
    return kind.strip().lower(), charset


def _parse_json(body: bytes) -> Any:
    if json_too_deep(body):
        raise ServiceError(422, "invalid_json", f"body is JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ServiceError(422, "undecodable", f"body is not valid UTF-8 (byte {exc.start})") from None
    except ValueError as exc:
        raise ServiceError(422, "invalid_json", f"body is not valid JSON: {exc}") from None


def _decode_text(body: bytes, charset: str | None) -> str:
    try:
        return body.decode(charset or "utf-8")
    except LookupError:
        raise ServiceError(422, "undecodable", f"unknown charset {charset!r}") from None
    except UnicodeDecodeError as exc:
        raise ServiceError(422, "undecodable", f"body is not valid {charset or 'utf-8'} (byte {exc.start})") from None


def _document(data: Any, defaults: dict[str, Any] | None = None) -> dict:
    """A validated job from one JSON document; 422 for bad shape, 400 for text/html misuse."""
    if not isinstance(data, dict):
        raise ServiceError(422, "invalid_request", "a document must be a JSON object")
    if defaults:
        own = data.get("options")
        data = {**data, "options": {**defaults, **own} if isinstance(own, dict) else own or defaults}
    try:
        doc = CleanRequest.model_validate(data)
    except ValidationError as exc:
        raise ServiceError(422, "invalid_request", validation_message(exc.errors())) from None
    if (doc.text is None) == (doc.html is None):
        raise ServiceError(400, "text_or_html", "give exactly one of text or html")
    return {
        "text": doc.text,
        "html": doc.html,
        "url": doc.url,
        "site": doc.site,
        "language": doc.language,
        "options": doc.options or Options(),
    }


def _query_options(**given: Any) -> Options:
    chosen = {name: value for name, value in given.items() if value is not None}
    try:
        return Options(**chosen)
    except ValidationError as exc:
        raise ServiceError(422, "invalid_options", validation_message(exc.errors())) from None


# ---- running -------------------------------------------------------------------------


def _input_size(job: dict) -> int:
    content = job["text"] if job["text"] is not None else job["html"]
    # surrogatepass: a "\ud800" escape in the JSON body is counted, not a crash
    return len(content.encode("utf-8", "surrogatepass")) if isinstance(content, str) else len(content)


def _operator_profiles(job: dict, settings) -> dict:
    """The profile DB is the operator's (CLEANER_PROFILES): a request may not name a file."""
    options = job["options"]
    if options.profiles is not None:
        raise ServiceError(422, "invalid_options",
                           "options.profiles is set by the operator (CLEANER_PROFILES), not per request")
    if settings.profiles:
        job["options"] = options.model_copy(update={"profiles": settings.profiles})
    return job


async def _clean(request: Request, job: dict) -> tuple:
    state = request.app.state
    state.metrics.input_bytes.inc(_input_size(job))
    job["options"] = server_options(job["options"], state.settings)
    reply = await clean_within_budget(state.pool, job, state.settings.doc_timeout_seconds)
    if reply[0] == "ok":
        state.metrics.observe_document("ok", reply[2])
    else:
        state.metrics.observe_document(reply[2])
    return reply


def _reply_or_raise(reply: tuple) -> Response:
    if reply[0] == "ok":
        return Response(content=reply[1], media_type=JSON)
    _, status, code, message = reply
    raise ServiceError(status, code, message)


def _batch_item(reply: tuple) -> bytes:
    # Results arrive already serialised; splice them rather than parse and re-dump.
    if reply[0] == "ok":
        return b'{"ok":true,"result":' + reply[1] + b',"error":null}'
    _, status, code, message = reply
    error = {"code": code, "message": message, "status": status}
    return json.dumps({"ok": False, "result": None, "error": error}).encode("utf-8")


def _item_error(err: ServiceError) -> tuple:
    return ("err", err.status, err.code, err.message)


# ---- endpoints -----------------------------------------------------------------------


@v1.post(
    "/clean",
    summary="Clean one document",
    response_model=None,
    responses={200: {"model": CleanResult, "description": "The cleaned document."}},
    openapi_extra=_CLEAN_BODY,
)
async def clean_one(request: Request) -> Response:
    """JSON `{"text"|"html", "url"?, "language"?, "options"?}`, or a raw `text/plain` /
    `text/html` body with options as query parameters."""
    kind, charset = _media_type(request)
    if kind not in (JSON, "text/plain", "text/html"):
        raise ServiceError(415, "unsupported_media_type", f"Content-Type {kind or '(none)'} is not "
                           "application/json, text/plain or text/html")
    body = await read_body(request, request.app.state.settings.max_body_bytes)
    if kind == JSON:
        job = _document(_parse_json(body))
    else:
        query = request.query_params
        options = _query_options(**{name: query.get(name) for name in _RAW_OPTION_PARAMS})
        # HTML goes through as bytes: the library honours <meta charset> when decoding.
        content = _decode_text(body, charset) if kind == "text/plain" else body
        job = {"text": None, "html": None, "url": query.get("url"), "site": query.get("site"),
               "language": query.get("language"), "options": options}
        job["text" if kind == "text/plain" else "html"] = content
    job = _operator_profiles(job, request.app.state.settings)
    return _reply_or_raise(await _clean(request, job))


@v1.post(
    "/clean/batch",
    summary="Clean many documents",
    response_model=None,
    responses={200: {"model": BatchResponse, "description": "Per document, in order: result or error."}},
    openapi_extra=_BATCH_BODY,
)
async def clean_batch(request: Request) -> Response:
    """`{"documents": [...], "options"?}`; status 200 even when some items failed."""
    kind, _ = _media_type(request)
    if kind != JSON:
        raise ServiceError(415, "unsupported_media_type", "the batch body must be application/json")
    settings = request.app.state.settings
    data = _parse_json(await read_body(request, settings.max_body_bytes))
    try:
        batch = BatchRequest.model_validate(data)
    except ValidationError as exc:
        raise ServiceError(422, "invalid_request", validation_message(exc.errors())) from None
    if len(batch.documents) > settings.max_batch_documents:
        raise ServiceError(413, "too_many_documents",
                           f"{len(batch.documents)} documents; the limit is {settings.max_batch_documents}")
    replies = await asyncio.gather(*(_batch_one(request, doc, batch.options) for doc in batch.documents))
    return Response(content=b'{"results":[' + b",".join(map(_batch_item, replies)) + b"]}", media_type=JSON)


async def _batch_one(request: Request, data: Any, defaults: dict[str, Any] | None) -> tuple:
    """One item's reply; whatever goes wrong with it is its own error, never the batch's."""
    try:
        job = _operator_profiles(_document(data, defaults), request.app.state.settings)
        return await _clean(request, job)
    except ServiceError as err:
        request.app.state.metrics.observe_document(err.code)
        return _item_error(err)
    except Exception:  # noqa: BLE001 - a bug: logged in full, the other items still answered
        log.exception("unhandled error in a batch item")
        request.app.state.metrics.observe_document("internal_error")
        return ("err", 500, "internal_error", "unexpected server error")


@v1.get("/rules", summary="The rule registry", response_model=list[RuleInfo], response_model_exclude_unset=True)
def rules(request: Request) -> list[dict]:
    """Every rule; SITE001 also says how many sites the loaded profile DB holds."""
    listed = [describe(rule) for _, rule in sorted(RULES.items())]
    for entry in listed:
        if entry["code"] == "SITE001":
            entry["sites"] = _profile_sites(request.app.state.settings.profiles)
    return listed


def _profile_sites(path: str | None) -> int:
    if not path:
        return 0
    try:
        return reader_for(path).store.site_count()
    except ProfileError as exc:
        raise ServiceError(503, "profiles_unavailable", str(exc)) from None


@probes.get("/healthz", summary="Process alive", response_model=Health)
def healthz() -> dict:
    return {"status": "ok"}


@probes.get("/readyz", summary="Lexicons, language profiles and cleaning processes ready",
            response_model=Health, responses={503: {"model": Health}})
def readyz(request: Request, response: Response) -> dict:
    if request.app.state.ready and request.app.state.pool.alive:
        return {"status": "ok"}
    response.status_code = 503
    return {"status": "starting"}


@probes.get("/metrics", summary="Prometheus metrics", response_class=Response)
def metrics(request: Request) -> Response:
    m = request.app.state.metrics
    return Response(content=m.render(), media_type=m.content_type)


# ---- the explain page (static files shipped in the package; the key stays in the page) --

_STATIC = Path(__file__).resolve().parent / "static"
_STATIC_TYPES = {"explain.js": "text/javascript", "explain.css": "text/css"}


@probes.get("/", include_in_schema=False)
def explain_page() -> FileResponse:
    return FileResponse(_STATIC / "index.html", media_type="text/html")


@probes.get("/static/{name}", include_in_schema=False)
def explain_static(name: str) -> FileResponse:
    if name not in _STATIC_TYPES:  # a fixed list: nothing else under the package is served
        raise ServiceError(404, "not_found", f"no static file {name!r}")
    return FileResponse(_STATIC / name, media_type=_STATIC_TYPES[name])
