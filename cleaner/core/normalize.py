"""Whitespace folding for the views the rules read; the input itself is never changed.

Blocks keep the offsets of their content in the input, so every removed span still
slices the original string, however much the view was folded.
"""
from __future__ import annotations

import re

import re2

from cleaner.core.joined import join_lines

# NBSP and the other Unicode spaces become a plain space; zero-width characters, the
# soft hyphen and the BOM disappear from the view (scrapers leave them mid-word).
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# fold_whitespace_lines reads a page's indentation off its first lines.
INDENT_SAMPLE_LINES = 64
# Every character str.isspace() takes but the space and the line feed.
OTHER_SPACES = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")

# Line breaks as str.splitlines knows them, except that \r\n counts once.
LINE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# The same breaks as separators: split() gives line, break run, line, ...
LINE_BREAKS = re.compile(r"([\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+)")


def fold_whitespace(text: str) -> str:
    """Collapse every whitespace run (NBSP included) to one space and strip the ends."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def fold_whitespace_lines(lines: list[str]) -> list[str]:
    """[fold_whitespace(line) for line in lines], with the invisible characters found in one pass.

    str.split() breaks on exactly the characters str.isspace() knows, the whitespace
    _SPACES folds, so joining a line's words with one space is the same fold at a
    fraction of a regex's cost; only text that holds an invisible character goes
    through the regex that drops them. Lines from the segmenter hold no line feed;
    anything else is folded one by one.
    """
    joined = join_lines(lines)
    if joined is None:
        return [fold_whitespace(line) for line in lines]
    if any(ch in joined for ch in INVISIBLE_CHARS):
        joined = _INVISIBLE.sub("", joined)
        lines = joined.split("\n")
    # A line whose only whitespace is single spaces between other characters is its own
    # fold, left as it is; only the others are split into words and joined again. The
    # other spaces the page holds are found first (a substring test per character runs at
    # memory speed, and one of a kind wider than the text's characters costs nothing):
    # most pages hold none, or only the no-break space. A page that indents its lines (as
    # inscriptis renders one: most of its lines, a quarter of its first ones at least) has
    # few such lines: it goes the plain way at once.
    head = lines[:INDENT_SAMPLE_LINES]
    if 4 * sum([line[:1] == " " for line in head]) > len(head):
        return [" ".join(line.split()) for line in lines]
    present = [ch for ch in OTHER_SPACES if ch in joined]
    if not present:
        return [
            line if line[:1] != " " and line[-1:] != " " and "  " not in line else " ".join(line.split())
            for line in lines
        ]
    if len(present) == 1:
        space = present[0]
        return [
            line if line[:1] != " " and line[-1:] != " " and "  " not in line and space not in line
            else " ".join(line.split())
            for line in lines
        ]
    return [" ".join(line.split()) for line in lines]


def fold_spaces_only(text: str) -> str:
    """Collapse whitespace runs but keep invisible characters: the form output takes."""
    return _SPACES.sub(" ", text).strip()


def has_invisible(text: str) -> bool:
    # a substring test per character runs at memory speed; a regex class scan does not
    return any(ch in text for ch in INVISIBLE_CHARS)


def is_blank(text: str) -> bool:
    return not fold_whitespace(text)


# The matcher's view of a block (see rules/match.py): camelCase glue split, case folded,
# bullets, arrows and edge punctuation stripped (CJK full-width marks and brackets too:
# "関連記事：" and "【相关阅读】" fold as "関連記事" and "相关阅读").
_GLUE_PATTERN = r"([a-zäöüßàâçéèêëîïôûùüÿñæœ])([A-ZÄÖÜ])"
_GLUE = re.compile(_GLUE_PATTERN)
_GLUE_RE2 = re2.compile(_GLUE_PATTERN)
_TOKEN = re.compile(r"\w+(?:'\w+)*")
_EDGE_CHARS = " \t*+-–—•·▪◦‣●■□►▸▶›‹»«>|#/\\:;,.!?…\"'“”„‘’()[]{}<>→←↑↓【】「」『』〔〕［］（）：；，。！？、・"
_TRAILING = " \t.:;,!?…|»›>→\"'“”‘’)-–—。．！？：；，、】」』）〕］"


def fold(text: str) -> str:
    """The form phrases are matched in: 'Share this articleComments' -> 'share this article comments'."""
    text = _GLUE.sub(r"\1 \2", text)
    return _finish_fold(_fold_chars(text))


def fold_many(
    texts: list[str], whitespace_folded: bool = False, joined: str | None = None, data: bytes | None = None
) -> list[str]:
    """[fold(t) for t in texts], with the character-level steps done once over all texts.

    The glue split, quote mapping and case folding act character by character (casefold
    has no context rules), so they run over the texts joined by line breaks; only the
    edge stripping is per text. The glue split runs in RE2 over UTF-8 bytes, where the
    line-at-a-time `re` scan was the costliest step of measuring a document.
    `whitespace_folded` says every text is already single-spaced with no space at
    either end (block views are): none of these steps adds a space next to another or
    before a colon, so the space collapse is skipped and " :" is mended in one pass.
    `joined`: join_lines(texts), when the caller has it, and `data` its UTF-8 encoding
    (strict: given only when the text holds no lone surrogate).
    """
    if joined is None:
        joined = join_lines(texts)
    if joined is None:  # no texts, or one with its own line break: no shared pass
        return [fold(text) for text in texts]
    if data is None:
        try:
            data = joined.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: RE2 reads UTF-8 only
            data = None
    if data is None:
        joined = _GLUE.sub(r"\1 \2", joined)
    else:
        joined = _GLUE_RE2.sub(rb"\1 \2", data).decode("utf-8")
    if whitespace_folded:
        joined = _fold_chars(joined).replace(" :", ":")
        return [piece.lstrip(_EDGE_CHARS).rstrip(_TRAILING) for piece in joined.split("\n")]
    # _finish_fold, written out: a call per line was a fifth of the cost
    return [
        " ".join(piece.lstrip(_EDGE_CHARS).rstrip(_TRAILING).split()).replace(" :", ":")
        for piece in _fold_chars(joined).split("\n")
    ]


def _fold_chars(text: str) -> str:
    # Turkish capital dotted I casefolds to "i" and a combining dot; read as "i", as the
    # lexicons write it ("İlgili Haberler" -> "ilgili haberler").
    return text.replace("’", "'").replace("‘", "'").replace("İ", "i").casefold()


def _finish_fold(text: str) -> str:
    text = text.lstrip(_EDGE_CHARS).rstrip(_TRAILING)
    # French sets a space before the colon ("Mots-clés : SNCF"); phrases are written without.
    return " ".join(text.split()).replace(" :", ":")


def tokens(folded: str) -> list[str]:
    return _TOKEN.findall(folded)


_WORD = re.compile(r"\w+")
# ASCII text read as lower-cased words: every character \w does not take becomes a space,
# every capital its lower case (str.translate's one-pass ASCII table).
_ASCII_WORDS = str.maketrans({
    chr(c): chr(c).lower() if chr(c).isalnum() or chr(c) == "_" else " " for c in range(128)
})


def lower_words(text: str) -> list[str]:
    """The words (runs of \\w) of the lower-cased text, as the stopword lists are written.

    Text whose word characters are all ASCII (most lines of most pages; typographic
    quotes and dashes are no word characters) goes by ascii_lower_words. Elsewhere
    lowering first can change what \\w matches ("İ" lowers to "i" and a combining
    dot): such text has its words found first, then lowered.
    """
    words = ascii_lower_words(text)
    if words is not None:
        return words
    if "\u0130" in text:
        return [word.lower() for word in _WORD.findall(text)]
    return _WORD.findall(text.lower())


# A word character outside ASCII.
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")
_ASCII_BYTES = bytes(range(128))


def non_ascii(text: str) -> str:
    """The text's characters outside ASCII, in order ("".join of the runs of
    [^\x00-\x7f]): deleted from its UTF-8 bytes, the ASCII ones leave the others whole,
    at C speed (a regex class scan tests every character)."""
    return text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")


def ascii_lower_words(text: str) -> list[str] | None:
    """lower_words(text) when every word character of the text is ASCII, else None.

    The text is translated and split on whitespace in two C passes, a third of the
    regex scan's cost and the same words: every character \\w does not take becomes a
    space. A character outside ASCII that is no word character lowers to none either
    (true of every code point), so it reads as a space too.
    """
    if not text.isascii():
        if _NON_ASCII_WORD.search(non_ascii(text)):  # only the characters it can match are scanned
            return None
        text = text.encode("ascii", "replace").decode("ascii")  # each such character -> "?"
    return text.translate(_ASCII_WORDS).split()
