"""Many lines scanned as one string: joined by line feeds, matches mapped back to lines.

A regex or a C-level string method over one joined string replaces a Python-level call
per line; this holds wherever a pattern cannot match across a line feed. The stages
that batch their per-line work this way (segment folding, features, the phrase
screens, the glue repair) share these two steps.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator


def join_lines(lines: list[str]) -> str | None:
    """The lines joined by line feeds; None when that is not exact (a line holds a line
    feed itself, or there are no lines), and the caller must go line by line."""
    # A line feed inside a line is looked for in the lines run together, a memchr-speed
    # search; counting the joined text's line feeds tested every character (a few
    # per cent of a short page's cost, over the several joins a page makes).
    if not lines or "\n" in "".join(lines):
        return None
    return "\n".join(lines)


def line_numbers(offsets: Iterable[int], joined: str | bytes) -> Iterator[int]:
    """The line of the joined text (str or bytes) each offset falls in, in order.

    Offset p is in the line numbered by the line feeds before it, counted from the
    previous offset's (a count runs at memory speed and builds nothing, where splitting
    the text made an object per line): most scans find a few matches, or none, and then
    the text is never read. Offsets may come in any order; a step back recounts the span
    between, so match_starts' mark-by-mark order costs one pass over the text per mark.
    """
    feed = b"\n" if isinstance(joined, bytes) else "\n"
    count = joined.count
    line = previous = 0
    for at in offsets:
        if at >= previous:
            line += count(feed, previous, at)  # type: ignore[arg-type]
        else:
            line -= count(feed, at, previous)  # type: ignore[arg-type]
        previous = at
        yield line


def by_mark(marks: str, rest: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The pattern `[marks]rest` as one pattern per mark, for match_starts.

    A pattern led by one literal character is scanned for that character at memchr
    speed; one led by a class tests every character of the text against it, ten times
    slower on a page. `rest` must match no mark, so that no match of one mark's pattern
    covers another mark: the patterns' matches together are then exactly the class
    pattern's (finditer skips nothing that would have matched).
    """
    return tuple((mark, re.compile(re.escape(mark) + rest)) for mark in marks)


def match_starts(patterns: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> Iterator[int]:
    """Where the patterns of by_mark match in the text, mark by mark (not in text order);
    a mark the text does not hold costs one substring test."""
    for mark, pattern in patterns:
        if mark in text:
            for match in pattern.finditer(text):
                yield match.start()


def encode_lines(lines: list[str]) -> bytes | None:
    """The lines joined by line feeds in UTF-8, as the RE2 line screens scan them (lone
    surrogates read as U+FFFD); None when they cannot be joined exactly (join_lines)."""
    joined = join_lines(lines)
    if joined is None:
        return None
    try:
        return joined.encode("utf-8")
    except UnicodeEncodeError:
        return without_surrogates(joined).encode("utf-8")


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Lone surrogates (invalid input a JSON escape can still deliver) read as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)
