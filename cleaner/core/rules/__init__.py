"""Every rule family, imported so that all rules are registered, and the rule stage.

`find_hits` runs the phrase matcher over every block, then each code rule over the
whole document; it only proposes (Hit), the decide stage disposes.
"""
from __future__ import annotations

from typing import Iterable

from cleaner.core.document import Hit, Strength
from cleaner.core.features import Features
from cleaner.core.rules.registry import RULES, is_disabled

# Import order is registration order, and so the order code rules run in.
from cleaner.core.rules import (  # noqa: F401, E402
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
    markup,
    site,
)
from cleaner.core.heuristics import rules as _heuristic_rules  # noqa: F401, E402
from cleaner.core.rules import html as _html_rules  # noqa: F401, E402
from cleaner.core.rules.context import RuleContext  # noqa: E402
from cleaner.core.rules.lexicons import languages_of  # noqa: E402
from cleaner.core.rules.match import Matcher, languages_for, matcher_for  # noqa: E402
from cleaner.core.rules.registry import RETIRED, Rule  # noqa: E402

__all__ = ["RULES", "RuleContext", "describe", "find_hits", "resolve_selector", "rule_languages"]


def find_phrase_hits(ctx: RuleContext, disabled: Iterable[str]) -> list[Hit]:
    matcher = matcher_for(languages_for(ctx.doc.language))
    # Menus and footers repeat lines: each distinct line is matched, checked against the
    # disabled codes and explained once; its repeats copy the result.
    texts, features = ctx.distinct_lines()
    claims = {}
    for i, regex_hit, maybe in matcher.candidates(texts, *ctx.folded_lines()):
        claim = _claim(matcher, texts[i], features[i], disabled, regex_hit, maybe)
        if claim is not None:
            claims[texts[i]] = claim
    if not claims:
        return []
    return [Hit(block.index, *claims[block.text]) for block in ctx.doc.blocks if block.text in claims]


def _claim(
    matcher: Matcher, text: str, feats: Features, disabled: Iterable[str], regex_hit: bool | None, may_contain: bool
) -> tuple[str, str, Strength] | None:
    """(code, reason, strength) of the phrase rule that claims this line, or None."""
    found = matcher.find(text, feats.folded, feats.words, regex_hit, may_contain)
    if found is None:
        return None
    code, mode, evidence, strength = found
    if is_disabled(code, disabled):
        return None
    language = matcher.origin.get((code, evidence), "")
    return code, f'{RULES[code].summary} ({mode} "{evidence[:60]}"{", " + language if language else ""})', strength


def find_hits(ctx: RuleContext, disabled: Iterable[str]) -> list[Hit]:
    disabled = tuple(disabled)
    hits = find_phrase_hits(ctx, disabled)
    ctx.phrase_hits = {hit.block: hit for hit in hits}
    for rule in RULES.values():
        if rule.kind == "code" and rule.check is not None and not is_disabled(rule.code, disabled):
            hits.extend(rule.check(ctx))
    return hits


def resolve_selector(selector: str) -> str:
    """Validate a code or prefix given in options; retired codes map to their successor.

    Here, not in the registry, because the answer needs every family registered, which
    importing this package guarantees.
    """
    text = selector.strip().upper()
    text = RETIRED.get(text, text)
    if not text or not any(code.startswith(text) for code in RULES):
        raise ValueError(f"unknown rule code or prefix {selector!r} (see `cleaner rules`)")
    return text


def rule_languages(rule: Rule) -> tuple[str, ...]:
    """Phrase rules cover the languages whose lexicon has their code; others all."""
    return languages_of(rule.code) if rule.kind == "phrase" else ("*",)


def describe(rule: Rule) -> dict[str, object]:
    """A rule as `cleaner rules --format json` and GET /v1/rules show it."""
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "kind": rule.kind,
        "summary": rule.summary,
        "explanation": rule.explanation,
        "languages": list(rule_languages(rule)),
    }
