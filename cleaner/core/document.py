"""Internal value types that flow between the pipeline stages.

The per-block records (Block, Hit, Verdict) are NamedTuples: immutable and hashable
like a frozen dataclass, but built three times faster, and a 100,000-line page builds
several per line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import NamedTuple


class Strength(IntEnum):
    """How much a hit decides on its own."""

    SUGGEST = 1  # needs the block's shape or its neighbours to agree
    CERTAIN = 2  # removes the block by itself


class BlockClass(Enum):
    """Context-free verdict on a block, as in jusText's classify step."""

    GOOD = "good"
    NEAR_GOOD = "near_good"
    SHORT = "short"
    BAD = "bad"

    # Members are singletons compared by identity; Enum's own __hash__ is a Python
    # call, and the decide stage hashes a class per block.
    __hash__ = object.__hash__


class Block(NamedTuple):
    """One non-blank line of the input, with offsets of its content in the input."""

    index: int
    start: int
    end: int
    text: str  # whitespace-normalised view, bullet marker stripped
    indent: int  # leading spaces in the input line
    bullet: bool  # the line began with a list marker (*, +, •, ...)
    gap_before: bool  # a blank line separates it from the previous block


class Hit(NamedTuple):
    """A rule's claim that a block is boilerplate."""

    block: int
    rule: str
    reason: str
    strength: Strength = Strength.CERTAIN


@dataclass(frozen=True, slots=True)
class Hints:
    """What the caller or the HTML path knows beforehand."""

    title: str | None = None
    author: str | None = None
    language: str | None = None
    extra_titles: tuple[str, ...] = ()
    # HTML mode with a structured format: each block's Shape (core/structure) as the
    # page's DOM gives it, by block index; None: the text path infers it.
    shapes: tuple | None = None


@dataclass(slots=True)
class Document:
    source: str
    blocks: list[Block]
    language: str = "unknown"
    hints: Hints = field(default_factory=Hints)


class Verdict(NamedTuple):
    """Final decision for a block: kept, or removed citing exactly one rule."""

    keep: bool
    rule: str = ""
    reason: str = ""
