"""HEUR103 promo-between-boilerplate (cleaner/core/heuristics/promos.py)."""
import pytest

from cleaner.core.heuristics.promos import PROMO_MAX_CHARS, drop_boxed_promos
from verdicts import KEEP, blocks_of, removed, text_blocks


def test_short_blurb_between_two_widget_lines_goes():
    verdicts = [KEEP, removed("NEWS001"), KEEP, removed("SHARE001"), KEEP]
    out = drop_boxed_promos(blocks_of([400, 30, 120, 20, 400]), verdicts)
    assert out[2].rule == "HEUR103" and not out[2].keep
    assert out[0].keep and out[4].keep


def test_long_paragraph_between_widget_lines_stays():
    verdicts = [KEEP, removed("NEWS001"), KEEP, removed("SHARE001"), KEEP]
    out = drop_boxed_promos(blocks_of([400, 30, PROMO_MAX_CHARS + 1, 20, 400]), verdicts)
    assert out[2].keep


def test_heuristic_removals_do_not_box_a_blurb():
    verdicts = [KEEP, removed("HEUR101"), KEEP, removed("SHARE001"), KEEP]
    assert drop_boxed_promos(blocks_of([400, 30, 120, 20, 400]), verdicts)[2].keep


@pytest.mark.parametrize("frame", ["BYL001", "BYL010", "BYL011", "TITLE001", "TITLE002"])
def test_standfirst_framed_by_the_article_header_stays(frame):
    """'von Jane Doe 13.12.2022' / standfirst / 'Foto: dpa': the byline frames the article's
    own standfirst, not a widget."""
    verdicts = [removed("TITLE001"), removed(frame), KEEP, removed("CAP001"), KEEP]
    assert drop_boxed_promos(blocks_of([50, 40, 160, 30, 600]), verdicts)[2].keep


def test_blurb_between_two_copies_of_one_button_goes():
    """A card's repeated 'Save' button on both sides: the card is a widget."""
    verdicts = [KEEP, removed("DUP001"), KEEP, removed("DUP001"), KEEP]
    blocks = text_blocks(["x" * 400, "Save", "How the new fighter jet compares", "Save", "x" * 400])
    assert drop_boxed_promos(blocks, verdicts)[2].rule == "HEUR103"


def test_text_between_two_different_repeated_lines_stays():
    """A page printing its own text twice (a summary box, tabs): the line between two
    different repeats is the article's."""
    verdicts = [KEEP, removed("DUP001"), KEEP, removed("DUP001"), KEEP]
    blocks = text_blocks(["x" * 400, "1. Write good commit messages", "After years of using Git, these practices matter:",
                          "2. Commit often", "x" * 400])
    assert drop_boxed_promos(blocks, verdicts)[2].keep
