"""Verdicts -> CleanResult: paragraphs, removed spans with input offsets, stats."""
from __future__ import annotations

from collections import Counter

from cleaner.core.document import Document, Verdict
from cleaner.options import Options, OutputFormat
from cleaner.core.repair import split_glued, texts_with_glue
from cleaner.core.normalize import has_invisible
from cleaner.core.segment import display_text
from cleaner.core.structure import PARAGRAPH, Shape, Unit, build_blocks, infer_shapes, render
from cleaner.core.structure.build import split_lead
from cleaner.result import BodyBlock, CleanResult, Metadata, Stats


def assemble(
    doc: Document,
    verdicts: list[Verdict],
    title: str | None,
    metadata: Metadata,
    options: Options,
    warnings: list[str] | None = None,
) -> CleanResult:
    source = doc.source
    # The view of a block is its display text unless the input holds invisible characters.
    views_differ = has_invisible(source)
    kept = [
        display_text(source, block) if views_differ else block.text
        for block, verdict in zip(doc.blocks, verdicts) if verdict.keep
    ]
    removed_rules = [verdict.rule for verdict in verdicts if not verdict.keep]
    # plain rows: CleanResult validates the whole list in one call, several times
    # faster than building a span per row in Python
    removed = [
        {"start": block.start, "end": block.end, "text": source[block.start: block.end],
         "rule": verdict.rule, "reason": verdict.reason}
        for block, verdict in zip(doc.blocks, verdicts) if not verdict.keep
    ] if options.explain else []
    glued = texts_with_glue(kept) if options.split_glued else set()
    paragraphs = split_paragraphs(kept, glued)
    if options.keep_title and title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    text = "\n\n".join(paragraphs)
    blocks, rendered = None, None
    if options.format is not OutputFormat.TEXT:
        blocks, rendered = structure(doc, verdicts, kept, glued, title, options)
    stats = Stats(
        chars_in=len(doc.source),
        chars_out=len(text),
        blocks_in=len(doc.blocks),
        blocks_kept=len(verdicts) - len(removed_rules),
        removed_by_rule=dict(sorted(Counter(removed_rules).items())),
    )
    return CleanResult(
        title=title,
        text=text if rendered is None else rendered,
        paragraphs=paragraphs,
        language=doc.language,
        removed=removed,
        metadata=metadata,
        stats=stats,
        blocks=blocks if options.format is OutputFormat.JSON else None,
        warnings=warnings or [],
    )


def structure(doc: Document, verdicts: list[Verdict], kept: list[str], glued: set[int], title: str | None,
              options: Options) -> tuple[list, str | None]:
    """The structure stage (only for a structured format): the kept lines' blocks and
    the body rendered in the format (None for json, whose text stays plain)."""
    hinted = doc.hints.shapes
    kept_blocks = [block for block, verdict in zip(doc.blocks, verdicts) if verdict.keep]
    units = [Unit(text, block.start, block.end, doc.source[block.start: block.end], block.bullet, block.gap_before,
                  indent_before(doc.source, block.start))
             for block, text in zip(kept_blocks, kept)]
    if hinted is None:
        shapes = infer_shapes(units)
    else:
        shapes = [(hinted[b.index] if b.index < len(hinted) else None) or PARAGRAPH for b in kept_blocks]
    # Glued sentences (`glued`: indexes of kept lines) are split as in the text format, in
    # paragraphs only (a table row or a list item stays one line).
    split_units, split_shapes = [], []
    for k, (unit, shape) in enumerate(zip(units, shapes)):
        if shape.lead:  # a list item that opens with its heading: the heading, then the item
            for piece_unit, piece_shape_ in split_lead(unit, shape):
                split_units.append(piece_unit)
                split_shapes.append(piece_shape_)
            continue
        pieces = split_glued(unit.text) if k in glued and shape.kind == "paragraph" else [unit.text]
        for n, piece in enumerate(pieces):
            split_units.append(unit._replace(text=piece, gap_before=unit.gap_before and n == 0))
            split_shapes.append(shape if len(pieces) == 1 else piece_shape(shape, piece, last=n == len(pieces) - 1))
    blocks = build_blocks(split_units, split_shapes, tables=options.tables)
    if options.keep_title and title and (not kept or kept[0] != title):
        blocks.insert(0, BodyBlock(type="heading", text=title, level=1))
    return blocks, render(blocks, options.format)


def indent_before(source: str, start: int | None) -> str:
    """The spaces and tabs between the start of the input line and `start` ("" when the
    line holds anything else there)."""
    if start is None:
        return ""
    line_start = source.rfind("\n", 0, start) + 1
    indent = source[line_start:start]
    return indent if indent.strip(" \t") == "" else ""


def piece_shape(shape: Shape, piece: str, *, last: bool) -> Shape:
    """A split paragraph's piece keeps the links in it; the images follow the last piece."""
    links = tuple(link for link in shape.links if link[0] in piece)
    return shape._replace(links=links, images=shape.images if last else ())


def split_paragraphs(kept: list[str], glued: set[int]) -> list[str]:
    """The kept blocks as paragraphs, the glued ones (`glued`, texts_with_glue) split apart."""
    if not glued:
        return kept
    paragraphs: list[str] = []
    for k, text in enumerate(kept):
        if k in glued:
            paragraphs.extend(split_glued(text))
        else:
            paragraphs.append(text)
    return paragraphs
