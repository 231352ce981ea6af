"""normalize: the folded views, and fold_many as a faster but identical fold."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import sys

from cleaner.core.normalize import OTHER_SPACES, fold, fold_many, fold_whitespace, fold_whitespace_lines

# Characters where folding is delicate: glue, quotes, final sigma, dotted I, NBSP,
# edge punctuation, a lone surrogate (RE2 reads UTF-8 only), astral characters.
TRICKY = "aBcäÄöÜßxY :’‘İΣσς\u00a0.,!?»«•*\ud800😀\t-–"
tricky_text = st.text(alphabet=st.sampled_from(TRICKY), max_size=20)


def test_fold_splits_glue_and_casefolds():
    assert fold("Share this articleComments") == "share this article comments"
    assert fold("• Mots-clés : SNCF ›") == "mots-clés: sncf"
    assert fold("ÜBER „Uns“") == "über „uns"


def test_fold_many_equals_fold_on_examples():
    texts = ["Share this articleComments", "", "İstanbulΣ", "Weiterlesen »", "grüßeÄrger", "\ud800abcDef"]
    assert fold_many(texts) == [fold(t) for t in texts]


def test_fold_many_of_nothing_is_empty():
    assert fold_many([]) == []


def test_fold_many_handles_texts_with_line_breaks():
    texts = ["one\ntwoThree", "four"]
    assert fold_many(texts) == [fold(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(tricky_text, st.text(max_size=30)), max_size=8))
def test_fold_many_equals_fold(texts):
    assert fold_many(texts) == [fold(t) for t in texts]


def test_fold_whitespace_folds_nbsp_and_drops_zero_width():
    assert fold_whitespace("\u00a0 a\u200b\tb \u2028") == "a b"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("aBcÄß :;.»«-’‘'\"()|#/\\•xY"), max_size=30), max_size=8),
       st.integers(1, 30))
def test_fold_many_of_whitespace_folded_views_equals_fold(texts, cut):
    views = [" ".join(t.split())[:cut] for t in texts]  # what segment makes of a line, cut as measure does
    assert fold_many(views, whitespace_folded=True) == [fold(v) for v in views]


def test_other_spaces_are_every_isspace_character_but_space_and_line_feed():
    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert OTHER_SPACES == spaces.replace(" ", "").replace("\n", "")


SPACY = " \u00a0\t\u2009\u3000\u200baé"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(SPACY), max_size=12), min_size=1, max_size=8))
def test_fold_whitespace_lines_equals_fold_whitespace(lines):
    # lines already their own fold are left as they are; the rest are folded
    assert fold_whitespace_lines(lines) == [fold_whitespace(line) for line in lines]


def test_fold_whitespace_lines_with_one_kind_of_other_space():
    lines = ["a b", "a\u00a0b", " a", "a ", "a  b", ""]
    assert fold_whitespace_lines(lines) == ["a b", "a b", "a", "a", "a b", ""]
