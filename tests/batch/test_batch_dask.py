"""`--engine dask` on a LocalCluster (2 workers) gives the same records as the local engine."""
from __future__ import annotations

import gzip
import json
import os

from batch_helpers import make_doc, read_jsonl, run_cli, write_jsonl


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
