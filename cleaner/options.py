"""The one options model shared by the library, the service and the CLI."""
from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Inputs past these sizes are refused with InputTooLarge rather than cleaned slowly.
DEFAULT_MAX_INPUT_CHARS = 5_000_000
DEFAULT_MAX_LINES = 200_000


class Preset(str, Enum):
    """How eager the heuristics are; rules with CERTAIN strength fire in every preset."""

    CONSERVATIVE = "conservative"
    BALANCED = "balanced"
    AGGRESSIVE = "aggressive"


class Options(BaseModel):
    """What a caller may tune. Unknown fields are an error, never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    preset: Preset = Preset.BALANCED
    disable: tuple[str, ...] = Field(
        default=(),
        description="Rule codes or code prefixes to switch off, e.g. ['NAV', 'CAP002'].",
    )
    explain: bool = Field(default=True, description="List every removed span in the result.")
    keep_title: bool = Field(
        default=False, description="Also keep the headline as the first body paragraph."
    )
    split_glued: bool = Field(
        default=True, description="Split sentences glued by the scraper ('said.Negotiations')."
    )
    max_input_chars: int = Field(default=DEFAULT_MAX_INPUT_CHARS, ge=1)
    max_lines: int = Field(default=DEFAULT_MAX_LINES, ge=1)

    @field_validator("disable", mode="before")
    @classmethod
    def _split_codes(cls, value: object) -> object:
        # The CLI and query strings hand over "NAV,CAP002"; the JSON API a list.
        if isinstance(value, str):
            return tuple(code.strip() for code in value.split(",") if code.strip())
        return value

    @field_validator("disable")
    @classmethod
    def _known_codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from cleaner.rules.registry import resolve_selector

        return tuple(resolve_selector(code) for code in value)
