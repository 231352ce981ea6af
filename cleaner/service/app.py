"""`create_app(settings)`: the FastAPI app, its clean pool, metrics and middleware."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi_offline import FastAPIOffline

from cleaner import __version__
from cleaner.service.errors import install_handlers
from cleaner.service.metrics import ServiceMetrics
from cleaner.service.models import BatchRequest, CleanRequest
from cleaner.service.observe import ObserveMiddleware
from cleaner.service.pool import CleanPool
from cleaner.service.routes import probes, v1
from cleaner.service.settings import ServiceSettings
from cleaner.service.work import check_profiles_setting, warm

log = logging.getLogger("cleaner.service")


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or ServiceSettings()
    # /docs and /redoc load swagger-ui and redoc from the fastapi-offline distribution,
    # served by this app (under /static-offline-docs): FastAPI's own pages fetch them
    # from a CDN, a blank page where services like this one often run, offline. No
    # validator badge: swagger-ui would send the schema's address to validator.swagger.io.
    app = FastAPIOffline(
        swagger_ui_parameters={"validatorUrl": None},
        title="cleaner",
        summary="Strip boilerplate from scraped articles and explain every removal.",
        version=_version(),
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.metrics = ServiceMetrics()
    app.state.pool = CleanPool(settings.processes)
    app.state.ready = False
    install_handlers(app)
    app.include_router(v1)
    app.include_router(probes)
    app.openapi = lambda: _openapi(app)
    if settings.cors_origins:  # CORS stays off unless an operator lists origins
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST"], allow_headers=["*"])
    app.add_middleware(ObserveMiddleware, metrics=app.state.metrics)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    warm()  # fail fast here if a lexicon is broken, before accepting traffic
    check_profiles_setting(app.state.settings)  # and if CLEANER_PROFILES is unusable
    await app.state.pool.start()
    app.state.ready = True
    log.info("cleaner service ready with %d cleaning processes", app.state.pool.size)
    try:
        yield
    finally:
        app.state.ready = False
        await app.state.pool.close()


def _openapi(app: FastAPI) -> dict:
    """FastAPI's schema plus the request models the routes parse by hand."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (CleanRequest, BatchRequest):
        model_schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(model_schema.pop("$defs", {}))
        components[model.__name__] = model_schema
    app.openapi_schema = schema
    return schema


def _version() -> str:
    return __version__


def app() -> FastAPI:
    """For `uvicorn --factory cleaner.service.app:app`: settings from CLEANER_* env."""
    return create_app(ServiceSettings())
