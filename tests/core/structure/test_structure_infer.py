"""Text mode's structure inference: each rule's hits and its near misses (docs/formats.md)."""
from __future__ import annotations

from cleaner.core.segment import segment
from cleaner.core.structure import Unit, infer_shapes

PROSE = ("The council approved the new budget on Tuesday after a long debate about funding for "
         "schools, roads and the library.")


def kinds(text: str) -> list[str]:
    units = [Unit(b.text, b.start, b.end, text[b.start:b.end], b.bullet, b.gap_before) for b in segment(text)]
    return [shape.kind for shape in infer_shapes(units)]


# ---- headings ------------------------------------------------------------------------------

def test_a_short_line_alone_before_a_paragraph_is_a_heading():
    assert kinds(f"{PROSE}\n\nWhat the budget holds\n\n{PROSE}") == ["paragraph", "heading", "paragraph"]


def test_a_question_may_be_a_heading():
    assert kinds(f"Why now?\n\n{PROSE}")[0] == "heading"


def test_a_short_line_ending_like_a_sentence_is_no_heading():
    assert kinds(f"{PROSE}\n\nThe vote was close.\n\n{PROSE}")[1] == "paragraph"


def test_a_short_line_without_blank_lines_around_it_is_no_heading():
    assert kinds(f"{PROSE}\nWhat the budget holds\n{PROSE}")[1] == "paragraph"


def test_a_short_line_before_another_short_line_is_no_heading():
    assert kinds(f"What the budget holds\n\nRoads and schools\n\nLibrary") == ["paragraph"] * 3


def test_a_lowercase_or_long_line_is_no_heading():
    assert kinds(f"and then the vote\n\n{PROSE}")[0] == "paragraph"
    long_line = "A line that goes on with many words well past what any heading would hold in a text"
    assert kinds(f"{long_line}\n\n{PROSE}")[0] == "paragraph"


# ---- lists ---------------------------------------------------------------------------------

def test_bullet_lines_are_a_list_even_alone():
    assert kinds(f"{PROSE}\n\n* roads\n* schools\n\n{PROSE}") == ["paragraph", "item", "item", "paragraph"]
    assert kinds(f"{PROSE}\n\n• roads\n\n{PROSE}")[1] == "item"


def test_two_dash_lines_are_a_list_one_is_not():
    assert kinds("- roads\n- schools") == ["item", "item"]
    assert kinds(f"- roads\n\n{PROSE}") == ["paragraph", "paragraph"]


def test_consecutive_numbers_are_an_ordered_list():
    text = "1. Preheat the oven\n2. Mix the flour\n3. Bake for an hour"
    units = [Unit(b.text, b.start, b.end, text[b.start:b.end], b.bullet, b.gap_before) for b in segment(text)]
    shapes = infer_shapes(units)
    assert [s.kind for s in shapes] == ["item"] * 3
    assert all(s.ordered for s in shapes) and [s.marker for s in shapes] == ["1.", "2.", "3."]


def test_a_lone_number_or_a_broken_count_is_no_list():
    assert kinds(f"2. Bundesliga: Aufstieg perfekt\n\n{PROSE}")[0] != "item"
    assert kinds("1. Preheat the oven\n3. Bake for an hour") == ["paragraph", "paragraph"]


# ---- tables --------------------------------------------------------------------------------

def test_pipe_rows_are_a_table():
    assert kinds("| Name | Age |\n| Bob | 32 |\n| Alice | 28 |") == ["row"] * 3


def test_aligned_columns_are_a_table():
    text = "Name     Age   City\nBob      32    Paris\nAlice    28    Rome"
    assert kinds(text) == ["row"] * 3


def test_columns_that_do_not_line_up_are_no_table():
    text = "Name     Age   City\nBob  32        Paris\nAlice    28    Rome"
    assert "row" not in kinds(text)


def test_two_aligned_rows_are_not_enough_without_pipes():
    assert "row" not in kinds("Name     Age\nBob      32")


def test_a_single_pipe_line_is_no_table():
    assert kinds(f"Home | News | Sport\n\n{PROSE}")[0] != "row"
