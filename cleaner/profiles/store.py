"""The profile store: per site, how many documents were learned and how many held each line.

Two implementations of one interface: `SQLiteStore`, the embedded default (one file,
WAL journal so readers never block on a writer and always see a committed snapshot,
every learning step one transaction, safe for several learners at once), and
`MemoryStore`, the same behaviour in dicts, for tests and one-off use.

Counts are kept with lossy counting (Manku and Motwani): a site's lines are pruned each
time its document count crosses another 1/PRUNE_SHARE documents, dropping lines whose
count (plus the error bound they were inserted with) is at most PRUNE_SHARE of the site's
documents. So a site's table holds its recurring lines, not every article sentence it
ever published, and a stored count undercounts by at most PRUNE_SHARE x documents.
"""
from __future__ import annotations

import os
import sqlite3
import threading
import time
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Protocol

from cleaner.errors import CleanerError
from cleaner.core.siteprofile import NORMALISATION_VERSION, min_count

SCHEMA_VERSION = 1
PRUNE_SHARE = 0.01
BUSY_TIMEOUT_MS = 60_000  # a second learner waits for the first one's transaction
OPEN_RETRY_SECONDS = 0.05
_IN_CHUNK = 500  # keys per "IN (...)" query, under SQLite's bound-parameter limit


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return exc.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)  # primary code


class ProfileError(CleanerError):
    """A profile DB that cannot be opened, read or written."""

    code = "invalid_profiles"


# ---- what learning produces: counts for one partition of the corpus -------------------


@dataclass
class SiteCounts:
    """One site's share of a partition: its new documents and how many held each line."""

    docs: dict[int, array] = field(default_factory=dict)  # document key -> its line keys
    lines: Counter = field(default_factory=Counter)  # line key -> documents holding it
    samples: dict[int, str] = field(default_factory=dict)  # line key -> first text seen

    def add(self, doc_key: int, lines: dict[int, str]) -> bool:
        if doc_key in self.docs:
            return False
        self.docs[doc_key] = array("q", lines)
        self.lines.update(lines.keys())
        for key, text in lines.items():
            self.samples.setdefault(key, text)
        return True

    def drop(self, doc_key: int) -> None:
        """Take a document back out (it turned out to be learned already)."""
        keys = self.docs.pop(doc_key)
        self.lines.subtract(keys)
        for key in keys:
            if self.lines[key] <= 0:
                del self.lines[key]
                self.samples.pop(key, None)

    def absorb(self, other: "SiteCounts") -> int:
        """Add another partition's counts; returns how many of its documents were repeats."""
        repeats = 0
        for doc_key, keys in other.docs.items():
            if doc_key in self.docs:
                repeats += 1
                continue
            self.docs[doc_key] = keys
            self.lines.update(keys.tolist())
            for key in keys:
                if key not in self.samples and key in other.samples:
                    self.samples[key] = other.samples[key]
        return repeats


@dataclass
class Counts:
    """The map step's output for one partition; `absorb` is the in-memory reduce."""

    sites: dict[str, SiteCounts] = field(default_factory=dict)
    documents: int = 0  # records seen
    repeats: int = 0  # documents already counted (same content twice, or learned before)
    no_site: int = 0  # records with neither url nor site
    errors: list[dict] = field(default_factory=list)  # {"id", "error"} per failed record

    def add(self, site: str, doc_key: int, lines: dict[int, str]) -> bool:
        if not self.sites.setdefault(site, SiteCounts()).add(doc_key, lines):
            self.repeats += 1
            return False
        return True

    def absorb(self, other: "Counts") -> None:
        self.documents += other.documents
        self.repeats += other.repeats
        self.no_site += other.no_site
        self.errors.extend(other.errors)
        for site, counts in other.sites.items():
            mine = self.sites.get(site)
            if mine is None:
                self.sites[site] = counts
            else:
                self.repeats += mine.absorb(counts)

    @property
    def learned(self) -> int:
        return sum(len(c.docs) for c in self.sites.values())


@dataclass(frozen=True)
class CommitReport:
    learned: int  # documents added to the store
    repeats: int  # documents the store already held (not counted again)
    sites: int  # sites touched


@dataclass(frozen=True)
class SiteSummary:
    site: str
    documents: int
    lines: int  # recurring lines kept for the site


@dataclass(frozen=True)
class LineCount:
    key: int
    documents: int
    sample: str | None


# ---- the interface -------------------------------------------------------------------


class ProfileStore(Protocol):
    def commit(self, counts: Counts) -> CommitReport: ...
    def known_documents(self, site: str, doc_keys: Iterable[int]) -> set[int]: ...
    def snapshot(self, site: str, min_share: float) -> tuple[int, dict[int, int]]: ...
    def site_count(self) -> int: ...
    def sites(self) -> list[SiteSummary]: ...
    def lines(self, site: str, min_count: int = 2, limit: int | None = None) -> tuple[int, list[LineCount]]: ...
    def forget(self, site: str) -> bool: ...
    def version(self) -> int: ...
    def close(self) -> None: ...


def bucket(documents: int) -> int:
    """Lossy counting's bucket number after `documents` documents."""
    return int(documents * PRUNE_SHARE)


# ---- in memory -----------------------------------------------------------------------


@dataclass
class _MemSite:
    documents: int = 0
    doc_keys: set[int] = field(default_factory=set)
    lines: dict[int, list] = field(default_factory=dict)  # key -> [count, delta, sample]


class MemoryStore:
    """The store's behaviour in dicts: for tests and short-lived use."""

    def __init__(self) -> None:
        self._sites: dict[str, _MemSite] = {}
        self._version = 0
        self._lock = threading.Lock()

    def commit(self, counts: Counts) -> CommitReport:
        learned = repeats = 0
        with self._lock:
            for site, sc in counts.sites.items():
                entry = self._sites.setdefault(site, _MemSite())
                for doc_key in [k for k in sc.docs if k in entry.doc_keys]:
                    sc.drop(doc_key)
                    repeats += 1
                before = entry.documents
                delta = bucket(before)
                for key, n in sc.lines.items():
                    row = entry.lines.get(key)
                    if row is None:
                        entry.lines[key] = [n, delta, sc.samples.get(key) if n > 1 else None]
                    else:
                        row[0] += n
                        row[2] = row[2] or sc.samples.get(key)
                entry.doc_keys.update(sc.docs)
                entry.documents = before + len(sc.docs)
                learned += len(sc.docs)
                if bucket(entry.documents) > bucket(before):
                    limit = bucket(entry.documents)
                    entry.lines = {k: r for k, r in entry.lines.items() if r[0] + r[1] > limit}
            self._version += 1
        return CommitReport(learned, repeats, len(counts.sites))

    def known_documents(self, site: str, doc_keys: Iterable[int]) -> set[int]:
        entry = self._sites.get(site)
        return {k for k in doc_keys if entry is not None and k in entry.doc_keys}

    def snapshot(self, site: str, min_share: float) -> tuple[int, dict[int, int]]:
        with self._lock:
            entry = self._sites.get(site)
            if entry is None:
                return 0, {}
            least = min_count(min_share, entry.documents)
            return entry.documents, {k: r[0] for k, r in entry.lines.items() if r[0] >= least}

    def site_count(self) -> int:
        return len(self._sites)

    def sites(self) -> list[SiteSummary]:
        return [SiteSummary(s, e.documents, len(e.lines)) for s, e in sorted(self._sites.items())]

    def lines(self, site: str, min_count: int = 2, limit: int | None = None) -> tuple[int, list[LineCount]]:
        entry = self._sites.get(site)
        if entry is None:
            return 0, []
        rows = [LineCount(k, r[0], r[2]) for k, r in entry.lines.items() if r[0] >= min_count]
        rows.sort(key=lambda r: (-r.documents, r.sample or ""))
        return entry.documents, rows[:limit] if limit is not None else rows

    def forget(self, site: str) -> bool:
        with self._lock:
            self._version += 1
            return self._sites.pop(site, None) is not None

    def version(self) -> int:
        return self._version

    def close(self) -> None:
        pass


# ---- SQLite --------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sites (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL UNIQUE,
    documents INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
    site_id INTEGER NOT NULL,
    key INTEGER NOT NULL,
    PRIMARY KEY (site_id, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lines (
    site_id INTEGER NOT NULL,
    key INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    delta INTEGER NOT NULL,
    sample TEXT,
    PRIMARY KEY (site_id, key)
) WITHOUT ROWID;
"""

# A sample is stored only once a line has been seen twice: one-off article sentences
# never land in the DB as text.
_UPSERT_LINE = """
INSERT INTO lines (site_id, key, documents, delta, sample)
VALUES (:site, :key, :n, :delta, CASE WHEN :n > 1 THEN :sample END)
ON CONFLICT (site_id, key) DO UPDATE SET
    documents = documents + excluded.documents,
    sample = COALESCE(sample, :sample)
"""


class SQLiteStore:
    """The embedded store. `readonly=True` opens it as the service does (never writes)."""

    def __init__(self, path: str | os.PathLike, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        self._db = self._open_readonly() if readonly else self._open_writable()
        self._check_versions()

    # opening

    def _open_writable(self) -> sqlite3.Connection:
        parent = Path(self.path).resolve().parent
        if not parent.is_dir():
            raise ProfileError(f"{self.path}: folder {parent} does not exist")
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                return self._try_open_writable()
            except sqlite3.OperationalError as exc:
                # Two learners opening a new DB at the same moment: switching it to WAL
                # fails at once with "database is locked" while the other sets it up
                # (SQLite does not wait on the busy handler there), so wait and retry.
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise ProfileError(f"{self.path}: cannot open as a profile DB: {exc}") from None
                time.sleep(OPEN_RETRY_SECONDS)
            except sqlite3.DatabaseError as exc:
                raise ProfileError(f"{self.path}: cannot open as a profile DB: {exc}") from None

    def _try_open_writable(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                             check_same_thread=False)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("BEGIN IMMEDIATE")
            try:
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    db.execute(statement)
                db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                db.execute("INSERT OR IGNORE INTO meta VALUES ('normalisation', ?)", (str(NORMALISATION_VERSION),))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except BaseException:
            db.close()
            raise
        return db

    def _open_readonly(self) -> sqlite3.Connection:
        path = Path(self.path)
        if not path.is_file():
            raise ProfileError(f"{self.path}: no such profile DB (build one with `cleaner learn`)")
        uri = path.resolve().as_uri()
        try:
            db = self._connect(uri + "?mode=ro")
            db.execute("SELECT count(*) FROM sites").fetchone()
            return db
        except sqlite3.DatabaseError as exc:
            # A WAL database on read-only media (e.g. a Docker `:ro` mount) cannot get its
            # shared-memory file; nobody can write there either, so read it as immutable.
            if os.access(path.resolve().parent, os.W_OK):
                raise ProfileError(f"{self.path}: cannot read as a profile DB: {exc}") from None
        try:
            db = self._connect(uri + "?mode=ro&immutable=1")
            db.execute("SELECT count(*) FROM sites").fetchone()
            return db
        except sqlite3.DatabaseError as exc:
            raise ProfileError(f"{self.path}: cannot read as a profile DB: {exc}") from None

    @staticmethod
    def _connect(uri: str) -> sqlite3.Connection:
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                             check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return db

    def _check_versions(self) -> None:
        try:
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise ProfileError(f"{self.path}: not a profile DB: {exc}") from None
        if meta.get("schema") != str(SCHEMA_VERSION) or meta.get("normalisation") != str(NORMALISATION_VERSION):
            raise ProfileError(
                f"{self.path}: built by another version of cleaner (schema {meta.get('schema')}, "
                f"normalisation {meta.get('normalisation')}; this one reads {SCHEMA_VERSION}, "
                f"{NORMALISATION_VERSION}): learn it again"
            )

    # writing

    def commit(self, counts: Counts) -> CommitReport:
        """Add a partition's counts in one transaction; documents already held are skipped."""
        if self.readonly:
            raise ProfileError(f"{self.path}: opened read-only")
        learned = repeats = 0
        with self._lock:
            db = self._db
            try:
                db.execute("BEGIN IMMEDIATE")
                for site, sc in counts.sites.items():
                    site_id, before = self._site_row(site)
                    for doc_key in list(sc.docs):
                        cur = db.execute("INSERT OR IGNORE INTO documents VALUES (?, ?)", (site_id, doc_key))
                        if cur.rowcount == 0:
                            sc.drop(doc_key)
                            repeats += 1
                    if not sc.docs:
                        continue
                    delta = bucket(before)
                    db.executemany(_UPSERT_LINE, (
                        {"site": site_id, "key": key, "n": n, "delta": delta, "sample": sc.samples.get(key)}
                        for key, n in sc.lines.items()
                    ))
                    after = before + len(sc.docs)
                    db.execute("UPDATE sites SET documents = ? WHERE id = ?", (after, site_id))
                    if bucket(after) > bucket(before):
                        db.execute("DELETE FROM lines WHERE site_id = ? AND documents + delta <= ?",
                                   (site_id, bucket(after)))
                    learned += len(sc.docs)
                db.execute("COMMIT")
            except BaseException as exc:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.DatabaseError):
                    raise ProfileError(f"{self.path}: cannot write: {exc}") from None
                raise
        return CommitReport(learned, repeats, len(counts.sites))

    def _site_row(self, site: str) -> tuple[int, int]:
        row = self._db.execute("SELECT id, documents FROM sites WHERE site = ?", (site,)).fetchone()
        if row is not None:
            return row[0], row[1]
        cur = self._db.execute("INSERT INTO sites (site, documents) VALUES (?, 0)", (site,))
        return cur.lastrowid, 0

    def forget(self, site: str) -> bool:
        if self.readonly:
            raise ProfileError(f"{self.path}: opened read-only")
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute("SELECT id FROM sites WHERE site = ?", (site,)).fetchone()
                if row is not None:
                    for table in ("lines", "documents"):
                        db.execute(f"DELETE FROM {table} WHERE site_id = ?", (row[0],))
                    db.execute("DELETE FROM sites WHERE id = ?", (row[0],))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return row is not None

    # reading: each call is one read transaction, so it sees one committed state

    def _read(self, fn):
        with self._lock:
            db = self._db
            try:
                db.execute("BEGIN")
                try:
                    return fn(db)
                finally:
                    db.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                raise ProfileError(f"{self.path}: cannot read: {exc}") from None

    def known_documents(self, site: str, doc_keys: Iterable[int]) -> set[int]:
        keys = list(doc_keys)

        def run(db: sqlite3.Connection) -> set[int]:
            row = db.execute("SELECT id FROM sites WHERE site = ?", (site,)).fetchone()
            if row is None:
                return set()
            found: set[int] = set()
            for i in range(0, len(keys), _IN_CHUNK):
                part = keys[i : i + _IN_CHUNK]
                marks = ",".join("?" * len(part))
                found.update(k for (k,) in db.execute(
                    f"SELECT key FROM documents WHERE site_id = ? AND key IN ({marks})", (row[0], *part)))
            return found

        return self._read(run) if keys else set()

    def snapshot(self, site: str, min_share: float) -> tuple[int, dict[int, int]]:
        """(documents, {line key: count}) for lines held by at least `min_share` of them,
        both from one committed state."""

        def run(db: sqlite3.Connection) -> tuple[int, dict[int, int]]:
            row = db.execute("SELECT id, documents FROM sites WHERE site = ?", (site,)).fetchone()
            if row is None:
                return 0, {}
            found = db.execute("SELECT key, documents FROM lines WHERE site_id = ? AND documents >= ?",
                               (row[0], min_count(min_share, row[1])))
            return row[1], dict(found.fetchall())

        return self._read(run)

    def site_count(self) -> int:
        return self._read(lambda db: db.execute("SELECT count(*) FROM sites").fetchone()[0])

    def sites(self) -> list[SiteSummary]:
        query = """SELECT s.site, s.documents, (SELECT count(*) FROM lines l WHERE l.site_id = s.id
                   AND l.documents > 1) FROM sites s ORDER BY s.site"""
        return self._read(lambda db: [SiteSummary(*row) for row in db.execute(query)])

    def lines(self, site: str, min_count: int = 2, limit: int | None = None) -> tuple[int, list[LineCount]]:
        def run(db: sqlite3.Connection) -> tuple[int, list[LineCount]]:
            row = db.execute("SELECT id, documents FROM sites WHERE site = ?", (site,)).fetchone()
            if row is None:
                return 0, []
            found = db.execute(
                "SELECT key, documents, sample FROM lines WHERE site_id = ? AND documents >= ? "
                "ORDER BY documents DESC, sample LIMIT ?", (row[0], min_count, -1 if limit is None else limit))
            return row[1], [LineCount(*r) for r in found]

        return self._read(run)

    def version(self) -> int:
        """Changes whenever another connection commits (PRAGMA data_version)."""
        with self._lock:
            return self._db.execute("PRAGMA data_version").fetchone()[0]

    def integrity(self) -> str:
        return self._read(lambda db: db.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_store(path: str | os.PathLike | None, *, readonly: bool = False) -> ProfileStore:
    """`None` or ":memory:" gives a MemoryStore; anything else the SQLite file."""
    if path is None or str(path) == ":memory:":
        return MemoryStore()
    return SQLiteStore(path, readonly=readonly)


def check_profiles(path: str) -> str | None:
    """Why the profile DB at `path` cannot be applied, or None (checked before a run or the
    service starts, not at its first document)."""
    try:
        SQLiteStore(path, readonly=True).close()
    except ProfileError as exc:
        return str(exc)
    return None
