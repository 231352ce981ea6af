"""Every rule family, imported so that all rules are registered, and the rule stage.

`find_hits` runs the phrase matcher over every block, then each code rule over the
whole document; it only proposes (Hit), the decide stage disposes.
"""
from __future__ import annotations

from typing import Iterable

from cleaner.document import Hit
from cleaner.rules.registry import RULES, is_disabled

# Import order is registration order, and so the order code rules run in.
from cleaner.rules import (  # noqa: F401, E402
    newsletter,
    related,
    share,
    title,
    duplicates,
    captions,
    byline,
    navigation,
    tags,
    legal,
    consent,
    ads,
    comments,
    site,
)
from cleaner.heuristics import rules as _heuristic_rules  # noqa: F401, E402
from cleaner.html import rules as _html_rules  # noqa: F401, E402
from cleaner.rules.context import RuleContext  # noqa: E402
from cleaner.rules.match import languages_for, matcher_for  # noqa: E402

__all__ = ["RULES", "find_hits", "RuleContext"]


def find_phrase_hits(ctx: RuleContext, disabled: Iterable[str]) -> list[Hit]:
    matcher = matcher_for(languages_for(ctx.doc.language))
    hits = []
    seen: dict[str, tuple | None] = {}  # menus and footers repeat lines: match each once
    for block, feats in zip(ctx.doc.blocks, ctx.features):
        if block.text in seen:
            found = seen[block.text]
        else:
            found = seen[block.text] = matcher.find(block.text, feats.folded, feats.words)
        if found is None:
            continue
        code, mode, evidence, strength = found
        if is_disabled(code, disabled):
            continue
        language = matcher.origin.get((code, evidence), "")
        reason = f'{RULES[code].summary} ({mode} "{evidence[:60]}"{", " + language if language else ""})'
        hits.append(Hit(block.index, code, reason, strength))
    return hits


def find_hits(ctx: RuleContext, disabled: Iterable[str]) -> list[Hit]:
    disabled = tuple(disabled)
    hits = find_phrase_hits(ctx, disabled)
    ctx.phrase_hits = {hit.block: hit for hit in hits}
    for rule in RULES.values():
        if rule.kind == "code" and rule.check is not None and not is_disabled(rule.code, disabled):
            hits.extend(rule.check(ctx))
    return hits


