"""Text mode: the structure a text shows clearly, else paragraphs (docs/formats.md).

- lists: lines that began with a bullet (one is enough: the segmenter recognised the
  marker), or two or more consecutive lines starting with a dash or with consecutive
  numbers ("1." "2.");
- headings: a short line with no closing punctuation, standing alone (blank lines on
  both sides) before a paragraph;
- tables: two or more consecutive lines split into the same number of cells by pipes or
  tabs, or three or more whose cells, separated by runs of spaces, start at the same
  columns.
Anything else, or anything in between, is a paragraph.
"""
from __future__ import annotations

import re

from cleaner.core.structure.shapes import PARAGRAPH, Shape, Unit

HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 12
# A heading stands before prose: the next line is at least this long.
PARAGRAPH_MIN_CHARS = 80
HEADING_END_REFUSED = frozenset(".,;:…-–—|/([{")
DASH_ITEM = re.compile(r"([-–—])\s+\S")
NUMBERED_ITEM = re.compile(r"(\d{1,3})([.)])\s+\S")
# cells: a run of 2+ spaces (an aligned rendering) or a tab; pipes split on their own
SPACED_CELLS = re.compile(r" {2,}|\t")
TABLE_CELL_MAX_CHARS = 80
MIN_PIPE_ROWS = 2
MIN_SPACED_ROWS = 3


def infer_shapes(units: list[Unit]) -> list[Shape]:
    """One Shape per unit: tables first (their cells may look like anything), then lists,
    then headings among what is left."""
    shapes: list[Shape | None] = [None] * len(units)
    group = 0
    for first, last, rows in table_runs(units):
        group += 1
        for k, cells in zip(range(first, last), rows):
            shapes[k] = Shape("row", group=group, cells=tuple(cells))
    for first, last, ordered, markers in list_runs(units, shapes):
        group += 1
        for k, marker in zip(range(first, last), markers):
            shapes[k] = Shape("item", group=group, ordered=ordered, marker=marker)
    for k in range(len(units)):
        if shapes[k] is None and is_heading(units, shapes, k):
            shapes[k] = Shape("heading", level=2)
    return [shape or PARAGRAPH for shape in shapes]


# ---- headings -------------------------------------------------------------------------


def is_heading(units: list[Unit], shapes: list[Shape | None], k: int) -> bool:
    """A short line, alone between blank lines, before a paragraph."""
    unit = units[k]
    if unit.bullet or not looks_like_heading_text(unit.text):
        return False
    if k + 1 >= len(units) or shapes[k + 1] is not None:
        return False
    stands_alone = (k == 0 or unit.gap_before) and units[k + 1].gap_before
    return stands_alone and is_prose(units[k + 1].text)


def looks_like_heading_text(text: str) -> bool:
    if len(text) > HEADING_MAX_CHARS or len(text.split()) > HEADING_MAX_WORDS:
        return False
    first = next((ch for ch in text if ch.isalnum()), "")
    if not first or first.islower() or text[-1] in HEADING_END_REFUSED:
        return False
    return not text.replace(" ", "").isdigit()


def is_prose(text: str) -> bool:
    return len(text) >= PARAGRAPH_MIN_CHARS and len(text.split()) >= 8


# ---- lists ----------------------------------------------------------------------------


def list_runs(units: list[Unit], shapes: list[Shape | None]) -> list[tuple[int, int, bool, list[str]]]:
    """(first, end, ordered, markers) of each list: bullet runs, dash runs, numbered runs."""
    runs = []
    k = 0
    while k < len(units):
        if shapes[k] is not None:
            k += 1
            continue
        end, ordered, markers = _run_from(units, shapes, k)
        if end > k:
            runs.append((k, end, ordered, markers))
            k = end
        else:
            k += 1
    return runs


def _run_from(units: list[Unit], shapes: list[Shape | None], k: int) -> tuple[int, bool, list[str]]:
    """The end of the list starting at k (k when none does), whether numbered, the markers."""
    end = k
    if units[k].bullet:
        while end < len(units) and shapes[end] is None and units[end].bullet:
            end += 1
        return end, False, [""] * (end - k)
    dashes = []
    while end < len(units) and shapes[end] is None and not units[end].bullet and DASH_ITEM.match(units[end].text):
        dashes.append(units[end].text[0])
        end += 1
    if end - k >= 2:
        return end, False, dashes
    end, numbers = k, []
    while end < len(units) and shapes[end] is None and not units[end].bullet:
        match = NUMBERED_ITEM.match(units[end].text)
        if not match or (numbers and int(match.group(1)) != int(numbers[-1][:-1]) + 1):
            break
        numbers.append(match.group(1) + match.group(2))
        end += 1
    if end - k >= 2:
        return end, True, numbers
    return k, False, []


# ---- tables ---------------------------------------------------------------------------


def table_runs(units: list[Unit]) -> list[tuple[int, int, list[list[str]]]]:
    """(first, end, rows of cells) of each run of aligned rows."""
    runs = []
    k = 0
    while k < len(units):
        end, rows = _table_from(units, k)
        if rows:
            runs.append((k, end, rows))
            k = end
        else:
            k += 1
    return runs


def _table_from(units: list[Unit], k: int) -> tuple[int, list[list[str]]]:
    first = row_cells(units[k].raw)
    if first is None:
        return k, []
    how, cells, columns = first
    rows, end = [cells], k + 1
    while end < len(units):
        nxt = row_cells(units[end].raw)
        if nxt is None or nxt[0] != how or len(nxt[1]) != len(cells) or (how == "spaced" and nxt[2] != columns):
            break
        rows.append(nxt[1])
        end += 1
    needed = MIN_SPACED_ROWS if how == "spaced" else MIN_PIPE_ROWS
    return (end, rows) if len(rows) >= needed else (k, [])


def row_cells(raw: str) -> tuple[str, list[str], tuple[int, ...]] | None:
    """(how the cells are separated, the cells, the columns they start at), or None
    when the line is no table row."""
    line = raw.strip()
    if "|" in line:
        parts = line.split("|")
        if line.startswith("|"):
            parts = parts[1:]
        if line.endswith("|"):
            parts = parts[:-1]
        cells = [" ".join(p.split()) for p in parts]
        if len(cells) >= 2 and all(len(c) <= TABLE_CELL_MAX_CHARS for c in cells):
            return "pipe", cells, ()
        return None
    how = "tab" if "\t" in line else "spaced"
    pieces = SPACED_CELLS.split(line)
    cells = [" ".join(p.split()) for p in pieces]
    if len(cells) < 2 or not all(cells) or any(len(c) > TABLE_CELL_MAX_CHARS for c in cells):
        return None
    columns = tuple(m.end() for m in SPACED_CELLS.finditer(line)) if how == "spaced" else ()
    return how, cells, columns
