"""Which copy of a repeated line the article keeps (the decision half of DUP001).

DUP001 proposes the later copy of a repeated line for removal, before anything else
is decided. When the other passes then remove the first copy (it stood in a teaser box,
a summary above the article, a tab strip) and the later copy stands inside the kept
article, removing it would lose the line from the page altogether: it comes back.
"""
from __future__ import annotations

from cleaner.core.document import Block, BlockClass, Verdict
from cleaner.core.features import Features
from cleaner.core.heuristics.score import Score

DUPLICATE_RULE = "DUP001"


def keep_copies_inside_article(
    blocks: list[Block], features: list[Features], scores: list[Score], verdicts: list[Verdict]
) -> list[Verdict]:
    """Runs of later copies whose first copies all went, standing between kept blocks,
    come back; a run touching removed text on either side stays out (a menu repeated in
    the footer)."""
    if not any(v.rule == DUPLICATE_RULE for v in verdicts):
        return verdicts
    first_copy_kept: dict[str, bool] = {}
    for feats, verdict in zip(features, verdicts):
        first_copy_kept.setdefault(feats.folded, verdict.keep)
    out = list(verdicts)
    for start, end in _duplicate_runs(verdicts):
        if not (0 < start and end < len(verdicts) and verdicts[start - 1].keep and verdicts[end].keep):
            continue
        run = range(start, end)
        if all(not first_copy_kept[features[i].folded] and scores[i].cls is not BlockClass.BAD for i in run):
            for i in run:
                out[i] = Verdict(True)
    return out


def _duplicate_runs(verdicts: list[Verdict]) -> list[tuple[int, int]]:
    """[start, end) of each run of consecutive blocks removed as later copies."""
    runs, start = [], None
    for i, verdict in enumerate(verdicts):
        if verdict.rule == DUPLICATE_RULE:
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(verdicts)))
    return runs
