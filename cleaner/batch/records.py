"""One input record -> one output record (a result dict or `{"id", "error"}`).

The local engine's workers also parse the JSONL line (`RawLine`) and serialise the output
(`Encoded`), so the driver only moves bytes: reading, parsing, pickling a dict each way
and encoding it again would otherwise cost the driver about as much CPU as a fifth of a
worker, on the same cores the workers need.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, Iterable, NamedTuple

from cleaner.api import clean
from cleaner.batch.codec import JSONL, TXT, Encoded, encode_line
from cleaner.batch.pages import POSITION_KEY, SUMMARY_KEY, ExplainPages, take_summary
from cleaner.batch.readers import RawLine, parse_line
from cleaner.batch.writers import txt_name_problem
from cleaner.core.structure.render import to_html, to_markdown
from cleaner.jsonsafe import JSON_ERRORS
from cleaner.options import Options
from cleaner.result import BodyBlock

# Input keys consumed by clean() (url is kept); everything else is passed through untouched.
CONSUMED = ("id", "text", "html", "language")


# An outcome is (output record, ok, removed_by_rule): whether the record was cleaned, and
# its removed-span counts by rule (counted even with explain off, for the summary).
Outcome = tuple[dict[str, Any], bool, dict[str, int]]


# What the driver hands a worker: a RawLine, or a record it already holds as a dict (a
# document file, a reader's error record, a line parsed to check its id for --resume).
Item = RawLine | dict[str, Any]


class ChunkResult(NamedTuple):
    records: list[Encoded]
    removed_by_rule: dict[str, int]  # summed over the chunk, for the run's summary


def as_record(item: Item) -> dict[str, Any]:
    """The input record of an item; a malformed line becomes its error record."""
    if not isinstance(item, RawLine):
        return item
    record = parse_line(item.data, item.source, item.lineno)
    if item.position is not None:
        record[POSITION_KEY] = item.position
    return record


def with_position(item: Item, position: int) -> Item:
    """The item tagged with its input position (its explain page's name and index row)."""
    if isinstance(item, RawLine):
        return item._replace(position=position)
    item[POSITION_KEY] = position
    return item


def error_record(rid: Any, message: str, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rid, "error": message}
    out.update(extra)
    return out


def process_record(record: dict[str, Any], options: Options, pages: ExplainPages | None = None) -> Outcome:
    """Clean one record. Never raises: any failure becomes an error record.

    A record carrying `error` already (a malformed input line found by the reader) is
    passed on as is. With `pages` (--report DIR) the record's explain page is written
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
        return error_record(rid, _describe(exc), **carried_keys(record)), False, {}
    # The result's keys overwrite a pass-through field of the same name.
    out: dict[str, Any] = {k: v for k, v in record.items() if k not in CONSUMED}
    out["id"] = rid
    out["title"] = result.title
    out["text"] = result.text
    out["language"] = result.language
    out["metadata"] = result.metadata.model_dump()  # author, date, url, canonical_url, site_name, description, image
    out["stats"] = result.stats.model_dump()  # characters and blocks in and out, removed spans by rule
    out["warnings"] = result.warnings
    if result.blocks is not None:  # format json
        out["blocks"] = [block.model_dump(exclude_none=True) for block in result.blocks]
    if options.explain:
        out["removed"] = [span.model_dump() for span in result.removed]
    elif "removed" in out:
        del out["removed"]
    if pages is not None:
        out[SUMMARY_KEY] = pages.document(record, result, rid)
    return out, True, dict(result.stats.removed_by_rule)


def render_text(out: dict[str, Any]) -> str:
    """A .txt output file: title, a blank line, then the body (just the body without a title)."""
    title = out.get("title")
    body = out.get("text") or ""
    return f"{title}\n\n{body}\n" if title else f"{body}\n"


def render_document(out: dict[str, Any], fmt: str = "text") -> str:
    """An output file in the format's own form: .txt as render_text; .md with the title as
    a level-1 heading; .html with it as <h1>; .json the title, text and blocks."""
    title, body = out.get("title"), out.get("text") or ""
    heading = [BodyBlock(type="heading", text=title, level=1)] if title else []
    if fmt == "markdown":
        return f"{to_markdown(heading)}\n\n{body}\n" if title else f"{body}\n"
    if fmt == "html":
        return f"{to_html(heading)}\n{body}\n" if title else f"{body}\n"
    if fmt == "json":
        document = {"id": out.get("id"), "title": title, "text": body, "blocks": out.get("blocks", [])}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return render_text(out)


# A folder output's file suffix for each format.
SUFFIXES = {"text": ".txt", "markdown": ".md", "html": ".html", "json": ".json"}


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def carried_keys(record: dict[str, Any]) -> dict[str, Any]:
    """Private keys an error record keeps, so the driver can still index it among the pages."""
    return {POSITION_KEY: record[POSITION_KEY]} if POSITION_KEY in record else {}


def encode_outcome(out: dict[str, Any], ok: bool, *, pages: bool, layout: str = JSONL, fmt: str = "text") -> Encoded:
    """Serialise one output record for the writer (the explain pages' private keys come off
    first, into the summary line); a folder's file is written in the format `fmt`."""
    summary = encode_line(take_summary(out)) if pages else None
    if layout == TXT and ok:
        problem = txt_name_problem(out.get("id"), SUFFIXES.get(fmt, ".txt"))
        if problem is None:
            try:
                # a .json file writes an unpaired surrogate as its escape, as JSONL does
                errors = JSON_ERRORS if fmt == "json" else "strict"
                return Encoded(out.get("id"), True, render_document(out, fmt).encode("utf-8", errors), summary)
            except UnicodeEncodeError as exc:
                # An unpaired surrogate (a "\ud800" escape in a JSONL input) has no UTF-8 form;
                # JSONL output keeps it escaped, a text file cannot hold it.
                problem = f"cleaned text is not writable as UTF-8: {exc.reason}"
        out = error_record(out.get("id"), problem)
        ok = False
    return Encoded(out.get("id"), ok, encode_line(out), summary)


def encode_chunk(
    items: Iterable[Item], options: Options, pages: ExplainPages | None = None, layout: str = JSONL
) -> ChunkResult:
    """Parse, clean and serialise a chunk (what a local-engine worker runs)."""
    encoded: list[Encoded] = []
    removed: Counter[str] = Counter()
    for item in items:
        out, ok, counts = process_record(as_record(item), options, pages)
        removed.update(counts)
        encoded.append(encode_outcome(out, ok, pages=pages is not None, layout=layout, fmt=options.format.value))
    return ChunkResult(encoded, dict(removed))


def failed_chunk(items: Iterable[Item], message: str, *, pages: bool, layout: str = JSONL) -> ChunkResult:
    """Every record of a chunk whose worker died, as an error record: none is lost."""
    encoded = []
    for item in items:
        record = as_record(item)
        out = error_record(record.get("id"), message, **carried_keys(record))
        encoded.append(encode_outcome(out, False, pages=pages, layout=layout))
    return ChunkResult(encoded, {})
