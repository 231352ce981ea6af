"""COOK: cookie and consent banners."""
from __future__ import annotations

from functools import lru_cache
from operator import itemgetter
from typing import Iterator

import re2

from cleaner.core.document import Hit, Strength
from cleaner.core.lexicon import lexicon_languages, re2_options
from cleaner.core.rules.context import RuleContext, chains
from cleaner.core.rules.lexicons import data
from cleaner.core.rules.match import languages_for, lines_matching
from cleaner.core.rules.registry import code_rule, phrase_rule

COOKIE_BANNER = phrase_rule(
    "COOK001",
    "cookie-banner",
    "Cookie or consent banner text and its buttons.",
    "Catches: 'We use cookies to improve your experience', 'Alle akzeptieren'.",
)

# A consent dialog lists its cookie categories, each a short heading ("Functional
# Cookies", "Always Active") over a paragraph: lines of the dialog at most this many
# blocks apart are one dialog, and what stands between them goes with them.
DIALOG_MAX_GAP = 3
# A line naming cookies (lexicon [COOK002] heading_end: "Functional Cookies", "Functional
# cookies help to ...", "Always Active") is part of a dialog when consent wording stands
# within DIALOG_MAX_GAP blocks of it; alone, it is a recipe or an article's sentence.
# A dialog that ends on a heading this short takes the paragraph under it too.
HEADING_MAX_WORDS = 5


@code_rule(
    "COOK002",
    "consent-dialog",
    "The prose of a cookie consent dialog, whatever its length, and the category headings between its lines.",
    "Catches: 'Necessary cookies are absolutely essential for the website to function properly. ...', "
    "'This cookie is set by GDPR Cookie Consent plugin.', 'Strictly Necessary Cookies' / 'Always Active' "
    "between such lines. Phrases per language (lexicon [COOK002] phrases) are the wording of consent "
    "tools, which an article quotes rarely; COOK001's start and contains phrases decide alone only on "
    "short lines. Keeps: a recipe for cookies, an article that mentions cookie banners.",
    data_keys=("phrases", "heading_end"),
)
def find_consent_dialogs(ctx: RuleContext) -> Iterator[Hit]:
    programs = _programs(languages_for(ctx.doc.language) or lexicon_languages())
    if programs is None:
        return
    phrases, headings = programs
    anchors: list[tuple[int, bool]] = []  # (block, the line is consent wording itself)
    # The distinct lines' folded views and their encoding, shared with the other line
    # screens (the phrase matcher's, LEGAL's): one scan of the page each, not one per line.
    folded, data = ctx.folded_lines()
    worded = lines_matching(phrases, folded, data)
    named = lines_matching(headings, folded, data) if headings is not None else [False] * len(folded)
    flags = dict(zip(folded, zip(worded, named)))  # a line's answers depend on its folded view alone
    for block, feats in zip(ctx.doc.blocks, ctx.features):
        own, names = flags[feats.folded]
        if own:
            anchors.append((block.index, True))
        elif names or ctx.rule_of(block.index) == "COOK001":
            anchors.append((block.index, False))
    for run in chains(anchors, DIALOG_MAX_GAP, itemgetter(0)):
        if not any(own for _, own in run):
            continue
        if len(run) == 1:
            yield Hit(run[0][0], "COOK002", "consent dialog wording", Strength.CERTAIN)
            continue
        first, last = run[0][0], run[-1][0]
        if ctx.features[last].words <= HEADING_MAX_WORDS and last + 1 < len(ctx.doc.blocks):
            last += 1
        reason = f"consent dialog (blocks {first}-{last})"
        for index in range(first, last + 1):
            yield Hit(index, "COOK002", reason, Strength.CERTAIN)


@lru_cache(maxsize=None)
def _programs(languages: tuple[str, ...]):
    """(consent wording anywhere in a line, a cookie word in a line), or None."""
    phrases = sorted({p for lang in languages for p in data(lang, "COOK002", "phrases")})
    ends = sorted({p for lang in languages for p in data(lang, "COOK002", "heading_end")})
    if not phrases:
        return None
    alternation = re2.compile("|".join(re2.escape(p) for p in phrases), re2_options())
    if not ends:
        return alternation, None
    heading = "|".join(re2.escape(p) for p in ends)
    # Multi-line, and spaces that are not line feeds: the lines are scanned joined, and a
    # match must start and end in its own line (a carriage return stands for a line feed
    # inside a line: lines_matching).
    return alternation, re2.compile(f"(?m)(?:^|[^\\S\\n]|-)(?:{heading})(?:$|[^\\S\\n]|[,.:;-])", re2_options())
