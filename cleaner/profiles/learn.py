"""Learning: count, per site, the documents holding each line. A map and a reduce.

The map (`count_records`) turns a partition of records into `Counts`: per site, each
new document's distinct line keys (a line repeated inside one page counts once for it)
and how many documents held each key. The reduce is `store.commit(counts)`, one
transaction per partition, in which documents the store already holds are taken back out,
so learning the same page twice (or two overlapping corpora) never counts it twice. The
local engine maps chunks in a process pool and commits every COMMIT_DOCUMENTS documents;
the Dask engine maps input partitions on the cluster and commits each as it completes.
Either way memory holds at most a few partitions' counts, whatever the corpus size.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from cleaner.batch.partitions import Partition, partition_records, plan_partitions
from cleaner.batch.readers import DEFAULT_MAX_RECORD_BYTES, RecordCount, Source, iter_inputs, record_size
from cleaner.options import DEFAULT_MAX_INPUT_CHARS
from cleaner.parallel import DaskEngine, GracefulInterrupt, LocalEngine, chunked, dask_client, map_chunks, map_on_dask
from cleaner.core.siteprofile import line_key
from cleaner.profiles.hashing import document_key, sample_of
from cleaner.core.sites import site_of
from cleaner.profiles.store import Counts, ProfileStore
from cleaner.core.segment import segment

DEFAULT_CHUNK_SIZE = 64
COMMIT_DOCUMENTS = 2000  # documents per transaction in the local engine
_CHUNK_BYTES = 8 * 1024 * 1024


# ---- the map -------------------------------------------------------------------------


def record_site(record: dict[str, Any], default_site: str | None = None) -> str | None:
    """The record's site: its `site` field, else its url's registered domain, else the default."""
    site, url = record.get("site"), record.get("url")
    if site is not None and not isinstance(site, str):
        raise ValueError("site must be a string")
    if url is not None and not isinstance(url, str):
        raise ValueError("url must be a string")
    return site_of(url, site or None) or (site_of(None, default_site) if default_site else None)


def record_text(record: dict[str, Any]) -> tuple[str, str | bytes]:
    """(the text the cleaner's text path will see, the raw content for the document key)."""
    text, html = record.get("text"), record.get("html")
    if (text is None) == (html is None):
        raise ValueError('record needs exactly one of "text" or "html"')
    content = text if text is not None else html
    if not isinstance(content, (str, bytes, bytearray)):
        raise ValueError(f"{'text' if text is not None else 'html'} must be a string")
    if len(content) > DEFAULT_MAX_INPUT_CHARS:
        raise ValueError(f"document has {len(content)} characters; the limit is {DEFAULT_MAX_INPUT_CHARS}")
    if text is not None:
        if isinstance(text, (bytes, bytearray)):
            try:
                text = bytes(text).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ValueError(f"text is not valid UTF-8 (byte {exc.start})") from None
        return text, text
    from cleaner.html.extract import page_text  # lazy: trafilatura (0.3 s), which text corpora never need

    url = record.get("url") if isinstance(record.get("url"), str) else None
    return page_text(html, url), html


def document_lines(text: str) -> dict[int, str]:
    """Each distinct line key of a document, with the line's first text."""
    lines: dict[int, str] = {}
    for block in segment(text):
        key = line_key(block.text)
        if key not in lines:
            lines[key] = sample_of(block.text)
    return lines


def count_records(records: Iterable[dict[str, Any]], default_site: str | None = None) -> Counts:
    """The map step: one partition of records -> its Counts. Never raises for a bad record."""
    counts = Counts()
    for record in records:
        counts.documents += 1
        rid = record.get("id")
        if "error" in record and "text" not in record and "html" not in record:
            counts.errors.append({"id": rid, "error": record["error"]})
            continue
        try:
            site = record_site(record, default_site)
            if site is None:
                counts.no_site += 1
                continue
            text, content = record_text(record)
            counts.add(site, document_key(content), document_lines(text))
        except Exception as exc:  # noqa: BLE001 - any failure is that record's error
            counts.errors.append({"id": rid, "error": f"{type(exc).__name__}: {exc}"})
    return counts


# ---- the summary ---------------------------------------------------------------------


@dataclass
class LearnSummary:
    records: int = 0
    learned: int = 0
    repeats: int = 0
    no_site: int = 0
    errors: list[dict] = field(default_factory=list)
    sites: set[str] = field(default_factory=set)
    interrupted: bool = False
    seconds: float = 0.0

    def add(self, counts: Counts, learned: int, repeats: int) -> None:
        self.records += counts.documents
        self.learned += learned
        self.repeats += counts.repeats + repeats
        self.no_site += counts.no_site
        self.errors.extend(counts.errors)
        self.sites.update(site for site, sc in counts.sites.items() if sc.docs)

    def render(self) -> str:
        rate = self.records / self.seconds if self.seconds > 0 else 0.0
        lines = [
            f"records: {self.records}  learned: {self.learned}  already known: {self.repeats}  "
            f"no site: {self.no_site}  errors: {len(self.errors)}  sites: {len(self.sites)}  "
            f"time: {self.seconds:.1f}s  records/s: {rate:.1f}"
        ]
        if self.no_site:
            lines.append("records without a site were skipped: give them a url or site field, or use --site")
        for err in self.errors[:10]:
            lines.append(f"  error {err.get('id')}: {err.get('error')}")
        if len(self.errors) > 10:
            lines.append(f"  ... and {len(self.errors) - 10} more errors")
        return "\n".join(lines)


# ---- the local engine ----------------------------------------------------------------


class CountChunk:
    """The map step of the local engine (picklable, so the pool sends it once per worker)."""

    def __init__(self, default_site: str | None) -> None:
        self.default_site = default_site

    def __call__(self, records: list[dict[str, Any]]) -> Counts:
        return count_records(records, self.default_site)

    @staticmethod
    def lost(records: list[dict[str, Any]], exc: BaseException) -> Counts:
        """Records whose worker died: each one an error, none silently dropped."""
        counts = Counts(documents=len(records))
        counts.errors = [{"id": r.get("id"), "error": f"worker failed: {type(exc).__name__}: {exc}"} for r in records]
        return counts


class _Committer:
    """The reduce in the local engine: absorb chunk counts, commit every N documents."""

    def __init__(self, store: ProfileStore, summary: LearnSummary,
                 on_progress: Callable[[int, int], None] | None, every: int) -> None:
        self.store, self.summary, self.on_progress, self.every = store, summary, on_progress, every
        self.pending = Counts()
        self.seen = self.failed = 0

    def add(self, counts: Counts) -> None:
        self.seen += counts.documents
        self.failed += len(counts.errors)
        self.pending.absorb(counts)
        if self.pending.learned >= self.every:
            self.flush()
        if self.on_progress is not None:
            self.on_progress(self.seen, self.failed)

    def flush(self) -> None:
        pending, self.pending = self.pending, Counts()
        report = self.store.commit(pending)
        self.summary.add(pending, report.learned, report.repeats)


def learn_local(
    records: Iterable[dict[str, Any]],
    store: ProfileStore,
    *,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    default_site: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    commit_documents: int = COMMIT_DOCUMENTS,
) -> LearnSummary:
    """Learn every record into `store`. A first Ctrl-C stops reading, commits what was
    counted and returns (interrupted); learning the same input again finishes the job."""
    summary = LearnSummary()
    start = time.monotonic()
    committer = _Committer(store, summary, on_progress, commit_documents)
    work = CountChunk(default_site)
    with GracefulInterrupt() as interrupt:
        chunks = interrupt.until(chunked(records, chunk_size, _CHUNK_BYTES, record_size))
        for counts in map_chunks(work, chunks, workers=workers, lost=work.lost):
            committer.add(counts)
        committer.flush()
        summary.interrupted = interrupt.requested
    summary.seconds = time.monotonic() - start
    return summary


# ---- the Dask engine -----------------------------------------------------------------


def count_partition(part: Partition, default_site: str | None, max_record_bytes: int) -> Counts:
    """The map step on a Dask worker: read one input partition and count it."""
    return count_records(partition_records(part, max_record_bytes), default_site)


def learn_dask(
    sources: list[Source],
    store: ProfileStore,
    *,
    workers: int,
    scheduler: str | None = None,
    partition_size: int | None = None,
    max_record_bytes: int,
    default_site: str | None = None,
    on_progress: Callable[[int, int, int | None], None] | None = None,
) -> LearnSummary:
    """Map each input partition to Counts on the cluster; commit each as it completes."""
    summary = LearnSummary()
    start = time.monotonic()
    plan = plan_partitions(sources, partition_size, workers)
    if plan.parts:
        with dask_client(workers, scheduler) as client:
            counted = map_on_dask(client, count_partition, plan.parts,
                                  default_site=default_site, max_record_bytes=max_record_bytes)
            for counts in counted:
                report = store.commit(counts)
                summary.add(counts, report.learned, report.repeats)
                if on_progress is not None:
                    on_progress(summary.records, len(summary.errors), plan.records)
    summary.seconds = time.monotonic() - start
    return summary


# ---- either engine ---------------------------------------------------------------------


def learn(
    sources: list[Source],
    store: ProfileStore,
    engine: LocalEngine | DaskEngine,
    *,
    default_site: str | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    commit_documents: int = COMMIT_DOCUMENTS,
    on_progress: Callable[[int, int, int | None], None] | None = None,
) -> LearnSummary:
    """Learn the inputs into `store` on `engine`. Stdin cannot reach Dask tasks: spool it
    first (cleaner.batch.readers.stdin_spooled). `on_progress(records, errors, total when
    known)` hears of every chunk or partition counted."""
    if isinstance(engine, DaskEngine):
        return learn_dask(sources, store, workers=engine.workers, scheduler=engine.scheduler,
                          partition_size=engine.partition_size, max_record_bytes=max_record_bytes,
                          default_site=default_site, on_progress=on_progress)
    total = RecordCount(sources)

    def tell(records: int, errors: int) -> None:
        if on_progress is not None:
            on_progress(records, errors, total.value)

    return learn_local(iter_inputs(sources, max_record_bytes), store, workers=engine.workers,
                       chunk_size=engine.chunk_size, default_site=default_site, on_progress=tell,
                       commit_documents=commit_documents)
