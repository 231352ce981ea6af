"""Properties of clean() on article-like documents: no invented words, stable, exact offsets.

Hostile input (any text, bytes, tag soup, deep nesting, JSONL, HTTP bodies) is fuzzed
in tests/reliability/."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean
from tests.conftest import load_seeds

WORD = re.compile(r"\w+")
SEED_LINES = sorted({line for _, raw, _ in load_seeds() for line in raw.splitlines() if line.strip()})

# Documents made of real article and boilerplate lines, in any order, with noise.
documents = st.lists(
    st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=80)),
    min_size=0,
    max_size=40,
).map("\n".join)
profile = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@profile
@given(documents)
def test_output_words_all_come_from_the_input(text):
    result = clean(text=text)
    source = set(WORD.findall(text))
    assert set(WORD.findall(result.text)) <= source
    assert set(WORD.findall(result.title or "")) <= source


@profile
@given(documents)
def test_removed_offsets_slice_the_input(text):
    for span in clean(text=text).removed:
        assert text[span.start:span.end] == span.text


@profile
@given(st.sampled_from(load_seeds()))
def test_cleaning_the_output_again_gives_the_same_title_and_body(seed):
    _, raw, _ = seed
    first = clean(text=raw)
    again = clean(text=f"{first.title}\n\n{first.text}")
    assert again.title == first.title
    assert again.text == first.text


def test_cleaning_twice_is_stable_on_the_seeds():
    for _, raw, _ in load_seeds():
        first = clean(text=raw)
        again = clean(text=f"{first.title}\n\n{first.text}")
        assert (again.title, again.text) == (first.title, first.text)


def test_zero_width_characters_never_fuse_two_input_words():
    article = (
        "The council decided on Monday to build a new bridge over the river, which residents had "
        "asked for since many years and which will cost a lot of money."
    )
    line = "* Price 0\u200bA of the bridge is high, and the mayor said that the work would start in spring."
    result = clean(text=f"{article}\n\n{line}\n\n{article.replace('Monday', 'Tuesday')}")
    assert "Price 0\u200bA of the bridge" in result.text
    assert set(WORD.findall(result.text)) <= set(WORD.findall(line + article + "Tuesday"))
