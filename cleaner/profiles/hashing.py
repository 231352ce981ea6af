"""What makes two lines "the same line" across a site's pages, as a 64-bit key.

Case and whitespace are folded, and every run of digits (with an English ordinal
suffix) becomes one "0", so "Quiz of The Week: 1 - 7 March" and "Quiz of The Week:
8 - 14 March", or "November 28th" and "November 3rd", are one line. The key is a
blake2b digest cut to a signed 64-bit integer, the form SQLite stores natively.
"""
from __future__ import annotations

import re
from hashlib import blake2b
from typing import Iterable

from cleaner.normalize import fold_whitespace

# Bumped whenever the normalisation changes: a profile DB built with another version
# holds keys this code would never produce, so the store refuses it.
NORMALISATION_VERSION = 1

# A digit run and an optional ordinal suffix; one quantifier, so linear time.
_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)?\b|\d+")
# Lines are keyed on their first part only: a 1 MB line costs no more than a long one.
KEY_MAX_CHARS = 2000
SAMPLE_MAX_CHARS = 200


def normalise_line(text: str) -> str:
    """The folded form two lines must share to count as one."""
    text = fold_whitespace(text[:KEY_MAX_CHARS]).casefold()
    return _NUMBER.sub("0", text)


def key_of(normalised: str) -> int:
    digest = blake2b(normalised.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def line_key(text: str) -> int:
    return key_of(normalise_line(text))


def line_keys(texts: Iterable[str]) -> list[int]:
    return [line_key(text) for text in texts]


def document_key(content: str | bytes) -> int:
    """Identity of a whole document, so learning the same page twice counts it once."""
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else bytes(content)
    return int.from_bytes(blake2b(data, digest_size=8, person=b"cleaner-doc").digest(), "big", signed=True)


def sample_of(text: str) -> str:
    """The line as shown by `cleaner profiles show` (first occurrence, cut short)."""
    text = fold_whitespace(text[: SAMPLE_MAX_CHARS * 2])
    return text if len(text) <= SAMPLE_MAX_CHARS else text[: SAMPLE_MAX_CHARS - 1] + "…"
