"""The language codes a caller may name with `language=`: those cleaner can act on.

A code is supported when cleaner can detect it (a langdetect profile) or holds data for
it (a lexicon or a stopword list): exactly the codes `clean()` may return as
`result.language`, so a caller can pass back what it was given. Anything else is refused:
accepted silently, it had the document cleaned with no lexicon and no stopword list.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from cleaner.errors import InvalidInput
from cleaner.core.language import normalize_code
from cleaner.core.lexicon import lexicon_languages, stopword_languages

# A BCP 47 tag as far as cleaner reads one: a 2-3 letter language, then up to four
# script/region/variant subtags ('en-GB', 'pt_BR', 'zh-Hant-TW'); only the language counts.
_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,4}")
_SHOWN_CHARS = 40  # of a rejected value, in the error message


@lru_cache(maxsize=1)
def supported_languages() -> tuple[str, ...]:
    """Sorted ISO 639-1 codes: langdetect's profiles (zh-cn and zh-tw as zh), lexicons, stopword lists."""
    profiles = (entry.name for entry in (resources.files("langdetect") / "profiles").iterdir())
    detected = {normalize_code(name) for name in profiles} - {None}
    return tuple(sorted(detected | set(lexicon_languages()) | set(stopword_languages())))


def language_code(value: object) -> str | None:
    """'de-AT' -> 'de'; None or '' -> None (detect); InvalidInput naming the supported codes otherwise."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"language must be a string such as 'en', not {type(value).__name__}")
    code = normalize_code(value) if _TAG.fullmatch(value.strip()) else None
    if code not in supported_languages():
        shown = value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "..."
        raise InvalidInput(
            f"language {shown!r} is not supported; use one of {', '.join(supported_languages())} "
            "(ISO 639-1, optionally with a region such as 'en-GB'), or leave it out to detect it"
        )
    return code
