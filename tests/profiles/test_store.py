"""cleaner/profiles/store.py: the same contract for the SQLite and the in-memory store."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.profiles import store as store_mod
from cleaner.profiles.store import Counts, MemoryStore, ProfileError, SQLiteStore, open_store


def counts_of(site: str, docs: dict[int, list[int]], texts: dict[int, str] | None = None) -> Counts:
    counts = Counts()
    for doc_key, keys in docs.items():
        counts.documents += 1
        counts.add(site, doc_key, {k: (texts or {}).get(k, f"line {k}") for k in keys})
    return counts


@pytest.fixture(params=["memory", "sqlite"])
def store(request, tmp_path):
    s = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "p.db")
    yield s
    s.close()


def test_counts_documents_per_line(store):
    store.commit(counts_of("a.com", {1: [10, 11], 2: [10, 12], 3: [10, 11]}))
    documents, counts = store.snapshot("a.com", 0.0)
    assert documents == 3
    assert counts == {10: 3, 11: 2, 12: 1}


def test_snapshot_keeps_lines_at_the_share(store):
    store.commit(counts_of("a.com", {i: [10] + ([11] if i < 5 else []) + [100 + i] for i in range(10)}))
    documents, counts = store.snapshot("a.com", 0.5)
    assert documents == 10 and counts == {10: 10, 11: 5}
    assert store.snapshot("a.com", 0.51)[1] == {10: 10}
    assert store.snapshot("b.com", 0.5) == (0, {})


def test_a_document_is_counted_once(store):
    first = store.commit(counts_of("a.com", {1: [10], 2: [10]}))
    again = store.commit(counts_of("a.com", {2: [10], 3: [10]}))
    assert (first.learned, first.repeats) == (2, 0)
    assert (again.learned, again.repeats) == (1, 1)
    assert store.snapshot("a.com", 0.0) == (3, {10: 3})


def test_same_document_twice_in_one_partition():
    counts = counts_of("a.com", {1: [10]})
    assert not counts.add("a.com", 1, {10: "x"})
    assert counts.repeats == 1 and counts.learned == 1


def test_absorb_merges_partitions_and_drops_repeats():
    a = counts_of("a.com", {1: [10, 11], 2: [10]})
    b = counts_of("a.com", {2: [10], 3: [10, 12]})
    b.add("b.com", 9, {10: "x"})
    a.absorb(b)
    assert a.learned == 4 and a.repeats == 1
    assert dict(a.sites["a.com"].lines) == {10: 3, 11: 1, 12: 1}


def test_sites_are_separate(store):
    store.commit(counts_of("a.com", {1: [10]}))
    store.commit(counts_of("b.com", {1: [10], 2: [10]}))
    assert store.snapshot("a.com", 0.0) == (1, {10: 1})
    assert [(s.site, s.documents) for s in store.sites()] == [("a.com", 1), ("b.com", 2)]
    assert store.site_count() == 2


def test_samples_kept_only_for_repeated_lines(store):
    store.commit(counts_of("a.com", {1: [10, 11], 2: [10]}, {10: "Most read", 11: "An article sentence."}))
    documents, rows = store.lines("a.com", min_count=1)
    assert documents == 2
    assert {(r.documents, r.sample) for r in rows} == {(2, "Most read"), (1, None)}
    store.commit(counts_of("a.com", {3: [11]}, {11: "An article sentence."}))
    assert {r.sample for r in store.lines("a.com", min_count=2)[1]} == {"Most read", "An article sentence."}


def test_lossy_counting_prunes_one_off_lines_within_the_bound(store, monkeypatch):
    monkeypatch.setattr(store_mod, "PRUNE_SHARE", 0.1)  # a bucket every 10 documents
    store.commit(counts_of("a.com", {i: [10, 1000 + i] for i in range(9)}))
    assert len(store.snapshot("a.com", 0.0)[1]) == 10  # not yet a full bucket
    store.commit(counts_of("a.com", {9: [10, 1009], 10: [10, 1010]}))
    documents, counts = store.snapshot("a.com", 0.0)
    assert documents == 11
    assert counts == {10: 11}  # one-off lines gone, the recurring line exact


def test_forget(store):
    store.commit(counts_of("a.com", {1: [10]}))
    assert store.forget("a.com") is True
    assert store.forget("a.com") is False
    assert store.snapshot("a.com", 0.0) == (0, {}) and store.sites() == []


def test_version_changes_on_commit_from_elsewhere(tmp_path):
    writer = SQLiteStore(tmp_path / "p.db")
    reader = SQLiteStore(tmp_path / "p.db", readonly=True)
    before = reader.version()
    writer.commit(counts_of("a.com", {1: [10]}))
    assert reader.version() != before
    assert reader.snapshot("a.com", 0.0) == (1, {10: 1})


def test_readonly_store_refuses_writes(tmp_path):
    SQLiteStore(tmp_path / "p.db").close()
    ro = SQLiteStore(tmp_path / "p.db", readonly=True)
    with pytest.raises(ProfileError, match="read-only"):
        ro.commit(counts_of("a.com", {1: [10]}))
    with pytest.raises(ProfileError):
        ro.forget("a.com")


def test_missing_file_and_foreign_files_are_clear_errors(tmp_path):
    with pytest.raises(ProfileError, match="no such profile DB"):
        SQLiteStore(tmp_path / "missing.db", readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ProfileError):
        SQLiteStore(junk, readonly=True)
    with pytest.raises(ProfileError):
        SQLiteStore(junk)
    with pytest.raises(ProfileError, match="folder"):
        SQLiteStore(tmp_path / "no" / "such" / "p.db")


def test_db_of_another_version_is_refused(tmp_path):
    SQLiteStore(tmp_path / "p.db").close()
    with sqlite3.connect(tmp_path / "p.db") as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'normalisation'")
    with pytest.raises(ProfileError, match="another version"):
        SQLiteStore(tmp_path / "p.db", readonly=True)


def test_open_store():
    assert isinstance(open_store(None), MemoryStore)
    assert isinstance(open_store(":memory:"), MemoryStore)


def test_integrity_after_many_commits(tmp_path):
    s = SQLiteStore(tmp_path / "p.db")
    for n in range(20):
        s.commit(counts_of(f"s{n % 3}.com", {n * 10 + i: [1, 2, n] for i in range(5)}))
    assert s.integrity() == "ok"
    assert sum(site.documents for site in s.sites()) == 100


READ_ONLY_MOUNT = """
set -e
mount --bind "$1" "$1"
mount -o remount,ro,bind "$1"
exec "$2" -c 'import sys
from cleaner.profiles.store import SQLiteStore
store = SQLiteStore(sys.argv[1], readonly=True)
print(store.site_count(), store.snapshot("a.com", 0.0)[0])' "$1/p.db"
"""


@pytest.mark.skipif(not shutil.which("unshare") or os.geteuid() != 0, reason="needs root and unshare for a private mount")
def test_a_wal_db_on_a_read_only_mount_opens(tmp_path):
    """As in Docker with `-v profiles:/profiles:ro`: no -shm file can be made next to the DB."""
    folder = tmp_path / "mounted"
    folder.mkdir()
    db = SQLiteStore(folder / "p.db")
    db.commit(counts_of("a.com", {1: [10], 2: [10]}))
    db.close()
    assert not (folder / "p.db-shm").exists()
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, "sh", str(folder), sys.executable],
                         capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(root)})
    if run.returncode != 0 and "mount" in run.stderr and "cleaner" not in run.stderr:
        pytest.skip(f"no private read-only mount here: {run.stderr.strip()}")
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["1", "2"]


def _open_at_once(path: str, barrier, results) -> None:
    barrier.wait()
    try:
        SQLiteStore(path)
        results.put("ok")
    except Exception as exc:  # noqa: BLE001  (reported to the parent)
        results.put(f"{type(exc).__name__}: {exc}")


def test_processes_creating_the_same_db_at_once_all_open_it(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    for attempt in range(10):
        path = str(tmp_path / f"p{attempt}.db")
        barrier, results = ctx.Barrier(3), ctx.Queue()
        procs = [ctx.Process(target=_open_at_once, args=(path, barrier, results)) for _ in range(3)]
        for proc in procs:
            proc.start()
        outcomes = [results.get(timeout=60) for _ in procs]
        for proc in procs:
            proc.join(timeout=60)
        assert outcomes == ["ok"] * 3, outcomes
