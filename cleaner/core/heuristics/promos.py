"""HEUR103 promo-between-boilerplate: a short blurb boxed in by rule-removed blocks."""
from __future__ import annotations

from cleaner.core.document import Block, Verdict
from cleaner.core.heuristics.sections import is_sentence

# A blurb this short between two rule-removed blocks is the text of the same widget
# ("Subscribe to The Week" / "Escape your echo chamber. ..." / "Sign up for ...").
PROMO_MAX_CHARS = 200

# The article's own furniture (headline, byline, dateline, reading time) frames its
# standfirst, not a widget: "von Jane Doe 13.12.2022" / standfirst / "Foto: dpa".
ARTICLE_HEADER_RULES = ("TITLE", "BYL")
# A photo's caption or credit stands between the article's paragraphs too: a sentence
# next to one is a paragraph (a how-to's step between two pictures' captions, a lead
# under the lead picture). A fragment between captions ("public domain", "and the stag
# beetle (Lucanus cervus)") is the caption's own.
CAPTION_RULES = ("CAP",)
DUPLICATE_RULE = "DUP001"


def drop_boxed_promos(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    out = list(verdicts)
    for i in range(1, len(blocks) - 1):
        if not verdicts[i].keep or len(blocks[i].text) > PROMO_MAX_CHARS:
            continue
        before, after = verdicts[i - 1], verdicts[i + 1]
        if not (_boxes_promo(before) and _boxes_promo(after) and _same_widget(blocks, verdicts, i)):
            continue
        if (before.rule.startswith(CAPTION_RULES) or after.rule.startswith(CAPTION_RULES)) \
                and is_sentence(blocks[i].text):
            continue
        out[i] = Verdict(False, "HEUR103", f"short blurb between {before.rule} and {after.rule}")
    return out


def _rule_removed(verdict: Verdict) -> bool:
    return not verdict.keep and not verdict.rule.startswith("HEUR")


def _boxes_promo(verdict: Verdict) -> bool:
    return _rule_removed(verdict) and not verdict.rule.startswith(ARTICLE_HEADER_RULES)


def _same_widget(blocks: list[Block], verdicts: list[Verdict], i: int) -> bool:
    """A repeated line frames a widget only when the same line stands on both sides (a
    card's "Save" button before and after its blurb). Two different repeated lines are a
    page printing its own text twice (tabs, a summary box): the text between is article."""
    both_repeats = verdicts[i - 1].rule == DUPLICATE_RULE and verdicts[i + 1].rule == DUPLICATE_RULE
    return not both_repeats or blocks[i - 1].text == blocks[i + 1].text
