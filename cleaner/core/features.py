"""Per-block measures the rules and heuristics read; computed once per block."""
from __future__ import annotations

import re
import string
from itertools import repeat
from typing import NamedTuple

from cleaner.core.document import Block
from cleaner.core.joined import join_lines, line_numbers
from cleaner.core.normalize import fold, fold_many

_WORD = re.compile(r"\w+")
# Closing characters a sentence may end on: "said." / "said?" / 'said."' / "(AP)."
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# A sentence break inside a block: two word characters, then . ! or ?, then a space
# ("said. The"); initials and abbreviations ("N. Korea", "U.S. envoy") do not count.
# (Written mark-first so the regex engine can skip ahead to the next . ! or ?.)
_SENTENCE_BREAK = re.compile(r"[.!?](?<=\w\w[.!?])[\"'”’»)]*\s")
# Bound for per-block scans: a 1 MB line is measured on its first part only.
MEASURE_MAX_CHARS = 20_000
# The matcher reads the start of a block only (phrases are short).
FOLD_MAX_CHARS = 2000


class Features(NamedTuple):
    chars: int
    words: int
    stopwords: int
    letters: int  # alphabetic characters
    ends_sentence: bool
    sentence_marks: int  # . ! ? inside the block: how many sentences it holds
    folded: str  # the matcher's view (see rules/match.fold)

    @property
    def stopword_density(self) -> float:
        return self.stopwords / self.words if self.words else 0.0

    @property
    def letter_ratio(self) -> float:
        return self.letters / self.chars if self.chars else 0.0


def measure(block: Block, stopword_set: frozenset[str]) -> Features:
    view = _view(block.text)
    return _measure(
        block.text, view, fold(view[:FOLD_MAX_CHARS]), count_letters(view), len(_SENTENCE_BREAK.findall(view)),
        _SENTENCE_END.search(view[-8:]) is not None, stopword_set,
    )


class Measured(NamedTuple):
    """A document's measures: per block, and per distinct line (in first-seen order)."""

    per_block: list[Features]
    texts: list[str]  # the distinct lines
    distinct: list[Features]  # their measures; repeats of a line share its record


def measure_all(blocks: list[Block], stopword_set: frozenset[str]) -> list[Features]:
    """Measures for every block; a line repeated on the page is measured once."""
    return measure_document(blocks, stopword_set).per_block


def measure_document(blocks: list[Block], stopword_set: frozenset[str]) -> Measured:
    """Measures of every distinct line, and of every block.

    The folded views, letter counts and sentence breaks of all distinct lines are each
    found in one pass over the lines joined by line feeds (fold_many, count_letters_many,
    sentence_shapes), which costs a fraction of a pass per line.
    """
    texts = list(dict.fromkeys([block.text for block in blocks]))
    views = [text if len(text) <= MEASURE_MAX_CHARS else text[:MEASURE_MAX_CHARS] for text in texts]
    folded = fold_many([view[:FOLD_MAX_CHARS] for view in views], whitespace_folded=True)
    marks, closing = sentence_shapes(views)
    distinct = list(map(_measure, texts, views, folded, count_letters_many(views), marks, closing, repeat(stopword_set)))
    measured = dict(zip(texts, distinct))
    return Measured([measured[block.text] for block in blocks], texts, distinct)


def _view(text: str) -> str:
    return text if len(text) <= MEASURE_MAX_CHARS else text[:MEASURE_MAX_CHARS]


_new_features = tuple.__new__  # Features(...) without the Python-level constructor call


def _measure(
    text: str, view: str, folded: str, letters: int, marks: int, ends_sentence: bool, stopword_set: frozenset[str]
) -> Features:
    # Words are found in the lower-cased view (the stopword lists are lower case), which
    # splits them as the view does except at U+0130, whose lower case adds a combining
    # mark (a non-word character): that one is lowered word by word.
    if "\u0130" in view:
        words = [word.lower() for word in _WORD.findall(view)]
    else:
        words = _WORD.findall(view.lower())
    return _new_features(Features, (
        len(text),  # chars
        len(words),  # words
        sum(map(stopword_set.__contains__, words)),  # stopwords
        letters,
        ends_sentence,
        marks,  # sentence_marks
        folded,
    ))


# _SENTENCE_BREAK for lines joined by line feeds: the same matches, none across a line.
_SENTENCE_BREAK_LINES = re.compile(r"[.!?](?<=\w\w[.!?])[\"'”’»)]*[^\S\n]")


# _SENTENCE_END on a view's last 8 characters, for lines joined by line feeds.
_SENTENCE_END_LINES = re.compile(r"[.!?…][\"'”’»)\]]{0,7}$", re.MULTILINE)


def sentence_shapes(views: list[str]) -> tuple[list[int], list[bool]]:
    """Per view, the sentence breaks inside it and whether it ends a sentence.

    The same as _SENTENCE_BREAK.findall(view) and _SENTENCE_END.search(view[-8:]) per
    view, found in one scan each over the views joined by line feeds.
    """
    joined = join_lines(views)
    if joined is None:
        return ([len(_SENTENCE_BREAK.findall(view)) for view in views],
                [_SENTENCE_END.search(view[-8:]) is not None for view in views])
    marks = [0] * len(views)
    closing = [False] * len(views)
    for line in line_numbers((m.start() for m in _SENTENCE_BREAK_LINES.finditer(joined)), joined):
        marks[line] += 1
    for line in line_numbers((m.start() for m in _SENTENCE_END_LINES.finditer(joined)), joined):
        closing[line] = True
    return marks, closing


def count_letters_many(views: list[str]) -> list[int]:
    """[count_letters(view) for view in views], the ASCII part counted in one pass over them all."""
    joined = join_lines(views)
    if joined is None:
        return [count_letters(view) for view in views]
    data = joined.encode("utf-8", "surrogatepass")
    letters = [
        len(line) - len(rest)
        for line, rest in zip(data.split(b"\n"), data.translate(None, _ASCII_LETTERS).split(b"\n"))
    ]
    if not joined.isascii():
        for k, view in enumerate(views):
            if not view.isascii():
                letters[k] += sum(map(str.isalpha, "".join(_NON_ASCII.findall(view))))
    return letters


_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def count_letters(text: str) -> int:
    """How many characters are str.isalpha(), without a call per character.

    ASCII letters are counted by deleting them from the UTF-8 bytes (every byte of a
    non-ASCII character is >= 0x80, so none is deleted); only the non-ASCII
    characters, a few per line in European text, are asked one by one.
    """
    data = text.encode("utf-8", "surrogatepass")
    letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if not text.isascii():
        letters += sum(map(str.isalpha, "".join(_NON_ASCII.findall(text))))
    return letters
