"""Keys of whole documents, and the samples `cleaner profiles show` prints.

The line key itself (what makes two lines "the same line") is the core's:
cleaner/core/siteprofile.py.
"""
from __future__ import annotations

from hashlib import blake2b
from typing import Iterable

from cleaner.core.normalize import fold_whitespace
from cleaner.core.siteprofile import line_key

SAMPLE_MAX_CHARS = 200


def line_keys(texts: Iterable[str]) -> list[int]:
    return [line_key(text) for text in texts]


def document_key(content: str | bytes) -> int:
    """Identity of a whole document, so learning the same page twice counts it once."""
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else bytes(content)
    return int.from_bytes(blake2b(data, digest_size=8, person=b"cleaner-doc").digest(), "big", signed=True)


def sample_of(text: str) -> str:
    """The line as shown by `cleaner profiles show` (first occurrence, cut short)."""
    text = fold_whitespace(text[: SAMPLE_MAX_CHARS * 2])
    text = text if len(text) <= SAMPLE_MAX_CHARS else text[: SAMPLE_MAX_CHARS - 1] + "…"
    # SQLite stores UTF-8: a lone surrogate (a "\ud800" escape in the input) is kept as that
    # escape, as the shells write it (cleaner.jsonsafe.JSON_ERRORS, a layer above this one).
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
