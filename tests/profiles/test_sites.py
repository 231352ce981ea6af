"""cleaner/core/sites.py: a document's site key."""
import pytest

from cleaner.errors import InvalidInput
from cleaner.core.sites import site_of


@pytest.mark.parametrize("url, site", [
    ("https://www.theweek.com/news/world", "theweek.com"),
    ("http://news.bbc.co.uk/2/hi/uk_news/1.stm", "bbc.co.uk"),
    ("https://WWW.Spiegel.DE/politik/a-1.html", "spiegel.de"),
    ("https://alice.github.io/post", "alice.github.io"),
    ("example.org/no/scheme", "example.org"),
    ("https://example.com:8443/a", "example.com"),
    ("https://bücher.de/x", "xn--bcher-kva.de"),
    ("http://127.0.0.1:8000/a", "127.0.0.1"),
    ("https://localhost/a", "localhost"),
])
def test_registered_domain(url, site):
    assert site_of(url) == site


@pytest.mark.parametrize("url", [None, "", "mailto:someone@example.com", "hard::nationnews.com-x.html", "ftp://x.org/f", "https://"])
def test_no_site(url):
    assert site_of(url) is None


def test_explicit_site_wins_and_is_folded():
    assert site_of("https://www.example.com/a", " Other.EXAMPLE. ") == "other.example"


@pytest.mark.parametrize("bad", ["", "   ", "two words", "x" * 300, "tab\tsite"])
def test_bad_explicit_site(bad):
    with pytest.raises(InvalidInput):
        site_of(None, bad)
