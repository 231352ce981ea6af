"""rules/match: the phrase matcher, and its whole-document screens equal to per-block scans."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.lexicon import lexicon_languages
from cleaner.core.normalize import fold, tokens
from cleaner.core.rules.match import REGEX_MAX_CHARS, _last_word, languages_for, matcher_for

# Lines that hit regex patterns, contains phrases, or nearly do, in several languages,
# and noise: the screens must agree with the per-block scans on all of them.
LINES = [
    "Seite 2 von 5", "Page 3 of 12", "12 Kommentare", "Foto: Max Mustermann", "Photo: Jane Doe",
    "Home > News > World", "Impressum | Datenschutz | Kontakt", "Privacy Policy | Terms of Use",
    "Lesezeit: 4 Minuten", "3 min read", "Veröffentlicht am 12.03.2020, 14:00 Uhr",
    "Sign up for our newsletter and get the news straight to your inbox",
    "Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.",
    "We use cookies to personalise content and ads.",
    "The talks went on for hours, officials said.", "Die Gespräche dauerten Stunden.",
    "Sign in to our site", "in to", "we use it", "Copyright Andrew Harnik",
]
line = st.one_of(
    st.sampled_from(LINES),
    st.lists(st.sampled_from(LINES), min_size=2, max_size=3).map(" ".join),
    st.text(alphabet=st.sampled_from("ab Fo:|>1 \u00e4\u00a0'-\ud800"), min_size=1, max_size=30),
)


def per_block(matcher, text: str, folded: str) -> tuple[bool, bool]:
    text = text.replace("\ud800", "\ufffd")  # RE2 reads UTF-8: lone surrogates read as U+FFFD
    regex = len(text) <= REGEX_MAX_CHARS and matcher.any_regex is not None and bool(matcher.any_regex.search(text))
    contained = bool(matcher.contains) and matcher._find_contained(tokens(folded)) is not None
    return regex, contained


@settings(max_examples=60, deadline=None)
@given(st.lists(line, max_size=12), st.sampled_from(["de", "en", "fr", "unknown"]))
def test_screens_equal_per_block_scans(texts, language):
    matcher = matcher_for(languages_for(language))
    folded = [fold(t) for t in texts]
    regex_hits, may_contain = matcher.screen(texts, folded)
    for text, fold_text, regex_hit, maybe in zip(texts, folded, regex_hits, may_contain):
        regex, contained = per_block(matcher, text, fold_text)
        assert regex_hit is None or regex_hit == regex, text
        assert maybe or not contained, text  # the contains screen never misses


def test_screen_flags_the_right_lines():
    matcher = matcher_for(languages_for("de"))
    texts = ["Die Gespräche dauerten Stunden.", "Seite 2 von 5", "x" * (REGEX_MAX_CHARS + 1) + " Seite 2 von 5"]
    regex_hits, _ = matcher.screen(texts, [fold(t) for t in texts])
    assert regex_hits == [False, True, False]


def test_a_match_never_spans_two_blocks():
    # "Seite 2" / "von 5" only match joined; the screen must not see them as one line
    matcher = matcher_for(languages_for("de"))
    texts = ["Seite 2", "von 5"]
    assert matcher.screen(texts, [fold(t) for t in texts])[0] == [False, False]


def test_find_with_screens_equals_find_alone():
    for language in lexicon_languages():
        matcher = matcher_for(languages_for(language))
        folded = [fold(t) for t in LINES]
        regex_hits, may_contain = matcher.screen(LINES, folded)
        for text, f, r, m in zip(LINES, folded, regex_hits, may_contain):
            words = len(re.findall(r"\w+", text))
            assert matcher.find(text, f, words, r, m) == matcher.find(text, f, words)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab1_ .:-\u00e4\u0301'"), max_size=90))
def test_last_word_is_the_trailing_word_run(folded):
    assert _last_word(folded) == re.search(r"\w*$", folded[-64:]).group()


def test_lone_surrogates_do_not_break_matching():
    matcher = matcher_for(languages_for("de"))
    texts = ["Seite 2 von 5", "xyz \ud800 abc", "\ud800Seite 2 von 5"]
    regex_hits, _ = matcher.screen(texts, [fold(t) for t in texts])
    assert regex_hits == [True, False, False]
    assert matcher.find("xyz \ud800 abc", fold("xyz \ud800 abc"), 2) is None


@settings(max_examples=80, deadline=None)
@given(st.lists(line, max_size=12), st.sampled_from(["de", "en", "fr", "unknown"]))
def test_find_claims_no_line_outside_the_candidates(texts, language):
    matcher = matcher_for(languages_for(language))
    folded = [fold(t) for t in texts]
    chosen = {i for i, _, _ in matcher.candidates(texts, folded)}
    for i, (text, f) in enumerate(zip(texts, folded)):
        if i not in chosen:
            assert matcher.find(text, f, len(re.findall(r"\w+", text))) is None, text
