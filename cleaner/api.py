"""The public entry point: validate the call, dispatch to the text or HTML path."""
from __future__ import annotations

from typing import Any, Mapping

from pydantic import ValidationError

from cleaner.core.document import Hints
from cleaner.errors import InputTooLarge, InvalidInput, validation_message
from cleaner.core.language_codes import language_code
from cleaner.limits import run_within
from cleaner.options import Options
from cleaner.core.pipeline import clean_text
from cleaner.core.siteprofile import SiteProfile
from cleaner.profiles.lookup import reader_for
from cleaner.core.sites import site_of
from cleaner.result import CleanResult
from cleaner.core.rules.registry import is_disabled


def clean(
    text: str | None = None,
    html: str | bytes | None = None,
    *,
    url: str | None = None,
    language: str | None = None,
    options: Options | Mapping[str, Any] | None = None,
    site: str | None = None,
) -> CleanResult:
    """Clean one scraped article given as plain `text` or raw `html` (exactly one).

    With `options.profiles` (a DB from `cleaner learn`), SITE001 removes the lines the
    document's site repeats on most of its pages; the site is `site` if given, else the
    registered domain of `url`, else `options.site`.

    Raises InvalidInput (a ValueError) for unusable arguments, InputTooLarge for input
    over the configured limits and DocumentTimeout past `options.timeout_seconds`; all
    three are CleanerError, and nothing else is expected to escape.
    """
    opts = to_options(options)
    if (text is None) == (html is None):
        raise InvalidInput("give exactly one of text= or html=")
    lang = language_code(language)
    profile = _site_profile(opts, url, site)
    if opts.timeout_seconds is not None:
        return run_within(opts.timeout_seconds, lambda: _clean(text, html, url, lang, opts, profile))
    return _clean(text, html, url, lang, opts, profile)


def _clean(text, html, url: str | None, lang: str | None, opts: Options, profile) -> CleanResult:
    if text is not None:
        text = _as_text(text)
        # a text has fewer line feeds than characters: a short one is not counted
        _check_size(len(text), text.count("\n") if len(text) > opts.max_lines else 0, opts)
        result = clean_text(text, opts, language=lang, hints=Hints(), site=profile)
    else:
        # lazily: trafilatura and lxml take 0.3 s to import, and text mode never needs them
        from cleaner.html.extract import clean_html

        if not isinstance(html, (str, bytes, bytearray)):
            raise InvalidInput(f"html must be str or bytes, not {type(html).__name__}")
        _check_size(len(html), 0, opts)
        result = clean_html(html, opts, language=lang, url=url, site=profile)
    if url and not result.metadata.url:
        result.metadata.url = url
    return result


_DEFAULTS = Options()  # frozen: one shared instance spares a validation per call


def to_options(options: Options | Mapping[str, Any] | None) -> Options:
    if options is None:
        return _DEFAULTS
    if isinstance(options, Options):
        return options
    if not isinstance(options, Mapping):
        raise InvalidInput(f"options must be an Options or a mapping, not {type(options).__name__}")
    try:
        return Options(**options)
    except ValidationError as exc:
        raise InvalidInput(f"invalid options: {validation_message(exc.errors())}") from None


def _as_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        try:
            return bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"text is not valid UTF-8 (byte {exc.start}); pass str or use html=") from None
    raise InvalidInput(f"text must be str, not {type(text).__name__}")


def _site_profile(opts: Options, url: object, site: object) -> SiteProfile | None:
    if url is not None and not isinstance(url, str):
        raise InvalidInput(f"url must be a string, not {type(url).__name__}")
    if site is not None and not isinstance(site, str):
        raise InvalidInput(f"site must be a string, not {type(site).__name__}")
    if not opts.profiles or is_disabled("SITE001", opts.disable):
        return None
    key = site_of(url, site or None) or opts.site
    if key is None:
        return None
    return reader_for(opts.profiles).profile(
        key, min_documents=opts.site_min_documents, share=opts.site_share, long_share=opts.site_long_share,
    )


def _check_size(chars: int, lines: int, opts: Options) -> None:
    if chars > opts.max_input_chars:
        raise InputTooLarge(f"input has {chars} characters; the limit is {opts.max_input_chars}")
    if lines > opts.max_lines:
        raise InputTooLarge(f"input has {lines} lines; the limit is {opts.max_lines}")
