"""HEUR105 nothing-left: when the heuristics leave (almost) nothing, keep something, and say so.

An input the heuristics empty is more often one they misread (a short note, a listing,
a product page, a language they measure badly) than one that holds no text worth
keeping; an empty answer there is the worst one, and a silent one cannot be noticed.
So a short input comes back whole and a longer one keeps its best region, and the
result's `warnings` says which (`short_input_kept`, `best_region_kept`).

Only what the heuristics removed comes back: lines a rule named (navigation, legal
lines, repeats, the site's own boilerplate, ...) stay removed.
"""
from __future__ import annotations

from typing import NamedTuple

from cleaner.core.document import Block, Verdict
from cleaner.core.features import Features

# An input up to this long (Latin-letter equivalents, as Features.width counts them) is
# short: a note, a snippet, a test string; it is returned whole.
SHORT_INPUT_CHARS = 600
# What was kept counts as nothing below this many characters, or below this share of
# the input's text (a lone date or "Share" left of a page).
NEARLY_NOTHING_CHARS = 50
NEARLY_NOTHING_SHARE = 0.1
# In the best region each line costs this much: short runs of menu words lose to the
# longer lines of the page's main block, and lines a rule named count only as cost.
REGION_LINE_COST = 20
# The codes whose removals may be undone: the heuristics' own.
HEURISTIC_PREFIX = "HEUR"


class Fallback(NamedTuple):
    verdicts: list[Verdict]
    warning: str | None  # None: the pass left the verdicts as they were


def keep_something(blocks: list[Block], features: list[Features], verdicts: list[Verdict]) -> Fallback:
    """The verdicts with a short input kept whole, or a longer one's best region kept,
    when the other passes left (nearly) nothing with letters in it; else unchanged."""
    if kept_enough(features, verdicts, NEARLY_NOTHING_CHARS):  # most documents: decided in a few lines
        return Fallback(verdicts, None)
    total = sum(f.width for f in features if f.letters)
    if not total or kept_enough(features, verdicts, NEARLY_NOTHING_SHARE * total):
        return Fallback(verdicts, None)
    undoable = [not v.keep and v.rule.startswith(HEURISTIC_PREFIX) and f.letters > 0
                for f, v in zip(features, verdicts)]
    if total <= SHORT_INPUT_CHARS:
        out = [Verdict(True) if undo else v for undo, v in zip(undoable, verdicts)]
        named = sum(1 for v in out if not v.keep)
        kept = "whole" if not named else f"but for the {_lines(named)} a rule named"
        return Fallback(out, f"short_input_kept: the heuristics removed (nearly) all of this short input "
                             f"({_lines(len(blocks))}); it is returned {kept} (HEUR105)")
    start, end = best_region(features, undoable)
    if start == end:
        return Fallback(verdicts, None)
    out = [Verdict(True) if start <= i < end and undoable[i] else v for i, v in enumerate(verdicts)]
    return Fallback(out, f"best_region_kept: the heuristics removed nearly all of this input; "
                         f"its densest run of text (lines {start + 1} to {end} of {len(blocks)}) is kept (HEUR105)")


def _lines(n: int) -> str:
    return f"{n} line{'s' if n != 1 else ''}"


def kept_enough(features: list[Features], verdicts: list[Verdict], enough: float) -> bool:
    """Whether the kept blocks with letters reach `enough` characters (stops once they do)."""
    kept = 0
    for f, v in zip(features, verdicts):
        if v.keep and f.letters:
            kept += f.width
            if kept >= enough:
                return True
    return False


def best_region(features: list[Features], undoable: list[bool]) -> tuple[int, int]:
    """[start, end) of the run of blocks with the most text a heuristic removed, each
    block costing REGION_LINE_COST (Kadane's maximum-sum run); (0, 0) when none gains."""
    best, best_span = 0, (0, 0)
    running, start = 0, 0
    for i, f in enumerate(features):
        running += (f.width if undoable[i] else 0) - REGION_LINE_COST
        if running <= 0:
            running, start = 0, i + 1
        elif running > best:
            best, best_span = running, (start, i + 1)
    return best_span
