"""`--engine dask` on a LocalCluster (2 workers) gives the same records as the local engine."""
from __future__ import annotations

import gzip
import json
import os

from batch_helpers import cli_env, make_doc, read_jsonl, run_cli, write_jsonl


def _parts(folder) -> list[dict]:
    manifest = json.loads((folder / "manifest.json").read_text())
    rows = []
    for entry in manifest["parts"]:
        rows.extend(read_jsonl(folder / entry["file"]))
    return rows


def test_dask_local_cluster_matches_local_engine_and_resumes(tmp_path):
    recs = [{"id": f"d{i}", "text": make_doc(i), "tag": i % 3} for i in range(23)]
    recs[6] = {"id": "typed", "text": 42}
    src = write_jsonl(tmp_path / "a.jsonl", recs)
    with open(src, "a") as f:
        f.write("not json at all\n")
    (tmp_path / "b.jsonl.gz").write_bytes(
        gzip.compress("".join(json.dumps({"id": f"z{i}", "text": make_doc(100 + i)}) + "\n" for i in range(7)).encode())
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        (docs / f"f{i}.txt").write_text(make_doc(200 + i), encoding="utf-8")
    inputs = [str(src), str(tmp_path / "b.jsonl.gz"), str(docs)]

    local = tmp_path / "local.jsonl"
    proc = run_cli("batch", *inputs, "-o", str(local), "--workers", "2", "--ordered")
    assert proc.returncode == 1, proc.stderr.decode()
    want = read_jsonl(local)
    assert len(want) == 23 + 1 + 7 + 3

    out = tmp_path / "dask-out"
    proc = run_cli("batch", *inputs, "-o", str(out), "--engine", "dask", "--workers", "2", "--chunk-size", "5")
    assert proc.returncode == 1, proc.stderr.decode()
    assert _parts(out) == want  # same records, same results, and part order = input order
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["complete"] and manifest["records"] == len(want) and manifest["errors"] == 2
    assert len(manifest["parts"]) == 5 + 2 + 1  # 24 lines / 5, 7 lines / 5, 3 files
    assert f"docs: {len(want)}  errors: 2" in proc.stderr.decode()

    # lose two parts, as after a crash: --resume redoes exactly those
    for name in ("part-00001", "part-00006"):
        os.remove(out / f"{name}.jsonl")
    proc = run_cli("batch", *inputs, "-o", str(out), "--engine", "dask", "--workers", "2", "--chunk-size", "5", "--resume")
    assert proc.returncode == 1, proc.stderr.decode()
    assert _parts(out) == want
    assert "docs: 7  errors: 1" in proc.stderr.decode()


def test_dask_reads_stdin(tmp_path):
    recs = [{"id": f"s{i}", "text": make_doc(i)} for i in range(4)]
    data = "".join(json.dumps(r) + "\n" for r in recs).encode()
    local = tmp_path / "local.jsonl"
    assert run_cli("batch", "-", "-o", str(local), "--workers", "1", stdin=data).returncode == 0
    out = tmp_path / "dask-out"
    proc = run_cli("batch", "-", "-o", str(out), "--engine", "dask", "--workers", "2", "--chunk-size", "3", stdin=data)
    assert proc.returncode == 0, proc.stderr.decode()
    assert _parts(out) == read_jsonl(local)


def test_dask_sizes_partitions_for_every_worker_shows_progress_and_resumes_with_its_plan(tmp_path):
    recs = [{"id": f"p{i}", "text": make_doc(i)} for i in range(40)]
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    local = tmp_path / "local.jsonl"
    assert run_cli("batch", str(src), "-o", str(local), "--workers", "1").returncode == 0
    out = tmp_path / "parts"
    proc = run_cli("batch", str(src), "-o", str(out), "--engine", "dask", "--workers", "2", "--progress", "always")
    assert proc.returncode == 0, proc.stderr.decode()
    manifest = json.loads((out / "manifest.json").read_text())
    # 40 records for 2 workers: 8 partitions of 5 (4 a worker), not one partition of 2000
    assert manifest["partition_size"] == 5 and [p["records"] for p in manifest["parts"]] == [5] * 8
    assert _parts(out) == read_jsonl(local)
    stderr = proc.stderr.decode()
    assert "dask dashboard: http://127.0.0.1:" in stderr and "40/40 docs" in stderr

    os.remove(out / "part-00003.jsonl")  # a resumed run keeps its partitioning, whatever --workers says
    proc = run_cli("batch", str(src), "-o", str(out), "--engine", "dask", "--workers", "1", "--resume")
    assert proc.returncode == 0, proc.stderr.decode()
    assert _parts(out) == read_jsonl(local) and "docs: 5  errors: 0  skipped (resumed): 35" in proc.stderr.decode()


def test_missing_dask_names_the_extra_and_writes_nothing(tmp_path):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text("import sys\nsys.modules['distributed'] = None  # not installed\n")
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": make_doc(1)}])
    for args in (("batch", str(src), "-o", str(tmp_path / "parts"), "--engine", "dask"),
                 ("learn", str(src), "--profiles", str(tmp_path / "p.db"), "--engine", "dask")):
        proc = run_cli(*args, env=cli_env(str(hook)))
        assert proc.returncode == 2, proc.stderr.decode()
        assert "pip install 'cleaner[dask]'" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()
    assert not (tmp_path / "parts").exists() and not (tmp_path / "p.db").exists()
