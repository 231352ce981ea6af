"""LEGAL: copyright, rights, legal and contact lines, disclaimers and form consent."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import re2

from cleaner.core.document import Hit, Strength
from cleaner.core.lexicon import lexicon_languages, re2_options
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.lexicons import data
from cleaner.core.rules.match import languages_for, lines_matching
from cleaner.core.rules.registry import code_rule, phrase_rule

COPYRIGHT_LINE = phrase_rule(
    "LEGAL001",
    "copyright-line",
    "Copyright, rights or reprint notice.",
    "Catches: '© 2020 Example Media', 'All rights reserved', 'Alle Rechte vorbehalten'.",
)
LEGAL_LINK = phrase_rule(
    "LEGAL002",
    "legal-link",
    "Link to legal or contact pages.",
    "Catches: 'Impressum', 'Datenschutz', 'Privacy Policy', 'Terms of Use', 'Contact us'.",
)


@code_rule(
    "LEGAL003",
    "disclaimer",
    "A site's legal disclaimer, whatever its length: not advice, for information only, past performance, not an offer.",
    "Catches: 'The information provided on this website is not medical advice. ...', 'This material is not "
    "intended to replace the advice of a qualified advisor. ...', 'Past performance is not indicative of future "
    "results.', 'Stellt keine Anlageberatung dar'. Phrases per language (lexicon [LEGAL003] phrases) are the "
    "fixed wording of disclaimers, matched as whole words anywhere in a line: such a paragraph is long enough "
    "to pass for prose, and a footer's disclaimer can outweigh a short article. Keeps: an article sentence that "
    "says a drug 'is not intended to replace' surgery, or mentions financial advice.",
    data_keys=("phrases",),
)
def find_disclaimers(ctx: RuleContext) -> Iterator[Hit]:
    yield from _phrase_lines(ctx, "LEGAL003", "legal disclaimer wording")


@code_rule(
    "LEGAL004",
    "form-consent",
    "The consent line of a sign-up or contact form, whatever its length ('By submitting this form, you agree to ...').",
    "Catches: 'By submitting this form, you agree to our Privacy Policy.', 'By entering your email address you "
    "agree to our Terms of Use and Privacy Policy and consent to receive emails ...', 'I agree to the use of my "
    "personal data ...', 'Mit dem Absenden des Formulars akzeptieren Sie ...'. Phrases per language (lexicon "
    "[LEGAL004] phrases) are the wording forms use to ask for consent, matched as whole words anywhere in a "
    "line. Keeps: an article sentence that mentions a privacy policy or the terms of a contract.",
    data_keys=("phrases",),
)
def find_form_consent(ctx: RuleContext) -> Iterator[Hit]:
    yield from _phrase_lines(ctx, "LEGAL004", "form consent wording")


# The codes whose phrases are found in one scan of the page (see _phrase_lines).
ANYWHERE_CODES = ("LEGAL003", "LEGAL004")


def _phrase_lines(ctx: RuleContext, code: str, reason: str) -> Iterator[Hit]:
    """A certain hit on every block whose folded text holds one of the code's phrases."""
    languages = languages_for(ctx.doc.language) or lexicon_languages()
    program = phrase_program((code,), languages)
    if program is None:
        return
    candidates = _candidate_lines(ctx, languages)
    if not candidates:
        return
    found = {text for text, hit in zip(candidates, lines_matching(program, list(candidates.values()))) if hit}
    if not found:
        return
    for block in ctx.doc.blocks:
        if block.text in found:
            yield Hit(block.index, code, reason, Strength.CERTAIN)


def _candidate_lines(ctx: RuleContext, languages: tuple[str, ...]) -> dict[str, str]:
    """The distinct lines (text -> folded view) that hold a phrase of any ANYWHERE_CODES rule.

    One scan of the page for all of them, made by the first rule to ask; each rule then
    tests only these few lines for its own phrases.
    """
    key = "legal-phrase-lines"
    if key not in ctx.shared:
        from cleaner.core.rules.consent import page_screen  # consent imports this module

        program = phrase_program(ANYWHERE_CODES, languages)
        texts = ctx.distinct_lines()[0]
        folded = ctx.folded_lines()[0]
        # the lines the page screen passed (consent's and these phrases in one scan), asked again
        screened = [i for i, flag in enumerate(page_screen(ctx)) if flag] if program is not None else []
        flags = lines_matching(program, [folded[i] for i in screened]) if screened else []
        ctx.shared[key] = {texts[i]: folded[i] for i, flag in zip(screened, flags) if flag}
    return ctx.shared[key]  # type: ignore[return-value]


@lru_cache(maxsize=None)
def phrase_program(codes: tuple[str, ...], languages: tuple[str, ...]):
    """The codes' phrases for these languages as one RE2 program over folded lines, or None.

    Whole words only: a phrase must start and end at a line's edge or next to a
    character that is neither a letter nor a digit. Multi-line, with line feeds kept
    out of every match, as lines_matching scans the lines joined.
    """
    phrases = sorted({p for code in codes for lang in languages for p in data(lang, code, "phrases")})
    if not phrases:
        return None
    alternation = "|".join(re2.escape(p) for p in phrases)
    return re2.compile(f"(?m)(?:^|[^\\pL\\pN_\\n])(?:{alternation})(?:$|[^\\pL\\pN_\\n])", re2_options())
