"""Page metadata, read from the parsed tree before any pruning."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from cleaner.core.language import normalize_code

_MAX_JSONLD_CHARS = 200_000
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    description: str | None = None
    language: str | None = None  # ISO 639-1 from html[lang], when it parses as one


def read_metadata(tree: LexborHTMLParser) -> PageMetadata:
    meta = _meta_values(tree)
    ld = _json_ld(tree)
    h1 = _text(tree.css_first("h1"))
    og_title = meta.get("og:title") or meta.get("twitter:title")
    title_tag = _text(tree.css_first("title"))
    return PageMetadata(
        title=_pick_title(h1, og_title, ld.get("headline"), title_tag, meta.get("og:site_name")),
        author=_clean(meta.get("author") or ld.get("author") or meta.get("article:author")
                      or meta.get("dc.creator")),
        date=_clean(meta.get("article:published_time") or ld.get("datePublished")
                    or meta.get("date") or meta.get("dc.date") or meta.get("pubdate")
                    or _attr(tree.css_first("time[datetime]"), "datetime")),
        canonical_url=_clean(_attr(tree.css_first('link[rel="canonical"]'), "href") or meta.get("og:url")),
        site_name=_clean(meta.get("og:site_name") or ld.get("publisher")),
        description=_clean(meta.get("description") or meta.get("og:description")),
        language=_html_language(tree),
    )


def _pick_title(h1, og_title, headline, title_tag, site_name) -> str | None:
    """og:title or the JSON-LD headline, else the <h1>, else <title> minus its site suffix."""
    for candidate in (og_title, headline):
        candidate = _clean(candidate)
        if candidate:
            return _strip_site(candidate, site_name)
    if h1 and 3 <= len(h1) <= 300:
        return h1
    title_tag = _clean(title_tag)
    return _strip_site(title_tag, site_name) if title_tag else None


def _strip_site(title: str, site_name: str | None) -> str:
    for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
        if sep in title:
            head, _, tail = title.rpartition(sep)
            if head and (len(tail) < len(head) or (site_name and site_name.lower() in tail.lower())):
                return head.strip()
    return title


def _meta_values(tree: LexborHTMLParser) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        value = attrs.get("content")
        if key and value and value.strip():
            out.setdefault(key.strip().lower(), value.strip())
    return out


def _json_ld(tree: LexborHTMLParser) -> dict[str, str]:
    """headline, author, datePublished and publisher of the first article-like JSON-LD object."""
    found: dict[str, str] = {}
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True) or ""
        if len(raw) > _MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for obj in _objects(data):
            for key in ("headline", "datePublished"):
                if isinstance(obj.get(key), str):
                    found.setdefault(key, obj[key])
            author = _name_of(obj.get("author"))
            if author:
                found.setdefault("author", author)
            publisher = _name_of(obj.get("publisher"))
            if publisher:
                found.setdefault("publisher", publisher)
    return found


def _objects(data, depth: int = 0):
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _objects(data["@graph"], depth + 1)
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report", "WebPage")) for k in kinds):
            yield data


def _name_of(value) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name_of(v) for v in value[:5]) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
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
    if not value:
        return None
    value = _SPACE.sub(" ", value).strip()
    return value or None
