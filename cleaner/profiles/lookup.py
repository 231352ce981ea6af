"""The read side: what SITE001 knows about one document's site, from a read-only store.

Each process opens a profile DB once (read-only) and keeps, per site, the lines frequent
enough to matter, fetched in one read transaction (so the document count and the line
counts come from one committed state). The cache is dropped whenever another process
commits to the DB, so a service reading a DB that `cleaner learn` updates sees the
update at its next document.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict

from cleaner.core.siteprofile import SiteProfile
from cleaner.profiles.store import ProfileStore, SQLiteStore

# Sites whose frequent lines one process keeps in memory (a few hundred bytes each).
CACHED_SITES = 4096


class ProfileReader:
    """Cached snapshots of a store's sites, refreshed when the store changes."""

    def __init__(self, store: ProfileStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, float], tuple[int, dict[int, int]]] = OrderedDict()
        self._version = store.version()

    def profile(self, site: str, *, min_documents: int, share: float, long_share: float) -> SiteProfile:
        lowest = min(share, long_share)
        documents, counts = self._snapshot(site, lowest)
        return SiteProfile(site, documents, counts, min_documents, share, long_share)

    def _snapshot(self, site: str, lowest_share: float) -> tuple[int, dict[int, int]]:
        with self._lock:
            version = self.store.version()
            if version != self._version:
                self._cache.clear()
                self._version = version
            key = (site, lowest_share)
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        found = self.store.snapshot(site, lowest_share)
        with self._lock:
            self._cache[key] = found
            while len(self._cache) > CACHED_SITES:
                self._cache.popitem(last=False)
        return found


_READERS: dict[str, ProfileReader] = {}
_READERS_LOCK = threading.Lock()


def reader_for(path: str | os.PathLike) -> ProfileReader:
    """The process's read-only reader of the DB at `path`, opened on first use."""
    real = os.path.realpath(path)
    with _READERS_LOCK:
        reader = _READERS.get(real)
        if reader is None:
            reader = _READERS[real] = ProfileReader(SQLiteStore(real, readonly=True))
        return reader
