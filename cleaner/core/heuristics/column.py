"""HEUR102 off-column: the article's indentation as evidence, where the scrape keeps the layout."""
from __future__ import annotations

from collections import Counter

from cleaner.core.document import Block, BlockClass, Verdict
from cleaner.core.heuristics.score import Score

# Codes that judged a block by its shape alone, which the column evidence may overrule.
_SHAPE_CODES = frozenset({"HEUR101", "HEUR002"})


def align_to_article_column(blocks: list[Block], scores: list[Score], verdicts: list[Verdict]) -> list[Verdict]:
    """Use the article's indentation as evidence, where the scrape keeps the layout.

    Page-to-text converters indent each layout column alike, so the article's text
    shares one indentation. A kept block that was not good on its own and stands in
    another column goes (HEUR102); a block dropped only for its shape that stands in
    the article's column, between the first and last kept blocks, comes back.
    """
    column = article_column(blocks, verdicts)
    kept = [i for i, v in enumerate(verdicts) if v.keep]
    if column is None or not kept:
        return verdicts
    first, last = kept[0], kept[-1]
    out = list(verdicts)
    for i, (block, verdict) in enumerate(zip(blocks, verdicts)):
        if verdict.keep and block.indent != column and scores[i].cls is not BlockClass.GOOD:
            out[i] = Verdict(False, "HEUR102", f"indented {block.indent}, the article's text {column}")
        elif not verdict.keep and verdict.rule in _SHAPE_CODES and block.indent == column and first <= i <= last:
            out[i] = Verdict(True)
    return out


def article_column(blocks: list[Block], verdicts: list[Verdict]) -> int | None:
    """The indentation holding most of the kept characters."""
    weight: Counter[int] = Counter()
    for block, verdict in zip(blocks, verdicts):
        if verdict.keep:
            weight[block.indent] += len(block.text)
    return weight.most_common(1)[0][0] if weight else None
