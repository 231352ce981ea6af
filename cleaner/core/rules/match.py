"""The one phrase matcher every lexicon-backed rule uses.

A block's text is folded (camelCase glue split, case-folded, bullets and trailing
punctuation stripped), then looked up in hash sets: `line` is the whole folded text,
`start`/`end` are prefixes/suffixes ending on a word boundary, `contains` is a run of
whole words. `regex` entries are RE2 patterns (linear-time) on the unfolded view of
short blocks. No step backtracks, so hostile input costs linear time. For a whole
document, screen() and candidates() first run two RE2 scans and a first- and last-word lookup over all its lines at
once, and find() runs only on the lines they let through.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import re2

from cleaner.core.document import Strength
from cleaner.core.joined import encode_lines, join_lines, line_numbers, without_surrogates
from cleaner.core.lexicon import lexicon_languages, re2_options
from cleaner.core.rules.lexicons import load_lexicon
from cleaner.core.normalize import fold, tokens

# A start/end/contains/regex hit decides alone only on a block this short; on a longer
# one it is a suggestion ("Tags darauf ..." is a sentence, "Tags Donald Trump" is not).
CERTAIN_MAX_WORDS = 25
# Regexes read only blocks up to this length: boilerplate lines are short, and a bound
# keeps the cost of every pattern flat on a 1 MB single-line input.
REGEX_MAX_CHARS = 400

@dataclass
class Matcher:
    """Every phrase rule of some languages, merged into lookup tables."""

    line: dict[str, str] = field(default_factory=dict)
    # start/end phrases indexed by their first/last word, so a block costs one lookup
    start: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    end: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # contains phrases indexed by their first token: one lookup per token of a block
    contains: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    regex: list[tuple[object, str]] = field(default_factory=list)
    # All patterns in one RE2 program, for a block find() must scan on its own; built on
    # first need, as screen() answers for nearly every block.
    _any_regex: object | None = field(default=None, repr=False)
    origin: dict[tuple[str, str], str] = field(default_factory=dict)  # (code, phrase) -> language
    _joined: tuple[object, object] | None = field(default=None, repr=False)  # see _programs
    # start (end) keys -> the tuple of their phrases, for one C-level startswith (endswith)
    _affix_tuples: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] | None = field(
        default=None, repr=False)

    def add(self, language: str, code: str, entry: dict[str, tuple[str, ...]]) -> None:
        """Merge one rule's entries; seal() compiles the combined programs after the last add."""
        self._joined = None
        self._affix_tuples = None
        for phrase in entry.get("line", ()):
            self._put(self.line, fold(phrase), code, language)
        for phrase in entry.get("start", ()):
            key = fold_affix(phrase)
            self._add_affix(self.start.setdefault(_first_word(key), []), key, code, language)
        for phrase in entry.get("end", ()):
            key = fold(phrase)
            self._add_affix(self.end.setdefault(_last_word(key), []), key, code, language)
        for phrase in entry.get("contains", ()):
            key = tuple(tokens(fold(phrase)))
            bucket = self.contains.setdefault(key[0], []) if key else []
            if key and all(key != known for known, _ in bucket):
                bucket.append((key, code))
                bucket.sort(key=lambda item: -len(item[0]))
                self.origin[(code, " ".join(key))] = language
        for pattern in entry.get("regex", ()):
            self.regex.append((re2.compile(pattern, _RE2_OPTIONS), code))
            self.origin[(code, pattern)] = language
        if entry.get("regex"):
            self._any_regex = None

    def seal(self) -> "Matcher":
        """Compile the combined programs once, after the last add()."""
        self._programs()
        self._affixes()
        return self

    @property
    def any_regex(self) -> object | None:
        if self._any_regex is None and self.regex:
            self._any_regex = re2.compile("|".join(f"(?:{p.pattern})" for p, _ in self.regex), _RE2_OPTIONS)
        return self._any_regex

    def _add_affix(self, bucket: list[tuple[str, str]], key: str, code: str, language: str) -> None:
        if key and all(key != known for known, _ in bucket):
            bucket.append((key, code))
            # longest first, so "sign up for our newsletter" wins over "sign up"
            bucket.sort(key=lambda item: -len(item[0]))
            self.origin[(code, key)] = language

    def _put(self, table: dict, key, code: str, language: str) -> None:
        # The first language to claim a phrase keeps it; a phrase is one rule's evidence.
        if key and key not in table:
            table[key] = code
            self.origin[(code, key if isinstance(key, str) else " ".join(key))] = language

    def find(
        self, text: str, folded: str, words: int, regex_hit: bool | None = None, may_contain: bool = True
    ) -> tuple[str, str, str, Strength] | None:
        """First hit on a block: (code, mode, evidence, strength), or None.

        `regex_hit` and `may_contain` come from screen() when a whole document is
        matched: whether the regex program matches the text, and False when no
        contains phrase can be in it. Left out, the block is scanned on its own.
        """
        code = self.line.get(folded)
        if code:
            return code, "line", folded, Strength.CERTAIN
        strength = Strength.CERTAIN if words <= CERTAIN_MAX_WORDS else Strength.SUGGEST
        for phrase, code in self.start.get(_first_word(folded), ()):
            if folded.startswith(phrase) and _boundary(folded, len(phrase)):
                return code, "start", phrase, strength
        for phrase, code in self.end.get(_last_word(folded), ()):
            if folded.endswith(phrase) and _boundary(folded, len(folded) - len(phrase)):
                return code, "end", phrase, strength
        if (
            len(text) <= REGEX_MAX_CHARS
            and self.regex
            and (_search(self.any_regex, text) if regex_hit is None else regex_hit)
        ):
            for pattern, code in self.regex:
                if _search(pattern, text):
                    return code, "regex", pattern.pattern, strength
        if self.contains and may_contain:
            found = self._find_contained(tokens(folded))
            if found:
                return found[0], "contains", found[1], strength
        return None

    def _find_contained(self, toks: list[str]) -> tuple[str, str] | None:
        # Most blocks hold no phrase's first word: one set test in C rules them out.
        if self.contains.keys().isdisjoint(toks):
            return None
        for i, tok in enumerate(toks):
            for phrase, code in self.contains.get(tok, ()):
                if tuple(toks[i:i + len(phrase)]) == phrase:
                    return code, " ".join(phrase)
        return None


    def screen(
        self, texts: list[str], folded: list[str], folded_data: bytes | None = None
    ) -> tuple[list[bool | None], list[bool]]:
        """find()'s `regex_hit` and `may_contain` for many blocks at once.

        Each comes from one RE2 scan over the blocks joined by line feeds, in multi-line
        mode with line feeds excluded from every match, so a match never spans two
        blocks: this replaces a Python-level RE2 call per block. The contains screen
        asks only whether a phrase's tokens occur with nothing but non-word characters
        between them, so it may say yes where the exact token test then says no, never
        the reverse. When the blocks cannot be joined exactly, the answers are None /
        True: decide per block. `folded_data`: encode_lines(folded), when the caller has it.
        """
        regex_program, contains_program = self._programs()
        regex_hits: list[bool | None] = [False] * len(texts)
        if regex_program is not None:
            short = [t if len(t) <= REGEX_MAX_CHARS else "" for t in texts]
            regex_hits = _lines_matching(regex_program, short) or [None] * len(texts)
        may_contain = [False] * len(texts)
        if contains_program is not None:
            may_contain = _lines_matching(contains_program, folded, folded_data) or [True] * len(texts)
        return regex_hits, may_contain

    def candidates(
        self, texts: list[str], folded: list[str], folded_data: bytes | None = None
    ) -> list[tuple[int, bool | None, bool]]:
        """(index, regex_hit, may_contain) of the blocks find() may claim; it claims no other.

        Most blocks of a page match nothing: both screens say no, their whole text is
        no line phrase, and it neither starts with a start phrase filed under its first
        word nor ends with an end phrase filed under its last (find() also asks for a
        word boundary there); find() runs on the few that remain. Common first words
        ("the", "by") key start phrases, so a key alone let a third of the lines through.
        The contains screen scans one encoding of the folded views (`folded_data`, else
        made here).
        """
        regex_hits, may_contain = self.screen(texts, folded, folded_data)
        firsts, lasts = _edge_words(folded)
        line = self.line
        starts, ends = self._affixes()
        return [
            (i, regex_hits[i], may_contain[i])
            for i in range(len(texts))
            if regex_hits[i] is not False or may_contain[i] or folded[i] in line
            or folded[i].startswith(starts.get(firsts[i], ())) or folded[i].endswith(ends.get(lasts[i], ()))
        ]

    def _affixes(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        """The start and end tables with each bucket's phrases as one tuple (built once)."""
        if self._affix_tuples is None:
            self._affix_tuples = (
                {key: tuple(phrase for phrase, _ in bucket) for key, bucket in self.start.items()},
                {key: tuple(phrase for phrase, _ in bucket) for key, bucket in self.end.items()},
            )
        return self._affix_tuples

    def _programs(self) -> tuple[object | None, object | None]:
        """The regex patterns and the contains screen as multi-line RE2 programs (built once)."""
        if self._joined is None:
            regex = "|".join(f"(?:{p.pattern})" for p, _ in self.regex)
            phrases = [key for bucket in self.contains.values() for key, _ in bucket]
            contains = "|".join(_TOKEN_GAP.join(map(_latin1_literal, key)) for key in phrases)
            self._joined = (
                re2.compile(f"(?m){regex}", _JOINED_OPTIONS) if regex else None,
                re2.compile(contains.encode("latin-1"), _BYTES_OPTIONS) if contains else None,
            )
        return self._joined


def _lines_matching(program, lines: list[str], data: bytes | None = None) -> list[bool] | None:
    """Which lines the program matches somewhere, in one scan of the lines joined by line feeds
    (`data`: encode_lines(lines), when the caller has it).

    None when the lines cannot be joined exactly (one holds a line feed).
    """
    if data is None:
        data = encode_lines(lines)
        if data is None:
            return None
    flags = [False] * len(lines)
    for line in line_numbers(_first_match_per_line(program, data), data):
        flags[line] = True
    return flags


_UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED if hasattr(re2, "_re2") else None


def _first_match_per_line(program, data: bytes) -> Iterator[int]:
    """Where the program first matches in each line of the data that it matches (lines
    joined by line feeds; the program matches no line feed).

    Only whether a line matches is asked, so after a match the scan goes on at the next
    line. RE2 is called through the binding's compiled program when it has one: the
    module's Python-level search builds a generator and a match object per hit, which
    cost more than the scan itself on a short page.
    """
    regexp = getattr(program, "_regexp", None) if _UNANCHORED is not None else None
    pos, end = 0, len(data)
    while True:
        if regexp is not None:
            start = regexp.Match(_UNANCHORED, data, pos, end)[0][0]
        else:
            found = program.search(data, pos)
            start = -1 if found is None else found.start()
        if start < 0:
            return
        yield start
        pos = data.find(b"\n", start) + 1
        if pos == 0:
            return


def lines_matching(program, lines: list[str], data: bytes | None = None) -> list[bool]:
    """Which lines an RE2 program matches somewhere: one scan of the lines joined by line
    feeds (the program must match neither a line feed nor a carriage return, which
    stands in for a line feed inside a line). `data`: encode_lines(lines), when the
    caller has it (several programs scan the same lines)."""
    flags = _lines_matching(program, lines, data)
    if flags is None and any("\n" in line for line in lines):
        flags = _lines_matching(program, [line.replace("\n", "\r") for line in lines])
    return flags if flags is not None else [_search(program, line) for line in lines]


def _search(program, text: str) -> bool:
    try:
        return program.search(text) is not None
    except UnicodeEncodeError:  # RE2 reads UTF-8, which cannot carry a lone surrogate
        return program.search(without_surrogates(text)) is not None


def fold_affix(phrase: str) -> str:
    """Fold a start phrase but keep a final colon: "tags:" must not match "Tags darauf"."""
    key = fold(phrase)
    return key + ":" if key and phrase.rstrip().endswith(":") else key


_RE2_OPTIONS = re2_options()
# For blocks joined by line feeds: no match may contain one.
_JOINED_OPTIONS = re2_options()
_JOINED_OPTIONS.never_nl = True
_FIRST_WORD = re.compile(r"^\w*")
# The contains screen: a phrase's tokens with nothing but non-word characters between
# them, a superset of the token test. It runs on the UTF-8 bytes read as Latin-1, where
# every byte of a non-ASCII character counts as a possible gap (more lines pass the
# screen, none is missed) and the automaton stays small: a ".*" between tokens, or a
# Unicode gap class, outgrew RE2's memory budget and fell back to its slow engine, up
# to 10 ms a page.
_TOKEN_GAP = r"[^a-zA-Z0-9_\n]+"
_BYTES_OPTIONS = re2_options()
_BYTES_OPTIONS.never_nl = True
_BYTES_OPTIONS.encoding = re2.Options.Encoding.LATIN1


def _latin1_literal(token: str) -> str:
    """A token as a pattern over its UTF-8 bytes, each byte one Latin-1 character."""
    return "".join(re.escape(chr(byte)) for byte in token.encode("utf-8"))


def _first_word(folded: str) -> str:
    return _FIRST_WORD.match(folded).group()  # type: ignore[union-attr]


def _last_word(folded: str) -> str:
    # the trailing word run of a bounded tail, read as the leading run of its mirror
    # ("\w*$" searched forwards retries at every position)
    return _FIRST_WORD.match(folded[-64:][::-1]).group()[::-1]  # type: ignore[union-attr]


# Each line's first word, in one C-level scan of the lines joined by line feeds with a
# line feed before the first: the word run after every line feed (an empty one
# included), so one per line. Led by a literal, the scan jumps from line feed to line
# feed; "(?m)^\w*" tried the anchor at every character, several times slower.
_LINE_FIRST_WORDS = re.compile(r"\n(\w*)")


def _edge_words(folded: list[str]) -> tuple[list[str], list[str]]:
    """[_first_word(f) for f in folded] and [_last_word(f) for f in folded].

    Two scans of the joined views (the last words as the first words of the mirrored
    text, cut to _last_word's 64 characters) replace two regex calls per line: every
    line is looked up, where an RE2 screen for lines that might hold a start or end
    phrase passed most lines of a page and cost more than the lookups it saved.
    """
    joined = join_lines(folded)
    if joined is not None:
        firsts = _LINE_FIRST_WORDS.findall("\n" + joined)
        lasts = [word[:64][::-1] for word in reversed(_LINE_FIRST_WORDS.findall("\n" + joined[::-1]))]
        if len(firsts) == len(lasts) == len(folded):
            return firsts, lasts
    return [_first_word(f) for f in folded], [_last_word(f) for f in folded]


def _boundary(folded: str, cut: int) -> bool:
    """A prefix/suffix counts only when it ends on a word boundary."""
    if cut <= 0 or cut >= len(folded):
        return True
    left, right = folded[cut - 1], folded[cut]
    return not (left.isalnum() and right.isalnum())


@lru_cache(maxsize=64)
def matcher_for(languages: tuple[str, ...]) -> Matcher:
    """Merged tables for these languages (all lexicons when the tuple is empty)."""
    matcher = Matcher()
    for language in languages or lexicon_languages():
        for code, entry in load_lexicon(language).items():
            matcher.add(language, code, entry)
    return matcher.seal()


def languages_for(language: str) -> tuple[str, ...]:
    """The document's own lexicon plus English, the web's interface language; all if unknown."""
    available = lexicon_languages()
    if language not in available:
        return ()
    return (language,) if language == "en" else (language, "en")
