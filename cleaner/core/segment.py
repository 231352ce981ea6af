"""Input text -> blocks: one block per non-blank line, with offsets into the input."""
from __future__ import annotations

from itertools import accumulate

from cleaner.core.document import Block
from cleaner.core.normalize import LINE_BREAKS, fold_spaces_only, fold_whitespace_lines, has_invisible

# List markers a page-to-text converter puts before menu and list items (inscriptis
# writes "*" and "+"), stripped from the view and remembered as a shape feature.
BULLETS = frozenset("*+•·▪◦‣●■□►▸")
# inscriptis marks a third-level list item with "o", always indented under its parent
# item; an "o" is a list marker only there (at a line's start it is a word: "o carro").
NESTED_BULLET = "o"
_LEADING = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000\ufeff\u200b"
# A run of line breaks that still leaves the two lines in one paragraph.
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # line breaks besides the line feed
_SINGLE_BREAKS = frozenset(["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])


def segment(source: str) -> list[Block]:
    """Split the input into blocks, skipping blank lines.

    The input is split into lines in one call and every line's view is folded in one
    pass (fold_whitespace_lines); the loop left per line only measures offsets and
    builds the block, so a 100,000-line page costs about a microsecond a line.
    """
    lines, starts, breaks = split_lines(source)
    blocks: list[Block] = []
    append = blocks.append
    new_block = tuple.__new__  # Block(...) without the Python-level constructor call
    previous = -1  # line number of the last block
    for number, text in enumerate(fold_whitespace_lines(lines)):
        if not text:
            continue
        first = text[0]
        bullet = (first in BULLETS or (first == NESTED_BULLET and lines[number][:1] in _LEADING)) and (
            len(text) == 1 or text[1] == " ")
        if bullet:
            text = text[1:].lstrip()
            if not text:
                continue
        line = lines[number]
        line_start = starts[number]
        indent = len(line) - len(line.lstrip(_LEADING))
        # A blank line between two blocks is either a skipped line or a longer run of breaks.
        gap_before = previous >= 0 and (
            number - previous > 1 or (breaks is not None and breaks[previous] not in _SINGLE_BREAKS)
        )
        append(new_block(Block, (
            len(blocks), line_start + indent, line_start + len(line.rstrip()), text, indent, bullet, gap_before,
        )))
        previous = number
    return blocks


def split_lines(source: str) -> tuple[list[str], list[int], list[str] | None]:
    """(lines, the offset of each, the break run after each) of the input.

    Most input breaks lines with line feeds alone: str.split then does in one C call
    what the break-run regex does at a tenth of the speed, and every break is a single
    one (None: a blank line shows up as an empty line). Any other break character
    (CR, form feed, U+2028, ...) takes the general split, where a run such as CR LF
    counts as one break.
    """
    if not any(ch in source for ch in _OTHER_BREAKS):
        lines = source.split("\n")
        return lines, [0, *accumulate(map((1).__add__, map(len, lines)))][:-1], None
    parts = LINE_BREAKS.split(source)  # line, breaks, line, breaks, ..., line
    return parts[0::2], [0, *accumulate(map(len, parts))][0::2], parts[1::2]


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
        at = next((i for i, ch in enumerate(text) if ch in BULLETS or ch == NESTED_BULLET), -1)
        text = text[at + 1:].lstrip() if at >= 0 else text
    return text
