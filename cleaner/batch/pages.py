"""Explain pages of a batch (`cleaner batch ... --report DIR`, `cleaner.batch.run(...,
pages=ExplainPages(DIR))`): an explain page per document plus an index.

Layout of DIR:
    index.html               per-rule totals and a row per document (rebuilt at the end of
                             every run, also an interrupted one, from the summaries below)
    docs/NNNNNNN-slug.html   one explain page per document (NNNNNNN = position in the
                             input, so names are unique, stable across --resume and safe
                             whatever the id holds: slug keeps only [A-Za-z0-9._-])
    summaries/*.jsonl        one small line per document (counts, language, error, page);
                             local engine: local.jsonl, appended by the driver; dask: one
                             file per part, written before the part file is renamed
    .cleaner-report          marks DIR as ours, so a fresh run only clears its own files

Pages are rendered where the document was cleaned (a worker process or a dask task) and
written as soon as the record completes; the driver never holds a page or a document.
Each summary reaches disk (flushed) before its output record, so a killed run can only
leave a summary whose record is redone by --resume; the index keeps the first summary per
input position, and a redone record has the same position and the same content.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from typing import IO, Any, Iterable, Iterator

from cleaner.batch.codec import BatchError, Encoded, encode_line
from cleaner.core.rules import RULES
from cleaner.explain.render import FAMILY_COLOURS, family_of, render_report
from cleaner.jsonsafe import JSON_ERRORS
from cleaner.result import CleanResult

# Private keys riding on a batch record between the driver and the worker; never written
# to the output (the driver pops them before the writer sees the record).
POSITION_KEY = "__cleaner_report_position__"
SUMMARY_KEY = "__cleaner_report_summary__"

MARKER = ".cleaner-report"
INDEX = "index.html"
DOCS = "docs"
SUMMARIES = "summaries"
LOCAL_SUMMARIES = "local.jsonl"
_ERROR_CHARS = 500
_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class PagesError(BatchError):
    """DIR cannot be used for a report (a usage error)."""


def page_name(position: int, rid: Any) -> str:
    """The page of the record at `position`, relative to DIR: never leaves DIR/docs."""
    slug = _SLUG_UNSAFE.sub("_", str(rid)).strip("._-")[:60].rstrip("._-")
    return f"{DOCS}/{position:07d}-{slug or 'doc'}.html"


def _write_atomic(path: str, content: str) -> None:
    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".html")
    try:
        # A lone surrogate (a "\ud800" escape in a JSONL input) is shown as that escape.
        with os.fdopen(fd, "w", encoding="utf-8", errors=JSON_ERRORS) as f:
            f.write(content)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def _text_source(record: dict[str, Any], result: CleanResult) -> str:
    """What the spans index: the input text in text mode (HTML mode carries its own)."""
    if result.mode == "html":
        return result.source_text or ""
    text = record.get("text")
    if isinstance(text, (bytes, bytearray)):
        return bytes(text).decode("utf-8")  # clean() already decoded it, so it is valid
    return text if isinstance(text, str) else ""


@dataclass(frozen=True)
class ExplainPages:
    """Where a batch writes its explain pages, and for how many records (picklable: two
    plain fields, all a worker needs)."""

    folder: str
    limit: int | None = None  # pages for positions below this; every record gets a row

    def wants_page(self, position: int | None) -> bool:
        return position is not None and (self.limit is None or position < self.limit)

    def document(self, record: dict[str, Any], result: CleanResult, rid: Any) -> dict[str, Any]:
        """Write the record's page (if within the limit) and return its summary."""
        position = record.get(POSITION_KEY)
        page = page_error = None
        if self.wants_page(position):
            try:
                page = page_name(position, rid)
                view = render_report(_text_source(record, result), result, name=str(rid), index_href=f"../{INDEX}")
                _write_atomic(os.path.join(self.folder, page), view)
            except Exception as exc:  # noqa: BLE001 - e.g. a full disk: the record itself is fine
                page, page_error = None, f"page not written: {type(exc).__name__}: {exc}"[:_ERROR_CHARS]
        removed: dict[str, list[int]] = {}
        for span in result.removed:
            entry = removed.setdefault(span.rule, [0, 0])
            entry[0] += 1
            entry[1] += len(span.text)
        return {
            "pos": position, "id": rid, "page": page, "language": result.language,
            "chars_in": result.stats.chars_in, "chars_out": result.stats.chars_out,
            "removed": removed, "error": None, "page_error": page_error,
        }


def error_summary(out: dict[str, Any], position: int | None) -> dict[str, Any]:
    return {
        "pos": position, "id": out.get("id"), "page": None, "language": None,
        "chars_in": None, "chars_out": None, "removed": {},
        "error": str(out.get("error"))[:_ERROR_CHARS],
    }


def take_summary(out: dict[str, Any]) -> dict[str, Any]:
    """Pop the private keys off an output record; its summary (an error one if it has none)."""
    position = out.pop(POSITION_KEY, None)
    summary = out.pop(SUMMARY_KEY, None)
    return summary if summary is not None else error_summary(out, position)


# --- DIR management -----------------------------------------------------------------


def prepare_folder(folder: str, resume: bool) -> None:
    """Create DIR (or check it is ours); a fresh run clears what an earlier run left."""
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise PagesError(f"--report {folder}: exists and is not a folder")
    if os.path.isdir(folder) and os.listdir(folder) and not os.path.exists(os.path.join(folder, MARKER)):
        raise PagesError(
            f"--report {folder}: folder is not empty and holds no cleaner report; "
            "give an empty or new folder"
        )
    os.makedirs(folder, exist_ok=True)
    if not resume:
        for name in (DOCS, SUMMARIES):
            shutil.rmtree(os.path.join(folder, name), ignore_errors=True)
        index = os.path.join(folder, INDEX)
        if os.path.exists(index):
            os.remove(index)
    for name in (DOCS, SUMMARIES):
        os.makedirs(os.path.join(folder, name), exist_ok=True)
    with open(os.path.join(folder, MARKER), "w", encoding="utf-8") as f:
        f.write("written by `cleaner batch --report`; index.html is the entry point\n")


def _cut_torn_tail(path: str) -> None:
    """Drop a last line without its newline (the driver was killed mid-write)."""
    with open(path, "r+b") as f:
        size = f.seek(0, os.SEEK_END)
        if size == 0:
            return
        f.seek(size - 1)
        if f.read(1) == b"\n":
            return
        pos = size
        while pos > 0:
            step = min(1 << 16, pos)
            f.seek(pos - step)
            block = f.read(step)
            cut = block.rfind(b"\n")
            if cut >= 0:
                f.truncate(pos - step + cut + 1)
                return
            pos -= step
        f.truncate(0)


class SummaryLog:
    """The local engine's summaries: one line per record (serialised by the worker that
    cleaned it), flushed before the chunk's output lines."""

    def __init__(self, folder: str) -> None:
        path = os.path.join(folder, SUMMARIES, LOCAL_SUMMARIES)
        if os.path.exists(path):
            _cut_torn_tail(path)
        self._f: IO[bytes] = open(path, "ab")  # noqa: SIM115

    def write(self, records: Iterable[Encoded]) -> None:
        """The summary lines of a chunk's records."""
        self._f.write(b"".join(r.summary for r in records if r.summary is not None))
        self._f.flush()

    def close(self) -> None:
        self._f.close()


def write_part_summaries(folder: str, part_stem: str, summaries: list[dict[str, Any]]) -> None:
    """A dask part's summaries, complete or absent (temp name, then rename)."""
    path = os.path.join(folder, SUMMARIES, part_stem + ".jsonl")
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        for summary in summaries:
            f.write(encode_line(summary))
    os.replace(tmp, path)


# --- the index ----------------------------------------------------------------------


class _Seen:
    """Input positions already taken, as a bitmap (a bit per record, not an object)."""

    def __init__(self) -> None:
        self.bits = bytearray()

    def first(self, position: int | None) -> bool:
        if position is None:
            return True
        byte, bit = divmod(position, 8)
        if byte >= len(self.bits):
            self.bits.extend(b"\0" * (byte + 1 - len(self.bits) + 4096))
        if self.bits[byte] >> bit & 1:
            return False
        self.bits[byte] |= 1 << bit
        return True


def iter_summaries(folder: str) -> Iterator[dict[str, Any]]:
    """Every record's summary in DIR, once per input position, in file order."""
    seen = _Seen()
    root = os.path.join(folder, SUMMARIES)
    names = sorted(n for n in os.listdir(root) if n.endswith(".jsonl")) if os.path.isdir(root) else []
    for name in names:
        with open(os.path.join(root, name), encoding="utf-8") as f:
            for line in f:
                try:
                    summary = json.loads(line)
                except ValueError:
                    continue  # a torn last line: its record was never written, so it is redone
                if isinstance(summary, dict) and seen.first(summary.get("pos")):
                    yield summary


@dataclass
class Totals:
    docs: int = 0
    errors: int = 0
    pages: int = 0
    chars_in: int = 0
    chars_out: int = 0

    def __post_init__(self) -> None:
        self.spans: Counter[str] = Counter()
        self.chars: Counter[str] = Counter()
        self.affected: Counter[str] = Counter()

    def add(self, summary: dict[str, Any]) -> None:
        self.docs += 1
        self.errors += summary.get("error") is not None
        self.pages += summary.get("page") is not None
        self.chars_in += summary.get("chars_in") or 0
        self.chars_out += summary.get("chars_out") or 0
        for rule, (spans, chars) in (summary.get("removed") or {}).items():
            self.spans[rule] += spans
            self.chars[rule] += chars
            self.affected[rule] += 1


def collect_totals(folder: str) -> Totals:
    totals = Totals()
    for summary in iter_summaries(folder):
        totals.add(summary)
    return totals


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _rule_name(code: str) -> str:
    rule = RULES.get(code)
    return rule.name if rule is not None else ""


_INDEX_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111;background:#fff}
h1{font-size:1.3rem}h2{font-size:1.1rem}
table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer}
tr.failed td{background:#fff0f0}
.swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #888;vertical-align:middle}
.note{font-size:.85rem;color:#555}.warn{background:#fff3cd;padding:.4rem .6rem}
td.id{overflow-wrap:anywhere;max-width:30rem}
"""

# Sorting reads only cell text and data-v attributes, never evaluates input; the table
# is complete and ordered (input order) without it.
_SORT_JS = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th button").forEach(function (button, col) {
    button.addEventListener("click", function () {
      var body = table.tBodies[0], th = button.parentNode;
      var asc = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var numeric = th.classList.contains("n");
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[col], v = cell.getAttribute("data-v");
        if (v === null) { v = cell.textContent; }
        return numeric ? (v === "" ? -1 : Number(v)) : v.toLowerCase();
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def _th(label: str, numeric: bool = False) -> str:
    cls = ' class="n"' if numeric else ""
    return f'<th scope="col"{cls}><button type="button">{_e(label)}</button></th>'


def _rule_rows(totals: Totals) -> str:
    rows = []
    for code in sorted(totals.spans, key=lambda c: (-totals.chars[c], c)):
        colour = FAMILY_COLOURS.get(family_of(code), "#eeeeee")
        rows.append(
            f'<tr data-rule="{_e(code)}"><td><span class="swatch" style="background:{colour}"></span> '
            f"<strong>{_e(code)}</strong></td><td>{_e(_rule_name(code))}</td><td>{_e(family_of(code))}</td>"
            f'<td class="n">{totals.spans[code]}</td><td class="n">{totals.chars[code]}</td>'
            f'<td class="n">{totals.affected[code]}</td></tr>'
        )
    return "".join(rows)


def _doc_row(summary: dict[str, Any]) -> str:
    rid, page, error = summary.get("id"), summary.get("page"), summary.get("error")
    ident = f'<a href="{_e(page)}">{_e(rid)}</a>' if page else _e(rid)
    removed = summary.get("removed") or {}
    spans = sum(v[0] for v in removed.values())
    chars = sum(v[1] for v in removed.values())
    rules = " ".join(sorted(removed))
    pos = summary.get("pos")

    def num(value: object) -> str:
        return f'<td class="n">{_e(value)}</td>'

    failed = ' class="failed"' if error else ""
    return (
        f'<tr{failed} data-id="{_e(rid)}">'
        f'<td class="n">{_e(pos)}</td><td class="id">{ident}</td><td>{_e(summary.get("language"))}</td>'
        f"{num(summary.get('chars_in'))}{num(summary.get('chars_out'))}"
        f"{num(spans if error is None else '')}{num(chars if error is None else '')}"
        f"<td>{_e(rules)}</td><td>{_e(error or summary.get('page_error'))}</td></tr>\n"
    )


def write_index(folder: str, *, complete: bool, expected: int | None = None, title: str = "cleaner batch report") -> Totals:
    """(Re)build DIR/index.html from the summaries on disk; returns the totals.

    Two streaming passes (totals, then rows), so memory holds the per-rule counters and
    a bit per record, never the documents or their rows. `expected`: how many records
    the output holds, to flag records cleaned by an earlier run without --report.
    """
    totals = collect_totals(folder)
    notes = []
    if not complete:
        notes.append("This run was interrupted: the report covers the records done so far; "
                     "rerun the same command with --resume to finish it.")
    if expected is not None and expected > totals.docs:
        notes.append(f"{expected - totals.docs} records in the output have no entry here: they were "
                     "cleaned by an earlier run without this --report folder.")
    removed_chars = sum(totals.chars.values())
    head = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_INDEX_CSS}</style></head><body>"
        f"<h1>{_e(title)}</h1>"
        + "".join(f'<p class="warn" role="status">{_e(n)}</p>' for n in notes)
        + f'<p class="note">{totals.docs} documents ({totals.errors} failed), {totals.pages} with a page; '
        f"{totals.chars_in} characters in, {totals.chars_out} out; "
        f"{sum(totals.spans.values())} removed spans, {removed_chars} removed characters. "
        "Click a column header to sort.</p>"
        '<h2>Removed spans per rule</h2><table class="sortable" id="rules"><thead><tr>'
        + _th("rule") + _th("name") + _th("family") + _th("spans", True) + _th("characters", True)
        + _th("documents", True)
        + f"</tr></thead><tbody>{_rule_rows(totals)}</tbody></table>"
        '<h2>Documents</h2><table class="sortable" id="docs"><thead><tr>'
        + _th("#", True) + _th("id") + _th("language") + _th("chars in", True) + _th("chars out", True)
        + _th("removed spans", True) + _th("removed chars", True) + _th("rules") + _th("error")
        + "</tr></thead><tbody>\n"
    )
    final = os.path.join(folder, INDEX)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".html")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors=JSON_ERRORS) as f:  # ids may hold lone surrogates
            f.write(head)
            for summary in iter_summaries(folder):
                f.write(_doc_row(summary))
            f.write(f"</tbody></table><script>{_SORT_JS}</script></body></html>\n")
        os.replace(tmp, final)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return totals


def finish_pages(pages: ExplainPages, *, complete: bool, expected: int | None) -> str:
    """Rebuild DIR/index.html from every summary on disk (this run's and resumed ones);
    the line that tells the reader where it is, or why it is not there."""
    try:
        totals = write_index(pages.folder, complete=complete, expected=expected)
    except OSError as exc:
        return f"report index not written: {exc}"
    return f"report: {os.path.join(pages.folder, INDEX)} ({totals.docs} documents, {totals.pages} pages)"
