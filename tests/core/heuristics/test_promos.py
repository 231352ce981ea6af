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


@pytest.mark.parametrize("other", ["CAP001", "AD001", "SHARE001", "DUP001"])
def test_a_sentence_next_to_a_caption_is_a_paragraph(other):
    """A how-to's step between two pictures' captions, a lead under the lead picture."""
    step = "4. Die Traufenprofile werden mit Hilfe eines Winkels an den bestehenden Profilen befestigt."
    blocks = text_blocks(["x" * 400, "Foto: Hoklatherm", step, "Foto: Hoklatherm 2", "y" * 400])
    verdicts = [KEEP, removed("CAP003"), KEEP, removed(other), KEEP]
    assert drop_boxed_promos(blocks, verdicts)[2].keep


def test_a_fragment_between_captions_is_the_captions_own():
    blocks = text_blocks(["x" * 400, "Photo: Jane Doe", "public domain", "Source: Wikimedia", "y" * 400])
    verdicts = [KEEP, removed("CAP001"), KEEP, removed("CAP002"), KEEP]
    assert drop_boxed_promos(blocks, verdicts)[2].rule == "HEUR103"


def test_a_sentence_between_widget_lines_without_a_caption_still_goes():
    blocks = text_blocks(["x" * 400, "Newsletter", "Escape your echo chamber. Get the best of the week.", "Share",
                          "y" * 400])
    verdicts = [KEEP, removed("NEWS001"), KEEP, removed("SHARE001"), KEEP]
    assert drop_boxed_promos(blocks, verdicts)[2].rule == "HEUR103"
