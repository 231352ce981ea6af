"""cleaner/profiles/cli.py, run as a user would: `cleaner learn`, `cleaner profiles ...`,
`cleaner batch --profiles/--learn`, in real subprocesses, on the synthetic seed corpus."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.profiles.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
# Everything but SITE and TITLE off: what remains of the frame is SITE001's doing alone.
ONLY_SITE = "NEWS,REL,SHARE,DUP,CAP,BYL,NAV,TAG,LEGAL,COOK,AD,CMT,HEUR"


def cleaner(*args: str, stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_PROFILES"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True,
                          timeout=timeout, env=env, cwd=ROOT)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def learned_db(tmp_path_factory, synthetic_jsonl) -> Path:
    db = tmp_path_factory.mktemp("learned") / "profiles.db"
    run = cleaner("learn", str(synthetic_jsonl), "--profiles", str(db), "--workers", "2")
    assert run.returncode == 0, run.stderr.decode()
    assert "learned: 150" in run.stderr.decode()
    return db


def test_shared_lines_go_with_site001_and_two_page_repeats_stay(learned_db, synthetic_jsonl, synthetic_pages, tmp_path):
    out = tmp_path / "out.jsonl"
    run = cleaner("batch", str(synthetic_jsonl), "-o", str(out), "--profiles", str(learned_db),
                  "--disable", ONLY_SITE, "--workers", "2", "--ordered")
    assert run.returncode == 0, run.stderr.decode()
    results = read_jsonl(out)
    assert len(results) == len(synthetic_pages)
    for page, result in zip(synthetic_pages, results):
        assert result["id"] == page.id
        site_spans = {s["text"].strip(): s["reason"] for s in result["removed"] if s["rule"] == "SITE001"}
        removed = {s["text"].strip() for s in result["removed"]}
        for line in page.frame:
            assert line in removed, (page.id, line)
            if any(ch.isalpha() for ch in line):  # HEUR001 takes letterless lines ("-") first
                assert site_spans.get(line) == f"line occurs in 30 of 30 pages of {page.site}", (page.id, line)
        for para in page.body:
            assert para in result["text"], (page.id, para[:60])
    assert sum(len(p.repeats) for p in synthetic_pages) == 2 * 3 * 5


def test_with_every_rule_on_the_frame_is_gone_and_the_article_stays(learned_db, synthetic_jsonl, synthetic_pages, tmp_path):
    with_profiles, alone = tmp_path / "with.jsonl", tmp_path / "alone.jsonl"
    run = cleaner("batch", str(synthetic_jsonl), "-o", str(with_profiles), "--profiles", str(learned_db), "--ordered")
    assert run.returncode == 0, run.stderr.decode()
    assert cleaner("batch", str(synthetic_jsonl), "-o", str(alone), "--ordered").returncode == 0
    for page, result, reference in zip(synthetic_pages, read_jsonl(with_profiles), read_jsonl(alone)):
        body = "\n\n".join(page.body)
        for line in page.frame:
            if len(line) > 3 and line not in body:
                assert line not in result["text"], (page.id, line)
        # Profiles take nothing of the article that the rules alone kept.
        for para in page.body:
            if para in reference["text"]:
                assert para in result["text"], (page.id, para[:60])


def test_batch_learn_from_stdin_learns_then_cleans(synthetic_jsonl, tmp_path):
    db, out = tmp_path / "p.db", tmp_path / "out.jsonl"
    run = cleaner("batch", "-", "-o", str(out), "--learn", "--profiles", str(db), "--disable", ONLY_SITE,
                  stdin=synthetic_jsonl.read_bytes())
    assert run.returncode == 0, run.stderr.decode()
    assert "learned: records: 150" in run.stderr.decode()
    results = read_jsonl(out)
    assert len(results) == 150
    assert all(any(s["rule"] == "SITE001" for s in r["removed"]) for r in results)


def test_dask_engine_learns_the_same_profiles(learned_db, synthetic_jsonl, tmp_path):
    db = tmp_path / "dask.db"
    run = cleaner("learn", str(synthetic_jsonl), "--profiles", str(db), "--engine", "dask",
                  "--workers", "2", "--chunk-size", "40")
    assert run.returncode == 0, run.stderr.decode()
    local, dask = SQLiteStore(learned_db, readonly=True), SQLiteStore(db, readonly=True)
    assert [s.site for s in dask.sites()] == [s.site for s in local.sites()]
    for site in local.sites():
        assert dask.snapshot(site.site, 0.0) == local.snapshot(site.site, 0.0)


def test_list_show_forget(learned_db, tmp_path, synthetic_pages):
    listed = cleaner("profiles", "list", "--profiles", str(learned_db), "--format", "json")
    assert listed.returncode == 0
    sites = json.loads(listed.stdout)
    assert [(s["site"], s["documents"]) for s in sites] == [(f"seed-00{i}.example", 30) for i in range(5)]

    page = next(p for p in synthetic_pages if p.site == "seed-004.example" and p.repeats)
    shown = cleaner("profiles", "show", page.url, "--profiles", str(learned_db), "--format", "json", "--limit", "0")
    assert shown.returncode == 0, shown.stderr.decode()
    report = json.loads(shown.stdout)
    assert report["site"] == "seed-004.example" and report["documents"] == 30
    by_line = {e["line"]: e for e in report["lines"]}
    for line in page.frame:
        if line in by_line:  # samples are cut at 200 characters
            assert by_line[line]["documents"] == 30 and by_line[line]["site001"].startswith("removed")
    repeat = page.repeats[0]
    entry = next(e for e in report["lines"] if e["line"] and repeat.startswith(e["line"].rstrip("…")))
    assert entry["documents"] == 2 and entry["site001"].startswith("kept")

    text = cleaner("profiles", "show", "seed-004.example", "--profiles", str(learned_db))
    assert text.returncode == 0 and "30 documents learned" in text.stdout.decode()

    copy = tmp_path / "copy.db"
    copy.write_bytes(learned_db.read_bytes())
    assert cleaner("profiles", "forget", "seed-004.example", "--profiles", str(copy)).returncode == 0
    after = json.loads(cleaner("profiles", "list", "--profiles", str(copy), "--format", "json").stdout)
    assert "seed-004.example" not in {s["site"] for s in after}
    assert cleaner("profiles", "show", "seed-004.example", "--profiles", str(copy)).returncode == 1


def test_usage_errors(tmp_path, synthetic_jsonl):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite" * 200)
    cases = [
        ("learn", str(synthetic_jsonl)),  # no --profiles
        ("learn", str(synthetic_jsonl), "--profiles", str(tmp_path / "no" / "dir" / "p.db")),
        ("learn", str(synthetic_jsonl), "--profiles", str(junk)),
        ("learn", str(synthetic_jsonl), "--profiles", str(tmp_path / "p.db"), "--site", "two words"),
        ("batch", str(synthetic_jsonl), "-o", str(tmp_path / "o.jsonl"), "--learn"),
        ("batch", str(synthetic_jsonl), "-o", str(tmp_path / "o.jsonl"), "--profiles", str(tmp_path / "missing.db")),
        ("clean", str(ROOT / "seeds" / "000_e0454eacf0c61b5f.txt"), "--profiles", str(junk)),
        ("profiles", "show", "example.com", "--profiles", str(tmp_path / "missing.db")),
        ("profiles", "list"),
    ]
    for args in cases:
        run = cleaner(*args)
        assert run.returncode == 2, (args, run.stderr.decode())
        assert run.stderr.decode().startswith("cleaner "), args


def test_folder_of_one_site_with_site_flag(tmp_path, synthetic_pages):
    folder = tmp_path / "pages"
    folder.mkdir()
    pages = [p for p in synthetic_pages if p.site == "seed-004.example"]
    for page in pages:
        (folder / f"{page.id.split('/')[1]}.txt").write_text(page.text, encoding="utf-8")
    db = tmp_path / "p.db"
    nosite = cleaner("learn", str(folder), "--profiles", str(db))
    assert "no site: 30" in nosite.stderr.decode() and "use --site" in nosite.stderr.decode()
    run = cleaner("learn", str(folder), "--profiles", str(db), "--site", "seed-004.example")
    assert run.returncode == 0, run.stderr.decode()
    out = cleaner("clean", str(folder / "000.txt"), "--profiles", str(db), "--site", "seed-004.example",
                  "--disable", ONLY_SITE, "--format", "json")
    removed = json.loads(out.stdout)["removed"]
    assert {s["text"].strip() for s in removed if s["rule"] == "SITE001"} >= set(pages[0].frame)


# ---- concurrency --------------------------------------------------------------------


def test_two_concurrent_learns_do_not_corrupt_the_db(tmp_path, synthetic_pages):
    """Two learners on one DB, with overlapping inputs, committing every few documents."""
    records = [p.record() for p in synthetic_pages]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in records[:100]), encoding="utf-8")
    second.write_text("".join(json.dumps(r) + "\n" for r in records[50:]), encoding="utf-8")
    db = tmp_path / "p.db"
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_PROFILES"}
    env["PYTHONPATH"] = str(ROOT)
    procs = [
        subprocess.Popen([sys.executable, "-m", "cleaner", "learn", str(path), "--profiles", str(db),
                          "--workers", "1", "--chunk-size", "3", "--commit-documents", "3"],
                         env=env, cwd=ROOT, stderr=subprocess.PIPE)
        for path in (first, second)
    ]
    outcomes = [(p.wait(timeout=300), p.stderr.read().decode()) for p in procs]
    assert all(code == 0 for code, _ in outcomes), outcomes
    store = SQLiteStore(db, readonly=True)
    assert store.integrity() == "ok"
    # Every page once, whichever learner got it first: equal to learning the union alone.
    alone = tmp_path / "alone.db"
    (tmp_path / "all.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert cleaner("learn", str(tmp_path / "all.jsonl"), "--profiles", str(alone)).returncode == 0
    reference = SQLiteStore(alone, readonly=True)
    assert [(s.site, s.documents) for s in store.sites()] == [(s.site, 30) for s in reference.sites()]
    for site in reference.sites():
        assert store.snapshot(site.site, 0.0) == reference.snapshot(site.site, 0.0)


WRITER = """
import sys
from cleaner.profiles.store import Counts, SQLiteStore
store = SQLiteStore(sys.argv[1])
for n in range(int(sys.argv[2])):
    counts = Counts()
    counts.add("busy.example", n, {1: "On every page", 1000 + n: "Only on page"})
    if n % 2 == 0:
        counts.add("busy.example", -n - 1, {1: "On every page", 2: "Every other commit"})
    store.commit(counts)
"""


def test_a_reader_during_writes_sees_committed_states_only(tmp_path):
    db = tmp_path / "p.db"
    SQLiteStore(db).close()
    reader = SQLiteStore(db, readonly=True)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "400"],
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    seen = set()
    deadline = time.monotonic() + 120
    while writer.poll() is None and time.monotonic() < deadline:
        documents, counts = reader.snapshot("busy.example", 0.0)
        seen.add(documents)
        if documents:
            # The line on every page is on exactly as many pages as the site has, and
            # the documents are whole commits: 2 per even commit, 1 per odd one.
            assert counts[1] == documents
            assert all(n <= documents for n in counts.values())
            even = counts.get(2, 0)  # c commits hold c + ceil(c / 2) documents
            assert documents - even in (2 * even, 2 * even - 1)
    assert writer.wait(timeout=60) == 0
    assert len(seen) > 3  # the reader really read while the writer wrote
    documents, counts = reader.snapshot("busy.example", 0.0)
    assert documents == 600 and counts[1] == 600 and counts[2] == 200
