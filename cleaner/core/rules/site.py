"""SITE: lines a site repeats across its pages, learned from the corpus (cleaner learn)."""
from __future__ import annotations

from typing import Iterator

from cleaner.core.document import Hit, Strength
from cleaner.core.features import Features
from cleaner.core.siteprofile import line_key
from cleaner.core.siteprofile import min_count
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.registry import code_rule

# A line of at least this many words that reads as a sentence must clear the higher
# share: an article quoting a press release or a standard disclaimer may legitimately
# repeat it on many pages. Chosen with bench/profiles_quality.py.
SENTENCE_MIN_WORDS = 12


def is_sentence_like(feats: Features) -> bool:
    return feats.words >= SENTENCE_MIN_WORDS and (feats.ends_sentence or feats.sentence_marks > 0)


@code_rule(
    "SITE001",
    "site-boilerplate",
    "A line that recurs on most of this site's learned pages (cleaner learn).",
    "Catches: the site's own newsletter prompt, footer, menu and 'Most read' header, which no "
    "lexicon lists. Needs a profile DB (--profiles, CLEANER_PROFILES) and the document's site "
    "(its url or site). Fires only for sites with at least site_min_documents learned pages, "
    "for lines found on at least site_share of them (site_long_share for long sentence-like "
    "lines). Keeps: article text repeated on a few pages.",
)
def find_site_boilerplate(ctx: RuleContext) -> Iterator[Hit]:
    profile = ctx.site
    if profile is None or not profile.active or not profile.counts:
        return
    total = profile.documents
    for block, feats in zip(ctx.doc.blocks, ctx.features):
        count = profile.counts.get(line_key(block.text))
        if count is None:
            continue
        needed = profile.long_share if is_sentence_like(feats) else profile.share
        if count >= min_count(needed, total):
            reason = f"line occurs in {count} of {total} pages of {profile.site}"
            yield Hit(block.index, "SITE001", reason, Strength.CERTAIN)
