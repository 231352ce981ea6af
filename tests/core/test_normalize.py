"""normalize: the folded views, and fold_many as a faster but identical fold."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.normalize import fold, fold_many, fold_whitespace

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
