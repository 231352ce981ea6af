"""Many lines scanned as one string: joined by line feeds, matches mapped back to lines.

A regex or a C-level string method over one joined string replaces a Python-level call
per line; this holds wherever a pattern cannot match across a line feed. The stages
that batch their per-line work this way (segment folding, features, the phrase
screens, the glue repair) share these two steps.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Iterable, Iterator


def join_lines(lines: list[str]) -> str | None:
    """The lines joined by line feeds; None when that is not exact (a line holds a line
    feed itself, or there are no lines), and the caller must go line by line."""
    joined = "\n".join(lines)
    return joined if joined.count("\n") == len(lines) - 1 else None


def line_numbers(offsets: Iterable[int], joined: str | bytes) -> Iterator[int]:
    """The line of the joined text (str or bytes) each offset falls in, in order.

    The line ends are summed at the first offset only: most scans of a long page find
    nothing, and then the lines are never measured.
    """
    ends: list[int] | None = None
    for at in offsets:
        if ends is None:
            lines = joined.split(b"\n" if isinstance(joined, bytes) else "\n")  # type: ignore[arg-type]
            # offset just past each line's line feed: offset p is in line bisect_right(ends, p)
            ends = list(accumulate(map((1).__add__, map(len, lines))))
        yield bisect_right(ends, at)
