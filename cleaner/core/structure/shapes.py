"""What the structure stage knows of one kept line: its Unit, and the Shape a line was
given (by the HTML page's DOM, or inferred from the text)."""
from __future__ import annotations

from typing import NamedTuple


class Shape(NamedTuple):
    """A line's place in the document's structure.

    Consecutive lines with the same kind and `group` form one block (a list's items, a
    table's rows, a quote's paragraphs); `cells` are a table row's cells, `marker` a list
    item's own number or dash as it stands in the text (so nothing is invented or lost).
    """

    kind: str  # heading, paragraph, item, row, quote, code
    group: int = 0
    level: int = 0  # heading 1-6
    ordered: bool = False
    cells: tuple[str, ...] = ()
    header: bool = False  # a table's header row
    marker: str = ""  # an item's marker kept from the text ("3.", "-"), stripped from its text
    depth: int = 0  # a list item's nesting: 0 in the outer list, 1 in a list inside an item, ...
    links: tuple[tuple[str, str], ...] = ()  # HTML mode, links on: (text, target) in this line
    images: tuple[tuple[str, str], ...] = ()  # HTML mode, images on: (alt, src) right after this line
    # HTML mode: an item's opening heading (its text, the line's first words; `level` is
    # its level), written as a heading before the rest of the item
    lead: str = ""


PARAGRAPH = Shape("paragraph")


class Unit(NamedTuple):
    """One kept line: its text as `text` format writes it, and where it came from."""

    text: str
    start: int | None
    end: int | None
    raw: str = ""  # the input line (spacing kept: tables are found by their columns)
    bullet: bool = False  # the line began with a bullet the segmenter stripped
    gap_before: bool = False  # a blank line before it in the input
    indent: str = ""  # the whitespace before the line in the input (code keeps its indentation)
