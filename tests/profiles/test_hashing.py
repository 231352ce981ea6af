"""cleaner/profiles/hashing.py: what counts as the same line across pages."""
from cleaner.core.siteprofile import line_key, normalise_line
from cleaner.profiles.hashing import document_key, sample_of


def test_case_and_whitespace_fold():
    assert line_key("Sign up for The Week's  Free Newsletters") == line_key("sign UP for the week's free\u00a0newsletters")


def test_digits_and_ordinals_fold():
    assert line_key("Latest news bulletin | November 28th – Evening") == line_key("Latest news bulletin | November 3rd – Evening")
    assert line_key("Quiz of The Week: 1 - 7 March") == line_key("Quiz of The Week: 15 - 21 March")
    assert normalise_line("Page 12 of 345") == "page 0 of 0"


def test_different_words_differ():
    assert line_key("Most read") != line_key("Most shared")
    assert line_key("3rd party cookies") != line_key("party cookies")


def test_long_lines_are_keyed_on_their_start():
    head = "word " * 500
    assert line_key(head + "one ending") == line_key(head + "another ending")


def test_document_key_tells_content_apart():
    assert document_key("a page") == document_key(b"a page")
    assert document_key("a page") != document_key("a page.")


def test_sample_is_bounded():
    assert len(sample_of("x" * 10_000)) == 200
    assert sample_of("  Most   read ") == "Most read"
