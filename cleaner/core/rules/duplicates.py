"""DUP: lines repeated within the document."""
from __future__ import annotations

from typing import Iterator

from cleaner.core.document import Hit, Strength
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.registry import code_rule

# One-word repeats ("Share", "Politik") are left to the phrase rules: words repeat.
DUP_MIN_WORDS = 2


@code_rule(
    "DUP001",
    "duplicate-line",
    "A line repeated verbatim earlier in the document; the later copy goes.",
    "Catches: a newsletter teaser or pull quote shown twice. Keeps: the first copy.",
)
def find_duplicate_lines(ctx: RuleContext) -> Iterator[Hit]:
    # Most lines of a page occur once: when no folded line repeats, nothing is to be done.
    folded = [f.folded for f in ctx.features]
    if len(set(folded)) == len(folded):
        return
    first_seen: dict[str, int] = {}
    for block, feats in zip(ctx.doc.blocks, ctx.features):
        if feats.words >= DUP_MIN_WORDS:
            first_seen.setdefault(feats.folded, block.index)
    yield from (
        Hit(block.index, "DUP001", f"repeats block {first}", Strength.CERTAIN)
        for block, feats in zip(ctx.doc.blocks, ctx.features)
        if feats.words >= DUP_MIN_WORDS and (first := first_seen[feats.folded]) != block.index
    )
