"""segment: blocks with exact offsets, and the batched splitter equal to the line-at-a-time one."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.document import Block
from cleaner.core.normalize import LINE, fold_whitespace, fold_whitespace_lines
from cleaner.core.segment import _LEADING, _SINGLE_BREAKS, BULLETS, NESTED_BULLET, segment


def segment_reference(source: str) -> list[Block]:
    """segment() as it was first written, one LINE match at a time: the specification."""
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
        text = fold_whitespace(source[start:end])
        if not text:
            continue
        nested = text[0] == NESTED_BULLET and line[:1] in _LEADING
        bullet = (text[0] in BULLETS or nested) and (len(text) == 1 or text[1] == " ")
        if bullet:
            text = text[1:].lstrip()
            if not text:
                continue
        between = source[prev_end:line_start]
        gap_before = bool(blocks) and (len(between) > 2 or between not in _SINGLE_BREAKS)
        blocks.append(Block(len(blocks), start, end, text, start - line_start, bullet, gap_before))
        prev_end = line_end
    return blocks


# Every line break LINE knows, CRLF, spaces of all kinds, zero-width and soft hyphen,
# tabs, bullets, a lone surrogate, letters.
PIECES = [
    "\n", "\r", "\r\n", "\n\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u2028", "\u2029",
    " ", "  ", "\t", "\u00a0", "\u2003", "\u3000", "\u200b", "\ufeff", "\u00ad", "\u2060", "\u1680",
    "*", "+", "•", "* ", "• ", "o", "o ", "-", "a", "Home", "Share this article", "É", "\ud800",
]
tricky = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def test_blocks_keep_offsets_indent_bullets_and_gaps():
    source = "Title\r\n\r\n  * Home\n\u00a0Body text\u2028next\n\n"
    blocks = segment(source)
    assert [b.text for b in blocks] == ["Title", "Home", "Body text", "next"]
    assert [source[b.start:b.end] for b in blocks] == ["Title", "* Home", "Body text", "next"]
    assert [b.indent for b in blocks] == [0, 2, 1, 0]
    assert [b.bullet for b in blocks] == [False, True, False, False]
    assert [b.gap_before for b in blocks] == [False, True, False, False]


def test_an_indented_o_is_inscriptis_third_level_list_marker_an_unindented_one_a_word():
    source = "  * Services\n    + Development\n      o Web development\n      o\no carro é novo\nolá"
    blocks = segment(source)
    assert [b.text for b in blocks] == ["Services", "Development", "Web development", "o carro é novo", "olá"]
    assert [b.bullet for b in blocks] == [True, True, True, False, False]


def test_lone_cr_and_crlf_are_single_breaks():
    assert [b.gap_before for b in segment("a\rb\r\nc\n\rd")] == [False, False, False, True]


def test_blank_and_bullet_only_lines_are_skipped_but_count_as_gaps():
    blocks = segment("a\n \nb\n*\nc\n\u200b\nd")
    assert [b.text for b in blocks] == ["a", "b", "c", "d"]
    assert [b.gap_before for b in blocks] == [False, True, True, True]


@settings(max_examples=200, deadline=None)
@given(tricky)
def test_segment_equals_the_line_at_a_time_reference(source):
    assert segment(source) == segment_reference(source)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_segment_equals_reference_on_any_text(source):
    assert segment(source) == segment_reference(source)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(" \t\u00a0\u200bab\x1f\u3000"), max_size=8), max_size=6))
def test_fold_whitespace_lines_equals_fold_whitespace(lines):
    assert fold_whitespace_lines(lines) == [fold_whitespace(line) for line in lines]


def test_spaces_class_is_exactly_str_isspace():
    # fold_whitespace_lines relies on _SPACES matching only what \s matches
    spaces = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert set(spaces.findall(every)) == {ch for ch in every if ch.isspace()}


# Line feeds as the only break: the str.split path, which must agree with the reference too.
LF_ONLY = [p for p in PIECES if p == "\n" or not any(ch in p for ch in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LF_ONLY), max_size=40).map("".join))
def test_segment_of_line_feed_text_equals_the_reference(source):
    assert segment(source) == segment_reference(source)
