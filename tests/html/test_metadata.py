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


# --- JSON-LD shapes, meta tag families, dates as ISO days, the lead image -----------

def _meta(head: str, body: str = "<p>x</p>") -> object:
    return read_metadata(LexborHTMLParser(f"<html><head>{head}</head><body>{body}</body></html>"))


def test_json_ld_graph_with_an_author_list():
    meta = _meta('<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
                 '{"@type":"WebSite","name":"Coast Gazette"},'
                 '{"@type":["NewsArticle"],"headline":"Storm closes harbour","datePublished":"2024-03-01T08:00:00+01:00",'
                 '"author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"Sam Poe"}],'
                 '"image":{"@type":"ImageObject","url":"https://example.org/storm.jpg"}}]}</script>')
    assert meta.title == "Storm closes harbour"
    assert meta.author == "Jane Roe, Sam Poe"
    assert meta.date == "2024-03-01"
    assert meta.image == "https://example.org/storm.jpg"
    assert meta.site_name == "Coast Gazette"


def test_json_ld_array_and_character_references():
    meta = _meta('<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"BlogPosting",'
                 '"headline":"Rock &amp; roll&#8217;s return","author":{"name":"Ann Lee"},"datePublished":"Mar 5, 2023"}]'
                 '</script>')
    assert meta.title == "Rock & roll’s return"
    assert meta.author == "Ann Lee"
    assert meta.date == "2023-03-05"


def test_citation_and_dublin_core_tags():
    meta = _meta('<meta name="citation_title" content="On folding paper"><meta name="citation_author" content="Erik Demo">'
                 '<meta name="citation_publication_date" content="2001/07/15">')
    assert (meta.title, meta.author, meta.date) == ("On folding paper", "Erik Demo", "2001-07-15")
    meta = _meta('<meta name="DC.creator" content="Ada Byron"><meta name="DC.date" content="1999-12-31">')
    assert (meta.author, meta.date) == ("Ada Byron", "1999-12-31")


def test_microdata_and_time_element():
    meta = _meta("", '<article><h1>Quiet week in town</h1><span itemprop="author" itemscope>'
                     '<span itemprop="name">Lee Park</span></span><time datetime="2022-10-08T10:00">8 Oct</time>'
                     "<p>text</p></article>")
    assert meta.author == "Lee Park"
    assert meta.date == "2022-10-08"


def test_author_values_that_name_nobody_are_refused():
    assert _meta('<meta property="article:author" content="https://www.facebook.com/example">').author is None
    assert _meta('<meta name="author" content="undefined">').author is None


def test_lead_image_from_open_graph():
    assert _meta('<meta property="og:image" content="https://example.org/a.jpg">').image == "https://example.org/a.jpg"


def test_dateline_under_the_headline():
    meta = _meta("", "<div><h1>Survival guide to init</h1></div><div><p>Posted on April 13, 2023</p></div><p>text</p>")
    assert meta.date == "2023-04-13"


# --- error classes of issue #22 ------------------------------------------------------

def test_opening_hours_are_not_read_as_the_date():
    meta = _meta('<script type="application/ld+json">{"@type":"LocalBusiness","name":"Bakery",'
                 '"openingHours":"Mo-Fr 9:00-18:00"}</script><meta itemprop="openingHours" content="Mo-Fr 9:00-18:00">',
                 '<h1>Our bakery</h1><p class="date">Mo-Fr 9:00-18:00</p><time datetime="Mo-Fr 9:00-18:00">'
                 "weekdays</time><p>Fresh bread every morning.</p>")
    assert meta.date is None


def test_clean_html_headline_not_left_at_the_top_of_the_body():
    # og:title and <title> differ from the <h1>: the title is the declared one, and the
    # <h1> the body would start with is the same headline, not an article line.
    page = PAGE.replace("<article><h1>Storm closes harbour</h1>",
                        "<article><h1>Harbour shut as storm batters the coast</h1>")
    page = page.replace('"headline":"Storm closes harbour"', '"headline":"Storm closes harbour for two days"')
    result = clean(html=page)
    assert result.title
    assert not result.text.startswith("Harbour shut as storm batters the coast")
    assert result.text.startswith("The harbour was closed")


def test_clean_html_result_metadata_fields():
    result = clean(html=PAGE)
    assert result.metadata.date == "2024-03-01"
    assert result.metadata.site_name == "Coast Gazette"
    assert result.metadata.description == "The harbour shut for two days."
