"""Input text -> blocks: one block per non-blank line, with offsets into the input."""
from __future__ import annotations

from itertools import accumulate

from cleaner.document import Block
from cleaner.normalize import LINE_BREAKS, fold_spaces_only, fold_whitespace_lines, has_invisible

# List markers a page-to-text converter puts before menu and list items (inscriptis
# writes "*" and "+"), stripped from the view and remembered as a shape feature.
BULLETS = frozenset("*+•·▪◦‣●■□►▸")
_LEADING = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000\ufeff\u200b"
# A run of line breaks that still leaves the two lines in one paragraph.
_SINGLE_BREAKS = frozenset(["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])


def segment(source: str) -> list[Block]:
    """Split the input into blocks, skipping blank lines.

    The input is split at runs of line breaks in one call and every line's view is
    folded in one pass (fold_whitespace_lines); the loop left per line only measures
    offsets and builds the block, so a 100,000-line page costs about a microsecond a line.
    """
    parts = LINE_BREAKS.split(source)  # line, breaks, line, breaks, ..., line
    lines = parts[0::2]
    breaks = parts[1::2]
    starts = [0, *accumulate(map(len, parts))][0::2]
    blocks: list[Block] = []
    previous = -2  # line number of the last block
    for number, text in enumerate(fold_whitespace_lines(lines)):
        if not text:
            continue
        bullet = text[0] in BULLETS and (len(text) == 1 or text[1] == " ")
        if bullet:
            text = text[1:].lstrip()
            if not text:
                continue
        line = lines[number]
        line_start = starts[number]
        indent = len(line) - len(line.lstrip(_LEADING))
        # A blank line between two blocks is either a skipped line or a longer run of breaks.
        gap_before = bool(blocks) and (number - previous > 1 or breaks[previous] not in _SINGLE_BREAKS)
        blocks.append(Block(len(blocks), line_start + indent, line_start + len(line.rstrip()), text, indent, bullet, gap_before))
        previous = number
    return blocks



def display_text(source: str, block: Block) -> str:
    """A block as the body and the title show it: its input text, whitespace folded.

    The rules' view (block.text) also drops soft hyphens and zero-width characters; the
    output keeps them, so two input words never fuse into one ("0<ZWSP>A" stays "0", "A").
    """
    raw = source[block.start: block.end]
    if not has_invisible(raw):
        return block.text
    text = fold_spaces_only(raw)
    if block.bullet:
        at = next((i for i, ch in enumerate(text) if ch in BULLETS), -1)
        text = text[at + 1:].lstrip() if at >= 0 else text
    return text
