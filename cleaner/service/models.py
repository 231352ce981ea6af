"""Request and response shapes, for validation and for the OpenAPI document."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cleaner.core.language_codes import supported_languages
from cleaner.options import Options
from cleaner.result import CleanResult

LANGUAGE_DOC = (f"ISO 639-1 code, optionally with a region (en-GB); detected if absent. Any other "
                f"code is refused with 422. Supported: {', '.join(supported_languages())}.")


class CleanRequest(BaseModel):
    """One document: exactly one of `text` or `html`."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="Plain text as a scraper produced it.")
    html: str | None = Field(default=None, description="Raw HTML of the page.")
    url: str | None = Field(default=None, description="Where the document came from.")
    site: str | None = Field(
        default=None, description="Site-profile key (e.g. example.com); default: the url's registered domain."
    )
    language: str | None = Field(default=None, description=LANGUAGE_DOC)
    options: Options | None = Field(default=None, description="Cleaning options.")


class BatchRequest(BaseModel):
    """Documents are checked one by one, so a bad item fails only itself."""

    model_config = ConfigDict(extra="forbid")

    documents: list[Any] = Field(description="Each a CleanRequest object.")
    options: dict[str, Any] | None = Field(
        default=None, description="Options for every document; an item's own options override."
    )


class ItemError(BaseModel):
    code: str
    message: str
    status: int = Field(description="The HTTP status this error would have on /v1/clean.")


class BatchItem(BaseModel):
    ok: bool
    result: CleanResult | None = None
    error: ItemError | None = None


class BatchResponse(BaseModel):
    results: list[BatchItem] = Field(description="One entry per document, in order.")


class Health(BaseModel):
    status: Literal["ok", "starting"]


class RuleInfo(BaseModel):
    code: str
    name: str
    family: str
    kind: str
    summary: str
    explanation: str | None = None
    languages: list[str]
    sites: int | None = Field(
        default=None, description="SITE001 only: sites in the loaded profile DB (0 when none is configured)."
    )
