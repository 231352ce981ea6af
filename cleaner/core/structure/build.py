"""Shaped lines -> the body's blocks (`BodyBlock`): consecutive items make a list,
consecutive rows a table, consecutive quote lines a quote."""
from __future__ import annotations

import re

from cleaner.core.structure.shapes import PARAGRAPH, Shape, Unit
from cleaner.result import BodyBlock

GROUPED = {"item": "list", "row": "table", "quote": "quote", "code": "code"}
# A table's delimiter row as a text rendering writes it ("|---|:---:|")
DELIMITER_CELL = re.compile(r":?-{3,}:?")


def build_blocks(units: list[Unit], shapes: list[Shape], *, tables: bool = True) -> list[BodyBlock]:
    blocks: list[BodyBlock] = []
    k = 0
    while k < len(units):
        shape = shapes[k]
        if shape.kind == "heading" and shape.group:
            # the lines of one heading element (a line break inside it): one heading
            end = k + 1
            while end < len(units) and shapes[end].kind == "heading" and shapes[end].group == shape.group:
                end += 1
            blocks.append(BodyBlock(type="heading", text=" ".join(unit.text for unit in units[k:end]),
                                    start=units[k].start, end=units[end - 1].end, level=shape.level or 2))
            blocks.extend(_images(shapes[k:end]))
            k = end
            continue
        if shape.kind not in GROUPED or (shape.kind == "row" and not tables):
            blocks.append(_single(units[k], shape))
            blocks.extend(_images(shapes[k: k + 1]))
            k += 1
            continue
        end = k + 1
        while end < len(units) and shapes[end].kind == shape.kind and shapes[end].group == shape.group:
            end += 1
        blocks.append(_grouped(units[k:end], shapes[k:end]))
        blocks.extend(_images(shapes[k:end]))
        k = end
    return blocks


def _single(unit: Unit, shape: Shape) -> BodyBlock:
    if shape.kind == "heading":
        return BodyBlock(type="heading", text=unit.text, start=unit.start, end=unit.end, level=shape.level or 2)
    return BodyBlock(type="paragraph", text=unit.text, start=unit.start, end=unit.end,
                     links=list(shape.links) or None)


def _images(shapes: list[Shape]) -> list[BodyBlock]:
    """The images that follow these lines in the page (their alt text is the page's)."""
    return [BodyBlock(type="image", text=alt, src=src) for shape in shapes for alt, src in shape.images]


def _grouped(units: list[Unit], shapes: list[Shape]) -> BodyBlock:
    kind = GROUPED[shapes[0].kind]
    text = "\n".join(unit.text for unit in units)
    span = {"start": units[0].start, "end": units[-1].end}
    if kind == "list":
        items = [item_text(unit.text, shape.marker) for unit, shape in zip(units, shapes)]
        links = [link for shape in shapes for link in shape.links]
        depths = item_depths([shape.depth for shape in shapes])
        return BodyBlock(type="list", text=text, ordered=shapes[0].ordered, items=items, links=links or None,
                         depths=depths if any(depths) else None, **span)
    if kind == "table":
        rows, header = table_rows([list(shape.cells) or [unit.text] for unit, shape in zip(units, shapes)],
                                  [shape.header for shape in shapes])
        return BodyBlock(type="table", text=text, rows=rows, header=header, **span)
    if kind == "code":
        return BodyBlock(type="code", text=code_text(units), **span)
    return BodyBlock(type=kind, text=text, **span)


def lead_end(text: str, lead: str) -> tuple[int, int] | None:
    """(start, end) of `lead` at the opening of `text` (past a list dash), spacing
    ignored, ending at a word's end; None when the text does not open with it."""
    start = len(text) - len(text.lstrip())
    if text.startswith("- ", start):
        start += 2
    at = start
    for ch in lead:
        if ch.isspace():
            continue
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text) or text[at] != ch:
            return None
        at += 1
    if at == start or (at < len(text) and not text[at].isspace()):
        return None
    return start, at


def split_lead(unit: Unit, shape: Shape) -> list[tuple[Unit, Shape]]:
    """A list item's line that opens with the item's heading (`shape.lead`): the heading,
    then the rest of the item (if any) as the item."""
    span = lead_end(unit.text, shape.lead) if shape.kind == "item" and shape.lead else None
    if span is None:
        return [(unit, shape._replace(lead="") if shape.lead else shape)]
    start, end = span
    pieces = [(unit._replace(text=unit.text[start:end]), Shape("heading", level=shape.level or 2))]
    rest = unit.text[end:].strip()
    if rest:
        pieces.append((unit._replace(text=rest, gap_before=False), shape._replace(lead="", level=0, marker="")))
    return pieces


def item_depths(depths: list[int]) -> list[int]:
    """Each item's depth, none deeper than one below the item before it (the first at
    0): a list that opens deeper than its parent has no item to hang from."""
    out: list[int] = []
    for depth in depths:
        out.append(min(depth, out[-1] + 1 if out else 0))
    return out


def code_text(units: list[Unit]) -> str:
    """A code block's lines with their indentation in the input, less the indentation
    they all share (tabs and spaces as written)."""
    lines = [unit.indent + unit.text for unit in units]
    shared = min((len(unit.indent) for unit in units), default=0)
    if all(line[:shared] == lines[0][:shared] for line in lines):
        lines = [line[shared:] for line in lines]
    return "\n".join(lines)


def item_text(text: str, marker: str) -> str:
    """An item's text without the marker it began with (kept on the shape, rendered back)."""
    if marker and text.startswith(marker):
        return text[len(marker):].lstrip()
    return text


def table_rows(rows: list[list[str]], heads: list[bool]) -> tuple[list[list[str]], bool]:
    """Rows padded to one width; a text rendering's delimiter row marks the row above it
    as the header and is dropped (it is markup, not text)."""
    header = bool(heads and heads[0])
    kept: list[list[str]] = []
    for k, row in enumerate(rows):
        if all(DELIMITER_CELL.fullmatch(cell) for cell in row):
            header = header or k == 1
            continue
        kept.append(row)
    width = max((len(row) for row in kept), default=0)
    return [row + [""] * (width - len(row)) for row in kept], header
