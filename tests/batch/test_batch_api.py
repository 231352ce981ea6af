"""cleaner.batch.run, the batch as a library: the same records as the CLI, any source and
sink, resume, explain pages, and clear errors before anything is cleaned."""
from __future__ import annotations

import json
import re

import pytest
from batch_helpers import make_doc, read_jsonl, run_cli, write_jsonl

from cleaner import clean
from cleaner.batch import BatchError, DaskEngine, ExplainPages, LocalEngine, RunReport, run
from cleaner.batch.readers import InputError


def _records(n: int) -> list[dict]:
    return [{"id": f"r{i}", "text": make_doc(i), "keep": i} for i in range(n)]


def test_records_in_dicts_out_equal_clean():
    got: list[dict] = []
    recs = _records(6) + [{"text": make_doc(9)}, "not a record"]
    report = run(recs, got.append, {"preset": "aggressive"}, engine=LocalEngine(workers=1))
    assert isinstance(report, RunReport)
    assert (report.documents, report.errors, report.engine) == (8, 1, "local")
    for rec, out in zip(recs[:6], got):
        result = clean(text=rec["text"], options={"preset": "aggressive"})
        assert out["id"] == rec["id"] and out["keep"] == rec["keep"]
        assert (out["title"], out["text"]) == (result.title, result.text)
    assert got[6]["id"] == "records:7" and got[7] == {"id": "records:8", "error": "record 8 is a str, not a mapping"}
    assert sum(report.removed_by_rule.values()) == sum(len(o.get("removed", [])) for o in got)
    assert "text" in recs[6] and "id" not in recs[6]  # the caller's records are not changed


def test_paths_in_equal_the_cli_output(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", _records(9))
    report = run(str(src), tmp_path / "api.jsonl", engine=LocalEngine(workers=2, chunk_size=2, ordered=True))
    proc = run_cli("batch", str(src), "-o", str(tmp_path / "cli.jsonl"), "--workers", "2", "--ordered")
    assert proc.returncode == 0, proc.stderr.decode()
    assert (tmp_path / "api.jsonl").read_bytes() == (tmp_path / "cli.jsonl").read_bytes()
    assert report.documents == 9 and not report.failed and report.seconds > 0


def test_resume_skips_what_the_output_holds(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", _records(5))
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    run([str(src)], str(out))
    lines = out.read_bytes().splitlines(keepends=True)
    out.unlink()
    partial.write_bytes(b"".join(lines[:2]))
    report = run([str(src)], str(out), resume=True)
    assert (report.documents, report.skipped) == (3, 2)
    assert sorted(r["id"] for r in read_jsonl(out)) == [f"r{i}" for i in range(5)]


def test_explain_pages_and_their_note(tmp_path):
    pages = ExplainPages(str(tmp_path / "pages"), limit=2)
    report = run(_records(3), lambda record: None, pages=pages)
    index = tmp_path / "pages" / "index.html"
    assert index.exists() and len(list((tmp_path / "pages" / "docs").iterdir())) == 2
    assert report.notes == [f"report: {index} (3 documents, 2 pages)"]


@pytest.mark.parametrize("call, message", [
    (lambda tmp: run(str(tmp / "missing.jsonl"), str(tmp / "o.jsonl")), "no such file or folder"),
    (lambda tmp: run([], str(tmp / "no" / "dir" / "o.jsonl")), "does not exist"),
    (lambda tmp: run([], str(tmp / "o.jsonl"), {"explain": False}, pages=ExplainPages(str(tmp / "p"))),
     "need the removed spans"),
    (lambda tmp: run(_records(1), str(tmp / "parts"), engine=DaskEngine(workers=1)), "give the source as paths"),
    (lambda tmp: run([str(tmp)], [].append, engine=DaskEngine(workers=1)), "give the sink as a folder path"),
    (lambda tmp: run(["-", "-"], str(tmp / "o.jsonl")), "stdin (-) can be given once"),
])
def test_unusable_settings_are_a_batch_error_before_any_work(tmp_path, call, message):
    with pytest.raises(BatchError, match=re.escape(message)):
        call(tmp_path)
    assert not (tmp_path / "o.jsonl").exists()


def test_input_errors_are_batch_errors_and_value_errors():
    assert issubclass(InputError, BatchError) and issubclass(BatchError, ValueError)


def test_engines_refuse_settings_out_of_range():
    with pytest.raises(ValueError, match="workers must be at least 1"):
        LocalEngine(workers=0)
    with pytest.raises(ValueError, match="partition_size must be at least 1"):
        DaskEngine(partition_size=0)


def test_report_as_dict_is_json():
    report = run(_records(2), lambda record: None)
    data = json.loads(json.dumps(report.as_dict()))
    assert data["documents"] == 2 and data["errors"] == 0 and data["removed_by_rule"]
