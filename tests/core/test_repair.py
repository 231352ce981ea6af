"""Glued sentences are split; nothing else is touched and no character is invented."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.repair import split_glued, texts_with_glue


def test_splits_a_period_glued_to_the_next_sentence():
    assert split_glued("said Thursday.Negotiations began") == ["said Thursday.", "Negotiations began"]


def test_a_straight_quote_after_an_odd_count_closes_the_sentence():
    text = 'He said "we will meet for a second summit."It would be his fourth visit.'
    assert split_glued(text) == ['He said "we will meet for a second summit."', "It would be his fourth visit."]


def test_a_straight_quote_after_an_even_count_opens_the_next_sentence():
    text = 'It filled the gap in the summit."This is a huge change," he said.'
    assert split_glued(text) == ["It filled the gap in the summit.", '"This is a huge change," he said.']


def test_abbreviations_and_addresses_stay_whole():
    for text in ("The U.S.-North Korea talks", "U.S.The talks", "see www.Example.com today", "pi is 3.14 exactly"):
        assert split_glued(text) == [text]


def test_pieces_join_back_to_the_input():
    text = 'One.Two three."Four" five.Six'
    assert "".join(split_glued(text)).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab.A!?\"“” ä0%)É"), min_size=1, max_size=30), max_size=8))
def test_glue_screen_finds_every_text_split_glued_would_cut(texts):
    flagged = texts_with_glue(texts)
    for k, text in enumerate(texts):
        if k not in flagged:
            assert split_glued(text) == ([text.strip()] if text.strip() else [])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab.A!?\"“” ä0%)]ÉZß"), max_size=40))
def test_glue_pattern_equals_its_lookbehind_first_form(text):
    from cleaner.core.repair import _GLUED

    reference = re.compile(r"(?<=[a-zß-öø-ÿ0-9%)\]])[.!?](?=[\"“”]?[A-ZÀ-ÖØ-Þ])")
    assert [m.start() for m in _GLUED.finditer(text)] == [m.start() for m in reference.finditer(text)]
