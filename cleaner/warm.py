"""Build every per-process table now instead of on first use.

Lexicons, stopword lists and langdetect profiles are read on first use, and each
language's phrase matcher (its RE2 programs) is compiled the first time a document in
that language arrives: 0.04-0.07 s and 2-11 MB each (the merged tables for unknown
languages 0.2 s and 20 MB), about 0.8 s and 45 MB for all of them. A process that must
not pause on its first document in a new language pays that once at start; the
service's cleaning processes and batch workers stay lazy, as most deployments and
corpora meet a few languages. `python -m bench` warms up to time the steady state.
"""
from __future__ import annotations

from cleaner.core.language import warm_up as load_language_models
from cleaner.core.lexicon import lexicon_languages
from cleaner.core.rules.lexicons import load_all
from cleaner.core.rules.match import languages_for, matcher_for


def warm_up(*, matchers: bool = True) -> None:
    """Load and validate every lexicon, load the language models and, unless `matchers`
    is off, compile every language's matcher."""
    load_all()
    load_language_models()
    if not matchers:
        return
    for language in lexicon_languages():
        matcher_for(languages_for(language))
    matcher_for(())  # the merged tables used when the language is unknown
