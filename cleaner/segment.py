"""Input text -> blocks: one block per non-blank line, with offsets into the input."""
from __future__ import annotations

from cleaner.document import Block
from cleaner.normalize import LINE, fold_whitespace

# List markers a page-to-text converter puts before menu and list items (inscriptis
# writes "*" and "+"), stripped from the view and remembered as a shape feature.
BULLETS = frozenset("*+•·▪◦‣●■□►▸")
_LEADING = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000\ufeff\u200b"


def segment(source: str) -> list[Block]:
    """Split the input into blocks, skipping blank lines."""
    blocks: list[Block] = []
    prev_end = 0
    for match in LINE.finditer(source):
        line_start, line_end = match.span()
        line = match.group()
        content = line.lstrip(_LEADING)
        if not content.strip():
            continue
        start = line_start + len(line) - len(content)
        end = line_end - (len(content) - len(content.rstrip()))
        indent = start - line_start
        text = fold_whitespace(source[start:end])
        if not text:
            continue
        bullet = text[0] in BULLETS and (len(text) == 1 or text[1] == " ")
        if bullet:
            text = text[1:].lstrip()
            if not text:
                continue
        gap_before = bool(blocks) and _has_blank_line(source, prev_end, line_start)
        blocks.append(Block(len(blocks), start, end, text, indent, bullet, gap_before))
        prev_end = line_end
    return blocks


_SINGLE_BREAKS = frozenset(["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])


def _has_blank_line(source: str, prev_end: int, line_start: int) -> bool:
    """True unless exactly one line break separates the two lines."""
    return line_start - prev_end > 2 or source[prev_end:line_start] not in _SINGLE_BREAKS
