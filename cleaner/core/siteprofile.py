"""A site's learned evidence as SITE001 reads it, and what makes two lines "the same line".

The profile DB (cleaner/profiles/) stores line keys and counts; the text core only
needs this value type, the key function and the share arithmetic, so they live here
and the store imports them (the core never reads a database).

Case and whitespace are folded, and every run of digits (with an English ordinal
suffix) becomes one "0", so "Quiz of The Week: 1 - 7 March" and "Quiz of The Week:
8 - 14 March", or "November 28th" and "November 3rd", are one line. The key is a
blake2b digest cut to a signed 64-bit integer, the form SQLite stores natively.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from hashlib import blake2b

from cleaner.core.normalize import fold_whitespace

# Bumped whenever the normalisation changes: a profile DB built with another version
# holds keys this code would never produce, so the store refuses it.
NORMALISATION_VERSION = 1

# A digit run and an optional ordinal suffix; one quantifier, so linear time.
_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)?\b|\d+")
# Lines are keyed on their first part only: a 1 MB line costs no more than a long one.
KEY_MAX_CHARS = 2000


def normalise_line(text: str) -> str:
    """The folded form two lines must share to count as one."""
    text = fold_whitespace(text[:KEY_MAX_CHARS]).casefold()
    return _NUMBER.sub("0", text)


def key_of(normalised: str) -> int:
    digest = blake2b(normalised.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def line_key(text: str) -> int:
    return key_of(normalise_line(text))


def min_count(share: float, documents: int) -> int:
    """The fewest documents a line needs to reach `share` of `documents` (at least one)."""
    return max(1, math.ceil(share * documents - 1e-9))


@dataclass(frozen=True)
class SiteProfile:
    """One site's learned evidence plus the thresholds SITE001 applies to it."""

    site: str
    documents: int
    counts: dict[int, int]  # line key -> documents holding it (frequent lines only)
    min_documents: int
    share: float  # short, UI-like lines
    long_share: float  # long, sentence-like lines

    @property
    def active(self) -> bool:
        return self.documents >= self.min_documents
