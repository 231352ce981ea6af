"""kill -9 in the middle of a 20,000-record run, then --resume: every id exactly once,
and the output equals an uninterrupted run."""
from __future__ import annotations

import collections
import signal
import subprocess
import sys
import time

from batch_helpers import ROOT, cli_env, make_doc, read_jsonl, run_cli, write_jsonl

N = 20_000


def corpus() -> list[dict]:
    recs = []
    for i in range(N):
        if i % 100 == 0:
            text = make_doc(i)
        else:
            text = f"Item {i} went on sale today.\n\nShare on Facebook\n\nPrices start at {i % 97} euros."
        recs.append({"id": f"r{i:05d}", "text": text, "batch": i // 1000})
    # a malformed line and a rejected record survive the crash and the resume too
    recs[7_000] = {"id": "typed", "text": ["not", "a", "string"]}
    return recs


def test_kill9_then_resume_matches_uninterrupted_run(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", corpus())
    with open(src, "a") as f:
        f.write("{broken line\n")
    ids = [f"r{i:05d}" for i in range(N) if i != 7_000] + ["typed", "in.jsonl:20001"]

    full = tmp_path / "full.jsonl"
    proc = run_cli("batch", str(src), "-o", str(full), "--workers", "2", "--no-explain")
    assert proc.returncode == 1, proc.stderr.decode()
    reference = {r["id"]: r for r in read_jsonl(full)}
    assert sorted(reference) == sorted(ids)

    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    victim = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "batch", str(src), "-o", str(out), "--workers", "2", "--no-explain"],
        cwd=ROOT, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if partial.exists() and partial.stat().st_size > 400_000:
            break
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    assert not out.exists(), "the output only appears once complete"
    written = partial.read_bytes().count(b"\n")
    assert 0 < written < len(ids), "killed mid-run"

    proc = run_cli("batch", str(src), "-o", str(out), "--workers", "2", "--no-explain", "--resume")
    assert proc.returncode == 1, proc.stderr.decode()
    assert not partial.exists()
    rows = read_jsonl(out)
    counts = collections.Counter(r["id"] for r in rows)
    assert max(counts.values()) == 1, "no id duplicated"
    assert set(counts) == set(ids), "no id lost"
    assert {r["id"]: r for r in rows} == reference
    skipped = int(proc.stderr.decode().split("skipped (resumed): ")[1].split()[0])
    assert written - 1 <= skipped <= written
