"""Per-block measures the rules and heuristics read; computed once per block."""
from __future__ import annotations

import re
import string
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

from cleaner.core.document import Block
from cleaner.core.joined import by_mark, join_lines, line_numbers, match_starts
from cleaner.core.normalize import _ASCII_WORDS, _NON_ASCII_WORD, fold, fold_many, lower_words, non_ascii

# Closing characters a sentence may end on: "said." / "said?" / 'said."' / "(AP)." /
# "述べた。" / "说：“好。”" (CJK full stops and their closing quotes).
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*$")
# A sentence break inside a block: two word characters, then . ! or ?, then a space
# ("said. The"); initials and abbreviations ("N. Korea", "U.S. envoy") do not count.
# CJK text puts no space after its full stops: 。！？ (and their closing quotes) then
# any non-space character is a break. (Written mark-first, one character class for both
# kinds, so the regex engine can skip ahead to the next mark; the possessive run keeps
# it linear.)
_SENTENCE_BREAK = re.compile(r"[.!?。！？](?:(?<=\w\w[.!?])[\"'”’»)]*\s|(?<=[。！？])[”’」』）]*+(?=\S))")
# Letters of the scripts written wide (East Asian width W): Hangul Jamo, CJK radicals
# and punctuation, Kana, Bopomofo, CJK ideographs, Hangul syllables, compatibility
# ideographs, full-width forms, and the supplementary ideograph planes. One such
# character carries about what two Latin letters do, so length thresholds count it twice.
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    r"\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
# Letters of the scripts written without spaces between words (Han, Kana, Thai, Lao,
# Khmer, Myanmar): a \w+ run of them is a clause, not a word. Words are estimated from
# their characters (CHARS_PER_WORD) and function words found inside the runs.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3041-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003fffd]"
)
UNSPACED_LETTER = _UNSPACED  # for the rules that split such text themselves
_WIDE_OR_UNSPACED = re.compile(f"{_WIDE.pattern}|{_UNSPACED.pattern}")
# A word or clause with the combining marks of those scripts (Thai, Lao, Myanmar, Khmer
# vowel and tone marks; kana voicing marks), which \w alone does not take.
_UNSPACED_TOKEN = re.compile(r"[\w\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd\u102b-\u103e\u1056-\u1059\u17b4-\u17d3\u3099\u309a]+")
_SOUTHEAST_ASIAN = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
# Characters per word: a Chinese or Japanese word is about 1.7 characters (most are one
# or two); a Thai word, its vowel and tone marks counted, about 4 code points.
CJK_CHARS_PER_WORD = 1.7
SOUTHEAST_ASIAN_CHARS_PER_WORD = 4.0
# Bound for per-block scans: a 1 MB line is measured on its first part only.
MEASURE_MAX_CHARS = 20_000
# The matcher reads the start of a block only (phrases are short).
FOLD_MAX_CHARS = 2000


class Features(NamedTuple):
    chars: int
    words: int  # for scripts written without spaces, an estimate from their characters
    stopwords: int
    letters: int  # alphabetic characters
    ends_sentence: bool
    sentence_marks: int  # . ! ? 。！？ inside the block: how many sentences it holds
    folded: str  # the matcher's view (see rules/match.fold)
    width: int = 0  # length in Latin-letter equivalents: a wide (CJK, Hangul) character counts 2

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
    joined = join_lines(views)  # once for the three passes
    data = strict = None  # its UTF-8 encoding, once for the passes below
    if joined is not None:
        try:
            data = strict = joined.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: fold_many goes its own way
            data = joined.encode("utf-8", "surrogatepass")
    if max(map(len, views), default=0) <= FOLD_MAX_CHARS:
        folded = fold_many(views, whitespace_folded=True, joined=joined, data=strict)
    else:
        folded = fold_many([view[:FOLD_MAX_CHARS] for view in views], whitespace_folded=True)
    marks, closing = sentence_shapes(views, joined)
    letters = count_letters_many(views, joined, data)
    word_lines = _ascii_word_lines(joined, data)
    if word_lines is None:
        distinct = list(map(_measure, texts, views, folded, letters, marks, closing, repeat(stopword_set)))
    else:
        distinct = list(map(_measure_ascii, texts, word_lines, folded, letters, marks, closing, repeat(stopword_set)))
    measured = dict(zip(texts, distinct))
    return Measured([measured[block.text] for block in blocks], texts, distinct)


# _ASCII_WORDS with the line feed kept: the lines of a joined text stay apart.
_ASCII_WORD_LINES = {**_ASCII_WORDS, ord("\n"): "\n"}


def _ascii_word_lines(joined: str | None, data: bytes | None = None) -> list[str] | None:
    """Per line of the joined views, its words (lower_words) separated by spaces, when
    no line holds a word character outside ASCII nor a wide or unspaced letter: then
    every line is measured by _measure_ascii. Else None (_measure, line by line).

    Most pages are such text, typographic quotes and dashes aside: its non-ASCII
    characters are tested once for the whole page, and its words are lowered and split
    out in one translate, where _measure scanned every non-ASCII line twice. They are
    picked out of the UTF-8 bytes by deleting the ASCII ones (a regex class scan of
    the page cost more than the per-line scans it replaced).
    """
    if joined is None:
        return None
    if not joined.isascii():
        # `data`: the joined text's UTF-8 bytes (surrogatepass), when the caller has them
        rare = non_ascii(joined) if data is None else data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        if _NON_ASCII_WORD.search(rare) or _WIDE_OR_UNSPACED.search(rare):
            return None
        joined = joined.encode("ascii", "replace").decode("ascii")  # each such character -> "?"
    return joined.translate(_ASCII_WORD_LINES).split("\n")


def _measure_ascii(
    text: str, word_line: str, folded: str, letters: int, marks: int, ends_sentence: bool,
    stopword_set: frozenset[str],
) -> Features:
    """_measure of a line whose words are ASCII and which holds no wide letter (see
    _ascii_word_lines): its width is its length."""
    words = word_line.split()
    return _new_features(Features, (
        len(text), len(words), sum(map(stopword_set.__contains__, words)), letters, ends_sentence, marks, folded,
        len(text),
    ))


def _view(text: str) -> str:
    return text if len(text) <= MEASURE_MAX_CHARS else text[:MEASURE_MAX_CHARS]


_new_features = tuple.__new__  # Features(...) without the Python-level constructor call


def _measure(
    text: str, view: str, folded: str, letters: int, marks: int, ends_sentence: bool, stopword_set: frozenset[str]
) -> Features:
    if view.isascii() or not _WIDE_OR_UNSPACED.search(view):  # one scan settles most non-ASCII lines
        width = len(text)
    else:
        width = len(text) + len(_WIDE.findall(view))
        if _UNSPACED.search(view):
            # \w stops at the vowel and tone marks of Thai and its neighbours; runs are
            # read with their marks, or no word of those scripts would be whole.
            lowered = view.lower()
            count, stops = _count_words(_UNSPACED_TOKEN.findall(lowered), lowered, stopword_set)
            return _new_features(Features, (len(text), count, stops, letters, ends_sentence, marks, folded, width))
    # the stopword lists are lower case
    words = lower_words(view)
    count, stops = len(words), sum(map(stopword_set.__contains__, words))
    return _new_features(Features, (
        len(text),  # chars
        count,  # words
        stops,  # stopwords
        letters,
        ends_sentence,
        marks,  # sentence_marks
        folded,
        width,
    ))


def _count_words(tokens: list[str], view: str, stopword_set: frozenset[str]) -> tuple[int, int]:
    """(words, stopwords) of a lower-cased view that holds text of a script written
    without spaces, and its tokens (runs of word characters and their marks).

    A run in such a script is a clause: its words are estimated from its characters,
    and its function words are the list's entries in that script found in the view by
    leftmost-longest matching (one trie-shaped pattern, _unspaced_matcher).
    Any other run is one word, a stopword when the list holds it.
    """
    count = stops = 0
    unspaced_chars = 0
    for token in tokens:
        if _UNSPACED.search(token):
            unspaced_chars += len(token)
        else:
            count += 1
            stops += token in stopword_set
    southeast = len(_SOUTHEAST_ASIAN.findall(view))
    east = len(_UNSPACED.findall(view)) - southeast
    other = max(0, unspaced_chars - east - southeast)  # digits and Latin letters inside those runs
    estimate = east / CJK_CHARS_PER_WORD + southeast / SOUTHEAST_ASIAN_CHARS_PER_WORD + other / 5
    matcher = _unspaced_matcher(stopword_set)
    if matcher is not None:
        stops += len(matcher.findall(view))
    return count + max(1, round(estimate)), stops


@lru_cache(maxsize=16)
def _unspaced_matcher(stopword_set: frozenset[str]) -> re.Pattern[str] | None:
    """A pattern finding the list's entries in scripts written without spaces, the longest
    at each place (None when the list has none).

    The entries are laid out as a trie ("การ", "กับ" -> "ก(?:าร|ับ)"): at each character
    at most one branch goes on, and an optional group is left only when no longer entry
    continues, so a match costs at most the longest entry's length in steps, whatever
    the list's size, and the leftmost match found is the longest there.
    """
    entries = [word for word in stopword_set if _UNSPACED.search(word)]
    if not entries:
        return None
    trie: dict = {}
    for word in entries:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(_trie_pattern(trie))


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# _SENTENCE_BREAK for lines joined by line feeds: the same matches, none across a line.
# (scanned mark by mark: a match takes closing quotes and a space after its mark, no other mark)
_SENTENCE_BREAK_LINES = by_mark(".!?。！？", r"(?:(?<=\w\w[.!?])[\"'”’»)]*[^\S\n]|(?<=[。！？])[”’」』）]*+(?=\S))")


# _SENTENCE_END's two classes: a view's last 8 characters match it when, its closing
# characters stripped from their end, they end on a mark (the classes share none).
_MARKS = ".!?…。！？"
_CLOSING = "\"'”’»)]」』）"


def sentence_shapes(views: list[str], joined: str | None = None) -> tuple[list[int], list[bool]]:
    """Per view, the sentence breaks inside it and whether it ends a sentence.

    The same as _SENTENCE_BREAK.findall(view) and _SENTENCE_END.search(view[-8:]) per
    view: the breaks found in one scan over the views joined by line feeds, the ending
    read off each view's last characters (string methods, no scan of the text).
    `joined`: join_lines(views), when the caller has it.
    """
    closing = [tail != "" and tail[-1] in _MARKS for tail in (view[-8:].rstrip(_CLOSING) for view in views)]
    if joined is None:
        joined = join_lines(views)
    if joined is None:
        return [len(_SENTENCE_BREAK.findall(view)) for view in views], closing
    marks = [0] * len(views)
    for line in line_numbers(match_starts(_SENTENCE_BREAK_LINES, joined), joined):
        marks[line] += 1
    return marks, closing


def count_letters_many(views: list[str], joined: str | None = None, data: bytes | None = None) -> list[int]:
    """[count_letters(view) for view in views], the ASCII part counted in one pass over them all
    (`joined`: join_lines(views), and `data` its UTF-8 bytes (surrogatepass), when the caller has them)."""
    if joined is None:
        joined = join_lines(views)
    if joined is None:
        return [count_letters(view) for view in views]
    if data is None:
        data = joined.encode("utf-8", "surrogatepass")
    letters = [
        len(line) - len(rest)
        for line, rest in zip(data.split(b"\n"), data.translate(None, _ASCII_LETTERS).split(b"\n"))
    ]
    if not joined.isascii():
        # each line's non-ASCII characters: its UTF-8 bytes with the ASCII ones deleted
        # (the line feeds kept), at C speed where a regex class scan tested every character
        for k, rare in enumerate(data.translate(None, _ASCII_BUT_LINE_FEED).split(b"\n")):
            if rare:
                letters[k] += sum(map(str.isalpha, rare.decode("utf-8", "surrogatepass")))
    return letters


_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_ASCII_BYTES = bytes(range(128))
_ASCII_BUT_LINE_FEED = _ASCII_BYTES.replace(b"\n", b"")


def count_letters(text: str) -> int:
    """How many characters are str.isalpha(), without a call per character.

    ASCII letters are counted by deleting them from the UTF-8 bytes (every byte of a
    non-ASCII character is >= 0x80, so none is deleted); only the non-ASCII
    characters, a few per line in European text, are asked one by one.
    """
    data = text.encode("utf-8", "surrogatepass")
    letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if not text.isascii():
        letters += sum(map(str.isalpha, data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")))
    return letters
