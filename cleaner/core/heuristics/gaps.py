"""HEUR102 article-gap: lines dropped for their shape alone inside the article come back.

Rendering-independent by design: it reads the verdicts and the rule evidence only,
never the indentation, bullets or blank lines, which differ from one page-to-text
converter to the next (inscriptis indents layout columns and lists; html-text writes
every line flush left). An earlier pass took the article's indentation as its column:
on inscriptis text it dropped off-column lines, and on html-text text, where every
line shares one indentation, it brought back every shape-dropped line between the
first and last kept block, menus and comment forms included (bench/renderings.py:
mean agreement between the two renderings' kept texts 0.886 on dev, 0.807 on dev2;
0.972 and 0.957 with this pass).
"""
from __future__ import annotations

import re

from cleaner.core.document import Block, Verdict

# Codes that judged a block by its shape alone, which the gap evidence may overrule.
SHAPE_CODES = frozenset({"HEUR101", "HEUR002"})
# Rule codes that say a line recurs, not what it is: inside an article lines recur too
# (code in a tutorial, "Expected output:", table values), so they hold no run out; the
# repeat itself stays removed. A scraper that breaks a code block into lines (inscriptis)
# showed repeats that one joining it into a line (html-text) did not.
REPEAT_CODES = frozenset({"DUP001"})
# A caption or photo credit sits inside an article, under its image, and so does a shop
# button under a product (AD002): such lines, one in CAPTION_RUN_MIN or fewer of a run,
# say nothing about the lines around them (a list with a picture in it, a product's pros
# and cons over its prices) and stay removed while those come back. Denser, they still
# hold the run out (a gallery, a media box).
CAPTION_CODES = ("CAP", "AD002")
CAPTION_RUN_MIN = 3
# A line without letters that holds DATA_ROW_MIN_NUMBERS numbers or more is a table row
# of figures ("12/1/2021 +14.8%", "2019 | 1,204 | 3.5"); with fewer it is a counter, a
# separator or an icon, and stays out.
NO_TEXT_CODE = "HEUR001"
DATA_ROW_MIN_NUMBERS = 2
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def fill_article_gaps(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    """Bring back a run of removed lines standing between kept lines when every line of
    it was removed for its shape alone.

    Inside an article such a run is a list, a table, a step or a row of short lines
    (poor in function words, so the context revision dropped them); a widget between two
    stretches of kept text (share bar, teaser box, comment form) carries at least one
    line a rule recognised, and then the whole run stays out (a repeated line is no
    such evidence, see REPEAT_CODES; nor is one caption, see CAPTION_CODES). Lines without letters
    (HEUR001) do not hold the run out; those that are rows of figures come back with it,
    separators and counters do not.
    """
    out = list(verdicts)
    for start, end in removed_runs(verdicts):
        if start == 0 or end == len(verdicts):
            continue
        evidence = [k for k in range(start, end) if is_rule_evidence(verdicts[k])]
        if evidence and not (len(evidence) * CAPTION_RUN_MIN <= end - start
                             and all(verdicts[k].rule.startswith(CAPTION_CODES) for k in evidence)):
            continue
        for k in range(start, end):
            if verdicts[k].rule in SHAPE_CODES or (verdicts[k].rule == NO_TEXT_CODE and is_data_row(blocks[k].text)):
                out[k] = Verdict(True)
    return out


def is_data_row(text: str) -> bool:
    return len(_NUMBER.findall(text, 0, 400)) >= DATA_ROW_MIN_NUMBERS


def is_rule_evidence(verdict: Verdict) -> bool:
    """Removed by a rule that recognised the line (not by a shape or context heuristic,
    nor only for recurring)."""
    return not verdict.keep and not verdict.rule.startswith("HEUR") and verdict.rule not in REPEAT_CODES


def removed_runs(verdicts: list[Verdict]) -> list[tuple[int, int]]:
    """(start, end) of every maximal run of removed blocks, end exclusive."""
    runs = []
    start = None
    for i, verdict in enumerate(verdicts):
        if not verdict.keep and start is None:
            start = i
        elif verdict.keep and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(verdicts)))
    return runs


# HEUR107 record-list. A listing of records (search results, products, papers, events)
# prints the same field labels on every record: "Title:", "Weight:", "Subjects:". A run
# between kept text in which RECORD_LABELS_MIN distinct labels each open RECORD_REPEAT_MIN
# lines or more is such a listing, whatever rule hits its fields draw (a "Subjects:" line
# reads as a tag list): its shape-dropped lines come back, and so do its repeats, since
# labels and values recur in records by nature. Menus, share bars and related links
# carry no "Label: value" fields.
RECORD_LABELS_MIN = 3
RECORD_REPEAT_MIN = 3
RECORD_CODES = SHAPE_CODES | REPEAT_CODES
# One to three words (at most 25 characters, starting with a letter) and a colon that
# ends the line or is followed by a space, after an optional list marker.
_FIELD_LABEL = re.compile(r"(?:[*o+\-] +)?([^\W\d_][^:\n]{0,24}):(?:\s|$)")


def fill_record_lists(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    """Bring back the shape-dropped and repeated lines of a run between kept text that is
    a listing of records with recurring field labels (HEUR107), from its first field line
    to its last: the lines around the records (a cart, a pager) and the rule hits stay out."""
    out = list(verdicts)
    for start, end in removed_runs(verdicts):
        if start == 0 or end == len(verdicts) or end - start < RECORD_LABELS_MIN * RECORD_REPEAT_MIN:
            continue
        extent = record_extent(blocks[start:end])
        if extent is None:
            continue
        for k in range(start + extent[0], start + extent[1]):
            if verdicts[k].rule in RECORD_CODES:
                out[k] = Verdict(True)
    return out


def field_label(text: str) -> str | None:
    """The "Label" of a "Label: value" line, folded, or None."""
    match = _FIELD_LABEL.match(text)
    if match is None or len(match.group(1).split()) > 3:
        return None
    return match.group(1).lower()


def record_extent(run: list[Block]) -> tuple[int, int] | None:
    """(first, last + 1) of the lines opened by a recurring field label, when
    RECORD_LABELS_MIN distinct labels each open RECORD_REPEAT_MIN lines or more; else None."""
    at: dict[str, list[int]] = {}
    for i, block in enumerate(run):
        label = field_label(block.text)
        if label is not None:
            at.setdefault(label, []).append(i)
    recurring = [lines for lines in at.values() if len(lines) >= RECORD_REPEAT_MIN]
    if len(recurring) < RECORD_LABELS_MIN:
        return None
    return min(lines[0] for lines in recurring), max(lines[-1] for lines in recurring) + 1
