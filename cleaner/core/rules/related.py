"""REL: related-story lists, their headers, and runs of teasers."""
from __future__ import annotations

from typing import Iterator

from cleaner.core.document import Hit, Strength
from cleaner.core.rules.byline import byline_like_lines
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.registry import code_rule, phrase_rule

RELATED_HEADER = phrase_rule(
    "REL001",
    "related-header",
    "Header of a related, recommended or most-read list.",
    "Catches: 'Related news', 'You might also like', 'Most Popular', 'Mehr zum Thema'.",
)
READ_MORE = phrase_rule(
    "REL002",
    "read-more-link",
    "Inline link to another story ('Read more: ...', 'Lesen Sie auch: ...').",
)

# Teaser lists repeat a small pattern (separator, headline, teaser, byline): anchors
# (bylines and separator lines) at most this many blocks apart form one run ...
TEASER_MAX_GAP = 4
# ... and a run needs this many anchors, at least two of them bylines, to be a list
# rather than an article's own byline followed by a rule line.
TEASER_MIN_ANCHORS = 3
TEASER_MIN_BYLINES = 2


@code_rule(
    "REL010",
    "teaser-run",
    "A run of headline/teaser/byline groups: a list of other stories.",
    "Catches: '-' / headline / teaser / 'By NAME Published', repeated. "
    "Keeps: a single byline under the headline.",
)
def find_teaser_runs(ctx: RuleContext) -> Iterator[Hit]:
    bylines = byline_like_lines(ctx)
    anchors: list[tuple[int, bool]] = []  # (block index, is a byline)
    for block, feats in zip(ctx.doc.blocks, ctx.features):
        if feats.letters == 0 and feats.chars <= 3:
            anchors.append((block.index, False))
        elif feats.words <= 16 and block.text in bylines:
            anchors.append((block.index, True))
    for run in _chains(anchors):
        bylines = sum(1 for _, is_byline in run if is_byline)
        if len(run) < TEASER_MIN_ANCHORS or bylines < TEASER_MIN_BYLINES:
            continue
        first, last = run[0][0], run[-1][0]
        reason = f"teaser run of {bylines} stories (blocks {first}-{last})"
        for index in range(first, last + 1):
            yield Hit(index, "REL010", reason, Strength.CERTAIN)


def _chains(anchors: list[tuple[int, bool]]) -> Iterator[list[tuple[int, bool]]]:
    run: list[tuple[int, bool]] = []
    for anchor in anchors:
        if run and anchor[0] - run[-1][0] > TEASER_MAX_GAP:
            yield run
            run = []
        run.append(anchor)
    if run:
        yield run
