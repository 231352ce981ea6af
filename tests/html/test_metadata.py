"""Metadata is read from the page before pruning."""
from selectolax.lexbor import LexborHTMLParser

from cleaner import clean
from cleaner.html.metadata import read_metadata

PAGE = """<!doctype html><html lang="en-GB"><head>
<title>Storm closes harbour | Coast Gazette</title>
<meta property="og:title" content="Storm closes harbour">
<meta property="og:site_name" content="Coast Gazette">
<meta name="description" content="The harbour shut for two days.">
<meta property="article:published_time" content="2024-03-01T08:00:00Z">
<link rel="canonical" href="https://example.org/storm">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Storm closes harbour","author":{"@type":"Person","name":"Jane Roe"},
 "datePublished":"2024-03-01"}</script>
</head><body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article><h1>Storm closes harbour</h1>
<p>The harbour was closed for two days after a storm brought waves of up to six metres to the coast,
the port authority said on Friday.</p>
<p>Fishing boats were moved to the inner basin, and the ferry service to the islands was suspended
until the wind drops below gale force.</p></article>
<footer>© Coast Gazette</footer></body></html>"""


def test_read_metadata_fields():
    meta = read_metadata(LexborHTMLParser(PAGE))
    assert meta.title == "Storm closes harbour"
    assert meta.author == "Jane Roe"
    assert meta.date == "2024-03-01"  # an ISO day: the time of day is dropped
    assert meta.canonical_url == "https://example.org/storm"
    assert meta.site_name == "Coast Gazette"
    assert meta.description == "The harbour shut for two days."
    assert meta.language == "en"


def test_meta_author_and_title_tag_fallback():
    page = ('<html><head><title>Quiet week - Town Blog</title><meta name="author" content="Sam Poe">'
            "</head><body><p>x</p></body></html>")
    meta = read_metadata(LexborHTMLParser(page))
    assert meta.title == "Quiet week"
    assert meta.author == "Sam Poe"
    assert meta.language is None


def test_h1_when_no_og_title():
    meta = read_metadata(LexborHTMLParser("<title>Site</title><h1> Local  vote </h1>"))
    assert meta.title == "Local vote"


def test_broken_json_ld_is_ignored():
    meta = read_metadata(LexborHTMLParser('<script type="application/ld+json">{not json</script><h1>Hi there</h1>'))
    assert meta.author is None and meta.title == "Hi there"


def test_clean_html_fills_result():
    result = clean(html=PAGE, url="https://example.org/storm?x=1")
    assert result.mode == "html"
    assert result.title == "Storm closes harbour"
    assert result.language == "en"
    assert result.metadata.author == "Jane Roe"
    assert result.metadata.canonical_url == "https://example.org/storm"
    assert result.metadata.url == "https://example.org/storm?x=1"
    assert "harbour was closed" in result.text
    assert "Storm closes harbour" not in result.text  # the title is not repeated in the body
    assert "Home" not in result.text
