"""The HTTP microservice: a thin FastAPI shell over `cleaner.clean`.

`cleaner.service.app.create_app(settings)` builds an app; `cleaner serve` runs it under
uvicorn. This package init stays import-free so the cleaning processes (which import
`cleaner.service.pool`) do not pay for FastAPI.
"""
