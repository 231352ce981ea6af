"""Everyday batch use: `-o -` is standard output, the progress line counts records, output
records carry the library's metadata, and each run ends with a report (stderr and JSON)."""
from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import sys
import time

import psutil
import pytest
from batch_helpers import ROOT, cli_env, make_doc, read_jsonl, run_cli, write_jsonl

from cleaner import clean
from cleaner.batch.report import RunReport
from cleaner.progress import ProgressBar


def _records(n: int) -> list[dict]:
    return [{"id": f"d{i}", "text": make_doc(i)} for i in range(n)]


# ---- -o - -----------------------------------------------------------------------------------


def test_dash_output_is_jsonl_on_stdout(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", _records(7))
    to_file = run_cli("batch", str(src), "-o", str(tmp_path / "out.jsonl"), "--ordered", "--workers", "2")
    to_stdout = run_cli("batch", str(src), "-o", "-", "--ordered", "--workers", "2")
    assert to_stdout.returncode == 0, to_stdout.stderr.decode()
    assert to_stdout.stdout == (tmp_path / "out.jsonl").read_bytes() and to_file.returncode == 0
    assert b"docs: 7  errors: 0" in to_stdout.stderr  # the report stays on stderr
    assert not (tmp_path / "-").exists() and not list(tmp_path.glob("-*"))


def test_dash_in_and_dash_out_make_a_filter():
    data = "".join(json.dumps(r) + "\n" for r in _records(3)).encode()
    proc = run_cli("batch", "-", "-o", "-", "--ordered", stdin=data)
    assert proc.returncode == 0, proc.stderr.decode()
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ["d0", "d1", "d2"]


@pytest.mark.parametrize("extra, message", [
    (("--resume",), b"standard output cannot be read back"),
    (("--engine", "dask"), b"standard output (-o -) needs the local engine"),
])
def test_dash_output_refuses_what_it_cannot_do(tmp_path, extra, message):
    src = write_jsonl(tmp_path / "in.jsonl", _records(1))
    proc = run_cli("batch", str(src), "-o", "-", *extra)
    assert proc.returncode == 2 and message in proc.stderr and proc.stdout == b""
    assert not (tmp_path / "-").exists()


# ---- progress --------------------------------------------------------------------------------


def _frames(stderr: str) -> list[str]:
    """The progress line's drawings (each ends by clearing the rest of the line)."""
    return [frame[: -len("\x1b[K")] for frame in re.split(r"[\r\n]", stderr) if frame.endswith("\x1b[K")]


def test_progress_counts_records_against_the_total(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", _records(30))
    proc = run_cli("batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--workers", "2", "--chunk-size", "4",
                   "--progress", "always")
    assert proc.returncode == 0
    frames = _frames(proc.stderr.decode())
    assert frames
    for frame in frames:
        done, total = map(int, re.search(r"(\d+)/(\d+) docs", frame).groups())
        percent = float(re.search(r"([\d.]+)%", frame).group(1))
        assert total == 30 and percent == pytest.approx(100 * done / total, abs=0.05), frame
    assert "30/30 docs" in frames[-1] and "100.0%" in frames[-1] and "0 errors" in frames[-1]


def test_progress_without_a_cheap_total_counts_records_only(tmp_path):
    (tmp_path / "in.jsonl.gz").write_bytes(gzip.compress(
        "".join(json.dumps(r) + "\n" for r in _records(5)).encode()))
    proc = run_cli("batch", str(tmp_path / "in.jsonl.gz"), "-o", str(tmp_path / "o.jsonl"), "--workers", "1",
                   "--progress", "always")
    frames = _frames(proc.stderr.decode())
    assert frames and frames[-1].startswith("5 docs  0 errors") and "%" not in frames[-1] and "ETA" not in frames[-1]


def test_progress_bar_words_and_eta():
    out = io.StringIO()
    bar = ProgressBar(out, enabled=True)
    bar.start -= 10  # ten seconds in: 64 documents at 6.4 docs/s, 240 to go
    bar.show(64, 2, 304)
    line = out.getvalue()
    assert "21.1%  64/304 docs  2 errors  6.4 docs/s  ETA 00:37" in line
    bar.show(4, 0, 304, skipped=300)  # a resumed run: what the output held counts as done
    bar.close()
    last = out.getvalue().rsplit("\r", 1)[1]
    assert "100.0%  304/304 docs  0 errors" in last and "ETA --:--" in last and last.endswith("\n")


def test_progress_of_a_resumed_run_counts_what_was_there(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", _records(6))
    out = tmp_path / "o.jsonl"
    assert run_cli("batch", str(src), "-o", str(out), "--workers", "1").returncode == 0
    lines = out.read_bytes().splitlines(keepends=True)
    out.unlink()
    (tmp_path / "o.jsonl.partial").write_bytes(b"".join(lines[:4]))
    proc = run_cli("batch", str(src), "-o", str(out), "--workers", "1", "--resume", "--progress", "always")
    assert proc.returncode == 0
    assert "6/6 docs" in _frames(proc.stderr.decode())[-1]


# ---- what an output record carries, and the run's report --------------------------------------

PAGE = ("<html><head><title>Rain expected | Example News</title>"
        '<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-03-01">'
        '<meta property="og:site_name" content="Example News"></head><body><nav>Home | News | Sport</nav>'
        "<article><h1>Rain expected</h1><p>Heavy rain is expected across the region on Monday, forecasters "
        "said, with flooding possible in low-lying areas near the river.</p></article></body></html>")


def test_output_records_carry_metadata_stats_and_warnings(tmp_path):
    recs = [{"id": "t", "text": make_doc(1), "metadata": "overwritten"}, {"id": "h", "html": PAGE, "url": "https://x.example/a"}]
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    assert run_cli("batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--ordered").returncode == 0
    text, page = read_jsonl(tmp_path / "o.jsonl")
    for out, result in ((text, clean(text=recs[0]["text"])), (page, clean(html=PAGE, url=recs[1]["url"]))):
        assert out["metadata"] == result.metadata.model_dump()
        assert out["stats"] == result.stats.model_dump()
        assert out["warnings"] == result.warnings
        assert out["title"] == result.title and out["language"] == result.language
    assert page["metadata"]["author"] == "Jane Doe" and page["metadata"]["date"].startswith("2024-03-01")
    assert page["metadata"]["url"] == "https://x.example/a" and page["url"] == "https://x.example/a"


def test_a_short_record_the_heuristics_would_empty_comes_back_with_its_warning(tmp_path):
    """HEUR105: the batch output record carries the warning, and the text is the input's."""
    recs = [{"id": "note", "text": "Headline\n\nBody paragraph."}, {"id": "article", "text": make_doc(2)}]
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    assert run_cli("batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--ordered").returncode == 0
    note, article = read_jsonl(tmp_path / "o.jsonl")
    assert note["text"] == "Headline\n\nBody paragraph."
    assert [w.split(":")[0] for w in note["warnings"]] == ["short_input_kept"]
    assert article["warnings"] == []


def test_run_report_on_stderr_and_as_json(tmp_path):
    recs = _records(5) + [{"id": "bad", "text": 42}]
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    summary = tmp_path / "run.json"
    proc = run_cli("batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--summary", str(summary), "--workers", "2")
    assert proc.returncode == 1
    report = json.loads(summary.read_text())
    assert (report["documents"], report["errors"], report["failed"]) == (6, 1, True)
    assert report["output"] == str(tmp_path / "o.jsonl") and report["seconds"] > 0
    by_rule = {}
    for rec in read_jsonl(tmp_path / "o.jsonl"):
        for span in rec.get("removed", []):
            by_rule[span["rule"]] = by_rule.get(span["rule"], 0) + 1
    assert report["removed_by_rule"] == dict(sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])))
    assert sum(report["removed_by_family"].values()) == sum(by_rule.values())
    assert set(report["removed_by_family"]) == {re.match(r"[A-Z]+", code).group() for code in by_rule}
    stderr = proc.stderr.decode()
    families = "  ".join(f"{name} {n}" for name, n in report["removed_by_family"].items())
    assert f"removed spans: {sum(by_rule.values())}  by family: {families}" in stderr


def test_report_families_follow_the_registry():
    report = RunReport(removed_by_rule={"NAV002": 3, "NAV010": 1, "HEUR101": 7, "TITLE001": 1})
    assert report.removed_by_family == {"HEUR": 7, "NAV": 4, "TITLE": 1}
    assert list(report.as_dict()["removed_by_family"]) == ["HEUR", "NAV", "TITLE"]


def test_dash_output_stops_quietly_when_its_reader_goes(tmp_path):
    """`cleaner batch ... -o - | head -1`: no traceback, the status a shell gives a piped
    tool, and no worker left behind."""
    src = write_jsonl(tmp_path / "in.jsonl", _records(200))
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "batch", str(src), "-o", "-", "--workers", "2",
                             "--chunk-size", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=cli_env())
    assert json.loads(proc.stdout.readline())["id"].startswith("d")
    proc.stdout.close()  # the reader goes, as head does after its first line
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    deadline = time.monotonic() + 10
    while _processes_reading(src) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _processes_reading(src)


def _processes_reading(src) -> list:
    """Processes (the driver's forked workers share its command line) still on this input."""
    return [p for p in psutil.process_iter(["cmdline"]) if str(src) in " ".join(p.info["cmdline"] or [])]
