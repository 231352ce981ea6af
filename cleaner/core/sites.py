"""Which site a document belongs to: its registered domain, or what the caller says.

`news.bbc.co.uk` and `www.bbc.co.uk` are one site, `bbc.co.uk`; `foo.github.io` and
`bar.github.io` are two (the Public Suffix List's private section counts: each is its own
site). The list is the snapshot bundled with `publicsuffixlist`; nothing is fetched.
"""
from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

from cleaner.errors import InvalidInput

WEB_SCHEMES = frozenset({"http", "https"})
# "mailto:x", "urn:y" but not "example.com:8080/a" (a port follows that colon).
_OTHER_SCHEME = re.compile(r"\A[a-zA-Z][a-zA-Z0-9+-]*:(?!\d)")  # \A: linear under search() too
SITE_MAX_CHARS = 253  # the longest DNS name; an explicit site key is held to it too


@lru_cache(maxsize=1)
def _suffix_list():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def site_of(url: str | None = None, site: str | None = None) -> str | None:
    """The site key: an explicit `site` (folded) wins, else the URL's registered domain.

    None when neither gives one (no URL, or a URL without a host).
    """
    if site is not None:
        return explicit_site(site)
    if not url:
        return None
    return registered_domain(host_of(url))


def explicit_site(site: str) -> str:
    if not isinstance(site, str):
        raise InvalidInput(f"site must be a string, not {type(site).__name__}")
    key = site.strip().casefold().rstrip(".")
    if not key or len(key) > SITE_MAX_CHARS or any(ch.isspace() or not ch.isprintable() for ch in key):
        raise InvalidInput(f"site {site[:80]!r} is not a usable site key (a domain such as example.com)")
    return key


def host_of(url: str) -> str | None:
    """The lower-cased host of an http(s) URL; scheme-less URLs ("example.com/a") too."""
    text = url.strip()
    if "://" in text:
        if text.split("://", 1)[0].lower() not in WEB_SCHEMES:
            return None
    elif _OTHER_SCHEME.match(text):
        return None  # mailto:, urn:, a "hard::file" pseudo-address: no web host
    else:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or not host.isprintable():
        return None  # a lone surrogate (a "\ud800" escape) or a control character: no real host
    return host.rstrip(".").lower() or None


@lru_cache(maxsize=4096)
def registered_domain(host: str | None) -> str | None:
    if not host:
        return None
    if _is_ip(host):
        return host
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_host = host
    domain = _suffix_list().privatesuffix(ascii_host)
    # A bare public suffix or an unlisted single label ("localhost") is its own site.
    return domain or ascii_host


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
