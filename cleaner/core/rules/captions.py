"""CAP: image captions and credits."""
from __future__ import annotations

import re
from collections import Counter
from bisect import bisect_left, bisect_right
from typing import Iterator

from cleaner.core.document import Hit, Strength
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.registry import code_rule, phrase_rule

IMAGE_CREDIT = phrase_rule(
    "CAP001",
    "image-credit",
    "Image credit or caption label ('Getty Images', 'Image: ...', 'Foto: ...').",
)
CREDIT_SUFFIX = phrase_rule(
    "CAP003",
    "credit-suffix",
    "A line ending in a photo credit ('... Copyright Andrew Harnik', '... Foto: dpa').",
)

# Captions are shown twice by many layouts (alt text, then figcaption with a credit).
CAPTION_MIN_CHARS = 20
CAPTION_MAX_CHARS = 300
CAPTION_WINDOW = 6
# The credit glued after a repeated caption: a few name-like words.
CREDIT_MAX_WORDS = 6
_WORD = re.compile(r"\w+")


def is_credit(suffix: str) -> bool:
    words = _WORD.findall(suffix)
    if not words or len(words) > CREDIT_MAX_WORDS or suffix.rstrip().endswith((".", "!", "?")):
        return False
    return sum(1 for w in words if w[0].isupper() or w.isdigit()) >= len(words) - 1


@code_rule(
    "CAP002",
    "repeated-caption",
    "A caption shown again with a credit appended; every copy goes.",
    "Catches: 'X arrives in Pyongyang on July 6.' next to 'X arrives in Pyongyang on July 6.Andrew Harnik'. "
    "Keeps: a sentence repeated without a credit (left to DUP001, which keeps the first copy).",
)
def find_repeated_captions(ctx: RuleContext) -> Iterator[Hit]:
    blocks = ctx.doc.blocks
    caption_texts: set[str] = set()
    flagged: set[int] = set()
    # A caption and its credited copy are two different lines that share their first
    # CAPTION_MIN_CHARS characters: only prefixes that two distinct lines share are
    # worth a look, and then only blocks in the same prefix group, within the window.
    shared = _prefixes_of_two_lines(ctx.distinct_lines()[0])
    if not shared:
        return
    groups: dict[str, list[int]] = {}
    for b in blocks:
        if b.text[:CAPTION_MIN_CHARS] in shared:
            groups.setdefault(b.text[:CAPTION_MIN_CHARS], []).append(b.index)
    for b in blocks:
        if not CAPTION_MIN_CHARS <= len(b.text) <= CAPTION_MAX_CHARS or b.text[:CAPTION_MIN_CHARS] not in shared:
            continue
        group = groups[b.text[:CAPTION_MIN_CHARS]]
        near = group[bisect_left(group, b.index - CAPTION_WINDOW): bisect_right(group, b.index + CAPTION_WINDOW)]
        for a in (blocks[i] for i in near):
            if a.index == b.index or len(a.text) >= len(b.text):
                continue
            if b.text.startswith(a.text) and is_credit(b.text[len(a.text):]):
                caption_texts.add(a.text)
                flagged.update((a.index, b.index))
    for b in blocks:
        if b.index in flagged or b.text in caption_texts:
            yield Hit(b.index, "CAP002", "caption repeated with a credit appended", Strength.CERTAIN)


def _prefixes_of_two_lines(texts: list[str]) -> set[str]:
    """The CAPTION_MIN_CHARS-character prefixes that at least two distinct lines share."""
    prefixes = [t[:CAPTION_MIN_CHARS] for t in texts if len(t) >= CAPTION_MIN_CHARS]
    if len(set(prefixes)) == len(prefixes):
        return set()
    return {prefix for prefix, n in Counter(prefixes).items() if n > 1}
