"""Lists and tables that belong to the article: rows and items dropped for their shape alone come back."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from cleaner.core.document import Block, Verdict
from cleaner.core.heuristics.gaps import is_data_row
from cleaner.core.lexicon import lexicon_languages
from cleaner.core.normalize import fold
from cleaner.core.rules.lexicons import data
from cleaner.core.rules.match import languages_for

# Codes a list item or table row may shake off: shape and column alone.
_LIST_ITEM_CODES = frozenset({"HEUR101", "HEUR002", "HEUR102"})


# A list item is a short line; the first longer line, or the next line that announces
# a list of its own, ends the list.
LIST_ITEM_MAX_CHARS = 80


def keep_introduced_lists(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    """A list announced by a line ending in a colon belongs to the article (the line kept,
    or dropped for its shape alone right after kept text).

    ("The masks were kept in:" / "a machine room" / "the basement"): its items are
    short and poor in function words, so shape alone drops them. Items are told by
    their length, not by list markers: inscriptis writes "*" before them, html-text
    writes nothing, and the same page must keep the same list either way.
    """
    out = list(verdicts)
    for i, block in enumerate(blocks[:-1]):
        if not block.text.endswith(":"):
            continue
        if not verdicts[i].keep:
            # An announcing line dropped for its shape alone right after kept text is the
            # article's own ("... screening of renters." / "Key topics include:"): it
            # comes back with its list when a list follows, and alone when it is a clause
            # of four words or more over a shape-dropped block ("As usual, StackOverflow
            # knows the answer. In short:" over a code block one converter joins into a line).
            if not (i and verdicts[i - 1].keep and verdicts[i].rule in _LIST_ITEM_CODES
                    and (is_list_item(blocks[i + 1]) or len(block.text.split()) >= 4)
                    and verdicts[i + 1].rule in _LIST_ITEM_CODES):
                continue
            out[i] = Verdict(True)
        j = i + 1
        while j < len(blocks) and is_list_item(blocks[j]) and (verdicts[j].keep or verdicts[j].rule in _LIST_ITEM_CODES):
            out[j] = Verdict(True)
            j += 1
    return out


def is_list_item(block: Block) -> bool:
    return len(block.text) <= LIST_ITEM_MAX_CHARS and not block.text.endswith(":")


# Page-to-text converters lay tables out in columns: cells apart by runs of spaces.
_COLUMN_GAP = re.compile(r"\S(?: {3,}|\t)\S")
TABLE_MIN_ROWS = 2


# Not every converter lays a table out in columns: html-text joins a row's cells with one
# space ("73 RenaissanceRe US Group 1,531,322 40.3"). What both renderings keep of a data
# row is its figures: FIGURE_ROW_MIN_RUN lines in a row, each of at most
# FIGURE_ROW_MAX_CHARS characters holding two numbers or more (gaps.is_data_row), are
# table rows whichever converter wrote them, when kept text stands within
# FIGURE_ROW_REACH blocks before them, and after them or among them (a table inside the
# article, under its caption and over its source line, or ending it with its first rows
# kept). Without columns to tell them, opening hours, a sidebar's product specs
# ("8GB/ 1TB") and a league table beside the article would pass for one.
FIGURE_ROW_MIN_RUN = 3
FIGURE_ROW_MAX_CHARS = 160
FIGURE_ROW_REACH = 3


def keep_tables(blocks: list[Block], verdicts: list[Verdict], source: str) -> list[Verdict]:
    """Rows of a table dropped only for their shape or column come back.

    A data row ("apache_builds   2.3 GB/s   0.098 GB/s") is short and poor in function
    words, and converters indent tables apart from the text; it is not boilerplate for
    that. Tables of links carry rule hits, and tables after the article's end still
    meet HEUR104. Rows are lines laid out in columns (inscriptis) or runs of figure rows
    next to kept text (html-text writes no columns; see FIGURE_ROW_MIN_RUN).
    """
    if not any(not v.keep and v.rule in _LIST_ITEM_CODES for v in verdicts):
        return verdicts  # no row to bring back
    is_row = table_rows(blocks, source)
    out = list(verdicts)
    i, n = 0, len(blocks)
    while i < n:
        j = i
        while j < n and is_row[j]:
            j += 1
        if j - i >= TABLE_MIN_ROWS:
            _keep_rows(verdicts, out, i, j)
        i = max(j, i + 1)
    for start, end in figure_runs(blocks, verdicts):
        _keep_rows(verdicts, out, start, end)
    return out


def _keep_rows(verdicts: list[Verdict], out: list[Verdict], start: int, end: int) -> None:
    for k in range(start, end):
        if not verdicts[k].keep and verdicts[k].rule in _LIST_ITEM_CODES:
            out[k] = Verdict(True)


def figure_runs(blocks: list[Block], verdicts: list[Verdict]) -> list[tuple[int, int]]:
    """(start, end) of each run of FIGURE_ROW_MIN_RUN or more figure rows inside the article
    that holds a row dropped for its shape. Only the lines around such a row are read: a
    page's menus and footers are not scanned for numbers."""
    known: dict[int, bool] = {}

    def is_figures(k: int) -> bool:
        found = known.get(k)
        if found is None:
            text = blocks[k].text
            found = known[k] = len(text) <= FIGURE_ROW_MAX_CHARS and is_data_row(text)
        return found

    runs: list[tuple[int, int]] = []
    covered = 0
    for i, verdict in enumerate(verdicts):
        if i < covered or verdict.keep or verdict.rule not in _LIST_ITEM_CODES or not is_figures(i):
            continue
        start, end = i, i + 1
        while start > covered and is_figures(start - 1):
            start -= 1
        while end < len(blocks) and is_figures(end):
            end += 1
        covered = end
        if end - start >= FIGURE_ROW_MIN_RUN and _inside_article(verdicts, start, end):
            runs.append((start, end))
    return runs


def table_rows(blocks: list[Block], source: str) -> list[bool]:
    """Which blocks are laid out in columns: one scan of the input, not one per block.

    A column gap holds only spaces or tabs, so a match never spans two lines.
    """
    if "\t" not in source and "   " not in source:  # no column gap anywhere: skip the scan
        return [False] * len(blocks)
    starts = [b.start for b in blocks]
    rows = [False] * len(blocks)
    for match in _COLUMN_GAP.finditer(source):
        at = bisect_right(starts, match.start()) - 1
        if at >= 0 and match.end() <= blocks[at].end:
            rows[at] = True
    return rows


def _inside_article(verdicts: list[Verdict], start: int, end: int) -> bool:
    """Whether kept text stands within FIGURE_ROW_REACH blocks before the run, and after it
    or among its rows (a table that ends the article, its first rows kept)."""
    if not any(v.keep for v in verdicts[max(0, start - FIGURE_ROW_REACH):start]):
        return False
    return any(v.keep for v in verdicts[start:end + FIGURE_ROW_REACH])


# HEUR109 announced-list. A recipe's "Ingredients" and "Directions", a craft guide's
# "You will need": a header (lexicon [HEUR109] header, matched whole, folded, a colon
# dropped) over a list that is the article's own. Its items are short and poor in
# function words and the header itself is a lone short line, so context drops them all.
# The header must stand within ANNOUNCED_REACH blocks after kept text (a site menu's
# "Ingredients" entry stands among menus, far from any kept line); its items come back up
# to the first line a rule named (a share bar, a "Related" header, a comment form),
# repeats and lines without letters staying out, at most ANNOUNCED_MAX_ITEMS of them.
# A list that heads the article (a recipe's ingredients over its kept directions) stands
# before any kept text: it also counts when its items end at the next list header or at
# kept text, with kept text within ANNOUNCED_AFTER_REACH blocks after them.
ANNOUNCED_REACH = 40
ANNOUNCED_AFTER_REACH = 10
ANNOUNCED_MAX_ITEMS = 80
_ANNOUNCED_ITEM_CODES = frozenset({"HEUR101", "HEUR002"})
_ANNOUNCED_PASS_CODES = frozenset({"HEUR001", "DUP001"})


def keep_announced_lists(blocks: list[Block], folded: list[str], verdicts: list[Verdict],
                         headers: frozenset[str]) -> list[Verdict]:
    """The header and the shape-dropped items of each list a list header announces near kept
    text; the header alone when its items were kept already."""
    if not headers:
        return verdicts
    out = list(verdicts)
    last_kept = -ANNOUNCED_REACH - 1
    n = len(blocks)
    i = 0
    while i < n:
        if verdicts[i].keep:
            last_kept = i
        if folded[i] not in headers:
            i += 1
            continue
        heads_article = last_kept < 0 or i - last_kept > ANNOUNCED_REACH
        items, listed, j = [], False, i + 1
        ended_well = False  # at the next header or at kept text
        while j < n and len(items) < ANNOUNCED_MAX_ITEMS:
            verdict = verdicts[j]
            if folded[j] in headers:
                ended_well = True
                break
            if verdict.keep or verdict.rule in _ANNOUNCED_PASS_CODES:
                listed = listed or verdict.keep
                if verdict.keep and heads_article:
                    ended_well = True
                    break
                j += 1
                continue
            if verdict.rule not in _ANNOUNCED_ITEM_CODES:
                break
            items.append(j)
            j += 1
        if heads_article and not (items and ended_well and _kept_within(verdicts, j, ANNOUNCED_AFTER_REACH)):
            i += 1
            continue
        if items or listed:
            if verdicts[i].rule in _ANNOUNCED_ITEM_CODES:
                out[i] = Verdict(True)
            for k in items:
                out[k] = Verdict(True)
            last_kept = j - 1
        i = j
    return out


def _kept_within(verdicts: list[Verdict], start: int, reach: int) -> bool:
    return any(v.keep for v in verdicts[start:start + reach])


@lru_cache(maxsize=None)
def list_headers(language: str) -> frozenset[str]:
    """The folded list headers of the language's lexicon and English's, or of every lexicon
    when the language has none."""
    languages = languages_for(language) or lexicon_languages()
    return frozenset(fold(h) for lang in languages for h in data(lang, "HEUR109", "header"))


# HEUR110: a question ends so (full-width question marks included).
QUESTION_ENDS = ("?", "\uff1f")


def keep_announced_questions(blocks: list[Block], folded: list[str], verdicts: list[Verdict],
                             headers: frozenset[str]) -> list[Verdict]:
    """A header of questions and answers ('FAQs') over a kept question is the article's
    section title, not a footer's link: it comes back whatever removed it (HEUR110)."""
    if not headers:
        return verdicts
    out = list(verdicts)
    for i in range(len(blocks) - 1):
        if not verdicts[i].keep and folded[i] in headers and verdicts[i + 1].keep \
                and blocks[i + 1].text.endswith(QUESTION_ENDS):
            out[i] = Verdict(True)
    return out


@lru_cache(maxsize=None)
def question_headers(language: str) -> frozenset[str]:
    """The folded question headers of the language's lexicon and English's, or of every
    lexicon when the language has none."""
    languages = languages_for(language) or lexicon_languages()
    return frozenset(fold(h) for lang in languages for h in data(lang, "HEUR110", "header"))


# HEUR150 joined-code. A code block (<pre>) is the article's own: inscriptis writes it line
# by line, short lines the context keeps between the article's text, while html-text may
# join it into one long line, poor in function words, that only shape condemns ("# .tmux.conf
# set-option -g mouse on set-option -s set-clipboard off ..."). A line dropped for its shape
# right under kept text comes back, with the like lines that follow it, when it holds
# CODE_MIN_TOKENS tokens of code or more: a call ("len(", "ctypes.cast("), an assignment
# ("port = 80"), a snake_case name, a command-line option ("-g"), a closing brace or
# semicolon, a comment's "# ". Prose holds hardly any (one "x = 5", one "(see above)"); a
# line of markup ("<form class=...>") leaked from a widget is no code shown to the reader.
CODE_MIN_TOKENS = 3
_CODE_TOKEN = re.compile(
    r"(?<![\w.])[A-Za-z_][\w.]*\((?!\s*\))"  # a call with arguments
    r"|\b[A-Za-z_]\w*\s?=\s?(?=[\w\"'(\[{-])"  # an assignment
    r"|\b[a-z]+_\w"                       # a snake_case name
    r"|(?<!\S)--?[A-Za-z][\w-]*(?=\s)"    # a command-line option
    r"|[{};]\s*$|^#\s"                    # a closing brace or semicolon, a comment
)
_CODE_CODES = frozenset({"HEUR002", "HEUR101"})


def is_code_line(text: str) -> bool:
    if text.startswith("<"):
        return False
    found = 0
    for _ in _CODE_TOKEN.finditer(text, 0, 2000):
        found += 1
        if found >= CODE_MIN_TOKENS:
            return True
    return False


def keep_joined_code(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    """Shape-dropped lines of code right under kept text come back (HEUR150)."""
    out = verdicts
    i, n = 1, len(blocks)
    while i < n:
        if verdicts[i].keep or verdicts[i].rule not in _CODE_CODES or not verdicts[i - 1].keep \
                or not is_code_line(blocks[i].text):
            i += 1
            continue
        if out is verdicts:
            out = list(verdicts)
        while i < n and not verdicts[i].keep and verdicts[i].rule in _CODE_CODES and is_code_line(blocks[i].text):
            out[i] = Verdict(True)
            i += 1
    return out
