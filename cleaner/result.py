"""Public result models: what `clean()` returns, JSON-serialisable with `.model_dump()`."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from pydantic.dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """One span left out of the body, with the rule that removed it.

    In text mode `start`/`end` are character offsets into the input as given, so
    `input[start:end] == text`. In HTML mode they index `CleanResult.source_text` (the
    text extracted from the page); spans pruned from the HTML structure before
    extraction have `start` and `end` set to null.

    A validated dataclass rather than a model: a long page removes a span per line,
    and a list of these validates in a third of the time a list of models takes.
    """

    start: int | None
    end: int | None
    text: str
    rule: str
    reason: str

    def model_dump(self) -> dict[str, object]:
        """The span as a plain dict, as a model's model_dump() gives it."""
        return {"start": self.start, "end": self.end, "text": self.text, "rule": self.rule, "reason": self.reason}


class Metadata(BaseModel):
    author: str | None = None
    date: str | None = Field(default=None, description="Publication day, ISO 8601 (YYYY-MM-DD).")
    url: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    description: str | None = None
    image: str | None = Field(default=None, description="The lead image's address (og:image, JSON-LD image).")


class Stats(BaseModel):
    chars_in: int = 0
    chars_out: int = 0
    blocks_in: int = 0
    blocks_kept: int = 0
    removed_by_rule: dict[str, int] = Field(default_factory=dict)


class CleanResult(BaseModel):
    title: str | None = None
    text: str = ""
    paragraphs: list[str] = Field(default_factory=list)
    language: str = "unknown"
    removed: list[RemovedSpan] = Field(default_factory=list)
    metadata: Metadata = Field(default_factory=Metadata)
    stats: Stats = Field(default_factory=Stats)
    mode: Literal["text", "html"] = "text"
    source_text: str | None = Field(
        default=None,
        description="HTML mode with explain on: the extracted text that `removed` offsets index.",
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="Limits that degraded this result (e.g. HTML nesting flattened); empty when none did.",
    )
