"""Repairs on kept text: split sentences the scraper glued together. Never invents text.

"said Thursday.Negotiations" becomes two paragraphs. A straight quote right after the
period closes the sentence when an odd number of quotes precede it in the paragraph
('summit."It' -> 'summit."' / 'It'), and opens the next one otherwise
('summit."This is' after a closed quote -> 'summit.' / '"This is').
"""
from __future__ import annotations

import re

from cleaner.core.joined import by_mark, join_lines, line_numbers, match_starts

# A lower-case letter or digit, sentence punctuation, then (an optional quote and) an
# upper-case letter with no space between: "Thursday.Negotiations", 'summit."It'.
# "U.S.-North" and "U.S.The" are left alone: an upper-case letter precedes the period.
# (Written mark-first so the regex engine can skip ahead to the next . ! or ?.)
_GLUED = re.compile(r"[.!?](?<=[a-zß-öø-ÿ0-9%)\]][.!?])(?=[\"“”]?[A-ZÀ-ÖØ-Þ])")
# The same, mark by mark, for scanning many texts (joined.by_mark; a match is its mark alone).
_GLUED_BY_MARK = by_mark(".!?", r"(?<=[a-zß-öø-ÿ0-9%)\]][.!?])(?=[\"“”]?[A-ZÀ-ÖØ-Þ])")
_OPENING = "“"
_CLOSING = "”"


def texts_with_glue(texts: list[str]) -> set[int]:
    """Indices of the texts where split_glued may cut, from one scan of them all.

    Neither side of the pattern can take a line feed, so over the texts joined by line
    feeds it matches exactly where it matches in each text.
    """
    joined = join_lines(texts)
    if joined is None:  # a text with its own line feed: ask every text
        return set(range(len(texts)))
    return set(line_numbers(match_starts(_GLUED_BY_MARK, joined), joined))


def split_glued(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _GLUED.finditer(text):
        if _inside_token(text, match.start()):
            continue
        cut = match.end()
        quote = text[cut] if text[cut] in '"“”' else ""
        if quote == _CLOSING or (quote == '"' and text.count('"', start, cut) % 2 == 1):
            cut += 1
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return [p for p in (piece.strip() for piece in pieces) if p]


def _inside_token(text: str, dot: int) -> bool:
    """A dot inside a web address or e-mail ('www.Example.com', 'a@b.De') is no sentence end."""
    window = max(0, dot - 100)  # bounded look-back keeps a 1 MB line linear
    word = text[text.rfind(" ", window, dot) + 1: dot]
    return "/" in word or "@" in word or word.lower().startswith("www")
