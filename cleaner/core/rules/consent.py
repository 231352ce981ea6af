"""COOK: cookie and consent banners."""
from __future__ import annotations

from functools import lru_cache
from operator import itemgetter
from typing import Iterator

import re2

from cleaner.core.document import Hit, Strength
from cleaner.core.lexicon import lexicon_languages, re2_options
from cleaner.core.rules.context import RuleContext, chains
from cleaner.core.rules.legal import ANYWHERE_CODES, phrase_program
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
    # The distinct lines' folded views, shared with the other line screens (the phrase
    # matcher's, LEGAL's). Only the lines the page screen passed (page_screen: the union
    # of these programs and LEGAL's, one scan of the page for all three) are asked, each
    # program in turn.
    folded = ctx.folded_lines()[0]
    screened = [i for i, flag in enumerate(page_screen(ctx)) if flag]
    if not screened:
        return
    lines = [folded[i] for i in screened]
    worded = [False] * len(folded)
    for i, flag in zip(screened, lines_matching(phrases, lines)):
        worded[i] = flag
    if not any(worded):  # every dialog holds consent wording: a page without any has none
        return
    named = [False] * len(folded)
    if headings is not None:
        for i, flag in zip(screened, lines_matching(headings, lines)):
            named[i] = flag
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


def page_screen(ctx: RuleContext) -> list[bool]:
    """Per distinct line (ctx.folded_lines), whether its folded view may hold consent
    wording or a consent heading (COOK002) or a phrase of LEGAL's ANYWHERE_CODES: one
    RE2 scan of the page with the three programs as one alternation, made by the first
    rule to ask. A line the union matches is matched by one of them at least, and the
    reverse (each program's matches lie inside one line), so each rule then scans only
    these few lines with its own program and finds exactly what a scan of the page would.
    """
    key = "consent-legal-screen"
    known = ctx.shared.get(key)
    if known is None:
        languages = languages_for(ctx.doc.language) or lexicon_languages()
        folded, data_ = ctx.folded_lines()
        program = _screen_program(languages)
        known = ctx.shared[key] = (
            lines_matching(program, folded, data_) if program is not None else [False] * len(folded))
    return known  # type: ignore[return-value]


@lru_cache(maxsize=None)
def _screen_program(languages: tuple[str, ...]):
    """COOK002's two programs and LEGAL's ANYWHERE_CODES one as one multi-line alternation
    (None when none has phrases)."""
    programs = list(_programs(languages) or ()) + [phrase_program(ANYWHERE_CODES, languages)]
    parts = [p.pattern.removeprefix("(?m)") for p in programs if p is not None]
    if not parts:
        return None
    return re2.compile("(?m)" + "|".join(f"(?:{part})" for part in parts), re2_options())
