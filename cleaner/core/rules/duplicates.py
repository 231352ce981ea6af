"""DUP: lines repeated within the document."""
from __future__ import annotations

from typing import Iterator

from cleaner.core.document import Hit, Strength
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.registry import code_rule

# One-word repeats ("Share", "Politik") are left to the phrase rules: words repeat.
DUP_MIN_WORDS = 2
# A heading is a line of at most HEADING_MAX_WORDS over a sentence of PROSE_MIN_WORDS;
# entries of a contents list stand at most TOC_MAX_GAP blocks apart.
HEADING_MAX_WORDS = 20
PROSE_MIN_WORDS = 15
TOC_MAX_GAP = 2


@code_rule(
    "DUP001",
    "duplicate-line",
    "A line repeated verbatim earlier in the document; the later copy goes.",
    "Catches: a newsletter teaser or pull quote shown twice. Keeps: the first copy, except that the "
    "entries of a contents list go and the headings they name stay, each over its section's text; and a "
    "later copy standing inside the kept article comes back when the first copy was removed "
    "(heuristics/copies.py).",
)
def find_duplicate_lines(ctx: RuleContext) -> Iterator[Hit]:
    # Most lines of a page occur once: when no folded line repeats, nothing is to be done.
    folded = [f.folded for f in ctx.features]
    if len(set(folded)) == len(folded):
        return
    first_seen: dict[str, int] = {}
    later: dict[str, int] = {}  # a line's first repeat
    features = ctx.features
    for block, feats in zip(ctx.doc.blocks, features):
        if feats.words >= DUP_MIN_WORDS:
            first = first_seen.setdefault(feats.folded, block.index)
            if first != block.index:
                later.setdefault(feats.folded, block.index)
    # A contents list names the article's headings before the article: its entries
    # repeat later, each over running text. When two or more such entries
    # stand together, the headings in the article are kept and the list's copies go.
    moved = {text: first_seen[text] for text, index in later.items()
             if _leads_prose(features, index) and not _leads_prose(features, first_seen[text])}
    entries = sorted(moved.values())
    listed = {i for i, j in zip(entries, entries[1:]) if j - i <= TOC_MAX_GAP} | {
        j for i, j in zip(entries, entries[1:]) if j - i <= TOC_MAX_GAP}
    kept_copy = {text: (later[text] if moved.get(text) in listed else first) for text, first in first_seen.items()
                 if text in later}
    for block, feats in zip(ctx.doc.blocks, features):
        if feats.words >= DUP_MIN_WORDS and feats.folded in kept_copy and kept_copy[feats.folded] != block.index:
            yield Hit(block.index, "DUP001", f"repeats block {kept_copy[feats.folded]}", Strength.CERTAIN)


def _leads_prose(features, index: int) -> bool:
    """The line stands over running text: a heading in the article, not an entry of a contents list."""
    if index + 1 >= len(features):
        return False
    after = features[index + 1]
    return features[index].words <= HEADING_MAX_WORDS and after.words >= PROSE_MIN_WORDS and after.ends_sentence
