"""`cleaner batch --timeout`: a document over budget is an error record, the run goes on."""
from __future__ import annotations

from batch_helpers import cli_env, make_doc, read_jsonl, run_cli, write_jsonl

HOOK = (
    "import time\n"
    "import cleaner.api as api\n"
    "_orig = api.clean_text\n"
    "def slow(text, *a, **k):\n"
    "    if 'SPIN' in text:\n"
    "        end = time.monotonic() + 60\n"
    "        while time.monotonic() < end:\n"
    "            pass\n"
    "    if 'STUCKINC' in text:\n"
    "        time.sleep(60)  # C code: the stop exception cannot land until it returns\n"
    "    return _orig(text, *a, **k)\n"
    "api.clean_text = slow\n"
)


def _run(tmp_path, marker: str, *extra: str):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOOK)
    recs = [{"id": f"d{i}", "text": make_doc(i), "language": "en"} for i in range(8)]
    recs[3] = {"id": "slow", "text": f"{marker} " + make_doc(3)}
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", str(src), "-o", str(out), "--ordered", "--timeout", "5", *extra,
                   env=cli_env(str(hook)), timeout=100)
    return recs, read_jsonl(out), proc


def test_a_document_over_budget_becomes_an_error_record(tmp_path):
    recs, rows, proc = _run(tmp_path, "SPIN", "--workers", "2", "--chunk-size", "2")
    assert proc.returncode == 1, proc.stderr.decode()
    assert [r["id"] for r in rows] == [r["id"] for r in recs]
    assert rows[3] == {"id": "slow", "error": "DocumentTimeout: document took longer than 5 s"}
    assert all("error" not in r for i, r in enumerate(rows) if i != 3)


def test_the_budget_holds_in_process_with_one_worker(tmp_path):
    recs, rows, proc = _run(tmp_path, "SPIN", "--workers", "1")
    assert proc.returncode == 1
    assert rows[3]["error"].startswith("DocumentTimeout")
    assert sum("error" in r for r in rows) == 1


def test_a_document_stuck_in_c_code_costs_its_worker_not_the_run(tmp_path):
    """The stuck thread cannot be stopped; the worker exits before its next chunk and
    the pool redoes that chunk on a fresh process, so every record is still written."""
    recs, rows, proc = _run(tmp_path, "STUCKINC", "--workers", "2", "--chunk-size", "1")
    assert proc.returncode == 1, proc.stderr.decode()
    assert [r["id"] for r in rows] == [r["id"] for r in recs]
    assert rows[3]["error"].startswith("DocumentTimeout")
    assert all("error" not in r for i, r in enumerate(rows) if i != 3)


def test_a_bad_timeout_is_a_usage_error(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "x"}])
    proc = run_cli("batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--timeout", "-1")
    assert proc.returncode == 2 and b"timeout" in proc.stderr
