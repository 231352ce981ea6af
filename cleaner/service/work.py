"""What a cleaning process does with one job: call the library, map its errors.

Kept free of FastAPI imports: this module is all the cleaning processes load besides
the library itself.
"""
from __future__ import annotations

import gc

from cleaner.api import clean
from cleaner.errors import CleanerError, DocumentTimeout, InputTooLarge
from cleaner.jsonsafe import utf8_json
from cleaner.profiles.store import ProfileError, check_profiles
from cleaner.warm import warm_up


def warm() -> None:
    """Load lexicons, stopwords, language profiles and the rule registry up front; the
    matchers of languages other than the warm-up document's are built as they come."""
    warm_up(matchers=False)
    _prime()
    # All of that lives as long as the process: the collector need never walk it again.
    # A full collection over it took about 90 ms, a stall for the document at hand and
    # for the one already queued behind it.
    gc.freeze()


def check_profiles_setting(settings) -> None:
    """Refuse to start with a CLEANER_PROFILES that cannot be read (not at the first request)."""
    if settings.profiles:
        problem = check_profiles(settings.profiles)
        if problem:
            raise RuntimeError(f"CLEANER_PROFILES: {problem}")


def _prime() -> None:
    """Clean a tiny document so lazily built matchers exist before the first request."""
    clean(text="Warm-up headline\n\nA first paragraph of warm-up text, cleaned once at start.")
    try:
        clean(html="<html><body><article><p>Warm-up paragraph.</p></article></body></html>")
    except Exception:  # noqa: BLE001
        pass  # priming only: an HTML failure is reported per request (501/500), not at start


def run_job(job: dict) -> tuple:
    """Clean one document; ("ok", json bytes, removed_by_rule) or ("err", status, code, msg)."""
    try:
        result = clean(
            text=job.get("text"),
            html=job.get("html"),
            url=job.get("url"),
            language=job.get("language"),
            options=job.get("options"),
            site=job.get("site"),
        )
        # Serialised here so the server process only copies bytes through to the client;
        # inside the try, like the cleaning: a reply that cannot be made would kill the child.
        return ("ok", result_json(result), dict(result.stats.removed_by_rule))
    except Exception as exc:  # noqa: BLE001  (every failure must become a reply, not a dead child)
        return ("err", *_classify(exc))


def result_json(result) -> bytes:
    """The result as JSON; a lone surrogate (a "\\ud800" escape in the request, kept in the
    text or url as the batch keeps it) is written as that escape, which pydantic refuses."""
    try:
        return result.model_dump_json().encode("utf-8")
    except ValueError:  # PydanticSerializationError: a character UTF-8 cannot hold
        return utf8_json(result.model_dump(mode="json"))


def _classify(exc: Exception) -> tuple[int, str, str]:
    if isinstance(exc, InputTooLarge):
        return 413, exc.code, str(exc)
    if isinstance(exc, DocumentTimeout):
        return 504, exc.code, str(exc)
    if isinstance(exc, ProfileError):  # the operator's DB went away or broke: not the client's fault
        return 503, exc.code, str(exc)
    if isinstance(exc, CleanerError):
        return 422, exc.code, str(exc)
    if isinstance(exc, (NotImplementedError, ImportError)):
        # HTML extraction lands separately; until it does, html input is "not implemented".
        return 501, "not_implemented", f"html cleaning is not available: {exc}"
    return 500, "internal_error", f"unexpected {type(exc).__name__} while cleaning"
