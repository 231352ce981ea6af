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


class BodyBlock(BaseModel):
    """One block of the body's structure (`format="json"`; docs/formats.md).

    `text` is the block's plain text as `text` format writes it (list items and table
    rows one a line, cells joined by a space); `start`/`end` index the input in text mode
    and `source_text` in HTML mode (null for an image, which has no text there).
    """

    type: Literal["heading", "paragraph", "list", "table", "quote", "code", "image"]
    text: str
    start: int | None = None
    end: int | None = None
    level: int | None = Field(default=None, description="heading: 1-6")
    ordered: bool | None = Field(default=None, description="list: numbered")
    items: list[str] | None = Field(default=None, description="list: the items' texts")
    depths: list[int] | None = Field(
        default=None, description="list: each item's nesting depth (0: the outer list), when the list nests")
    rows: list[list[str]] | None = Field(default=None, description="table: the cells' texts, row by row")
    header: bool | None = Field(default=None, description="table: the first row is a header row")
    links: list[tuple[str, str]] | None = Field(default=None, description="with links on: (text, target) pairs")
    src: str | None = Field(default=None, description="image: its address (text holds its alt text)")


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
    blocks: list[BodyBlock] | None = Field(
        default=None,
        description="format json: the body's blocks with their type, text and offsets; null otherwise.",
    )
    warnings: list[str] = Field(
        default_factory=list,
        description=(
            "What degraded or rescued this result, each 'code: explanation': a limit hit (e.g. html_depth, "
            "HTML nesting flattened), or the heuristics' empty answer replaced (short_input_kept, "
            "best_region_kept: HEUR105); empty when none applies."
        ),
    )
