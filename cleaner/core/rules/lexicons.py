"""The lexicons as the rules read them: every entry checked against the rule that owns its code.

A lexicon entry that names an unknown rule, or a key its rule does not understand, fails
loudly on first load, never per document. This lives in the rules package because the
check needs every rule registered; the data itself is read by cleaner/core/lexicon.
"""
from __future__ import annotations

from functools import lru_cache

from cleaner.core.lexicon import PHRASE_MODES, LexiconError, lexicon_languages, load_stopwords, read_lexicon
from cleaner.core.rules.registry import RULES


@lru_cache(maxsize=None)
def load_lexicon(language: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """Rule code -> key -> entries, validated against the rule registry."""
    lexicon = read_lexicon(language)
    for code, entry in lexicon.items():
        check_entry_keys(f"lexicon/{language}.toml [{code}]", code, entry)
    return lexicon


def check_entry_keys(where: str, code: str, entry: dict[str, tuple[str, ...]]) -> None:
    rule = RULES.get(code)
    if rule is None:
        raise LexiconError(f"{where}: no rule has this code")
    allowed = set(rule.data_keys) | (set(PHRASE_MODES) if rule.kind == "phrase" else set())
    for key in entry:
        if key not in allowed:
            raise LexiconError(f"{where}: key {key!r} is not one of {sorted(allowed)}")


def data(language: str, code: str, key: str) -> tuple[str, ...]:
    """A code rule's own list for one language (empty when the lexicon has none)."""
    if language not in lexicon_languages():
        return ()
    return load_lexicon(language).get(code, {}).get(key, ())


def languages_of(code: str) -> tuple[str, ...]:
    """The languages whose lexicon carries this code."""
    return tuple(lang for lang in lexicon_languages() if code in load_lexicon(lang))


def load_all() -> None:
    """Load and validate every lexicon and stopword list (for /readyz and tests)."""
    for language in lexicon_languages():
        load_lexicon(language)
    load_stopwords()
