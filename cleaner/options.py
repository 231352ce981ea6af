"""The one options model shared by the library, the service and the CLI.

Everything outside the library is derived from `Options`: the flags of `cleaner clean`,
`batch`, `explain`, `learn` and `serve` (cleaner/flags.py), the service's request options,
raw-body query parameters and OpenAPI, and its CLEANER_* settings for limits and for what
only the operator may set (cleaner/service/). A field's `Surface` says where it reaches
beyond the library, so adding an option is this one edit (plus its tests).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Callable

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.fields import FieldInfo

from cleaner.core.rules import resolve_selector
from cleaner.core.sites import explicit_site

# Inputs past these sizes are refused with InputTooLarge rather than cleaned slowly.
DEFAULT_MAX_INPUT_CHARS = 5_000_000
DEFAULT_MAX_LINES = 200_000
# SITE001 thresholds, chosen with bench/profiles_quality.py (docs/profiles.md).
DEFAULT_SITE_MIN_DOCUMENTS = 10
DEFAULT_SITE_SHARE = 0.5
DEFAULT_SITE_LONG_SHARE = 0.7
# HTML: tags nested deeper are flattened before parsing (lxml, under trafilatura, drops
# everything below depth 255, and HTML5 tree building is quadratic in depth); a page
# with more elements skips the extractor for the pruned page's text (see html/limits.py).
DEFAULT_MAX_HTML_DEPTH = 200
LXML_MAX_DEPTH = 250
DEFAULT_MAX_HTML_NODES = 30_000  # the largest dev-corpus page has 9,748


@dataclass(frozen=True)
class Surface:
    """Where an Options field reaches beyond `clean()`. Every field is a flag of the
    cleaning commands and an option of a service request unless said otherwise here."""

    metavar: str | None = None  # the flag's placeholder; default: N, X or the field's name
    # A limit: the service's CLEANER_<NAME> (and `cleaner serve --<name>`) sets its default
    # and a cap that a request may lower but not raise.
    cap: bool = False
    # Set by whoever runs the service (CLEANER_<NAME>, `serve --<name>`), never by a
    # request; also the CLI default from that variable.
    operator: bool = False
    learn: bool = False  # `cleaner learn` reads it too
    # A SITE001 threshold: `cleaner profiles show` takes it too, to tell which lines go.
    site_threshold: bool = False


PLAIN = Surface()


def surface_of(info: FieldInfo) -> Surface:
    """The field's Surface (declared in its annotation), or the plain one."""
    return next((m for m in info.metadata if isinstance(m, Surface)), PLAIN)


def fields_where(test: Callable[[Surface], bool], model: type[BaseModel] | None = None) -> dict[str, FieldInfo]:
    """The fields of `model` (default Options) whose Surface passes `test`, in declared order."""
    fields = (model or Options).model_fields
    return {name: info for name, info in fields.items() if test(surface_of(info))}


class Preset(str, Enum):
    """How eager the heuristics are; rules with CERTAIN strength fire in every preset."""

    CONSERVATIVE = "conservative"
    BALANCED = "balanced"
    AGGRESSIVE = "aggressive"


class OutputFormat(str, Enum):
    """How `CleanResult.text` is written (docs/formats.md)."""

    TEXT = "text"  # paragraphs separated by blank lines, as always
    MARKDOWN = "markdown"  # CommonMark with GFM tables
    HTML = "html"  # h1-h6, p, ul/ol/li, table, blockquote, pre/code, optional a and img
    JSON = "json"  # `text` stays plain; the blocks go to `CleanResult.blocks`


class Options(BaseModel):
    """What a caller may tune. Unknown fields are an error, never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    preset: Preset = Field(
        default=Preset.BALANCED,
        description="How eager the heuristics are; rules that are certain fire in every preset.",
    )
    disable: Annotated[tuple[str, ...], Surface(metavar="CODES")] = Field(
        default=(),
        description="Rule codes or code prefixes to switch off: a list, or one comma-separated string "
        "such as NAV,CAP002.",
    )
    explain: bool = Field(default=True, description="List every removed span in the result.")
    keep_title: bool = Field(
        default=False, description="Also keep the headline as the first body paragraph."
    )
    split_glued: bool = Field(
        default=True, description="Split sentences glued by the scraper ('said.Negotiations')."
    )
    format: OutputFormat = Field(
        default=OutputFormat.TEXT,
        description="Output format: text, markdown (CommonMark with GFM tables), html (a small semantic "
        "subset) or json (the blocks with type, text and offsets in `blocks`; `text` stays plain).",
    )
    links: bool = Field(
        default=False, description="markdown/html/json, HTML input: keep the article's links (their targets)."
    )
    images: bool = Field(
        default=False, description="markdown/html/json, HTML input: keep the article's images (source and alt text)."
    )
    tables: bool = Field(
        default=True,
        description="markdown/html/json: write tables as tables; off, their rows are plain paragraphs.",
    )
    max_input_chars: Annotated[int, Surface(cap=True)] = Field(
        default=DEFAULT_MAX_INPUT_CHARS, ge=1, description="Longer input is refused (InputTooLarge)."
    )
    max_lines: Annotated[int, Surface(cap=True)] = Field(default=DEFAULT_MAX_LINES, ge=1, description="More lines are refused (InputTooLarge).")
    max_html_depth: Annotated[int, Surface(cap=True)] = Field(
        default=DEFAULT_MAX_HTML_DEPTH, ge=1, le=LXML_MAX_DEPTH,
        description="HTML tags nested deeper are dropped before parsing; their text is kept.",
    )
    max_html_nodes: Annotated[int, Surface(cap=True)] = Field(
        default=DEFAULT_MAX_HTML_NODES, ge=1,
        description="A page with more elements skips main-text extraction for the pruned page's text.",
    )
    timeout_seconds: Annotated[float | None, Surface(metavar="SECONDS")] = Field(
        default=None, gt=0,
        description="Time budget per document; over it clean() raises DocumentTimeout. None: no budget. "
        "The service drops it: its own budget (CLEANER_DOC_TIMEOUT_SECONDS) holds.",
    )
    profiles: Annotated[str | None, Surface(operator=True, metavar="PATH")] = Field(
        default=None,
        description="Path of a site-profile DB built by `cleaner learn`, applied by SITE001 (read-only). "
        "The service sets it from CLEANER_PROFILES and refuses it in requests.",
    )
    site: Annotated[str | None, Surface(learn=True)] = Field(
        default=None,
        description="Site key (e.g. example.com) for documents that carry neither a site nor a url.",
    )
    site_min_documents: Annotated[int, Surface(site_threshold=True)] = Field(
        default=DEFAULT_SITE_MIN_DOCUMENTS, ge=2,
        description="SITE001 applies only to sites with at least this many learned documents.",
    )
    site_share: Annotated[float, Surface(site_threshold=True)] = Field(
        default=DEFAULT_SITE_SHARE, gt=0, le=1,
        description="SITE001: share of a site's documents a short line must occur in to go.",
    )
    site_long_share: Annotated[float, Surface(site_threshold=True)] = Field(
        default=DEFAULT_SITE_LONG_SHARE, gt=0, le=1,
        description="SITE001: the share for long, sentence-like lines (quotes may repeat).",
    )

    @field_validator("disable", mode="before")
    @classmethod
    def _split_codes(cls, value: object) -> object:
        # The CLI and query strings hand over "NAV,CAP002"; the JSON API a list.
        if isinstance(value, str):
            return tuple(code.strip() for code in value.split(",") if code.strip())
        return value

    @field_validator("site")
    @classmethod
    def _site_key(cls, value: str | None) -> str | None:
        return None if value is None else explicit_site(value)

    @field_validator("disable")
    @classmethod
    def _known_codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(resolve_selector(code) for code in value)
