"""Win back article paragraphs the extractor dropped, from the pruned page's own lines.

trafilatura keeps whole blocks or nothing; on the dev corpus most of the article text
HTML mode missed was paragraphs it left out next to paragraphs it took (a paragraph
after an inline ad, a lead in its own wrapper, the closing paragraph under a widget).
The pruned page's text (one line per block, `pruned_text`) still holds them. A page line
is "extracted" when its text occurs in the extract, searched in document order; a line
that was not extracted comes back when it reads as prose (long, ends like a sentence)
and sits within NEAR_LINES lines of a kept one: an extracted line or a line recovered
already, so a run of paragraphs left out next to the extract comes back whole. Next to
a thin extract (a small share of the page's text: one post of a thread) the reach is
longer and shorter paragraphs count. Short lines (menus, captions, bylines), excerpts cut
off with an ellipsis (teasers) never come back, nor does anything far from the kept
region, nor a line whose words the extract holds already in another shape (a <pre> block
rendered apart): that would print the text twice.

Recovered lines are inserted into the extract after the extract line that holds the
page's previous extracted line, so the text keeps page order and every character of
the result comes from the page: nothing is invented. The text path then judges the
recovered lines with the same rules as the rest.

Cost is linear: each page line is searched in a window of SEARCH_WINDOW characters
from where the previous extracted line ended, and pages with more than MAX_PAGE_LINES
lines are left as extracted (they are listings, not articles).
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import AbstractSet

# Chosen on the dev corpus (bench/quality.py): 140 characters keeps teasers and
# captions out; 2 lines reaches a paragraph behind one dropped widget line.
PROSE_MIN_CHARS = 140
NEAR_LINES = 2
# A heading comes back before extracted text this many lines on: a teaser's byline and
# date stand between its title and its text.
HEADING_NEAR_LINES = 3
SENTENCE_ENDS = (".", "!", "?", '"', "\u201c", "\u201d", "\u00bb", "\u00ab", ":", "\u2026")
# An excerpt cut off by the page (a teaser of another article, "Read more") ends so.
TRUNCATED_ENDS = ("\u2026", "...")
# A thin extract, under this share of the pruned page's text, is often the first of
# several blocks of the main text (the first post of a thread, a service page's first
# section): recovery then reaches THIN_NEAR_LINES lines (past a post's author, date and
# reactions) and takes paragraphs of THIN_PROSE_MIN_CHARS. Chosen on dev2 (shares
# 0.2-0.5, reach 4-8 and 40-80 characters within 0.002 of each other; dev unchanged).
THIN_EXTRACT_SHARE = 0.3
THIN_NEAR_LINES = 6
THIN_PROSE_MIN_CHARS = 60
# A lead (between the headline and the extract) may be shorter, but must end like one.
LEAD_MIN_CHARS = 80
SEARCH_WINDOW = 20_000
# Lines shorter than this (and lines the page repeats) are matched only between the hits
# of the longer lines around them (see _find_in_extract).
SHORT_LINE_CHARS = 40
# How trafilatura's text output opens a list item's line.
ITEM_DASH = "- "
# A line the in-order search missed although the extract holds most of it (a <pre> block
# whose inner markup the extractor rendered apart, a paragraph it merged with a caption)
# is not recovered: it would print the text twice. "Most": COVERED_SHARE of the line's
# runs of WINDOW_WORDS words occur in the extract (0.5-0.9 gave the same F1 on dev2).
# A page heading is exempt: it is a line of its own, and its words elsewhere in the extract
# (a contents line listing the sections, a teaser's or an embed's title) do not make it a
# copy (dev2 HTML headings +21, F1 unchanged within noise; dev unchanged).
COVERED_SHARE = 0.7
COVERED_MIN_CHARS = 60
WINDOW_WORDS = 5
MAX_PAGE_LINES = 5_000


def recover_dropped_prose(extracted: str, page_lines: list[str], headline: str | None = None,
                          *, folded: bool = False, headings: AbstractSet[str] = frozenset(),
                          records: list[bool] | None = None) -> str:
    """`extracted` with the prose lines of the page next to it that it left out.

    `folded`: the page lines have their whitespace runs folded already (`pruned_text`'s do).
    `headings`: the page's heading texts (folded); such a line the extractor left out
    comes back between extracted text: after an extracted line and right before another
    (trafilatura drops many subheadings that sit in their own wrapper between the
    paragraphs it takes).
    `records`: for each page line, whether it belongs to the page's record group (a
    listing's cards, cleaner/html/records.py); such lines are kept, in page order, the
    extract may then be empty. On such a page the headings are kept too (a listing's
    section titles, its category tiles: the menus' and sidebars' are pruned already).
    """
    if (records is None and not extracted.strip()) or not page_lines or len(page_lines) > MAX_PAGE_LINES:
        return extracted
    extract_lines = extracted.split("\n") if extracted.strip() else []
    folded_extract = [_fold(line) for line in extract_lines]
    page = page_lines if folded else [_fold(line) for line in page_lines]
    found = _find_in_extract(page, folded_extract, headings)
    if records is None and not any(end is not None for end in found):
        return extracted
    lead = _lead_lines(page, found, headline)
    # The in-order search misses a line the extract holds out of page order (trafilatura
    # moves a block, or the page prints it twice): such a line is in the result already.
    present = set(folded_extract)
    kept = _kept_lines(page, found, present, lead)
    if records is not None:
        kept = [k or r or line in headings for k, r, line in zip(kept, records, page)]
    inserts: dict[int, list[str]] = {}
    anchor = -1  # extract line after which the next recovered line goes
    windows = None
    for i, line in enumerate(page):
        if found[i] is not None:
            anchor = found[i]
        elif line in present and not (records is not None and records[i] and len(line) < SHORT_LINE_CHARS):
            # (a record's short label repeats from card to card: "Winner", "$20")
            continue
        elif kept[i] or (line in headings and anchor >= 0 and _kept_next(kept, i)):
            if len(line) >= COVERED_MIN_CHARS and line not in headings:
                if windows is None:
                    windows = _word_windows(" ".join(folded_extract).split())
                if _covered(line, windows) >= COVERED_SHARE:
                    continue
            inserts.setdefault(anchor, []).append(line)
            present.add(line)
    if not inserts:
        return extracted
    out = list(inserts.get(-1, ()))
    for j, line in enumerate(extract_lines):
        out.append(line)
        out.extend(inserts.get(j, ()))
    return "\n".join(out)


def _kept_lines(page: list[str], found: list[int | None], present: AbstractSet[str],
                lead: range) -> list[bool]:
    """Which page lines the result holds: the extracted ones, the lead, and the prose
    lines within NEAR_LINES lines of a kept line. A recovered paragraph counts as kept in
    turn, so a run of paragraphs the extractor left out next to what it took comes back
    whole (an article's second half under a widget), read forwards and backwards. Next
    to a thin extract (under THIN_EXTRACT_SHARE of the page's text) the reach is
    THIN_NEAR_LINES and shorter paragraphs count."""
    n = len(page)
    kept = [end is not None for end in found]
    for i in lead:
        if is_lead(page[i]) and page[i] not in present:
            kept[i] = True
    near, min_chars = NEAR_LINES, PROSE_MIN_CHARS
    if sum(len(page[i]) for i in range(n) if kept[i]) < THIN_EXTRACT_SHARE * sum(map(len, page)):
        near, min_chars = THIN_NEAR_LINES, THIN_PROSE_MIN_CHARS
    prose = [not kept[i] and page[i] not in present and is_prose(page[i], min_chars) for i in range(n)]
    last = -near - 1
    for i in range(n):
        if kept[i]:
            last = i
        elif prose[i] and i - last <= near:
            kept[i] = True
            last = i
    following = n + near
    for i in range(n - 1, -1, -1):
        if kept[i]:
            following = i
        elif prose[i] and following - i <= near:
            kept[i] = True
            following = i
    return kept


def _word_windows(words: list[str]) -> set[tuple[str, ...]]:
    """The runs of WINDOW_WORDS consecutive words (one run of all of them when fewer)."""
    return {tuple(words[k:k + WINDOW_WORDS]) for k in range(max(1, len(words) - WINDOW_WORDS + 1))}


def _covered(line: str, windows: set[tuple[str, ...]]) -> float:
    """The share of the line's word runs that the extract holds."""
    mine = _word_windows(line.split())
    return sum(1 for w in mine if w in windows) / len(mine)


def extracted_lines(page: list[str], extract_lines: list[str],
                    whole: AbstractSet[str] = frozenset()) -> list[int | None]:
    """For each folded page line, the index of the extract line where it ends, or None.

    The extract is searched as one folded string, in page order: a hit moves the search
    start past it, so the pass is linear and a short line cannot match text that comes
    before the previous hit. A line in `whole` (a heading) counts only as a whole extract
    line: "Private cloud" is not extracted by "Private clouds are built ...", or as the
    opening words of a list item's line ("- What is X? X is ..."): trafilatura writes a
    heading that opens a list item on the item's line.
    """
    return _find_in_extract(page, [_fold(line) for line in extract_lines], whole)


def _find_in_extract(page: list[str], folded: list[str], whole: AbstractSet[str]) -> list[int | None]:
    """extracted_lines, on extract lines folded already.

    Long lines (SHORT_LINE_CHARS and more) that the page holds once are matched first, in
    page order; a short line (a menu entry, a filter's label, a card's title) or one the
    page repeats (a promo under each section) may stand anywhere in the extract, so it is
    looked for only between the hits of the lines around it: "EMS" of a menu found in the
    last paragraph would carry the search past the whole article.
    """
    text = " ".join(folded)
    # ends[j]: offset in `text` just past extract line j, to map a match to its line.
    ends, offset = [], 0
    for line in folded:
        offset += len(line)
        ends.append(offset)
        offset += 1
    whole_lines = {(end - len(line), end) for end, line in zip(ends, folded)} if whole else set()
    # where the text of each item line starts (past its "- "), and where that line ends
    item_lines = {end - len(line) + len(ITEM_DASH): end for end, line in zip(ends, folded)
                  if line.startswith(ITEM_DASH)} if whole else {}

    def accepted(line: str, hit: int) -> bool:
        return hit >= 0 and (line not in whole or (hit, hit + len(line)) in whole_lines
                             or _opens_item(text, hit, len(line), item_lines))

    hits: list[int | None] = [None] * len(page)  # where each matched line ends in `text`
    counts = Counter(page)
    anchors = [len(line) >= SHORT_LINE_CHARS and counts[line] == 1 for line in page]
    pos = 0
    for i, line in enumerate(page):
        if anchors[i]:
            hit = text.find(line, pos, pos + SEARCH_WINDOW + len(line))
            if accepted(line, hit):
                pos = hits[i] = hit + len(line)
    # the start of the next long line's hit after each page line (the short lines' bound)
    bounds: list[int] = [0] * len(page)
    bound = len(text)
    for i in range(len(page) - 1, -1, -1):
        bounds[i] = bound
        if hits[i] is not None:
            bound = hits[i] - len(page[i])
    pos = 0
    for i, line in enumerate(page):
        if hits[i] is not None:
            pos = hits[i]
        elif line and not anchors[i]:
            hit = text.find(line, pos, min(bounds[i], pos + SEARCH_WINDOW + len(line)))
            if accepted(line, hit):
                pos = hits[i] = hit + len(line)
    return [None if end is None else bisect_left(ends, end) for end in hits]


def _opens_item(text: str, hit: int, length: int, item_lines: dict[int, int]) -> bool:
    """Whether text[hit: hit + length] opens an item line's text and ends at a word's end
    within that line."""
    line_end = item_lines.get(hit)
    return line_end is not None and hit + length <= line_end and (hit + length == line_end or text[hit + length] == " ")


def _kept_next(kept: list[bool], i: int) -> bool:
    """Whether one of the HEADING_NEAR_LINES lines after line i is kept: extracted, or won
    back (a heading over a paragraph the recovery brings back heads it too)."""
    return any(kept[i + 1: i + 1 + HEADING_NEAR_LINES])


def is_prose(line: str, min_chars: int = PROSE_MIN_CHARS) -> bool:
    """A paragraph of running text: long enough and ending like a sentence, not cut off
    (a teaser's excerpt ends in an ellipsis)."""
    return len(line) >= min_chars and line.endswith(SENTENCE_ENDS) and not line.endswith(TRUNCATED_ENDS)


def _lead_lines(page: list[str], found: list[int | None], headline: str | None) -> range:
    """Indexes of the lines between the headline and the first extracted line."""
    if not headline:
        return range(0)
    title = _fold(headline)
    first = next((i for i, end in enumerate(found) if end is not None), None)
    if first is None:
        return range(0)
    for i in range(first - 1, -1, -1):
        if _is_headline(page[i], title):
            return range(i + 1, first)
    return range(0)


def is_lead(line: str) -> bool:
    return len(line) >= LEAD_MIN_CHARS and line.endswith(SENTENCE_ENDS)


def _is_headline(line: str, title: str) -> bool:
    if not line:
        return False
    return line == title or (len(line) >= 20 and line in title) or (title in line and len(line) <= 1.5 * len(title))


def _fold(text: str) -> str:
    return " ".join(text.split())
