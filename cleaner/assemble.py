"""Verdicts -> CleanResult: paragraphs, removed spans with input offsets, stats."""
from __future__ import annotations

from collections import Counter

from cleaner.document import Document, Verdict
from cleaner.options import Options
from cleaner.repair import split_glued
from cleaner.normalize import has_invisible
from cleaner.segment import display_text
from cleaner.result import CleanResult, Metadata, Stats


def assemble(
    doc: Document,
    verdicts: list[Verdict],
    title: str | None,
    metadata: Metadata,
    options: Options,
) -> CleanResult:
    paragraphs: list[str] = []
    removed: list[dict] = []
    removed_rules: list[str] = []
    source = doc.source
    # The view of a block is its display text unless the input holds invisible characters.
    views_differ = has_invisible(source)
    for block, verdict in zip(doc.blocks, verdicts):
        if verdict.keep:
            text = display_text(source, block) if views_differ else block.text
            paragraphs.extend(split_glued(text) if options.split_glued else [text])
            continue
        removed_rules.append(verdict.rule)
        if options.explain:
            # plain rows: CleanResult validates the whole list in one call, several
            # times faster than building a model per span in Python
            removed.append(
                {
                    "start": block.start,
                    "end": block.end,
                    "text": source[block.start: block.end],
                    "rule": verdict.rule,
                    "reason": verdict.reason,
                }
            )
    if options.keep_title and title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    text = "\n\n".join(paragraphs)
    stats = Stats(
        chars_in=len(doc.source),
        chars_out=len(text),
        blocks_in=len(doc.blocks),
        blocks_kept=len(verdicts) - len(removed_rules),
        removed_by_rule=dict(sorted(Counter(removed_rules).items())),
    )
    return CleanResult(
        title=title,
        text=text,
        paragraphs=paragraphs,
        language=doc.language,
        removed=removed,
        metadata=metadata,
        stats=stats,
    )
