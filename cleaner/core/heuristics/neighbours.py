"""Context-sensitive revision (jusText's revise step) and the page-level passes.

Short and uncertain blocks take the class of their neighbours; then blocks outside
the page's main run of article text, and short blurbs boxed in by removed
boilerplate, are dropped too.
"""
from __future__ import annotations

from cleaner.core.document import Block, BlockClass

GOOD, NEAR, SHORT, BAD = BlockClass.GOOD, BlockClass.NEAR_GOOD, BlockClass.SHORT, BlockClass.BAD

# A short headline-like line this close (in characters) before good text is a
# subheading, not a menu item (jusText's MAX_HEADING_DISTANCE).
MAX_HEADING_DISTANCE = 200


def nearest(classes: list[BlockClass], step: int, ignore_near: bool) -> list[BlockClass]:
    """For each block, the class of its nearest decided neighbour in one direction.

    The page's edges count as boilerplate. One pass, so long runs of short lines
    (a 100,000-line menu) cost linear time.
    """
    out = [BAD] * len(classes)
    seen = BAD
    order = range(len(classes)) if step > 0 else range(len(classes) - 1, -1, -1)
    for i in order:
        out[i] = seen
        cls = classes[i]
        if cls is GOOD or cls is BAD or (cls is NEAR and not ignore_near):
            seen = cls
    return out


def nearest_both(classes: list[BlockClass], step: int) -> tuple[list[BlockClass], list[BlockClass]]:
    """nearest(classes, step, True) and nearest(classes, step, False), in one pass."""
    n = len(classes)
    decided, any_ = [BAD] * n, [BAD] * n
    seen_decided = seen_any = BAD
    for i in (range(n) if step > 0 else range(n - 1, -1, -1)):
        decided[i], any_[i] = seen_decided, seen_any
        cls = classes[i]
        if cls is GOOD or cls is BAD:
            seen_decided = seen_any = cls
        elif cls is NEAR:
            seen_any = cls
    return decided, any_


def promote_subheadings(classes: list[BlockClass], blocks: list[Block], headline_like: list[bool]) -> list[BlockClass]:
    """Short headline-like blocks shortly before good text become near-good.

    "Shortly before" means the next good-or-bad block after it is good, with at most
    MAX_HEADING_DISTANCE characters of short or near-good blocks between. One backward
    pass carries that next decided block and the characters up to it, so a page of
    100,000 short lines costs linear time.
    """
    out = list(classes)
    next_decided: BlockClass | None = None  # class of the nearest good or bad block after i
    chars_between = 0  # characters of the blocks between i and that block
    for i in range(len(classes) - 1, -1, -1):
        cls = classes[i]
        if cls is GOOD or cls is BAD:
            next_decided, chars_between = cls, 0
            continue
        if cls is SHORT and next_decided is GOOD and chars_between <= MAX_HEADING_DISTANCE and headline_like[i]:
            out[i] = NEAR
        chars_between += len(blocks[i].text)
    return out


def revise(classes: list[BlockClass]) -> list[BlockClass]:
    """jusText's revision: decide SHORT, then NEAR_GOOD, blocks from their neighbours."""
    prev, prev_any = nearest_both(classes, 1)
    nxt, next_any = nearest_both(classes, -1)
    revised = list(classes)
    for i, cls in enumerate(classes):
        if cls is not SHORT:
            continue
        if prev[i] is GOOD and nxt[i] is GOOD:
            revised[i] = GOOD
        elif prev[i] is BAD and nxt[i] is BAD:
            revised[i] = BAD
        elif (prev[i] is BAD and prev_any[i] is NEAR) or (nxt[i] is BAD and next_any[i] is NEAR):
            revised[i] = GOOD
        else:
            revised[i] = BAD
    if NEAR not in revised:  # nothing left to decide (a long page of short lines)
        return revised
    prev, nxt = nearest(revised, 1, True), nearest(revised, -1, True)
    return [
        (BAD if prev[i] is BAD and nxt[i] is BAD else GOOD) if cls is NEAR else cls
        for i, cls in enumerate(revised)
    ]

