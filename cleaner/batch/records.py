"""One input record -> one output record (a result dict or `{"id", "error"}`)."""
from __future__ import annotations

from typing import Any

from cleaner.api import clean
from cleaner.explain.batch import POSITION_KEY, SUMMARY_KEY, BatchReport
from cleaner.options import Options

# Input keys consumed by clean() (url is kept); everything else is passed through untouched.
CONSUMED = ("id", "text", "html", "language")
# Keys the result owns; a pass-through field with one of these names is overwritten.
RESULT_KEYS = ("id", "title", "text", "language", "removed")


# An outcome is (output record, ok, removed_by_rule): whether the record was cleaned, and
# its removed-span counts by rule (counted even with explain off, for the summary).
Outcome = tuple[dict[str, Any], bool, dict[str, int]]


def error_record(rid: Any, message: str, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rid, "error": message}
    out.update(extra)
    return out


def process_record(
    record: dict[str, Any], options: Options, report: BatchReport | None = None
) -> tuple[dict[str, Any], bool, dict[str, int]]:
    """Clean one record. Never raises: any failure becomes an error record.

    A record carrying `error` already (a malformed input line found by the reader) is
    passed on as is. With `report` (--report DIR) the record's explain page is written
    here, where the document is at hand, and its summary rides on the output record
    (the driver takes it off before writing).
    """
    rid = record.get("id")
    if "error" in record and "text" not in record and "html" not in record:
        return dict(record), False, {}
    try:
        text, html = record.get("text"), record.get("html")
        if text is None and html is None:
            raise ValueError('record has neither "text" nor "html"')
        if text is not None and html is not None:
            raise ValueError('record has both "text" and "html"; give exactly one')
        url = record.get("url")
        if url is not None and not isinstance(url, str):
            raise ValueError("url must be a string")
        language = record.get("language")
        if language is not None and not isinstance(language, str):
            raise ValueError("language must be a string such as 'en'")
        site = record.get("site")  # the site-profile key; passed through like url
        result = clean(text=text, html=html, url=url, language=language, options=options, site=site)
    except BaseException as exc:  # noqa: BLE001 - any failure is that record's error
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return error_record(rid, message, **carried_keys(record)), False, {}
    out: dict[str, Any] = {k: v for k, v in record.items() if k not in CONSUMED}
    out["id"] = rid
    out["title"] = result.title
    out["text"] = result.text
    out["language"] = result.language
    if options.explain:
        out["removed"] = [span.model_dump() for span in result.removed]
    elif "removed" in out:
        del out["removed"]
    if report is not None:
        out[SUMMARY_KEY] = report.document(record, result, rid)
    return out, True, dict(result.stats.removed_by_rule)


def carried_keys(record: dict[str, Any]) -> dict[str, Any]:
    """Private keys an error record keeps so the driver can still place it in the report."""
    return {POSITION_KEY: record[POSITION_KEY]} if POSITION_KEY in record else {}


def process_chunk(records: list[dict[str, Any]], options: Options, report: BatchReport | None = None) -> list[Outcome]:
    return [process_record(r, options, report) for r in records]
