"""Page metadata, read from the parsed tree before any pruning.

Sources, each field taking the first that gives a valid value: JSON-LD (article-like
objects first, then the page's other objects, @graph and arrays included), the
OpenGraph, Dublin Core, citation_* and article:* meta tags, microdata (itemprop), and
for the date the page's <time datetime> elements. Dates go through cleaner.core.dates,
which turns them into an ISO day or refuses them; authors are refused when they are a
link, an e-mail address or too long to be names. One pass over the <meta> elements and
one over the JSON-LD scripts, on the tree HTML mode parses anyway.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from itertools import chain
from typing import Iterator

from selectolax.lexbor import LexborHTMLParser

from cleaner.core.dates import parse_date
from cleaner.core.language import normalize_code
from cleaner.core.rules.title import strip_site_suffix

_MAX_JSONLD_CHARS = 200_000
_MAX_JSONLD_OBJECTS = 200
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# Marks a heading's permalink adds to its text (Sphinx's pilcrow, "#" anchors).
_ANCHOR_MARKS = "¶#§ \u200b"
# Author values that name no person: links, e-mail addresses, handles of a CMS.
_NOT_A_NAME = re.compile(r"https?:|www\.|@\w+\.\w|^\W*$|\.(?:com|org|net)\b")
AUTHOR_MAX_CHARS = 100
AUTHOR_MAX_NAMES = 4
TITLE_MIN_CHARS = 3
# Share of words two titles must have in common to be the same headline (chosen on dev2:
# 0.5 beat 0.4 and 0.6 to 0.7 by half a point to two points of title accuracy).
TITLES_AGREE = 0.5
TITLE_MAX_CHARS = 300
# How many <time> elements to try for a date (the first ones are the article's own).
TIME_ELEMENTS_TRIED = 5

ARTICLE_TYPES = ("Article", "BlogPosting", "Posting", "Report", "Review", "Recipe", "HowTo", "Question",
                 "QAPage", "DiscussionForumPosting", "VideoObject", "Event", "Product")
PAGE_TYPES = ("WebPage", "AboutPage", "ItemPage", "CollectionPage", "ProfilePage", "FAQPage")

# meta keys (property, name or itemprop, lower-cased), in order of trust.
TITLE_KEYS = ("og:title", "twitter:title", "citation_title", "dc.title", "dcterms.title", "headline")
AUTHOR_KEYS = ("author", "article:author", "citation_author", "dc.creator", "dcterms.creator", "parsely-author",
               "sailthru.author", "byl", "twitter:creator:name")
DATE_KEYS = ("article:published_time", "og:article:published_time", "datepublished", "citation_publication_date",
             "citation_date", "citation_online_date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
             "dcterms.created", "dc.date.created", "date", "pubdate", "publishdate", "publish_date", "publish-date",
             "sailthru.date", "parsely-pub-date", "article.published", "published-date", "release_date",
             "og:published_time", "datecreated")
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified")
SITE_KEYS = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site")
DESCRIPTION_KEYS = ("description", "og:description", "twitter:description", "dc.description")
IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "image",
              "thumbnail")


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 day
    canonical_url: str | None = None
    site_name: str | None = None
    description: str | None = None
    language: str | None = None  # ISO 639-1 from html[lang], when it parses as one
    image: str | None = None
    headline: str | None = None  # the page's <h1>, which the body may show though `title` came from elsewhere


@dataclass(slots=True)
class _JsonLd:
    """The values found in the page's JSON-LD: article-like objects' first, then any."""

    article: dict[str, str] = field(default_factory=dict)
    page: dict[str, str] = field(default_factory=dict)
    other: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> str | None:
        return self.article.get(key) or self.page.get(key) or self.other.get(key)


def read_metadata(tree: LexborHTMLParser) -> PageMetadata:
    meta = _meta_values(tree)
    ld = _json_ld(tree)
    language = _html_language(tree)
    site_name = _site_name(meta, ld)
    h1 = _h1(tree)
    return PageMetadata(
        title=_title(h1, tree, meta, ld, site_name),
        headline=h1,
        author=_author(tree, meta, ld),
        date=_date(tree, meta, ld, language),
        canonical_url=_clean(_attr(tree.css_first('link[rel="canonical"]'), "href") or meta.get("og:url")),
        site_name=site_name,
        description=_clean(_first(meta, DESCRIPTION_KEYS) or ld.get("description")),
        language=language,
        image=_clean(_first(meta, IMAGE_KEYS) or ld.get("image")
                     or _attr(tree.css_first('link[rel="image_src"]'), "href")),
    )


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key]
    return None


# --- title -------------------------------------------------------------------------


def _title(h1: str | None, tree: LexborHTMLParser, meta: dict[str, str], ld: _JsonLd, site_name: str | None) -> str | None:
    """The page's headline as its reader sees it.

    The <h1> when it agrees with what the page declares (JSON-LD headline, og:title, or
    the <title> element); else the <title> element when it agrees with the declared
    title (it then carries the page's own wording, site name and all); else the declared
    title; else <title> without its site suffix ("Title | Site"), else the <h1>. Two titles agree when half of their words are
    shared (TITLES_AGREE): a headline and its SEO variant share most of theirs; a
    section name ("The Blog", "Search") and the article's headline do not.
    """
    declared = [t for t in (_clean(ld.article.get("headline")), _clean(_first(meta, TITLE_KEYS))) if t]
    title_tag = _clean(_text(tree.css_first("title")))
    if h1 and any(_same_words(h1, t) for t in (*declared, title_tag) if t):
        return h1
    short_tag = _strip_site(title_tag, site_name) if title_tag else None
    if short_tag and declared and any(_same_words(short_tag, t) for t in declared):
        return title_tag
    if declared:
        return declared[0]
    # A one-word <title> is the site's name ("Site"), not the page's.
    if short_tag and (h1 is None or " " in short_tag):
        return short_tag
    return h1


def _h1(tree: LexborHTMLParser) -> str | None:
    for node in tree.css("h1")[:3]:
        text = _text(node)
        if text and TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS:
            return text
    return None


def _same_words(a: str, b: str) -> bool:
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return bool(wa) and len(wa & wb) >= TITLES_AGREE * max(len(wa), len(wb))


def _strip_site(title: str | None, site_name: str | None) -> str:
    return strip_site_suffix(_clean(title) or "", site_name)


# --- author ------------------------------------------------------------------------


def _author(tree: LexborHTMLParser, meta: dict[str, str], ld: _JsonLd) -> str | None:
    # A chain of generators: the page's elements are searched only when the declared values fail.
    candidates = chain((ld.article.get("author"),), (meta.get(k) for k in AUTHOR_KEYS), _byline_elements(tree),
                       (ld.page.get("author"), ld.other.get("author")))
    for candidate in candidates:
        name = author_name(candidate)
        if name:
            return name
    return None


# Values that are a site's placeholder, not a name.
_PLACEHOLDERS = frozenset({"undefined", "null", "none", "admin", "unknown", "anonymous", "author"})
# Where a name in a byline element ends: a count ("Vader 6,796 gold badges"), a field label
# ("Messages: 3"), a separator, or a date.
_NAME_END = re.compile(r"\s\d|:|\||•|·|\s[-–—]\s|\s(?:on|am|posted|published|updated)\s", re.IGNORECASE)
_NAME_PREFIX = re.compile(r"^(?:by|von|par|por|di|door|autor|author|written by|posted by)\s*:?\s+", re.IGNORECASE)


def author_name(value: str | None) -> str | None:
    """A cleaned author value, or None when it names nobody (a link, an address, a paragraph)."""
    value = _clean(value)
    if not value:
        return None
    if _NOT_A_NAME.search(value.lower()):
        return None
    value = _NAME_PREFIX.sub("", value)
    end = _NAME_END.search(value)
    if end:
        value = value[:end.start()]
    value = value.strip(" ,;|")
    if len(value) > AUTHOR_MAX_CHARS or value.lower() in _PLACEHOLDERS:
        return None
    # A lone short word left after the cut is a weekday or a label ("Sat, 13 Dec"), not a name.
    if len(value) <= 3 and " " not in value:
        return None
    return value


# Elements that hold the byline's name, in page order: microdata, rel=author links, and
# the class names CMSs give a byline.
BYLINE_SELECTOR = ('[itemprop="author"] [itemprop="name"], [itemprop="author"], [rel="author"], '
                   '[class*="author-name"], [class*="author_name"], [class*="byline"] a, .author, .byline')
BYLINE_ELEMENTS_TRIED = 4
BYLINE_MAX_WORDS = 6


def _byline_elements(tree: LexborHTMLParser) -> Iterator[str | None]:
    body = tree.body
    if body is None:
        return
    for node in body.css(BYLINE_SELECTOR)[:BYLINE_ELEMENTS_TRIED]:
        value = _clean(node.attributes.get("content")) or _text(node)
        name = author_name(value)
        if name and len(name.split()) <= BYLINE_MAX_WORDS:
            yield name


# --- date --------------------------------------------------------------------------


def _date(tree: LexborHTMLParser, meta: dict[str, str], ld: _JsonLd, language: str | None) -> str | None:
    # Most trusted first; a chain of generators, so the page's elements are only searched
    # (the costlier part) when the declared values give no date.
    candidates = chain(
        (ld.article.get("datePublished"),), (meta.get(k) for k in DATE_KEYS), _lazy(_microdata_date, tree),
        (ld.page.get("datePublished"), ld.other.get("datePublished")), _meta_dates(meta),
        _lazy(_url_date, tree, meta), _time_elements(tree), _dated_elements(tree), _lines_after_headline(tree),
        (ld.article.get("dateModified"),), (meta.get(k) for k in MODIFIED_KEYS),
    )
    for candidate in candidates:
        date = parse_date(candidate, language)
        if date:
            return date
    return None


def _meta_dates(meta: dict[str, str]) -> Iterator[str]:
    """Meta tags of other names that say they hold the publication date ("cludo:date")."""
    for key, value in meta.items():
        if key.endswith(("date", "published", "publication_date")) and not any(w in key for w in _NOT_PUBLISHED):
            yield value


_NOT_PUBLISHED = ("modif", "updat", "expir", "valid", "start", "end", "event", "birth")
# /2016/02/09/ or /2025-12-17-slug in the canonical address: blogs file posts under their day.
_URL_DAY = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)")


def _url_date(tree: LexborHTMLParser, meta: dict[str, str]) -> str | None:
    url = _attr(tree.css_first('link[rel="canonical"]'), "href") or meta.get("og:url") or ""
    match = _URL_DAY.search(url)
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


# Elements whose class names them the post's date ("entry-date", "post-date", "published").
DATED_SELECTOR = ('[class*="publish"], [class*="date"], [class*="Date"], [class*="posted"], [id*="publish"], '
                  '[id*="date"], [class*="byline"], [class*="meta"]')
# Elements read, in page order (script, style and the like among them are skipped).
DATED_ELEMENTS_READ = 16
DATED_MAX_CHARS = 120


def _dated_elements(tree: LexborHTMLParser) -> Iterator[str | None]:
    body = tree.body
    if body is None:
        return
    for node in body.css(DATED_SELECTOR)[:DATED_ELEMENTS_READ]:
        if node.tag in ("meta", "script", "style", "link", "body", "html"):
            continue
        text = node.text(deep=True)
        if text and len(text) <= DATED_MAX_CHARS:
            yield text


def _lazy(read, *args) -> Iterator[str | None]:
    yield read(*args)


def _microdata_date(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first('[itemprop="datePublished"], [itemprop="dateCreated"]')
    if node is None:
        return None
    attrs = node.attributes
    return attrs.get("content") or attrs.get("datetime") or _text(node)


def _time_elements(tree: LexborHTMLParser) -> Iterator[str | None]:
    for node in tree.css("time[datetime]")[:TIME_ELEMENTS_TRIED]:
        yield node.attributes.get("datetime")


# The dateline under a headline: "Posted on April 13, 2023", "by Jon Foster - 2025-09-13".
HEADLINE_LINES_TRIED = 6
HEADLINE_CONTAINER_MAX_CHARS = 3000


def _lines_after_headline(tree: LexborHTMLParser) -> Iterator[str]:
    """The short lines that follow the page's first <h1> in its container."""
    h1 = tree.css_first("h1")
    heading = _text(h1) if h1 is not None else None
    if not heading:
        return
    # The headline often sits alone in a header div, its dateline in the next: climb while
    # the next level up stays small (a whole page's text is no place to look, nor to split).
    container = h1.parent
    for _ in range(3):
        parent = container.parent if container is not None else None
        if parent is None or len(parent.text(deep=True)) > HEADLINE_CONTAINER_MAX_CHARS:
            break
        container = parent
    if container is None:
        return
    after = None  # lines read since the headline's (None: not reached yet)
    for raw in container.text(deep=True, separator="\n").split("\n"):
        if not raw.strip():
            continue
        line = _clean(raw) or ""
        if after is None:
            # the headline's line, or its last part when markup splits it over several
            if line == heading or (len(line) > 10 and line in heading):
                after = 0
            continue
        if len(line) <= DATED_MAX_CHARS:
            yield line
        after += 1
        if after >= HEADLINE_LINES_TRIED:
            return


# --- site name ---------------------------------------------------------------------


def _site_name(meta: dict[str, str], ld: _JsonLd) -> str | None:
    name = _first(meta, SITE_KEYS) or ld.get("publisher") or ld.other.get("websiteName")
    return _clean(name)


# --- readers -----------------------------------------------------------------------


def _meta_values(tree: LexborHTMLParser) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        value = attrs.get("content")
        if key and value and value.strip():
            out.setdefault(key.strip().lower(), value.strip())
    return out


def _json_ld(tree: LexborHTMLParser) -> _JsonLd:
    found = _JsonLd()
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True) or ""
        if len(raw) > _MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw, strict=False)  # strict=False: raw newlines inside strings, as CMSs write them
        except (ValueError, RecursionError):
            continue
        for obj in _objects(data):
            kinds = _kinds(obj)
            target = (found.article if any(k.endswith(ARTICLE_TYPES) for k in kinds)
                      else found.page if any(k in PAGE_TYPES for k in kinds) else found.other)
            _collect(obj, kinds, target, found)
    return found


def _collect(obj: dict, kinds: list[str], target: dict[str, str], found: _JsonLd) -> None:
    for key in ("headline", "datePublished", "dateCreated", "dateModified", "uploadDate", "description"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            target.setdefault("datePublished" if key in ("dateCreated", "uploadDate") else key, value)
    if isinstance(obj.get("name"), str):
        target.setdefault("name", obj["name"])
    author = _name_of(obj.get("author")) or _name_of(obj.get("creator"))
    if author:
        target.setdefault("author", author)
    publisher = _name_of(obj.get("publisher"))
    if publisher:
        target.setdefault("publisher", publisher)
    image = _url_of(obj.get("image")) or _url_of(obj.get("thumbnailUrl"))
    if image:
        target.setdefault("image", image)
    if "WebSite" in kinds and isinstance(obj.get("name"), str):
        found.other.setdefault("websiteName", obj["name"])


def _objects(data, depth: int = 0, budget: list[int] | None = None) -> Iterator[dict]:
    """Every object of a JSON-LD document, @graph members and array items included."""
    budget = budget if budget is not None else [_MAX_JSONLD_OBJECTS]
    if depth > 4 or budget[0] <= 0:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _objects(item, depth + 1, budget)
    elif isinstance(data, dict):
        budget[0] -= 1
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _objects(graph, depth + 1, budget)
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _objects(main, depth + 1, budget)


def _kinds(obj: dict) -> list[str]:
    kind = obj.get("@type")
    return [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]


def _name_of(value) -> str | None:
    if isinstance(value, list):
        names = list(dict.fromkeys(n for n in (_name_of(v) for v in value[:AUTHOR_MAX_NAMES]) if n))
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
        if isinstance(value, list):
            return _name_of(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _url_of(value) -> str | None:
    if isinstance(value, list):
        return next((u for u in map(_url_of, value[:5]) if u), None)
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _html_language(tree: LexborHTMLParser) -> str | None:
    html = tree.css_first("html")
    raw = _attr(html, "lang") or _attr(html, "xml:lang")
    if not raw:
        return None
    return normalize_code(raw.strip().split("-")[0].split("_")[0])


def _text(node) -> str | None:
    return _clean(node.text(deep=True)) if node is not None else None


def _attr(node, name: str) -> str | None:
    return node.attributes.get(name) if node is not None else None


def _clean(value: str | None) -> str | None:
    """Whitespace collapsed, character references decoded (JSON-LD and CMSs write them,
    sometimes twice: "&amp;#8217;"), permalink marks stripped."""
    if not value or not isinstance(value, str):
        return None
    if "&" in value:
        value = html.unescape(html.unescape(value))
    value = _SPACE.sub(" ", value).strip().strip(_ANCHOR_MARKS).strip()
    return value or None
