"""Lexicons: per-language phrase data keyed by rule code, and stopword lists.

Everything is read and checked once per process, then shared read-only. Here the data's
shape is checked (a regex that is not anchored or not valid RE2 fails loudly at load
time, never per document); cleaner/core/rules/lexicons.py checks each entry against the
rule that owns its code.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

# Matching modes every phrase rule understands (see rules/match.py); code rules may
# declare further keys of their own (Rule.data_keys).
PHRASE_MODES = ("line", "start", "end", "contains", "regex")


class LexiconError(ValueError):
    pass


def _data_dir():
    return resources.files(__name__)


@lru_cache(maxsize=None)
def lexicon_languages() -> tuple[str, ...]:
    return tuple(sorted(p.name[:-5] for p in _data_dir().iterdir() if p.name.endswith(".toml") and len(p.name) == 7))


@lru_cache(maxsize=None)
def stopword_languages() -> tuple[str, ...]:
    return tuple(sorted(p.name[:-4] for p in (_data_dir() / "stopwords").iterdir() if p.name.endswith(".txt")))


@lru_cache(maxsize=None)
def stopwords(language: str) -> frozenset[str]:
    """The language's stopwords, or an empty set for a language we hold no list for."""
    if language not in stopword_languages():
        return frozenset()
    text = (_data_dir() / "stopwords" / f"{language}.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip())


@lru_cache(maxsize=None)
def all_stopwords() -> frozenset[str]:
    """Union of every list: used when the language is unknown."""
    return frozenset().union(*(stopwords(lang) for lang in stopword_languages()))


@lru_cache(maxsize=None)
def read_lexicon(language: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """Rule code -> key -> entries, checked for shape: tables of lists of non-empty
    strings, and every regex anchored and valid RE2. Whether each code and key is one a
    rule declares is checked against the registry by cleaner/core/rules/lexicons.py."""
    if language not in lexicon_languages():
        raise LexiconError(f"no lexicon for language {language!r}; have {', '.join(lexicon_languages())}")
    raw = tomllib.loads((_data_dir() / f"{language}.toml").read_text(encoding="utf-8"))
    return {code: _checked_entry(f"lexicon/{language}.toml [{code}]", body) for code, body in raw.items()}


def _checked_entry(where: str, body: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(body, dict):
        raise LexiconError(f"{where}: expected a table of lists")
    entry: dict[str, tuple[str, ...]] = {}
    for key, values in body.items():
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise LexiconError(f"{where}.{key}: expected a list of non-empty strings")
        if key == "regex":
            for pattern in values:
                check_pattern(pattern, where)
        entry[key] = tuple(values)
    return entry


def re2_options():
    """The RE2 options lexicon regexes are compiled with, in checks and in matchers."""
    import re2

    options = re2.Options()
    # Unicode classes make large automata; give RE2 room so it keeps its fast DFA,
    # and no per-pattern logging on stderr.
    options.max_mem = 64 << 20
    options.never_capture = True
    options.log_errors = False
    return options


def check_pattern(pattern: str, where: str) -> None:
    """A lexicon regex must be anchored and compile under RE2 (linear-time by design)."""
    import re2

    if not (pattern.startswith("^") or pattern.endswith("$")):
        raise LexiconError(f"{where}: regex {pattern!r} must be anchored with ^ or $")
    try:
        # The matcher's own options: RE2 keeps compiled programs by pattern and options,
        # so the matcher built next reuses this one instead of compiling it again.
        re2.compile(pattern, re2_options())
    except Exception as exc:  # re2 raises its own error type
        raise LexiconError(f"{where}: regex {pattern!r} does not compile under RE2: {exc}") from exc


def load_stopwords() -> None:
    """Load every stopword list (for /readyz and warm-up)."""
    for language in stopword_languages():
        stopwords(language)
