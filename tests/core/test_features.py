"""features: block measures, and the batched paths that must equal the plain ones."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.document import Block
from cleaner.core.features import count_letters, count_letters_many, measure, measure_all, sentence_shapes
from cleaner.core.lexicon import stopwords
from cleaner.core.normalize import fold

_SENTENCE_BREAK_REFERENCE = re.compile(r"(?<=\w\w)[.!?][\"'”’»)]*\s|[。！？][”’」』）]*+(?=\S)")


def block(i: int, text: str) -> Block:
    return Block(i, 0, len(text), text, 0, False, False)


def test_measure_counts_words_stopwords_and_shape():
    f = measure(block(0, "The talks went on for hours, officials said. Then they left."), stopwords("en"))
    assert (f.words, f.chars) == (11, 60)
    assert f.stopwords >= 3  # the, on, for, then, they
    assert f.ends_sentence and f.sentence_marks == 1
    assert f.folded == fold("The talks went on for hours, officials said. Then they left.")


def test_abbreviations_are_no_sentence_breaks():
    f = measure(block(0, "U.S. envoy meets N. Korea officials in Seoul"), stopwords("en"))
    assert f.sentence_marks == 0


def test_letters_match_str_isalpha_on_every_code_point():
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert count_letters(text) == sum(map(str.isalpha, text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_letters_match_str_isalpha(text):
    assert count_letters(text) == sum(map(str.isalpha, text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab1 .!?\"'”»)\n\tÄ"), max_size=60))
def test_sentence_marks_equal_the_lookbehind_form(text):
    f = measure(block(0, text), frozenset())
    assert f.sentence_marks == len(_SENTENCE_BREAK_REFERENCE.findall(text))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40).map(lambda t: " ".join(t.split())).filter(bool), max_size=10))
def test_measure_all_equals_measure_per_block(texts):
    blocks = [block(i, t) for i, t in enumerate(texts)]
    words = stopwords("de")
    assert measure_all(blocks, words) == [measure(b, words) for b in blocks]


def test_repeated_lines_share_one_measure():
    blocks = [block(0, "Home"), block(1, "Politik"), block(2, "Home")]
    feats = measure_all(blocks, stopwords("de"))
    assert feats[0] is feats[2]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aİIıi Äß.,-'’\u0307"), max_size=40))
def test_words_and_stopwords_as_if_each_word_were_lowered(text):
    """The lower-cased view must split into the same words as the view itself."""
    words = [w.lower() for w in re.findall(r"\w+", text)]
    listed = frozenset(words[::2])
    f = measure(block(0, text), listed)
    assert (f.words, f.stopwords) == (len(words), sum(w in listed for w in words))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab1 .!?\"'”»)\tÄß\u00a0\ud800é"), max_size=40), max_size=8))
def test_batched_letters_and_sentence_marks_equal_the_per_view_ones(views):
    assert count_letters_many(views) == [count_letters(v) for v in views]
    assert sentence_shapes(views)[0] == [len(_SENTENCE_BREAK_REFERENCE.findall(v)) for v in views]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab .!?…\"'”’»)]x"), max_size=20), max_size=8))
def test_batched_sentence_ends_equal_the_per_view_search(views):
    from cleaner.core.features import _SENTENCE_END

    assert sentence_shapes(views)[1] == [_SENTENCE_END.search(v[-8:]) is not None for v in views]
